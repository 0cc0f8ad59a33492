"""Report formats: each renders the report (:class:`~standards_check.model.report.Report`, the JSON report's shape).

Built-in formats are listed in :data:`BUILTIN_FORMATS` as ``module:function``
names and imported only when used; plugins add formats through the
``standards_check_report_formats`` hook.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, NamedTuple

from standards_check.model.report import Report
from standards_check.model.results import NEEDS_FIX, SEVERITY_WEIGHTS, STATUS_LABELS
from standards_check.model.results import STATUS_ORDER as _STATUSES

# Shared by the formats: the order statuses are listed in (as the report's words),
# their labels, which ones call for a fix, and the weight of each severity.
STATUS_ORDER = tuple(s.value for s in _STATUSES)
SEVERITY_WEIGHT = SEVERITY_WEIGHTS
__all__ = ["BUILTIN_FORMATS", "NEEDS_FIX", "SEVERITY_WEIGHT", "STATUS_LABELS", "STATUS_ORDER", "ReportFormat", "available_builtin", "builtin_format", "where", "where_short"]


def where(quoted: dict[str, Any], *, policy: str = "policy ") -> str:
    """Where a quoted sentence stands, as a reader finds it: ``policy consent, line 12``;
    for a document imported as it was kept, its place in the original
    (``policy consent, handbook.pdf, page 3``)."""
    place = quoted.get("place")
    return f"{policy}{quoted['policy']}, {place}" if place else f"{policy}{quoted['policy']}, line {quoted['line']}"


def where_short(quoted: dict[str, Any]) -> str:
    """``consent:12``, or ``consent (handbook.pdf, page 3)`` for an imported document."""
    place = quoted.get("place")
    return f"{quoted['policy']} ({place})" if place else f"{quoted['policy']}:{quoted['line']}"


class ReportFormat(NamedTuple):
    """A report format: ``render(report) -> str``, a file extension and a media type."""

    name: str
    render: Callable[[Report], str]
    extension: str
    media_type: str = "text/plain"
    description: str = ""


# name -> (module, function, extension, media type, description)
BUILTIN_FORMATS: dict[str, tuple[str, str, str, str, str]] = {
    "text": ("text", "render", ".txt", "text/plain", "a summary for the terminal"),
    "json": ("json_report", "render", ".json", "application/json", "the machine-readable record of the run"),
    "md": ("markdown", "render", ".md", "text/markdown", "Markdown for pull requests and wikis"),
    "html": ("html", "render", ".html", "text/html", "one self-contained page to read and print"),
    "sarif": ("sarif", "render", ".sarif", "application/sarif+json", "SARIF 2.1.0 for code-scanning tools"),
    "junit": ("junit", "render", ".xml", "application/xml", "JUnit XML for CI dashboards"),
    "csv": ("csv_report", "render", ".csv", "text/csv", "a row per program and criterion"),
}


def builtin_format(name: str) -> ReportFormat:
    module, function, ext, media, desc = BUILTIN_FORMATS[name]

    def render(report: Report, **options: Any) -> str:
        mod = importlib.import_module(f"{__name__}.{module}")
        return getattr(mod, function)(report, **options)

    return ReportFormat(name, render, ext, media, desc)


def available_builtin() -> list[str]:
    """Built-in formats whose module is present in this installation."""
    from importlib.util import find_spec

    return [n for n, (m, *_rest) in BUILTIN_FORMATS.items() if find_spec(f"{__name__}.{m}") is not None]
