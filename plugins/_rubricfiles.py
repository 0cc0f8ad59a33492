"""Where the built-in rubric definition files are, installed or in the source tree."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def rubric_file(name: str) -> Path:
    """The definition file ``NAME.yaml`` shipped with the built-in plugins.

    Installed, it is in the package ``standards_check.builtin.rubrics`` (the folder
    ``rubrics`` beside this module); in the source tree (an editable install), in
    the folder ``rubrics`` beside ``plugins/``. A path of a file beside the code,
    as coverage.py finds its HTML assets: an installed wheel is a folder, never a zip.
    """
    installed = _HERE / "rubrics" / f"{name}.yaml"
    return installed if installed.is_file() else _HERE.parent / "rubrics" / f"{name}.yaml"
