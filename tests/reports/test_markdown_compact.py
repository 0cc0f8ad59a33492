"""The Markdown report fits a pull-request comment: the verdict first, each program's
gaps worst first, its met criteria one line each; `--detail` gives every criterion."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from click.testing import CliRunner

from standards_check.cli.commands import cli

ROOT = Path(__file__).resolve().parents[2]
HARBOR = ROOT / "examples" / "policies" / "harbor-peer-center.yaml"
PR_COMMENT = 65_536  # the most characters a pull-request comment takes


def md(*args: str) -> str:
    return CliRunner().invoke(cli, ["check", *args, "-f", "md", "-q"]).stdout


def test_the_verdict_against_the_threshold_and_the_date_come_first():
    passing = md(str(HARBOR), "--today", "2026-06-01")
    assert passing.splitlines()[2] == "**Verdict: \u2705 passes** the team's threshold (fail on critical) \u00b7 assessed 2026-06-01."
    failing = md(str(HARBOR), "--min-score", "95", "--today", "2026-06-01")
    assert failing.splitlines()[2].startswith("**Verdict: \u274c does not pass** the team's threshold (fail on critical, minimum score 95%)")
    assert "Why: Harbor Peer Recovery Center: score 93.2 is below 95." in failing.splitlines()[2]


def test_gaps_come_worst_first_and_met_criteria_are_one_line_each():
    text = md(str(ROOT / "examples" / "policies" / "lakeside-recovery-residence.yaml"))
    gaps = re.findall(r"^#### (\S+ [^:]+): (\S+)", text, flags=re.M)
    assert gaps, text[:500]
    severities = re.findall(r"^\*\*(?:Not met|Partial|Error|Needs review)\*\* \u00b7 severity (\w+)", text, flags=re.M)
    statuses = [status for status, _ in gaps]
    order = {"critical": 0, "major": 1, "minor": 2}
    not_met = [order[s] for (status, _), s in zip(gaps, severities, strict=True) if status.endswith("Not met")]
    assert not_met == sorted(not_met)  # critical, then major, then minor
    assert statuses == sorted(statuses, key=lambda s: ("Not met" not in s, "Partial" in s))
    met_lines = [line for line in text.splitlines() if line.startswith("- \u2705 Met")]
    assert met_lines and all(" \u2014 " in line for line in met_lines)


def test_a_long_policy_fits_a_pull_request_comment_and_detail_gives_everything(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate_corpus import generate

    generate(tmp_path, 1, size=50_000)
    (policy,) = sorted(tmp_path.glob("*.yaml"))
    compact, full = md(str(policy)), md(str(policy), "--detail")
    assert len(compact) < PR_COMMENT < len(full)
    assert "see the full report (`--detail`)" in compact


def test_direction_marks_and_line_separators_are_shown_as_escapes_in_every_report_for_people(tmp_path):
    text = HARBOR.read_text(encoding="utf-8").replace(
        "  name: Harbor Peer Recovery Center\n", '  name: "Harbor\\u200f Peer\\u2028Recovery\\u2029 Center"\n', 1
    )
    policy = tmp_path / "policy.yaml"
    policy.write_text(text, encoding="utf-8")
    for fmt in ("text", "md", "html", "csv"):
        out = CliRunner().invoke(cli, ["check", str(policy), "-f", fmt]).stdout
        assert not any(c in out for c in "\u200f\u2028\u2029"), fmt
        assert "u200f" in out, fmt  # shown as an escape (Markdown makes a line separator a space)


def test_a_formula_behind_a_no_break_or_zero_width_space_is_not_a_formula_in_csv():
    from standards_check.reports.csv_report import safe_cell

    for hidden in ("\u00a0", "\u200b", "\ufeff", " \u00a0"):
        assert safe_cell(hidden + "=HYPERLINK(\"http://x\")").startswith("'")
    assert safe_cell("a=b") == "a=b"


def test_a_report_is_never_written_through_a_symbolic_link_another_user_owns(tmp_path):
    import os

    import pytest

    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("making a link another user owns needs root")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(victim)
    os.lchown(link, 54321, 54321)
    result = CliRunner().invoke(cli, ["check", str(HARBOR), "-f", "json", "-o", str(link)])
    assert result.exit_code == 2
    assert "a symbolic link another user owns" in result.stderr
    assert victim.read_text(encoding="utf-8") == "precious"


def test_temporary_files_a_killed_run_left_behind_are_removed_by_the_next_run(tmp_path):
    import os

    report = tmp_path / "report.json"
    dead = tmp_path / ".report.json.999999999.abc123.tmp"  # no process has this id
    dead.write_text("half a report", encoding="utf-8")
    alive = tmp_path / f".report.json.{os.getpid()}.def456.tmp"  # a run still writing (this one)
    alive.write_text("being written", encoding="utf-8")
    other = tmp_path / ".other.json.999999999.abc.tmp"  # another report's: not this run's business
    other.write_text("x", encoding="utf-8")
    assert CliRunner().invoke(cli, ["check", str(HARBOR), "-f", "json", "-o", str(report)]).exit_code == 0
    assert report.exists() and not dead.exists() and alive.exists() and other.exists()


def test_a_run_s_reports_are_one_unit_a_full_disk_on_the_second_leaves_both_as_they_were(tmp_path, monkeypatch):
    import errno
    import os

    from standards_check.reports import writing

    first, second = tmp_path / "report.json", tmp_path / "report.md"
    first.write_text("old json", encoding="utf-8")
    second.write_text("old md", encoding="utf-8")
    calls = {"n": 0}
    real_fsync = os.fsync

    def fsync(fd):
        calls["n"] += 1
        if calls["n"] == 2:  # the second report's data: the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(writing.os, "fsync", fsync)
    result = CliRunner().invoke(cli, ["check", str(HARBOR), "-f", "json", "-o", str(first), "-f", "md", "-o", str(second)])
    assert result.exit_code == 2
    assert first.read_text(encoding="utf-8") == "old json" and second.read_text(encoding="utf-8") == "old md"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "report.md"]  # no temporary file left
