"""The command line, as a user and a CI pipeline meet it (the README's Everyday use)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from standards_check.cli.commands import cli

HARBOR = "examples/policies/harbor-peer-center.yaml"
RIVERSIDE = "examples/policies/riverside-peer-bridge.yaml"
EXAMPLES_DIR = Path("examples/policies")


@pytest.fixture
def run(monkeypatch):
    root = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(root)

    def _run(*args: str):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return _run


def test_check_prints_a_summary_and_exits_0_when_no_critical_criterion_fails(run):
    result = run("check", HARBOR)
    assert result.exit_code == 0, result.output
    assert "Harbor Peer Recovery Center" in result.stdout
    assert "AUT-01" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour when not on a terminal


def test_check_exits_1_when_a_critical_criterion_is_not_met(run):
    result = run("check", RIVERSIDE)
    assert result.exit_code == 1
    assert "NOT MET" in result.stdout


def test_fail_on_none_accepts_any_result(run):
    assert run("check", RIVERSIDE, "--fail-on", "none").exit_code == 0


def test_min_score_fails_a_program_below_it(run):
    assert run("check", HARBOR, "--min-score", "99.9").exit_code == 1


def test_json_report_has_the_interface_shape(run):
    result = run("check", HARBOR, "-f", "json")
    report = json.loads(result.stdout)
    assert report["schema"] == "standards-check/report/1"
    assert report["tool"]["name"] == "standards-check"
    program = report["programs"][0]
    assert program["source"] == HARBOR
    assert program["name"] == "Harbor Peer Recovery Center"
    ids = [c["id"] for r in program["rubrics"] for c in r["criteria"]]
    assert len(ids) == 21 and len(set(ids)) == 21
    statuses = {"met", "partial", "not_met", "not_applicable", "needs_review", "error"}
    for rubric in program["rubrics"]:
        for c in rubric["criteria"]:
            assert c["status"] in statuses
            assert c["rationale"]
            for ev in c["evidence"]:
                assert ev["kind"] in ("supports", "contradicts")
                assert isinstance(ev["line"], int) and ev["line"] >= 1
                assert ev["quote"]


def test_evidence_lines_point_at_the_quoted_sentence_in_the_file(run):
    report = json.loads(run("check", HARBOR, "-f", "json").stdout)
    lines = Path(HARBOR).read_text(encoding="utf-8").splitlines()
    for rubric in report["programs"][0]["rubrics"]:
        for c in rubric["criteria"]:
            for ev in c["evidence"]:
                # the quoted sentence starts on that line (it may go on to the next)
                here = " ".join((lines[ev["line"] - 1] + " " + lines[ev["line"]]).split())
                assert " ".join(ev["quote"].split()[:3]) in here, (ev, here)
                assert ev["quote"].split()[0] in lines[ev["line"] - 1]


def test_several_formats_in_one_run_write_several_files(run, tmp_path):
    out_json, out_md = tmp_path / "r.json", tmp_path / "r.md"
    result = run("check", HARBOR, "-f", "json", "-o", str(out_json), "-f", "md", "-o", str(out_md), "-f", "text")
    assert result.exit_code == 0
    assert json.loads(out_json.read_text())["programs"][0]["name"] == "Harbor Peer Recovery Center"
    assert out_md.read_text().strip()
    assert "Harbor" in result.stdout


def test_output_alone_takes_the_format_from_its_extension(run, tmp_path):
    out = tmp_path / "report.json"
    assert run("check", HARBOR, "-o", str(out)).exit_code == 0
    json.loads(out.read_text())


def test_reports_are_byte_for_byte_deterministic(run, tmp_path):
    first = run("check", "examples/policies", "-f", "json").stdout
    second = run("check", "examples/policies", "-f", "json").stdout
    assert first == second


def test_a_directory_is_checked_as_many_programs_in_sorted_order(run):
    report = json.loads(run("check", "examples/policies", "-f", "json").stdout)
    sources = [p["source"] for p in report["programs"]]
    assert sources == sorted(sources) and len(sources) == 3
    assert report["summary"]["programs"] == 3
    assert report["summary"]["most_often_unmet"]


def test_bad_input_is_one_line_naming_file_and_line_exit_2(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("standards_check: 1\nprogram:\n  name: X\n  nmae: Y\npolicies: []\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(bad), "-f", "json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in message
    assert str(bad) in message and ":4:" in message


def test_bad_input_writes_no_report(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("not: [a policy\n", encoding="utf-8")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["check", str(bad), "-f", "json", "-o", str(out)])
    assert result.exit_code == 2
    assert not out.exists()


def test_unknown_format_is_a_usage_error_with_a_suggestion(run):
    result = CliRunner().invoke(cli, ["check", HARBOR, "-f", "jsno"])
    assert result.exit_code == 2
    assert "unknown format 'jsno' (did you mean 'json'?); known: " in result.stderr


def test_a_report_path_that_is_a_directory_fails_before_any_work(run, tmp_path):
    result = CliRunner().invoke(cli, ["check", HARBOR, "-f", "json", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "directory" in result.stderr


def test_mismatched_format_and_extension_is_caught(run, tmp_path):
    result = CliRunner().invoke(cli, ["check", HARBOR, "-f", "text", "-f", "json", "-o", str(tmp_path / "r.json")])
    assert result.exit_code == 2
    assert "pair up in order" in result.stderr


def test_a_failed_run_keeps_the_previous_report(run, tmp_path):
    out = tmp_path / "report.json"
    out.write_text("previous", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("", encoding="utf-8")
    CliRunner().invoke(cli, ["check", str(bad), "-f", "json", "-o", str(out)])
    assert out.read_text(encoding="utf-8") == "previous"


def test_skip_and_select_rubrics(run):
    report = json.loads(run("check", HARBOR, "-f", "json", "--rubrics", "autonomy", "--skip", "AUT-08").stdout)
    ids = [c["id"] for r in report["programs"][0]["rubrics"] for c in r["criteria"]]
    assert ids == [f"AUT-0{i}" for i in range(1, 8)]


def test_unknown_skip_is_an_error_with_a_suggestion(run):
    result = CliRunner().invoke(cli, ["check", HARBOR, "--skip", "AUT-8"])
    assert result.exit_code == 2
    assert "AUT-08" in result.stderr


def test_plugins_command_lists_builtin_rubrics_with_version_and_hooks(run):
    result = run("plugins")
    assert result.exit_code == 0
    for name in ("autonomy", "mutual-respect", "shared-decisions"):
        assert name in result.stdout
    assert "standards_check_rubrics" in result.stdout
    assert "standards-check 0." in result.stdout


def test_a_plugin_can_be_disabled(run):
    report = json.loads(run("check", HARBOR, "-f", "json", "-p", "no:autonomy").stdout)
    assert [r["id"] for r in report["programs"][0]["rubrics"]] == ["mutual-respect", "shared-decisions"]


def test_python_dash_m_runs_the_cli():
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-m", "standards_check", "--version"], capture_output=True, text=True, cwd=root)
    assert proc.returncode == 0 and "standards-check" in proc.stdout


def test_a_configuration_file_beside_the_policies_is_not_read_as_a_policy(tmp_path):
    import shutil

    shutil.copy(Path(__file__).resolve().parents[2] / HARBOR, tmp_path / "harbor.yaml")
    (tmp_path / "standards-check.yaml").write_text("fail_on: none\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert [p["source"].rsplit("/", 1)[-1] for p in json.loads(result.stdout)["programs"]] == ["harbor.yaml"]


def test_a_json_file_report_is_written_program_by_program_with_the_same_bytes(run, tmp_path):
    streamed = tmp_path / "streamed.json"
    assert run("check", "examples/policies", "-f", "json", "-o", str(streamed)).exit_code == 1
    whole = run("check", "examples/policies", "-f", "json").stdout
    assert streamed.read_text(encoding="utf-8") == whole


def test_every_workflow_command_is_named_for_lazy_loading():
    # the workflow commands are imported only when one is asked for; a command
    # defined there but missing from the list would never be found
    from standards_check.cli import commands as cli_module
    from standards_check.cli.workflow import COMMANDS

    assert {c.name for c in COMMANDS} == set(cli_module._WORKFLOW_COMMANDS)


def test_warnings_about_a_key_holding_control_characters_stay_on_one_line(run, tmp_path):
    policy = tmp_path / "policy.yaml"
    text = (Path(__file__).resolve().parents[2] / HARBOR).read_text(encoding="utf-8")
    policy.write_text(text + '  "partici\\npation\\u001b[2J": voluntary\n', encoding="utf-8")
    for command in (["check", str(policy), "-f", "json"], ["validate", str(policy)]):
        result = run(*command)
        warnings = [line for line in result.stderr.splitlines() if "warning" in line]
        assert len(warnings) == 1, result.stderr
        assert "partici\\npation\\x1b[2J" in warnings[0]


def test_validate_names_a_file_holding_a_terminal_escape_with_the_escape_shown(run, tmp_path):
    policy = tmp_path / "bad\x1b[2Jname.yaml"
    policy.write_text((Path(__file__).resolve().parents[2] / HARBOR).read_text(encoding="utf-8"), encoding="utf-8")
    result = run("validate", str(policy))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"ok: {tmp_path}/bad\\x1b[2Jname.yaml\n"


# ------------------------------------------------------------------ the terminal says why


def test_a_run_below_the_threshold_ends_with_one_line_saying_why(run, tmp_path):
    result = run("check", str(EXAMPLES_DIR / "harbor-peer-center.yaml"), "--min-score", "95", "-o", str(tmp_path / "r.html"))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"wrote {tmp_path / 'r.html'} (html report)"
    assert lines[-1] == (
        "standards-check: fails the threshold (--fail-on critical, --min-score 95): "
        "Harbor Peer Recovery Center: score 93.2 is below 95"
    )


def test_many_reasons_are_one_line_with_a_count_of_the_rest(run):
    result = run("check", str(EXAMPLES_DIR), "-f", "json")
    assert result.exit_code == 1
    last = result.stderr.splitlines()[-1]
    assert last.startswith("standards-check: fails the threshold (--fail-on critical): ") and last.endswith(" more")
    assert "(critical) is not met" in last


def test_quiet_says_nothing_but_the_exit_status(run, tmp_path):
    result = run("check", str(EXAMPLES_DIR), "-o", str(tmp_path / "r.json"), "-q")
    assert result.exit_code == 1 and result.stderr == ""
    assert (tmp_path / "r.json").exists()


@pytest.mark.parametrize(("tty", "no_color", "env", "expected"), [
    (True, False, None, True),
    (False, False, None, False),
    (True, True, None, False),
    (True, False, "1", False),
    (True, False, "", True),  # NO_COLOR set but empty does not count
])
def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch, tty, no_color, env, expected):
    from standards_check.cli import commands

    monkeypatch.setattr(commands.sys.stdout, "isatty", lambda: tty, raising=False)
    if env is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", env)
    assert commands.use_color(no_color) is expected


@pytest.mark.parametrize(("given", "expected"), [("markdown", "md"), ("HTML", "html"), ("Json", "json"), ("xml", "junit"), ("TXT", "text")])
def test_formats_answer_to_their_common_names_in_any_case(run, given, expected):
    assert run("check", HARBOR, "-f", given, "-q").stdout == run("check", HARBOR, "-f", expected, "-q").stdout


# ------------------------------------------------------------------ folders as they are


@pytest.fixture
def folder(tmp_path):
    for name in ("harbor-peer-center.yaml", "riverside-peer-bridge.yaml"):
        (tmp_path / name).write_text((Path(__file__).resolve().parents[2] / EXAMPLES_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "docker-compose.yml").write_text("services:\n  web:\n    image: nginx\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "next-year.yaml").write_text("standards_check: 1\nprogram: {name: Draft}\n", encoding="utf-8")
    return tmp_path


def _sources(result) -> list[str]:
    return [Path(p["source"]).name for p in json.loads(result.stdout)["programs"]]


def test_a_yaml_file_in_a_folder_that_is_no_policy_document_is_skipped_with_a_note(run, folder):
    result = run("check", str(folder), "-f", "json", "--exclude", "drafts/*")
    assert _sources(result) == ["harbor-peer-center.yaml", "riverside-peer-bridge.yaml"]
    assert f"standards-check: note: {folder / 'docker-compose.yml'}: skipped: not a policy document" in result.stderr


def test_the_same_file_named_on_its_own_is_an_error(run, folder):
    result = run("check", str(folder / "docker-compose.yml"))
    assert result.exit_code == 2 and "not a policy document" in result.stderr


def test_a_half_written_policy_in_a_folder_is_still_an_error(run, folder):
    result = run("check", str(folder))
    assert result.exit_code == 2 and "next-year.yaml" in result.stderr and "missing required key 'policies'" in result.stderr


def test_exclude_leaves_out_files_by_path_or_name_and_the_configuration_can_say_so(run, folder, monkeypatch):
    assert _sources(run("check", str(folder), "-f", "json", "--exclude", "drafts/*", "--exclude", "riverside-*")) == [
        "harbor-peer-center.yaml"
    ]
    monkeypatch.chdir(folder)
    (folder / "standards-check.yaml").write_text('exclude: ["drafts/*"]\n', encoding="utf-8")
    assert _sources(CliRunner().invoke(cli, ["check", ".", "-f", "json"])) == ["harbor-peer-center.yaml", "riverside-peer-bridge.yaml"]


def test_a_policy_on_standard_input_is_checked_as_stdin(run):
    text = Path(HARBOR).read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "-", "-f", "json"], input=text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["programs"][0]["source"] == "<stdin>"
    assert run("check", HARBOR, "-f", "json").stdout.replace(HARBOR, "<stdin>") == result.stdout
    refused = CliRunner().invoke(cli, ["check", "-"], input="services: {web: 1}\n")
    assert refused.exit_code == 2 and refused.stderr.startswith("standards-check: error: <stdin>:1:1: not a policy document")


@pytest.mark.parametrize("command", ["check", "import", "init", "validate", "diff", "rubrics", "explain", "plugins", "schema", "new-rubric"])
def test_every_command_s_help_has_examples_that_name_it(run, command):
    text = run(command, "--help").stdout
    examples = text[text.index("Examples:"):].split("\n\n")[0].splitlines()[1:]
    assert examples and all(line.strip().startswith(f"standards-check {command}") for line in examples)
