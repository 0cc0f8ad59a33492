"""The verdict of a run against the team's threshold: what fails it, and why.

The command line's exit status and the reports' verdict read the same reasons, so
a report that says "passes" never comes with exit status 1.
"""

from __future__ import annotations

from typing import Any

from standards_check.model.results import SEVERITY_WEIGHTS

__all__ = ["failing", "program_failures"]


def failing(report: dict[str, Any], *, fail_on: str, min_score: float | None) -> list[str]:
    """Why the run fails the threshold (empty: it passes)."""
    reasons = ["a plugin failed"] if report.get("plugin_problems") else []
    for p in report["programs"]:
        reasons.extend(program_failures(p, fail_on=fail_on, min_score=min_score))
    return reasons


def program_failures(p: dict[str, Any], *, fail_on: str, min_score: float | None) -> list[str]:
    """Why one program fails the threshold (empty: it passes): a criterion that could
    not be evaluated, one not met at or above the ``fail_on`` severity, or a score with
    attestations below ``min_score``."""
    reasons = []
    level = {"none": 99, "any": 1, **SEVERITY_WEIGHTS}[fail_on]
    for r in p["rubrics"]:
        for c in r["criteria"]:
            if c["effective_status"] == "error":
                reasons.append(f"{p['name']}: {c['id']} could not be evaluated")
            elif c["effective_status"] == "not_met" and SEVERITY_WEIGHTS.get(c["severity"], 1) >= level:
                reasons.append(f"{p['name']}: {c['id']} ({c['severity']}) is not met")
    if min_score is not None and p["score_with_attestations"] is not None and p["score_with_attestations"] < min_score:
        reasons.append(f"{p['name']}: score {p['score_with_attestations']:g} is below {min_score:g}")
    return reasons
