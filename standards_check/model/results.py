"""What a check finds: findings per criterion, per rubric, per program, per run.

Every report format renders the plain-data form of a :class:`RunResult`
(:meth:`RunResult.to_dict`), which is also the JSON report, so all formats say
the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any, NamedTuple


class Status(StrEnum):
    """The status of a criterion (see docs/criteria.md, "How a criterion is decided")."""

    MET = "met"
    PARTIAL = "partial"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"
    NEEDS_REVIEW = "needs_review"
    ERROR = "error"

    def __str__(self) -> str:
        return self.value


STATUS_ORDER = (Status.MET, Status.PARTIAL, Status.NOT_MET, Status.NOT_APPLICABLE, Status.NEEDS_REVIEW, Status.ERROR)
# how reports name each status, and the statuses that call for a fix
STATUS_LABELS = {
    "met": "Met",
    "partial": "Partial",
    "not_met": "Not met",
    "not_applicable": "Not applicable",
    "needs_review": "Needs review",
    "error": "Error",
}
NEEDS_FIX = frozenset({"not_met", "partial", "needs_review", "error"})
SEVERITIES = ("critical", "major", "minor")
SEVERITY_WEIGHTS = {"critical": 3, "major": 2, "minor": 1}
STATUS_POINTS = {Status.MET: 1.0, Status.PARTIAL: 0.5, Status.NOT_MET: 0.0, Status.ERROR: 0.0}


class Evidence(NamedTuple):
    """A quoted sentence that supports an element or contradicts the criterion."""

    kind: str  # "supports" | "contradicts"
    policy: str
    line: int
    quote: str
    element: str | None = None  # for "supports"
    red_flag: str | None = None  # for "contradicts": the red flag's id
    match: str | None = None  # the words of the quote that matched
    rule: str | None = None  # the pattern or rule that fired: for rubric authors in tests, not in reports
    hedge: str | None = None  # set when the statement is hedged ("where possible")
    note: str | None = None  # e.g. the person-first alternative of a term

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "element": self.element,
            "red_flag": self.red_flag,
            "policy": self.policy,
            "line": self.line,
            "quote": self.quote,
            "match": self.match,
            "hedge": self.hedge,
            "note": self.note,
        }


class Considered(NamedTuple):
    """A sentence that matched a pattern but was not counted, and why."""

    policy: str
    line: int
    quote: str
    match: str
    reason: str  # e.g. "negated by 'not'"
    element: str | None = None
    red_flag: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "line": self.line,
            "quote": self.quote,
            "match": self.match,
            "reason": self.reason,
            "element": self.element,
            "red_flag": self.red_flag,
        }


class Possible(NamedTuple):
    """A sentence that shares a missing element's key concepts but matched none of its
    patterns: possible evidence for a person to confirm or attest. It never counts."""

    element: str
    policy: str
    line: int
    quote: str
    shares: tuple[str, ...] = ()  # the words of the quote that carry the concepts

    def to_dict(self) -> dict[str, Any]:
        return {"element": self.element, "policy": self.policy, "line": self.line, "quote": self.quote, "shares": list(self.shares)}


class ElementResult(NamedTuple):
    id: str
    text: str
    present: bool
    firm: bool = True  # False when only hedged statements carry it
    looked_for: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        # plain words (such as the terms a lexicon looks for) said for a missing element;
        # never pattern syntax, which each evidence's "rule" carries for rubric authors
        looked_for = [] if self.present else list(self.looked_for)
        return {"id": self.id, "text": self.text, "present": self.present, "firm": self.firm, "looked_for": looked_for}


class Attestation(NamedTuple):
    criterion: str
    status: str
    justification: str
    attested_by: str
    date: str
    program: str | None = None
    evidence: str | None = None
    expires: str | None = None
    expired: bool = False
    source: str | None = None
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "criterion": self.criterion,
            "program": self.program,
            "status": self.status,
            "justification": self.justification,
            "evidence": self.evidence,
            "attested_by": self.attested_by,
            "date": self.date,
            "expires": self.expires,
            "expired": self.expired,
            "source": self.source,
            "line": self.line,
        }


@dataclass
class Finding:
    """The result of one criterion for one program."""

    criterion: str
    title: str
    severity: str
    status: Status
    rationale: str
    elements: list[ElementResult] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    considered: list[Considered] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    plugin: str | None = None
    error: str | None = None
    attestation: Attestation | None = None
    possible: list[Possible] = field(default_factory=list)

    @property
    def effective_status(self) -> Status:
        """The status after a valid (unexpired) attestation, else the checker's own."""
        if self.attestation is not None and not self.attestation.expired:
            return Status(self.attestation.status)
        return self.status

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.criterion,
            "title": self.title,
            "severity": self.severity,
            "status": self.status.value,
            "effective_status": self.effective_status.value,
            "elements": [e.to_dict() for e in self.elements],
            "evidence": [e.to_dict() for e in self.evidence],
            "considered": [c.to_dict() for c in self.considered],
            "possible_evidence": [p.to_dict() for p in self.possible],
            "rationale": self.rationale,
            "notes": list(self.notes),
            "plugin": self.plugin,
            "error": self.error,
            "attestation": self.attestation.to_dict() if self.attestation else None,
        }


def score(findings: list[Finding], *, attested: bool) -> float | None:
    """Severity-weighted share of points, in percent, over the scored criteria.

    Criteria that are ``not_applicable`` or ``needs_review`` are not scored. With
    ``attested`` the effective status (after attestations) is used.
    """
    total = 0.0
    points = 0.0
    for f in findings:
        status = f.effective_status if attested else f.status
        if status not in STATUS_POINTS:
            continue
        weight = SEVERITY_WEIGHTS.get(f.severity, 1)
        total += weight
        points += weight * STATUS_POINTS[status]
    if total == 0:
        return None
    return round(100.0 * points / total, 1)


class RubricResult(NamedTuple):
    id: str
    title: str
    plugin: str | None
    version: str | None
    findings: list[Finding]
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        counts = {s.value: 0 for s in STATUS_ORDER}
        for f in self.findings:
            counts[f.effective_status.value] += 1
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "plugin": self.plugin,
            "version": self.version,
            "score": score(self.findings, attested=False),
            "score_with_attestations": score(self.findings, attested=True),
            "counts": counts,
            "criteria": [f.to_dict() for f in self.findings],
        }


class ProgramResult(NamedTuple):
    source: str
    name: str
    meta: dict[str, Any]
    rubrics: list[RubricResult]
    warnings: list[str]
    # a document imported as it was kept: line -> place in the original (PolicyDocument.places)
    places: Mapping[int, str] = MappingProxyType({})

    def findings(self) -> list[Finding]:
        return [f for r in self.rubrics for f in r.findings]

    def to_dict(self) -> dict[str, Any]:
        findings = self.findings()
        counts = {s.value: 0 for s in STATUS_ORDER}
        for f in findings:
            counts[f.effective_status.value] += 1
        return {
            "source": self.source,
            "name": self.name,
            **self.meta,
            "score": score(findings, attested=False),
            "score_with_attestations": score(findings, attested=True),
            "counts": counts,
            "warnings": list(self.warnings),
            "rubrics": [_placed(r.to_dict(), self.places) for r in self.rubrics] if self.places else [r.to_dict() for r in self.rubrics],
        }


def _placed(rubric: dict[str, Any], places: Mapping[int, str]) -> dict[str, Any]:
    """A rubric's findings with each quoted sentence's place in the original document."""
    for criterion in rubric["criteria"]:
        for key in ("evidence", "considered", "possible_evidence"):
            for quoted in criterion[key]:
                quoted["place"] = places.get(quoted["line"])
    return rubric
