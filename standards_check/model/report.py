"""The report: what a run found, built once, then rendered by every format.

Every report format (the built-in ones and those plugins add) renders a
:class:`Report`; the JSON report is this record as it is. The types below are
the report's fields, level by level; ``tests/model/test_report_model.py`` holds a real
report to them, key for key, so that the record and its description cannot drift
apart. A report is built after attestations are applied, and nothing changes it
afterwards.
"""

from __future__ import annotations

from typing import TypedDict

__all__ = [
    "Attestation",
    "Considered",
    "Counts",
    "CriterionFound",
    "CriterionInfo",
    "Element",
    "Evidence",
    "Gap",
    "OftenUnmet",
    "PluginProblem",
    "Possible",
    "Program",
    "Reference",
    "Report",
    "RubricFound",
    "RubricInfo",
    "RunConfig",
    "Summary",
    "Tool",
]


class Counts(TypedDict):
    """How many criteria have each (effective) status."""

    met: int
    partial: int
    not_met: int
    not_applicable: int
    needs_review: int
    error: int


class Reference(TypedDict):
    document: str
    section: str | None
    url: str | None


class CriterionInfo(TypedDict):
    """A criterion as its rubric defines it (the same for every program)."""

    id: str
    title: str
    severity: str  # critical | major | minor
    requirement: str
    why: str
    remediation: str
    model_language: str
    references: list[Reference]


class RubricInfo(TypedDict):
    id: str
    title: str
    version: str
    plugin: str
    criteria: list[CriterionInfo]


class Element(TypedDict):
    id: str
    text: str  # what the element asks, in plain words
    present: bool
    firm: bool  # False when only hedged statements carry it
    looked_for: list[str]  # plain words looked for, said of a missing element


class _EvidenceFields(TypedDict):
    """A sentence of the policy that supports an element or contradicts the criterion."""

    kind: str  # supports | contradicts
    element: str | None
    red_flag: str | None
    policy: str  # the policy's id
    line: int
    quote: str  # the policy's own words
    match: str | None  # the words of the quote that matched
    hedge: str | None
    note: str | None


class Evidence(_EvidenceFields, total=False):
    place: str | None  # an imported document's place in the original ("handbook.pdf, page 3")


class _ConsideredFields(TypedDict):
    """A sentence that matched but was not counted, and why."""

    policy: str
    line: int
    quote: str
    match: str
    reason: str
    element: str | None
    red_flag: str | None


class Considered(_ConsideredFields, total=False):
    place: str | None


class _PossibleFields(TypedDict):
    """A sentence that shares a missing element's key concepts: to confirm or attest."""

    element: str
    policy: str
    line: int
    quote: str
    shares: list[str]


class Possible(_PossibleFields, total=False):
    place: str | None


class Attestation(TypedDict):
    criterion: str
    program: str | None
    status: str  # met | not_applicable
    justification: str
    evidence: str | None
    attested_by: str
    date: str
    expires: str | None
    expired: bool
    source: str | None  # the attestations file
    line: int | None


class CriterionFound(TypedDict):
    """What a run found for one criterion of one program."""

    id: str
    title: str
    severity: str
    status: str  # the checker's own
    effective_status: str  # the attested status where an attestation holds, else the checker's
    elements: list[Element]
    evidence: list[Evidence]
    considered: list[Considered]
    possible_evidence: list[Possible]
    rationale: str
    notes: list[str]
    plugin: str | None
    error: str | None
    attestation: Attestation | None


class RubricFound(TypedDict):
    id: str
    title: str
    description: str
    plugin: str
    version: str
    score: float | None
    score_with_attestations: float | None
    counts: Counts
    criteria: list[CriterionFound]


class Program(TypedDict):
    """One policy document checked: its program and what every rubric found."""

    source: str
    name: str
    organization: str | None
    setting: str | None
    effective: str | None
    reviewed: str | None
    policies: int
    score: float | None
    score_with_attestations: float | None
    counts: Counts
    warnings: list[str]
    rubrics: list[RubricFound]


class Gap(TypedDict):
    program: str
    source: str
    criterion: str
    title: str


class OftenUnmet(TypedDict):
    id: str
    title: str
    severity: str
    programs: int


class Summary(TypedDict):
    programs: int
    counts: Counts
    mean_score: float | None
    critical_gaps: list[Gap]
    most_often_unmet: list[OftenUnmet]


class Tool(TypedDict):
    name: str
    version: str


class _RunConfigFields(TypedDict):
    """The effective options of the run."""

    rubrics: list[str]
    skip: list[str]
    fail_on: str
    min_score: float | None
    disabled_plugins: list[str]
    config_file: str | None
    plugins: list[str]
    attestations: str | None
    date: str  # the day of the assessment, YYYY-MM-DD


class RunConfig(_RunConfigFields, total=False):
    today: str  # with attestations: the day their expiry is judged against


class PluginProblem(TypedDict):
    plugin: str
    message: str


class Report(TypedDict):
    schema: str  # standards-check/report/1
    tool: Tool
    config: RunConfig
    rubrics: list[RubricInfo]
    plugin_problems: list[PluginProblem]
    programs: list[Program]
    summary: Summary
