"""A sentence worded as one read before is not read again, and is cited at its own place.

What the rubric patterns (and the person-first-language lexicon) find in a sentence
depends on its wording alone: its text and its list lead-in. A corpus repeats
wordings (programs that share a handbook, model language copied from policy to
policy), so a checker remembers what it found for the wordings it read lately, a
bounded number of them, and gives every sentence worded so the same findings at its
own policy and line.
"""

from __future__ import annotations

import pydoc
from pathlib import Path

import pytest

from standards_check.engine.checker import Checker, collect_rubrics
from standards_check.engine.evaluate import EvaluationContext
from standards_check.engine.plugins import load_plugins
from standards_check.loading.policy import load_policy
from standards_check.text import patterns, sentences
from standards_check.text.sentences import Sentence

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted(p for p in (ROOT / "tests" / "corpus").glob("*.yaml") if p.name != "expected.yaml")

REPEATED = """\
standards_check: 1
program:
  name: Two Rooms
policies:
  - id: groups
    title: Groups
    text: |
      Attendance at all recovery groups is mandatory. You choose your own goals.
  - id: housing
    title: Housing
    text: |
      Residents must:
      - keep their room tidy

      Attendance at all recovery groups is mandatory.
  - id: meetings
    title: Meetings
    text: |
      Staff must:
      - keep their room tidy
"""


@pytest.fixture(scope="module")
def rubric_set():
    rubrics = collect_rubrics(load_plugins())
    assert not rubrics.problems, rubrics.problems
    return rubrics


def test_a_checker_that_read_other_documents_reports_as_a_fresh_one(rubric_set):
    shared = Checker(rubric_set)
    for path in CORPUS + CORPUS[:3]:
        assert shared.check(load_policy(path)).to_dict() == Checker(rubric_set).check(load_policy(path)).to_dict()


def test_a_repeated_sentence_is_cited_at_each_of_its_places(rubric_set, tmp_path):
    path = tmp_path / "two-rooms.yaml"
    path.write_text(REPEATED, encoding="utf-8")
    result = Checker(rubric_set).check(load_policy(path)).to_dict()
    places = {
        (e["policy"], e["line"])
        for r in result["rubrics"]
        for c in r["criteria"]
        for e in c["evidence"]
        if e["quote"] == "Attendance at all recovery groups is mandatory."
    }
    assert places == {("groups", 8), ("housing", 15)}


def test_a_list_item_is_read_with_its_own_lead_in(rubric_set, tmp_path):
    # the same item under another lead-in is another wording: "Residents must" binds
    # the person served, "Staff must" binds staff
    path = tmp_path / "two-rooms.yaml"
    path.write_text(REPEATED, encoding="utf-8")
    checker = Checker(rubric_set)
    checker.check(load_policy(path))
    index = checker.index
    assert ("keep their room tidy", "Residents must:") in index.found
    assert ("keep their room tidy", "Staff must:") in index.found


def test_a_document_read_again_runs_no_pattern_search(rubric_set, monkeypatch):
    # possible evidence is a pass of its own, over the key concepts of missing elements only
    monkeypatch.setattr(EvaluationContext, "POSSIBLE_LIMIT", 0)
    checker = Checker(rubric_set)
    first = checker.check(load_policy(CORPUS[0])).to_dict()
    searches = []
    search = patterns.CompiledPattern.search
    monkeypatch.setattr(patterns.CompiledPattern, "search", lambda self, *a: searches.append(self) or search(self, *a))
    again = checker.check(load_policy(CORPUS[0])).to_dict()
    assert again == first
    assert searches == []


def test_what_is_remembered_is_bounded_and_changes_no_finding(rubric_set, monkeypatch):
    from standards_check.builtin import mutual_respect

    fresh = [Checker(rubric_set).check(load_policy(path)).to_dict() for path in CORPUS[:4]]
    small = Checker(rubric_set)
    small.index.found.limit = 5
    scans = mutual_respect.lexicon().scans  # shared by every checker: its limit is put back
    monkeypatch.setattr(scans, "limit", 5)
    scans.clear()  # else what was read above would not be read again
    for path, want in zip(CORPUS[:4], fresh, strict=True):
        assert small.check(load_policy(path)).to_dict() == want
        assert len(small.index.found) == 5
        assert len(scans) == 5


def test_a_document_read_again_is_not_read_into_tokens(rubric_set, tmp_path, monkeypatch):
    # a sentence is read into tokens when something first asks for them; what every
    # pass finds in a known wording is remembered, so nothing asks
    path = tmp_path / "two-rooms.yaml"
    path.write_text(REPEATED, encoding="utf-8")
    monkeypatch.setattr(EvaluationContext, "POSSIBLE_LIMIT", 0)  # a pass of its own (see above)
    checker = Checker(rubric_set)
    first = checker.check(load_policy(path)).to_dict()
    read = []
    tokenize = sentences.tokenize
    monkeypatch.setattr(sentences, "tokenize", lambda text: read.append(text) or tokenize(text))
    assert checker.check(load_policy(path)).to_dict() == first
    assert read == []


def test_a_sentence_is_read_into_tokens_when_first_asked():
    sentence = Sentence("p", 3, 0, "You won't be asked to leave.", "Staff promise:")
    # the lead-in's colon joins it to the item
    assert sentence.token_texts == ("staff", "promise", "you", "will", "not", "be", "asked", "to", "leave")
    assert sentence.context_tokens == 2
    assert sentence.norm == " " + " ".join(sentence.token_texts) + " "
    assert [sentence.norm[i:].split(" ", 1)[0] for i in sentence.token_starts] == list(sentence.token_texts)
    assert sentence == Sentence("p", 3, 0, "You won't be asked to leave.", "Staff promise:")
    assert "tokens" in pydoc.render_doc(Sentence)  # read on the class, a field is itself
