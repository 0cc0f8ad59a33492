"""The configuration file, standards-check.yaml: found in the current directory
only (or named with --config), validated like every input, overridden by the
command line, and recorded in the report.

Runs use a small rubric of their own with the built-in plugins disabled: a policy
that only says participation is voluntary meets DEMO-01 (critical) and misses
DEMO-02 (major) and DEMO-03 (minor), a score of 50.0.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from standards_check.cli.commands import cli
from standards_check.cli.options import merge_options
from standards_check.errors import InputError
from standards_check.loading.config import find_config, load_config

BUILTINS = ("-p", "no:autonomy", "-p", "no:mutual-respect", "-p", "no:shared-decisions")

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
  - id: DEMO-03
    title: Access to records
    severity: minor
    requirement: The person may see their records.
    elements: [{id: a, text: records, patterns: ["see ~3 records"]}]
"""

# A plugin file that contributes the demo rubric, for `plugins:` in the configuration.
DEMO_PLUGIN = """\
from pathlib import Path
from standards_check.api import hookimpl

@hookimpl
def standards_check_rubrics():
    return [str(Path(__file__).with_name("demo-rubric.yaml"))]
"""

POLICY = """\
standards_check: 1
program:
  name: Harbor Peer Center
policies:
  - id: participation
    title: Taking part
    text: |
      Taking part in peer support is voluntary.
"""


def _integrated() -> bool:
    return "config_file" in {p.name for p in cli.commands["check"].params}


needs_check_integration = pytest.mark.skipif(
    not _integrated(),
    reason="`check` has no --config option yet (integration lines: standards_check/cli/options.py, resolve_options)",
)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STANDARDS_CHECK_TODAY", "2026-06-01")
    (tmp_path / "demo-rubric.yaml").write_text(DEMO_RUBRIC, encoding="utf-8")
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    return tmp_path


def configure(folder: Path, text: str, name: str = "standards-check.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def check(*args: str):
    return run("check", *args, "--rubric", "demo-rubric.yaml", *BUILTINS)


# ---------------------------------------------------------------------------------
# Where the configuration comes from
# ---------------------------------------------------------------------------------


@needs_check_integration
def test_the_configuration_in_the_current_directory_is_used(project):
    assert check("policy.yaml").exit_code == 0  # only critical not_met fails by default
    configure(project, "fail_on: any\n")
    result = check("policy.yaml")
    assert result.exit_code == 1  # DEMO-02 and DEMO-03 are not met
    report = json.loads(check("policy.yaml", "-f", "json").stdout)
    assert report["config"]["config_file"] == "standards-check.yaml"
    assert report["config"]["fail_on"] == "any"


@needs_check_integration
def test_a_configuration_in_a_parent_directory_is_never_used(project, monkeypatch):
    configure(project, "fail_on: any\n")
    sub = project / "sub"
    sub.mkdir()
    (sub / "policy.yaml").write_text(POLICY, encoding="utf-8")
    (sub / "demo-rubric.yaml").write_text(DEMO_RUBRIC, encoding="utf-8")
    monkeypatch.chdir(sub)
    result = check("policy.yaml", "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["config"]["config_file"] is None


@needs_check_integration
def test_config_names_a_configuration_file_anywhere_and_its_paths_are_relative_to_it(project):
    conf = project / "conf"
    conf.mkdir()
    (conf / "attestations.yaml").write_text(
        "standards_check: 1\nattestations:\n"
        "  - {criterion: DEMO-02, status: met, justification: In the handbook., attested_by: QA, date: 2026-05-01}\n",
        encoding="utf-8",
    )
    configure(conf, "attestations: attestations.yaml\nformats:\n  - {format: json, output: out/report.json}\n", "team.yaml")
    (conf / "out").mkdir()
    result = check("policy.yaml", "--config", "conf/team.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # the only report goes to the file the configuration names
    report = json.loads((conf / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["config"]["config_file"] == "conf/team.yaml"
    assert report["config"]["attestations"] == "conf/attestations.yaml"
    assert report["programs"][0]["score_with_attestations"] == 83.3  # DEMO-02 attested: 5 of 6 points


@needs_check_integration
def test_a_missing_config_file_is_an_input_error(project):
    result = check("policy.yaml", "--config", "nowhere.yaml")
    assert result.exit_code == 2
    assert "nowhere.yaml: no such configuration file" in result.stderr


# ---------------------------------------------------------------------------------
# What each key does, and the command line winning over it
# ---------------------------------------------------------------------------------


@needs_check_integration
def test_the_command_line_wins_over_the_configuration(project):
    configure(project, "fail_on: any\nmin_score: 90\n")
    assert check("policy.yaml").exit_code == 1
    result = check("policy.yaml", "--fail-on", "critical", "--min-score", "40", "-f", "json")
    assert result.exit_code == 0
    config = json.loads(result.stdout)["config"]
    assert config["fail_on"] == "critical" and config["min_score"] == 40


@needs_check_integration
def test_min_score_in_the_configuration(project):
    configure(project, "min_score: 60\n")
    assert check("policy.yaml").exit_code == 1  # 50.0 < 60
    configure(project, "min_score: 50\n")
    assert check("policy.yaml").exit_code == 0


@needs_check_integration
def test_skip_and_rubrics_in_the_configuration(project):
    configure(project, "rubrics: [demo]\nskip: [DEMO-02, DEMO-03]\nfail_on: any\n")
    result = check("policy.yaml", "-f", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [c["id"] for c in report["programs"][0]["rubrics"][0]["criteria"]] == ["DEMO-01"]
    assert report["config"]["skip"] == ["DEMO-02", "DEMO-03"]
    assert report["config"]["rubrics"] == ["demo"]
    # --skip on the command line replaces the list; it does not add to it
    result = check("policy.yaml", "--skip", "DEMO-03", "-f", "json")
    assert [c["id"] for c in json.loads(result.stdout)["programs"][0]["rubrics"][0]["criteria"]] == ["DEMO-01", "DEMO-02"]


@needs_check_integration
def test_formats_in_the_configuration_and_f_on_the_command_line_replacing_them(project):
    configure(project, "formats:\n  - {format: json, output: report.json}\n  - {format: md, output: report.md}\n  - text\n")
    result = check("policy.yaml")
    assert "Harbor Peer Center" in result.stdout  # `- text`: the text summary on standard output
    assert json.loads((project / "report.json").read_text(encoding="utf-8"))["programs"][0]["name"] == "Harbor Peer Center"
    assert (project / "report.md").read_text(encoding="utf-8")
    (project / "report.json").unlink()
    result = check("policy.yaml", "-f", "json")
    assert json.loads(result.stdout)["schema"] == "standards-check/report/1"
    assert not (project / "report.json").exists()


@needs_check_integration
def test_plugins_in_the_configuration_are_loaded_relative_to_it(project):
    plugins = project / "plugins"
    plugins.mkdir()
    (plugins / "demo_plugin.py").write_text(DEMO_PLUGIN, encoding="utf-8")
    (plugins / "demo-rubric.yaml").write_text(DEMO_RUBRIC, encoding="utf-8")
    configure(project, "plugins: [plugins/demo_plugin.py]\n")
    result = run("check", "policy.yaml", *BUILTINS, "-f", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [r["id"] for r in report["rubrics"]] == ["demo"]
    assert report["config"]["plugins"] == ["plugins/demo_plugin.py"]


def test_the_other_commands_use_the_plugins_of_the_configuration(project):
    plugins = project / "plugins"
    plugins.mkdir()
    (plugins / "demo_plugin.py").write_text(DEMO_PLUGIN, encoding="utf-8")
    (plugins / "demo-rubric.yaml").write_text(DEMO_RUBRIC, encoding="utf-8")
    configure(project, "plugins: [plugins/demo_plugin.py]\n")
    result = run("rubrics", *BUILTINS)
    assert result.exit_code == 0, result.output
    assert "DEMO-02  major     A way to complain" in result.stdout
    result = run("explain", "DEMO-03", *BUILTINS)
    assert result.exit_code == 0 and "Access to records" in result.stdout


# ---------------------------------------------------------------------------------
# A wrong configuration: exit 2, nothing runs, the error says where
# ---------------------------------------------------------------------------------

BAD_CONFIGS = [
    pytest.param("fail-on: any\n", "standards-check.yaml:1:1: fail-on: unknown key 'fail-on' in the configuration (did you mean 'fail_on'?)", id="unknown key"),
    pytest.param("skips: [DEMO-03]\n", "(did you mean 'skip'?)", id="unknown key skips"),
    pytest.param("fail_on: majr\n", "standards-check.yaml:1:10: fail_on: expected one of critical, major, minor, any, none, found 'majr' (did you mean 'major'?)", id="fail_on"),
    pytest.param("min_score: 120\n", "standards-check.yaml:1:12: min_score: expected a score from 0 to 100, found 120", id="min_score too high"),
    pytest.param("min_score: high\n", "min_score: expected a score from 0 to 100, found 'high'", id="min_score not a number"),
    pytest.param("skip: DEMO-03\n", "standards-check.yaml:1:7: skip: expected a list of rubric or criterion IDs", id="skip not a list"),
    pytest.param("rubrics: [demo, autonomyy]\n", "standards-check.yaml:1:17: rubrics[1]: unknown rubric 'autonomyy'", id="unknown rubric"),
    pytest.param("skip: [DEMO-3]\n", "standards-check.yaml:1:8: skip[0]: unknown rubric or criterion 'DEMO-3' (did you mean 'DEMO-03'?)", id="unknown criterion"),
    pytest.param("formats:\n  - {format: jsn, output: r.json}\n", "standards-check.yaml:2:14: formats[0].format: unknown format 'jsn' (did you mean 'json'?)", id="unknown format"),
    pytest.param("formats:\n  - {fromat: json}\n", "formats[0].fromat: unknown key 'fromat' in a format (did you mean 'format'?)", id="format key misspelt"),
    pytest.param("formats:\n  - {format: json}\n  - {format: md}\n", "only one report can go to standard output", id="two to stdout"),
    pytest.param("attestations: [a.yaml]\n", "attestations: expected the path of the attestations file, found a list", id="attestations a list"),
    pytest.param("fail_on: any\nfail_on: none\n", "standards-check.yaml:2:1: fail_on: duplicate key 'fail_on'", id="duplicate key"),
    pytest.param("- fail_on\n", "expected a standards-check configuration", id="not a mapping"),
]


@needs_check_integration
@pytest.mark.parametrize("text, message", BAD_CONFIGS)
def test_a_wrong_configuration_is_an_input_error_naming_where(project, text, message):
    configure(project, text)
    result = check("policy.yaml", "-f", "json", "-o", "report.json")
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == "" and not (project / "report.json").exists()


@needs_check_integration
def test_an_attestations_file_the_configuration_names_must_exist(project):
    configure(project, "attestations: attested.yaml\n")
    result = check("policy.yaml")
    assert result.exit_code == 2
    assert "attested.yaml: no such file" in result.stderr


# ---------------------------------------------------------------------------------
# The functions, for other callers
# ---------------------------------------------------------------------------------


def test_load_config_reads_every_key(project):
    (project / "conf").mkdir()
    path = configure(project / "conf", """\
        standards_check: 1
        rubrics: [autonomy]
        skip: [AUT-08]
        fail_on: major
        min_score: 80
        attestations: attestations.yaml
        formats:
          - {format: html, output: reports/policies.html}
          - text
        plugins: [my_plugin.py, some_installed_module]
        """)
    config = load_config(str(path.relative_to(project)))
    assert config.rubrics == ("autonomy",) and config.skip == ("AUT-08",)
    assert config.fail_on == "major" and config.min_score == 80.0
    assert config.attestations == "conf/attestations.yaml"
    assert config.formats == (("html", "conf/reports/policies.html"), ("text", "-"))
    assert config.plugins == ("conf/my_plugin.py", "some_installed_module")
    assert config.given == {"rubrics", "skip", "fail_on", "min_score", "attestations", "formats", "plugins"}


def test_find_config_looks_only_in_the_directory_given(project):
    assert find_config() is None
    sub = project / "sub"
    sub.mkdir()
    configure(project, "fail_on: any\n")
    assert find_config().fail_on == "any"
    assert find_config(cwd=sub) is None
    with pytest.raises(InputError, match="no such configuration file"):
        find_config("missing.yaml")


def test_an_empty_key_means_not_set(project):
    configure(project, "fail_on:\nmin_score: ~\n")
    config = find_config()
    assert config.given == frozenset()
    options = merge_options({"fail_on": "critical", "min_score": None}, set(), config, today=None)
    assert options.fail_on == "critical" and options.min_score is None


def test_merge_options_lets_the_command_line_win(project):
    configure(project, "fail_on: any\nskip: [A-1, B-2]\nformats: [{format: json, output: r.json}]\n")
    config = find_config()
    params = {"fail_on": "minor", "skip": "", "formats": (), "outputs": (), "select": "", "extra_plugins": ()}
    options = merge_options(params, {"fail_on"}, config, today=None)
    assert options.fail_on == "minor"
    assert options.skip == "A-1,B-2"
    assert options.formats == ("json",) and options.outputs == ("r.json",)
    assert options.from_config == {"skip", "formats"}
