"""A third party's path, end to end: a fresh virtual environment, the project
installed from its directory as a wheel, a rubric package installed beside it.

These tests build real environments (about a minute); they need the package
registry that ``pip`` is configured with.
"""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_PLUGIN = ROOT / "examples" / "trauma-informed-plugin"
HARBOR = ROOT / "examples" / "policies" / "harbor-peer-center.yaml"

pytestmark = pytest.mark.slow


def _run(*args, cwd=None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd, timeout=600)
    return proc


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """A fresh venv with standards-check installed (non-editable, from a built wheel)."""
    root = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True).create(root)
    py = root / "bin" / "python"
    # build from a copy, so the wheel is made from what would be published
    proc = _run(py, "-m", "pip", "install", "--quiet", f"{ROOT}[test]")
    assert proc.returncode == 0, proc.stderr
    return root


def test_the_installed_project_has_no_top_level_name_but_its_own(env, tmp_path):
    py = env / "bin" / "python"
    # run outside the source tree: its egg-info would answer for the installed one
    proc = _run(py, "-c", "import importlib.metadata as m; print('\\n'.join(f.parts[0] for f in m.files('standards-check')))", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    tops = {t for t in proc.stdout.split() if not t.endswith(".dist-info") and t != ".." and not t.startswith("__")}
    assert tops == {"standards_check"}, tops


def test_the_wheel_carries_plugins_rubrics_and_templates(env, tmp_path):
    sc = env / "bin" / "standards-check"
    plugins = _run(sc, "plugins", cwd=tmp_path)
    assert plugins.returncode == 0, plugins.stdout + plugins.stderr
    for name in ("autonomy", "mutual-respect", "shared-decisions"):
        assert name in plugins.stdout
    out = tmp_path / "report.html"
    check = _run(sc, "check", HARBOR, "-f", "html", "-o", out, "-f", "json", cwd=tmp_path)
    assert check.returncode in (0, 1), check.stderr
    report = json.loads(check.stdout)
    assert len([c for r in report["programs"][0]["rubrics"] for c in r["criteria"]]) == 21
    assert "<html" in out.read_text(encoding="utf-8")


def test_an_example_third_party_package_is_listed_and_checked(env, tmp_path):
    py, sc = env / "bin" / "python", env / "bin" / "standards-check"
    proc = _run(py, "-m", "pip", "install", "--quiet", EXAMPLE_PLUGIN)
    assert proc.returncode == 0, proc.stderr
    plugins = _run(sc, "plugins", cwd=tmp_path)
    assert "trauma-informed" in plugins.stdout and "standards-check-trauma-informed 0.1.0" in plugins.stdout
    check = _run(sc, "check", HARBOR, "-f", "json", "--rubrics", "trauma-informed", cwd=tmp_path)
    report = json.loads(check.stdout)
    ids = [c["id"] for r in report["programs"][0]["rubrics"] for c in r["criteria"]]
    assert ids == [f"TIC-0{i}" for i in range(1, 8)]  # TIC-07 decided by the package's own evaluator
    tests = _run(py, "-m", "pytest", "-q", "-p", "no:cacheprovider", EXAMPLE_PLUGIN / "tests", cwd=tmp_path)
    assert tests.returncode == 0, tests.stdout


def test_a_package_generated_by_new_rubric_installs_and_passes_its_own_tests(env, tmp_path):
    py, sc = env / "bin" / "python", env / "bin" / "standards-check"
    made = _run(sc, "new-rubric", "housing-first", "-d", tmp_path / "pkg", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    proc = _run(py, "-m", "pip", "install", "--quiet", tmp_path / "pkg")
    assert proc.returncode == 0, proc.stderr
    assert "housing-first" in _run(sc, "plugins", cwd=tmp_path).stdout
    check = _run(sc, "check", HARBOR, "-f", "json", "--rubrics", "housing-first", cwd=tmp_path)
    assert json.loads(check.stdout)["programs"][0]["rubrics"][0]["id"] == "housing-first"
    tests = _run(py, "-m", "pytest", "-q", "-p", "no:cacheprovider", tmp_path / "pkg" / "tests", cwd=tmp_path)
    assert tests.returncode == 0, tests.stdout


def test_new_rubric_refuses_a_bad_name():
    from click.testing import CliRunner

    from standards_check.cli.commands import cli

    result = CliRunner().invoke(cli, ["new-rubric", "Bad Name"])
    assert result.exit_code == 2 and "lower case" in result.stderr


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-v"]))
