"""The cache of compiled rubric files: a rubric read back from it is the rubric
compiled from the file, and a cache that is missing, stale, damaged or unwritable
only makes a run slower, never different."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import cache_entry  # tests/cache_entry.py
import pytest
from click.testing import CliRunner

from standards_check.cache import CACHE_ENV, cache_root
from standards_check.cli.commands import cli
from standards_check.loading.policy import load_policy
from standards_check.loading.rubric import load_rubric_file
from standards_check.text.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[2]
RUBRICS = sorted(p for p in (ROOT / "rubrics").glob("*.yaml") if p.stem != "language")
EXAMPLES = sorted((ROOT / "examples" / "policies").glob("*.yaml"))

RUBRIC = """\
rubric_format: 1
id: cache-test
title: Cache test
vocabulary:
  helper: [peer specialist, staff member, mentor]
criteria:
  - id: CT-01
    title: Choice is offered
    severity: minor
    requirement: The policy offers a choice.
    options: {threshold: 2, labels: [a, b], nested: {ratio: 0.5, flag: true, none: null}}
    elements:
      - id: a
        text: choice is offered
        patterns: ["{helper} ~ offer* the? choice|option", "no_one ~3 require*"]
        exclude: ["not offer*"]
        binds: staff
    red_flags:
      - id: b
        text: attendance is required
        patterns: ["attendance ~ {must} attend*|{person}", "{staff}|we ~2 decide*"]
    references:
      - {document: A guide, section: "2"}
"""


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder / "rubrics"


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def compiled_without_cache(path: Path, monkeypatch) -> object:
    with monkeypatch.context() as off:
        off.setenv(CACHE_ENV, "")
        return load_rubric_file(path)


def plain(value: object) -> object:
    """A rubric as comparable data: each pattern by everything matching depends on."""
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return {type(value).__name__: {name: plain(v) for name, v in zip(value._fields, value, strict=True)}}
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if type(value).__name__ == "CompiledPattern":
        return ("pattern", value.source, value.regex_source, value.gap_count, value.required_keys,
                value.anchor_words, value.anchor_stems)
    return value


@pytest.mark.parametrize("path", RUBRICS + [None], ids=[p.name for p in RUBRICS] + ["test-rubric"])
def test_a_rubric_read_back_from_the_cache_is_the_rubric_compiled_from_its_file(path, cache, tmp_path, monkeypatch):
    if path is None:
        path = tmp_path / "r.yaml"
        path.write_text(RUBRIC, encoding="utf-8")
    first = load_rubric_file(path)
    assert len(entries(cache)) == 1
    again = load_rubric_file(path)
    assert plain(again) == plain(first)
    monkeypatch.setenv(CACHE_ENV, "")
    assert plain(load_rubric_file(path)) == plain(again)


def test_patterns_read_back_from_the_cache_match_every_sentence_alike(cache, monkeypatch):
    files = EXAMPLES + sorted(p for p in (ROOT / "tests" / "corpus").glob("*.yaml") if p.name != "expected.yaml")
    sentences = [s for f in files for policy in load_policy(str(f)).policies for s in split_sentences(policy)]
    assert len(sentences) > 300
    for path in RUBRICS:
        load_rubric_file(path)  # compiled and cached
        assert any(entries(cache))
        cached = load_rubric_file(path)
        fresh = compiled_without_cache(path, monkeypatch)
        pairs = [
            (a, b)
            for ca, cb in zip(cached.criteria, fresh.criteria, strict=True)
            for ra, rb in zip(ca.elements + ca.red_flags, cb.elements + cb.red_flags, strict=True)
            for a, b in zip(ra.patterns + ra.exclude, rb.patterns + rb.exclude, strict=True)
        ]
        assert len(pairs) > 300
        for a, b in pairs:
            for s in sentences:
                assert list(a.finditer(s)) == list(b.finditer(s)), (a.source, s.text)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_a_report_is_the_same_byte_for_byte_without_a_cache_with_a_new_one_and_with_a_filled_one(example, cache, monkeypatch):
    def report() -> bytes:
        result = CliRunner().invoke(cli, ["check", str(example), "-f", "json", "--today", "2026-01-01"])
        assert result.exit_code in (0, 1), result.output
        return result.stdout_bytes

    monkeypatch.setenv(CACHE_ENV, "")
    without = report()
    assert not entries(cache)
    monkeypatch.setenv(CACHE_ENV, str(cache.parent))
    assert report() == without  # compiled, then cached
    assert len(entries(cache)) == len(RUBRICS)
    assert report() == without  # read back from the cache


def test_a_changed_rubric_file_is_compiled_again_not_read_from_its_old_entry(cache, tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(RUBRIC, encoding="utf-8")
    load_rubric_file(path)
    path.write_text(RUBRIC.replace("title: Choice is offered", "title: Choices are offered"), encoding="utf-8")
    assert load_rubric_file(path).criteria[0].title == "Choices are offered"
    assert load_rubric_file(path).criteria[0].title == "Choices are offered"
    assert len(entries(cache)) == 1  # one entry per rubric file, replaced


def test_a_rubric_file_that_becomes_invalid_is_an_error_even_after_it_was_cached(cache, tmp_path):
    from standards_check.errors import InputError

    path = tmp_path / "r.yaml"
    path.write_text(RUBRIC, encoding="utf-8")
    load_rubric_file(path)
    path.write_text(RUBRIC.replace('"not offer*"', '"not ~"'), encoding="utf-8")
    with pytest.raises(InputError, match="invalid pattern"):
        load_rubric_file(path)


@pytest.fixture
def cached_rubric(cache, tmp_path, monkeypatch) -> tuple[Path, Path, str, object]:
    """A rubric file compiled into the cache: its path, its entry, the entry's text and
    the rubric compiled without the cache, as plain data."""
    path = tmp_path / "r.yaml"
    path.write_text(RUBRIC, encoding="utf-8")
    expected = plain(compiled_without_cache(path, monkeypatch))
    load_rubric_file(path)
    (entry,) = entries(cache)
    return path, entry, entry.read_text(encoding="utf-8"), expected


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "",
        lambda text: text[: len(text) // 2],
        lambda text: "[1, 2, 3]",
        lambda text: text.replace('"tokens":[[', '"tokens":[7,[', 1),
        lambda text: text.replace('"tokens":[[', '"tokens":[["",', 1),
        lambda text: text.replace('"patterns":[[', '"patterns":[["x",[0],[99999]],[', 1),
        lambda text: text.replace('"patterns":[[', '"patterns":[["x",[0,999999],[0]],[', 1),
        lambda text: text.replace('"patterns":[[', '"patterns":[["x",[0,-99,0],[0]],[', 1),
        lambda text: text.replace('"title":', '"title": 7, "other":', 1),  # well-formed, not what was written
        lambda text: text.replace('"key": "', '"key": "0', 1),
        lambda text: "[" * 100_000 + "]" * 100_000,
    ],
    ids=["empty", "truncated", "not-an-entry", "bad-token", "empty-token", "bad-anchor", "bad-token-of-pattern", "bad-gap", "edited", "other-key",
         "nested-too-deep"],
)
def test_a_damaged_entry_is_compiled_again_and_replaced(damage, cached_rubric):
    path, entry, good, expected = cached_rubric
    assert damage(good) != good
    entry.write_text(damage(good), encoding="utf-8")
    assert plain(load_rubric_file(path)) == expected
    assert entry.read_text(encoding="utf-8") == good


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["patterns"]["tokens"].insert(0, 7),
        lambda d: d["patterns"]["tokens"][0].__setitem__(0, ""),
        lambda d: d["patterns"]["tokens"][0].pop(),
        lambda d: d["patterns"]["tokens"][0].__setitem__(2, "7"),
        lambda d: next(t for t in d["patterns"]["tokens"] if " " not in t[0] and "*" not in t[0]).__setitem__(4, "x"),
        lambda d: d["patterns"]["patterns"].insert(0, ["x", [0], [99999]]),
        lambda d: d["patterns"]["patterns"].insert(0, ["x", [0, 999999], [0]]),
        lambda d: d["patterns"]["patterns"].insert(0, ["x", [0, -99, 0], [0]]),
        lambda d: d["patterns"]["patterns"].insert(0, ["x", [-1, 0], [0]]),
        lambda d: d["patterns"]["patterns"].insert(0, ["x", [], [0]]),
        lambda d: d["patterns"]["patterns"].insert(0, ["x", [0.5], [0]]),
        lambda d: d["patterns"]["patterns"].insert(0, [7, [0], [0]]),
        lambda d: d["patterns"]["patterns"].insert(0, ["x", [0]]),
    ],
    ids=["not-a-row", "empty-text", "short-row", "cost-not-a-number", "starts-of-single-words", "bad-anchor",
         "bad-token-of-pattern", "bad-gap", "gap-first", "no-items", "item-not-a-number", "source-not-text",
         "short-pattern"],
)
def test_an_entry_whose_checksum_holds_but_is_not_a_compiled_rubric_is_compiled_again(damage, cached_rubric):
    # as a bug in an older writer would leave one: the checksum cannot tell
    path, entry, good, expected = cached_rubric
    key, data = cache_entry.read(entry)
    damage(data)
    cache_entry.rewrite(entry, key, data)
    assert entry.read_text(encoding="utf-8") != good
    assert plain(load_rubric_file(path)) == expected
    assert entry.read_text(encoding="utf-8") == good


def test_a_cache_folder_that_cannot_be_written_only_makes_the_run_slower(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker))
    result = CliRunner().invoke(cli, ["check", str(EXAMPLES[0]), "-f", "json"])
    assert result.exit_code in (0, 1), result.output
    assert json.loads(result.stdout)["programs"]
    assert not list(tmp_path.glob("**/*.tmp")) and not list(tmp_path.glob("**/.*.tmp"))


def test_an_empty_cache_setting_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, "")
    assert cache_root() is None
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    assert cache_root() == tmp_path


def test_without_a_setting_the_cache_is_in_the_users_cache_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "standards-check"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_root() == tmp_path / "home" / ".cache" / "standards-check"


def test_the_cache_is_private_plain_json(cache, tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(RUBRIC, encoding="utf-8")
    load_rubric_file(path)
    (entry,) = entries(cache)
    head, body = entry.read_text(encoding="ascii").split("\n")
    assert set(json.loads(head)) == {"key", "crc32"}
    assert set(json.loads(body)) == {"rubric", "patterns"}
    if os.name == "posix":  # the cache folder, the rubrics' folder and the entry
        assert [p.stat().st_mode & 0o077 for p in (cache.parent, cache, entry)] == [0, 0, 0]


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="a system with file owners")
def test_an_entry_others_may_write_is_not_read(cache, tmp_path, monkeypatch):
    path = tmp_path / "r.yaml"
    path.write_text(RUBRIC, encoding="utf-8")
    load_rubric_file(path)
    (entry,) = entries(cache)
    key, data = cache_entry.read(entry)
    data["rubric"]["title"] = "Planted"
    cache_entry.rewrite(entry, key, data)
    assert load_rubric_file(path).title == "Planted"  # the user's own entry is trusted
    cache_entry.rewrite(entry, key, data)
    entry.chmod(0o666)
    assert load_rubric_file(path).title == "Cache test"  # one anybody could have written is not


def test_data_json_cannot_write_is_not_remembered_and_not_an_error(tmp_path):
    from standards_check.cache import read_entry, write_entry

    entry = tmp_path / "cache" / "kind" / "entry.json"
    write_entry(entry, {"key": "k", "options": {"set by a plugin": object()}})
    assert not entry.exists()
    write_entry(entry, {"key": "k", "options": {"plain": [1, "two"]}})
    assert read_entry(entry, "k") == {"options": {"plain": [1, "two"]}}
