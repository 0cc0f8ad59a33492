"""One check run: files in, the plain-data report out.

This is the pipeline the ``check`` command drives: find the policy files, load
each, evaluate it, and assemble the report dictionary (the JSON report's shape,
which every format renders). It prints nothing; the CLI talks to the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from . import __version__
from .engine import Checker, RubricSet
from .errors import InputError
from .results import STATUS_ORDER, SEVERITY_WEIGHTS

REPORT_SCHEMA = "standards-check/report/1"


@dataclass
class RunOutcome:
    report: dict[str, Any]
    input_errors: list[InputError] = field(default_factory=list)


def check_paths(
    paths: list[str],
    rubric_set: RubricSet,
    *,
    config: dict[str, Any] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> RunOutcome:
    """Check every policy file named or found under ``paths``."""
    from .discovery import find_policy_files
    from .loader import load_policy

    files = find_policy_files(paths)
    checker = Checker(rubric_set)
    programs: list[dict[str, Any]] = []
    errors: list[InputError] = []
    for i, (path, display) in enumerate(files):
        if progress:
            progress(i, len(files), display)
        try:
            document = load_policy(path, display=display)
        except InputError as exc:
            errors.append(exc)
            continue
        programs.append(checker.check(document).to_dict())
    if progress:
        progress(len(files), len(files), "")
    return RunOutcome(build_report(programs, rubric_set, config or {}), errors)


def build_report(programs: list[dict[str, Any]], rubric_set: RubricSet, config: dict[str, Any]) -> dict[str, Any]:
    """The whole report: tool, effective configuration, rubrics, programs, summary."""
    return {
        "schema": REPORT_SCHEMA,
        "tool": {"name": "standards-check", "version": __version__},
        "config": config,
        "rubrics": [
            {
                "id": r.id,
                "title": r.title,
                "version": r.version,
                "plugin": r.plugin,
                "criteria": [
                    {
                        "id": c.id,
                        "title": c.title,
                        "severity": c.severity,
                        "requirement": c.requirement,
                        "why": c.why,
                        "remediation": c.remediation,
                        "model_language": c.model_language,
                        "references": [ref.to_dict() for ref in c.references],
                    }
                    for c in r.criteria
                ],
            }
            for r in rubric_set.rubrics
        ],
        "plugin_problems": [{"plugin": p.plugin, "message": p.message} for p in rubric_set.problems],
        "programs": programs,
        "summary": summarize(programs),
    }


def summarize(programs: list[dict[str, Any]]) -> dict[str, Any]:
    """Across programs: counts by status, scores, worst gaps, criteria most often unmet."""
    counts = {s.value: 0 for s in STATUS_ORDER}
    unmet: dict[str, dict[str, Any]] = {}
    gaps = []
    for p in programs:
        for r in p["rubrics"]:
            for c in r["criteria"]:
                status = c["effective_status"]
                counts[status] += 1
                if status == "not_met":
                    entry = unmet.setdefault(c["id"], {"id": c["id"], "title": c["title"], "severity": c["severity"], "programs": 0})
                    entry["programs"] += 1
                    if c["severity"] == "critical":
                        gaps.append({"program": p["name"], "source": p["source"], "criterion": c["id"], "title": c["title"]})
    most = sorted(unmet.values(), key=lambda e: (-e["programs"], -SEVERITY_WEIGHTS.get(e["severity"], 0), e["id"]))
    scores = [p["score"] for p in programs if p["score"] is not None]
    return {
        "programs": len(programs),
        "counts": counts,
        "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
        "critical_gaps": gaps,
        "most_often_unmet": most,
    }
