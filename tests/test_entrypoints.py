"""The installed plugins' entry points are remembered between runs while nothing
is installed or removed, and searched for again as soon as anything is."""

from __future__ import annotations

import json
import os

import cache_entry  # tests/cache_entry.py
import pytest

from standards_check.cache import CACHE_ENV
from standards_check.engine import entrypoints
from standards_check.engine.plugins import ENTRY_POINT_GROUP, load_plugins

BUILT_IN = ["autonomy", "mutual-respect", "shared-decisions"]


@pytest.fixture
def memory(tmp_path, monkeypatch):
    """The file of remembered entry points (one for this test's sys.path)."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))

    def only():
        (found,) = (tmp_path / "cache" / "entry-points").glob("*.json")
        return found

    return only


@pytest.fixture
def searches(monkeypatch) -> list[str]:
    """The searches of the installed distributions that happen."""
    done: list[str] = []
    search = entrypoints._search

    def counted(group: str):
        done.append(group)
        return search(group)

    monkeypatch.setattr(entrypoints, "_search", counted)
    return done


def names(plugins) -> list[str]:
    return [info.name for info in plugins.infos]


def test_a_second_run_reads_the_entry_points_it_found_before(memory, searches):
    first = load_plugins()
    assert searches == [ENTRY_POINT_GROUP] and memory().is_file()
    second = load_plugins()
    assert searches == [ENTRY_POINT_GROUP]
    assert names(second) == names(first) == BUILT_IN
    assert [(i.distribution, i.version, i.module) for i in second.infos] == [(i.distribution, i.version, i.module) for i in first.infos]
    assert not second.problems


def test_installing_or_removing_anything_on_the_path_means_searching_again(memory, searches, tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    load_plugins()
    (site / "newly_installed-1.0.dist-info").mkdir()  # what installing a distribution does to its folder
    load_plugins()
    assert searches == [ENTRY_POINT_GROUP, ENTRY_POINT_GROUP]
    load_plugins()
    assert len(searches) == 2


def test_a_remembered_plugin_that_no_longer_imports_means_searching_again(memory, searches):
    load_plugins()
    key, data = cache_entry.read(memory())
    data["entry_points"].append(["uninstalled", "no_such_module_anywhere:plugin", "gone", "1.0"])
    cache_entry.rewrite(memory(), key, data)
    plugins = load_plugins()
    assert names(plugins) == BUILT_IN and not plugins.problems
    assert len(searches) == 2


@pytest.mark.parametrize(
    "damaged",
    ["", "{", "[]", '{"key": 1}', '{"key": null, "entry_points": [[1, 2]]}', '{"key": null, "entry_points": ' + "[" * 100_000],
    ids=["empty", "truncated", "a-list", "another-state", "bad-rows", "nested-too-deep"],
)
def test_a_damaged_memory_means_searching_again(damaged, memory, searches):
    load_plugins()
    state, _ = cache_entry.read(memory())
    memory().write_text(damaged.replace("null", json.dumps(state)), encoding="utf-8")
    assert names(load_plugins()) == BUILT_IN
    assert len(searches) == 2


def test_with_the_cache_turned_off_every_run_searches(monkeypatch, searches, tmp_path):
    monkeypatch.setenv(CACHE_ENV, "")
    monkeypatch.chdir(tmp_path)
    load_plugins()
    load_plugins()
    assert len(searches) == 2
    assert not os.listdir(tmp_path)


def test_a_remembered_entry_point_loads_the_object_it_names():
    ep = entrypoints.EntryPoint("x", "standards_check.engine.plugins:load_plugins", None, None)
    assert ep.load() is load_plugins


def test_environments_with_different_paths_keep_their_own_memory(tmp_path, monkeypatch, searches):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    load_plugins()
    with monkeypatch.context() as other:
        other.syspath_prepend(str(tmp_path))  # as another way of starting Python would
        load_plugins()
    load_plugins()
    assert len(searches) == 2
    assert len(list((tmp_path / "cache" / "entry-points").glob("*.json"))) == 2


def test_an_entry_points_file_rewritten_in_place_means_searching_again(memory, searches, tmp_path, monkeypatch):
    site = tmp_path / "site"
    info = site / "someone_elses_plugin-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "entry_points.txt").write_text("[console_scripts]\nx = y:z\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    load_plugins()
    (info / "entry_points.txt").write_text("[console_scripts]\nx = y:z\n\n[standards_check]\n", encoding="utf-8")
    load_plugins()
    assert len(searches) == 2


def test_extras_of_an_entry_point_are_not_part_of_the_name():
    ep = entrypoints.EntryPoint("x", "standards_check.engine.plugins : load_plugins [fast]", None, None)
    assert ep.load() is load_plugins


def test_an_entry_point_that_names_no_object_is_an_error_naming_it():
    with pytest.raises(ModuleNotFoundError, match="no_such_module"):
        entrypoints.EntryPoint("x", "no_such_module:thing", None, None).load()
    with pytest.raises(AttributeError, match="no_such_function"):
        entrypoints.EntryPoint("x", "standards_check.engine.plugins:no_such_function", None, None).load()


def test_an_entry_point_may_name_a_module_or_an_attribute_of_an_attribute():
    import standards_check.engine.plugins as module

    assert entrypoints.EntryPoint("x", "standards_check.engine.plugins", None, None).load() is module
    assert entrypoints.EntryPoint("x", "standards_check.engine.plugins:Plugins.name_of", None, None).load() is module.Plugins.name_of


def test_a_broken_installed_plugin_is_imported_once_when_the_memory_is_searched_again(memory, tmp_path, monkeypatch):
    # it fails to import, so the remembered list is searched again; found again, it is
    # reported from the first attempt instead of being run a second time
    site, log = tmp_path / "site", tmp_path / "imports.log"
    site.mkdir()
    (site / "broken_plugin_module.py").write_text(
        f"with open({str(log)!r}, 'a') as log:\n    log.write('imported\\n')\nraise RuntimeError('cannot start')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("sys.dont_write_bytecode", True)  # nothing written where the search looks
    monkeypatch.syspath_prepend(str(site))
    broken = entrypoints.EntryPoint("broken", "broken_plugin_module:plugin", "broken-plugin", "1.0")
    search = entrypoints._search
    searched = []

    def with_broken(group):
        searched.append(group)
        return sorted([*search(group), broken], key=lambda ep: ep.name)

    monkeypatch.setattr(entrypoints, "_search", with_broken)
    load_plugins()  # searches, and remembers the broken one too
    log.unlink()
    plugins = load_plugins()  # remembered: it fails, so a search, which finds it again
    assert len(searched) == 2
    assert [p.plugin for p in plugins.problems] == ["broken"] and "cannot start" in plugins.problems[0].message
    assert log.read_text(encoding="utf-8") == "imported\n"
