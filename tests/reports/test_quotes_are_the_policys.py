"""Quotation marks in a report only ever hold the policy's own words.

A director reads a quoted phrase as a quote from their policy. What the checker
looked for (a rubric's description of an element or red flag, its example
wordings, its patterns) is said in plain words, never in quotation marks and
never as pattern syntax. Checked in every format, over policies that quote words
themselves, use list lead-ins and trip red flags.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from standards_check.cli.commands import cli
from standards_check.loading.rubric import Rule

ROOT = Path(__file__).resolve().parents[2]
POLICIES = [
    ROOT / "tests" / "holdout" / "county-jail-inreach.yaml",  # red flags, numbered lists
    ROOT / "tests" / "holdout" / "harbor-light-respite.yaml",  # quoted and mentioned terms
    ROOT / "examples" / "policies" / "lakeside-recovery-residence.yaml",
    ROOT / "tests" / "corpus-d" / "alder-county-bhrs-consumer-rights.yaml",  # list lead-ins, asides
]
FORMATS = ["text", "md", "html", "json", "sarif", "junit", "csv"]
_DOUBLE_QUOTED = re.compile(r"\"([^\"\n]+)\"|\u201c([^\u201d\n]+)\u201d")
# single quotes around a word or phrase (not an apostrophe inside a word)
_SINGLE_QUOTED = re.compile(r"(?<![A-Za-z])'([^'\n]{1,80})'(?![A-Za-z])")
_TAG = re.compile(r"<[^>]*>")
_STYLE = re.compile(r"<style>.*?</style>", re.S)
_CODE = re.compile(r"`[^`\n]*`")


def fold(text: str) -> str:
    return " ".join(text.split())


def human_strings(fmt: str, report: str) -> list[str]:
    """The strings of a report a person reads (markup and syntax aside)."""
    if fmt in ("json", "sarif"):
        found: list[str] = []

        def walk(node: object, key: str = "") -> None:
            if isinstance(node, dict):
                for k, v in node.items():
                    walk(v, k)
            elif isinstance(node, list):
                for v in node:
                    walk(v, key)
            elif isinstance(node, str):
                found.append(node)

        walk(json.loads(report))
        return found
    if fmt == "csv":
        return [cell for row in csv.reader(io.StringIO(report)) for cell in row]
    if fmt in ("html", "junit", "md"):
        text = _TAG.sub("\n", _STYLE.sub("", report))
        return [html.unescape(_CODE.sub(" ", text) if fmt == "md" else text)]
    return [report]


def quoted_spans(strings: list[str]) -> list[str]:
    spans = []
    for s in strings:
        for m in _DOUBLE_QUOTED.finditer(s):
            span = m.group(1) if m.group(1) is not None else m.group(2)
            # a list item is quoted after its lead-in, with an ellipsis between
            spans += [part for part in span.split(" \u2026 ") if part.strip(" .,;:")]
        spans += [m.group(1) for m in _SINGLE_QUOTED.finditer(s)]
    return spans


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.stem)
def test_every_quoted_span_in_a_report_is_the_policys_own_words(policy: Path, fmt: str):
    result = CliRunner().invoke(cli, ["check", str(policy), "-f", fmt, *(["--detail"] if fmt == "md" else [])])
    assert result.exit_code in (0, 1), result.output
    source = fold(policy.read_text(encoding="utf-8"))
    spans = quoted_spans(human_strings(fmt, result.stdout))
    strangers = [s for s in spans if fold(s) not in source]
    assert strangers == [], f"{fmt}: quoted but not in {policy.name}: {strangers[:5]}"
    if fmt == "md":
        assert spans, "the report quotes the policy"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_what_the_checker_looked_for_is_never_pattern_syntax(fmt: str):
    result = CliRunner().invoke(cli, ["check", str(POLICIES[0]), "-f", fmt])
    assert "{participation}" not in result.stdout
    assert " ~6 " not in result.stdout


def test_a_rule_description_leaves_its_example_wordings_out():
    rule = Rule("x", 'taking part is made compulsory ("attendance is mandatory", "required to participate")', ())
    assert rule.description == "taking part is made compulsory"
    assert rule.examples == ("attendance is mandatory", "required to participate")
    assert Rule("y", 'calls a person "clean"', ()).description == "calls a person clean"
    assert Rule("z", "no examples here", ()).examples == ()


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_a_term_or_a_negation_is_quoted_as_the_policy_writes_it(tmp_path: Path, fmt: str):
    policy = tmp_path / "capitals.yaml"
    policy.write_text(
        "standards_check: 1\nprogram:\n  name: Capital Letters House\npolicies:\n  - id: rules\n    title: Rules\n"
        "    text: |\n      Addicts are welcome here. Nobody will be discharged for missing a group.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["check", str(policy), "-f", fmt, "--fail-on", "none"])
    source = fold(policy.read_text(encoding="utf-8"))
    spans = quoted_spans(human_strings(fmt, result.stdout))
    assert [s for s in spans if fold(s) not in source] == []
    if fmt == "json":
        assert "'Addicts'" in result.stdout and "negated by 'Nobody'" in result.stdout
