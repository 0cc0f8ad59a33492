"""Plugins coexist safely: a broken third-party plugin never breaks the run."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from standards_check.cli.commands import cli

ROOT = Path(__file__).resolve().parents[2]
HARBOR = str(ROOT / "examples" / "policies" / "harbor-peer-center.yaml")

RUBRIC = """
rubric_format: 1
id: {rid}
title: Test rubric
criteria:
  - id: {cid}
    title: Test criterion
    severity: minor
    requirement: The policy mentions choice.
    elements:
      - id: a
        text: choice is mentioned
        patterns: ["choice"]
"""


def write_plugin(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return str(path)


def check(*args: str):
    return CliRunner().invoke(cli, ["check", HARBOR, "-f", "json", *args])


def criteria(result) -> dict[str, dict]:
    report = json.loads(result.stdout)
    return {c["id"]: c for r in report["programs"][0]["rubrics"] for c in r["criteria"]}


def test_a_plugin_named_by_path_contributes_its_rubric(tmp_path):
    (tmp_path / "r.yaml").write_text(RUBRIC.format(rid="extra", cid="EX-01"), encoding="utf-8")
    plugin = write_plugin(tmp_path, "extra", f"""
        from standards_check.api import hookimpl
        STANDARDS_CHECK_API = 1

        @hookimpl
        def standards_check_rubrics():
            return [{str(tmp_path / "r.yaml")!r}]
    """)
    result = check("--plugin", plugin)
    assert criteria(result)["EX-01"]["status"] == "met"
    assert len(criteria(result)) == 22


def test_a_plugin_that_fails_to_import_is_reported_and_the_others_run(tmp_path):
    plugin = write_plugin(tmp_path, "broken", "raise RuntimeError('cannot start')\n")
    result = check("--plugin", plugin)
    assert result.exit_code == 1
    assert "broken" in result.stderr and "cannot start" in result.stderr
    report = json.loads(result.stdout)
    assert report["plugin_problems"][0]["plugin"] == "broken"
    assert len(criteria(result)) == 21


def test_a_rubric_hook_that_raises_names_the_plugin(tmp_path):
    plugin = write_plugin(tmp_path, "raiser", """
        from standards_check.api import hookimpl

        @hookimpl
        def standards_check_rubrics():
            raise ValueError("bad day")
    """)
    result = check("--plugin", plugin)
    assert result.exit_code == 1
    assert "raiser" in result.stderr and "bad day" in result.stderr
    assert len(criteria(result)) == 21


def test_a_malformed_return_value_is_a_plugin_problem(tmp_path):
    plugin = write_plugin(tmp_path, "malformed", """
        from standards_check.api import hookimpl

        @hookimpl
        def standards_check_rubrics():
            return "not a list"
    """)
    result = check("--plugin", plugin)
    assert result.exit_code == 1
    assert "malformed" in result.stderr and "expected a list" in result.stderr


def test_a_single_rubric_returned_instead_of_a_list_is_a_plugin_problem(tmp_path):
    # a Rubric is a named tuple: it must not be taken for a list of its fields
    (tmp_path / "r.yaml").write_text(RUBRIC.format(rid="single", cid="SI-01"), encoding="utf-8")
    plugin = write_plugin(tmp_path, "single", f"""
        from standards_check.api import hookimpl, load_rubric_file

        @hookimpl
        def standards_check_rubrics():
            return load_rubric_file({str(tmp_path / "r.yaml")!r})
    """)
    result = check("--plugin", plugin)
    assert result.exit_code == 1
    assert "single" in result.stderr and "returned Rubric, expected a list" in result.stderr
    assert len(criteria(result)) == 21


def test_a_plugin_may_return_a_changed_copy_of_a_rubric(tmp_path):
    (tmp_path / "r.yaml").write_text(RUBRIC.format(rid="copied", cid="CO-01"), encoding="utf-8")
    plugin = write_plugin(tmp_path, "copier", f"""
        from standards_check.api import hookimpl, load_rubric_file

        @hookimpl
        def standards_check_rubrics():
            rubric = load_rubric_file({str(tmp_path / "r.yaml")!r})
            return [rubric._replace(title="Copied rubric")]
    """)
    result = check("--plugin", plugin)
    report = json.loads(result.stdout)
    titles = {r["id"]: r["title"] for r in report["programs"][0]["rubrics"]}
    assert titles["copied"] == "Copied rubric"
    assert criteria(result)["CO-01"]["status"] == "met"


def test_an_evaluator_that_raises_makes_its_criterion_error_and_nothing_else(tmp_path):
    (tmp_path / "r.yaml").write_text(
        RUBRIC.format(rid="coded", cid="CO-01").replace("    elements:", "    evaluator: explode\n    elements:"),
        encoding="utf-8",
    )
    plugin = write_plugin(tmp_path, "coded", f"""
        from standards_check.api import hookimpl

        @hookimpl
        def standards_check_rubrics():
            return [{str(tmp_path / "r.yaml")!r}]

        @hookimpl
        def standards_check_evaluators():
            def explode(criterion, context):
                raise ZeroDivisionError("oops")
            return {{"explode": explode}}
    """)
    result = check("--plugin", plugin)
    found = criteria(result)
    assert found["CO-01"]["status"] == "error"
    assert "coded" in found["CO-01"]["error"] and "oops" in found["CO-01"]["error"]
    assert found["AUT-01"]["status"] == "met"
    assert result.exit_code == 1


def test_an_evaluator_returning_something_else_is_an_error(tmp_path):
    (tmp_path / "r.yaml").write_text(
        RUBRIC.format(rid="coded", cid="CO-01").replace("    elements:", "    evaluator: wrong\n    elements:"),
        encoding="utf-8",
    )
    plugin = write_plugin(tmp_path, "wrongtype", f"""
        from standards_check.api import hookimpl

        @hookimpl
        def standards_check_rubrics():
            return [{str(tmp_path / "r.yaml")!r}]

        @hookimpl
        def standards_check_evaluators():
            return {{"wrong": lambda criterion, context: "met"}}
    """)
    found = criteria(check("--plugin", plugin))
    assert found["CO-01"]["status"] == "error"
    assert "expected a Finding" in found["CO-01"]["error"]


def test_a_criterion_id_already_declared_by_another_plugin_is_an_error_of_the_later_plugin(tmp_path):
    (tmp_path / "r.yaml").write_text(RUBRIC.format(rid="copycat", cid="AUT-01"), encoding="utf-8")
    plugin = write_plugin(tmp_path, "copycat", f"""
        from standards_check.api import hookimpl

        @hookimpl
        def standards_check_rubrics():
            return [{str(tmp_path / "r.yaml")!r}]
    """)
    result = check("--plugin", plugin)
    report = json.loads(result.stdout)
    rubrics = {r["id"]: r for r in report["programs"][0]["rubrics"]}
    assert rubrics["autonomy"]["criteria"][0]["status"] == "met"
    copied = rubrics["copycat"]["criteria"][0]
    assert copied["status"] == "error" and "already declared" in copied["error"] and "copycat" in copied["error"]
    assert result.exit_code == 1


def test_a_plugin_for_another_api_version_gets_a_clear_message(tmp_path):
    plugin = write_plugin(tmp_path, "future", """
        from standards_check.api import hookimpl
        STANDARDS_CHECK_API = 2

        @hookimpl
        def standards_check_rubrics():
            return []
    """)
    result = CliRunner().invoke(cli, ["plugins", "--plugin", plugin])
    assert result.exit_code == 1
    assert "future" in result.stdout and "plugin API version 2" in result.stdout


def test_nothing_is_loaded_from_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_plugin(tmp_path, "standards_check_sneaky", """
        raise SystemExit("loaded by surprise")
    """)
    (tmp_path / "conftest_like.py").write_text("raise SystemExit('no')\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["plugins"])
    assert result.exit_code == 0
    assert "sneaky" not in result.stdout


def test_a_plugin_can_add_a_report_format(tmp_path):
    plugin = write_plugin(tmp_path, "fmt", """
        from standards_check.api import hookimpl
        from standards_check.api import ReportFormat

        @hookimpl
        def standards_check_report_formats():
            def render(report):
                return "programs: %d\\n" % len(report["programs"])
            return {"count": ReportFormat("count", render, ".count")}
    """)
    result = CliRunner().invoke(cli, ["check", HARBOR, "-f", "count", "--plugin", plugin])
    assert result.stdout == "programs: 1\n"


def test_a_missing_plugin_file_is_an_input_error():
    result = CliRunner().invoke(cli, ["check", HARBOR, "--plugin", "/nonexistent/plugin.py"])
    assert result.exit_code == 2
    assert "no such plugin file" in result.stderr


@pytest.mark.parametrize("bad", ["rubric_format: 2\nid: x\ntitle: X\ncriteria: []\n", "id: x\n"])
def test_a_bad_rubric_file_named_by_the_user_is_an_input_error_with_its_line(tmp_path, bad):
    path = tmp_path / "bad-rubric.yaml"
    path.write_text(bad, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", HARBOR, "--rubric", str(path)])
    assert result.exit_code == 2
    assert str(path) in result.stderr and "Traceback" not in result.stderr


def test_a_plugin_can_add_a_rule_type_that_rubric_files_use(tmp_path):
    (tmp_path / "r.yaml").write_text(
        """
rubric_format: 1
id: numbers
title: Numbers
criteria:
  - id: NUM-01
    title: A phone number is given
    severity: minor
    requirement: The policy gives a phone number.
    elements:
      - id: a
        text: a phone number is given
        rules:
          - {type: digits, min: 7}
""",
        encoding="utf-8",
    )
    plugin = write_plugin(tmp_path, "digits", f"""
        from standards_check.api import hookimpl

        @hookimpl
        def standards_check_rubrics():
            return [{str(tmp_path / "r.yaml")!r}]

        @hookimpl
        def standards_check_rule_types():
            def digits(sentence, options):
                for i, token in enumerate(sentence.tokens):
                    if token.text.isdigit() and len(token.text) >= int(options["min"]):
                        yield (i, i + 1)
            return {{"digits": digits}}
    """)
    policy = tmp_path / "p.yaml"
    policy.write_text(
        "standards_check: 1\nprogram:\n  name: P\npolicies:\n  - id: a\n    title: A\n    text: |\n"
        "      Call us on 5551234 any day.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["check", str(policy), "-f", "json", "--plugin", plugin, "--rubrics", "numbers"])
    found = criteria(result)["NUM-01"]
    assert found["status"] == "met", found
    assert found["evidence"][0]["line"] == 8 and found["evidence"][0]["match"] == "5551234"


def test_a_rule_type_no_plugin_provides_makes_the_criterion_error(tmp_path):
    (tmp_path / "r.yaml").write_text(
        RUBRIC.format(rid="needs", cid="NE-01").replace('patterns: ["choice"]', "rules: [{type: missing}]"),
        encoding="utf-8",
    )
    result = check("--rubric", str(tmp_path / "r.yaml"))
    found = criteria(result)["NE-01"]
    assert found["status"] == "error" and "missing" in found["error"]
