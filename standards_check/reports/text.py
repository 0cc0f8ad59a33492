"""The terminal summary: per program, per rubric, each criterion's status and why.

Colour is added only when asked for (the CLI asks when standard output is a
terminal); the status is always spelled out, never shown by colour alone. What
comes from a document (names, quotes, warnings) has its unprintable characters
written as escapes: a hostile document cannot send a terminal control sequence.
"""

from __future__ import annotations

from standards_check.errors import (
    escape_controls as _escape_controls,  # a document's text may hold terminal escapes: shown, never sent
)
from standards_check.model.report import Report
from standards_check.reports import where

_COLOURS = {"met": "32", "partial": "33", "not_met": "31", "error": "35", "needs_review": "36", "not_applicable": "2"}
_LABELS = {
    "met": "met",
    "partial": "partial",
    "not_met": "NOT MET",
    "not_applicable": "n/a",
    "needs_review": "review",
    "error": "ERROR",
}


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}%"


def render(report: Report, *, color: bool = False, verbose: bool = False) -> str:
    def paint(status: str, text: str) -> str:
        return f"\x1b[{_COLOURS[status]}m{text}\x1b[0m" if color else text

    lines: list[str] = []
    for problem in report.get("plugin_problems", []):
        lines.append(_escape_controls(f"plugin problem: {problem['plugin']}: {problem['message']}"))
    for program in report["programs"]:
        head = _escape_controls(f"{program['name']} ({program['source']})")
        lines.append(head)
        lines.append("=" * len(head))
        overall = f"Overall score: {_score(program['score'])}"
        if program["score_with_attestations"] != program["score"]:
            overall += f" ({_score(program['score_with_attestations'])} with attestations)"
        lines.append(overall)
        for warning in program["warnings"]:
            lines.append(_escape_controls(f"warning: {warning}"))
        for rubric in program["rubrics"]:
            lines.append("")
            lines.append(_escape_controls(f"{rubric['title']} [{rubric['id']}]: {_score(rubric['score'])}"))
            for c in rubric["criteria"]:
                status = c["effective_status"]
                label = _LABELS[status]
                attested = " (attested)" if c["attestation"] and not c["attestation"]["expired"] else ""
                lines.append(f"  {_escape_controls(c['id']):<8} {paint(status, f'{label:<8}')} {_escape_controls(c['title'])} [{c['severity']}]{attested}")
                if status in ("partial", "not_met", "needs_review", "error") or verbose:
                    lines.append(_escape_controls(f"           {c['rationale']}"))
                    for ev in c["evidence"]:
                        if ev["kind"] == "contradicts" or verbose:
                            mark = "red flag" if ev["kind"] == "contradicts" else f"({ev['element']})"
                            lines.append(_escape_controls(f"           - {mark} {where(ev, policy='')}: \"{ev['quote']}\""))
                    for pe in c.get("possible_evidence", []):
                        lines.append(_escape_controls(f"           ? possible ({pe['element']}), confirm or attest: {where(pe, policy='')}: \"{pe['quote']}\""))
                    for note in c["notes"]:
                        lines.append(_escape_controls(f"           ! {note}"))
                if c["attestation"] and c["attestation"]["expired"]:
                    a = c["attestation"]
                    lines.append(_escape_controls(f"           ! attestation by {a['attested_by']} expired on {a['expires']}; evaluated from the text"))
        counts = ", ".join(f"{n} {_LABELS[s]}" for s, n in program["counts"].items() if n)
        lines.append("")
        lines.append(f"Criteria: {counts}")
        lines.append("")
    summary = report["summary"]
    if summary["programs"] > 1:
        lines.append(f"{summary['programs']} programs, mean score {_score(summary['mean_score'])}")
        for entry in summary["most_often_unmet"][:5]:
            lines.append(_escape_controls(f"  {entry['id']} {entry['title']}: not met in {entry['programs']} program(s)"))
    return "\n".join(lines).rstrip() + "\n"
