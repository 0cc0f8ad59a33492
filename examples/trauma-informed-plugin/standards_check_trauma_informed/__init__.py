"""standards-check plugin: the Trauma Informed rubric."""

from __future__ import annotations

from importlib.resources import files

from standards_check.api import hookimpl

__version__ = "0.1.0"
STANDARDS_CHECK_API = 1  # the plugin API version this plugin is written for


@hookimpl
def standards_check_rubrics():
    """Contribute the rubric shipped with this package."""
    return [files(__name__) / "rubric.yaml"]
