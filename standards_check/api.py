"""The public API for plugin authors.

Everything a plugin needs is importable from here; nothing else in
``standards_check`` is promised to stay stable. The built-in rubrics (``plugins/``
in the source tree) use only this module.
"""

from __future__ import annotations

import pluggy

from .document import Policy, PolicyDocument, Program
from .evaluate import EvaluationContext, Hit, decide, status_from
from .hookspecs import API_VERSION, PROJECT
from .linguistics import actor, clause_bounds, hedge, mentioned, negation
from .patterncache import compile_patterns
from .patterns import CompiledPattern, PatternError, PatternMatch, compile_pattern
from .reports import ReportFormat
from .results import Considered, ElementResult, Evidence, Finding, Possible, Status
from .rubric import Criterion, Reference, Rubric, Rule, load_rubric_file
from .sentences import RecentWordings, Sentence, split_sentences
from .vocabulary import CORE_VOCABULARY
from .yamlcache import load_yaml

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
