"""The records of a rubric: criteria, their elements and red flags (rules), references
and the declaration keys it reads. :mod:`standards_check.loading.rubric` builds them from a
rubric file; :mod:`standards_check.loading.rubriccache` keeps them between runs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from standards_check.text.patterns import CompiledPattern

# examples of wording written after a rule's description: ("attendance is mandatory", "...")
_EXAMPLES = re.compile(r'\s*\((\s*(?:"[^"]*"|\u201c[^\u201d]*\u201d)\s*(?:,\s*(?:"[^"]*"|\u201c[^\u201d]*\u201d)\s*)*)\)\s*$')
_QUOTED = re.compile(r'"([^"]*)"|\u201c([^\u201d]*)\u201d')


class Rule(NamedTuple):
    """An element or a red flag: what is looked for, and the patterns that find it.

    ``text`` may end with example wordings in quotation marks, in parentheses:
    ``taking part is made compulsory ("attendance is mandatory")``. A finding
    says the :attr:`description` only, since quotation marks in a report hold the
    policy's own words; ``explain`` lists the :attr:`examples`.
    """

    id: str
    text: str
    patterns: tuple[CompiledPattern, ...]
    exclude: tuple[CompiledPattern, ...] = ()
    binds: str = "any"
    kind: str = "element"  # "element" | "red_flag"
    # rules of types that plugins add (hook standards_check_rule_types): (type, options)
    custom: tuple[tuple[str, dict[str, Any]], ...] = ()
    # an element's key concepts: a sentence holding every one, where no pattern matched, is possible evidence
    concepts: tuple[CompiledPattern, ...] = ()
    # an element present when something is absent ("no stigmatizing term is used"): nothing to quote
    absence: bool = False

    @property
    def description(self) -> str:
        """``text`` without its example wordings, and without quotation marks."""
        return _QUOTED.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), _EXAMPLES.sub("", self.text))

    @property
    def examples(self) -> tuple[str, ...]:
        """The example wordings ``text`` ends with, without their quotation marks."""
        m = _EXAMPLES.search(self.text)
        if m is None:
            return ()
        return tuple(a if a is not None else b for a, b in _QUOTED.findall(m.group(1)))


class Reference(NamedTuple):
    document: str
    section: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "section": self.section, "url": self.url}


class DeclarationKey(NamedTuple):
    """A ``declarations`` key a rubric reads, and what each value claims."""

    key: str
    description: str
    criterion: str
    values: dict[str, str]  # value -> "supports" | "contradicts"


class Criterion(NamedTuple):
    id: str
    title: str
    severity: str
    requirement: str
    why: str
    elements: tuple[Rule, ...]
    red_flags: tuple[Rule, ...] = ()
    remediation: str = ""
    model_language: str = ""
    references: tuple[Reference, ...] = ()
    evaluator: str | None = None  # name of a code evaluator (hook) that decides it
    applies_to_settings: tuple[str, ...] = ()  # empty: every setting
    options: Mapping[str, Any] = MappingProxyType({})  # free data for evaluators (read only)


class Rubric(NamedTuple):
    id: str
    title: str
    description: str
    version: str
    criteria: tuple[Criterion, ...]
    declarations: tuple[DeclarationKey, ...] = ()
    source: str = ""
    plugin: str | None = None  # set by the engine: the plugin that contributed it
