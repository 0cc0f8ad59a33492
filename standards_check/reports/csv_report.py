"""The CSV report: one row per program and criterion, for spreadsheets.

Rendered only from the report dictionary with the :mod:`csv` module (RFC 4180:
comma-separated, fields quoted when needed, CRLF line ends, UTF-8 without a byte
order mark). Columns, in this order (:data:`COLUMNS`):

``source, program, rubric, criterion, title, severity, status, effective_status,
rubric_score, rubric_score_with_attestations, evidence_count, first_quote_at,
first_quote, rationale, attested_by, attestation_status, attestation_expires,
attestation_expired, possible_evidence_count, first_possible_at, first_possible``

``possible_*`` name sentences that share a missing element's key words: possible
evidence for a person to confirm or attest, never counted.

``first_quote_at`` is ``policy:line`` of the first quote (a red flag's if there is
one); scores are numbers with one decimal, empty when not scored.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula, so such a text cell is written with a leading single quote
(``'=HYPERLINK(...)``): the policy text shows, nothing runs. Control characters
and bidirectional overrides in a text cell are written as escapes (``\\x1b``,
``\\u202e``), as the Markdown and HTML reports show them: a cell can neither
reorder what a spreadsheet shows nor carry a terminal escape to a tool that prints
the file. Numeric columns are written by the report, never from policy text, and
are left as they are.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from standards_check.errors import escape_controls
from standards_check.model.report import Report
from standards_check.reports import where_short

COLUMNS = (
    "source",
    "program",
    "rubric",
    "criterion",
    "title",
    "severity",
    "status",
    "effective_status",
    "rubric_score",
    "rubric_score_with_attestations",
    "evidence_count",
    "first_quote_at",
    "first_quote",
    "rationale",
    "attested_by",
    "attestation_status",
    "attestation_expires",
    "attestation_expired",
    "possible_evidence_count",
    "first_possible_at",
    "first_possible",
)
_FORMULA_START = ("=", "+", "-", "@")
_NUMERIC = {"rubric_score", "rubric_score_with_attestations", "evidence_count", "possible_evidence_count"}


def safe_cell(value: Any) -> str:
    """Text that a spreadsheet shows and never evaluates, its control characters as escapes."""
    text = "" if value is None else escape_controls(str(value))
    # a spreadsheet skips leading spaces, no-break and zero-width ones included, before a formula
    if text.lstrip(" \u00a0\u2007\u202f\u200b\ufeff\u2060\t").startswith(_FORMULA_START):
        return "'" + text
    return text


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _row(program: dict[str, Any], rubric: dict[str, Any], c: dict[str, Any]) -> dict[str, str]:
    flags = [e for e in c["evidence"] if e["kind"] == "contradicts"]
    first = (flags or c["evidence"] or [None])[0]
    a = c.get("attestation") or {}
    possible = c.get("possible_evidence") or []
    row = {
        "source": program["source"],
        "program": program["name"],
        "rubric": rubric["id"],
        "criterion": c["id"],
        "title": c["title"],
        "severity": c["severity"],
        "status": c["status"],
        "effective_status": c["effective_status"],
        "rubric_score": _score(rubric["score"]),
        "rubric_score_with_attestations": _score(rubric["score_with_attestations"]),
        "evidence_count": str(len(c["evidence"])),
        "first_quote_at": where_short(first) if first else "",
        "first_quote": " ".join(first["quote"].split()) if first else "",
        "rationale": c.get("rationale") or "",
        "attested_by": a.get("attested_by") or "",
        "attestation_status": a.get("status") or "",
        "attestation_expires": a.get("expires") or "",
        "attestation_expired": ("yes" if a.get("expired") else "no") if a else "",
        "possible_evidence_count": str(len(possible)),
        "first_possible_at": where_short(possible[0]) if possible else "",
        "first_possible": " ".join(possible[0]["quote"].split()) if possible else "",
    }
    return {k: (v if k in _NUMERIC else safe_cell(v)) for k, v in row.items()}


def render(report: Report) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for program in report["programs"]:
        for rubric in program["rubrics"]:
            for c in rubric["criteria"]:
                writer.writerow(_row(program, rubric, c))
    return out.getvalue()
