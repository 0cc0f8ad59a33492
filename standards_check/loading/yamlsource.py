"""Safe, limited, line-aware YAML reading.

Every YAML file standards-check reads (policy documents, attestations, configuration,
rubric definitions) goes through :func:`read_yaml` or :func:`parse_yaml`. They
return a :class:`YamlDocument`: the document as plain data plus a side table that
says where in the file each value stands.

What the data looks like
    Mappings become ``dict`` (keys in file order), sequences ``list`` and every
    scalar the ``str`` the author wrote: ``no``, ``on``, ``1.10``, ``0o17`` and
    ``2026-06-01`` all stay text, so YAML 1.1 surprises never change meaning. A
    loader converts the few typed fields itself (see :meth:`YamlDocument.is_null`
    and :meth:`YamlDocument.scalar_style` for telling ``key:`` or ``key: ~`` from
    ``key: ""``). An alias gives the very object its anchor gave (no copy).

Where each value stands
    A value is named by its *path*: a tuple of mapping keys and list indexes from
    the top, e.g. ``("policies", 3, "id")``; :func:`format_path` writes it as
    ``policies[3].id`` (indexes are 0-based). Ask the document:

    - :meth:`YamlDocument.location` -- line and column (1-based) where the value
      starts;
    - :meth:`YamlDocument.key_location` -- where the key of a mapping entry starts;
    - :meth:`YamlDocument.scalar_lines` -- for a text value, the source line on
      which each line of ``value.split("\\n")`` starts;
    - :meth:`YamlDocument.error` -- an :class:`InputError` carrying file, line,
      column and path, ready to raise.

What is refused (always as :class:`InputError`, never another exception)
    files over the size limit (checked before parsing), text that is not UTF-8 (a
    UTF-8 byte order mark is accepted), YAML syntax errors, more than one document,
    an empty file, duplicate keys, keys that are not text, tags other than the
    standard ``!!str !!int !!float !!bool !!null !!timestamp !!map !!seq``, merge
    keys (``<<``), nesting deeper than ``max_depth``, more than ``max_aliases``
    aliases, more than ``max_nodes`` values counting every alias expanded (so a
    "billion laughs" document fails at once), and aliases that repeat more than
    ``MAX_ALIASED_TEXT`` characters of text in all (one long text repeated).

How it parses
    From the parser's event stream (libyaml's C parser when PyYAML has it, the
    pure-Python parser otherwise), built into plain data by an iterative loop.
    PyYAML's composer is not used: the C composer recurses once per nesting level
    and crashes the interpreter (SIGSEGV) on ~100,000-deep input, and both
    composers resolve every scalar's type, which is wasted work here. Nothing is
    ever constructed from a tag.
"""

from __future__ import annotations

import bisect
import gc
import os
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from standards_check.errors import InputError

__all__ = [
    "DEFAULT_MAX_ALIASES",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_NODES",
    "Location",
    "Path",
    "YamlDocument",
    "format_path",
    "parse_yaml",
    "read_yaml",
]

DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_MAX_DEPTH = 64
DEFAULT_MAX_ALIASES = 100
DEFAULT_MAX_NODES = 200_000  # a policy document has hundreds; building a million took 2 s and 300 MB
# Characters of text that aliases may repeat in all: a repeated paragraph is fine, one
# long text repeated a hundred times would cost checking what a huge file would.
MAX_ALIASED_TEXT = 250_000

Path = tuple[str | int, ...]

if getattr(yaml, "__with_libyaml__", False) and hasattr(yaml, "CSafeLoader"):
    _PARSER: type = yaml.CSafeLoader
else:  # pragma: no cover - depends on how PyYAML was built
    _PARSER = yaml.SafeLoader

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset({"!"} | {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")})
_MAP_TAGS = frozenset({"!", _CORE + "map"})
_SEQ_TAGS = frozenset({"!", _CORE + "seq"})
_NULL_TEXTS = frozenset({"", "~", "null", "Null", "NULL"})
_STYLE_NAMES = {"": "plain", "'": "single-quoted", '"': "double-quoted", "|": "literal", ">": "folded"}

# The line breaks YAML 1.1 (and so libyaml's line counter) knows.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_BREAK_CHARS = re.compile("[\u2028\u2029]")
_ESCAPE = re.compile(r"\\(.)")
# A block scalar's header after its anchor or tag; group 1 or 2 is the indentation indicator.
_BLOCK_HEADER = re.compile(r"(?:[&!]\S*[ \t]+)*[|>](?:[-+]?([1-9])|([1-9]))?")
# A '#' after a character that is not white space (group 1), or lines whose rest,
# from a '#' at their start or after white space with no quotation mark before it,
# is a comment or inside a block text (consumed whole, several lines at once).
# Compiled when first used (re keeps it): most files hold no '#'.
_SUSPECT = (
    r"(?m)(?:^(?:[^'\"#\r\n\x85\u2028\u2029]*[ \t])?#[^\r\n\x85\u2028\u2029]*(?:\r\n|[\r\n\x85\u2028\u2029]|\Z))++"
    r"|(?<=\S)(#)"
)
_KEY_OK = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


class Location(NamedTuple):
    """A place in a source file; both numbers are 1-based."""

    line: int
    column: int


def format_path(path: Sequence[str | int]) -> str:
    """Write a path as ``policies[3].id`` (keys that are not simple names are quoted)."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _KEY_OK.match(part):
            out.append(f".{part}" if out else part)
        else:
            out.append("[" + _quote(part) + "]")
    return "".join(out)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


# What the side table keeps for each value: a plain tuple, cheap to make and to keep,
# (line, column, index, end line, end index, style, tag, text). Lines and columns are
# 0-based here, indexes count characters of the text; style is None for a mapping or a
# list and "" for a plain scalar; text is None for a mapping, a list or an alias.
_LINE, _COLUMN, _INDEX, _END_LINE, _END_INDEX, _STYLE, _TAG, _VALUE = range(8)


class YamlDocument:
    """One parsed YAML document: :attr:`data` plus where each value stands.

    Every method that takes a path accepts any sequence of keys and indexes. A path
    that leads into a value reached through an alias is looked up where the anchor
    defined it; a path that names nothing falls back to its nearest existing
    ancestor, so an error can always be placed.
    """

    def __init__(self, source: str, text: str, data: Any, nodes: dict, keys: dict, aliases: dict) -> None:
        self.source = source  #: the file name used in error messages
        self.text = text  #: the decoded source text (without a byte order mark)
        self.data = data  #: the document as plain data (dict / list / str)
        self._nodes = nodes  # path -> record of the value (for an alias: of the alias itself)
        self._keys = keys  # path -> record of the mapping key of that entry
        self._aliases = aliases  # path of an alias -> (path, record) of its anchor

    # -- where things are -------------------------------------------------------
    def location(self, path: Sequence[str | int] = ()) -> Location:
        """Where the value at ``path`` starts (for an alias: where the alias is used)."""
        record = self._record(tuple(path), follow_alias=False)
        return Location(record[_LINE] + 1, record[_COLUMN] + 1)

    def key_location(self, path: Sequence[str | int]) -> Location:
        """Where the key of the mapping entry at ``path`` starts (else as :meth:`location`)."""
        where = self._keys.get(tuple(path))
        if where is None:
            return self.location(path)
        return Location(where[0] + 1, where[1] + 1)

    def scalar_style(self, path: Sequence[str | int]) -> str | None:
        """``plain``, ``single-quoted``, ``double-quoted``, ``literal`` or ``folded``;
        ``None`` when the value is a mapping or a list."""
        return _STYLE_NAMES.get(self._record(tuple(path))[_STYLE])

    def comment_after(self, path: Sequence[str | int]) -> Location | None:
        """Where a comment starts right after the plain scalar at ``path``, on its last
        line (``text: See policy #4 for ...`` reads "See policy"), else None."""
        record = self._record(tuple(path))
        if record[_STYLE] != "":
            return None
        end = record[_END_INDEX]
        line_end = self.text.find("\n", end)
        rest = self.text[end : line_end if line_end >= 0 else len(self.text)]
        if not rest.lstrip(" \t").startswith("#"):
            return None
        hash_at = end + len(rest) - len(rest.lstrip(" \t"))
        return Location(record[_END_LINE] + 1, hash_at - (self.text.rfind("\n", 0, hash_at) + 1) + 1)

    def value(self, path: Sequence[str | int]) -> Any:
        """The value at ``path`` (which must exist)."""
        value: Any = self.data
        for part in path:
            value = value[part]
        return value

    def describe(self, path: Sequence[str | int]) -> str:
        """How the value at ``path`` looks, for 'found ...' in error messages."""
        value = self.value(path)
        if isinstance(value, dict):
            return "a mapping"
        if isinstance(value, list):
            return "a list"
        if self.is_null(path):
            return "nothing"
        return repr(value if len(value) <= 60 else value[:57] + "...")

    def given(self, mapping: dict[str, Any], path: Sequence[str | int]) -> bool:
        """Whether the optional key ``path[-1]`` of ``mapping`` is present and not null."""
        return path[-1] in mapping and not self.is_null(path)

    def is_null(self, path: Sequence[str | int]) -> bool:
        """Whether the value was written as YAML's null: nothing, ``~`` or ``null``
        (plain, with no tag other than ``!!null``)."""
        record = self._record(tuple(path))
        return record[_STYLE] == "" and record[_VALUE] in _NULL_TEXTS and record[_TAG] in (None, _CORE + "null")

    def error(self, message: str, path: Sequence[str | int] = (), *, at_key: bool = False) -> InputError:
        """An :class:`InputError` about the value at ``path`` (or its key), to raise."""
        path = tuple(path)
        where = self.key_location(path) if at_key else self.location(path)
        return InputError(message, file=self.source, line=where.line, column=where.column, path=format_path(path) or None)

    def scalar_lines(self, path: Sequence[str | int]) -> tuple[int, ...]:
        """For the text value at ``path``: the source line (1-based) on which each line
        of ``value.split("\\n")`` starts.

        Exact for literal block scalars (``|``). For folded (``>``), plain and quoted
        scalars, source lines that fold into one text line map to the first of them;
        an empty text line maps to the blank source line it came from; an escaped
        ``\\n`` in a double-quoted scalar starts a text line on the line where it
        stands. Always exactly as long as ``value.split("\\n")``. For a mapping or a
        list: its first line.
        """
        path = tuple(path)
        record = self._record(path)
        value, style = record[_VALUE], record[_STYLE]
        if value is None:
            return (self.location(path).line,)
        count = value.count("\n") + 1
        first = record[_LINE]  # 0-based
        if style == "|":
            if "\u2028" not in value and "\u2029" not in value and first + count <= record[_END_LINE]:
                return tuple(range(first + 2, first + 2 + count))
            result = [first + 1]
            for piece in value.split("\n")[:-1]:
                result.append(result[-1] + 1 + len(_BREAK_CHARS.findall(piece)))
        elif count == 1 and style != ">":
            return (first + 1,)
        elif style == ">":
            result = self._folded_lines(path, record)
        else:
            result = self._flow_lines(record)
        return _fit(result, count, record[_END_LINE])

    # -- internals --------------------------------------------------------------
    def _record(self, path: Path, *, follow_alias: bool = True) -> tuple:
        """The record of the value at ``path``.

        A path inside a value reached through an alias is looked up where the anchor
        defined it; with ``follow_alias``, so is the alias itself. A path that names
        nothing gives its nearest existing ancestor.
        """
        hops = 0
        while True:
            record = self._nodes.get(path)
            if record is not None:
                return self._aliases[path][1] if follow_alias and path in self._aliases else record
            cut = len(path) - 1
            while path[:cut] not in self._nodes:
                cut -= 1
            prefix = path[:cut]
            hops += 1
            if prefix not in self._aliases or hops > len(self._aliases):
                return self._nodes[prefix]
            path = self._aliases[prefix][0] + path[cut:]

    def _region(self, record: tuple) -> list[str]:
        """The source lines from the scalar's first line to its end."""
        return _BREAK.split(self.text[record[_INDEX] - record[_COLUMN] : record[_END_INDEX]])

    def _flow_lines(self, record: tuple) -> list[int]:
        """Plain, single- and double-quoted scalars over several lines: a line break
        followed by n blank lines gives n newlines (none: a space), and an escaped
        ``\\n`` in double quotes gives one more, whose text line starts where the
        next character stands (after an escaped line break: on the next line)."""
        lines = self._region(record)
        first = record[_LINE]
        double = record[_STYLE] == '"'
        lines[0] = lines[0][record[_COLUMN] :]
        result = [first]
        blanks: list[int] = []
        pending = 0  # escaped newlines whose text line starts on the next source line
        for offset, text in enumerate(lines):
            number = first + offset
            if pending:
                result += [number] * pending
                pending = 0
            if offset and not text.strip(" \t"):
                blanks.append(number)
                continue
            if blanks:
                result += blanks[1:]  # the first break folds away
                result.append(number)
                blanks = []
            if double:
                for escape in _ESCAPE.finditer(text):
                    if escape.group(1) == "n":
                        if text[escape.end() :].strip(" \t") in ("", "\\"):
                            pending += 1
                        else:
                            result.append(number)
        return result + blanks[1:]

    def _folded_lines(self, path: Path, record: tuple) -> list[int]:
        """Folded block scalars (``>``): lines at the content indentation fold into one
        text line; the breaks around more-indented lines are kept, and blank lines
        give newlines."""
        lines = self._region(record)
        header_line = record[_LINE]
        indent = -1
        indicator = _BLOCK_HEADER.match(lines[0], record[_COLUMN])
        if indicator and (indicator.group(1) or indicator.group(2)):
            increment = int(indicator.group(1) or indicator.group(2))
            base = self._record(path[:-1])[_COLUMN] if path else -1  # the enclosing block's indentation
            indent = base + increment if base >= 0 else increment
        result: list[int] = []
        blanks: list[int] = []
        started = spaced_before = False
        for offset in range(1, len(lines)):
            number = header_line + offset
            text = lines[offset]
            lead = len(text) - len(text.lstrip(" "))
            if lead == len(text) and (indent < 0 or lead <= indent):
                blanks.append(number)
                continue
            if indent < 0:
                indent = lead
            if lead < indent:
                break
            spaced = text[indent] in " \t"
            if not started:
                result += blanks  # leading blank lines are kept
                result.append(number)
                started = True
            elif blanks or spaced or spaced_before:
                result += blanks if spaced or spaced_before else blanks[1:]
                result.append(number)
            spaced_before = spaced
            blanks = []
        return result + blanks or [header_line + 1]


def _fit(result: list[int], count: int, last: int) -> tuple[int, ...]:
    """Make ``result`` (0-based lines, not empty) exactly ``count`` long, never
    decreasing and not past ``last``, then 1-based. Only corners of YAML's folding
    rules this module does not foresee would need more than the conversion."""
    while len(result) < count:
        result.append(result[-1] + 1)
    out: list[int] = []
    low = 0
    for line in result[:count]:
        low = min(max(line, low), last)
        out.append(low + 1)
    return tuple(out)


# ---------------------------------------------------------------------------------
# Reading and decoding
# ---------------------------------------------------------------------------------


def read_yaml(
    path: str | os.PathLike[str],
    *,
    display: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_aliases: int = DEFAULT_MAX_ALIASES,
    max_nodes: int = DEFAULT_MAX_NODES,
    expected: str = "a YAML document",
) -> YamlDocument:
    """Read and parse the YAML file at ``path``.

    ``display`` is the name used in errors (default ``str(path)``); ``expected``
    completes the message for an empty file (``the file is empty: expected ...``).
    At most ``max_bytes + 1`` bytes are ever read.
    """
    source = display if display is not None else str(path)
    return parse_yaml(
        read_bytes(path, source, max_bytes=max_bytes),
        source,
        max_bytes=max_bytes,
        max_depth=max_depth,
        max_aliases=max_aliases,
        max_nodes=max_nodes,
        expected=expected,
    )


def read_bytes(path: str | os.PathLike[str], source: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The first ``max_bytes + 1`` bytes of the file at ``path`` (more is too large to
    parse); ``-`` is standard input.

    A file that cannot be read is an :class:`InputError` naming ``source``. A named
    pipe is opened without waiting for a writer (a plain ``open`` would wait for ever):
    one that nothing writes to is an error.
    """
    import stat

    if os.fspath(path) == "-":  # `check -`: the policy comes on standard input
        import sys

        return sys.stdin.buffer.read(max_bytes + 1)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as handle:
            pipe = stat.S_ISFIFO(os.fstat(fd).st_mode)
            if pipe and hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)  # a writer that is there may write in its own time
            data = handle.read(max_bytes + 1)
        if data is None:  # a device with nothing to read yet (a buffered read says so with None)
            raise BlockingIOError
    except BlockingIOError:
        raise InputError("cannot read the file: nothing to read yet (is it a device?)", file=source) from None
    except FileNotFoundError:
        raise InputError("no such file", file=source) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", file=source) from None
    except PermissionError:
        raise InputError("cannot read the file: permission denied", file=source) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", file=source) from None
    if pipe and not data:
        raise InputError("a named pipe that nothing writes to: expected a file", file=source)
    return data


def parse_yaml(
    data: bytes | str,
    source: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_aliases: int = DEFAULT_MAX_ALIASES,
    max_nodes: int = DEFAULT_MAX_NODES,
    expected: str = "a YAML document",
) -> YamlDocument:
    """Parse one YAML document from ``data`` (bytes, or text already decoded).

    ``source`` names the input in errors. See the module documentation for what
    is refused; every refusal is an :class:`InputError`.
    """
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError as exc:
            line, column = _line_column(data[: exc.start])
            raise InputError(
                f"not UTF-8 text: character U+{ord(data[exc.start]):04X} cannot be encoded",
                file=source,
                line=line,
                column=column,
            ) from None
    if len(data) > max_bytes:
        raise InputError(f"the file is too large: more than {max_bytes:,} bytes (the limit is {max_bytes:,})", file=source)
    raw, text = _decode(data, source)
    builder = _Builder(source, text, max_depth, max_aliases, max_nodes, expected)
    pure = _PARSER is yaml.SafeLoader
    parser = None
    enabled = gc.isenabled()
    gc.disable()  # the parse makes many objects and frees none: collecting meanwhile is wasted time
    try:
        parser = _PARSER(text if pure else raw)
        tree, nodes, keys, aliases = builder.run(parser)
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, source, raw, text, pure=pure) from None
    finally:
        if parser is not None:
            parser.dispose()
        if enabled:
            gc.enable()
    return YamlDocument(source, text, tree, nodes, keys, aliases)


def _decode(data: bytes, source: str) -> tuple[bytes, str]:
    """UTF-8 bytes (byte order mark removed) and their text, or an InputError."""
    for bom, name in (
        (b"\x00\x00\xfe\xff", "UTF-32"),
        (b"\xff\xfe\x00\x00", "UTF-32"),
        (b"\xfe\xff", "UTF-16"),
        (b"\xff\xfe", "UTF-16"),
    ):
        if data.startswith(bom):
            raise InputError(
                f"not UTF-8 text: the file starts with a {name} byte order mark; save it as UTF-8",
                file=source,
                line=1,
                column=1,
            )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start if nul < 0 else min(nul, exc.start)
        line, column = _line_column(data[:bad].decode("utf-8", "replace"))
        what = "a NUL byte" if bad == nul else f"byte 0x{data[bad]:02X} is not valid UTF-8"
        raise InputError(
            f"not UTF-8 text: {what} (is it a binary file or another encoding?)",
            file=source,
            line=line,
            column=column,
        ) from None
    if nul >= 0:
        line, column = _line_column(text[: len(data[:nul].decode("utf-8"))])
        raise InputError(
            "not UTF-8 text: a NUL byte (is it a binary file or UTF-16 text?)", file=source, line=line, column=column
        )
    return data, text


def _line_column(prefix: str) -> tuple[int, int]:
    """The 1-based line and column just after ``prefix``."""
    line = len(_BREAK.findall(prefix)) + 1
    start = 0
    for match in _BREAK.finditer(prefix):
        start = match.end()
    return line, len(prefix) - start + 1


# libyaml's problems, as the person who wrote the file would put them
_PLAIN_PROBLEMS = {
    "did not find expected key": "this line is indented so that it fits no key above it (a line of text indented less "
                                 "than the text it continues, or a key indented unlike the keys beside it)",
    "did not find expected '-' indicator": "this line is indented unlike the list items above it",
    "mapping values are not allowed in this context": "a ': ' inside a plain value; quote the text, or write it as a "
                                                      "block scalar ('text: |' and the text indented below)",
    "could not find expected ':'": "a key without its ':', or a line of text outside the block it belongs to",
}


def _syntax_error(exc: yaml.YAMLError, source: str, raw: bytes, text: str, *, pure: bool) -> InputError:
    if isinstance(exc, yaml.reader.ReaderError):
        position = exc.position or 0
        prefix = text[:position] if pure else raw[:position].decode("utf-8", "replace")
        line, column = _line_column(prefix)
        char = exc.character
        shown = f"U+{char:04X}" if isinstance(char, int) else repr(char)
        return InputError(f"invalid YAML: character {shown} is not allowed", file=source, line=line, column=column)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or "syntax error"
    context = getattr(exc, "context", None)
    message = f"invalid YAML: {problem}"
    context_mark = getattr(exc, "context_mark", None)
    plain = _PLAIN_PROBLEMS.get(problem)
    if plain is not None and mark is not None:
        # libyaml's words name its parser's state; say what the writer did, and show the line
        lines = text.splitlines()
        written = lines[mark.line].rstrip() if mark.line < len(lines) else ""
        shown = written if len(written) <= 70 else written[:67] + "..."
        return InputError(f"invalid YAML: {plain}; the line reads {shown!r}", file=source, line=mark.line + 1, column=mark.column + 1)
    if context:
        message += f" ({context}"
        if context_mark is not None and (context_mark.line, context_mark.column) != (mark.line, mark.column):
            message += f" at line {context_mark.line + 1}, column {context_mark.column + 1}"
        message += ")"
    if mark is None:
        return InputError(message, file=source)
    return InputError(message, file=source, line=mark.line + 1, column=mark.column + 1)


# ---------------------------------------------------------------------------------
# Building plain data from events
# ---------------------------------------------------------------------------------


class _Builder:
    """Builds plain data and the side table from parser events, enforcing the limits.

    libyaml (and PyYAML's own parser) accept a few things the YAML specification
    forbids; the checks marked "strict" below reject them too, so that a document
    means the same to every YAML tool an author may use.
    """

    def __init__(self, source: str, text: str, max_depth: int, max_aliases: int, max_nodes: int, expected: str) -> None:
        self.source = source
        self.text = text
        self.max_depth = max_depth
        self.max_aliases = max_aliases
        self.max_nodes = max_nodes
        self.expected = expected

    def fail(self, message: str, event: Any, path: Path = ()) -> InputError:
        mark = event.start_mark
        return self.fail_at(message, mark.line, mark.column, path)

    def fail_at(self, message: str, line: int, column: int, path: Path = ()) -> InputError:
        return InputError(message, file=self.source, line=line + 1, column=column + 1, path=format_path(path) or None)

    def check_tag(self, event: Any, allowed: frozenset[str], kind: str, path: Path) -> None:
        tag = event.tag
        if tag is None or tag in allowed:
            return
        shown = _show_tag(tag)
        if tag in _SCALAR_TAGS or tag in _MAP_TAGS or tag in _SEQ_TAGS:
            raise self.fail(f"the tag {shown} cannot be used on {kind}", event, path)
        raise self.fail(
            f"the tag {shown} is not allowed: only the standard tags !!str, !!int, !!float, !!bool, "
            "!!null, !!timestamp, !!map and !!seq may be used (tags never construct objects here)",
            event,
            path,
        )

    def check_continuation(self, first: int, column: int, index: int, end: int, indent: int, path: Path) -> None:
        """Strict: the lines of a multi-line flow value (a quoted text or a [...] or
        {...} collection) below a block key or ``-`` must be indented more than it."""
        lines = _BREAK.split(self.text[index - column : end])
        for offset in range(1, len(lines)):
            line = lines[offset]
            body = line.lstrip(" ")
            if not body.strip(" \t"):
                continue
            lead = len(line) - len(body)
            if lead <= indent:
                raise self.fail_at(
                    f"this line continues a value started on line {first + 1} and must be indented by "
                    f"more than {indent} space{'s' if indent != 1 else ''}",
                    first + offset,
                    lead,
                    path,
                )

    def check_block_header(self, index: int, line: int, path: Path) -> None:
        """Strict: a blank line at the start of a block scalar (``|`` or ``>``) may not
        have more spaces than the first line of text, whose indentation sets it."""
        text = self.text
        header = _BLOCK_HEADER.match(text, index)
        if header is None or header.group(1) or header.group(2):
            return
        widest = 0
        widest_line = line
        header_end = _BREAK.search(text, index)
        while header_end is not None:
            line += 1
            position = header_end.end()
            header_end = _BREAK.search(text, position)
            body = text[position : header_end.start() if header_end else len(text)]
            lead = len(body) - len(body.lstrip(" "))
            if lead < len(body):  # the first line with text in it
                if widest > lead:
                    raise self.fail_at(
                        "a blank line at the start of this block text has more spaces than its first line "
                        "of text: remove the trailing spaces",
                        widest_line,
                        0,
                        path,
                    )
                return
            if lead > widest:
                widest, widest_line = lead, line

    def check_comments(self, nodes: dict, keys: dict) -> None:
        """Strict: a ``#`` starts a comment only after white space; libyaml also takes
        ``"text"#``, ``]#``, ``,#`` and ``|#`` as comments. Any ``#`` that follows
        another character and is neither inside a value nor in a comment is an error."""
        text = self.text
        records = [record for record in [*nodes.values(), *keys.values()] if record[_STYLE] is not None]
        if any(record[_STYLE] in "'\"" and record[_LINE] != record[_END_LINE] for record in records):
            # a quoted text over several lines: a line may begin inside one
            suspects = [match.start() + 1 for match in re.finditer(r"[^\s]#", text)]
        else:
            # the rest of a line after a '#' that follows white space (or starts the
            # line) with no quotation mark before it is a comment or inside a block
            # text: skipped by the pattern at once (a file of comments reads fast)
            suspects = [match.start(1) for match in re.finditer(_SUSPECT, text) if match.lastindex]
        if not suspects:
            return
        spans = sorted((record[_INDEX], record[_END_INDEX], record[_STYLE]) for record in records)
        starts = [span[0] for span in spans]

        def inside_value(position: int) -> bool:
            at = bisect.bisect_right(starts, position) - 1
            if at < 0:
                return False
            begin, end, style = spans[at]
            if style in ("|", ">"):  # the header line is not part of the text
                header_end = _BREAK.search(text, begin)
                begin = header_end.end() if header_end else end
            return begin <= position < end

        def comment_start(line_start: int, line_end: int) -> int:
            """Where the comment on this line starts (``line_end``: none)."""
            at = text.find("#", line_start, line_end)
            while at >= 0:
                if (at == line_start or text[at - 1] in " \t") and not inside_value(at):
                    return at
                at = text.find("#", at + 1, line_end)
            return line_end

        line_starts: list[int] = []  # where each line starts (found when first needed)
        line_start = line_end = comment = -1
        at, total = 0, len(suspects)
        while at < total:
            position = suspects[at]
            at += 1
            if inside_value(position):
                continue
            if position > line_end:  # a new line: find its comment once
                if not line_starts:
                    line_starts = [0] + [m.end() for m in _BREAK.finditer(text)]
                line_start = line_starts[bisect.bisect_right(line_starts, position) - 1]
                next_break = _BREAK.search(text, position)
                line_end = next_break.start() if next_break else len(text)
                comment = comment_start(line_start, line_end)
            if position > comment:
                at = bisect.bisect_right(suspects, line_end, at)  # the rest of the line is a comment
                continue
            if re.search(r"[&*!][^\s\[\]{},]*\Z", text[max(line_start, position - 1024) : position]):
                continue  # part of an anchor, alias or tag name
            line, column = _line_column(text[:position])
            raise self.fail_at(
                "a comment must be separated by a space from what comes before it ('#' here)", line - 1, column - 1
            )

    def run(self, parser: Any) -> tuple[Any, dict, dict, dict]:  # noqa: C901, PLR0912, PLR0915 - one hot loop
        get = parser.get_event
        nodes: dict[Path, tuple] = {}  # path -> record of the value
        keys: dict[Path, tuple] = {}  # path -> record of its mapping key
        aliases: dict[Path, tuple[Path, tuple]] = {}  # alias path -> anchor path, anchor record
        anchors: dict[str, tuple[Any, int, int, Path, tuple]] = {}  # name -> value, size, characters, path, record
        open_anchors: set[str] = set()  # anchors of collections not finished yet
        # The collection being filled, and the enclosing ones saved on the stack.
        container: Any = None  # None: at the top of the document
        here: Path = ()
        in_list = False
        key: str | None = None  # the mapping key waiting for its value (None: a key comes next)
        key_record: tuple = ()
        indent = -1  # the column of the innermost block collection
        in_flow = False  # inside a [...] or {...} collection
        stack: list[tuple[Any, Path, bool, int, bool, str | None, int, int]] = []
        root: Any = None
        count = 0
        chars = 0  # characters of text so far, counting every alias expanded
        repeated = 0  # characters of text that aliases repeat
        alias_uses = 0
        max_depth, max_nodes = self.max_depth, self.max_nodes

        event = get()
        if type(event) is StreamStartEvent:
            event = get()
        if type(event) is StreamEndEvent:
            raise InputError(f"the file is empty: expected {self.expected}", file=self.source)
        while True:
            event = get()
            kind = type(event)
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                value, path = container, here
                record = nodes[path]
                container, here, in_list, outer_indent, outer_in_flow, anchor, start, start_chars = stack.pop()
                if in_flow and not outer_in_flow and record[_LINE] != event.end_mark.line:
                    self.check_continuation(
                        record[_LINE], record[_COLUMN], record[_INDEX], event.end_mark.index, outer_indent, path
                    )
                indent, in_flow = outer_indent, outer_in_flow
                key = None
                if anchor is not None:
                    open_anchors.discard(anchor)
                    anchors[anchor] = (value, count - start + 1, chars - start_chars, path, record)
                continue
            if kind is DocumentEndEvent:
                break

            # A node: where does it go?
            if in_list:
                path = here + (len(container),)
            elif key is not None:
                path = here + (key,)
            else:
                path = here  # a mapping key, or the top of the document
            is_key = key is None and not in_list and container is not None

            if kind is ScalarEvent:
                value = event.value
                style = event.style or ""
                mark, end = event.start_mark, event.end_mark
                record = (mark.line, mark.column, mark.index, end.line, end.index, style, event.tag, value)
                if event.tag is not None:
                    self.check_tag(event, _SCALAR_TAGS, "text (a scalar)", path)
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1, len(value), path, record)
                count += 1
                chars += len(value)
                if style:
                    if style in "|>":
                        self.check_block_header(mark.index, mark.line, path)
                    elif not in_flow and mark.line != end.line:
                        self.check_continuation(mark.line, mark.column, mark.index, end.index, indent, path)
                elif value[:1] == "-" and value[1:2] in ("", " ", "\t"):
                    raise self.fail("a plain '-' cannot start a value here: put the text in quotes", event, path)
            elif kind is AliasEvent:
                alias_uses += 1
                if alias_uses > self.max_aliases:
                    raise self.fail(f"too many aliases: more than {self.max_aliases}", event, path)
                name = event.anchor
                if name in open_anchors:
                    raise self.fail(f"the alias *{name} refers to a value that contains it", event, path)
                if name not in anchors:
                    raise self.fail(f"the alias *{name} refers to no anchor &{name} before it", event, path)
                value, size, size_chars, anchor_path, anchor_record = anchors[name]
                mark = event.start_mark
                record = (mark.line, mark.column, mark.index, mark.line, event.end_mark.index, None, None, None)
                count += size
                chars += size_chars
                repeated += size_chars
                if count > max_nodes:
                    raise self.fail(f"too many values: more than {max_nodes:,} once aliases are expanded", event, path)
                if repeated > MAX_ALIASED_TEXT:
                    raise self.fail(
                        f"aliases repeat too much text: more than {MAX_ALIASED_TEXT:,} characters", event, path
                    )
                if not is_key:
                    aliases[path] = (anchor_path, anchor_record)
            else:  # the start of a mapping or a list
                if is_key:
                    raise self.fail("a key must be text, not a mapping or a list", event, path)
                if len(stack) >= max_depth:
                    raise self.fail(f"nested too deeply: more than {max_depth} levels", event, path)
                if event.tag is not None:
                    if kind is MappingStartEvent:
                        self.check_tag(event, _MAP_TAGS, "a mapping", path)
                    else:
                        self.check_tag(event, _SEQ_TAGS, "a list", path)
                value = {} if kind is MappingStartEvent else []
                mark = event.start_mark
                record = (mark.line, mark.column, mark.index, mark.line, mark.index, None, event.tag, None)
                count += 1
                if event.anchor is not None:
                    open_anchors.add(event.anchor)

            if count > max_nodes:
                raise self.fail(f"too many values: more than {max_nodes:,}", event, path)

            # Put it there.
            if is_key:
                if type(value) is not str:
                    raise self.fail("a key must be text, not a mapping or a list", event, path)
                if value in container:
                    first = keys[here + (value,)][_LINE] + 1
                    raise self.fail(f"duplicate key {value!r} (first at line {first})", event, here + (value,))
                if value == "<<" and kind is ScalarEvent and not event.style and event.tag is None:
                    raise self.fail("merge keys ('<<') are not supported: write the keys out", event, path)
                key = value
                key_record = record
                continue
            if in_list:
                container.append(value)
            elif container is None:
                root = value
            else:
                container[key] = value
                keys[path] = key_record
                key = None
            nodes[path] = record
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                stack.append((container, here, in_list, indent, in_flow, event.anchor, count, chars))
                container = value
                here = path
                in_list = kind is SequenceStartEvent
                if event.flow_style:
                    in_flow = True
                else:
                    indent = mark.column

        event = get()
        if type(event) is DocumentStartEvent:
            raise self.fail("expected one document in the file, found a second one", event)
        if "#" in self.text:  # first: "%YAML 1.1#..." alone is a misplaced comment, not an empty file
            self.check_comments(nodes, keys)
        top = nodes[()]
        if root == "" and top[_STYLE] == "" and top[_TAG] is None:
            raise InputError(f"the file is empty: expected {self.expected}", file=self.source)
        return root, nodes, keys, aliases
