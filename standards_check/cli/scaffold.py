"""``standards-check new-rubric NAME``: a complete rubric plugin package to start from.

The generated package installs, registers its plugin under the
``standards_check`` entry point group, ships its rubric as package data, and
passes its own tests (which use the ``check`` fixture of standards-check's pytest
plugin) as generated.
"""

from __future__ import annotations

import re
from pathlib import Path

from standards_check import __version__
from standards_check.errors import InputError

_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


def names(name: str, prefix: str | None = None) -> dict[str, str]:
    """Derived names: distribution, module, rubric id, criterion prefix, title."""
    if not _NAME.match(name):
        raise InputError(
            "expected a rubric name in lower case with hyphens, like 'trauma-informed'", file="new-rubric NAME"
        )
    words = name.split("-")
    prefix = prefix or "".join(w[0] for w in words).upper()[:4]
    if len(prefix) < 2:
        prefix = name[:3].upper()
    if not re.fullmatch(r"[A-Z][A-Z0-9]*", prefix):
        raise InputError("expected a criterion prefix of upper-case letters and digits, like 'TIC'", file="--prefix")
    return {
        "name": name,
        "dist": f"standards-check-{name}",
        "module": "standards_check_" + name.replace("-", "_"),
        "prefix": prefix,
        "title": " ".join(w.capitalize() for w in words),
        "core_version": __version__.split(".")[0] + "." + __version__.split(".")[1],
    }


def files(n: dict[str, str]) -> dict[str, str]:
    """The package's files, path -> text."""
    m, p = n["module"], n["prefix"]
    return {
        "pyproject.toml": f'''[build-system]
requires = ["setuptools>=64"]
build-backend = "setuptools.build_meta"

[project]
name = "{n["dist"]}"
version = "0.1.0"
description = "A standards-check rubric: {n["title"]}"
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["standards-check>={n["core_version"]}"]

[project.optional-dependencies]
test = ["pytest>=7.4"]

# This line is what makes standards-check find the plugin.
[project.entry-points.standards_check]
{n["name"]} = "{m}"

[tool.setuptools]
packages = ["{m}"]

[tool.setuptools.package-data]
"{m}" = ["*.yaml"]
''',
        "README.md": f"""# {n["dist"]}

A rubric plugin for [standards-check](https://pypi.org/project/standards-check/):
**{n["title"]}**.

```sh
pip install .
standards-check plugins            # lists "{n["name"]}"
standards-check explain {p}-01
standards-check check policy.yaml --rubrics {n["name"]}
```

## Developing

- The criteria live in `{m}/rubric.yaml` (format: standards-check's
  `docs/rubric-format.md`): requirement, elements and red flags as phrase patterns,
  remediation, model language, references.
- `{m}/__init__.py` is the plugin: it contributes the rubric through the
  `standards_check_rubrics` hook. Add `standards_check_evaluators` for criteria that
  need code.
- Tests use the `check` fixture that standards-check's pytest plugin provides:
  `pip install -e '.[test]' && pytest`.
""",
        f"{m}/__init__.py": f'''"""standards-check plugin: the {n["title"]} rubric."""

from __future__ import annotations

from importlib.resources import files

from standards_check.api import hookimpl

__version__ = "0.1.0"
STANDARDS_CHECK_API = 1  # the plugin API version this plugin is written for


@hookimpl
def standards_check_rubrics():
    """Contribute the rubric shipped with this package."""
    return [files(__name__) / "rubric.yaml"]
''',
        f"{m}/rubric.yaml": f"""# The {n["title"]} rubric. Format: docs/rubric-format.md in standards-check.
rubric_format: 1
id: {n["name"]}
title: "{n["title"]}"
description: >-
  Describe what this rubric checks and which guidance it reflects.
version: "0.1.0"
criteria:
  - id: {p}-01
    title: Policies reviewed with the people served
    severity: major
    requirement: >-
      The program's policies are reviewed on a regular schedule, and people who
      use the program take part in the review.
    why: >-
      Policies written without the people they govern drift away from their needs.
    elements:
      - id: a
        text: policies are reviewed on a regular schedule
        patterns:
          - "policies ~4 reviewed|revised|updated ~4 every|each|annually|yearly|regularly|once_a_year|at_least"
          - "review|revise ~3 policies ~4 every|each|annually|yearly|regularly|once_a_year|at_least"
      - id: b
        text: people served take part in the review
        patterns:
          - "{{person}} ~6 take_part|participate|are_involved|help|join|sit ~6 review*|revis*"
          - "review*|revis* ~8 with|by|includes|including ~4 {{person}}"
    red_flags:
      - id: no-review
        text: policies are not open to review by the people served
        patterns:
          - "policies ~4 are not ~3 open|subject ~3 review|comment|input"
    remediation: >-
      Set a review schedule and say how people served take part in it.
    model_language: >-
      We review every policy at least once a year together with members of our
      advisory council, who are people using our services.
    references:
      - document: Name the guidance document here
        section: and the section
""",
        "tests/test_rubric.py": f'''"""The {n["title"]} rubric, as a specification (uses standards-check's `check` fixture)."""

RUBRIC = ["{n["name"]}"]


def test_policy_reviewed_yearly_with_members_is_met(check):
    result = check(
        "We review our policies every year. Members of the advisory council take part in each review.",
        rubrics=RUBRIC,
    )
    assert result.status("{p}-01") == "met"
    assert result.present("{p}-01") == ["a", "b"]


def test_review_without_members_is_partial(check):
    result = check("All policies are reviewed annually by the management team.", rubrics=RUBRIC)
    assert result.status("{p}-01") == "partial"


def test_silence_is_not_met(check):
    assert check("We offer groups on Tuesdays.", rubrics=RUBRIC).status("{p}-01") == "not_met"


def test_a_red_flag_is_not_met_and_quoted(check):
    result = check(
        "Policies are reviewed every year. Policies are not open to comment from members.",
        rubrics=RUBRIC,
    )
    assert result.status("{p}-01") == "not_met"
    assert result.red_flags("{p}-01") == ["no-review"]
''',
    }


def write_package(directory: Path, name: str, prefix: str | None = None, *, force: bool = False) -> list[Path]:
    """Write the package for rubric ``name`` into ``directory``; returns the files written."""
    n = names(name, prefix)
    if directory.exists() and any(directory.iterdir()) and not force:
        raise InputError("the folder exists and is not empty; choose another or use --force", file=str(directory))
    written = []
    for rel, text in files(n).items():
        path = directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
