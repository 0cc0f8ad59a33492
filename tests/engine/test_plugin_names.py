"""-p means what it means in pytest, and a plugin named by path takes the name it declares."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

from standards_check.cli.commands import cli

HARBOR = str(Path(__file__).resolve().parents[2] / "examples" / "policies" / "harbor-peer-center.yaml")

PLUGIN = """\
from standards_check.api import hookimpl
{declared}

@hookimpl
def standards_check_report_formats():
    return {{}}
"""


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def plugin_names(*args: str) -> list[str]:
    return [line.split()[0] for line in run("plugins", *args).stdout.splitlines() if line and not line.startswith(" ")]


def test_p_no_name_disables_the_plugin():
    report = json.loads(run("check", HARBOR, "-f", "json", "-p", "no:autonomy").stdout)
    assert [r["id"] for r in report["programs"][0]["rubrics"]] == ["mutual-respect", "shared-decisions"]
    assert report["config"]["disabled_plugins"] == ["autonomy"]


def test_disabling_a_plugin_that_is_not_there_is_an_error_with_did_you_mean():
    result = run("check", HARBOR, "-p", "no:autonomi")
    assert result.exit_code == 2
    assert "there is no plugin 'autonomi' to disable (did you mean 'autonomy'?)" in result.stderr
    assert run("plugins", "-p", "no:nonexistent").exit_code == 2


def test_p_module_loads_a_plugin_module(tmp_path, monkeypatch):
    (tmp_path / "house_plugin.py").write_text(PLUGIN.format(declared=""), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        assert "house_plugin" in plugin_names("-p", "house_plugin")
    finally:
        sys.modules.pop("house_plugin", None)


def test_a_package_named_by_its_init_file_takes_its_folder_s_name_or_the_name_it_declares(tmp_path):
    package = tmp_path / "riverbend_rubric"
    package.mkdir()
    (package / "__init__.py").write_text(PLUGIN.format(declared=""), encoding="utf-8")
    assert "riverbend_rubric" in plugin_names("--plugin", str(package / "__init__.py"))
    (tmp_path / "anything.py").write_text(PLUGIN.format(declared='PLUGIN_NAME = "riverbend"'), encoding="utf-8")
    names = plugin_names("--plugin", str(tmp_path / "anything.py"))
    assert "riverbend" in names and "anything" not in names


def test_a_plugin_s_prints_never_mix_into_a_report_on_standard_output(tmp_path):
    (tmp_path / "noisy.py").write_text(
        'from standards_check.api import hookimpl\nprint("at import")\n\n'
        '@hookimpl\ndef standards_check_rubrics():\n    print("in a hook")\n    return []\n',
        encoding="utf-8",
    )
    result = run("check", HARBOR, "-f", "json", "--plugin", str(tmp_path / "noisy.py"))
    assert json.loads(result.stdout)["programs"]  # standard output holds the report alone
    assert "at import" in result.stderr and "in a hook" in result.stderr


def test_traceback_shows_the_plugin_s_own_traceback_and_a_missing_rubric_says_why(tmp_path):
    import os

    (tmp_path / "broken.py").write_text(
        'from standards_check.api import hookimpl\n\n@hookimpl\ndef standards_check_rubrics():\n    return 1 / 0\n',
        encoding="utf-8",
    )
    plain = run("check", HARBOR, "--plugin", str(tmp_path / "broken.py"))
    assert "standards_check_rubrics raised ZeroDivisionError: division by zero" in plain.stderr
    assert "Traceback" not in plain.stderr
    traced = run("check", HARBOR, "--plugin", str(tmp_path / "broken.py"), "--traceback")
    assert "Traceback (most recent call last):" in traced.stderr and f'File "{tmp_path / "broken.py"}", line 5' in traced.stderr
    assert "STANDARDS_CHECK_TRACEBACK" not in os.environ  # the option leaves the environment as it was
    missing = run("check", HARBOR, "--plugin", str(tmp_path / "broken.py"), "--rubrics", "broken")
    assert missing.exit_code == 2
    assert "unknown rubric 'broken'" in missing.stderr and "plugin 'broken' failed: standards_check_rubrics raised ZeroDivisionError" in missing.stderr


def test_a_clashing_criterion_id_is_an_error_in_rubrics_as_in_check(tmp_path):
    (tmp_path / "dup.yaml").write_text(
        "rubric_format: 1\nid: dupe\ntitle: Dupe\ncriteria:\n  - id: AUT-01\n    title: A clash\n    severity: minor\n"
        "    requirement: The policy mentions choice.\n    elements:\n      - id: a\n        text: choice\n        patterns: [choice]\n",
        encoding="utf-8",
    )
    listed = run("rubrics", "--rubric", str(tmp_path / "dup.yaml"))
    assert listed.exit_code == 1
    assert "AUT-01  minor     A clash  (error: criterion AUT-01 is already declared by plugin 'autonomy')" in listed.stdout
    checked = json.loads(run("check", HARBOR, "-f", "json", "--rubric", str(tmp_path / "dup.yaml")).stdout)
    clash = next(c for r in checked["programs"][0]["rubrics"] if r["id"] == "dupe" for c in r["criteria"])
    assert clash["status"] == "error" and "already declared by plugin 'autonomy'" in clash["error"]


def test_a_plugin_that_calls_sys_exit_or_a_format_that_fails_costs_only_its_own_part(tmp_path):
    (tmp_path / "rude.py").write_text(
        "import sys\nfrom standards_check.api import ReportFormat, hookimpl\n\n"
        "@hookimpl\ndef standards_check_rubrics():\n    sys.exit(3)\n\n"
        "@hookimpl\ndef standards_check_report_formats():\n"
        "    def render(report):\n        raise RuntimeError('cannot draw')\n"
        "    return {'broken': ReportFormat('broken', render, '.brk', 'text/plain', 'breaks')}\n",
        encoding="utf-8",
    )
    result = run("check", HARBOR, "--plugin", str(tmp_path / "rude.py"), "-f", "broken", "-o", str(tmp_path / "r.brk"),
                 "-f", "json", "-o", str(tmp_path / "r.json"))
    assert result.exit_code == 1
    assert "standards_check_rubrics raised SystemExit: 3" in result.stderr
    assert "could not render the report: RuntimeError: cannot draw" in result.stderr
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["programs"]  # the other report is written
    assert not (tmp_path / "r.brk").exists()
    assert "the broken report could not be written" in result.stderr.splitlines()[-1]
