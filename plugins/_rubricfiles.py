"""Where the built-in rubric definition files are, installed or in the source tree."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def rubric_file(name: str) -> Traversable:
    """The definition file ``rubrics/NAME.yaml`` shipped with the built-in plugins."""
    return files("standards_check.builtin.rubrics") / f"{name}.yaml"
