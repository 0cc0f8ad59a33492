"""Whatever a code evaluator returns, the run goes on: a malformed finding is that
plugin's error for that criterion, naming the field and what was expected, and no
wrong type reaches a report."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from standards_check.model.checks import finding_problems
from standards_check.model.results import Considered, ElementResult, Evidence, Finding, Possible, Status

GOOD = Finding(
    "CO-01", "Test criterion", "minor", Status.MET, "The policy says so.",
    elements=[ElementResult("a", "choice is mentioned", True)],
    evidence=[Evidence("supports", "p", 3, "It is your choice.", element="a", match="choice")],
    considered=[Considered("p", 4, "Not your choice.", "choice", "negated by 'not'", element="a")],
    possible=[Possible("a", "p", 5, "Choose freely.", ("choose",))],
    notes=["a note"],
)

ANYTHING = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
    st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=5)), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2), st.tuples(st.integers()),
    st.builds(object),
)


def test_a_well_formed_finding_has_no_problems():
    assert finding_problems(GOOD, "CO-01") == []


def test_each_problem_names_the_field_and_what_was_expected():
    bad = Finding("CO-02", "t", "minor", "met", "r", evidence=[Evidence("supports", "p", "five", None)], notes=[42])
    problems = finding_problems(bad, "CO-01")
    assert "criterion must be 'CO-01', not 'CO-02'" in problems
    assert "status must be a Status (Status.MET ...), not str 'met'" in problems
    assert "evidence[0].line must be a line number (an int from 1), not str 'five'" in problems
    assert "evidence[0].quote must be text, not NoneType None" in problems
    assert "notes[0] must be text, not int 42" in problems
    assert finding_problems("met", "CO-01") == ["expected a Finding, got str 'met'"]
    assert finding_problems(Finding("CO-01", "t", "minor", Status.MET, "r", evidence=["It is your choice."]), "CO-01") == [
        "evidence[0] must be an Evidence, not str 'It is your choice.'"
    ]


FIELDS = ("criterion", "title", "severity", "status", "rationale", "elements", "evidence", "considered", "notes", "error", "possible")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIELDS), ANYTHING, st.sampled_from(["elements", "evidence", "considered", "possible"]), ANYTHING)
def test_a_finding_with_any_wrong_value_is_refused_or_reports_cleanly(field, value, inner, inner_value):
    import copy
    import dataclasses

    finding = copy.deepcopy(GOOD)
    setattr(finding, field, value)
    records = getattr(finding, inner)
    if isinstance(records, list) and records and hasattr(records[0], "_replace"):
        name = records[0]._fields[0]
        records[0] = records[0]._replace(**{name: inner_value})
    problems = finding_problems(finding, "CO-01")
    if not problems:  # then every part of it reports as JSON of the promised types
        finding.plugin = "test"
        json.dumps(finding.to_dict())
        assert dataclasses.is_dataclass(finding)


def test_a_malformed_finding_is_its_plugins_error_and_the_run_goes_on(tmp_path):
    import textwrap
    from pathlib import Path

    from click.testing import CliRunner

    from standards_check.cli.commands import cli

    harbor = Path(__file__).resolve().parents[2] / "examples" / "policies" / "harbor-peer-center.yaml"
    (tmp_path / "r.yaml").write_text(textwrap.dedent("""\
        rubric_format: 1
        id: coded
        title: Coded rubric
        criteria:
          - id: CO-01
            title: Coded criterion
            severity: minor
            requirement: The policy mentions choice.
            evaluator: sloppy
            elements:
              - id: a
                text: choice is mentioned
                patterns: []
        """), encoding="utf-8")
    (tmp_path / "sloppy.py").write_text(textwrap.dedent(f"""\
        from standards_check.api import Finding, Status, hookimpl

        @hookimpl
        def standards_check_rubrics():
            return [{str(tmp_path / "r.yaml")!r}]

        @hookimpl
        def standards_check_evaluators():
            return {{"sloppy": lambda criterion, context: Finding(
                criterion.id, criterion.title, criterion.severity, Status.MET, "ok", evidence=["It is your choice."])}}
        """), encoding="utf-8")
    for fmt in ("json", "html", "md", "sarif", "junit", "csv", "text"):
        result = CliRunner().invoke(cli, ["check", str(harbor), "-f", fmt, "--plugin", str(tmp_path / "sloppy.py")])
        assert result.exit_code == 1, (fmt, result.output)
    report = json.loads(CliRunner().invoke(cli, ["check", str(harbor), "-f", "json", "--plugin", str(tmp_path / "sloppy.py")]).stdout)
    found = {c["id"]: c for r in report["programs"][0]["rubrics"] for c in r["criteria"]}
    assert found["CO-01"]["status"] == "error"
    assert "evidence[0] must be an Evidence, not str 'It is your choice.'" in found["CO-01"]["error"]
    assert found["AUT-01"]["status"] == "met"


def test_a_met_must_quote_its_evidence_for_each_element_it_states():
    bare = Finding("CO-01", "t", "minor", Status.MET, "r", elements=[ElementResult("a", "choice", True), ElementResult("b", "stop", True)],
                   evidence=[Evidence("supports", "p", 3, "It is your choice.", element="a")])
    assert finding_problems(bare, "CO-01") == [
        "a met finding must quote its evidence: an Evidence of kind 'supports' for element (b)"
    ]
    assert finding_problems(Finding("CO-01", "t", "minor", Status.MET, "r"), "CO-01") == [
        "a met finding must quote its evidence (an Evidence of kind 'supports')"
    ]


def test_an_element_present_by_an_absence_needs_no_quote():
    clean = Finding("MR-01", "t", "major", Status.MET, "No stigmatizing term is used.", elements=[ElementResult("a", "no term", True)])
    assert finding_problems(clean, "MR-01", absences=frozenset({"a"})) == []
    assert finding_problems(clean, "MR-01") != []


def test_absence_in_a_rubric_file_is_true_or_false(tmp_path):
    import pytest

    from standards_check.errors import InputError
    from standards_check.loading.rubric import load_rubric_file

    rubric = tmp_path / "r.yaml"
    base = ("rubric_format: 1\nid: r\ntitle: R\ncriteria:\n  - id: R-01\n    title: T\n    severity: minor\n    requirement: Q.\n"
            "    evaluator: e\n    elements:\n      - id: a\n        text: none of it\n        patterns: []\n        absence: {}\n")
    rubric.write_text(base.format("true"), encoding="utf-8")
    assert load_rubric_file(rubric).criteria[0].elements[0].absence is True
    rubric.write_text(base.format("yes"), encoding="utf-8")
    with pytest.raises(InputError, match="absence: expected true or false, found 'yes'"):
        load_rubric_file(rubric)


def test_a_rubric_file_s_mistakes_are_reported_at_once_each_at_its_line(tmp_path):
    import pytest

    from standards_check.errors import InputError
    from standards_check.loading.rubric import load_rubric_file

    criterion = "  - id: {cid}\n    title: T\n    severity: {severity}\n    requirement: Q.\n    elements:\n      - id: a\n        text: t\n        patterns: [choice]\n"
    rubric = tmp_path / "bad.yaml"
    rubric.write_text("rubric_format: 1\nid: bad\ntitle: Bad\ncriteria:\n"
                      + criterion.format(cid="B-01", severity="huge") + criterion.format(cid="b02", severity="minor")
                      + criterion.format(cid="B-03", severity="minor"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_rubric_file(rubric)
    message = str(caught.value)
    assert message.startswith(f"{rubric}:7:15: criteria[0].severity: expected one of critical, major, minor; 1 more: ")
    assert "line 13: criteria[1].id: expected an ID like AUT-01" in message and "\n" not in message


def test_the_check_fixture_shows_an_evaluator_s_own_traceback(check, tmp_path):
    (tmp_path / "r.yaml").write_text(
        "rubric_format: 1\nid: boom\ntitle: Boom\ncriteria:\n  - id: BO-01\n    title: T\n    severity: minor\n"
        "    requirement: Q.\n    evaluator: boom\n    elements:\n      - id: a\n        text: t\n        patterns: []\n",
        encoding="utf-8",
    )
    (tmp_path / "boom.py").write_text(
        "from standards_check.api import hookimpl\n\n@hookimpl\ndef standards_check_evaluators():\n"
        "    def boom(criterion, context):\n        return 1 / 0\n    return {'boom': boom}\n",
        encoding="utf-8",
    )
    result = check("Anything.", rubric_files=[str(tmp_path / "r.yaml")], plugins=[str(tmp_path / "boom.py")], rubrics=["boom"])
    error = result.finding("BO-01")["error"]
    assert "ZeroDivisionError: division by zero" in error and f'File "{tmp_path / "boom.py"}", line 6' in error


def test_a_fifo_or_a_link_planted_in_the_cache_folder_neither_hangs_nor_is_written_through(tmp_path, monkeypatch):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from standards_check.cache import CACHE_ENV

    cache = tmp_path / "cache"
    harbor = Path(__file__).resolve().parents[2] / "examples" / "policies" / "harbor-peer-center.yaml"
    env = dict(os.environ, **{CACHE_ENV: str(cache)})
    command = [sys.executable, "-m", "standards_check", "check", str(harbor), "-f", "json", "-o", os.devnull]
    subprocess.run(command, env=env, check=False, timeout=120)  # fills the cache
    entries = list(cache.rglob("*.json"))
    assert entries
    for entry in entries:  # every entry a FIFO nobody writes to
        entry.unlink()
        os.mkfifo(entry)
    assert subprocess.run(command, env=env, timeout=120).returncode in (0, 1)  # no hang (it used to wait for ever)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for folder in [p for p in cache.iterdir() if p.is_dir()]:  # each kind's folder a link to elsewhere
        for child in folder.iterdir():
            child.unlink()
        folder.rmdir()
        folder.symlink_to(elsewhere, target_is_directory=True)
    assert subprocess.run(command, env=env, timeout=120).returncode in (0, 1)
    assert list(elsewhere.iterdir()) == []  # nothing written through the link
