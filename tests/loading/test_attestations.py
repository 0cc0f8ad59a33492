"""Attestations: a person confirms what the checker cannot (policy-format.md, "Attestations").

The command-line tests use a small rubric of their own (DEMO-01 critical, DEMO-02
major, DEMO-03 minor) with the built-in plugins disabled, so that scores are
known exactly: a policy that only says participation is voluntary meets DEMO-01
and nothing else, which scores 3 of 6 points = 50.0.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from standards_check.cli.commands import cli
from standards_check.engine.attestations import apply_attestations
from standards_check.errors import InputError
from standards_check.loading.attestations import load_attestations, parse_date, today

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
    elements:
      - id: a
        text: taking part is voluntary
        patterns: ["voluntary"]
  - id: DEMO-02
    title: A way to complain
    severity: major
    requirement: There is a way to complain.
    elements:
      - id: a
        text: a way to complain is described
        patterns: ["complaint*"]
  - id: DEMO-03
    title: Access to records
    severity: minor
    requirement: The person may see their records.
    elements:
      - id: a
        text: the person may see their records
        patterns: ["see ~3 records"]
"""

POLICY = """\
standards_check: 1
program:
  name: {name}
policies:
  - id: participation
    title: Taking part
    text: |
      {text}
"""


def _integrated() -> bool:
    return "attestations" in {p.name for p in cli.commands["check"].params}


needs_check_integration = pytest.mark.skipif(
    not _integrated(),
    reason="`check` has no --attestations option yet (integration lines: standards_check/cli/options.py, resolve_options)",
)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder with the demo rubric and two programs; the date is fixed at 2026-06-01."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STANDARDS_CHECK_TODAY", "2026-06-01")
    (tmp_path / "demo-rubric.yaml").write_text(DEMO_RUBRIC, encoding="utf-8")
    policies = tmp_path / "policies"
    policies.mkdir()
    (policies / "harbor.yaml").write_text(
        POLICY.format(name="Harbor Peer Center", text="Taking part in peer support is voluntary."), encoding="utf-8"
    )
    (policies / "lakeside.yaml").write_text(
        POLICY.format(name="Lakeside House", text="Taking part in peer support is voluntary."), encoding="utf-8"
    )
    return tmp_path


def write_attestations(folder: Path, body: str, name: str = "attestations.yaml") -> Path:
    path = folder / name
    path.write_text("standards_check: 1\nattestations:\n" + textwrap.indent(textwrap.dedent(body), "  "), encoding="utf-8")
    return path


ATTEST_03 = """\
- criterion: DEMO-03
  status: met
  justification: Records access is set out in the privacy notice, section 4.
  evidence: privacy-notice-2026.pdf
  attested_by: Quality Director
  date: 2026-05-01
  expires: 2027-05-01
"""


def check(*args: str):
    return CliRunner().invoke(cli, ["check", *args, "--rubric", "demo-rubric.yaml", *BUILTINS], catch_exceptions=False)


def json_report(*args: str) -> dict:
    result = check(*args, "-f", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def criterion(report: dict, program: str, cid: str) -> dict:
    for p in report["programs"]:
        if p["name"] == program:
            for r in p["rubrics"]:
                for c in r["criteria"]:
                    if c["id"] == cid:
                        return c
    raise KeyError((program, cid))


def program(report: dict, name: str) -> dict:
    return next(p for p in report["programs"] if p["name"] == name)


# ---------------------------------------------------------------------------------
# What an attestation does to the report
# ---------------------------------------------------------------------------------


@needs_check_integration
def test_an_attested_criterion_keeps_the_checkers_status_and_shows_who_when_and_why(project):
    write_attestations(project, ATTEST_03)
    report = json_report("policies/harbor.yaml", "--attestations", "attestations.yaml")
    c = criterion(report, "Harbor Peer Center", "DEMO-03")
    assert c["status"] == "not_met"  # what the checker found, kept apart
    assert c["effective_status"] == "met"
    a = c["attestation"]
    assert a["status"] == "met"
    assert a["attested_by"] == "Quality Director"
    assert a["date"] == "2026-05-01" and a["expires"] == "2027-05-01" and a["expired"] is False
    assert a["justification"].startswith("Records access")
    assert a["evidence"] == "privacy-notice-2026.pdf"
    assert a["source"] == "attestations.yaml" and a["line"] == 3
    # criteria nobody attested carry no attestation
    assert criterion(report, "Harbor Peer Center", "DEMO-01")["attestation"] is None


@needs_check_integration
def test_the_report_shows_the_score_with_and_without_attestations(project):
    write_attestations(project, ATTEST_03)
    report = json_report("policies/harbor.yaml", "--attestations", "attestations.yaml")
    p = program(report, "Harbor Peer Center")
    assert p["score"] == 50.0  # 3 of 6 points: only DEMO-01 (critical) is met
    assert p["score_with_attestations"] == 66.7  # + DEMO-03 (minor): 4 of 6
    rubric = p["rubrics"][0]
    assert (rubric["score"], rubric["score_with_attestations"]) == (50.0, 66.7)
    assert p["counts"]["met"] == 2 and p["counts"]["not_met"] == 1  # counts follow the effective status
    assert report["summary"]["counts"]["met"] == 2
    assert report["config"]["attestations"] == "attestations.yaml"
    assert report["config"]["today"] == "2026-06-01"


@needs_check_integration
def test_not_applicable_takes_a_criterion_out_of_the_score_with_attestations(project):
    write_attestations(project, ATTEST_03.replace("DEMO-03", "DEMO-02").replace("status: met", "status: not_applicable"))
    report = json_report("policies/harbor.yaml", "--attestations", "attestations.yaml")
    p = program(report, "Harbor Peer Center")
    assert criterion(report, "Harbor Peer Center", "DEMO-02")["effective_status"] == "not_applicable"
    assert p["score"] == 50.0
    assert p["score_with_attestations"] == 75.0  # 3 of the 4 points still scored


@needs_check_integration
def test_an_attested_critical_criterion_no_longer_fails_the_run(project):
    (project / "policies" / "harbor.yaml").write_text(
        POLICY.format(name="Harbor Peer Center", text="We offer peer support."), encoding="utf-8"
    )
    assert check("policies/harbor.yaml").exit_code == 1  # DEMO-01 (critical) not met
    write_attestations(project, ATTEST_03.replace("DEMO-03", "DEMO-01"))
    assert check("policies/harbor.yaml", "--attestations", "attestations.yaml").exit_code == 0


@needs_check_integration
def test_an_attestation_without_program_applies_to_every_program(project):
    write_attestations(project, ATTEST_03)
    report = json_report("policies", "--attestations", "attestations.yaml")
    for name in ("Harbor Peer Center", "Lakeside House"):
        assert criterion(report, name, "DEMO-03")["effective_status"] == "met"


@needs_check_integration
def test_an_attestation_naming_a_program_applies_to_that_program_only(project):
    write_attestations(project, ATTEST_03 + "  program: Lakeside House\n")
    report = json_report("policies", "--attestations", "attestations.yaml")
    assert criterion(report, "Lakeside House", "DEMO-03")["effective_status"] == "met"
    assert criterion(report, "Harbor Peer Center", "DEMO-03")["effective_status"] == "not_met"
    assert criterion(report, "Harbor Peer Center", "DEMO-03")["attestation"] is None


@needs_check_integration
def test_a_program_may_be_named_by_its_source_path(project):
    write_attestations(project, ATTEST_03 + "  program: policies/lakeside.yaml\n")
    report = json_report("policies", "--attestations", "attestations.yaml")
    assert criterion(report, "Lakeside House", "DEMO-03")["effective_status"] == "met"
    assert criterion(report, "Harbor Peer Center", "DEMO-03")["effective_status"] == "not_met"


@needs_check_integration
def test_an_attestation_for_one_program_wins_over_one_for_every_program(project):
    specific = ATTEST_03.replace("status: met", "status: not_applicable") + "  program: Lakeside House\n"
    write_attestations(project, ATTEST_03 + specific)
    report = json_report("policies", "--attestations", "attestations.yaml")
    assert criterion(report, "Lakeside House", "DEMO-03")["effective_status"] == "not_applicable"
    assert criterion(report, "Harbor Peer Center", "DEMO-03")["effective_status"] == "met"


# ---------------------------------------------------------------------------------
# Expiry
# ---------------------------------------------------------------------------------


@needs_check_integration
@pytest.mark.parametrize("day, expired", [("2027-04-30", False), ("2027-05-01", False), ("2027-05-02", True)])
def test_an_attestation_holds_through_its_expiry_day_and_lapses_the_day_after(project, monkeypatch, day, expired):
    monkeypatch.setenv("STANDARDS_CHECK_TODAY", day)
    write_attestations(project, ATTEST_03)  # expires: 2027-05-01
    report = json_report("policies/harbor.yaml", "--attestations", "attestations.yaml")
    c = criterion(report, "Harbor Peer Center", "DEMO-03")
    assert c["attestation"]["expired"] is expired  # an expired attestation is still shown
    assert c["effective_status"] == ("not_met" if expired else "met")
    p = program(report, "Harbor Peer Center")
    assert p["score_with_attestations"] == (50.0 if expired else 66.7)


@needs_check_integration
def test_the_today_option_wins_over_the_environment(project):
    write_attestations(project, ATTEST_03)
    report = json_report("policies/harbor.yaml", "--attestations", "attestations.yaml", "--today", "2030-01-01")
    assert criterion(report, "Harbor Peer Center", "DEMO-03")["attestation"]["expired"] is True
    assert report["config"]["today"] == "2030-01-01"


@needs_check_integration
@pytest.mark.parametrize("value, message", [("2026-02-30", "February 2026 has 28 days"), ("tomorrow", "YYYY-MM-DD")])
def test_a_wrong_today_is_an_input_error(project, value, message):
    write_attestations(project, ATTEST_03)
    result = check("policies/harbor.yaml", "--attestations", "attestations.yaml", "--today", value)
    assert result.exit_code == 2
    assert "--today" in result.stderr and message in result.stderr
    assert result.stdout == ""


@needs_check_integration
def test_a_wrong_date_in_the_environment_is_an_input_error(project, monkeypatch):
    monkeypatch.setenv("STANDARDS_CHECK_TODAY", "2026-13-01")
    write_attestations(project, ATTEST_03)
    result = check("policies/harbor.yaml", "--attestations", "attestations.yaml")
    assert result.exit_code == 2
    assert "STANDARDS_CHECK_TODAY" in result.stderr and "no month 13" in result.stderr


# ---------------------------------------------------------------------------------
# Attestations that do not fit the run
# ---------------------------------------------------------------------------------


@needs_check_integration
def test_an_attestation_of_an_unknown_criterion_is_an_input_error_at_its_line(project):
    write_attestations(project, ATTEST_03 + ATTEST_03.replace("DEMO-03", "DEMO-30"))
    result = check("policies/harbor.yaml", "--attestations", "attestations.yaml", "-f", "json", "-o", "report.json")
    assert result.exit_code == 2
    assert "attestations.yaml:10" in result.stderr  # the second attestation starts on line 10
    assert "unknown criterion 'DEMO-30'" in result.stderr and "did you mean 'DEMO-03'?" in result.stderr
    assert not (project / "report.json").exists()  # nothing is written


@needs_check_integration
def test_an_attestation_naming_a_program_not_checked_is_an_input_error_at_its_line(project):
    write_attestations(project, ATTEST_03 + "  program: Harbour Peer Center\n")
    result = check("policies/harbor.yaml", "--attestations", "attestations.yaml")
    assert result.exit_code == 2
    assert "attestations.yaml:3" in result.stderr
    assert "'Harbour Peer Center'" in result.stderr and "did you mean 'Harbor Peer Center'?" in result.stderr


@needs_check_integration
def test_a_program_not_checked_leaves_no_json_report_written_program_by_program(project):
    write_attestations(project, ATTEST_03 + "  program: Harbour Peer Center\n")
    result = check("policies/harbor.yaml", "--attestations", "attestations.yaml", "-f", "json", "-o", "report.json")
    assert result.exit_code == 2
    assert "attestations.yaml:3" in result.stderr
    assert not (project / "report.json").exists()  # nothing is written


@needs_check_integration
def test_a_json_report_written_program_by_program_is_attested_as_the_whole_report_is(project):
    write_attestations(project, ATTEST_03)
    whole = check("policies", "--attestations", "attestations.yaml", "-f", "json")
    check("policies", "--attestations", "attestations.yaml", "-f", "json", "-o", "report.json")
    assert (project / "report.json").read_text(encoding="utf-8") == whole.stdout
    assert criterion(json.loads(whole.stdout), "Harbor Peer Center", "DEMO-03")["effective_status"] == "met"


@needs_check_integration
def test_an_attestation_of_a_criterion_skipped_in_this_run_is_ignored(project):
    write_attestations(project, ATTEST_03)
    result = check("policies/harbor.yaml", "--attestations", "attestations.yaml", "--skip", "DEMO-03", "-f", "json")
    assert result.exit_code == 0, result.output
    ids = [c["id"] for r in json.loads(result.stdout)["programs"][0]["rubrics"] for c in r["criteria"]]
    assert ids == ["DEMO-01", "DEMO-02"]


# ---------------------------------------------------------------------------------
# The file itself: every mistake is named by file, line, column and path
# ---------------------------------------------------------------------------------

BAD_FILES = [
    pytest.param(
        ATTEST_03.replace("justification:", "justfication:"),
        "attestations.yaml:5:5: attestations[0].justfication: unknown key 'justfication' in an attestation "
        "(did you mean 'justification'?)",
        id="unknown key",
    ),
    pytest.param(
        ATTEST_03.replace("  attested_by: Quality Director\n", ""),
        "attestations.yaml:3:5: attestations[0]: missing required key 'attested_by'",
        id="missing attested_by",
    ),
    pytest.param(
        ATTEST_03.replace("status: met", "status: not_met"),
        "attestations.yaml:4:13: attestations[0].status: expected one of met, not_applicable, found 'not_met'",
        id="status not_met",
    ),
    pytest.param(
        ATTEST_03.replace("status: met", "status: mett"),
        "(did you mean 'met'?)",
        id="status misspelt",
    ),
    pytest.param(
        ATTEST_03.replace("date: 2026-05-01", "date: 2026-02-30"),
        "attestations.yaml:8:11: attestations[0].date: 2026-02-30 is not a real date: February 2026 has 28 days",
        id="impossible date",
    ),
    pytest.param(
        ATTEST_03.replace("expires: 2027-05-01", "expires: 2027-13-01"),
        "attestations[0].expires: 2027-13-01 is not a real date: there is no month 13",
        id="impossible month",
    ),
    pytest.param(
        ATTEST_03.replace("date: 2026-05-01", "date: 05/01/2026"),
        "attestations[0].date: expected a date written YYYY-MM-DD",
        id="date not ISO",
    ),
    pytest.param(
        ATTEST_03.replace("expires: 2027-05-01", "expires: 2025-05-01"),
        "attestations[0].expires: expires (2025-05-01) is before the attestation's date (2026-05-01)",
        id="expires before date",
    ),
    pytest.param(
        ATTEST_03.replace("criterion: DEMO-03", "criterion: demo-03"),
        "attestations[0].criterion: expected a criterion ID like AUT-08, found 'demo-03' (did you mean 'DEMO-03'?)",
        id="criterion ID in lower case",
    ),
    pytest.param(
        ATTEST_03.replace("justification: Records", "justification:\n    - Records"),
        "attestations[0].justification: expected text",
        id="justification a list",
    ),
    pytest.param(
        ATTEST_03 + ATTEST_03,
        "attestations.yaml:10:5: attestations[1]: a second attestation of DEMO-03 for every program (the first is at line 3)",
        id="the same attestation twice",
    ),
    pytest.param(
        ATTEST_03.replace("  evidence:", "  status: met\n  evidence:"),
        "attestations.yaml:6:5: attestations[0].status: duplicate key 'status' (first at line 4)",
        id="duplicate YAML key",
    ),
]


@needs_check_integration
@pytest.mark.parametrize("body, message", BAD_FILES)
def test_a_wrong_attestations_file_is_an_input_error_naming_where(project, body, message):
    write_attestations(project, body)
    result = check("policies/harbor.yaml", "--attestations", "attestations.yaml")
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize(
    "text, message",
    [
        ("attestations: []\n", "missing required key 'standards_check'"),
        ("standards_check: 2\nattestations: []\n", "unsupported format version 2"),
        ("standards_check: 1\nattestations:\n  criterion: DEMO-03\n", "attestations: expected a list of attestations"),
        ("standards_check: 1\nattestation: []\n", "unknown key 'attestation' in the top level (did you mean 'attestations'?)"),
        ("- criterion: DEMO-03\n", "expected an attestations file"),
        ("", "the file is empty"),
    ],
)
def test_a_file_that_is_not_an_attestations_file_is_an_input_error(project, text, message):
    (project / "attestations.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_attestations("attestations.yaml")
    assert message in str(caught.value)
    assert str(caught.value).startswith("attestations.yaml")
    if _integrated():
        result = check("policies/harbor.yaml", "--attestations", "attestations.yaml")
        assert result.exit_code == 2 and message in result.stderr


@needs_check_integration
def test_a_missing_attestations_file_is_an_input_error(project):
    result = check("policies/harbor.yaml", "--attestations", "nowhere.yaml")
    assert result.exit_code == 2
    assert "nowhere.yaml: no such file" in result.stderr


# ---------------------------------------------------------------------------------
# The functions, for other callers
# ---------------------------------------------------------------------------------


def test_load_attestations_reads_every_field(project):
    write_attestations(project, ATTEST_03 + "  program: Lakeside House\n" + ATTEST_03.replace("DEMO-03", "DEMO-02"))
    first, second = load_attestations("attestations.yaml")
    assert first.criterion == "DEMO-03" and first.program == "Lakeside House" and first.status == "met"
    assert first.date == "2026-05-01" and first.expires == "2027-05-01" and first.expired is False
    assert (first.source, first.line) == ("attestations.yaml", 3)
    assert second.criterion == "DEMO-02" and second.program is None and second.line == 11


def test_an_empty_list_of_attestations_is_allowed(project):
    (project / "attestations.yaml").write_text("standards_check: 1\nattestations: []\n", encoding="utf-8")
    assert load_attestations("attestations.yaml") == []


def _report_programs() -> list[dict]:
    def c(cid, severity, status):
        return {"id": cid, "severity": severity, "status": status, "effective_status": status, "attestation": None}

    criteria = [c("DEMO-01", "critical", "met"), c("DEMO-02", "major", "not_met"), c("DEMO-03", "minor", "needs_review")]
    return [{"name": "Harbor", "source": "harbor.yaml", "score": 60.0, "score_with_attestations": 60.0, "counts": {},
             "rubrics": [{"id": "demo", "score": 60.0, "score_with_attestations": 60.0, "counts": {}, "criteria": criteria}]}]


def test_apply_attestations_recomputes_scores_and_counts_in_place(project):
    write_attestations(project, ATTEST_03.replace("DEMO-03", "DEMO-02"))
    programs = _report_programs()
    apply_attestations(programs, load_attestations("attestations.yaml"), {"DEMO-01", "DEMO-02", "DEMO-03"}, dt.date(2026, 6, 1))
    p = programs[0]
    assert p["rubrics"][0]["criteria"][1]["effective_status"] == "met"
    assert p["score"] == 60.0 and p["score_with_attestations"] == 100.0  # needs_review is not scored
    assert p["counts"]["met"] == 2 and p["counts"]["needs_review"] == 1 and p["counts"]["not_met"] == 0
    assert p["rubrics"][0]["score_with_attestations"] == 100.0


def test_apply_attestations_refuses_unknown_criteria(project):
    write_attestations(project, ATTEST_03)
    with pytest.raises(InputError) as caught:
        apply_attestations(_report_programs(), load_attestations("attestations.yaml"), {"DEMO-01"}, dt.date(2026, 6, 1))
    assert str(caught.value).startswith("attestations.yaml:3: ")


def test_today_comes_from_the_option_then_the_environment(monkeypatch):
    monkeypatch.setenv("STANDARDS_CHECK_TODAY", "2026-06-01")
    assert today() == dt.date(2026, 6, 1)
    assert today("2024-02-29") == dt.date(2024, 2, 29)
    monkeypatch.delenv("STANDARDS_CHECK_TODAY")
    assert today() == dt.date.today()
    with pytest.raises(ValueError, match="February 2023 has 28 days"):
        parse_date("2023-02-29")
