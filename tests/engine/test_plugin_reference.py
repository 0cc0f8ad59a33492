"""docs/plugin-reference.md runs as written: its plugin, its rubric file and its
tests are written out as the page shows them, then loaded, checked and run."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from standards_check.cli.commands import cli

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "plugin-reference.md").read_text(encoding="utf-8")
HARBOR = ROOT / "examples" / "policies" / "harbor-peer-center.yaml"


def write_examples(folder: Path) -> dict[str, Path]:
    files = {}
    for block in re.findall(r"```(?:python|yaml)\n(.*?)```", PAGE, flags=re.S):
        first, _, body = block.partition("\n")
        name = re.fullmatch(r"# file: (\S+)", first)
        assert name, f"every example names its file: {first!r}"
        files[name.group(1)] = folder / name.group(1)
        files[name.group(1)].write_text(body, encoding="utf-8")
    return files


def test_the_page_s_plugin_implements_every_hook_and_checks_a_policy(tmp_path):
    files = write_examples(tmp_path)
    plugin = str(files["my_plugin.py"])
    hooks = CliRunner().invoke(cli, ["plugins", "--plugin", plugin]).stdout
    assert "my-plugin" in hooks
    for hook in ("standards_check_rubrics", "standards_check_evaluators", "standards_check_rule_types", "standards_check_report_formats"):
        assert hook in hooks and f"def {hook}" in PAGE
    tally = CliRunner().invoke(cli, ["check", str(HARBOR), "--plugin", plugin, "--rubrics", "my-rubric", "-f", "tally"])
    assert tally.exit_code in (0, 1), tally.stderr
    assert re.fullmatch(r"1 programs: \d+ met, \d+ not met\n", tally.stdout)


def test_the_page_s_tests_pass_with_its_plugin(tmp_path):
    write_examples(tmp_path)
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path / "test_my_plugin.py")],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
