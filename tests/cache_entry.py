"""Helpers the cache tests share: read an entry of the cache folder, or write one as a run would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from standards_check.cache import write_entry


def read(path: Path) -> tuple[str, dict[str, Any]]:
    """The key an entry holds and its data."""
    head, body = path.read_text(encoding="utf-8").split("\n", 1)
    return json.loads(head)["key"], json.loads(body)


def rewrite(path: Path, key: str, data: dict[str, Any]) -> None:
    """Write ``data`` under ``key`` as a run would (with its checksum): an entry the cache reads."""
    write_entry(path, {"key": key, **data})
