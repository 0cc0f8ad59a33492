"""The JSON report: the machine-readable record of a run (see interfaces.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO


def render(report: dict[str, Any]) -> str:
    # Stable bytes: keys in the order the report builds them, no timestamps.
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _indented(value: Any, depth: int) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * depth)


class StreamWriter:
    """Writes the same bytes as :func:`render`, with the programs written one at a time.

    A run over thousands of programs need not hold their findings in memory: call
    :meth:`begin` with the report's head (everything before ``programs``), then
    :meth:`program` for each program in order, then :meth:`end` with the rest.
    """

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0

    def begin(self, head: dict[str, Any]) -> None:
        self.out.write("{\n")
        for key, value in head.items():
            self.out.write(f"  {json.dumps(key)}: {_indented(value, 1)},\n")
        self.out.write('  "programs": [')

    def program(self, program: dict[str, Any]) -> None:
        self.out.write(("," if self.count else "") + "\n    " + _indented(program, 2))
        self.count += 1

    def end(self, tail: dict[str, Any]) -> None:
        self.out.write("\n  ]" if self.count else "]")
        for key, value in tail.items():
            self.out.write(f",\n  {json.dumps(key)}: {_indented(value, 1)}")
        self.out.write("\n}\n")


def write_streamed(out: TextIO, head: dict[str, Any], programs: Iterable[dict[str, Any]], tail: dict[str, Any]) -> None:
    writer = StreamWriter(out)
    writer.begin(head)
    for program in programs:
        writer.program(program)
    writer.end(tail)
