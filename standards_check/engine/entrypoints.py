"""The installed plugins' entry points, found once and remembered between runs.

Finding entry points with :mod:`importlib.metadata` means importing it (with the
``email`` package it reads metadata with) and reading every installed
distribution: more than a small run spends on anything else. So a run remembers
what it found, in the folder ``entry-points`` of the cache folder (see
:mod:`standards_check.cache`; one file for each ``sys.path``, which differs between
environments and between ways of starting Python), with the state of the folders
searched: each ``sys.path`` folder's modification time, which installing, upgrading
or removing any distribution there changes, and each distribution's entry points
file. A run that finds the same state reads the entry points back; any other state,
or a remembered plugin that no longer imports, means searching again.
"""

from __future__ import annotations

import json
import os
import sys
from typing import NamedTuple

from standards_check.cache import entry_file, read_entry, write_entry

FORMAT = 1


class EntryPoint(NamedTuple):
    """An installed plugin's entry point, with the distribution that declares it."""

    name: str
    value: str  # "module" or "module:attribute"
    distribution: str | None
    version: str | None

    def load(self) -> object:
        """Import the object the entry point names, ``module`` or ``module:attribute``, as
        ``importlib.metadata`` does (without importing it: it brings the ``email``
        package). Extras, ``[...]``, name what to install, not the object."""
        import importlib

        module, _, attribute = self.value.split("[", 1)[0].partition(":")
        found = importlib.import_module(module.strip())
        for name in attribute.strip().split(".") if attribute.strip() else ():
            found = getattr(found, name)
        return found


def _state(group: str) -> str:
    """What the search depends on: the Python, the group, each sys.path folder's state
    and each distribution's entry points file there (rewritten in place by some
    development installs)."""
    folders = []
    for entry in sys.path:
        try:
            stat = os.stat(entry or ".")
        except OSError:
            folders.append([entry, None])
            continue
        files = []
        if os.path.isdir(entry or "."):
            with os.scandir(entry or ".") as listing:
                for item in listing:
                    if item.name.endswith((".dist-info", ".egg-info")):
                        try:
                            found = os.stat(os.path.join(item.path, "entry_points.txt"))
                            files.append([item.name, found.st_mtime_ns, found.st_size])
                        except OSError:
                            pass
        folders.append([entry, stat.st_mtime_ns, stat.st_ino, sorted(files)])
    return json.dumps([FORMAT, sys.version, sys.prefix, group, folders])


def find(group: str, *, fresh: bool = False) -> tuple[list[EntryPoint], bool]:
    """The entry points of ``group``, sorted by name, and whether they were remembered.

    ``fresh`` searches the installed distributions even when a remembered answer exists.
    """
    path = entry_file("entry-points", repr(sys.path))
    state = _state(group) if path is not None else ""
    if path is not None and not fresh:
        data = read_entry(path, state)
        if data is not None:
            try:
                return [EntryPoint(*map(_text, row)) for row in data["entry_points"]], True
            except Exception:  # damaged: search again
                pass
    found = _search(group)
    if path is not None:
        write_entry(path, {"key": state, "entry_points": [list(ep) for ep in found]})
    return found, False


def _text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValueError("not an entry point")


def _search(group: str) -> list[EntryPoint]:
    from importlib.metadata import entry_points

    found = []
    for ep in entry_points(group=group):
        dist = getattr(ep, "dist", None)
        found.append(EntryPoint(ep.name, ep.value, dist.metadata["Name"] if dist else None, dist.version if dist else None))
    return sorted(found, key=lambda ep: ep.name)  # stable: the first on sys.path first
