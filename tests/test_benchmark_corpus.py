"""The benchmark's synthetic corpus: valid, deterministic, varied, and made whole.

Speed itself is measured by ``benchmarks/run.py``, not here; these hold the
corpus it measures to what the README says of it.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from standards_check.loading.policy import load_policy
from standards_check.text.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate_corpus import generate, is_current  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate(out, 12, size=20_000)
    return out


def test_every_generated_document_is_a_valid_policy_document_of_about_the_size_asked(corpus):
    files = sorted(corpus.glob("*.yaml"))
    assert len(files) == 12
    for path in files:
        assert 20_000 <= path.stat().st_size < 24_000
        assert load_policy(path, display=path.name).policies


def test_the_same_seed_makes_the_same_bytes_and_another_seed_other_ones(corpus, tmp_path):
    generate(tmp_path / "again", 12, size=20_000)
    generate(tmp_path / "other", 12, size=20_000, seed=2)
    first = {p.name: p.read_bytes() for p in corpus.glob("*.yaml")}
    assert first == {p.name: p.read_bytes() for p in (tmp_path / "again").glob("*.yaml")}
    assert first != {p.name: p.read_bytes() for p in (tmp_path / "other").glob("*.yaml")}


def test_documents_word_their_sentences_their_own_way_not_from_a_fixed_bank(corpus):
    counts: Counter[str] = Counter()
    for path in corpus.glob("*.yaml"):
        for policy in load_policy(path, display=path.name).policies:
            counts.update(s.text for s in split_sentences(policy))
    total = sum(counts.values())
    # drawn unchanged from the ~900 sentences of the labelled policies, these
    # twelve documents would have 45% distinct sentences (measured)
    assert len(counts) / total > 0.65


def test_a_corpus_counts_as_current_only_when_made_whole_with_the_same_settings(corpus, tmp_path):
    assert is_current(corpus, 12, size=20_000)
    assert not is_current(corpus, 13, size=20_000)
    assert not is_current(corpus, 12, size=20_000, seed=2)
    assert not is_current(tmp_path / "missing", 12)
    partial = tmp_path / "partial"
    partial.mkdir()
    (partial / "program-00000.yaml").write_text("standards_check: 1\n", encoding="utf-8")
    assert not is_current(partial, 1)  # no stamp: cut short, or made by an older generator


def test_making_a_smaller_corpus_in_the_same_folder_leaves_no_old_documents(tmp_path):
    generate(tmp_path, 5, size=5_000)
    generate(tmp_path, 2, size=5_000)
    assert sorted(p.name for p in tmp_path.glob("*.yaml")) == ["program-00000.yaml", "program-00001.yaml"]


def test_the_benchmark_stops_when_the_check_did_not_check_with_every_rubric():
    import json

    from run import verify  # benchmarks/run.py

    report = {"programs": [{"source": "p.yaml", "rubrics": [{"criteria": [{}] * 21}]}],
              "rubrics": [{"id": "autonomy"}, {"id": "mutual-respect"}, {"id": "shared-decisions"}]}
    verify(json.dumps(report), 1)  # a run as a user's: no complaint
    broken = {**report, "plugin_problems": [{"plugin": "autonomy", "message": "could not be imported"}]}
    with pytest.raises(SystemExit, match="did not run as a user's would"):
        verify(json.dumps(broken), 1)
    with pytest.raises(SystemExit):
        verify(json.dumps({**report, "rubrics": [{"id": "autonomy"}]}), 1)
    with pytest.raises(SystemExit):
        verify(json.dumps(report), 2)
