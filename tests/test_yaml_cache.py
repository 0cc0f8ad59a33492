"""load_yaml: a plugin's own YAML data file parsed once and read back on later runs,
giving exactly what yaml.safe_load gives."""

from __future__ import annotations

import pytest
import yaml

from standards_check.api import load_yaml
from standards_check.cache import CACHE_ENV
from standards_check.loading import yamlcache

LEXICON = """\
terms:
  - id: addict
    patterns: [addict*, substance_abuser*]
    alternatives: [person who uses drugs]
    weight: 1.5
    strict: yes
  - id: junkie
    patterns: [junkie*]
    note: ~
vocabulary: {people: [people, persons]}
"""


@pytest.fixture
def entries(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return lambda: sorted((tmp_path / "cache" / "data").glob("*.json"))


@pytest.fixture
def no_parsing(monkeypatch):
    """Parsing YAML fails from now on: what is returned was read back from the cache."""

    def refuse(*args, **kwargs):
        raise AssertionError("parsed again")

    return lambda: monkeypatch.setattr(yamlcache.yaml, "load", refuse)


def test_the_data_is_what_the_safe_loader_gives_and_a_second_read_parses_nothing(entries, no_parsing, tmp_path):
    path = tmp_path / "lexicon.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    first = load_yaml(path)
    assert first == yaml.safe_load(LEXICON)
    assert len(entries()) == 1
    no_parsing()
    assert load_yaml(str(path)) == first  # a str names the same file


def test_a_changed_file_is_parsed_again(entries, tmp_path):
    path = tmp_path / "lexicon.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    load_yaml(path)
    path.write_text(LEXICON.replace("junkie", "user"), encoding="utf-8")
    assert load_yaml(path)["terms"][1]["id"] == "user"
    assert len(entries()) == 1  # one entry per file, replaced


@pytest.mark.parametrize(
    "text",
    ["when: 2026-01-15\n", "1: one\n", "ratio: .nan\n", "tags: !!set {a, b}\n"],
    ids=["date", "number-key", "nan", "set"],
)
def test_data_json_cannot_carry_exactly_is_parsed_every_time_not_remembered(text, entries, tmp_path):
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    expected = yaml.safe_load(text)
    assert repr(load_yaml(path)) == repr(expected)
    assert repr(load_yaml(path)) == repr(expected)
    assert entries() == []


def test_aliases_that_would_make_a_huge_entry_are_not_remembered(entries, tmp_path):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 8)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(levels) + "\n", encoding="utf-8")
    data = load_yaml(path)  # loading shares the lists; writing them out would be 10**8 items
    assert data["a7"][0] is data["a6"]
    assert entries() == []


def test_a_damaged_entry_is_parsed_again_and_replaced(entries, tmp_path):
    path = tmp_path / "lexicon.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    load_yaml(path)
    (entry,) = entries()
    good = entry.read_text(encoding="utf-8")
    for damaged in ("", good[: len(good) // 2], good.replace('"data":', '"other":')):
        entry.write_text(damaged, encoding="utf-8")
        assert load_yaml(path) == yaml.safe_load(LEXICON)
        assert entry.read_text(encoding="utf-8") == good


def test_with_the_cache_turned_off_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, "")
    path = tmp_path / "lexicon.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    assert load_yaml(path) == yaml.safe_load(LEXICON)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lexicon.yaml"]


def test_a_file_that_is_not_yaml_raises_the_yaml_error(entries, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("terms: [unclosed\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError):
        load_yaml(path)
    assert entries() == []
