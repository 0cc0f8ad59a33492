"""Start-up stays light: a check of one policy imports only what it uses.

Speed is measured by ``benchmarks/run.py``, not by timed tests; this holds the
imports that a run once paid for and must not pay again.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HARBOR = ROOT / "examples" / "policies" / "harbor-peer-center.yaml"

PROBE = """
import json, runpy, sys
sys.argv = ["standards-check", "check", sys.argv[1], "-f", "json"]
try:
    runpy.run_module("standards_check", run_name="__main__")
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""

NOT_FOR_A_JSON_REPORT = {
    "jinja2",  # only the HTML and Markdown reports render templates
    "standards_check.cli.workflow",  # the other commands are defined when one is asked for
}


def imported(tmp_path: Path) -> set[str]:
    env = {"STANDARDS_CHECK_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(HARBOR)],
        capture_output=True, text=True, cwd=ROOT, env=env, check=True,
    )
    assert json.loads(out.stdout)["programs"]  # the report was written
    return set(json.loads(out.stderr))


def test_a_second_run_imports_nothing_a_json_report_does_not_need(tmp_path):
    imported(tmp_path)  # the first run fills the cache
    modules = imported(tmp_path)
    assert "standards_check.builtin.mutual_respect" in modules  # the run did load the rubrics
    assert not {m for m in modules if m.split(".")[0] in NOT_FOR_A_JSON_REPORT or m in NOT_FOR_A_JSON_REPORT}
