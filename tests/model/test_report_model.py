"""The report a run builds is the record model/report.py describes, key for key and
type for type: every format renders it, and plugin formats are promised it."""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path

from click.testing import CliRunner

from standards_check.cli.commands import cli
from standards_check.model import report as model

ROOT = Path(__file__).resolve().parents[2]

ATTESTATIONS = """\
standards_check: 1
attestations:
  - criterion: AUT-08
    status: met
    justification: Records access is set out in the privacy notice, section 4.
    attested_by: Quality Director
    date: 2026-05-01
    expires: 2027-05-01
"""

BROKEN_PLUGIN = """\
from standards_check.api import hookimpl

@hookimpl
def standards_check_rubrics():
    raise RuntimeError("no rubrics today")
"""


def conforms(value: object, hint: object, where: str) -> list[str]:
    """Where ``value`` is not what ``hint`` (a type of model/report.py) says."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        for option in typing.get_args(hint):
            if not conforms(value, option, where):
                return []
        return [f"{where}: {value!r} is none of {hint}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: not a list"]
        (item,) = typing.get_args(hint)
        return [p for i, v in enumerate(value) for p in conforms(v, item, f"{where}[{i}]")]
    if typing.is_typeddict(hint):
        if not isinstance(value, dict):
            return [f"{where}: not a mapping"]
        hints = typing.get_type_hints(hint, include_extras=True)
        problems = [f"{where}: unexpected key {k!r}" for k in value if k not in hints]
        problems += [f"{where}: missing key {k!r}" for k in hint.__required_keys__ if k not in value]
        return problems + [p for k, v in value.items() if k in hints for p in conforms(v, hints[k], f"{where}.{k}")]
    if hint is type(None):
        return [] if value is None else [f"{where}: {value!r} is not null"]
    if hint is float:
        return [] if isinstance(value, (int, float)) and not isinstance(value, bool) else [f"{where}: {value!r} is not a number"]
    if hint is int:
        return [] if isinstance(value, int) and not isinstance(value, bool) else [f"{where}: {value!r} is not an integer"]
    return [] if isinstance(value, hint) else [f"{where}: {value!r} is not {hint}"]  # type: ignore[arg-type]


def test_a_report_with_attestations_and_a_plugin_problem_is_the_documented_record(tmp_path):
    (tmp_path / "attestations.yaml").write_text(ATTESTATIONS, encoding="utf-8")
    (tmp_path / "broken.py").write_text(BROKEN_PLUGIN, encoding="utf-8")
    result = CliRunner().invoke(cli, [
        "check", str(ROOT / "examples" / "policies"), "-f", "json", "--attestations", str(tmp_path / "attestations.yaml"),
        "--today", "2026-06-01", "--plugin", str(tmp_path / "broken.py"),
    ])
    report = json.loads(result.stdout)
    assert report["plugin_problems"] and report["config"]["today"] == "2026-06-01"
    assert any(c["attestation"] for p in report["programs"] for r in p["rubrics"] for c in r["criteria"])
    assert conforms(report, model.Report, "report") == []


def test_the_check_finds_a_key_the_model_does_not_describe():
    assert conforms({"id": "a", "text": "t", "present": True, "firm": True, "looked_for": [], "extra": 1}, model.Element, "e") == [
        "e: unexpected key 'extra'"
    ]
    assert "e: missing key 'text'" in conforms({"id": "a"}, model.Element, "e")
