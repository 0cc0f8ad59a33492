"""The JSON report: the machine-readable record of a run (the README's Everyday use and docs/).

The report is indented by two spaces, which the json module writes with its pure
Python encoder only (its C encoder has no indentation). :func:`_write` writes the
same bytes as ``json.dumps(value, indent=2, ensure_ascii=False)`` for the plain data
a report is made of (dicts with string keys, lists, tuples, strings, numbers,
booleans and None), two to three times faster: strings are escaped by the json
module's own C escaper and the pieces are joined once. Anything else (another type,
a key that is not a string, a cycle) is left to ``json.dumps`` itself, so the bytes,
and the errors, are always the json module's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from json.encoder import encode_basestring  # the C escaper when available, as json.dumps uses
from typing import Any, TextIO

_INFINITY = float("inf")
_int_repr = int.__repr__
_float_repr = float.__repr__


class _Unusual(Exception):
    """A value the fast encoder leaves to the json module."""


def _float(o: float) -> str:
    # as json.encoder's floatstr with allow_nan=True
    if o != o:
        return "NaN"
    if o == _INFINITY:
        return "Infinity"
    if o == -_INFINITY:
        return "-Infinity"
    return _float_repr(o)


def _write(o: Any, nl: str, out: list[str]) -> None:
    """Append ``o`` as json.dumps(indent=2, ensure_ascii=False) writes it to ``out``,
    ``nl`` being the newline and indentation of the line ``o`` stands on."""
    t = type(o)
    if t is dict:
        if not o:
            out.append("{}")
            return
        inner = nl + "  "
        sep = "{" + inner
        for k, v in o.items():
            if type(k) is not str:
                raise _Unusual  # json.dumps turns numbers, booleans and None into keys
            t = type(v)
            if t is str:
                out.append(sep + encode_basestring(k) + ": " + encode_basestring(v))
            elif v is None:
                out.append(sep + encode_basestring(k) + ": null")
            else:
                out.append(sep + encode_basestring(k) + ": ")
                _write(v, inner, out)
            sep = "," + inner
        out.append(nl + "}")
    elif t is list or t is tuple:
        if not o:
            out.append("[]")
            return
        inner = nl + "  "
        if all(type(v) is str for v in o):
            out.append("[" + inner + ("," + inner).join(map(encode_basestring, o)) + nl + "]")
            return
        sep = "[" + inner
        for v in o:
            out.append(sep)
            _write(v, inner, out)
            sep = "," + inner
        out.append(nl + "]")
    elif t is str:
        out.append(encode_basestring(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif t is int:
        out.append(_int_repr(o))
    elif t is float:
        out.append(_float(o))
    # subclasses, tested in json.encoder's order
    elif isinstance(o, str):
        out.append(encode_basestring(o))
    elif isinstance(o, int):
        out.append(_int_repr(o))
    elif isinstance(o, float):
        out.append(_float(o))
    else:
        raise _Unusual  # containers of other types, and what json.dumps cannot write


def _indented(value: Any, depth: int) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)`` with every line after the
    first indented by ``depth`` more levels (the same bytes)."""
    out: list[str] = []
    try:
        _write(value, "\n" + "  " * depth, out)
    except (_Unusual, RecursionError):
        return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * depth)
    return "".join(out)


def render(report: dict[str, Any]) -> str:
    # Stable bytes: keys in the order the report builds them, no timestamps.
    return _indented(report, 0) + "\n"


def program_text(program: dict[str, Any]) -> str:
    """One program as :class:`StreamWriter` writes it among the report's programs."""
    return _indented(program, 2)


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
        self.program_text(program_text(program))

    def program_text(self, text: str) -> None:
        """Write a program already encoded by :func:`program_text` (a worker process may do that)."""
        self.out.write(("," if self.count else "") + "\n    " + text)
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
