"""Rubric definitions: the declarative format of ``rubrics/*.yaml``.

A rubric file defines a rubric and its criteria: what each criterion requires,
why it matters, its elements and red flags (as phrase patterns, see
:mod:`standards_check.text.patterns`), how to fix a gap, model policy language and
references. The format is documented in ``docs/rubric-format.md`` and published as
a JSON Schema (``standards_check/schema/rubric.schema.json``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from standards_check.errors import InputError, suggest
from standards_check.model.results import SEVERITIES
from standards_check.model.rubric import Criterion, DeclarationKey, Reference, Rubric, Rule
from standards_check.text.patterns import CompiledPattern, PatternError, compile_pattern
from standards_check.text.vocabulary import CORE_VOCABULARY

RUBRIC_FORMAT = 1
BINDS = ("person", "staff", "any")
# compiled when first used (re keeps them): a rubric read back from the cache is not checked again
_ID = r"[a-z0-9][a-z0-9-]*"
_CRITERION_ID = r"[A-Z][A-Z0-9]*-[0-9A-Z]+"


_MAX_MISTAKES = 10  # a rubric file's mistakes reported at once, at most
_TOP_KEYS = {"rubric_format", "id", "title", "description", "version", "vocabulary", "declarations", "criteria"}
_CRITERION_KEYS = {
    "id", "title", "severity", "requirement", "why", "elements", "red_flags", "remediation",
    "model_language", "references", "evaluator", "applies_to_settings", "options",
}
_RULE_KEYS = {"id", "text", "patterns", "rules", "exclude", "binds", "concepts", "absence"}


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, message: str) -> InputError:
        return InputError(message, file=self.source, path=path)

    def mapping(self, value: Any, path: str, allowed: set[str], required: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, "expected a mapping")
        for key in value:
            if key not in allowed:
                hint = suggest(str(key), sorted(allowed)) or f"; expected one of {', '.join(sorted(allowed))}"
                raise self.fail(f"{path}.{key}" if path else str(key), "unknown key" + hint)
        for key in required:
            if key not in value or value[key] in (None, ""):
                raise self.fail(f"{path}.{key}" if path else key, "required")
        return value

    def text(self, value: Any, path: str, default: str = "") -> str:
        if value is None:
            return default
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise self.fail(path, "expected text")
        return str(value).strip()

    def strings(self, value: Any, path: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(path, "expected a list of strings")
        return tuple(value)


def _compile_all(reader: _Reader, sources: tuple[str, ...], path: str, vocabulary: dict[str, tuple[str, ...]]) -> tuple[CompiledPattern, ...]:
    compiled = []
    for i, src in enumerate(sources):
        try:
            compiled.append(compile_pattern(src, vocabulary))
        except PatternError as exc:
            raise reader.fail(f"{path}[{i}]", f"invalid pattern {src!r}: {exc}") from None
    return tuple(compiled)


def _rule(reader: _Reader, data: Any, path: str, kind: str, vocabulary: dict[str, tuple[str, ...]], needs_patterns: bool) -> Rule:
    d = reader.mapping(data, path, _RULE_KEYS, ("id", "text"))
    binds = reader.text(d.get("binds"), f"{path}.binds", "any")
    if binds not in BINDS:
        raise reader.fail(f"{path}.binds", f"expected one of {', '.join(BINDS)}")
    patterns = _compile_all(reader, reader.strings(d.get("patterns"), f"{path}.patterns"), f"{path}.patterns", vocabulary)
    custom = []
    raw_rules = d.get("rules") or []
    if not isinstance(raw_rules, list):
        raise reader.fail(f"{path}.rules", "expected a list of rules, each a mapping with a 'type'")
    for j, item in enumerate(raw_rules):
        if not isinstance(item, dict) or not isinstance(item.get("type"), str) or not item["type"]:
            raise reader.fail(f"{path}.rules[{j}]", "expected a mapping with a 'type' (a rule type a plugin provides)")
        custom.append((item["type"], {k: v for k, v in item.items() if k != "type"}))
    if needs_patterns and not patterns and not custom:
        raise reader.fail(f"{path}.patterns", "required: at least one pattern or rule (or give the criterion an evaluator)")
    return Rule(
        id=reader.text(d["id"], f"{path}.id"),
        text=reader.text(d["text"], f"{path}.text"),
        patterns=patterns,
        exclude=_compile_all(reader, reader.strings(d.get("exclude"), f"{path}.exclude"), f"{path}.exclude", vocabulary),
        binds=binds,
        kind=kind,
        custom=tuple(custom),
        concepts=_concepts(reader, d.get("concepts"), f"{path}.concepts", vocabulary),
        absence=_flag(reader, d.get("absence", False), f"{path}.absence"),
    )


def _flag(reader: _Reader, value: Any, path: str) -> bool:
    # scalars are read as the text written (no YAML 1.1 "yes" or "on"): true or false only
    if isinstance(value, bool) or value in ("true", "false"):
        return value in (True, "true")
    raise reader.fail(path, f"expected true or false, found {value!r}")


def _concepts(reader: _Reader, value: Any, path: str, vocabulary: dict[str, tuple[str, ...]]) -> tuple[CompiledPattern, ...]:
    """An element's key concepts: each one token of alternatives (``"choice|choose*|{voluntary}"``)."""
    compiled = _compile_all(reader, reader.strings(value, path), path, vocabulary)
    for i, c in enumerate(compiled):
        if len(c.required_keys) != 1:
            raise reader.fail(f"{path}[{i}]", f"a concept is one token of alternatives, not a phrase pattern: {c.source!r}")
    return compiled


def _criterion(r: _Reader, c: Any, path: str, seen: set[str], vocabulary: dict[str, tuple[str, ...]]) -> Criterion:
    d = r.mapping(c, path, _CRITERION_KEYS, ("id", "title", "severity", "requirement"))
    cid = r.text(d["id"], f"{path}.id")
    if not re.fullmatch(_CRITERION_ID, cid):
        raise r.fail(f"{path}.id", "expected an ID like AUT-01 (upper-case prefix, hyphen, number)")
    if cid in seen:
        raise r.fail(f"{path}.id", f"duplicate criterion {cid}")
    seen.add(cid)
    severity = r.text(d["severity"], f"{path}.severity")
    if severity not in SEVERITIES:
        raise r.fail(f"{path}.severity", f"expected one of {', '.join(SEVERITIES)}")
    evaluator = d.get("evaluator")
    raw_elements = d.get("elements") or []
    if not isinstance(raw_elements, list) or not raw_elements:
        raise r.fail(f"{path}.elements", "expected a non-empty list of elements")
    elements = tuple(_rule(r, e, f"{path}.elements[{j}]", "element", vocabulary, evaluator is None) for j, e in enumerate(raw_elements))
    raw_flags = d.get("red_flags") or []
    if not isinstance(raw_flags, list):
        raise r.fail(f"{path}.red_flags", "expected a list of red flags")
    flags = tuple(_rule(r, e, f"{path}.red_flags[{j}]", "red_flag", vocabulary, evaluator is None) for j, e in enumerate(raw_flags))
    refs = []
    for j, ref in enumerate(d.get("references") or []):
        rd = r.mapping(ref, f"{path}.references[{j}]", {"document", "section", "url"}, ("document",))
        refs.append(Reference(r.text(rd["document"], "document"), r.text(rd.get("section"), "section") or None, r.text(rd.get("url"), "url") or None))
    options = d.get("options") or {}
    if not isinstance(options, dict):
        raise r.fail(f"{path}.options", "expected a mapping")
    return Criterion(
            id=cid,
            title=r.text(d["title"], f"{path}.title"),
            severity=severity,
            requirement=r.text(d["requirement"], f"{path}.requirement"),
            why=r.text(d.get("why"), f"{path}.why"),
            elements=elements,
            red_flags=flags,
            remediation=r.text(d.get("remediation"), f"{path}.remediation"),
            model_language=r.text(d.get("model_language"), f"{path}.model_language"),
            references=tuple(refs),
            evaluator=r.text(evaluator, f"{path}.evaluator") or None,
            applies_to_settings=r.strings(d.get("applies_to_settings"), f"{path}.applies_to_settings"),
            options=options,
        )


def rubric_from_data(data: Any, source: str) -> Rubric:
    """Build and validate a :class:`Rubric` from loaded YAML data."""
    r = _Reader(source)
    top = r.mapping(data, "", _TOP_KEYS, ("rubric_format", "id", "title", "criteria"))
    if str(top["rubric_format"]) != str(RUBRIC_FORMAT):
        raise r.fail("rubric_format", f"this version of standards-check reads rubric_format {RUBRIC_FORMAT}, not {top['rubric_format']!r}")
    rubric_id = r.text(top["id"], "id")
    if not re.fullmatch(_ID, rubric_id):
        raise r.fail("id", "expected lower-case letters, digits and hyphens")
    vocabulary = dict(CORE_VOCABULARY)
    voc = top.get("vocabulary") or {}
    if not isinstance(voc, dict):
        raise r.fail("vocabulary", "expected a mapping of name to a list of words or phrases")
    for name, words in voc.items():
        vocabulary[str(name)] = tuple(w.lower() for w in r.strings(words, f"vocabulary.{name}"))
    criteria = []
    seen: set[str] = set()
    raw_criteria = top["criteria"]
    if not isinstance(raw_criteria, list) or not raw_criteria:
        raise r.fail("criteria", "expected a non-empty list of criteria")
    mistakes: list[InputError] = []  # every criterion's first mistake, up to _MAX_MISTAKES, reported at once
    for i, c in enumerate(raw_criteria):
        try:
            criteria.append(_criterion(r, c, f"criteria[{i}]", seen, vocabulary))
        except InputError as exc:
            mistakes.append(exc)
            if len(mistakes) >= _MAX_MISTAKES:
                break
    if mistakes:
        first = mistakes[0]
        first.more = mistakes[1:]  # type: ignore[attr-defined]
        raise first
    decls = []
    raw_decls = top.get("declarations") or {}
    if not isinstance(raw_decls, dict):
        raise r.fail("declarations", "expected a mapping of declaration key to its meaning")
    for key, spec in raw_decls.items():
        path = f"declarations.{key}"
        d = r.mapping(spec, path, {"description", "criterion", "values"}, ("criterion", "values"))
        if d["criterion"] not in seen:
            raise r.fail(f"{path}.criterion", f"unknown criterion {d['criterion']!r} in this rubric")
        values = d["values"]
        if not isinstance(values, dict) or not all(v in ("supports", "contradicts") for v in values.values()):
            raise r.fail(f"{path}.values", "expected a mapping of value to 'supports' or 'contradicts'")
        decls.append(DeclarationKey(str(key), r.text(d.get("description"), "description"), str(d["criterion"]), {str(k).lower(): v for k, v in values.items()}))
    return Rubric(
        id=rubric_id,
        title=r.text(top["title"], "title"),
        description=r.text(top.get("description"), "description"),
        version=r.text(top.get("version"), "version", "1"),
        criteria=tuple(criteria),
        declarations=tuple(decls),
        source=source,
    )


def _parse_path(text: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for piece in re.findall(r"[^.\[\]]+|\[\d+\]", text):
        parts.append(int(piece[1:-1]) if piece.startswith("[") else piece)
    return tuple(parts)


def _nulls_to_none(doc: Any, value: Any, path: tuple[str | int, ...]) -> Any:
    if isinstance(value, dict):
        return {k: _nulls_to_none(doc, v, (*path, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_nulls_to_none(doc, v, (*path, i)) for i, v in enumerate(value)]
    if isinstance(value, str) and value in ("", "~", "null", "Null", "NULL") and doc.is_null(path):
        return None
    return value


def load_rubric_file(path: Any) -> Rubric:
    """Load and validate a rubric definition file (safe YAML, limits, line-aware errors).

    ``path`` is a file path or a :class:`importlib.resources.abc.Traversable`. A file
    compiled before is read from the cache (:mod:`standards_check.loading.rubriccache`).
    """
    from standards_check.loading import rubriccache
    from standards_check.loading.yamlsource import parse_yaml, read_bytes

    display = str(path)
    if hasattr(path, "read_bytes") and not isinstance(path, (str, Path)):
        content = path.read_bytes()
    else:
        content = read_bytes(path, display)
    cached = rubriccache.load(display, content)
    if cached is not None:
        return cached
    doc = parse_yaml(content, display, expected="a rubric definition")
    data = _nulls_to_none(doc, doc.data, ())
    try:
        rubric = rubric_from_data(data, display)
    except InputError as exc:
        for mistake in (exc, *getattr(exc, "more", ())):
            if mistake.path and mistake.line is None:
                where = doc.location(_parse_path(mistake.path))
                mistake.line, mistake.column = where.line, where.column
        more = getattr(exc, "more", ())
        if more:  # one line still: the first mistake, then where the others are
            exc.message += f"; {len(more)} more: " + "; ".join(f"line {m.line}: {m.path}: {m.message}" for m in more)
            exc.args = (exc.message,)
        raise
    rubriccache.store(display, content, rubric)
    return rubric
