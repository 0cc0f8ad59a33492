"""Possible evidence instead of silence.

Where no pattern of an element matches, but a sentence holds every one of the
element's key concepts (``concepts`` in the rubric), the finding lists up to three
such sentences as possible evidence for a person to confirm or attest. They never
count: the status is what it would be without them.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rubric_spec import findings

from standards_check.cli.commands import cli
from standards_check.engine.checker import Checker, collect_rubrics
from standards_check.engine.plugins import load_plugins
from standards_check.errors import InputError
from standards_check.loading.rubric import rubric_from_data

# shares "attendance" and "choice" with AUT-01 (a), but states neither that taking part is a choice nor anything else
HINT = "Attendance and choice are both topics we discuss with every new member at orientation."


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(collect_rubrics(load_plugins()))


def test_a_sentence_sharing_a_missing_elements_key_concepts_is_possible_evidence(checker):
    f = findings(checker, HINT)["AUT-01"]
    assert f.status.value == "not_met"
    assert [(p.element, p.quote) for p in f.possible] == [("a", HINT)]
    assert set(f.possible[0].shares) == {"Attendance", "choice"}


def test_possible_evidence_never_changes_a_status(checker):
    alone = findings(checker, "We meet on Tuesdays.")
    hinted = findings(checker, "We meet on Tuesdays.\n" + HINT)
    assert {c: f.status for c, f in alone.items()} == {c: f.status for c, f in hinted.items()}


def test_at_most_three_sentences_per_element_in_document_order(checker):
    text = "\n".join(f"Attendance and choice come up in meeting {i}." for i in range(6))
    possible = findings(checker, text)["AUT-01"].possible
    assert [p.quote for p in possible if p.element == "a"] == [f"Attendance and choice come up in meeting {i}." for i in range(3)]


def test_none_for_an_element_that_is_present(checker):
    f = findings(checker, "Taking part is always your choice.\n" + HINT)["AUT-01"]
    assert [p.element for p in f.possible if p.element == "a"] == []


def test_a_sentence_already_cited_or_set_aside_is_not_repeated_as_possible(checker):
    negated = "Participation is not your choice."
    f = findings(checker, negated)["AUT-01"]
    assert negated not in [p.quote for p in f.possible]


FORMATS = {"json": None, "md": "Possible evidence: confirm or attest", "html": "Possible evidence: confirm or attest",
           "text": "possible (a), confirm or attest", "junit": "Possible evidence for (a)", "sarif": None, "csv": None}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_shows_possible_evidence(tmp_path: Path, fmt: str):
    policy = tmp_path / "p.yaml"
    policy.write_text(
        "standards_check: 1\nprogram:\n  name: Hint House\npolicies:\n  - id: welcome\n    title: Welcome\n"
        f"    text: |\n      {HINT}\n",
        encoding="utf-8",
    )
    out = CliRunner().invoke(cli, ["check", str(policy), "-f", fmt]).stdout
    if fmt == "json":
        c = next(c for r in json.loads(out)["programs"][0]["rubrics"] for c in r["criteria"] if c["id"] == "AUT-01")
        assert c["possible_evidence"] == [{"element": "a", "policy": "welcome", "line": 8, "quote": HINT, "shares": ["Attendance", "choice"]}]
    elif fmt == "sarif":
        result = next(r for r in json.loads(out)["runs"][0]["results"] if r["ruleId"] == "AUT-01")
        related = result["relatedLocations"][0]
        assert related["physicalLocation"]["region"]["startLine"] == 8
        assert "Possible evidence for element (a)" in related["message"]["text"]
    elif fmt == "csv":
        row = next(r for r in csv.DictReader(io.StringIO(out)) if r["criterion"] == "AUT-01")
        assert (row["possible_evidence_count"], row["first_possible_at"], row["first_possible"]) == ("1", "welcome:8", HINT)
    else:
        assert FORMATS[fmt] in out and HINT.split(" at ")[0] in out


def test_a_concept_is_one_token_of_alternatives():
    data = {
        "rubric_format": 1, "id": "x", "title": "X",
        "criteria": [{
            "id": "X-01", "title": "T", "severity": "minor", "requirement": "R",
            "elements": [{"id": "a", "text": "t", "patterns": ["choice"], "concepts": ["free choice"]}],
        }],
    }
    with pytest.raises(InputError, match="one token of alternatives"):
        rubric_from_data(data, "x.yaml")
    data["criteria"][0]["elements"][0]["concepts"] = ["free|choice*", "{person}"]
    assert len(rubric_from_data(data, "x.yaml").criteria[0].elements[0].concepts) == 2
