"""The built-in rubric plugins of standards-check.

Each module here is a plugin registered through the ``standards_check`` entry
point group, exactly as a third-party plugin is, and uses only
:mod:`standards_check.api`. Installed, this folder is the package
``standards_check.builtin``; the rubric definitions it contributes live in
``rubrics/`` (installed as ``standards_check.builtin.rubrics``).
"""
