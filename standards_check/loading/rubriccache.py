"""The cache of compiled rubric files: a run reads a rubric file it has seen before
without parsing its YAML or compiling its patterns again.

Compiling the built-in rubrics' 1,400 patterns costs more than checking a policy
with them, so a single-policy run spends most of its time there. The cache keeps
each compiled rubric as plain data (JSON: reading it runs no code), one entry per
rubric file path, in the folder ``rubrics`` of the cache folder (see
:mod:`standards_check.cache`; ``STANDARDS_CHECK_CACHE_DIR=`` turns it off).

An entry is used only when its key matches: a digest of the rubric file's bytes,
of the source of the modules that compile it, and of this format. A missing,
stale, unreadable or malformed entry is compiled again and replaced; a cache
folder that cannot be written is not an error (the run is only slower). Entries
are written atomically. A rubric file's values are all text, lists and mappings
(see :mod:`standards_check.loading.yamlsource`), which JSON carries exactly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from standards_check.cache import file_entry, read_entry, write_entry
from standards_check.model.rubric import Criterion, DeclarationKey, Reference, Rubric, Rule
from standards_check.text.patterns import CompiledPattern, pattern_table, patterns_from_table

__all__ = ["load", "store"]
FORMAT = 8
# the modules whose code decides what a rubric file compiles to
_COMPILERS = ("standards_check.loading.yamlsource", "standards_check.text.patterns", "standards_check.loading.rubric", "standards_check.model.rubric",
              "standards_check.text.vocabulary", "standards_check.model.results", __name__)


def _entry(display: str, content: bytes) -> tuple[Path, str] | None:
    """The entry's file and the key it must hold, or None when there is no cache."""
    return file_entry("rubrics", display, content, _COMPILERS, b"%d" % FORMAT)


def load(display: str, content: bytes) -> Rubric | None:
    """The rubric compiled from ``content`` (the file ``display``), if the cache has it."""
    entry = _entry(display, content)
    if entry is None:
        return None
    data = read_entry(*entry)
    if data is None:
        return None
    try:
        return _rubric(data, display)
    except Exception:  # damaged: compile again
        return None


def store(display: str, content: bytes, rubric: Rubric) -> None:
    """Remember ``rubric`` as compiled from ``content``; quietly nothing when it cannot."""
    entry = _entry(display, content)
    if entry is None:
        return
    path, key = entry
    patterns: list[CompiledPattern] = []
    data = {"key": key, "rubric": _rubric_data(rubric, patterns), "patterns": pattern_table(patterns)}
    write_entry(path, data)


def _rubric_data(rubric: Rubric, patterns: list[CompiledPattern]) -> dict[str, Any]:
    def refs(compiled: tuple[CompiledPattern, ...]) -> list[int]:
        start = len(patterns)
        patterns.extend(compiled)
        return list(range(start, len(patterns)))

    def rule(r: Rule) -> list[Any]:
        return [r.id, r.text, refs(r.patterns), refs(r.exclude), r.binds, r.kind, [[t, o] for t, o in r.custom], refs(r.concepts), r.absence]

    return {
        "id": rubric.id, "title": rubric.title, "description": rubric.description, "version": rubric.version,
        "criteria": [
            [c.id, c.title, c.severity, c.requirement, c.why, [rule(e) for e in c.elements],
             [rule(f) for f in c.red_flags], c.remediation, c.model_language,
             [[r.document, r.section, r.url] for r in c.references], c.evaluator, list(c.applies_to_settings), c.options]
            for c in rubric.criteria
        ],
        "declarations": [[d.key, d.description, d.criterion, d.values] for d in rubric.declarations],
    }


def _rubric(data: dict[str, Any], display: str) -> Rubric:
    patterns = patterns_from_table(data["patterns"])

    def rule(r: list[Any]) -> Rule:
        rid, text, found, exclude, binds, kind, custom, concepts, absence = r
        return Rule(rid, text, tuple(patterns[i] for i in found), tuple(patterns[i] for i in exclude), binds, kind,
                    tuple((t, o) for t, o in custom), tuple(patterns[i] for i in concepts), bool(absence))

    r = data["rubric"]
    criteria = tuple(
        Criterion(cid, title, severity, requirement, why, tuple(rule(e) for e in elements), tuple(rule(f) for f in flags),
                  remediation, model, tuple(Reference(*ref) for ref in references), evaluator, tuple(settings), options)
        for cid, title, severity, requirement, why, elements, flags, remediation, model, references, evaluator, settings, options
        in r["criteria"]
    )
    declarations = tuple(DeclarationKey(key, description, criterion, values) for key, description, criterion, values in r["declarations"])
    return Rubric(r["id"], r["title"], r["description"], r["version"], criteria, declarations, source=display)
