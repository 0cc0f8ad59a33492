"""The JSON report: the machine-readable record of a run.

Each entry of the report, and each program, is one line, written compactly by the
json module: a run over thousands of programs stays small, line tools (``grep``,
``diff``) see one program a line, and ``jq .`` or ``python -m json.tool`` indents it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from standards_check.model.report import Report


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def render(report: Report) -> str:
    # Stable bytes: keys in the order the report builds them, no timestamps.
    lines: list[str] = []
    keys = list(report)
    cut = keys.index("programs") if "programs" in keys else len(keys)
    out = _Lines(lines)
    write_streamed(out, {k: report[k] for k in keys[:cut]}, report.get("programs", ()), {k: report[k] for k in keys[cut + 1:]})
    return "".join(lines)


class _Lines:
    def __init__(self, lines: list[str]) -> None:
        self.write = lines.append


def program_text(program: dict[str, Any]) -> str:
    """One program as :class:`StreamWriter` writes it among the report's programs."""
    return _compact(program)


class StreamWriter:
    """Writes the same bytes as :func:`render`, with the programs written one at a time.

    A run over thousands of programs need not hold their findings in memory: call
    :meth:`begin` with the report's head (everything before ``programs``), then
    :meth:`program` for each program in order, then :meth:`end` with the rest.
    """

    def __init__(self, out: TextIO | _Lines) -> None:
        self.out = out
        self.count = 0

    def begin(self, head: dict[str, Any]) -> None:
        self.out.write("{" + "".join(f"{_compact(key)}:{_compact(value)},\n" for key, value in head.items()) + '"programs":[')

    def program(self, program: dict[str, Any]) -> None:
        self.program_text(program_text(program))

    def program_text(self, text: str) -> None:
        """Write a program already encoded by :func:`program_text` (a worker process may do that)."""
        self.out.write(("," if self.count else "") + "\n" + text)
        self.count += 1

    def end(self, tail: dict[str, Any]) -> None:
        self.out.write(("\n]" if self.count else "]") + "".join(f",\n{_compact(key)}:{_compact(value)}" for key, value in tail.items()) + "}\n")


def write_streamed(out: TextIO | _Lines, head: dict[str, Any], programs: Iterable[dict[str, Any]], tail: dict[str, Any]) -> None:
    writer = StreamWriter(out)
    writer.begin(head)
    for program in programs:
        writer.program(program)
    writer.end(tail)
