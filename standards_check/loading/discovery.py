"""Find the policy documents named on the command line.

A file is taken as named, whatever its extension. A directory means every
``*.yaml`` / ``*.yml`` file below it, recursively, in a stable order (sorted by
path relative to the directory), leaving out hidden files and directories (names
starting with ``.``, such as ``.git``). Symbolic links are followed, but a
directory already visited (by any route) is not entered again, so a link loop
cannot hang the walk. The same file named twice is checked once.

Files are only found here, not read: a file that cannot be read is reported by
the loader when it is loaded, so it is never silently skipped.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from standards_check.errors import InputError

__all__ = ["POLICY_SUFFIXES", "find_policy_files", "found_in_a_folder"]

POLICY_SUFFIXES = (".yaml", ".yml")
# YAML files of the tool itself that live beside policies and are not policy documents
NOT_POLICIES = frozenset({"standards-check.yaml", "standards-check.yml", ".pre-commit-config.yaml"})


def found_in_a_folder(name: str) -> bool:
    """Whether a file called ``name`` is checked when its folder is."""
    return not name.startswith(".") and name.lower().endswith(POLICY_SUFFIXES) and name not in NOT_POLICIES


def find_policy_files(paths: list[str], exclude: tuple[str, ...] = ()) -> list[tuple[Path, str]]:
    """The policy files that ``paths`` name, each with the name to show for it.

    The display name of a file named directly is the path as given; a file found in
    a directory is shown as the directory as given joined with its relative path
    (``policies/sub/harbor.yaml``). A file found in a directory whose path inside it,
    or whose name, matches a glob of ``exclude`` (``drafts/*``, ``*-old.yaml``) is
    left out. Raises :class:`InputError` for a path that does not exist and for a
    directory without policy files.
    """
    found: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for given in paths:
        if given == "-":  # standard input, read once by the loader
            if "-" not in seen:
                seen.add("-")
                found.append((Path("-"), "<stdin>"))
            continue
        path = Path(given)
        try:
            is_dir = path.is_dir()
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror or error}", file=given) from None
        if is_dir:
            entries = [(file, display) for file, display in _walk(path, given) if not _excluded(file, path, exclude)]
            if not entries:
                raise InputError("no policy files (*.yaml or *.yml) in this directory", file=given)
        elif os.path.lexists(given):
            entries = [(path, given)]
        else:
            raise InputError("no such file or directory", file=given)
        for file, display in entries:
            key = os.path.realpath(file)
            if key not in seen:
                seen.add(key)
                found.append((file, display))
    return found


def _excluded(file: Path, top: Path, patterns: tuple[str, ...]) -> bool:
    inside = file.relative_to(top).as_posix()
    return any(fnmatch.fnmatchcase(inside, p) or fnmatch.fnmatchcase(file.name, p) for p in patterns)


def _walk(top: Path, given: str) -> list[tuple[Path, str]]:
    base = given.rstrip("/") or "/"
    prefix = "" if base == "." else base if base.endswith("/") else base + "/"
    visited: set[str] = set()
    found: list[tuple[tuple[str, ...], Path]] = []

    def fail(error: OSError) -> None:
        name = error.filename if error.filename is not None else given
        raise InputError(f"cannot read the directory: {error.strerror or error}", file=str(name))

    for directory, dirnames, filenames in os.walk(top, onerror=fail, followlinks=True):
        real = os.path.realpath(directory)
        if real in visited:
            dirnames[:] = []
            continue
        visited.add(real)
        dirnames[:] = sorted(
            name
            for name in dirnames
            if not name.startswith(".") and os.path.realpath(os.path.join(directory, name)) not in visited
        )
        relative = Path(directory).relative_to(top).parts
        for name in filenames:
            if found_in_a_folder(name):
                found.append(((*relative, name), Path(directory, name)))
    found.sort(key=lambda item: item[0])
    return [(file, prefix + "/".join(parts)) for parts, file in found]
