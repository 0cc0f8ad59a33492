"""A pytest plugin for rubric authors: build a policy in a test, check it, assert.

Installed with standards-check (entry point ``pytest11``), so a plugin package's
tests can use these fixtures with no import::

    def test_voluntary_participation_is_met(check):
        result = check("Taking part is always your choice. You may stop at any time.")
        assert result.status("AUT-01") == "met"
        assert result.quotes("AUT-01", element="b") == ["Taking part is always your choice. You may stop at any time."]

    def test_my_rubric(check):
        result = check("...", rubric_files=["my_rubric/rubric.yaml"], rubrics=["my-rubric"])
        assert result.status("TIC-01") == "partial"

``policy_document`` builds a :class:`~standards_check.api.PolicyDocument` through the
real loader (so line numbers are real); ``check`` runs the installed plugins (and
any rubric files you name) over it and returns a :class:`CheckResult`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest

from standards_check.errors import TRACEBACK_ENV


class CheckResult:
    """The findings of one checked program, with helpers for assertions."""

    def __init__(self, program: dict[str, Any]) -> None:
        self.program = program  #: the program's plain-data report (JSON report shape)
        self.findings = {c["id"]: c for r in program["rubrics"] for c in r["criteria"]}

    def finding(self, criterion: str) -> dict[str, Any]:
        try:
            return self.findings[criterion]
        except KeyError:
            raise AssertionError(f"no finding for {criterion}; checked: {', '.join(self.findings)}") from None

    def status(self, criterion: str) -> str:
        """The status the checker found (before attestations)."""
        return self.finding(criterion)["status"]

    def statuses(self) -> dict[str, str]:
        return {cid: f["status"] for cid, f in self.findings.items()}

    def evidence(self, criterion: str, kind: str | None = None) -> list[dict[str, Any]]:
        return [e for e in self.finding(criterion)["evidence"] if kind is None or e["kind"] == kind]

    def quotes(self, criterion: str, *, element: str | None = None, kind: str | None = None) -> list[str]:
        return [
            e["quote"] for e in self.evidence(criterion, kind) if element is None or e["element"] == element
        ]

    def red_flags(self, criterion: str) -> list[str]:
        return [e["red_flag"] for e in self.evidence(criterion, "contradicts")]

    def present(self, criterion: str) -> list[str]:
        """IDs of the elements found present."""
        return [e["id"] for e in self.finding(criterion)["elements"] if e["present"]]


def build_policy_yaml(
    *policies: str | dict[str, Any],
    name: str = "Test Program",
    setting: str | None = None,
    declarations: dict[str, str] | None = None,
) -> str:
    """The YAML text of a policy document holding ``policies``.

    Each policy is its text, or a mapping with ``text`` and optionally ``id``,
    ``title``, ``audience``, ``ref``. Texts are written as literal block scalars.
    """
    lines = ["standards_check: 1", "program:", f"  name: {_quote(name)}"]
    if setting:
        lines.append(f"  setting: {setting}")
    lines.append("policies:")
    for i, policy in enumerate(policies, start=1):
        p = {"text": policy} if isinstance(policy, str) else dict(policy)
        lines.append(f"  - id: {p.get('id', f'policy-{i}')}")
        lines.append(f"    title: {_quote(p.get('title', f'Policy {i}'))}")
        for key in ("audience", "ref"):
            if key in p:
                lines.append(f"    {key}: {_quote(str(p[key]))}")
        lines.append("    text: |")
        lines.extend(f"      {line}" if line.strip() else "" for line in str(p["text"]).strip("\n").split("\n"))
    if declarations:
        lines.append("declarations:")
        lines.extend(f"  {k}: {_quote(str(v))}" for k, v in declarations.items())
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture
def policy_document() -> Callable[..., Any]:
    """``policy_document(*policies, name=..., setting=..., declarations=...)`` -> PolicyDocument."""
    from standards_check.loading.policy import load_policy_text

    def make(*policies: str | dict[str, Any], **kwargs: Any) -> Any:
        return load_policy_text(build_policy_yaml(*policies, **kwargs), "test-policy.yaml")

    return make


@pytest.fixture
def check(policy_document: Callable[..., Any]) -> Callable[..., CheckResult]:
    """``check(*policies, rubrics=None, rubric_files=(), plugins=(), **document) -> CheckResult``.

    Runs the installed plugins, plus ``plugins`` (paths of plugin files) and
    ``rubric_files``, limited to ``rubrics`` (IDs) if given.
    """
    from standards_check.engine.checker import Checker, collect_rubrics
    from standards_check.engine.plugins import load_plugins

    def run(
        *policies: str | dict[str, Any],
        rubrics: list[str] | None = None,
        rubric_files: list[str] | tuple[str, ...] = (),
        plugins: list[str] | tuple[str, ...] = (),
        **document: Any,
    ) -> CheckResult:
        # a plugin author's test shows the plugin's own traceback, as --traceback does
        tracing = os.environ.get(TRACEBACK_ENV)
        os.environ[TRACEBACK_ENV] = "1"
        try:
            loaded = load_plugins(extra=tuple(plugins))
            rubric_set = collect_rubrics(loaded, rubric_files=rubric_files, select=rubrics or ())
            doc = policy_document(*policies, **document)
            found = Checker(rubric_set).check(doc).to_dict()
        finally:
            if tracing is None:
                os.environ.pop(TRACEBACK_ENV, None)
        if rubric_set.problems:
            import warnings

            # another installed plugin's problem must not fail this rubric's tests
            for p in rubric_set.problems:
                warnings.warn(f"standards-check plugin {p.plugin!r}: {p.message}", stacklevel=2)
        return CheckResult(found)

    return run
