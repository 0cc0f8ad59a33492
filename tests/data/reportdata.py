"""Real report dictionaries for the report-format tests, built by the engine.

The rubric (``reports-rubric.yaml``) and the two policies beside this file give
every status, red flags, hedged evidence, matches considered but not counted, a
declaration that contradicts the text, and (in ``reports-xss.yaml``) text that
tries to inject HTML, template code, table pipes and spreadsheet formulas.
Attestations and a plugin problem are added here, as the engine would.

Paths in the report are relative (``tests/data/...``) so that reports are the
same bytes on every machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent
ROOT = DATA.parent.parent
RUBRIC = DATA / "reports-rubric.yaml"
CALM = DATA / "reports-calm.yaml"
XSS = DATA / "reports-xss.yaml"

XSS_STRINGS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ 7*7 }}")


def display(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _attest(result, source: str) -> None:
    from standards_check.model.results import Attestation

    for rubric in result.rubrics:
        for f in rubric.findings:
            if source.endswith("reports-calm.yaml") and f.criterion == "RD-04":
                f.attestation = Attestation(
                    criterion="RD-04", status="met", justification="Outcome data is posted monthly on the notice board; see the minutes.",
                    attested_by="Dana Reviewer", date="2026-05-01", program="Calm Harbor Peer Center", expires="2027-05-01",
                    source="tests/data/attestations.yaml", line=4,
                )
            if source.endswith("reports-xss.yaml") and f.criterion == "RD-05":
                f.attestation = Attestation(
                    criterion="RD-05", status="met", justification="Complaints are answered by the board within 14 days.",
                    attested_by="Lee Auditor", date="2026-03-01",
                )
            if source.endswith("reports-xss.yaml") and f.criterion == "RD-06":
                f.attestation = Attestation(
                    criterion="RD-06", status="met", justification="Records policy <script>alert(2)</script> is in the staff handbook.",
                    attested_by="Sam Old", date="2024-01-01", expires="2025-01-01", expired=True,
                )


def rubric_set(*, problems: bool = True):
    from standards_check.engine.checker import RubricSet
    from standards_check.engine.plugins import PluginProblem
    from standards_check.loading.rubric import load_rubric_file

    rs = RubricSet(rubrics=[load_rubric_file(RUBRIC)])
    if problems:
        rs.problems.append(PluginProblem("broken-<b>plugin</b>", "standards_check_rubrics raised RuntimeError: <boom> & more"))
    return rs


def program(path: Path, rs, *, source: str | None = None, attest: bool = True) -> dict[str, Any]:
    from standards_check.engine.checker import Checker
    from standards_check.loading.policy import load_policy

    source = source or display(path)
    result = Checker(rs).check(load_policy(path, display=source))
    if attest:
        _attest(result, source)
    return result.to_dict()


def build_report(paths: tuple[Path, ...] = (CALM, XSS), *, problems: bool = True, attest: bool = True,
                 sources: tuple[str, ...] | None = None) -> dict[str, Any]:
    from standards_check.engine.run import build_report as build

    rs = rubric_set(problems=problems)
    programs = [
        program(p, rs, source=(sources[i] if sources else None), attest=attest) for i, p in enumerate(paths)
    ]
    config = {"rubrics": [r.id for r in rs.rubrics], "skip": [], "fail_on": "critical", "min_score": None, "disabled_plugins": []}
    return build(programs, rs, config)
