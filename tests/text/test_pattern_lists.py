"""compile_patterns: a plugin's own list of patterns, compiled in order, matching
exactly as compile_pattern's patterns do; and the table a compiled rubric is kept as."""

from __future__ import annotations

import json

import pytest

from standards_check.api import PatternError, compile_pattern, compile_patterns
from standards_check.text import patterns

VOCABULARY = {"staff": ("staff", "peer specialist*", "coach"), "must": ("must", "is required to", "have to")}
SOURCES = ["{staff} ~ {must} attend*", "no_one|nobody ~3 require*", "choice", "the? person ~2 decide*|choose*"]
SENTENCES = [
    ("the", "peer", "specialists", "must", "attend", "every", "meeting"),
    ("nobody", "will", "be", "required", "to", "come"),
    ("the", "person", "may", "choose", "a", "coach"),
    ("a", "coach", "is", "required", "to", "attend"),
]


def matches(compiled) -> list:
    return [[list(p.finditer(s)) for s in SENTENCES] for p in compiled]


def test_patterns_compiled_at_once_are_the_patterns_compiled_one_by_one():
    one_by_one = [compile_pattern(s, VOCABULARY) for s in SOURCES]
    at_once = compile_patterns(SOURCES, VOCABULARY)
    assert [p.source for p in at_once] == SOURCES
    assert matches(at_once) == matches(one_by_one)
    assert any(any(m) for m in matches(at_once))


def test_an_invalid_pattern_says_which_it_is():
    with pytest.raises(PatternError) as caught:
        compile_patterns(["choice", "{nowhere} decide*", "voluntary"], VOCABULARY)
    assert caught.value.index == 1
    assert "nowhere" in str(caught.value)


def test_the_lexicon_names_the_place_of_an_invalid_pattern(tmp_path):
    from standards_check.builtin import mutual_respect

    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text(
        "terms:\n"
        "  - id: addict\n    patterns: [addict*]\n    alternatives: [person who uses drugs]\n"
        "  - id: junkie\n    patterns: [junkie*]\n    exceptions: [{pattern: 'junk ~', reason: no}]\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"terms\[1\] \(junkie\)\.exceptions\[0\]: invalid pattern 'junk ~'"):
        mutual_respect._load_lexicon(str(lexicon))


def test_patterns_read_back_from_their_table_keep_their_index_keys():
    compiled = compile_patterns(SOURCES, VOCABULARY)
    table = patterns.pattern_table(compiled)
    again = patterns.patterns_from_table(json.loads(json.dumps(table)))
    assert [p.required_keys for p in again] == [p.required_keys for p in compiled]
