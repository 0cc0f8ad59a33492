"""Compiling a plugin's own list of patterns once, not on every run.

:func:`compile_patterns` compiles a list of pattern sources as
:func:`~standards_check.text.patterns.compile_pattern` does, and remembers the result
in the cache folder (see :mod:`standards_check.cache`), keyed by a digest of the
sources, the vocabulary and the code that compiles them. A later run with the same
list reads the compiled patterns back instead of compiling them again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from standards_check.cache import code_digest, entry_file, hasher, read_entry, write_entry
from standards_check.text.patterns import CompiledPattern, PatternError, compile_pattern, pattern_table, patterns_from_table

FORMAT = 6
_COMPILERS = ("standards_check.text.patterns", __name__)


def compile_patterns(sources: Sequence[str], vocabulary: Mapping[str, Sequence[str]]) -> list[CompiledPattern]:
    """Compile every pattern of ``sources`` with macros from ``vocabulary``, in order.

    The same as ``[compile_pattern(s, vocabulary) for s in sources]``, but compiled
    once: later runs read the patterns back from the cache. An invalid pattern
    raises :class:`~standards_check.text.patterns.PatternError` with its position in
    ``sources`` as the error's ``index``.
    """
    words = {str(name): tuple(entries) for name, entries in vocabulary.items()}
    entry = _entry(list(sources), words)
    if entry is not None:
        data = read_entry(*entry)
        if data is not None:
            try:
                found = patterns_from_table(data["table"])
                if [p.source for p in found] == list(sources):
                    return found
            except Exception:  # damaged: compile again
                pass
    compiled = []
    for i, source in enumerate(sources):
        try:
            compiled.append(compile_pattern(source, words))
        except PatternError as exc:
            exc.index = i
            raise
    if entry is not None:
        path, key = entry
        write_entry(path, {"key": key, "table": pattern_table(compiled)})
    return compiled


def _entry(sources: list[str], vocabulary: dict[str, tuple[str, ...]]) -> tuple[Path, str] | None:
    """The entry's file and the key it must hold (a digest of the list), or None."""
    if not all(isinstance(s, str) for s in sources):
        return None
    try:
        text = json.dumps([FORMAT, code_digest(_COMPILERS).hex(), sources, sorted(vocabulary.items())])
    except (OSError, TypeError, ValueError):  # no source to key on, or words that are not text
        return None
    key = hasher(text.encode("ascii")).hexdigest()
    path = entry_file("patterns", key)
    if path is None:
        return None
    return path, key
