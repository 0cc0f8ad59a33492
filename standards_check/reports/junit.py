"""The JUnit XML report: for CI dashboards (Jenkins, GitLab, Azure DevOps, ...).

Rendered only from the report dictionary and built with :mod:`xml.etree.ElementTree`
(which escapes every value). Shape::

    <testsuite name="standards-check plugins">   only when plugins failed: one
                                                 <error type="plugin_problem"> each

    <testsuites>                 one per run
      <testsuite>                one per program and rubric
        <properties/>            program, source, rubric, scores
        <testcase classname="PROGRAM.RUBRIC" name="ID title">

``PROGRAM`` is the policy file's name without its extension (the whole path,
flattened, when two files of the run share a name); dots in it become ``_`` so
that dashboards splitting the class name on dots keep it whole.

Each criterion's *effective* status (after attestations) decides its outcome:

==================  ======================================================
status              testcase outcome
==================  ======================================================
``met``             passed (no child element)
``not_met``         ``<failure type="not_met">``
``partial``         ``<failure type="partial">``: a partial criterion is a
                    failure (it lowers the score and needs a fix), told
                    apart from ``not_met`` by its ``type``
``error``           ``<error type="error">``
``not_applicable``  ``<skipped type="not_applicable">``
``needs_review``    ``<skipped type="needs_review">``: a person must decide
==================  ======================================================

The element's ``message`` is the rationale; its text lists the quoted evidence
(``policy:line``), notes and how to fix it. Attestations are written in the
testcase's ``<system-out>``. Times are ``0``: nothing is timed, so the same report
gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import PurePosixPath
from typing import Any

from standards_check.model.report import Report
from standards_check.reports import STATUS_LABELS, where_short

OUTCOME = {
    "not_met": ("failure", "not_met"),
    "partial": ("failure", "partial"),
    "error": ("error", "error"),
    "not_applicable": ("skipped", "not_applicable"),
    "needs_review": ("skipped", "needs_review"),
}
_LABEL = {name: label.lower() for name, label in STATUS_LABELS.items()}
# characters XML 1.0 cannot carry, even escaped
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(value: Any) -> str:
    return _NOT_XML.sub("\ufffd", "" if value is None else str(value))


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def _program_keys(programs: list[dict[str, Any]]) -> list[str]:
    def stem(source: str) -> str:
        p = PurePosixPath(source.replace("\\", "/"))
        return p.stem if p.suffix else p.name

    def flat(source: str) -> str:
        p = PurePosixPath(source.replace("\\", "/"))
        return str(p.with_suffix("")) if p.suffix else str(p)

    stems = [stem(p["source"]) for p in programs]
    keys = [s if stems.count(s) == 1 else flat(p["source"]) for s, p in zip(stems, programs, strict=True)]
    return [re.sub(r"[.\s/\\]+", "_", k).strip("_") or "program" for k in keys]


def _details(c: dict[str, Any], info: dict[str, Any]) -> str:
    lines = [c.get("rationale") or ""]
    if c.get("error") and c["error"] not in lines[0]:
        lines.append(f"Error: {c['error']}")
    for note in c.get("notes") or []:
        lines.append(f"Note: {note}")
    missing = [e for e in c.get("elements", []) if not e["present"]]
    hedged = [e for e in c.get("elements", []) if e["present"] and not e.get("firm", True)]
    for e in missing:
        lines.append(f"Missing: ({e['id']}) {e['text']}")
    for e in hedged:
        lines.append(f"Hedged only: ({e['id']}) {e['text']}")
    evidence = [e for e in c["evidence"] if e["kind"] == "contradicts"] + [e for e in c["evidence"] if e["kind"] != "contradicts"]
    for ev in evidence:
        if ev["kind"] == "contradicts":
            what = "Red flag" + (f" {ev['red_flag']}" if ev.get("red_flag") else "")
        else:
            what = "Supports" + (f" ({ev['element']})" if ev.get("element") else "")
            if ev.get("hedge"):
                what += f", hedged: {ev['hedge']}"
        lines.append(f"{what} at {where_short(ev)}: \u201c{ev['quote']}\u201d")
    for pe in c.get("possible_evidence") or []:
        lines.append(f"Possible evidence for ({pe['element']}), confirm or attest, at {where_short(pe)}: \u201c{pe['quote']}\u201d")
    if c["effective_status"] in ("not_met", "partial", "needs_review", "error"):
        if info.get("remediation"):
            lines.append(f"How to fix it: {info['remediation']}")
        if info.get("model_language"):
            lines.append(f"Model policy language: {info['model_language']}")
    return "\n".join(lines)


def _attestation_text(a: dict[str, Any]) -> str:
    head = f"Attested as {_LABEL.get(a['status'], a['status'])} by {a['attested_by']} on {a['date']}"
    head += f"; expires {a['expires']}" if a.get("expires") else "; no expiry date"
    if a.get("expired"):
        head += " (EXPIRED: the status is the checker's own)"
    lines = [head, f"Why: {a['justification']}"]
    if a.get("evidence"):
        lines.append(f"Evidence: {a['evidence']}")
    if a.get("source"):
        lines.append(f"Recorded in: {a['source']}" + (f":{a['line']}" if a.get("line") else ""))
    return "\n".join(lines)


def render(report: Report) -> str:
    info = {(r["id"], c["id"]): c for r in report.get("rubrics", []) for c in r.get("criteria", [])}
    programs = report["programs"]
    root = ET.Element("testsuites", {"name": _x(report["tool"]["name"])})
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for key, program in zip(_program_keys(programs), programs, strict=True):
        for r in program["rubrics"]:
            counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
            suite = ET.SubElement(root, "testsuite")
            props = ET.SubElement(suite, "properties")
            for name, value in (
                ("program", program["name"]),
                ("source", program["source"]),
                ("rubric", r["id"]),
                ("rubric_title", r.get("title", r["id"])),
                ("score", _pct(r["score"])),
                ("score_with_attestations", _pct(r["score_with_attestations"])),
                ("program_score", _pct(program["score"])),
            ):
                ET.SubElement(props, "property", {"name": name, "value": _x(value)})
            for c in r["criteria"]:
                counts["tests"] += 1
                case = ET.SubElement(
                    suite, "testcase", {"classname": _x(f"{key}.{r['id']}"), "name": _x(f"{c['id']} {c['title']}"), "time": "0"}
                )
                status = c["effective_status"]
                if status in OUTCOME:
                    tag, kind = OUTCOME[status]
                    counts[{"failure": "failures", "error": "errors", "skipped": "skipped"}[tag]] += 1
                    child = ET.SubElement(case, tag, {"type": kind, "message": _x(c.get("rationale") or _LABEL.get(status, status))})
                    child.text = _x(_details(c, info.get((r["id"], c["id"]), {})))
                if c.get("attestation"):
                    out = ET.SubElement(case, "system-out")
                    out.text = _x(_attestation_text(c["attestation"]))
            for name in ("tests", "failures", "errors", "skipped"):
                suite.set(name, str(counts[name]))
            for name in totals:
                totals[name] += counts[name]
            suite.set("name", _x(f"{program['name']}: {r.get('title', r['id'])}"))
            suite.set("time", "0")
            suite.set("file", _x(program["source"]))
            # attribute order: name first, as readers of the file expect
            attrs = dict(suite.attrib)
            suite.attrib.clear()
            for name in ("name", "tests", "failures", "errors", "skipped", "time", "file"):
                suite.set(name, attrs[name])
    problems = report.get("plugin_problems") or []
    if problems:  # a plugin that failed fails the run: show it as errors
        suite = ET.Element("testsuite")
        for name, value in (("name", "standards-check plugins"), ("tests", str(len(problems))), ("failures", "0"),
                            ("errors", str(len(problems))), ("skipped", "0"), ("time", "0")):
            suite.set(name, value)
        for problem in problems:
            case = ET.SubElement(suite, "testcase", {"classname": "standards-check.plugins", "name": _x(problem["plugin"]), "time": "0"})
            err = ET.SubElement(case, "error", {"type": "plugin_problem", "message": _x(problem["message"])})
            err.text = _x(f"plugin {problem['plugin']}: {problem['message']}")
        root.insert(0, suite)
        totals["tests"] += len(problems)
        totals["errors"] += len(problems)
    for name in ("tests", "failures", "errors"):
        root.set(name, str(totals[name]))
    root.set("time", "0")
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
