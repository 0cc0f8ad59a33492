"""Finding and loading plugins, and collecting what they contribute.

Plugins come only from two places: installed distributions' entry points in the
``standards_check`` group (the built-in rubrics are registered there too), and
files or modules the user names with ``--plugin``. Nothing is imported from the
current directory by surprise. A plugin that fails to import, is written for
another API version, or contributes something malformed is recorded as a
:class:`PluginProblem`; the others still run.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from typing import Any, NamedTuple

import pluggy

from standards_check import hookspecs
from standards_check.errors import InputError, described, suggest

ENTRY_POINT_GROUP = "standards_check"


class PluginInfo(NamedTuple):
    name: str
    module: str
    distribution: str | None
    version: str | None
    hooks: tuple[str, ...]
    source: str  # "entry point" or the path the user named


class PluginProblem(NamedTuple):
    plugin: str
    message: str


class Plugins(NamedTuple):
    """The loaded plugin manager with what is known about each plugin (the lists are
    filled as plugins load)."""

    manager: pluggy.PluginManager
    infos: list[PluginInfo]
    problems: list[PluginProblem]
    blocked: tuple[str, ...] = ()

    def name_of(self, plugin: object) -> str:
        return self.manager.get_name(plugin) or repr(plugin)


def _hooks_of(plugin: object) -> tuple[str, ...]:
    return tuple(sorted(n for n in dir(plugin) if n.startswith("standards_check_") and callable(getattr(plugin, n))))


def _api_problem(name: str, plugin: object) -> str | None:
    declared = getattr(plugin, "STANDARDS_CHECK_API", None)
    if declared is None:
        return None
    try:
        major = int(str(declared).split(".")[0])
    except ValueError:
        return f"declares STANDARDS_CHECK_API = {declared!r}, which is not a version number"
    if major != hookspecs.API_VERSION:
        return (
            f"is written for plugin API version {declared}, but this standards-check provides version "
            f"{hookspecs.API_VERSION}; upgrade the plugin or standards-check"
        )
    return None


def _import_path(path: str) -> object:
    p = Path(path)
    if not p.is_file():
        raise InputError("no such plugin file", file=path)
    module_name = f"standards_check_user_plugin_{p.stem.replace('-', '_')}"
    spec = importlib.util.spec_from_file_location(module_name, p)
    if spec is None or spec.loader is None:
        raise InputError("not a Python file", file=path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def _name_of(item: str) -> str:
    """A plugin's name before it is imported: a module's name, a file's name without
    ``.py`` (a package's ``__init__.py``: its folder's); the file may declare another
    in ``PLUGIN_NAME``."""
    if not (item.endswith(".py") or "/" in item):
        return item
    path = Path(item)
    return path.parent.name if path.stem == "__init__" else path.stem


def load_plugins(*, blocked: tuple[str, ...] = (), extra: tuple[str, ...] = ()) -> Plugins:
    """Load entry-point plugins (except ``blocked`` names) and the user-named ``extra`` ones.

    ``extra`` items are paths of ``.py`` files or importable module names.
    """
    found = _entry_points(ENTRY_POINT_GROUP)
    known = sorted({ep.name for ep in found} | {_name_of(item) for item in extra})
    for name in blocked:
        if name not in known:
            raise InputError(f"there is no plugin {name!r} to disable{suggest(name, known)}; plugins: {', '.join(known)}", file="-p")
    imported = _import_entry_points(found, blocked)
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    plugins = Plugins(pm, [], [], tuple(blocked))
    for name in blocked:
        pm.set_blocked(name)
    for ep, plugin in imported:
        if isinstance(plugin, (Exception, SystemExit)):  # a broken third-party plugin must not break the run
            plugins.problems.append(PluginProblem(ep.name, f"could not be imported: {described(plugin)}"))
            continue
        _register(plugins, ep.name, plugin, ep.distribution, ep.version, "entry point")
    for item in extra:
        name = _name_of(item)
        if pm.is_blocked(name):
            continue
        try:
            plugin = _import_path(item) if item.endswith(".py") or "/" in item else importlib.import_module(item)
        except InputError:
            raise
        except (Exception, SystemExit) as exc:  # a plugin calling sys.exit() ends nothing but its own part
            plugins.problems.append(PluginProblem(name, f"could not be imported: {described(exc)}"))
            continue
        declared = getattr(plugin, "PLUGIN_NAME", None)
        name = declared if isinstance(declared, str) and declared else name
        if pm.is_blocked(name):
            continue
        _register(plugins, name, plugin, None, getattr(plugin, "__version__", None), item)
    return plugins


class _EntryPoint(NamedTuple):
    name: str
    distribution: str | None
    version: str | None
    entry_point: Any  # importlib.metadata.EntryPoint


def _entry_points(group: str) -> list[_EntryPoint]:
    """The installed entry points of ``group``, sorted by name (of one name, the first
    on ``sys.path`` first)."""
    from importlib.metadata import entry_points

    found = []
    for ep in entry_points(group=group):
        dist = getattr(ep, "dist", None)
        found.append(_EntryPoint(ep.name, dist.metadata["Name"] if dist else None, dist.version if dist else None, ep))
    return sorted(found, key=lambda ep: ep.name)


def _import_entry_points(found: list[_EntryPoint], blocked: tuple[str, ...]) -> list[tuple[_EntryPoint, object]]:
    """Each entry point not blocked, with the object it names or the exception importing it
    raised (of several entry points with one name, the first)."""
    out: list[tuple[_EntryPoint, object]] = []
    seen = set(blocked)
    for ep in found:
        if ep.name in seen:
            continue
        seen.add(ep.name)
        try:
            out.append((ep, ep.entry_point.load()))
        except (Exception, SystemExit) as exc:  # a plugin calling sys.exit() ends nothing but its own part
            out.append((ep, exc))
    return out


def _register(plugins: Plugins, name: str, plugin: object, dist: str | None, version: str | None, source: str) -> None:
    problem = _api_problem(name, plugin)
    if problem:
        plugins.problems.append(PluginProblem(name, problem))
        return
    try:
        plugins.manager.register(plugin, name=name)
        plugins.manager.check_pending()
    except (Exception, SystemExit) as exc:  # a plugin calling sys.exit() ends nothing but its own part
        if plugins.manager.is_registered(plugin):
            plugins.manager.unregister(plugin)
        plugins.problems.append(PluginProblem(name, f"could not be registered: {exc}"))
        return
    module = getattr(plugin, "__name__", type(plugin).__name__)
    plugins.infos.append(PluginInfo(name, module, dist, version, _hooks_of(plugin), source))


def call_each(plugins: Plugins, hook_name: str) -> list[tuple[str, Any]]:
    """Call a hook on each plugin separately, so one failure names its plugin.

    Returns ``(plugin name, result)`` pairs in plugin registration order; a plugin
    that raised yields an ``Exception`` as its result.
    """
    out: list[tuple[str, Any]] = []
    for impl in getattr(plugins.manager.hook, hook_name).get_hookimpls():
        try:
            result = impl.function()
        except (Exception, SystemExit) as exc:  # a plugin calling sys.exit() ends nothing but its own part
            result = exc
        out.append((impl.plugin_name, result))
    order = {info.name: i for i, info in enumerate(plugins.infos)}
    out.sort(key=lambda pair: order.get(pair[0], len(order)))
    return out
