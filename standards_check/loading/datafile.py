"""A plugin's own YAML data file (a lexicon, a list of terms), read with the safe loader."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["load_yaml"]


def load_yaml(path: str | os.PathLike[str] | Traversable) -> Any:
    """The data of the YAML file ``path`` (or package resource), as ``yaml.safe_load`` gives it.

    Raises ``OSError`` when the file cannot be read and ``yaml.YAMLError`` when it is
    not YAML.
    """
    if isinstance(path, (str, os.PathLike)):
        with open(path, "rb") as handle:
            content = handle.read()
    else:
        content = path.read_bytes()
    return yaml.load(content, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
