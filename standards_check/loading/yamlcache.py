"""Reading a plugin's own YAML data file once, not on every run.

:func:`load_yaml` parses a YAML file with the safe loader (libyaml's when it is
there) and remembers the data in the cache folder (see :mod:`standards_check.cache`,
folder ``data``; one entry per file path), keyed by a digest of the file's bytes, the
PyYAML version and this module's code. A later run reads the file's bytes and, when
the key matches, the data back from JSON, which costs a fraction of parsing YAML.

Only data that JSON carries exactly is remembered (mappings with text keys, lists,
text, numbers, booleans and nulls); a file with dates, sets or number keys is
parsed on every run, as it would be without a cache.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

import yaml

from standards_check.cache import file_entry, read_entry, write_encoded_entry

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["load_yaml"]
FORMAT = 1


def load_yaml(path: str | os.PathLike[str] | Traversable) -> Any:
    """The data of the YAML file ``path`` (or package resource), as ``yaml.safe_load`` gives it.

    Raises ``OSError`` when the file cannot be read and ``yaml.YAMLError`` when it is
    not YAML.
    """
    if isinstance(path, (str, os.PathLike)):
        with open(path, "rb") as handle:
            content = handle.read()
        name = os.fspath(path)
    else:
        content = path.read_bytes()
        name = str(path)
    entry = _entry(name, content)
    if entry is not None:
        data = read_entry(*entry)
        if data is not None and "data" in data:
            return data["data"]
    found = yaml.load(content, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if entry is not None:
        encoded = _plain(found, limit=4 * len(content) + 1_000_000)
        if encoded is not None:
            write_encoded_entry(entry[0], entry[1], '{"data":' + encoded + "}")
    return found


def _entry(name: str, content: bytes) -> tuple[Any, str] | None:
    """The entry's file and the key it must hold, or None when there is no cache."""
    return file_entry("data", name, content, (__name__,), b"%d\0%s" % (FORMAT, yaml.__version__.encode("ascii")))


def _plain(data: Any, limit: int) -> str | None:
    """``data`` as compact JSON when JSON gives it back exactly (no dates, sets, number
    keys, NaN...) in at most ``limit`` characters (aliases can make data far larger
    than its file), else None."""
    chunks = []
    size = 0
    try:
        for chunk in json.JSONEncoder(allow_nan=False, separators=(",", ":")).iterencode(data):
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
        text = "".join(chunks)
        return text if json.loads(text) == data else None
    except (TypeError, ValueError, RecursionError):
        return None
