"""What a plugin returns, checked field by field before it reaches a report.

A code evaluator returns a :class:`~standards_check.model.results.Finding`; every
record in it must be of the type the plugin API promises, with values of the right
types, so that nothing a plugin returns can crash a run or put a wrong type into a
report. :func:`finding_problems` says what is wrong, in the words of the field.
"""

from __future__ import annotations

from typing import Any

from standards_check.model.results import Considered, ElementResult, Evidence, Finding, Possible, Status

__all__ = ["finding_problems"]

_KINDS = ("supports", "contradicts")


def _text(value: Any, where: str, *, optional: bool = False, empty: bool = True) -> list[str]:
    if value is None and optional:
        return []
    if not isinstance(value, str):
        return [f"{where} must be text{' or None' if optional else ''}, not {type(value).__name__} {_short(value)}"]
    if not empty and not value.strip():
        return [f"{where} must not be empty"]
    return []


def _line(value: Any, where: str) -> list[str]:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return [f"{where} must be a line number (an int from 1), not {type(value).__name__} {_short(value)}"]
    return []


def _texts(value: Any, where: str) -> list[str]:
    if not isinstance(value, (list, tuple)):
        return [f"{where} must be a list of text, not {type(value).__name__} {_short(value)}"]
    return [p for i, item in enumerate(value) for p in _text(item, f"{where}[{i}]")]


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _records(value: Any, kind: type, where: str, check: Any) -> list[str]:
    if not isinstance(value, list):
        return [f"{where} must be a list of {kind.__name__}, not {type(value).__name__} {_short(value)}"]
    problems = []
    for i, item in enumerate(value):
        if not isinstance(item, kind):
            article = "an" if kind.__name__[0] in "AEIOU" else "a"
            problems.append(f"{where}[{i}] must be {article} {kind.__name__}, not {type(item).__name__} {_short(item)}")
        else:
            problems += check(item, f"{where}[{i}]")
    return problems


def _element(e: ElementResult, where: str) -> list[str]:
    problems = _text(e.id, f"{where}.id", empty=False) + _text(e.text, f"{where}.text")
    for name in ("present", "firm"):
        if not isinstance(getattr(e, name), bool):
            problems.append(f"{where}.{name} must be True or False, not {_short(getattr(e, name))}")
    return problems + _texts(e.looked_for, f"{where}.looked_for")


def _evidence(e: Evidence, where: str) -> list[str]:
    problems = [] if e.kind in _KINDS else [f"{where}.kind must be one of {', '.join(_KINDS)}, not {_short(e.kind)}"]
    problems += _text(e.policy, f"{where}.policy", empty=False) + _line(e.line, f"{where}.line")
    problems += _text(e.quote, f"{where}.quote", empty=False)
    for name in ("element", "red_flag", "match", "rule", "hedge", "note"):
        problems += _text(getattr(e, name), f"{where}.{name}", optional=True)
    return problems


def _considered(c: Considered, where: str) -> list[str]:
    problems = _text(c.policy, f"{where}.policy", empty=False) + _line(c.line, f"{where}.line")
    problems += _text(c.quote, f"{where}.quote", empty=False) + _text(c.match, f"{where}.match") + _text(c.reason, f"{where}.reason")
    for name in ("element", "red_flag"):
        problems += _text(getattr(c, name), f"{where}.{name}", optional=True)
    return problems


def _possible(p: Possible, where: str) -> list[str]:
    problems = _text(p.element, f"{where}.element", empty=False) + _text(p.policy, f"{where}.policy", empty=False)
    return problems + _line(p.line, f"{where}.line") + _text(p.quote, f"{where}.quote", empty=False) + _texts(p.shares, f"{where}.shares")


def finding_problems(finding: Any, criterion_id: str, absences: frozenset[str] = frozenset()) -> list[str]:
    """What is wrong with ``finding`` as the finding of criterion ``criterion_id``
    (empty: nothing). A ``met`` must quote its evidence for every element it says is
    present, but the ``absences`` (elements present when something is absent)."""
    if not isinstance(finding, Finding):
        return [f"expected a Finding, got {type(finding).__name__} {_short(finding)}"]
    problems = []
    if finding.criterion != criterion_id:
        problems.append(f"criterion must be {criterion_id!r}, not {_short(finding.criterion)}")
    if not isinstance(finding.status, Status):
        problems.append(f"status must be a Status (Status.MET ...), not {type(finding.status).__name__} {_short(finding.status)}")
    problems += _text(finding.title, "title") + _text(finding.severity, "severity") + _text(finding.rationale, "rationale")
    problems += _records(finding.elements, ElementResult, "elements", _element)
    problems += _records(finding.evidence, Evidence, "evidence", _evidence)
    problems += _records(finding.considered, Considered, "considered", _considered)
    problems += _records(finding.possible, Possible, "possible", _possible)
    problems += _texts(finding.notes, "notes")
    problems += _text(finding.error, "error", optional=True)
    if finding.attestation is not None:
        problems.append("attestation must be None: attestations come from the attestations file, not from a plugin")
    if not problems and finding.status is Status.MET:
        quoted = {e.element for e in finding.evidence if e.kind == "supports"}
        unquoted = [e.id for e in finding.elements if e.present and e.id not in quoted and e.id not in absences]
        if unquoted:
            problems.append("a met finding must quote its evidence: an Evidence of kind 'supports' for element "
                            + ", ".join(f"({u})" for u in unquoted))
        elif not finding.elements and not quoted:
            problems.append("a met finding must quote its evidence (an Evidence of kind 'supports')")
    return problems
