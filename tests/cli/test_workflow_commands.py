"""The everyday commands around `check`: validate, schema, rubrics, explain; the
progress line; the pre-commit hook definition.

Most tests use a small rubric of their own (with the built-in plugins disabled)
so that they say exactly what the commands print; a few look at the built-in
rubrics themselves.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from standards_check.cli.commands import cli
from standards_check.cli.progress import Progress, progress_reporter

ROOT = Path(__file__).resolve().parents[2]
BUILTINS = ("-p", "no:autonomy", "-p", "no:mutual-respect", "-p", "no:shared-decisions")

DEMO_RUBRIC = """\
rubric_format: 1
id: demo
title: Demo rubric
description: A rubric for the tests.
version: "2.1"
declarations:
  participation:
    description: How people come to the program.
    criterion: DEMO-01
    values: {voluntary: supports, mandatory: contradicts}
criteria:
  - id: DEMO-01
    title: Voluntary participation
    severity: critical
    requirement: Taking part is the person's choice.
    why: Support that a person is made to attend becomes supervision.
    elements:
      - {id: a, text: taking part is voluntary, patterns: ["voluntary"]}
      - {id: b, text: the person may stop at any time, patterns: ["stop ~3 any time"]}
    red_flags:
      - {id: mandatory, text: attendance is mandatory, patterns: ["mandatory"]}
    remediation: State that taking part is voluntary and that the person may stop at any time.
    model_language: Taking part is always your choice, and you may stop at any time.
    references:
      - {document: National Practice Guidelines for Peer Specialists, section: Voluntary participation}
  - id: DEMO-02
    title: A way to complain
    severity: minor
    requirement: There is a way to complain.
    elements: [{id: a, text: a way to complain, patterns: ["complaint*"]}]
"""

GOOD = """\
standards_check: 1
program:
  name: Harbor Peer Center
policies:
  - id: participation
    title: Taking part
    text: |
      Taking part is voluntary.
"""


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "demo-rubric.yaml").write_text(DEMO_RUBRIC, encoding="utf-8")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def demo(*args: str):
    """A command with only the demo rubric installed."""
    return run(*args, "--rubric", "demo-rubric.yaml", *BUILTINS)


def test_help_lists_the_workflow_commands():
    out = run("--help").stdout
    for command in ("validate", "schema", "rubrics", "explain", "init", "diff"):
        assert f"\n  {command} " in out


# ---------------------------------------------------------------------------------
# validate
# ---------------------------------------------------------------------------------


def test_validate_prints_ok_for_each_valid_file(folder):
    (folder / "a.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "b.yaml").write_text(GOOD.replace("Harbor", "Lakeside"), encoding="utf-8")
    result = demo("validate", "a.yaml", "b.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok: a.yaml\nok: b.yaml\n"
    assert result.stderr == ""


def test_validate_does_not_evaluate(folder):
    # a policy that fails every criterion is still a valid document
    (folder / "a.yaml").write_text(GOOD.replace("Taking part is voluntary.", "Attendance is mandatory."), encoding="utf-8")
    result = demo("validate", "a.yaml")
    assert result.exit_code == 0
    assert result.stdout == "ok: a.yaml\n"


def test_validate_reports_every_invalid_file_with_where_and_exits_2(folder):
    (folder / "good.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "bad.yaml").write_text(GOOD.replace("    title: Taking part\n", "    titel: Taking part\n"), encoding="utf-8")
    (folder / "worse.yaml").write_text(GOOD.replace("standards_check: 1", "standards_check: 3"), encoding="utf-8")
    result = demo("validate", "bad.yaml", "good.yaml", "worse.yaml")
    assert result.exit_code == 2
    assert result.stdout == "ok: good.yaml\n"  # the valid file is still confirmed
    assert "standards-check: error: bad.yaml:6:5: policies[0].titel: unknown key 'titel'" in result.stderr
    assert "(did you mean 'title'?)" in result.stderr
    assert "standards-check: error: worse.yaml:1:18: standards_check: unsupported format version 3" in result.stderr


def test_validate_takes_directories(folder):
    sub = folder / "policies" / "east"
    sub.mkdir(parents=True)
    (folder / "policies" / "a.yaml").write_text(GOOD, encoding="utf-8")
    (sub / "b.yml").write_text(GOOD, encoding="utf-8")
    result = demo("validate", "policies")
    assert result.exit_code == 0
    assert result.stdout == "ok: policies/a.yaml\nok: policies/east/b.yml\n"


def test_validate_reports_a_missing_path_and_goes_on(folder):
    (folder / "a.yaml").write_text(GOOD, encoding="utf-8")
    result = demo("validate", "missing.yaml", "a.yaml")
    assert result.exit_code == 2
    assert "missing.yaml: no such file or directory" in result.stderr
    assert result.stdout == "ok: a.yaml\n"


def test_validate_warns_about_declarations_no_rubric_reads(folder):
    (folder / "a.yaml").write_text(GOOD + "declarations:\n  participaton: voluntary\n", encoding="utf-8")
    result = demo("validate", "a.yaml")
    assert result.exit_code == 0  # a warning, not an error
    assert result.stdout == "ok: a.yaml\n"
    assert (
        "standards-check: warning: a.yaml:10: declarations.participaton: no installed rubric reads this key "
        "(did you mean 'participation'?)"
    ) in result.stderr


def test_validate_warns_about_a_value_a_rubric_does_not_know(folder):
    (folder / "a.yaml").write_text(GOOD + "declarations:\n  participation: sometimes\n", encoding="utf-8")
    result = demo("validate", "a.yaml")
    assert result.exit_code == 0
    assert "declarations.participation: unknown value 'sometimes'; expected one of mandatory, voluntary" in result.stderr


def test_validate_needs_a_path():
    assert run("validate").exit_code == 2


# ---------------------------------------------------------------------------------
# schema
# ---------------------------------------------------------------------------------


def test_schema_prints_the_policy_schema():
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema == json.loads((ROOT / "standards_check" / "schema" / "policy.schema.json").read_text(encoding="utf-8"))
    assert set(schema["required"]) >= {"standards_check", "program", "policies"}


def test_schema_rubric_prints_the_rubric_schema():
    result = run("schema", "--rubric")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["required"] == ["rubric_format", "id", "title", "criteria"]


def test_the_rubric_schema_accepts_the_built_in_rubrics_and_rejects_mistakes():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(run("schema", "--rubric").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for name in ("autonomy", "mutual-respect", "shared-decisions"):
        data = yaml.safe_load((ROOT / "rubrics" / f"{name}.yaml").read_text(encoding="utf-8"))
        assert [e.message for e in validator.iter_errors(data)] == [], name
    data = yaml.safe_load(DEMO_RUBRIC)
    assert list(validator.iter_errors(data)) == []
    data["criteria"][0]["severity"] = "high"
    data["criteria"][1]["elements"][0].pop("patterns")
    data["criteria"][1]["titel"] = "typo"
    messages = sorted(e.message for e in validator.iter_errors(data))
    assert any("'high' is not one of" in m for m in messages)
    # an element needs patterns, or rules of a plugin-provided type
    assert any("'patterns' is a required property" in m or "is not valid under any of the given schemas" in m for m in messages)
    assert any("'titel' was unexpected" in m for m in messages)


# ---------------------------------------------------------------------------------
# rubrics
# ---------------------------------------------------------------------------------


def test_rubrics_lists_each_rubric_and_its_criteria_with_severity(folder):
    result = demo("rubrics")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "demo  Demo rubric  (version 2.1, plugin file:demo-rubric.yaml)\n"
        "  DEMO-01  critical  Voluntary participation\n"
        "  DEMO-02  minor     A way to complain\n"
    )


def test_rubrics_lists_the_21_built_in_criteria():
    result = run("rubrics")
    assert result.exit_code == 0, result.output
    assert [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")] == [
        "autonomy", "mutual-respect", "shared-decisions"
    ]
    criteria = [line.split() for line in result.stdout.splitlines() if line.startswith("  ")]
    assert len(criteria) == 21
    assert ["AUT-01", "critical", "Voluntary", "participation"] in criteria
    assert ["MR-04", "critical", "Grievance", "without", "retaliation"] in criteria
    assert ["SDM-04", "minor", "Decisions", "can", "be", "revisited"] in criteria


def test_rubrics_exits_1_and_names_a_plugin_that_failed(folder):
    (folder / "broken.py").write_text("raise RuntimeError('half-written plugin')\n", encoding="utf-8")
    result = demo("rubrics", "--plugin", "broken.py")
    assert result.exit_code == 1
    assert "DEMO-01" in result.stdout  # the others are still listed
    assert "plugin 'broken': could not be imported: RuntimeError: half-written plugin" in result.stderr


def test_rubrics_with_a_wrong_rubric_file_is_an_input_error(folder):
    (folder / "bad-rubric.yaml").write_text(DEMO_RUBRIC.replace("severity: minor", "severity: low"), encoding="utf-8")
    result = run("rubrics", "--rubric", "bad-rubric.yaml", *BUILTINS)
    assert result.exit_code == 2
    assert "bad-rubric.yaml:" in result.stderr and "criteria[1].severity: expected one of critical, major, minor" in result.stderr


# ---------------------------------------------------------------------------------
# explain
# ---------------------------------------------------------------------------------


def test_explain_shows_everything_a_criterion_asks_for(folder):
    result = demo("explain", "DEMO-01")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("DEMO-01  Voluntary participation\n  severity: critical; rubric: demo (Demo rubric)")
    sections = ["Requirement", "Why it matters", "Elements", "Red flags", "Declarations read", "How to fix it", "Model language", "References"]
    positions = [out.index("\n" + s) for s in sections]
    assert positions == sorted(positions)
    assert "  (a) taking part is voluntary\n  (b) the person may stop at any time\n" in out
    assert "  - attendance is mandatory\n" in out
    assert "  - participation: voluntary (supports), mandatory (contradicts)\n" in out
    assert "Taking part is always your choice, and you may stop at any time." in out
    assert "  - National Practice Guidelines for Peer Specialists, Voluntary participation\n" in out


def test_explain_leaves_out_what_a_criterion_does_not_have(folder):
    out = demo("explain", "DEMO-02").stdout
    assert "Red flags" not in out and "Why it matters" not in out and "References" not in out


def test_explain_accepts_any_case(folder):
    assert demo("explain", "demo-02").stdout == demo("explain", "DEMO-02").stdout


def test_explain_a_rubric_lists_its_criteria(folder):
    result = demo("explain", "demo")
    assert result.exit_code == 0
    assert "demo: Demo rubric" in result.stdout and "  DEMO-02  minor     A way to complain" in result.stdout


@pytest.mark.parametrize("wanted, hint", [("DEMO-1", "(did you mean 'DEMO-01'?)"), ("demo-1", "(did you mean 'DEMO-01'?)"), ("XYZ", "")])
def test_explain_an_unknown_criterion_exits_2(folder, wanted, hint):
    result = demo("explain", wanted)
    assert result.exit_code == 2
    assert f"unknown criterion {wanted!r}" in result.stderr
    assert hint in result.stderr
    assert result.stdout == ""


def test_explain_a_built_in_criterion():
    result = run("explain", "AUT-03")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("AUT-03  Person-directed goals\n  severity: critical; rubric: autonomy")
    for section in ("Requirement", "Why it matters", "Elements", "Red flags", "How to fix it", "Model language", "References"):
        assert f"\n{section}" in out, section


# ---------------------------------------------------------------------------------
# progress
# ---------------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_writes_nothing_when_standard_error_is_not_a_terminal(monkeypatch):
    monkeypatch.delenv("STANDARDS_CHECK_PROGRESS", raising=False)
    stream = io.StringIO()  # a pipe or a file
    clock = Clock()
    progress = Progress(stream, clock=clock)
    for i in range(100):
        clock.now += 1
        progress(i, 100, f"policies/{i}.yaml")
    progress(100, 100, "")
    assert stream.getvalue() == ""


def test_progress_on_a_terminal_shows_one_line_and_erases_it_at_the_end(monkeypatch):
    monkeypatch.delenv("STANDARDS_CHECK_PROGRESS", raising=False)
    stream = Terminal()
    clock = Clock()
    progress = Progress(stream, clock=clock)
    progress(0, 40, "policies/a.yaml")
    assert stream.getvalue() == ""  # nothing for runs that end quickly
    clock.now = 1.0
    progress(9, 40, "policies/j.yaml")
    assert stream.getvalue() == "\rchecking 10/40 (22%) policies/j.yaml"
    clock.now = 1.01
    progress(10, 40, "policies/k.yaml")
    assert "k.yaml" not in stream.getvalue()  # at most ten redraws a second
    progress(40, 40, "")
    assert stream.getvalue().endswith("\r" + " " * len("checking 10/40 (22%) policies/j.yaml") + "\r")
    assert "\n" not in stream.getvalue()


def test_progress_can_be_turned_off_on_a_terminal(monkeypatch):
    monkeypatch.setenv("STANDARDS_CHECK_PROGRESS", "0")
    stream = Terminal()
    clock = Clock()
    progress = Progress(stream, clock=clock)
    clock.now = 5
    progress(1, 10, "a.yaml")
    assert stream.getvalue() == ""


def test_progress_reporter_erases_its_line_when_the_run_is_interrupted(monkeypatch):
    monkeypatch.delenv("STANDARDS_CHECK_PROGRESS", raising=False)
    stream = Terminal()
    clock = Clock()
    with pytest.raises(KeyboardInterrupt):
        with progress_reporter(stream, clock=clock) as progress:
            clock.now = 1
            progress(3, 10, "a.yaml")
            raise KeyboardInterrupt
    assert stream.getvalue().endswith("\r")
    assert stream.getvalue().split("\r")[-2].strip() == ""


def test_check_under_a_test_runner_prints_no_progress(folder):
    # CliRunner's standard error is not a terminal: like a pipe or CI logs
    policies = folder / "policies"
    policies.mkdir()
    for i in range(5):
        (policies / f"p{i}.yaml").write_text(GOOD, encoding="utf-8")
    result = demo("check", "policies")
    assert "checking" not in result.stderr


# ---------------------------------------------------------------------------------
# pre-commit
# ---------------------------------------------------------------------------------


def test_the_pre_commit_hook_runs_check_on_yaml_files():
    import re

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "standards-check"]
    assert hook["entry"] == "standards-check check"
    assert hook["language"] == "python"
    assert hook["files"] == r"\.(ya?ml)$"
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    chosen = [p for p in ("policies/harbor.yaml", "policies/a.yml", "README.md", ".pre-commit-config.yaml", "standards-check.yaml")
              if files.search(p) and not exclude.search(p)]
    assert chosen == ["policies/harbor.yaml", "policies/a.yml"]
