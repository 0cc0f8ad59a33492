"""`standards-check diff OLD.json NEW.json`: what improved and what regressed
between two JSON reports, per program and criterion."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from standards_check.cli.commands import cli


def criterion(cid: str, status: str, severity: str = "major", title: str | None = None, effective: str | None = None) -> dict:
    return {
        "id": cid,
        "title": title or f"Title of {cid}",
        "severity": severity,
        "status": status,
        "effective_status": effective or status,
        "attestation": None,
    }


def program(name: str, source: str, criteria: list[dict], score: float | None = 50.0, with_att: float | None = None) -> dict:
    return {
        "source": source,
        "name": name,
        "score": score,
        "score_with_attestations": with_att if with_att is not None else score,
        "rubrics": [{"id": "autonomy", "title": "Autonomy", "score": score, "criteria": criteria}],
    }


def report(*programs: dict) -> dict:
    return {"schema": "standards-check/report/1", "tool": {"name": "standards-check", "version": "0.1.0"}, "programs": list(programs)}


OLD = report(
    program("Harbor Peer Center", "policies/harbor.yaml", [
        criterion("AUT-01", "met", "critical"),
        criterion("AUT-02", "partial"),
        criterion("AUT-03", "not_met", "critical"),
        criterion("AUT-04", "met"),
        criterion("AUT-08", "not_met", "minor"),
    ], score=60.0),
    program("Lakeside House", "policies/lakeside.yaml", [criterion("AUT-01", "met", "critical")], score=100.0),
    program("Closed Program", "policies/closed.yaml", [criterion("AUT-01", "met", "critical")], score=100.0),
)

NEW = report(
    program("Harbor Peer Center", "policies/harbor.yaml", [
        criterion("AUT-01", "met", "critical"),          # unchanged
        criterion("AUT-02", "met"),                      # partial -> met: improved
        criterion("AUT-03", "partial", "critical"),      # not_met -> partial: improved
        criterion("AUT-04", "not_met"),                  # met -> not_met: regressed
        criterion("AUT-09", "met", "minor"),             # new
    ], score=70.0),                                      # AUT-08: removed
    # the file was renamed: matched by name
    program("Lakeside House", "policies/lakeside-house.yaml", [criterion("AUT-01", "met", "critical")], score=100.0),
    program("Opened Program", "policies/opened.yaml", [criterion("AUT-01", "partial", "critical")], score=50.0),
)


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def write(name: str, data) -> str:
        text = data if isinstance(data, str) else json.dumps(data, indent=2)
        Path(name).write_text(text, encoding="utf-8")
        return name

    return write


def diff(*args: str):
    return CliRunner().invoke(cli, ["diff", *args], catch_exceptions=False)


# ---------------------------------------------------------------------------------
# What is compared
# ---------------------------------------------------------------------------------


def test_text_output_lists_improved_regressed_new_and_removed_criteria(files):
    result = diff(files("old.json", OLD), files("new.json", NEW))
    assert result.exit_code == 0, result.output  # regressions alone do not fail without --fail-on-regression
    out = result.stdout
    assert "standards-check diff: old.json -> new.json" in out
    assert "Harbor Peer Center (policies/harbor.yaml)" in out
    assert "REGRESSED AUT-04 Title of AUT-04 (major): met -> not_met" in out
    assert "IMPROVED  AUT-02 Title of AUT-02 (major): partial -> met" in out
    assert "IMPROVED  AUT-03 Title of AUT-03 (critical): not_met -> partial" in out
    assert "NEW       AUT-09 Title of AUT-09 (minor): met" in out
    assert "REMOVED   AUT-08 Title of AUT-08 (minor): was not_met" in out
    assert "AUT-01" not in out.split("Harbor Peer Center")[1].split("\n\n")[0]  # unchanged criteria are not listed
    assert "score: 60 -> 70 (+10)" in out
    assert "score with attestations" not in out  # shown only where attestations make a difference
    assert "criteria: 1 regressed, 2 improved, 0 changed, 1 new, 1 removed; programs: 1 new, 1 removed" in out


def test_regressions_are_listed_first(files):
    out = diff(files("old.json", OLD), files("new.json", NEW)).stdout
    section = out.split("Harbor Peer Center (policies/harbor.yaml)")[1]
    assert section.index("REGRESSED") < section.index("IMPROVED") < section.index("NEW") < section.index("REMOVED")


def test_programs_are_matched_by_source_then_by_name(files):
    out = diff(files("old.json", OLD), files("new.json", NEW)).stdout
    assert "Lakeside House (policies/lakeside.yaml -> policies/lakeside-house.yaml)" in out
    assert "no changes" in out.split("Lakeside House")[1].split("\n\n")[0]
    assert "NEW PROGRAM: Opened Program (policies/opened.yaml), score 50" in out
    assert "REMOVED PROGRAM: Closed Program (policies/closed.yaml), score 100" in out


def test_two_programs_with_the_same_name_are_told_apart_by_source(files):
    old = report(
        program("Peer Center", "east.yaml", [criterion("AUT-01", "met")]),
        program("Peer Center", "west.yaml", [criterion("AUT-01", "not_met")]),
    )
    new = copy.deepcopy(old)
    new["programs"][1]["rubrics"][0]["criteria"][0]["effective_status"] = "met"
    out = diff(files("old.json", old), files("new.json", new)).stdout
    assert out.count("IMPROVED") == 1
    assert "Peer Center (west.yaml)\n  IMPROVED" in out


def test_the_effective_status_is_compared_so_an_expired_attestation_is_a_regression(files):
    old = report(program("Harbor", "h.yaml", [criterion("AUT-08", "not_met", "minor", effective="met")], score=50.0, with_att=75.0))
    new = report(program("Harbor", "h.yaml", [criterion("AUT-08", "not_met", "minor")], score=50.0, with_att=50.0))
    result = diff(files("old.json", old), files("new.json", new), "--fail-on-regression")
    assert result.exit_code == 1
    assert "REGRESSED AUT-08" in result.stdout and "met -> not_met" in result.stdout
    assert "score with attestations: 75 -> 50 (-25)" in result.stdout


@pytest.mark.parametrize(
    "old, new, kind",
    [
        ("met", "error", "REGRESSED"),  # a criterion that can no longer be evaluated has regressed
        ("error", "not_met", "IMPROVED"),
        ("met", "not_applicable", "CHANGED"),
        ("needs_review", "met", "CHANGED"),
    ],
)
def test_statuses_outside_the_ladder(files, old, new, kind):
    before = report(program("Harbor", "h.yaml", [criterion("AUT-01", old)]))
    after = report(program("Harbor", "h.yaml", [criterion("AUT-01", new)]))
    assert f"{kind:<9} AUT-01" in diff(files("old.json", before), files("new.json", after)).stdout


def test_identical_reports_have_no_changes(files):
    result = diff(files("old.json", OLD), files("new.json", OLD), "--fail-on-regression")
    assert result.exit_code == 0
    assert "criteria: 0 regressed, 0 improved, 0 changed, 0 new, 0 removed; programs: 0 new, 0 removed" in result.stdout


# ---------------------------------------------------------------------------------
# Markdown, output file, exit status
# ---------------------------------------------------------------------------------


def test_markdown_output_has_a_table_per_program(files):
    result = diff(files("old.json", OLD), files("new.json", NEW), "--format", "md")
    assert result.exit_code == 0
    md = result.stdout
    assert md.startswith("# standards-check diff\n")
    assert "**1 regressed**, 2 improved, 0 changed, 1 new, 1 removed criteria; 1 new and 1 removed programs." in md
    assert "## Harbor Peer Center" in md
    assert "| change | criterion | title | severity | old | new |" in md
    assert "| **regressed** | AUT-04 | Title of AUT-04 | major | met | not_met |" in md
    assert "| improved | AUT-02 | Title of AUT-02 | major | partial | met |" in md
    assert "| score | 60 | 70 | +10 |" in md
    assert "## Opened Program (new program)" in md
    assert "## Closed Program (removed program)" in md


def test_markdown_escapes_table_characters(files):
    old = report(program("A | B", "a.yaml", [criterion("AUT-01", "met", title="Yes | no")]))
    new = report(program("A | B", "a.yaml", [criterion("AUT-01", "partial", title="Yes | no")]))
    md = diff(files("old.json", old), files("new.json", new), "-f", "md").stdout
    assert "| **regressed** | AUT-01 | Yes \\| no | major | met | partial |" in md


def test_output_writes_the_comparison_to_a_file(files):
    result = diff(files("old.json", OLD), files("new.json", NEW), "-f", "md", "-o", "diff.md")
    assert result.exit_code == 0 and result.stdout == ""
    assert Path("diff.md").read_text(encoding="utf-8").startswith("# standards-check diff")


def test_fail_on_regression_exits_1_when_something_regressed(files):
    result = diff(files("old.json", OLD), files("new.json", NEW), "--fail-on-regression")
    assert result.exit_code == 1
    assert "REGRESSED AUT-04" in result.stdout  # the comparison is still printed


def test_fail_on_regression_exits_0_when_nothing_regressed(files):
    old = report(program("Harbor", "h.yaml", [criterion("AUT-01", "not_met")]))
    new = report(program("Harbor", "h.yaml", [criterion("AUT-01", "met"), criterion("AUT-02", "not_met")]))
    result = diff(files("old.json", old), files("new.json", new), "--fail-on-regression")
    assert result.exit_code == 0  # a new criterion that is not met is new, not a regression


# ---------------------------------------------------------------------------------
# Not a report: exit 2, one line on standard error
# ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, message",
    [
        ("{\"schema\": \"standards-check/report/1\",\n  \"programs\": [}\n", "bad.json:2:16: not a JSON report: invalid JSON"),
        ("[1, 2, 3]", "bad.json: not a standards-check JSON report"),
        ({"programs": []}, "bad.json: not a standards-check JSON report"),
        ({"schema": "standards-check/report/9", "programs": []}, "unsupported report schema 'standards-check/report/9'"),
        ({"schema": "standards-check/report/1"}, "\"programs\" must be a list"),
        ({"schema": "standards-check/report/1", "programs": [{"name": "x"}]}, "programs[0] must be a mapping with a list of rubrics"),
        (
            {"schema": "standards-check/report/1", "programs": [{"rubrics": [{"criteria": [{"id": "AUT-01"}]}]}]},
            "programs[0].rubrics[0].criteria[0] must have an id and a status",
        ),
        ("", "invalid JSON"),
    ],
)
def test_a_file_that_is_not_a_report_exits_2(files, content, message):
    result = diff(files("old.json", OLD), files("bad.json", content))
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.startswith("standards-check: error: ")
    assert result.stdout == ""


def test_a_missing_or_binary_file_exits_2(files, tmp_path):
    result = diff(files("old.json", OLD), "missing.json")
    assert result.exit_code == 2 and "missing.json: no such file" in result.stderr
    (tmp_path / "latin1.json").write_bytes(b"\xff\xfe\x00garbage")
    result = diff(files("old.json", OLD), "latin1.json")
    assert result.exit_code == 2 and "not UTF-8" in result.stderr
    result = diff(files("old.json", OLD), str(tmp_path))
    assert result.exit_code == 2 and "is a directory" in result.stderr


def test_an_unknown_format_is_a_usage_error(files):
    result = diff(files("old.json", OLD), files("new.json", NEW), "-f", "html")
    assert result.exit_code == 2


# ---------------------------------------------------------------------------------
# End to end: two runs of check, compared
# ---------------------------------------------------------------------------------

DEMO_RUBRIC = """\
rubric_format: 1
id: demo
title: Demo rubric
criteria:
  - id: DEMO-01
    title: Voluntary participation
    severity: critical
    requirement: Taking part is voluntary.
    elements: [{id: a, text: taking part is voluntary, patterns: ["voluntary"]}]
  - id: DEMO-02
    title: A way to complain
    severity: major
    requirement: There is a way to complain.
    elements: [{id: a, text: a way to complain, patterns: ["complaint*"]}]
"""

POLICY = """\
standards_check: 1
program:
  name: Harbor Peer Center
policies:
  - id: participation
    title: Taking part
    text: |
      {text}
"""


def test_reports_written_by_check_can_be_compared(files, tmp_path):
    files("demo-rubric.yaml", DEMO_RUBRIC)
    builtins = ["-p", "no:autonomy", "-p", "no:mutual-respect", "-p", "no:shared-decisions", "--rubric", "demo-rubric.yaml"]
    runner = CliRunner()
    files("policy.yaml", POLICY.format(text="Taking part is voluntary."))
    runner.invoke(cli, ["check", "policy.yaml", *builtins, "-f", "json", "-o", "old.json"], catch_exceptions=False)
    files("policy.yaml", POLICY.format(text="You may make a complaint to the director."))
    runner.invoke(cli, ["check", "policy.yaml", *builtins, "-f", "json", "-o", "new.json"], catch_exceptions=False)
    result = diff("old.json", "new.json", "--fail-on-regression")
    assert result.exit_code == 1, result.output
    assert "REGRESSED DEMO-01 Voluntary participation (critical): met -> not_met" in result.stdout
    assert "IMPROVED  DEMO-02 A way to complain (major): not_met -> met" in result.stdout
    assert "score: 60 -> 40 (-20)" in result.stdout
