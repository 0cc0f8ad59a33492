"""The README's examples run as written: every command of its everyday use, and its
example configuration, in a folder holding the files they name."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from standards_check.cli.commands import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = ROOT / "examples" / "policies"

ATTESTATIONS = """\
standards_check: 1
attestations:
  - criterion: AUT-08
    status: met
    justification: Records access is set out in the privacy notice, section 4.
    attested_by: Quality Director
    date: 2026-05-01
"""


def _section(heading: str) -> str:
    start = README.index(heading)
    return README[start : README.index("\n## ", start + 1) if "\n## " in README[start + 1 :] else len(README)]


def everyday_commands() -> list[str]:
    block = re.search(r"```sh\n(.*?)```", _section("## Everyday use"), flags=re.S)
    assert block
    return [line.split(" # ")[0].strip() for line in block.group(1).splitlines() if line.strip()]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder with every file the README's examples name."""
    import docx

    shutil.copy(EXAMPLES / "harbor-peer-center.yaml", tmp_path / "policy.yaml")
    shutil.copytree(EXAMPLES, tmp_path / "policies")
    (tmp_path / "policies" / "drafts").mkdir()
    shutil.copy(EXAMPLES / "harbor-peer-center.yaml", tmp_path / "policies" / "drafts" / "next.yaml")
    for name in ("handbook.docx", "rules.docx"):
        document = docx.Document()
        document.add_heading("Taking part", level=1)
        document.add_paragraph("Taking part in peer support is always your choice, and you may stop at any time.")
        document.save(tmp_path / name)
    shutil.copy(ROOT / "tests" / "data" / "documents" / "headed.pdf", tmp_path / "rights.pdf")
    (tmp_path / "attestations.yaml").write_text(ATTESTATIONS, encoding="utf-8")
    for name in ("old.json", "new.json"):
        CliRunner().invoke(cli, ["check", str(EXAMPLES / "harbor-peer-center.yaml"), "-f", "json", "-o", str(tmp_path / name)])
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("command", everyday_commands())
def test_every_everyday_command_of_the_readme_runs_as_written(project, command):
    stdin = None
    if command.startswith("cat "):  # `cat policy.yaml | standards-check check -`
        source, command = command[4:].split(" | ", 1)
        stdin = (project / source.strip()).read_text(encoding="utf-8")
    args = shlex.split(command)
    if args[:3] == ["python", "-m", "standards_check"]:
        result = subprocess.run([sys.executable, *args[1:]], cwd=project, capture_output=True, text=True)
        code, err = result.returncode, result.stderr
    else:
        assert args[0] == "standards-check"
        if args[1] == "init":
            (project / args[2]).unlink()  # init and import write new documents; the others use the one there
        if args[1] == "import":
            (project / args[args.index("-o") + 1]).unlink(missing_ok=True)
        ran = CliRunner().invoke(cli, args[1:], input=stdin)
        code, err = ran.exit_code, ran.stderr
    assert code in (0, 1), f"{command}: exit {code}: {err}"


def test_the_readmes_example_configuration_runs_as_written(project):
    block = re.search(r"```yaml\n(.*?)```", _section("### A team's defaults"), flags=re.S)
    assert block
    (project / "standards-check.yaml").write_text(block.group(1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "policies/", "--exclude", "drafts/*"])
    assert result.exit_code in (0, 1), result.stderr
    assert (project / "reports" / "policies.html").exists() and (project / "reports" / "policies.json").exists()
