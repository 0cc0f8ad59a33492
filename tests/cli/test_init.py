"""`standards-check init [PATH]`: a starter policy document that explains itself
and checks cleanly as written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from standards_check.cli.commands import cli
from standards_check.loading.policy import load_policy
from standards_check.loading.yamlsource import read_yaml

AREAS = [
    "participation",
    "goals-and-planning",
    "consent-and-records",
    "choice-and-pathways",
    "peer-relationship",
    "rights",
    "confidentiality",
    "grievances",
    "non-discrimination",
    "setbacks-and-safety",
    "decisions-and-disagreements",
    "participant-voice",
]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_init_writes_policy_yaml_in_the_current_directory(folder):
    result = run("init")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # the message goes to standard error
    assert "wrote policy.yaml" in result.stderr and "standards-check check policy.yaml" in result.stderr
    document = load_policy("policy.yaml")
    assert [p.id for p in document.policies] == AREAS
    assert document.declarations == {"participation": "voluntary"}


def test_init_writes_to_the_path_given(folder):
    (folder / "policies").mkdir()
    assert run("init", "policies/our-program.yaml").exit_code == 0
    assert load_policy("policies/our-program.yaml").program.name == "Example Peer Support Program"
    assert "standards-check check policies/our-program.yaml" in Path("policies/our-program.yaml").read_text(encoding="utf-8")


def test_the_starter_validates(folder):
    run("init", "--name", "Riverbend Peer Center")
    result = run("validate", "policy.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok: policy.yaml\n"
    assert "warning" not in result.stderr  # its declarations are ones the built-in rubrics read


def test_an_untouched_starter_is_marked_as_the_starter_in_every_run(folder):
    run("init")
    for result in (run("validate", "policy.yaml"), run("check", "policy.yaml")):
        warnings = [line for line in result.stderr.splitlines() if "warning" in line]
        assert len(warnings) == 1
        assert "is still called 'Example Peer Support Program': this is the starter document's model wording" in warnings[0]
    report = json.loads(run("check", "policy.yaml", "-f", "json").stdout)
    assert "starter document" in report["programs"][0]["warnings"][0]


def test_the_starter_meets_every_built_in_criterion_as_written(folder):
    run("init")
    result = run("check", "policy.yaml", "-f", "json", "--fail-on", "any")
    report = json.loads(result.stdout)
    criteria = [c for r in report["programs"][0]["rubrics"] for c in r["criteria"]]
    assert len(criteria) == 21
    missed = {c["id"]: (c["status"], c["rationale"]) for c in criteria if c["status"] != "met"}
    assert missed == {}
    assert result.exit_code == 0, result.stderr
    assert report["programs"][0]["score"] == 100.0
    assert report["plugin_problems"] == []


def test_init_refuses_to_overwrite_an_existing_file(folder):
    Path("policy.yaml").write_text("my own policy\n", encoding="utf-8")
    result = run("init")
    assert result.exit_code == 2
    assert "policy.yaml: already exists; use --force to overwrite it" in result.stderr
    assert Path("policy.yaml").read_text(encoding="utf-8") == "my own policy\n"


def test_force_overwrites_an_existing_file(folder):
    Path("policy.yaml").write_text("my own policy\n", encoding="utf-8")
    assert run("init", "--force").exit_code == 0
    assert load_policy("policy.yaml").policies


@pytest.mark.parametrize(
    "path, message",
    [
        ("missing/policy.yaml", "missing/policy.yaml: cannot write the file: the folder does not exist"),
        (".", ".: is a directory"),
    ],
)
def test_init_to_a_path_it_cannot_write_is_an_input_error(folder, path, message):
    result = run("init", path, "--force")
    assert result.exit_code == 2
    assert message in result.stderr


def test_init_dash_prints_the_starter(folder):
    result = run("init", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("# A policy document for standards-check")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("name", ["Harbor: East #2", "yes", "null", "Centre d'entraide « Le Phare »", '"Quoted" Peer Program'])
def test_the_program_name_is_written_so_that_it_reads_back_unchanged(folder, name):
    assert run("init", "--name", name).exit_code == 0
    assert load_policy("policy.yaml").program.name == name


def test_an_empty_name_is_an_input_error(folder):
    result = run("init", "--name", "  ")
    assert result.exit_code == 2 and "--name" in result.stderr
    assert not Path("policy.yaml").exists()


def test_all_policy_text_is_written_as_literal_block_scalars(folder):
    run("init")
    doc = read_yaml("policy.yaml")
    for i, _policy in enumerate(doc.data["policies"]):
        assert doc.scalar_style(("policies", i, "text")) == "literal"


def test_every_field_is_explained_by_a_comment_above_it(folder):
    run("init")
    lines = Path("policy.yaml").read_text(encoding="utf-8").splitlines()
    fields = ["standards_check:", "program:", "policies:", "declarations:"]
    fields += [f"  {key}:" for key in ("name", "organization", "setting", "services", "population", "language")]
    for field in fields:
        index = next(i for i, line in enumerate(lines) if line.startswith(field))
        assert lines[index - 1].lstrip().startswith("#"), field
    text = "\n".join(lines)
    for key in ("effective", "reviewed", "id", "title", "ref", "audience", "text"):
        assert re.search(rf"#\s+{key}\b", text), key


def test_the_starter_is_the_same_every_time(folder):
    run("init")
    first = Path("policy.yaml").read_bytes()
    run("init", "--force")
    assert Path("policy.yaml").read_bytes() == first  # no dates or other changing values


def test_the_starter_conforms_to_the_published_json_schema(folder):
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    run("init")
    schema = json.loads(run("schema").stdout)
    data = yaml.safe_load(Path("policy.yaml").read_text(encoding="utf-8"))
    assert [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)] == []
