"""The SARIF 2.1.0 report: for code-scanning tools (GitHub code scanning and others).

Rendered only from the report dictionary. One run; ``tool.driver.rules`` holds one
rule per criterion of the run's rubrics (requirement, remediation and model policy
language as help); ``results`` holds one result per program and criterion whose
*effective* status (after attestations) is ``not_met``, ``partial``,
``needs_review`` or ``error``. A criterion that is met, not applicable, or attested
as such gives no result.

Result level (the mapping is part of this format's contract):

=================  ==============  =========
effective status   severity        level
=================  ==============  =========
``error``          any             ``error``
``not_met``        ``critical``    ``error``
``not_met``        major, minor    ``warning``
``partial``        any             ``warning``
``needs_review``   any             ``note``
=================  ==============  =========

So ``error`` results are exactly what fails a run by default (``--fail-on
critical``: a critical criterion not met, or a criterion that could not be
evaluated). The rule's ``defaultConfiguration.level`` is ``error`` for critical
criteria and ``warning`` otherwise.

Locations: the quoted sentences, red flags first, each at its line in the program's
policy file (``artifactLocation.uri`` is the source path as given, relative paths
against ``%SRCROOT%``). A criterion with no quote (the policy is silent) points at
the file. ``partialFingerprints["standardsCheck/v1"]`` hashes the program source,
the criterion ID and the policy ID of the first location, never line numbers, so
a finding keeps its identity when lines are added above it.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from standards_check.model.report import Report
from standards_check.reports import STATUS_LABELS, where

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "standardsCheck/v1"
REPORTED = ("not_met", "partial", "needs_review", "error")
_LABEL = {name: label.lower() for name, label in STATUS_LABELS.items()}


def level_for(status: str, severity: str) -> str:
    """The SARIF level of a finding (see the table in this module's docstring)."""
    if status == "error":
        return "error"
    if status == "not_met":
        return "error" if severity == "critical" else "warning"
    if status == "partial":
        return "warning"
    return "note"


def fingerprint(source: str, criterion: str, policy: str | None) -> str:
    data = "\x1f".join((source.replace("\\", "/"), criterion, policy or ""))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def artifact_location(source: str) -> dict[str, Any]:
    """The source path as a URI reference: relative against %SRCROOT%, absolute as file:."""
    if PureWindowsPath(source).drive and not source.startswith("/"):
        return {"uri": PureWindowsPath(source).as_uri()}
    path = source.replace("\\", "/")
    if path.startswith("/"):
        return {"uri": PurePosixPath(path).as_uri()}
    if path.startswith("./"):
        path = path[2:]
    return {"uri": quote(path, safe="/-._~"), "uriBaseId": "%SRCROOT%"}


def _pascal(title: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", title)
    return "".join(w[:1].upper() + w[1:] for w in words) or "Criterion"


def _help(info: dict[str, Any]) -> dict[str, str]:
    from standards_check.reports.markdown import md

    text_parts = []
    md_parts = []
    if info.get("requirement"):
        text_parts.append(f"Requirement: {info['requirement']}")
        md_parts.append(f"**Requirement:** {md(info['requirement'])}")
    if info.get("why"):
        text_parts.append(f"Why it matters: {info['why']}")
        md_parts.append(f"**Why it matters:** {md(info['why'])}")
    if info.get("remediation"):
        text_parts.append(f"How to fix it: {info['remediation']}")
        md_parts.append(f"**How to fix it:** {md(info['remediation'])}")
    if info.get("model_language"):
        text_parts.append(f"Model policy language you can adapt: {info['model_language']}")
        md_parts.append(f"**Model policy language you can adapt:**\n\n> {md(info['model_language'], line_start=True)}")
    refs = info.get("references") or []
    if refs:
        lines = []
        md_lines = []
        for ref in refs:
            item = ref["document"] + (f", {ref['section']}" if ref.get("section") else "") + (f" ({ref['url']})" if ref.get("url") else "")
            lines.append(f"- {item}")
            md_lines.append(
                f"- *{md(ref['document'])}*" + (f", {md(ref['section'])}" if ref.get("section") else "") + (f" ({md(ref['url'])})" if ref.get("url") else "")
            )
        text_parts.append("References:\n" + "\n".join(lines))
        md_parts.append("**References:**\n\n" + "\n".join(md_lines))
    text = "\n\n".join(text_parts) or info.get("title", "")
    return {"text": text, "markdown": "\n\n".join(md_parts) or text}


def _rule(rubric: dict[str, Any], c: dict[str, Any]) -> dict[str, Any]:
    severity = c.get("severity", "major")
    return {
        "id": c["id"],
        "name": _pascal(c.get("title", c["id"])),
        "shortDescription": {"text": f"{c['id']} {c.get('title', '')}".strip()},
        "fullDescription": {"text": c.get("requirement") or c.get("title") or c["id"]},
        "help": _help(c),
        "defaultConfiguration": {"level": "error" if severity == "critical" else "warning"},
        "properties": {
            "severity": severity,
            "rubric": rubric["id"],
            "rubricTitle": rubric.get("title", rubric["id"]),
            "tags": ["peer-support", "policy", rubric["id"], severity],
        },
    }


def _location(source: str, ev: dict[str, Any], *, region: bool = True) -> dict[str, Any]:
    if ev["kind"] == "contradicts":
        what = "Red flag" + (f" ({ev['red_flag']})" if ev.get("red_flag") else "")
    else:
        what = "Supports" + (f" element ({ev['element']})" if ev.get("element") else "")
        if ev.get("hedge"):
            what += f", hedged ({ev['hedge']})"
    return _quoted_location(source, ev, what, region=region)


def _possible(source: str, pe: dict[str, Any]) -> dict[str, Any]:
    return _quoted_location(source, pe, f"Possible evidence for element ({pe['element']}), not counted; confirm or attest")


def _quoted_location(source: str, quoted: dict[str, Any], what: str, *, region: bool = True) -> dict[str, Any]:
    """A location of a quoted sentence (evidence or possible evidence): file, line, policy, quote."""
    physical: dict[str, Any] = {"artifactLocation": artifact_location(source)}
    # the line of an imported document's policy text is no line of the original file
    if region and not quoted.get("place") and isinstance(quoted.get("line"), int) and quoted["line"] >= 1:
        physical["region"] = {"startLine": quoted["line"], "snippet": {"text": quoted["quote"]}}
    return {
        "physicalLocation": physical,
        "logicalLocations": [{"name": quoted["policy"], "kind": "object"}],
        "message": {"text": f"{what}: {where(quoted)}: \u201c{quoted['quote']}\u201d"},
    }


def _message(program: dict[str, Any], c: dict[str, Any]) -> str:
    parts = [c.get("rationale") or f"{c['id']} is {_LABEL.get(c['effective_status'], c['effective_status'])}."]
    if c.get("error") and c["error"] not in parts[0]:
        parts.append(f"Error: {c['error']}")
    parts.extend(c.get("notes") or [])
    a = c.get("attestation")
    if a and a.get("expired"):
        parts.append(f"An attestation by {a['attested_by']} ({a['date']}) expired on {a.get('expires')}; the status is the checker's own.")
    return " ".join(parts)


def render(report: Report) -> str:
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rubric in report.get("rubrics", []):
        for c in rubric.get("criteria", []):
            if c["id"] not in index:
                index[c["id"]] = len(rules)
                rules.append(_rule(rubric, c))

    results: list[dict[str, Any]] = []
    for program in report["programs"]:
        source = program["source"]
        for r in program["rubrics"]:
            for c in r["criteria"]:
                status = c["effective_status"]
                if status not in REPORTED:
                    continue
                if c["id"] not in index:  # a criterion no rubric of the run declares
                    index[c["id"]] = len(rules)
                    rules.append(_rule({"id": r["id"], "title": r.get("title", r["id"])}, c))
                evidence = [e for e in c["evidence"] if e["kind"] == "contradicts"] + [e for e in c["evidence"] if e["kind"] != "contradicts"]
                if evidence:
                    locations = [_location(source, ev) for ev in evidence]
                else:
                    locations = [{"physicalLocation": {"artifactLocation": artifact_location(source)}}]
                policy = evidence[0]["policy"] if evidence else None
                properties: dict[str, Any] = {
                    "program": program["name"],
                    "rubric": r["id"],
                    "severity": c["severity"],
                    "status": c["status"],
                    "effectiveStatus": status,
                    "rubricScore": r["score"],
                }
                if c.get("attestation"):
                    properties["attestation"] = c["attestation"]
                result = {
                    "ruleId": c["id"],
                    "ruleIndex": index[c["id"]],
                    "level": level_for(status, c["severity"]),
                    "message": {"text": _message(program, c)},
                    "locations": locations,
                    "partialFingerprints": {FINGERPRINT_KEY: fingerprint(source, c["id"], policy)},
                    "properties": properties,
                }
                if c.get("possible_evidence"):
                    result["relatedLocations"] = [_possible(source, pe) for pe in c["possible_evidence"]]
                results.append(result)

    notifications = []
    for problem in report.get("plugin_problems", []):
        notifications.append({"level": "error", "message": {"text": f"plugin {problem['plugin']}: {problem['message']}"}})
    for program in report["programs"]:
        for warning in program.get("warnings", []):
            notifications.append(
                {
                    "level": "warning",
                    "message": {"text": warning},
                    "locations": [{"physicalLocation": {"artifactLocation": artifact_location(program["source"])}}],
                }
            )
    invocation: dict[str, Any] = {"executionSuccessful": not report.get("plugin_problems")}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications

    tool = report["tool"]
    run = {
        "tool": {
            "driver": {
                "name": tool["name"],
                "version": str(tool["version"]),
                "rules": rules,
            }
        },
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "reportSchema": report.get("schema"),
            "summary": {
                "programs": report["summary"]["programs"],
                "meanScore": report["summary"]["mean_score"],
                "counts": report["summary"]["counts"],
            },
        },
    }
    doc = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
