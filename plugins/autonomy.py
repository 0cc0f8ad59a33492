"""Built-in rubric ``autonomy``: contributed from ``rubrics/autonomy.yaml``.

Every criterion of this rubric is decided by its patterns (elements and red
flags in the YAML file), so the plugin only has to say where the file is.
"""

from __future__ import annotations

from standards_check.api import hookimpl

from ._rubricfiles import rubric_file

STANDARDS_CHECK_API = 1


@hookimpl
def standards_check_rubrics():
    return [rubric_file("autonomy")]
