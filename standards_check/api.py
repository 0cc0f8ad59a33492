"""The public API for plugin authors.

Everything a plugin needs is importable from here; nothing else in
``standards_check`` is promised to stay stable. The built-in rubrics (``plugins/``
in the source tree) use only this module.
"""

from __future__ import annotations

import pluggy

from standards_check.engine.evaluate import EvaluationContext, Hit, decide, status_from
from standards_check.hookspecs import API_VERSION, PROJECT
from standards_check.loading.datafile import load_yaml
from standards_check.loading.rubric import Criterion, Reference, Rubric, Rule, load_rubric_file
from standards_check.model.document import Policy, PolicyDocument, Program
from standards_check.model.report import Report
from standards_check.model.results import Considered, ElementResult, Evidence, Finding, Possible, Status
from standards_check.reports import ReportFormat
from standards_check.text.linguistics import actor, clause_bounds, hedge, mentioned, negation
from standards_check.text.patterns import CompiledPattern, PatternError, PatternMatch, compile_pattern, compile_patterns
from standards_check.text.sentences import RecentWordings, Sentence, split_sentences
from standards_check.text.vocabulary import CORE_VOCABULARY

hookimpl = pluggy.HookimplMarker(PROJECT)
"""Marker for hook implementations: decorate ``standards_check_*`` functions with it."""

__all__ = [
    "API_VERSION",
    "CORE_VOCABULARY",
    "CompiledPattern",
    "PatternError",
    "PatternMatch",
    "actor",
    "clause_bounds",
    "compile_pattern",
    "compile_patterns",
    "hedge",
    "mentioned",
    "negation",
    "split_sentences",
    "Considered",
    "Criterion",
    "ElementResult",
    "EvaluationContext",
    "Evidence",
    "Finding",
    "Hit",
    "Policy",
    "Possible",
    "PolicyDocument",
    "Program",
    "RecentWordings",
    "Reference",
    "Report",
    "ReportFormat",
    "Rubric",
    "Rule",
    "Sentence",
    "Status",
    "decide",
    "hookimpl",
    "load_rubric_file",
    "load_yaml",
    "status_from",
]
