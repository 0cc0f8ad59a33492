"""The hooks a standards-check plugin can implement.

A plugin is a module (or any object) registered under the ``standards_check``
entry point group, or named with ``--plugin PATH`` on the command line. It marks
its hook implementations with :data:`standards_check.api.hookimpl`. The built-in
rubrics are plugins like any other: read ``plugins/`` in the source tree for
complete examples.

A plugin may declare the plugin API version it was written for as a module
attribute ``STANDARDS_CHECK_API = 1``. A plugin written for another major version
is not loaded; the run goes on and reports why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from collections.abc import Iterable

    from standards_check.engine.evaluate import EvaluationContext
    from standards_check.loading.rubric import Criterion, Rubric
    from standards_check.model.results import Finding
    from standards_check.text.sentences import Sentence

PROJECT = "standards_check"
API_VERSION = 1

hookspec = pluggy.HookspecMarker(PROJECT)


@hookspec
def standards_check_rubrics() -> list[Rubric | str]:
    """Contribute rubrics.

    Called once per run, after all plugins are loaded and before any document is
    evaluated. Return a list whose items are :class:`~standards_check.api.Rubric`
    objects or paths (``str`` or :class:`pathlib.Path`) of rubric definition files
    in the format of ``docs/rubric-format.md``; a plugin that ships its rubric as
    package data usually returns ``[importlib.resources.files(__package__) /
    "my-rubric.yaml"]``. Return ``None`` or an empty list to contribute nothing.

    A rubric ID or criterion ID that another plugin already contributed is an
    error of the later plugin: its criteria are reported as ``error`` and the run
    goes on.
    """


@hookspec
def standards_check_evaluators() -> dict[str, Callable[[Criterion, EvaluationContext], Finding]]:
    """Contribute code evaluators for criteria that patterns cannot decide.

    Called once per run, after all plugins are loaded. Return a mapping of
    evaluator name to a callable ``evaluate(criterion, context) -> Finding``. A
    criterion whose definition says ``evaluator: NAME`` is decided by that callable
    instead of by its patterns. ``context`` is an
    :class:`~standards_check.api.EvaluationContext`: it gives the document, its
    sentences, the pattern matches of the criterion (``context.hits(id)``) and
    :func:`~standards_check.api.decide`, the default decision, which an
    evaluator may call and refine.

    The callable must return a :class:`~standards_check.api.Finding` for the
    criterion it was given. If it raises or returns anything else, that criterion
    is reported as ``error`` naming the plugin, and the run goes on.
    """


@hookspec
def standards_check_rule_types() -> dict[str, Callable[[Sentence, dict[str, Any]], Iterable[tuple[int, int]]]]:
    """Contribute rule types that rubric definitions can use beside patterns.

    Called once per run, after all plugins are loaded. Return a mapping of rule
    type name to a callable ``find(sentence, options) -> iterable of (start, end)``.
    An element or red flag of a rubric file may list ``rules: [{type: NAME, ...}]``;
    for every sentence of the document (a :class:`~standards_check.api.Sentence`)
    the callable receives the rule's other keys as ``options`` and returns the
    spans of ``sentence.tokens`` (token indexes, ``end`` exclusive) where the rule
    finds what it looks for; the first span is used. The core then reads each span
    as it reads a pattern match (negated, hedged, mentioned, who it binds) and
    quotes the sentence as evidence.

    If the callable raises or returns anything else, the criteria using it are
    reported as ``error`` naming the plugin, and the run goes on.
    """


@hookspec
def standards_check_report_formats() -> dict[str, Any]:
    """Contribute report formats.

    Called when the command line is parsed, so that ``--format`` knows every
    format. Return a mapping of format name to a
    :class:`~standards_check.api.ReportFormat` (a file extension, a media type and
    a ``render(report: dict) -> str`` callable that receives the plain-data report,
    the same data as the JSON report). A name that is already taken is an error
    of the later plugin.
    """
