"""The JSON Schema of the policy format agrees with the examples and the loader.

Editors (through the YAML language server) read policy files as YAML 1.2 and check
them against ``standards_check/schema/policy.schema.json``. So the examples are
typed here the way YAML 1.2's core schema types them (``1`` an integer, ``true`` a
boolean, ``2026-01-15`` a string) before validating.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from standards_check.errors import InputError
from standards_check.loading.policy import POLICY_KEYS, PROGRAM_KEYS, TOP_LEVEL_KEYS, load_policy_text
from standards_check.loading.yamlsource import YamlDocument, parse_yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "standards_check" / "schema" / "policy.schema.json").read_text(encoding="utf-8"))
EXAMPLES = sorted((ROOT / "examples" / "policies").glob("*.yaml"))


def typed(doc: YamlDocument, value: Any = None, path: tuple = ()) -> Any:
    """Plain data typed as YAML 1.2's core schema would type it."""
    value = doc.data if not path else value
    if isinstance(value, dict):
        return {key: typed(doc, item, (*path, key)) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(doc, item, (*path, index)) for index, item in enumerate(value)]
    if doc.scalar_style(path) != "plain":
        return value
    if doc.is_null(path):
        return None
    if value in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return value.lower() == "true"
    if re.fullmatch(r"[-+]?[0-9]+", value):
        return int(value)
    if re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", value):
        return float(value)
    return value


def as_editor_sees(text: str) -> Any:
    doc = parse_yaml(text, "policy.yaml")
    return typed(doc)


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def test_the_schema_is_a_valid_draft_2020_12_schema():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_there_are_examples_to_check():
    assert len(EXAMPLES) == 3


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_every_example_validates(example):
    errors = list(validator().iter_errors(as_editor_sees(example.read_text(encoding="utf-8"))))
    assert errors == []


def test_every_field_the_loader_knows_is_described():
    def described(properties: dict, keys: tuple[str, ...]) -> None:
        assert set(properties) == set(keys)
        for key in keys:
            assert len(properties[key].get("description", "")) > 10, key

    described(SCHEMA["properties"], TOP_LEVEL_KEYS)
    described(SCHEMA["properties"]["program"]["properties"], PROGRAM_KEYS)
    described(SCHEMA["$defs"]["policy"]["properties"], POLICY_KEYS)


MINIMAL = """\
standards_check: 1
program:
  name: Harbor
policies:
  - id: participation
    title: Taking Part
    ref: 1.10
    text: |
      Taking part is your choice.
"""


def test_the_minimal_document_validates_and_loads():
    assert list(validator().iter_errors(as_editor_sees(MINIMAL))) == []
    load_policy_text(MINIMAL, "policy.yaml")


WRONG = {
    "no program": MINIMAL.replace("program:\n  name: Harbor\n", ""),
    "no policies": MINIMAL.split("policies:")[0],
    "format version 2": MINIMAL.replace("standards_check: 1", "standards_check: 2"),
    "an unknown top-level key": MINIMAL + "extra: 1\n",
    "an unknown program key": MINIMAL.replace("  name: Harbor\n", "  name: Harbor\n  nam: x\n"),
    "an unknown policy key": MINIMAL.replace("    title:", "    tittle: x\n    title:"),
    "an empty policy list": MINIMAL.split("policies:")[0] + "policies: []\n",
    "an unknown setting": MINIMAL.replace("  name: Harbor\n", "  name: Harbor\n  setting: hospital\n"),
    "an unknown audience": MINIMAL.replace("    title:", "    audience: everyone\n    title:"),
    "an id with capitals": MINIMAL.replace("id: participation", "id: Participation"),
    "a policy without text": MINIMAL.split("    text:")[0],
    "an empty title": MINIMAL.replace("title: Taking Part", "title: ''"),
    "services as one text": MINIMAL.replace("  name: Harbor\n", "  name: Harbor\n  services: warmline\n"),
    "a date in another form": MINIMAL.replace("  name: Harbor\n", "  name: Harbor\n  effective: 15/01/2026\n"),
    "an impossible date": MINIMAL.replace("  name: Harbor\n", "  name: Harbor\n  effective: 2024-02-30\n"),
    "a language that is not a tag": MINIMAL.replace("  name: Harbor\n", "  name: Harbor\n  language: English\n"),
    "declarations as a list": MINIMAL + "declarations: [voluntary]\n",
}


@pytest.mark.parametrize("text", WRONG.values(), ids=WRONG.keys())
def test_a_wrong_document_fails_the_schema_and_the_loader(text):
    assert list(validator().iter_errors(as_editor_sees(text))) != []
    with pytest.raises(InputError):
        load_policy_text(text, "policy.yaml")
