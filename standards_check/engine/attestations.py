"""Attestations applied to each program's findings as it is evaluated, before the
report is built: the attested status beside the checker's, and the scores and counts
recomputed. The file is read by :mod:`standards_check.loading.attestations`, which
documents the rules."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from standards_check.errors import InputError, suggest
from standards_check.model.results import STATUS_ORDER, Attestation, Status, score

__all__ = ["Attester", "apply_attestations", "check_criteria", "check_programs"]

class _Scored:
    """A criterion dict seen as :func:`results.score` sees a Finding."""

    __slots__ = ("severity", "status", "effective_status")

    def __init__(self, criterion: dict[str, Any]) -> None:
        self.severity = criterion["severity"]
        self.status = Status(criterion["status"])
        self.effective_status = Status(criterion["effective_status"])


def _where(a: Attestation) -> dict[str, Any]:
    return {"file": a.source, "line": a.line}


def _matches(a: Attestation, program: dict[str, Any]) -> bool:
    return a.program is not None and a.program.strip() in (str(program.get("name", "")).strip(), program.get("source"))


def check_criteria(attestations: list[Attestation], known_criteria: set[str]) -> None:
    """Refuse an attestation of a criterion no installed rubric defines (before any work).

    An :class:`InputError` names the attestation's file and line. An attestation of
    a known criterion that is not checked in this run (``--skip``, ``--rubrics``) is
    ignored.
    """
    for a in attestations:
        if a.criterion not in known_criteria:
            raise InputError(
                f"attestation of an unknown criterion {a.criterion!r}{suggest(a.criterion, sorted(known_criteria))}",
                path="criterion", **_where(a),
            )


def check_programs(attestations: list[Attestation], programs: list[dict[str, Any]]) -> None:
    """Refuse an attestation naming a program that is not among ``programs`` (checked)."""
    names = [str(p.get("name", "")) for p in programs]
    sources = [str(p.get("source", "")) for p in programs]
    for a in attestations:
        if a.program is not None and not any(_matches(a, p) for p in programs):
            raise InputError(
                f"attestation of {a.criterion} names the program {a.program!r}, which is not among the programs checked"
                f"{suggest(a.program, names + sources)}; checked: {', '.join(repr(n) for n in names) or 'none'}",
                path="program", **_where(a),
            )


class Attester:
    """Applies attestations to one program's findings as it is evaluated (a callable
    that a worker process can be handed): the attested status beside the checker's,
    and the program's and its rubrics' scores and counts recomputed."""

    def __init__(self, attestations: list[Attestation], today: _dt.date) -> None:
        self.attestations = list(attestations)
        self.today = today

    def __call__(self, program: dict[str, Any]) -> dict[str, Any]:
        specific = {a.criterion: a for a in self.attestations if _matches(a, program)}
        general = {a.criterion: a for a in self.attestations if a.program is None}
        for rubric in program.get("rubrics", []):
            for criterion in rubric.get("criteria", []):
                a = specific.get(criterion["id"]) or general.get(criterion["id"])
                if a is None:
                    continue
                expired = a.expires is not None and self.today > _dt.date.fromisoformat(a.expires)
                criterion["attestation"] = a._replace(expired=expired).to_dict()
                criterion["effective_status"] = criterion["status"] if expired else a.status
            _rescore(rubric, rubric.get("criteria", []))
        _rescore(program, [c for r in program.get("rubrics", []) for c in r.get("criteria", [])])
        return program


def apply_attestations(
    programs: list[dict[str, Any]],
    attestations: list[Attestation],
    known_criteria: set[str],
    today: _dt.date,
) -> None:
    """Apply ``attestations`` to ``programs`` (dicts, changed in place), refusing those
    of unknown criteria or naming a program that is not among them."""
    check_criteria(attestations, known_criteria)
    check_programs(attestations, programs)
    attest = Attester(attestations, today)
    for program in programs:
        attest(program)


def _rescore(target: dict[str, Any], criteria: list[dict[str, Any]]) -> None:
    scored = [_Scored(c) for c in criteria]
    counts = {s.value: 0 for s in STATUS_ORDER}
    for c in criteria:
        counts[c["effective_status"]] += 1
    target["score"] = score(scored, attested=False)  # type: ignore[arg-type]
    target["score_with_attestations"] = score(scored, attested=True)  # type: ignore[arg-type]
    target["counts"] = counts
