"""How the field says it: each element and red flag in the shapes real policies use.

``tests/field/*.yaml`` were written by researchers who read many published policies
(peer-run centres, respites, clubhouses, recovery residences, warmlines, county and
hospital rights statements, codes of ethics, court and reentry programs) and wrote,
in their own words, sentences of the shapes they found, without seeing the rules:
for each element sentences that state it (``present``) and near-misses that do not
(``absent``: negated, hedged, about staff, about something else), and for each
criterion sentences that contradict it (``contradicting``) and look-alikes that do
not. Each sentence is judged alone.

``tests/field/known-misses.txt`` lists the sentences the rules do not read yet, one
``CRITERION KEY KIND: text`` a line (a line break written ``\\n``); they are expected to fail (strictly: one that
starts to pass must leave the list).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rubric_spec import findings

from standards_check.engine.checker import Checker, collect_rubrics
from standards_check.engine.plugins import load_plugins

FIELD = Path(__file__).resolve().parents[1] / "field"


def _label(criterion: str, key: str, kind: str, text: str) -> str:
    return f"{criterion} {key} {kind}: " + text.replace("\n", "\\n")


def _known() -> set[str]:
    lines = (FIELD / "known-misses.txt").read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line.strip() and not line.startswith("#")}


def _cases():
    known = _known()
    for path in sorted(FIELD.glob("*.yaml")):
        for criterion, body in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            for key, groups in body.items():
                for kind, texts in groups.items():
                    for text in texts:
                        label = _label(criterion, key, kind, text)
                        marks = [pytest.mark.xfail(reason="a known miss", strict=True)] if label in known else []
                        yield pytest.param(criterion, key, kind, text, id=label[:90], marks=marks)


CASES = list(_cases())


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(collect_rubrics(load_plugins()))


def test_the_field_sets_cover_every_pattern_criterion_and_the_known_misses_exist():
    criteria = {c.values[0] for c in CASES}
    assert criteria == {f"AUT-0{i}" for i in range(1, 9)} | {f"MR-0{i}" for i in range(2, 8)} | {f"SDM-0{i}" for i in range(1, 7)}
    labels = {_label(*c.values) for c in CASES}
    assert _known() <= labels, sorted(_known() - labels)[:3]


@pytest.mark.parametrize("criterion, key, kind, text", CASES)
def test_a_sentence_of_the_field_reads_as_the_researcher_wrote_it(checker, criterion, key, kind, text):
    f = findings(checker, text)[criterion]
    if key == "red_flags":
        flagged = [e.match for e in f.evidence if e.kind == "contradicts"]
        assert bool(flagged) == (kind == "contradicting"), (f.rationale, flagged)
    else:
        element = next(e for e in f.elements if e.id == key)
        stated = element.present and element.firm
        assert stated == (kind == "present"), (f.rationale, [(e.element, e.match, e.hedge) for e in f.evidence])
