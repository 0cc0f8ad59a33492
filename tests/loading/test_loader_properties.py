"""Properties of the loader over generated input.

Whatever bytes it is given, loading gives a PolicyDocument or an InputError that
names the source, and nothing else: no other exception, no hang. A well-formed
policy document, however its text is written, loads with its text intact and a
source line for every line of text.
"""

from __future__ import annotations

import re
import string
from contextlib import contextmanager

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from standards_check.errors import InputError
from standards_check.loading import yamlsource
from standards_check.loading.policy import load_policy_text
from standards_check.loading.yamlsource import parse_yaml
from standards_check.model.document import PolicyDocument

PARSERS = {"python": yaml.SafeLoader}
if getattr(yaml, "__with_libyaml__", False):
    PARSERS["libyaml"] = yaml.CSafeLoader

FAST = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@contextmanager
def using(parser: str):
    saved = yamlsource._PARSER
    yamlsource._PARSER = PARSERS[parser]
    try:
        yield
    finally:
        yamlsource._PARSER = saved


def load_or_refuse(data: bytes | str) -> PolicyDocument | InputError:
    """The only two outcomes allowed."""
    try:
        return load_policy_text(data, "generated.yaml")
    except InputError as error:
        assert error.file == "generated.yaml"
        assert str(error).startswith("generated.yaml")
        assert error.line is None or error.line >= 1
        assert error.column is None or error.column >= 1
        return error


VALID = """\
standards_check: 1
program:
  name: Harbor Peer Recovery Center
  setting: peer-run
  services: [warmline, groups]
  effective: 2026-01-15
policies:
  - id: participation
    title: Taking Part
    ref: "2.1"
    text: |
      Taking part is your choice.
      You may stop at any time.
  - id: choice
    title: Choice
    text: >
      Many pathways
      to recovery.
declarations:
  participation: voluntary
"""

# Pieces of YAML syntax, put together at random.
FRAGMENTS = [
    "\n", "  ", "    ", "- ", ": ", "? ", "[", "]", "{", "}", ", ", "&a ", "*a", "&b ", "*b", "!!str ", "!!python/object ",
    "!foo ", "! ", "|", "|-", "|+", "|2", ">", ">-", "'", '"', "\\", "\\n", "#", " # c", "---", "...", "\t", "%YAML 1.1\n",
    "%TAG ! tag:x:\n", "<<: ", "~", "null", "no", "yes", "1.10", "0o17", "2024-02-30", "2026-01-15", "é", "\u2028", "\x85",
    "\ufeff", "\r", "standards_check: 1\n", "program:\n", "  name: x\n", "policies:\n", "  - id: a\n", "    title: t\n",
    "    text: ", "declarations:\n", "id", "title", "text", "a", "b", "word ",
]  # fmt: skip


@pytest.mark.parametrize("parser", PARSERS)
@FAST
@given(data=st.binary(max_size=3000))
def test_any_bytes_load_or_are_refused_with_an_input_error(parser, data):
    with using(parser):
        load_or_refuse(data)


@pytest.mark.parametrize("parser", PARSERS)
@FAST
@given(text=st.text(max_size=1000))
def test_any_text_loads_or_is_refused_with_an_input_error(parser, text):
    with using(parser):
        load_or_refuse(text)


@pytest.mark.parametrize("parser", PARSERS)
@FAST
@given(pieces=st.lists(st.sampled_from(FRAGMENTS), max_size=80))
def test_yaml_like_text_loads_or_is_refused_with_an_input_error(parser, pieces):
    with using(parser):
        load_or_refuse("".join(pieces))


@pytest.mark.parametrize("parser", PARSERS)
@FAST
@given(edits=st.lists(st.tuples(st.integers(0, len(VALID)), st.integers(0, 5), st.sampled_from(FRAGMENTS)), max_size=4))
def test_a_damaged_policy_loads_or_is_refused_with_an_input_error(parser, edits):
    text = VALID
    for position, length, replacement in edits:
        text = text[:position] + replacement + text[position + length :]
    with using(parser):
        load_or_refuse(text)


# -- well-formed documents -------------------------------------------------------------

WORDS = st.text(alphabet=string.ascii_letters + string.digits + " .,;:!?'\"#&*-()é€", min_size=1, max_size=40)
LINE = st.lists(WORDS, min_size=0, max_size=6).map(" ".join)
TEXT = (
    st.lists(st.one_of(LINE, st.just(""), LINE.map(lambda line: "  " + line)), min_size=1, max_size=8)
    .map("\n".join)
    .flatmap(lambda body: st.sampled_from([body, body + "\n", body + "\n\n"]))
    .filter(lambda text: text.strip() != "")
)
STYLES = st.sampled_from([None, "'", '"', "|", ">"])
IDS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)


@st.composite
def policy_documents(draw):
    count = draw(st.integers(1, 4))
    ids = draw(st.lists(IDS, min_size=count, max_size=count, unique=True))
    policies = [
        {"id": policy_id, "title": draw(WORDS.filter(str.strip)), "text": draw(TEXT), "ref": draw(WORDS)} for policy_id in ids
    ]
    program = {"name": draw(WORDS.filter(str.strip)), "language": draw(st.sampled_from(["en", "no", "fr-CA"]))}
    return {"standards_check": 1, "program": program, "policies": policies}, draw(STYLES), draw(st.sampled_from([20, 60, 200]))


def dump(document: dict, style: str | None, width: int) -> str:
    """YAML text of ``document``, with every policy text written in ``style``."""
    texts = {policy["text"] for policy in document["policies"]}

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper, value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style if value in texts else None)

    Dumper.add_representer(str, text)
    return yaml.dump(document, Dumper=Dumper, width=width, allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize("parser", PARSERS)
@FAST
@given(generated=policy_documents())
def test_a_well_formed_policy_loads_with_its_text_intact(parser, generated):
    document, style, width = generated
    source = dump(document, style, width)
    with using(parser):
        if parse_yaml(source, "generated.yaml").data["policies"] != document["policies"]:
            return  # PyYAML's emitter does not round-trip every folded text; not the loader's concern
        loaded = load_policy_text(source, "generated.yaml")
    lines = source.split("\n")
    assert [policy.id for policy in loaded.policies] == [policy["id"] for policy in document["policies"]]
    for policy, written in zip(loaded.policies, document["policies"], strict=True):
        assert policy.text == written["text"]
        assert policy.ref == written["ref"]
        assert re.search(r"\bid:", lines[policy.line - 1])
        text_lines = policy.text.split("\n")
        assert len(policy.line_numbers) == len(text_lines)
        assert list(policy.line_numbers) == sorted(policy.line_numbers)
        assert all(1 <= number <= len(lines) for number in policy.line_numbers)
        # Each line of text starts on the line it is mapped to: its first word is there,
        # or (after an escaped line break in double quotes) before the next text line.
        ends = [*policy.line_numbers[1:], policy.line_numbers[-1] + 1]
        for text_line, number, end in zip(text_lines, policy.line_numbers, ends, strict=True):
            words = re.findall(r"[A-Za-z0-9]+", text_line)
            if words:
                assert any(words[0] in line for line in lines[number - 1 : max(end, number)]), (text_line, number, source)
