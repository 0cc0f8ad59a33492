"""compile_patterns: a plugin's own pattern list compiled once and read back on
later runs, matching exactly as compile_pattern's patterns do."""

from __future__ import annotations

import json

import cache_entry  # tests/cache_entry.py
import pytest

from standards_check.api import PatternError, compile_pattern, compile_patterns
from standards_check.cache import CACHE_ENV
from standards_check.text import patterncache, patterns

VOCABULARY = {"staff": ("staff", "peer specialist*", "coach"), "must": ("must", "is required to", "have to")}
SOURCES = ["{staff} ~ {must} attend*", "no_one|nobody ~3 require*", "choice", "the? person ~2 decide*|choose*"]
SENTENCES = [
    ("the", "peer", "specialists", "must", "attend", "every", "meeting"),
    ("nobody", "will", "be", "required", "to", "come"),
    ("the", "person", "may", "choose", "a", "coach"),
    ("a", "coach", "is", "required", "to", "attend"),
]


@pytest.fixture
def entries(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    return lambda: sorted((tmp_path / "patterns").glob("*.json"))


def matches(compiled) -> list:
    return [[list(p.finditer(s)) for s in SENTENCES] for p in compiled]


def test_patterns_compiled_at_once_are_the_patterns_compiled_one_by_one(entries):
    one_by_one = [compile_pattern(s, VOCABULARY) for s in SOURCES]
    first = compile_patterns(SOURCES, VOCABULARY)
    assert [p.source for p in first] == SOURCES
    assert matches(first) == matches(one_by_one)
    assert any(any(m) for m in matches(first))
    assert [p.regex_source for p in first] == [p.regex_source for p in one_by_one]


def test_a_second_run_reads_them_back_without_compiling(entries, monkeypatch):
    first = compile_patterns(SOURCES, VOCABULARY)
    assert len(entries()) == 1

    def no_compiling(*args):
        raise AssertionError("compiled again")

    monkeypatch.setattr(patterncache, "compile_pattern", no_compiling)
    again = compile_patterns(SOURCES, VOCABULARY)
    assert matches(again) == matches(first)
    assert [(p.required_keys, p.anchor_words, p.anchor_stems) for p in again] == [
        (p.required_keys, p.anchor_words, p.anchor_stems) for p in first
    ]


@pytest.mark.parametrize(
    "change",
    [lambda s, v: (s + ["coach"], v), lambda s, v: (s[:-1], v), lambda s, v: (s, {**v, "staff": ("staff",)})],
    ids=["a-pattern-added", "a-pattern-removed", "a-vocabulary-changed"],
)
def test_another_list_or_vocabulary_is_compiled_not_read_back(change, entries):
    compile_patterns(SOURCES, VOCABULARY)
    sources, vocabulary = change(list(SOURCES), dict(VOCABULARY))
    got = compile_patterns(sources, vocabulary)
    assert matches(got) == matches([compile_pattern(s, vocabulary) for s in sources])
    assert len(entries()) == 2


def test_an_invalid_pattern_says_which_it_is(entries):
    with pytest.raises(PatternError) as caught:
        compile_patterns(["choice", "{nowhere} decide*", "voluntary"], VOCABULARY)
    assert caught.value.index == 1
    assert "nowhere" in str(caught.value)
    assert entries() == []


def test_a_damaged_entry_is_compiled_again(entries):
    compile_patterns(SOURCES, VOCABULARY)
    (entry,) = entries()
    key, data = cache_entry.read(entry)
    data["table"]["patterns"][0][0] = "something else"
    cache_entry.rewrite(entry, key, data)
    assert matches(compile_patterns(SOURCES, VOCABULARY)) == matches([compile_pattern(s, VOCABULARY) for s in SOURCES])


def test_with_the_cache_turned_off_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, "")
    monkeypatch.chdir(tmp_path)
    assert [p.source for p in compile_patterns(SOURCES, VOCABULARY)] == SOURCES
    assert list(tmp_path.iterdir()) == []


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


def test_tokens_read_back_keep_their_index_keys():
    compiled = compile_patterns(SOURCES, VOCABULARY)
    table = patterns.pattern_table(compiled)
    again = patterns.patterns_from_table(json.loads(json.dumps(table)))
    assert [p.required_keys for p in again] == [p.required_keys for p in compiled]
