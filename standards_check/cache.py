"""The cache folder: what a run may remember for the next one (compiled rubrics,
the installed plugins' entry points), kept as plain JSON.

The folder is ``$STANDARDS_CHECK_CACHE_DIR`` when that is set (set it empty to
turn caching off), else ``$XDG_CACHE_HOME/standards-check``, else
``~/.cache/standards-check``. It is created private to the user, and a file in it
is read only if the user owns it and nobody else may write it. Nothing in it is
needed: a missing, stale or damaged file is worked out again, and a folder that
cannot be written only makes runs slower.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

CACHE_ENV = "STANDARDS_CHECK_CACHE_DIR"


def cache_root() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    given = os.environ.get(CACHE_ENV)
    if given is not None:
        return Path(given) if given.strip() else None
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "standards-check"


def hasher(data: bytes = b"") -> Any:
    """A new BLAKE2b hash object (32-byte digests) for cache keys, fed ``data``."""
    import hashlib

    return hashlib.blake2b(data, digest_size=32)


def entry_file(kind: str, identity: str) -> Path | None:
    """The file of the entry of ``kind`` (a folder of the cache) known by ``identity``
    (a rubric file's path, a list of patterns...), or None when caching is off."""
    root = cache_root()
    if root is None:
        return None
    return root / kind / f"{hasher(identity.encode('utf-8', 'surrogatepass')).hexdigest()[:32]}.json"


def write_entry(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` (holding its ``key``) as the entry ``path`` from :func:`entry_file`,
    atomically, creating the cache folder private to the user; quietly nothing when it cannot.

    An entry is two lines of JSON (ASCII: no text can fail to encode): its key and the
    CRC-32 checksum of the second line, then the rest of ``data``.
    """
    try:
        body = json.dumps({k: v for k, v in data.items() if k != "key"}, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):  # not plain data: nothing to remember
        return
    write_encoded_entry(path, data["key"], body)


def write_encoded_entry(path: Path, key: str, body: str) -> None:
    """:func:`write_entry` for data already encoded: ``body`` is the JSON text (ASCII,
    compact separators) of the entry's data without its key."""
    import tempfile
    import zlib

    head = json.dumps({"key": key, "crc32": zlib.crc32(body.encode("ascii"))})
    text = f"{head}\n{body}"
    try:
        for folder in (path.parent.parent, path.parent):  # the cache folder, the kind's folder
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _own_folder(folder):
                return  # a link planted in its place, or a folder others may write to: not ours to write in
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(text)
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        return


def file_entry(kind: str, path: str, content: bytes, modules: tuple[str, ...], version: bytes) -> tuple[Path, str] | None:
    """The entry of what is worked out from the file ``path`` (its bytes ``content``):
    its file, one per path, in the folder ``kind``, and the key it must hold (a digest of
    ``version``, the source of ``modules``, which do the work, and ``content``), or None
    when caching is off or the modules' source is not at hand."""
    file = entry_file(kind, os.path.abspath(path))
    if file is None:
        return None
    try:
        code = code_digest(modules)
    except OSError:  # nothing to key on
        return None
    return file, hasher(b"%s\0%s\0" % (version, code) + content).hexdigest()


@functools.cache
def code_digest(modules: tuple[str, ...]) -> bytes:
    """A digest of the source of ``modules``: the code a cached result was computed by.

    Raises OSError when a module's source is not at hand (nothing to key a cache on).
    """
    import importlib

    h = hasher()
    for name in modules:
        h.update(Path(importlib.import_module(name).__file__ or "").read_bytes())
    return h.digest()


MAX_ENTRY_BYTES = 64 * 1024 * 1024  # far more than any entry written; more is not ours


def read_entry(path: Path, key: str) -> dict[str, Any] | None:
    """The data of the entry at ``path`` if it holds ``key`` (else None: missing, stale or damaged).

    An entry is read only if it is a file of sensible size that the user owns and
    nobody else may write (on systems with owners), so that a cache folder others
    can write to cannot feed a run compiled rubrics of theirs; and only if its data
    has the checksum written with it, so that an entry damaged or edited by hand is
    not read as other data.
    """
    import stat as kinds
    import zlib

    try:
        # opened without waiting: a FIFO planted here would otherwise wait for a writer for ever
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
        with open(fd, "rb") as handle:
            stat = os.fstat(fd)
            if not kinds.S_ISREG(stat.st_mode) or stat.st_size > MAX_ENTRY_BYTES or not _private(stat):
                return None
            head, _, body = handle.read().partition(b"\n")
        header = json.loads(head)
        if not isinstance(header, dict) or header.get("key") != key:
            return None
        if header.get("crc32") != zlib.crc32(body):
            return None
        data = json.loads(body)
        return data if isinstance(data, dict) else None
    except Exception:  # unreadable, not JSON, nested too deep: not an entry
        return None


def _own_folder(folder: Path) -> bool:
    """Whether ``folder`` is a real folder (not a symbolic link) that is the user's own."""
    import stat as kinds

    status = os.lstat(folder)
    return kinds.S_ISDIR(status.st_mode) and _private(status)


def _private(stat: os.stat_result) -> bool:
    if not hasattr(os, "geteuid"):
        return True
    return stat.st_uid == os.geteuid() and not stat.st_mode & 0o022
