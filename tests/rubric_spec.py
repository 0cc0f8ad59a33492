"""Helpers the rubric specification tests share: check short texts against one rubric.

The rubric comes from the installed plugins, exactly as a run loads it, so a
rubric's code evaluators take part.
"""

from __future__ import annotations

from standards_check.engine.checker import Checker, collect_rubrics
from standards_check.engine.plugins import load_plugins
from standards_check.model.document import Policy, PolicyDocument, Program


def checker_for(rubric_id: str) -> Checker:
    rubric_set = collect_rubrics(load_plugins(), select=[rubric_id])
    assert not rubric_set.problems, rubric_set.problems
    return Checker(rubric_set)


def document(*texts: str) -> PolicyDocument:
    """A document of one policy per text (line numbers count from 1 in each)."""
    policies = []
    for i, text in enumerate(texts):
        n = text.count("\n") + 1
        policies.append(Policy(f"p{i + 1}", f"Policy {i + 1}", text, line_numbers=tuple(range(1, n + 1)), line=1))
    return PolicyDocument("test.yaml", Program(name="Test Program"), tuple(policies))


def findings(checker: Checker, *texts: str) -> dict:
    """The findings by criterion ID of a document made of ``texts``."""
    return {f.criterion: f for f in checker.check(document(*texts)).findings()}


def status(checker: Checker, criterion: str, *texts: str) -> str:
    return findings(checker, *texts)[criterion].status.value
