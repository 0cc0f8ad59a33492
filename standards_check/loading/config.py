"""The configuration file, ``standards-check.yaml``.

A team keeps its usual options in one file beside its policies instead of on
every command line::

    # standards-check.yaml
    rubrics: [autonomy, shared-decisions]   # only these rubrics (IDs); default: all
    skip: [AUT-08]                          # rubrics or criteria to leave out
    exclude: ["drafts/*", "*-old.yaml"]      # files of the folders checked to leave out
    fail_on: major                          # critical (default) | major | minor | any | none
    min_score: 80                           # exit 1 when a program scores below this
    attestations: attestations.yaml         # the attestations file
    formats:                                # the reports to write
      - {format: html, output: reports/policies.html}
      - {format: json, output: reports/policies.json}
      - {format: text}                      # no output: standard output
    plugins: [plugins/trauma_informed.py]   # extra plugins: Python files or module names

Where it is found
    ``--config FILE`` names it. Otherwise ``standards-check.yaml`` in the current
    directory is used if it is there; no other directory is searched (a file in a
    parent directory is never picked up by surprise).

What it means
    Every key is optional and means what the ``check`` option of the same name
    means. An option given on the command line wins over the file (lists are
    replaced, not merged; any ``-f``/``-o`` replaces all of ``formats``). Paths in
    the file (``attestations``, ``formats[].output``, ``plugins``) are relative to
    the directory of the configuration file. The effective configuration is
    recorded in the report's ``config``.

Errors
    Unknown keys (with a did-you-mean), wrong types and values are
    :class:`~standards_check.errors.InputError` naming the file, line, column and
    path, so the command exits 2 and nothing runs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from standards_check.errors import InputError, suggest
from standards_check.loading.yamlsource import Path, YamlDocument, format_path, read_yaml

__all__ = ["CONFIG_KEYS", "CONFIG_NAME", "FAIL_ON", "Config", "find_config", "load_config"]

CONFIG_NAME = "standards-check.yaml"
CONFIG_KEYS = ("standards_check", "rubrics", "skip", "exclude", "fail_on", "min_score", "attestations", "formats", "plugins")
FORMAT_KEYS = ("format", "output")
FAIL_ON = ("critical", "major", "minor", "any", "none")
_EXPECTED = "a standards-check configuration (a mapping of options, e.g. fail_on: major)"


class Config(NamedTuple):
    """A loaded configuration file. ``None`` (or an empty tuple for lists not given)
    means the key is not set; :attr:`given` lists the keys that are."""

    source: str
    rubrics: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str | None = None
    min_score: float | None = None
    attestations: str | None = None
    formats: tuple[tuple[str, str], ...] = ()
    plugins: tuple[str, ...] = ()
    given: frozenset[str] = frozenset()
    # where each value stands, for errors found later (unknown rubric, unknown format)
    locations: Mapping[str, tuple[int, int]] = MappingProxyType({})

    def error(self, message: str, path: str) -> InputError:
        line, column = self.locations.get(path, (None, None))
        return InputError(message, file=self.source, line=line, column=column, path=path)


def find_config(explicit: str | None = None, cwd: str | os.PathLike[str] | None = None) -> Config | None:
    """The configuration in effect: ``explicit`` (``--config``) if given, else
    ``standards-check.yaml`` in ``cwd`` (default: the current directory) if it
    exists, else ``None``. Never looks in any other directory."""
    if explicit:
        if not os.path.exists(explicit):
            raise InputError("no such configuration file (named with --config)", file=explicit)
        return load_config(explicit)
    base = os.fspath(cwd) if cwd is not None else ""
    candidate = os.path.join(base, CONFIG_NAME) if base else CONFIG_NAME
    if os.path.isfile(candidate):
        return load_config(candidate)
    return None


def load_config(path: str | os.PathLike[str], *, display: str | None = None) -> Config:
    """Read and validate the configuration file at ``path``."""
    doc = read_yaml(path, display=display, expected=_EXPECTED)
    return _Reader(doc, os.path.dirname(os.fspath(path))).config()


class _Reader:
    def __init__(self, doc: YamlDocument, directory: str) -> None:
        self.doc = doc
        self.directory = directory
        self.locations: dict[str, tuple[int, int]] = {}

    def relative(self, value: str) -> str:
        """A path in the file, made relative to the current directory."""
        if os.path.isabs(value) or not self.directory:
            return value
        return os.path.normpath(os.path.join(self.directory, value))

    def note(self, path: Path) -> None:
        where = self.doc.location(path)
        self.locations[format_path(path)] = (where.line, where.column)

    def config(self) -> Config:
        doc = self.doc
        top = doc.data
        if not isinstance(top, dict):
            raise doc.error(f"expected {_EXPECTED}, found {self.describe(())}")
        for key in top:
            if key not in CONFIG_KEYS:
                raise doc.error(
                    f"unknown key {key!r} in the configuration{suggest(key, CONFIG_KEYS)}; expected one of: {', '.join(CONFIG_KEYS)}",
                    (key,),
                    at_key=True,
                )
        given = {k for k in top if not doc.is_null((k,))}
        values: dict[str, Any] = {}
        if "standards_check" in given:
            if top["standards_check"] != "1" or doc.scalar_style(("standards_check",)) != "plain":
                raise doc.error("expected the format version 1 (standards_check: 1)", ("standards_check",))
            given.discard("standards_check")
        if "rubrics" in given:
            values["rubrics"] = self.strings(("rubrics",), "rubric IDs, e.g. [autonomy, shared-decisions]")
        if "skip" in given:
            values["skip"] = self.strings(("skip",), "rubric or criterion IDs, e.g. [AUT-08]")
        if "exclude" in given:
            values["exclude"] = self.strings(("exclude",), "file patterns, e.g. [\"drafts/*\"]")
        if "fail_on" in given:
            value = self.scalar(("fail_on",), "one of " + ", ".join(FAIL_ON))
            if value not in FAIL_ON:
                raise doc.error(f"expected one of {', '.join(FAIL_ON)}, found {value!r}{suggest(value, FAIL_ON)}", ("fail_on",))
            values["fail_on"] = value
        if "min_score" in given:
            value = self.scalar(("min_score",), "a score from 0 to 100")
            try:
                number = float(value)
            except ValueError:
                raise doc.error(f"expected a score from 0 to 100, found {value!r}", ("min_score",)) from None
            if not 0 <= number <= 100:
                raise doc.error(f"expected a score from 0 to 100, found {value}", ("min_score",))
            values["min_score"] = number
        if "attestations" in given:
            values["attestations"] = self.relative(self.scalar(("attestations",), "the path of the attestations file"))
        if "formats" in given:
            values["formats"] = self.formats()
        if "plugins" in given:
            items = self.strings(("plugins",), "Python files or module names of plugins")
            values["plugins"] = tuple(self.relative(p) if p.endswith(".py") or "/" in p else p for p in items)
        return Config(source=doc.source, given=frozenset(given), locations=self.locations, **values)

    def formats(self) -> tuple[tuple[str, str], ...]:
        path: Path = ("formats",)
        items = self.doc.data["formats"]
        if not isinstance(items, list):
            raise self.doc.error(f"expected a list of {{format, output}} mappings, found {self.describe(path)}", path)
        result = []
        for i, item in enumerate(items):
            p = path + (i,)
            if isinstance(item, str) and not self.doc.is_null(p):
                # `- text` is short for `- {format: text}` (to standard output)
                name = self.scalar(p, "a format name")
                where = self.doc.location(p)
                self.locations[format_path(p + ("format",))] = (where.line, where.column)
                result.append((name, "-"))
                continue
            if not isinstance(item, dict):
                raise self.doc.error(f"expected a mapping like {{format: html, output: report.html}}, found {self.describe(p)}", p)
            for key in item:
                if key not in FORMAT_KEYS:
                    raise self.doc.error(
                        f"unknown key {key!r} in a format{suggest(key, FORMAT_KEYS)}; expected one of: {', '.join(FORMAT_KEYS)}",
                        p + (key,),
                        at_key=True,
                    )
            if "format" not in item or self.doc.is_null(p + ("format",)):
                raise self.doc.error("missing required key 'format': the report format, e.g. format: html", p)
            name = self.scalar(p + ("format",), "a format name")
            self.note(p + ("format",))
            output = "-"
            if "output" in item and not self.doc.is_null(p + ("output",)):
                output = self.scalar(p + ("output",), "the file to write, or - for standard output")
                output = output if output == "-" else self.relative(output)
            result.append((name, output))
        stdout = [name for name, out in result if out == "-"]
        if len(stdout) > 1:
            raise self.doc.error(
                f"only one report can go to standard output, but {', '.join(stdout)} have no output file", path
            )
        return tuple(result)

    # -- helpers ----------------------------------------------------------------
    def describe(self, path: Path) -> str:
        return self.doc.describe(path)

    def scalar(self, path: Path, what: str) -> str:
        value: Any = self.doc.data
        for part in path:
            value = value[part]
        if not isinstance(value, str) or not value.strip() or self.doc.is_null(path):
            raise self.doc.error(f"expected {what}, found {self.describe(path)}", path)
        return value.strip()

    def strings(self, path: Path, what: str) -> tuple[str, ...]:
        value: Any = self.doc.data[path[0]]
        if not isinstance(value, list):
            raise self.doc.error(f"expected a list of {what}, found {self.describe(path)}", path)
        result = []
        for i in range(len(value)):
            result.append(self.scalar(path + (i,), what))
            self.note(path + (i,))
        return tuple(result)
