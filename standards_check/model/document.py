"""The loaded policy document: what every rubric reads.

These objects are produced by :mod:`standards_check.loading.policy` and are immutable.
Line numbers are 1-based lines of the source file.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, NamedTuple

SETTINGS = ("peer-run", "community", "clinical", "inpatient", "residential", "justice", "housing", "other")
AUDIENCES = ("participants", "staff", "all")


class Program(NamedTuple):
    """The ``program`` mapping of a policy document."""

    name: str
    organization: str | None = None
    setting: str | None = None
    services: tuple[str, ...] = ()
    population: str | None = None
    effective: _dt.date | None = None
    reviewed: _dt.date | None = None
    language: str = "en"


@dataclass(frozen=True)
class Policy:
    """One written policy.

    ``text`` is the policy's own words exactly as loaded. ``line_numbers[i]`` is the
    source line on which line ``i`` of ``text.split("\\n")`` starts, so any offset in
    ``text`` can be traced back to the YAML file (see :meth:`line_at`).
    """

    id: str
    title: str
    text: str
    line_numbers: tuple[int, ...]
    line: int  # line of the policy's ``id`` key
    ref: str | None = None
    audience: str | None = None

    def line_at(self, offset: int) -> int:
        """The source line of character ``offset`` of :attr:`text`."""
        if not self.line_numbers:
            return self.line
        index = bisect.bisect_right(self._line_starts, max(0, offset)) - 1
        return self.line_numbers[min(index, len(self.line_numbers) - 1)]

    @functools.cached_property
    def _line_starts(self) -> list[int]:
        """The offset in :attr:`text` where each of its lines starts."""
        starts = [0]
        find = self.text.find
        at = find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = find("\n", at + 1)
        return starts


# the name `standards-check init` gives the program until someone replaces it: its
# model wording checks cleanly, so a report on it must not pass for an agency's own
STARTER_NAME = "Example Peer Support Program"


class PolicyDocument(NamedTuple):
    """A whole policy document (one program)."""

    source: str  # the path as the user named it (or relative to the directory given)
    program: Program
    policies: tuple[Policy, ...]
    declarations: Mapping[str, Any] = MappingProxyType({})  # read only
    declaration_lines: Mapping[str, int] = MappingProxyType({})
    format_version: int = 1
    # for a document imported as it was kept (Word, PDF ...): each line of its policy
    # text -> the place in the original file a person can find ("handbook.pdf, page 3")
    places: Mapping[int, str] = MappingProxyType({})

    def policy(self, policy_id: str) -> Policy:
        for policy in self.policies:
            if policy.id == policy_id:
                return policy
        raise KeyError(policy_id)
