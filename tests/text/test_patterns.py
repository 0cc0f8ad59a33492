"""The phrase-pattern language: what a pattern matches, and where.

Patterns are matched on a sentence's normalised tokens. The matcher works token
by token; ``CompiledPattern.regex_source`` states the same pattern as a regular
expression over ``Sentence.norm``, and the property test at the end holds the two
to the same answers (the same match, the same gaps) on generated input.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from standards_check.text.patterns import PatternError, PatternMatch, compile_pattern, pattern_table, patterns_from_table
from standards_check.text.sentences import Sentence

ROOT = Path(__file__).resolve().parents[2]

VOCAB = {
    "staff": ("staff", "peer specialist", "case manager*", "team"),
    "choose": ("choose*", "chose*", "pick*", "decide*"),
}


def tokens(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def match(pattern: str, text: str) -> PatternMatch | None:
    return compile_pattern(pattern, VOCAB).search(tokens(text))


def matched_words(pattern: str, text: str) -> str | None:
    m = match(pattern, text)
    return None if m is None else " ".join(tokens(text)[m.start : m.end])


class TestWords:
    def test_a_word_matches_only_that_whole_word(self):
        assert matched_words("voluntary", "participation is voluntary") == "voluntary"
        assert match("voluntary", "participation is involuntary") is None
        assert match("volunt", "participation is voluntary") is None

    def test_a_stem_matches_any_word_starting_with_it(self):
        assert matched_words("discharg*", "you will be discharged today") == "discharged"
        assert matched_words("discharg*", "no discharge") == "discharge"
        assert match("discharg*", "we charge nothing") is None

    def test_alternatives_and_phrases(self):
        assert matched_words("no_one|nobody", "no one will call") == "no one"
        assert matched_words("no_one|nobody", "nobody will call") == "nobody"
        assert match("no_one|nobody", "no other one") is None

    def test_a_phrase_wins_over_its_first_word(self):
        m = match("{staff} decide*", "the case manager decides")
        assert m is not None and (m.start, m.end) == (1, 4)

    def test_the_longer_alternative_is_tried_first_whatever_the_order_written(self):
        # the gap then begins after the phrase, not inside it
        for source in ("peer|peer_specialist ~ choose", "peer_specialist|peer ~ choose"):
            assert match(source, "peer specialist may choose").gaps == ((2, 3),)

    def test_vocabulary_lists_stand_for_their_entries(self):
        assert matched_words("{staff} ~ {choose}", "the peer specialist will pick") == "peer specialist will pick"
        assert match("{staff} ~ {choose}", "the peer will pick") is None


class TestOptionalAndGaps:
    def test_an_optional_token_is_taken_when_present(self):
        assert matched_words("the? team", "ask the team") == "the team"
        assert matched_words("the? team", "ask team") == "team"

    def test_a_gap_skips_up_to_its_size_and_reports_what_it_skipped(self):
        m = match("you ~2 choose", "you may freely choose")
        assert m is not None and m.gaps == ((1, 3),)
        assert match("you ~2 choose", "you may always freely choose") is None
        assert match("you ~ choose", "you choose").gaps == ()

    def test_a_gap_is_as_short_as_it_can_be(self):
        m = match("you ~ choose", "you choose or you may choose")
        assert (m.start, m.end) == (0, 2)

    def test_a_gap_never_crosses_a_strong_clause_boundary(self):
        assert match("you ~ choose", "you // staff choose") is None
        assert match("you ~ choose", "you , staff choose") is not None

    def test_the_leftmost_match_is_found_and_later_ones_on_request(self):
        p = compile_pattern("choose", VOCAB)
        words = tokens("choose one and choose another")
        assert [(m.start, m.end) for m in p.finditer(words)] == [(0, 1), (3, 4)]
        assert p.search(words, 1) == PatternMatch(3, 4)


class TestInvalidPatterns:
    @pytest.mark.parametrize(
        "source, message",
        [
            ("", "empty"),
            ("~ choose", "gap must stand between"),
            ("choose ~", "cannot end with a gap"),
            ("you ~30 choose", "larger than"),
            ("{nope}", "unknown vocabulary"),
            ("Ch*ose", "not a lower-case word"),
            ("ab*", "too short"),
            ("the?", "at least one word that is not optional"),
        ],
    )
    def test_each_mistake_is_named(self, source, message):
        with pytest.raises(PatternError, match=message):
            compile_pattern(source, VOCAB)


# --------------------------------------------------------------------------- the regex as a reference

WORDS = ["you", "may", "choose", "chooses", "staff", "peer", "specialist", "the", "team", "no", "one", ",", "//", "not"]
PIECES = [
    "you", "may", "choose", "choos*", "staff|team", "peer_specialist|peer", "the?", "no_one|no", "not?", "{staff}",
    "{choose}", "specialist", "choos*_the|chooses_you|choose", "{staff}|staff_may",
]


@st.composite
def patterns(draw) -> str:
    out = [draw(st.sampled_from(PIECES))]
    for _ in range(draw(st.integers(0, 4))):
        if draw(st.booleans()):
            out.append(draw(st.sampled_from(["~", "~1", "~3"])))
        out.append(draw(st.sampled_from(PIECES)))
    if all(p.endswith("?") or p.startswith("~") for p in out):
        out.append("you")
    return " ".join(out)


def sentence_of(words: tuple[str, ...]):
    """A real sentence whose normalised tokens are ``words`` (a ';' reads as '//')."""
    text = " ".join(";" if w == "//" else w for w in words)
    sentence = Sentence("p", 1, 0, text, "")
    assert sentence.token_texts == words
    return sentence


@settings(max_examples=400, deadline=None)
@given(patterns(), st.lists(st.sampled_from(WORDS), max_size=14), st.integers(0, 3))
def test_the_matcher_answers_as_the_patterns_regular_expression_does(source, words, start):
    pattern = compile_pattern(source, VOCAB)
    words = tuple(words)
    # the sentence's own map from Sentence.norm back to tokens, as a plugin using
    # pattern.regex would read a match
    sentence = sentence_of(words)
    norm, starts, token_at = sentence.norm, sentence.token_starts, sentence.token_index

    got = pattern.search(words, start)
    assert pattern.search(sentence, start) == got
    # a pattern read back from a cache table answers alike
    (restored,) = patterns_from_table(pattern_table([pattern]))
    assert restored.search(words, start) == got
    expected = re.compile(pattern.regex_source).search(norm, starts[start] if start < len(words) else len(norm))
    if expected is None:
        assert got is None
        return
    assert got is not None
    # a sentence the pattern matches holds an anchor word, or a word beginning with an anchor stem
    assert any(w in pattern.anchor_words or w.startswith(tuple(pattern.anchor_stems)) for w in words)
    assert (got.start, got.end) == (token_at(expected.start()), token_at(expected.end() - 2) + 1)
    gaps = []
    for i in range(pattern.gap_count):
        gs, ge = expected.span(f"g{i}")
        if ge > gs:
            gaps.append((token_at(gs), token_at(ge - 2) + 1))
    assert got.gaps == tuple(gaps)


def test_the_regex_of_a_pattern_is_compiled_once_and_finds_what_search_finds():
    pattern = compile_pattern("{staff} ~ {choose}", VOCAB)
    sentence = sentence_of(("the", "team", "will", "decide"))
    assert pattern.regex is pattern.regex
    m = pattern.regex.search(sentence.norm)
    assert m is not None and m.group().strip() == "team will decide"
    assert pattern.search(sentence) == PatternMatch(1, 4, ((2, 3),))


# --------------------------------------------------------------------------- finding candidates


def test_the_candidates_of_a_long_document_are_those_of_each_sentence_alone(monkeypatch):
    from standards_check.api import Policy
    from standards_check.engine.checker import collect_rubrics
    from standards_check.engine.evaluate import PatternIndex
    from standards_check.engine.plugins import load_plugins
    from standards_check.text.sentences import split_sentences

    text = (ROOT / "examples" / "policies" / "harbor-peer-center.yaml").read_text(encoding="utf-8")
    sentences = split_sentences(Policy("p", "P", text, (1,), 1))
    index = PatternIndex(collect_rubrics(load_plugins()).rubrics)
    monkeypatch.setattr(PatternIndex, "_BLOCK", 7)  # blocks of sentences scanned together
    together = index.candidates(sentences)
    alone = [index.candidates([s])[0] for s in sentences]
    assert together == alone
    assert sum(map(len, together)) > 50
