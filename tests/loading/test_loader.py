"""The loading layer: reading YAML safely, loading policy documents, finding files.

Each rule of the policy format (docs/policy-format.md) has a test here. Every
error must be an InputError naming the file, the line (and column, and the path in
the document where there is one) and what was expected; bad input must be refused
quickly, never with a hang, a crash or another exception.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from standards_check.errors import InputError
from standards_check.loading import yamlsource
from standards_check.loading.discovery import find_policy_files
from standards_check.loading.policy import load_policy, load_policy_text
from standards_check.loading.yamlsource import Location, format_path, parse_yaml
from standards_check.model.document import PolicyDocument

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "policies"

MINIMAL = """\
standards_check: 1
program:
  name: Harbor Peer Recovery Center
policies:
  - id: participation
    title: Taking Part
    text: |
      Taking part is your choice.
"""

POLICY_ENTRY = """\
  - id: participation
    title: Taking Part
    text: |
      Taking part is your choice.
"""


def document(program: str = "  name: Harbor Peer Recovery Center\n", policies: str = POLICY_ENTRY, extra: str = "") -> str:
    """A policy document with the given program and policies sections (indented text)."""
    return f"standards_check: 1\nprogram:\n{program}policies:\n{policies}{extra}"


@contextmanager
def quickly(seconds: float = 2.0):
    """Guards against hangs: the block must finish within ``seconds``."""
    start = time.perf_counter()
    yield
    elapsed = time.perf_counter() - start
    assert elapsed < seconds, f"took {elapsed:.2f}s"


def write(tmp_path: Path, content: str | bytes, name: str = "policy.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def load(tmp_path: Path, content: str | bytes) -> PolicyDocument:
    return load_policy(write(tmp_path, content), display="policy.yaml")


def rejected(tmp_path: Path, content: str | bytes, **limits) -> InputError:
    """Loading ``content`` from a file fails with an InputError naming the file, quickly."""
    path = write(tmp_path, content)
    with quickly(), pytest.raises(InputError) as info:
        load_policy(path, display="policy.yaml", **limits)
    error = info.value
    assert error.file == "policy.yaml"
    assert str(error).startswith("policy.yaml")
    return error


@pytest.fixture(params=["libyaml", "python"])
def parser(request, monkeypatch):
    """Run a test with libyaml's parser and again with PyYAML's pure-Python one."""
    if request.param == "libyaml":
        if not getattr(yaml, "__with_libyaml__", False):
            pytest.skip("PyYAML was built without libyaml")
        monkeypatch.setattr(yamlsource, "_PARSER", yaml.CSafeLoader)
    else:
        monkeypatch.setattr(yamlsource, "_PARSER", yaml.SafeLoader)
    return request.param


def source_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


# =====================================================================================
# The examples
# =====================================================================================


@pytest.mark.parametrize("name", ["harbor-peer-center.yaml", "lakeside-recovery-residence.yaml", "riverside-peer-bridge.yaml"])
def test_every_example_loads(name):
    loaded = load_policy(EXAMPLES / name, display=name)
    assert loaded.source == name
    assert loaded.format_version == 1
    assert loaded.program.name
    assert loaded.policies


def test_the_harbor_example_is_read_as_written():
    loaded = load_policy(EXAMPLES / "harbor-peer-center.yaml", display="harbor-peer-center.yaml")
    program = loaded.program
    assert program.name == "Harbor Peer Recovery Center"
    assert program.organization == "Harbor Community Services"
    assert program.setting == "peer-run"
    assert program.services == ("one-to-one peer support", "recovery groups", "warmline")
    assert program.effective == dt.date(2026, 1, 15)
    assert program.reviewed == dt.date(2026, 6, 1)
    assert program.language == "en"
    first = loaded.policy("participation")
    assert first.title == "Taking Part in Peer Support"
    assert first.ref == "2.1"
    assert first.audience == "participants"
    assert first.line == 12
    assert first.text.startswith("Taking part in peer support at Harbor is always your choice.")
    assert loaded.declarations == {"participation": "voluntary"}
    assert loaded.declaration_lines == {"participation": 108}


@pytest.mark.parametrize("name", ["harbor-peer-center.yaml", "lakeside-recovery-residence.yaml", "riverside-peer-bridge.yaml"])
def test_each_line_of_example_policy_text_maps_to_the_line_it_is_on(name):
    path = EXAMPLES / name
    lines = source_lines(path)
    for policy in load_policy(path).policies:
        assert lines[policy.line - 1].strip() == f"- id: {policy.id}"
        text_lines = policy.text.split("\n")
        assert len(policy.line_numbers) == len(text_lines)
        for text_line, number in zip(text_lines, policy.line_numbers, strict=True):
            if text_line:
                assert lines[number - 1].strip() == text_line


def test_a_quoted_sentence_is_traced_back_to_its_line():
    loaded = load_policy(EXAMPLES / "riverside-peer-bridge.yaml")
    policy = loaded.policy("enrollment")
    offset = policy.text.index("Attendance at weekly peer mentoring sessions is mandatory")
    line = policy.line_at(offset)
    assert (
        "Attendance at weekly peer mentoring sessions is mandatory"
        in source_lines(EXAMPLES / "riverside-peer-bridge.yaml")[line - 1]
    )


# =====================================================================================
# Reading YAML: what the data looks like
# =====================================================================================


def test_every_scalar_stays_the_text_the_author_wrote(parser):
    doc = parse_yaml(
        "a: no\nb: yes\nc: on\nd: off\ne: 1.10\nf: 0o17\ng: 012\nh: 1e3\ni: ~\nj: null\nk: 2026-06-01\n"
        "l: .inf\nm: 0x1F\nn: 1_000\no: true\np:\n",
        "t.yaml",
    )
    assert doc.data == {
        "a": "no", "b": "yes", "c": "on", "d": "off", "e": "1.10", "f": "0o17", "g": "012", "h": "1e3",
        "i": "~", "j": "null", "k": "2026-06-01", "l": ".inf", "m": "0x1F", "n": "1_000", "o": "true", "p": "",
    }  # fmt: skip


def test_keys_like_no_and_yes_stay_text(parser):
    doc = parse_yaml("no: n\nyes: y\n1: one\n1.0: float\non: x\n", "t.yaml")
    assert list(doc.data) == ["no", "yes", "1", "1.0", "on"]


def test_mappings_become_dicts_in_file_order_and_sequences_lists(parser):
    doc = parse_yaml("z: [b, a]\ny: {k: v}\nx:\n  - 1\n  - - 2\n", "t.yaml")
    assert doc.data == {"z": ["b", "a"], "y": {"k": "v"}, "x": ["1", ["2"]]}
    assert list(doc.data) == ["z", "y", "x"]


def test_standard_tags_are_allowed_and_construct_nothing(parser):
    doc = parse_yaml("a: !!str 1\nb: !!int 2\nc: !!bool yes\nd: !!null\ne: !!map {k: v}\nf: !!seq [x]\ng: ! 3\n", "t")
    assert doc.data == {"a": "1", "b": "2", "c": "yes", "d": "", "e": {"k": "v"}, "f": ["x"], "g": "3"}


def test_null_and_style_are_reported_for_loaders_that_need_them(parser):
    doc = parse_yaml("a:\nb: ~\nc: null\nd: ''\ne: !!str\nf: \"x\"\ng: |\n  x\nh: >\n  x\ni: [x]\n", "t")
    assert [doc.is_null((key,)) for key in "abcdefghi"] == [True, True, True, False, False, False, False, False, False]
    assert doc.scalar_style(("a",)) == "plain"
    assert doc.scalar_style(("d",)) == "single-quoted"
    assert doc.scalar_style(("f",)) == "double-quoted"
    assert doc.scalar_style(("g",)) == "literal"
    assert doc.scalar_style(("h",)) == "folded"
    assert doc.scalar_style(("i",)) is None


def test_each_value_and_key_has_its_line_and_column(parser):
    doc = parse_yaml("top:\n  items:\n    - first\n    - name: second\n", "t.yaml")
    assert doc.location(()) == Location(1, 1)
    assert doc.location(("top", "items", 0)) == Location(3, 7)
    assert doc.location(("top", "items", 1, "name")) == Location(4, 13)
    assert doc.key_location(("top", "items", 1, "name")) == Location(4, 7)
    assert doc.key_location(("top", "items")) == Location(2, 3)


def test_a_path_that_names_nothing_falls_back_to_its_nearest_ancestor(parser):
    doc = parse_yaml("top:\n  items: [a]\n", "t.yaml")
    assert doc.location(("top", "missing", 3)) == doc.location(("top",))
    assert doc.location(("top", "items", 7)) == doc.location(("top", "items"))


def test_paths_are_written_like_policies_3_id():
    assert format_path(("policies", 3, "id")) == "policies[3].id"
    assert format_path(("declarations", "a key.with dots")) == 'declarations["a key.with dots"]'
    assert format_path(()) == ""


def test_an_error_carries_file_line_column_and_path():
    doc = parse_yaml("policies:\n  - id: x\n", "p.yaml")
    error = doc.error("expected something", ("policies", 0, "id"))
    assert (error.file, error.line, error.column, error.path) == ("p.yaml", 2, 9, "policies[0].id")
    assert str(error) == "p.yaml:2:9: policies[0].id: expected something"
    assert doc.error("bad key", ("policies", 0, "id"), at_key=True).column == 5


def test_an_alias_gives_the_anchored_value_and_its_place(parser):
    doc = parse_yaml("base: &b\n  setting: community\nother: *b\n", "t.yaml")
    assert doc.data["other"] == {"setting": "community"}
    assert doc.location(("other",)) == Location(3, 8)  # where the alias is used
    assert doc.location(("other", "setting")) == Location(2, 12)  # where the text stands
    assert doc.scalar_style(("other", "setting")) == "plain"


def test_a_utf8_byte_order_mark_is_accepted_without_shifting_columns(parser):
    doc = parse_yaml(b"\xef\xbb\xbfname: caf\xc3\xa9\n", "t.yaml")
    assert doc.data == {"name": "café"}
    assert doc.location(("name",)) == Location(1, 7)


def test_windows_line_endings_are_read(parser):
    doc = parse_yaml(b"a: 1\r\nb: |\r\n  x\r\n  y\r\n", "t.yaml")
    assert doc.data == {"a": "1", "b": "x\ny\n"}
    assert doc.scalar_lines(("b",)) == (3, 4, 5)


def test_a_very_long_line_loads(tmp_path, parser):
    sentence = "Peer support is voluntary. " * 40_000  # about 1 MB on one line
    with quickly():
        loaded = load(tmp_path, document(policies=f"  - id: long\n    title: Long\n    text: {sentence.strip()}\n"))
    assert loaded.policies[0].text == sentence.strip()
    assert loaded.policies[0].line_numbers == (7,)


def test_a_text_given_as_str_or_bytes_loads_the_same():
    assert load_policy_text(MINIMAL, "a.yaml") == load_policy_text(MINIMAL.encode(), "a.yaml")


# =====================================================================================
# Reading YAML: what is refused
# =====================================================================================


def test_an_empty_file_is_refused(tmp_path, parser):
    error = rejected(tmp_path, b"")
    assert error.message == "the file is empty: expected a policy document"


@pytest.mark.parametrize("content", ["\n\n", "# only a comment\n", "---\n", "---\n...\n", "   \n"])
def test_a_file_with_nothing_in_it_is_empty(tmp_path, parser, content):
    assert rejected(tmp_path, content).message == "the file is empty: expected a policy document"


def test_a_file_over_the_size_limit_is_refused_before_parsing(tmp_path):
    big = MINIMAL + "# padding\n" * 520_000  # a little over 5 MB
    path = write(tmp_path, big)
    assert path.stat().st_size > 5_000_000
    with quickly(), pytest.raises(InputError) as info:
        load_policy(path, display="policy.yaml")
    assert "too large" in info.value.message and "5,000,000" in info.value.message
    assert load_policy(path, max_bytes=6_000_000).program.name == "Harbor Peer Recovery Center"


def test_the_size_limit_is_a_parameter(tmp_path):
    error = rejected(tmp_path, MINIMAL, max_bytes=50)
    assert "too large" in error.message
    assert "50" in error.message


@pytest.mark.parametrize(
    ("bom", "name"),
    [(b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"), (b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32")],
)
def test_utf16_and_utf32_are_refused_by_their_byte_order_mark(tmp_path, bom, name):
    encoding = {"UTF-16": "utf-16-le" if bom[0] == 0xFF else "utf-16-be"}.get(name, "utf-32")
    error = rejected(tmp_path, bom + MINIMAL.encode(encoding if name == "UTF-16" else "utf-32-le"))
    assert error.message.startswith("not UTF-8 text")
    assert name in error.message
    assert (error.line, error.column) == (1, 1)


def test_utf16_without_a_byte_order_mark_is_refused_at_its_first_nul(tmp_path):
    error = rejected(tmp_path, MINIMAL.encode("utf-16-le"))
    assert error.message.startswith("not UTF-8 text")
    assert (error.line, error.column) == (1, 2)


def test_a_nul_byte_is_refused_with_its_line_and_column(tmp_path):
    error = rejected(tmp_path, MINIMAL.replace("choice", "cho\x00ice"))
    assert error.message.startswith("not UTF-8 text: a NUL byte")
    assert (error.line, error.column) == (8, 30)


def test_latin1_text_is_refused_at_the_first_bad_byte(tmp_path):
    error = rejected(tmp_path, MINIMAL.replace("Taking Part", "Caf\xe9 Part").encode("latin-1"))
    assert error.message.startswith("not UTF-8 text")
    assert "0xE9" in error.message
    assert (error.line, error.column) == (6, 15)


def test_the_column_of_a_bad_byte_counts_characters_not_bytes(tmp_path):
    error = rejected(tmp_path, "title: é€".encode() + b"\xff\n")
    assert (error.line, error.column) == (1, 10)


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        b"PK\x03\x04" + os.urandom(2000),
        b"\x7fELF\x02\x01\x01" + b"\x00" * 100,
        bytes(range(1, 32)),
    ],
    ids=["png", "zip", "elf", "control-characters"],
)
def test_binary_files_are_refused(tmp_path, content):
    error = rejected(tmp_path, content)
    assert error.message.startswith(("not UTF-8 text", "invalid YAML"))


def test_a_lone_surrogate_in_text_is_refused():
    with pytest.raises(InputError) as info:
        load_policy_text("standards_check: 1\nprogram: {name: \ud800}\n", "t.yaml")
    assert info.value.message.startswith("not UTF-8 text")
    assert info.value.line == 2


def test_a_syntax_error_names_the_line_and_column(tmp_path, parser):
    error = rejected(tmp_path, document(program="  name: [Harbor\n"))
    assert error.message.startswith("invalid YAML: ")
    assert error.line is not None and error.column is not None
    assert 3 <= error.line <= 5


def test_a_tab_used_for_indentation_is_a_syntax_error(tmp_path, parser):
    error = rejected(tmp_path, "standards_check: 1\nprogram:\n\tname: x\n")
    assert error.message.startswith("invalid YAML: ")
    assert error.line == 3


def test_a_duplicate_key_is_refused_naming_the_first(tmp_path, parser):
    error = rejected(tmp_path, document(program="  name: First\n  setting: community\n  name: Second\n"))
    assert error.message == "duplicate key 'name' (first at line 3)"
    assert (error.line, error.column, error.path) == (5, 3, "program.name")


def test_a_duplicate_key_is_refused_anywhere(tmp_path, parser):
    error = rejected(tmp_path, MINIMAL + "declarations:\n  extra: {a: 1, a: 2}\n")
    assert error.message.startswith("duplicate key 'a'")
    assert error.line == 10
    assert error.path == "declarations.extra.a"


def test_keys_that_differ_only_in_how_they_were_written_are_different_text(parser):
    assert parse_yaml("'1': a\n01: b\n", "t").data == {"1": "a", "01": "b"}


def test_the_same_text_quoted_or_not_is_the_same_key(tmp_path, parser):
    assert rejected(tmp_path, "no: 1\n'no': 2\n").message.startswith("duplicate key 'no'")


@pytest.mark.parametrize("content", ["? [a, b]\n: c\n", "? {a: b}\n: c\n", "[a]: b\n", "{a: 1}: b\n"])
def test_a_key_must_be_text(tmp_path, parser, content):
    assert rejected(tmp_path, content).message == "a key must be text, not a mapping or a list"


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object:os.system",
        "!!python/object/apply:os.system",
        "!!python/name:os.system",
        "!!binary",
        "!!set",
        "!!omap",
        "!foo",
        "!<tag:example.com,2000:x>",
    ],
)
def test_only_standard_tags_are_allowed(tmp_path, parser, tag):
    error = rejected(tmp_path, document(program=f"  name: {tag} Harbor\n"))
    assert "is not allowed" in error.message
    assert "!!str" in error.message
    assert (error.line, error.path) == (3, "program.name")


def test_a_python_object_tag_on_a_mapping_is_refused(tmp_path, parser):
    content = "standards_check: 1\nprogram: !!python/object/apply:os.system\n  args: [echo hacked]\n"
    error = rejected(tmp_path, content)
    assert "!!python/object/apply:os.system is not allowed" in error.message


def test_a_collection_tag_on_text_is_refused(tmp_path, parser):
    assert "cannot be used" in rejected(tmp_path, "a: !!map text\n").message


def test_merge_keys_are_refused(tmp_path, parser):
    error = rejected(tmp_path, "base: &b {name: x}\nprogram:\n  <<: *b\n")
    assert error.message.startswith("merge keys ('<<') are not supported")
    assert error.line == 3


def test_more_than_one_document_is_refused(tmp_path, parser):
    error = rejected(tmp_path, MINIMAL + "---\n" + MINIMAL)
    assert error.message == "expected one document in the file, found a second one"
    assert error.line == 9


@pytest.mark.parametrize(
    "nesting",
    ["[" * 10_000 + "]" * 10_000, "{a: " * 10_000 + "}" * 10_000, "- " * 10_000 + "x\n", "[" * 100_000 + "]" * 100_000],
    ids=["flow-lists", "flow-mappings", "block-lists", "100000-deep"],
)
def test_deep_nesting_is_refused_quickly_without_recursion(tmp_path, parser, nesting):
    # PyYAML's C composer would crash the interpreter on the 100,000-deep one.
    with quickly(1.0):
        error = rejected(tmp_path, nesting)
    # libyaml's scanner may refuse very deep flow nesting itself, before our limit
    # is reached; its wording is its own, so only the subject is pinned here.
    assert "nest" in error.message
    assert error.line == 1


def test_nesting_up_to_the_limit_is_fine_and_the_limit_is_a_parameter(parser):
    assert parse_yaml("[" * 64 + "]" * 64, "t").data is not None
    with pytest.raises(InputError, match="more than 64 levels"):
        parse_yaml("[" * 65 + "]" * 65, "t")
    with pytest.raises(InputError, match="more than 3 levels"):
        parse_yaml("a: {b: {c: {d: x}}}", "t", max_depth=3)


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_a_billion_laughs_alias_bomb_is_refused_in_milliseconds(tmp_path, parser):
    with quickly(0.5):
        error = rejected(tmp_path, BILLION_LAUGHS)
    assert "aliases" in error.message  # the first limit it reaches: the text its aliases repeat


def test_aliases_that_expand_to_too_many_values_are_refused(tmp_path, parser):
    bomb = BILLION_LAUGHS.replace('"lol"', '""')  # no text to repeat: only the count of values grows
    error = rejected(tmp_path, bomb)
    assert error.message == "too many values: more than 200,000 once aliases are expanded"


def test_one_long_text_repeated_by_aliases_is_refused_before_it_is_checked(tmp_path, parser):
    text = "You choose your own goals. " * 4000  # 108,000 characters, once in the file
    policies = "".join(f"  - id: p{i}\n    text: *t\n" for i in range(3))
    document = f'standards_check: 1\nprogram: {{name: P}}\nshared: &t "{text}"\npolicies:\n{policies}'
    error = rejected(tmp_path, document)
    assert error.message == "aliases repeat too much text: more than 250,000 characters"
    assert (error.line, error.path) == (10, "policies[2].text")  # the third use: 324,000 characters


def test_a_paragraph_repeated_by_a_few_aliases_is_fine(tmp_path, parser):
    document = "a: &p " + "word " * 1000 + "\nb: [*p, *p, *p, *p, *p]\n"
    assert yamlsource.read_yaml(write(tmp_path, document)).data["b"][4] == ("word " * 1000).strip()


def test_the_number_of_aliases_is_limited(tmp_path, parser):
    many = "a: &a x\nb: [" + ", ".join(["*a"] * 101) + "]\n"
    error = rejected(tmp_path, many)
    assert error.message == "too many aliases: more than 100"
    assert error.path == "b[100]"
    assert parse_yaml("a: &a x\nb: [" + ", ".join(["*a"] * 100) + "]\n", "t").data["b"][99] == "x"


def test_an_alias_must_refer_to_an_anchor_before_it(tmp_path, parser):
    assert rejected(tmp_path, "a: *nowhere\n").message == "the alias *nowhere refers to no anchor &nowhere before it"


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path, parser):
    assert "refers to a value that contains it" in rejected(tmp_path, "a: &a [1, *a]\n").message


@pytest.mark.parametrize(
    "content",
    [
        'key: "value"# comment\n', "key: [a, b]#comment\n", "key: [a,#comment\n  b]\n", "key: >#comment\n  text\n",
        "%YAML 1.1#...\n---\n",  # a document with nothing else: the comment is the error, not the empty file
    ],
)
def test_a_comment_needs_a_space_before_it(tmp_path, parser, content):
    error = rejected(tmp_path, content)
    assert error.message.startswith(("a comment must be separated", "invalid YAML"))
    assert error.line == 1


def test_hashes_inside_values_and_comments_are_fine(parser):
    doc = parse_yaml("a: C#  # a comment about C#\nb: 'x'  # ok#\nc: |\n  issue#3\nd: [x#y]\n", "t")
    assert doc.data == {"a": "C#", "b": "x", "c": "issue#3\n", "d": ["x#y"]}


def test_a_hash_without_a_space_is_found_after_any_number_of_comment_lines(parser):
    comments = "# a comment#with#hashes #and more\n" * 20_000
    assert parse_yaml("a: x  # fine#\n" + comments + "b: y\n", "t").data == {"a": "x", "b": "y"}
    error = pytest.raises(InputError, parse_yaml, comments + 'c: "z"#not a comment\n', "t").value
    assert (error.message.startswith("a comment must be separated"), error.line) == (True, 20_001)


def test_a_quoted_value_over_several_lines_does_not_hide_a_hash_after_it(parser):
    # the second line starts inside the quotes: its " #" is text, and "]#" after it is no comment
    error = pytest.raises(InputError, parse_yaml, 'key: ["a\n  b # c"]#x\n', "t").value
    assert error.message.startswith(("a comment must be separated", "invalid YAML"))
    assert error.line == 2


def test_continuation_lines_of_a_quoted_value_must_be_indented(tmp_path, parser):
    error = rejected(tmp_path, 'program:\n  name: "Harbor\n  Center"\n')
    assert "must be indented" in error.message
    assert error.line == 3


# =====================================================================================
# Reading YAML: the line of each line of text
# =====================================================================================


def lines_of(content: str, key: str = "text") -> tuple[str, tuple[int, ...]]:
    doc = parse_yaml(content, "t.yaml")
    return doc.data[key], doc.scalar_lines((key,))


def test_literal_text_lines_are_exact(parser):
    text, lines = lines_of("title: x\ntext: |\n  one\n  two\n\n  four\n")
    assert text == "one\ntwo\n\nfour\n"
    assert lines == (3, 4, 5, 6, 7)


def test_literal_text_keeps_leading_blank_lines_on_their_lines(parser):
    text, lines = lines_of("text: |-\n\n\n  three\n  four\nnext: x\n")
    assert text == "\n\nthree\nfour"
    assert lines == (2, 3, 4, 5)


def test_literal_text_with_keep_chomping_maps_trailing_blank_lines(parser):
    text, lines = lines_of("text: |+\n  one\n\n\nnext: x\n")
    assert text == "one\n\n\n"
    assert lines == (2, 3, 4, 5)


def test_literal_text_with_an_indentation_indicator(parser):
    text, lines = lines_of("text: |2 # a comment\n    indented first\n  second\n")
    assert text == "  indented first\nsecond\n"
    assert lines == (2, 3, 4)


def test_literal_text_in_a_policy_list(parser):
    doc = parse_yaml(MINIMAL.replace("Taking part is your choice.\n", "Line one.\n      Line two.\n"), "t")
    assert doc.scalar_lines(("policies", 0, "text")) == (8, 9, 10)


def test_folded_text_maps_each_paragraph_to_its_first_line(parser):
    text, lines = lines_of("text: >\n  one\n  continues\n\n  two\n\n\n  three\n    more indented\n  four\n")
    assert text == "one continues\ntwo\n\nthree\n  more indented\nfour\n"
    assert lines == (2, 5, 7, 8, 9, 10, 11)


def test_folded_text_with_an_indentation_indicator(parser):
    text, lines = lines_of("text: >2\n    indented\n  normal\n  joined\n")
    assert text == "  indented\nnormal joined\n"
    assert lines == (2, 3, 5)  # the empty line after the final newline starts after "joined"


def test_plain_text_over_several_lines(parser):
    text, lines = lines_of("text: one\n  continues\n\n  two\n\n\n  three\n")
    assert text == "one continues\ntwo\n\nthree"
    assert lines == (1, 4, 6, 7)


def test_single_quoted_text_over_several_lines(parser):
    text, lines = lines_of("text: 'it''s\n  one\n\n  two'\n")
    assert text == "it's one\ntwo"
    assert lines == (1, 4)


def test_double_quoted_text_with_escaped_newlines(parser):
    text, lines = lines_of('text: "one\\ntwo\\n\\\n  three\n\n  four"\n')
    assert text == "one\ntwo\nthree\nfour"
    assert lines == (1, 1, 2, 4)


def test_a_text_of_one_line_is_on_its_line(parser):
    assert lines_of("a: x\ntext: just one line\n") == ("just one line", (2,))
    assert lines_of("a: x\ntext: |-\n  just one line\n") == ("just one line", (3,))


def test_text_lines_through_an_alias_are_where_the_anchor_is(parser):
    doc = parse_yaml("common: &c |\n  shared\n  words\ntext: *c\n", "t")
    assert doc.scalar_lines(("text",)) == (2, 3, 4)


# =====================================================================================
# Policy documents: the top level
# =====================================================================================


def test_a_minimal_document_loads(tmp_path):
    loaded = load(tmp_path, MINIMAL)
    assert loaded.source == "policy.yaml"
    assert loaded.program.name == "Harbor Peer Recovery Center"
    assert loaded.program.language == "en"
    assert loaded.program.services == ()
    assert [p.id for p in loaded.policies] == ["participation"]
    assert loaded.policies[0].text == "Taking part is your choice.\n"
    assert loaded.policies[0].line == 5
    assert loaded.policies[0].line_numbers == (8, 9)
    assert loaded.declarations == {} and loaded.declaration_lines == {}


def test_source_is_the_path_when_no_display_name_is_given(tmp_path):
    path = write(tmp_path, MINIMAL)
    assert load_policy(path).source == str(path)
    assert load_policy(str(path), display="shown.yaml").source == "shown.yaml"


@pytest.mark.parametrize(("content", "found"), [("- a\n- b\n", "a list"), ("just text\n", "'just text'")])
def test_the_top_level_must_be_a_mapping(tmp_path, content, found):
    error = rejected(tmp_path, content)
    assert error.message == f"not a policy document: expected a mapping with standards_check, program and policies, found {found}"
    assert error.line == 1


def test_the_format_version_is_required(tmp_path):
    error = rejected(tmp_path, MINIMAL.replace("standards_check: 1\n", ""))
    assert error.message.startswith("missing required key 'standards_check'")
    assert "standards_check: 1" in error.message
    assert error.line == 1


def test_another_format_version_names_the_supported_one(tmp_path):
    error = rejected(tmp_path, MINIMAL.replace("standards_check: 1", "standards_check: 2"))
    assert error.message.startswith("unsupported format version 2")
    assert "format version 1" in error.message
    assert (error.line, error.column, error.path) == (1, 18, "standards_check")


@pytest.mark.parametrize("version", ['"1"', "1.0", "one", "~", "[1]", "true", pytest.param("1" * 4301, id="4301-digits")])
def test_the_format_version_must_be_the_integer_1(tmp_path, version):
    error = rejected(tmp_path, MINIMAL.replace("standards_check: 1", f"standards_check: {version}"))
    assert error.message.startswith("expected the format version, the integer 1")
    assert error.path == "standards_check"


def test_a_quoted_format_version_says_to_remove_the_quotes(tmp_path):
    error = rejected(tmp_path, MINIMAL.replace("standards_check: 1", "standards_check: '1'"))
    assert error.message.endswith("found the quoted text '1': remove the quotes")


@pytest.mark.parametrize("key", ["program", "policies"])
def test_program_and_policies_are_required(tmp_path, key):
    content = "standards_check: 1\n" + ("program:\n  name: x\n" if key == "policies" else "policies:\n" + POLICY_ENTRY)
    error = rejected(tmp_path, content)
    assert error.message.startswith(f"missing required key {key!r}")
    assert error.line == 1


def test_an_unknown_top_level_key_suggests_the_closest(tmp_path):
    error = rejected(tmp_path, MINIMAL.replace("program:", "progam:"))
    assert error.message.startswith("unknown key 'progam' in the top level (did you mean 'program'?)")
    assert "standards_check, program, policies, declarations" in error.message
    assert (error.line, error.column, error.path) == (2, 1, "progam")


def test_an_unknown_key_far_from_any_known_one_lists_the_known_ones(tmp_path):
    error = rejected(tmp_path, MINIMAL + "zzz: 1\n")
    assert "did you mean" not in error.message
    assert error.message.endswith("expected one of: standards_check, program, policies, declarations")
    assert error.line == 9


# =====================================================================================
# Policy documents: program
# =====================================================================================

FULL_PROGRAM = """\
  name: Harbor Peer Recovery Center
  organization: Harbor Community Services
  setting: peer-run
  services: [one-to-one peer support, warmline]
  population: Adults in recovery
  effective: 2026-01-15
  reviewed: "2026-06-01"
  language: es-419
"""


def test_every_program_field_is_read(tmp_path):
    program = load(tmp_path, document(program=FULL_PROGRAM)).program
    assert program.organization == "Harbor Community Services"
    assert program.setting == "peer-run"
    assert program.services == ("one-to-one peer support", "warmline")
    assert program.population == "Adults in recovery"
    assert program.effective == dt.date(2026, 1, 15)
    assert program.reviewed == dt.date(2026, 6, 1)
    assert program.language == "es-419"


def test_program_must_be_a_mapping(tmp_path):
    error = rejected(tmp_path, "standards_check: 1\nprogram: Harbor\npolicies:\n" + POLICY_ENTRY)
    assert error.message.startswith("expected a mapping describing the program")
    assert error.message.endswith("found 'Harbor'")
    assert (error.line, error.path) == (2, "program")


def test_program_name_is_required(tmp_path):
    error = rejected(tmp_path, document(program="  setting: peer-run\n"))
    assert error.message.startswith("missing required key 'name'")
    assert (error.line, error.path) == (3, "program")


@pytest.mark.parametrize("value", ["", " ~", " null", ' ""', " '   '"])
def test_program_name_must_not_be_empty(tmp_path, value):
    error = rejected(tmp_path, document(program=f"  name:{value}\n"))
    assert "must not be empty" in error.message
    assert (error.line, error.path) == (3, "program.name")


def test_program_name_must_be_text(tmp_path):
    error = rejected(tmp_path, document(program="  name: [a, b]\n"))
    assert error.message == "expected text (the program's name), found a list"


def test_an_unknown_program_key_suggests_the_closest(tmp_path):
    error = rejected(tmp_path, document(program="  name: x\n  setings: peer-run\n"))
    assert error.message.startswith("unknown key 'setings' in program (did you mean 'setting'?)")
    assert (error.line, error.column, error.path) == (4, 3, "program.setings")


@pytest.mark.parametrize(
    "setting", ["peer-run", "community", "clinical", "inpatient", "residential", "justice", "housing", "other"]
)
def test_every_setting_is_accepted(tmp_path, setting):
    assert load(tmp_path, document(program=f"  name: x\n  setting: {setting}\n")).program.setting == setting


def test_an_unknown_setting_lists_the_settings_and_suggests_one(tmp_path):
    error = rejected(tmp_path, document(program="  name: x\n  setting: peerrun\n"))
    assert error.message.startswith("expected one of peer-run, community, clinical")
    assert error.message.endswith("found 'peerrun' (did you mean 'peer-run'?)")
    assert (error.line, error.column, error.path) == (4, 12, "program.setting")


def test_services_must_be_a_list_of_text(tmp_path):
    error = rejected(tmp_path, document(program="  name: x\n  services: warmline\n"))
    assert error.message.startswith("expected a list of the services offered")
    assert error.path == "program.services"
    error = rejected(tmp_path, document(program="  name: x\n  services: [warmline, '']\n"))
    assert "must not be empty" in error.message
    assert error.path == "program.services[1]"


def test_optional_program_fields_written_as_null_are_not_given(tmp_path):
    program = load(
        tmp_path, document(program="  name: x\n  organization:\n  setting: ~\n  services:\n  effective: null\n  language:\n")
    ).program
    assert (program.organization, program.setting, program.services, program.effective) == (None, None, (), None)
    assert program.language == "en"


def test_dates_are_read_as_dates(tmp_path):
    program = load(tmp_path, document(program="  name: x\n  effective: 2024-02-29\n  reviewed: '2026-12-31'\n")).program
    assert program.effective == dt.date(2024, 2, 29)
    assert program.reviewed == dt.date(2026, 12, 31)


@pytest.mark.parametrize(
    ("date", "reason"),
    [
        ("2024-02-30", "February 2024 has 29 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2026-04-31", "April 2026 has 30 days"),
        ("2026-13-01", "there is no month 13"),
        ("2026-00-10", "there is no month 00"),
        ("2026-01-00", "January 2026 has 31 days"),
        ("0000-01-01", "there is no year 0000"),
    ],
)
def test_an_impossible_date_is_a_clear_error(tmp_path, date, reason):
    error = rejected(tmp_path, document(program=f"  name: x\n  effective: {date}\n"))
    assert error.message == f"{date} is not a real date: {reason}"
    assert (error.line, error.column, error.path) == (4, 14, "program.effective")


@pytest.mark.parametrize("date", ["2026-6-1", "June 1, 2026", "2026-06-01T10:00:00", "2026/06/01", "20260601", "[2026]"])
def test_a_date_must_be_written_yyyy_mm_dd(tmp_path, date):
    error = rejected(tmp_path, document(program=f"  name: x\n  reviewed: {date}\n"))
    assert error.message.startswith("expected a date written YYYY-MM-DD")
    assert error.path == "program.reviewed"


@pytest.mark.parametrize("tag", ["en", "es", "fr-CA", "zh-Hant-TW", "es-419", "no", "sr-Latn"])
def test_plausible_language_tags_are_accepted_as_written(tmp_path, tag):
    assert load(tmp_path, document(program=f"  name: x\n  language: {tag}\n")).program.language == tag


@pytest.mark.parametrize("tag", ["english", "e", "en_US", "en-", "12", "[en]"])
def test_an_implausible_language_tag_is_refused(tmp_path, tag):
    error = rejected(tmp_path, document(program=f"  name: x\n  language: {tag}\n"))
    assert error.message.startswith("expected a BCP 47 language tag such as en, es or fr-CA")
    assert error.path == "program.language"


# =====================================================================================
# Policy documents: policies
# =====================================================================================


def test_every_policy_field_is_read(tmp_path):
    loaded = load(
        tmp_path,
        document(policies="  - id: consent-2\n    title: Consent\n    ref: 1.10\n    audience: staff\n    text: We ask first.\n"),
    )
    policy = loaded.policies[0]
    assert (policy.id, policy.title, policy.ref, policy.audience, policy.text) == (
        "consent-2", "Consent", "1.10", "staff", "We ask first."
    )  # fmt: skip
    assert policy.line == 5
    assert policy.line_numbers == (9,)


@pytest.mark.parametrize(
    ("written", "kept"), [("1.10", "1.10"), ('"2.1"', "2.1"), ("PB-100", "PB-100"), ("007", "007"), ("no", "no")]
)
def test_ref_is_kept_exactly_as_written(tmp_path, written, kept):
    entry = f"  - id: a\n    title: t\n    ref: {written}\n    text: x\n"
    assert load(tmp_path, document(policies=entry)).policies[0].ref == kept


def test_an_id_like_no_or_a_number_stays_text(tmp_path):
    entries = "  - id: no\n    title: t\n    text: x\n  - id: 010\n    title: t\n    text: y\n"
    assert [p.id for p in load(tmp_path, document(policies=entries)).policies] == ["no", "010"]


@pytest.mark.parametrize("value", ["", " []"])
def test_policies_must_not_be_empty(tmp_path, value):
    error = rejected(tmp_path, f"standards_check: 1\nprogram:\n  name: x\npolicies:{value}\n")
    assert error.message.startswith("expected at least one policy")
    assert error.path == "policies"


def test_policies_must_be_a_list(tmp_path):
    error = rejected(tmp_path, document(policies="  id: a\n  title: t\n  text: x\n"))
    assert error.message == "expected a list of policies, found a mapping"
    assert (error.line, error.path) == (5, "policies")


def test_each_policy_must_be_a_mapping(tmp_path):
    error = rejected(tmp_path, document(policies=POLICY_ENTRY + "  - just a sentence\n"))
    assert error.message.startswith("expected a policy: a mapping with id, title and text")
    assert (error.line, error.path) == (9, "policies[1]")


@pytest.mark.parametrize("key", ["id", "title", "text"])
def test_id_title_and_text_are_required(tmp_path, key):
    fields = {"id": "    id: a\n", "title": "    title: t\n", "text": "    text: x\n"}
    del fields[key]
    entry = "  - " + "".join(fields.values())[4:]
    error = rejected(tmp_path, document(policies=entry))
    assert error.message.startswith(f"missing required key {key!r}")
    assert (error.line, error.path) == (5, "policies[0]")


@pytest.mark.parametrize("policy_id", ["Participation", "consent_privacy", "two words", "'é'", "a.b"])
def test_an_id_must_be_lowercase_letters_digits_and_dashes(tmp_path, policy_id):
    error = rejected(tmp_path, document(policies=f"  - id: {policy_id}\n    title: t\n    text: x\n"))
    assert error.message.startswith("expected an id of lowercase letters, digits and '-'")
    assert (error.line, error.column, error.path) == (5, 9, "policies[0].id")


def test_a_duplicate_policy_id_points_at_the_second_and_names_the_first(tmp_path):
    entries = POLICY_ENTRY + "  - id: other\n    title: t\n    text: y\n  - id: participation\n    title: t\n    text: z\n"
    error = rejected(tmp_path, document(policies=entries))
    assert error.message.startswith("duplicate policy id 'participation' (first at line 5)")
    assert (error.line, error.column, error.path) == (12, 9, "policies[2].id")


@pytest.mark.parametrize(
    ("field", "value"), [("title", ""), ("title", " ''"), ("text", ""), ("text", " |\n\n"), ("text", " '   '")]
)
def test_title_and_text_must_not_be_empty(tmp_path, field, value):
    written = {"title": " t", "text": " x", field: value}
    entry = f"  - id: a\n    title:{written['title']}\n    text:{written['text']}\n"
    error = rejected(tmp_path, document(policies=entry))
    assert "must not be empty" in error.message
    assert error.path == f"policies[0].{field}"


def test_text_must_be_text(tmp_path):
    error = rejected(tmp_path, document(policies="  - id: a\n    title: t\n    text:\n      - one\n"))
    assert error.message == "expected text (the policy's own words), found a list"
    assert (error.line, error.path) == (8, "policies[0].text")


def test_an_unknown_policy_key_suggests_the_closest(tmp_path):
    error = rejected(tmp_path, document(policies="  - id: a\n    tittle: t\n    text: x\n"))
    assert error.message.startswith("unknown key 'tittle' in a policy (did you mean 'title'?)")
    assert "id, title, ref, audience, text" in error.message
    assert (error.line, error.column, error.path) == (6, 5, "policies[0].tittle")


def test_an_unknown_audience_is_refused(tmp_path):
    error = rejected(tmp_path, document(policies="  - id: a\n    title: t\n    audience: participant\n    text: x\n"))
    assert error.message == "expected one of participants, staff, all; found 'participant' (did you mean 'participants'?)"
    assert error.path == "policies[0].audience"


def test_the_policy_line_is_the_line_of_its_id(tmp_path):
    entries = "  - title: first\n    id: a\n    text: x\n  -\n    id: b\n    title: second\n    text: y\n"
    assert [p.line for p in load(tmp_path, document(policies=entries)).policies] == [6, 9]


def test_folded_policy_text_maps_to_the_first_line_of_each_paragraph(tmp_path):
    entry = "  - id: a\n    title: t\n    text: >\n      One sentence\n      folded.\n\n      Two.\n"
    policy = load(tmp_path, document(policies=entry)).policies[0]
    assert policy.text == "One sentence folded.\nTwo.\n"
    assert policy.line_numbers == (8, 11, 12)
    assert policy.line_at(policy.text.index("Two")) == 11


# =====================================================================================
# Policy documents: declarations
# =====================================================================================


def test_declarations_are_an_open_mapping_of_text_with_their_lines(tmp_path):
    loaded = load(
        tmp_path, MINIMAL + "declarations:\n  participation: voluntary\n  peer_staff: yes\n  custom:\n    nested: [1, 2]\n"
    )
    assert loaded.declarations == {"participation": "voluntary", "peer_staff": "yes", "custom": {"nested": ["1", "2"]}}
    assert loaded.declaration_lines == {"participation": 10, "peer_staff": 11, "custom": 12}


def test_empty_declarations_are_none_given(tmp_path):
    assert load(tmp_path, MINIMAL + "declarations:\n").declarations == {}


def test_declarations_must_be_a_mapping(tmp_path):
    error = rejected(tmp_path, MINIMAL + "declarations: [voluntary]\n")
    assert error.message.startswith("expected a mapping of declared facts")
    assert (error.line, error.path) == (9, "declarations")


# =====================================================================================
# Files
# =====================================================================================


def test_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as info:
        load_policy(tmp_path / "nope.yaml", display="nope.yaml")
    assert str(info.value) == "nope.yaml: no such file"


def test_a_directory_is_not_a_policy_file(tmp_path):
    with pytest.raises(InputError) as info:
        load_policy(tmp_path, display="dir")
    assert str(info.value) == "dir: is a directory, not a file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_nothing_writes_to_is_an_input_error_not_a_wait_for_ever(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    with quickly(), pytest.raises(InputError) as info:
        load_policy(tmp_path / "pipe.yaml", display="pipe.yaml")
    assert str(info.value) == "pipe.yaml: a named pipe that nothing writes to: expected a file"


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="terminals as files are POSIX")
def test_a_device_with_nothing_to_read_yet_is_an_input_error_not_a_wait_or_a_crash():
    controller, terminal = os.openpty()  # a terminal nobody has typed into (like /proc/kmsg)
    try:
        with quickly(), pytest.raises(InputError) as info:
            load_policy(os.ttyname(terminal), display="tty")
    finally:
        os.close(controller)
        os.close(terminal)
    assert str(info.value) == "tty: cannot read the file: nothing to read yet (is it a device?)"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_read_to_the_end_however_slowly_its_writer_writes(tmp_path):
    import threading

    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    keep = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so that the writer can open now
    writer = os.open(pipe, os.O_WRONLY)

    def write_slowly() -> None:
        time.sleep(0.2)  # the loader is reading by now
        os.write(writer, MINIMAL.encode("utf-8"))
        os.close(writer)

    thread = threading.Thread(target=write_slowly)
    thread.start()
    try:
        document = load_policy(pipe, display="pipe.yaml")  # as with `standards-check check <(...)`
    finally:
        thread.join(5)
        os.close(keep)
    assert document.policies


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a user that permissions apply to")
def test_an_unreadable_file_is_an_input_error(tmp_path):
    path = write(tmp_path, MINIMAL)
    path.chmod(0)
    with pytest.raises(InputError) as info:
        load_policy(path, display="policy.yaml")
    assert "permission denied" in str(info.value)


def test_a_five_megabyte_policy_loads_in_well_under_a_second(tmp_path):
    paragraph = "".join(f"      Sentence {n} of a long policy, written by the agency.\n" for n in range(6))
    entries = "".join(
        f'  - id: policy-{n}\n    title: Policy {n}\n    ref: "{n}.1"\n    audience: all\n    text: |\n{paragraph}'
        for n in range(11_300)
    )
    path = write(tmp_path, document(policies=entries))
    assert 4_500_000 < path.stat().st_size < 5_000_000
    start = time.perf_counter()
    loaded = load_policy(path)
    elapsed = time.perf_counter() - start
    assert len(loaded.policies) == 11_300
    last = loaded.policies[-1]
    assert source_lines(path)[last.line - 1] == "  - id: policy-11299"
    assert last.line_numbers[:6] == tuple(range(last.line + 5, last.line + 11))
    assert elapsed < 2.0  # about 0.4 s with libyaml; generous for slow CI machines


# =====================================================================================
# Finding policy files
# =====================================================================================


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """policies/{b.yaml, a.yml, sub/c.yaml, sub/deeper/d.YAML, notes.txt, .git/x.yaml, .hidden.yaml}."""
    root = tmp_path / "policies"
    for name in ["b.yaml", "a.yml", "sub/c.yaml", "sub/deeper/d.YAML", "notes.txt", ".git/x.yaml", ".hidden.yaml"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(MINIMAL)
    monkeypatch.chdir(tmp_path)
    return root


def test_a_directory_means_every_yaml_file_below_it_in_order(tree):
    found = find_policy_files(["policies"])
    assert [display for _, display in found] == [
        "policies/a.yml",
        "policies/b.yaml",
        "policies/sub/c.yaml",
        "policies/sub/deeper/d.YAML",
    ]
    assert [path for path, _ in found][0] == Path("policies/a.yml")


def test_a_trailing_slash_or_dot_does_not_change_the_names(tree):
    assert [d for _, d in find_policy_files(["policies/"])][0] == "policies/a.yml"
    os.chdir(tree)
    assert [d for _, d in find_policy_files(["."])] == ["a.yml", "b.yaml", "sub/c.yaml", "sub/deeper/d.YAML"]


def test_a_file_is_taken_as_named_whatever_its_extension(tree):
    assert find_policy_files(["policies/notes.txt"]) == [(Path("policies/notes.txt"), "policies/notes.txt")]


def test_the_same_file_named_twice_is_found_once(tree):
    found = find_policy_files(["policies/b.yaml", "policies"])
    assert [d for _, d in found] == ["policies/b.yaml", "policies/a.yml", "policies/sub/c.yaml", "policies/sub/deeper/d.YAML"]


def test_a_path_that_does_not_exist_is_an_input_error(tree):
    with pytest.raises(InputError) as info:
        find_policy_files(["policies", "missing"])
    assert str(info.value) == "missing: no such file or directory"


def test_a_directory_without_policy_files_is_an_input_error(tmp_path):
    (tmp_path / "empty" / ".git").mkdir(parents=True)
    (tmp_path / "empty" / "readme.md").write_text("x")
    with pytest.raises(InputError) as info:
        find_policy_files([str(tmp_path / "empty")])
    assert "no policy files (*.yaml or *.yml)" in str(info.value)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symlink_loop_does_not_hang(tree):
    (tree / "sub" / "loop").symlink_to(tree, target_is_directory=True)
    (tree / "sub" / "deeper" / "back").symlink_to(tree / "sub", target_is_directory=True)
    with quickly():
        found = find_policy_files(["policies"])
    assert len(found) == 4


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_broken_link_is_found_and_then_reported_when_loaded(tree):
    (tree / "gone.yaml").symlink_to(tree / "nowhere.yaml")
    found = dict((d, p) for p, d in find_policy_files(["policies"]))
    with pytest.raises(InputError, match="no such file"):
        load_policy(found["policies/gone.yaml"], display="policies/gone.yaml")


def test_found_files_load_with_their_display_names(tree):
    loaded = [load_policy(path, display=display) for path, display in find_policy_files(["policies"])]
    assert [doc.source for doc in loaded][0] == "policies/a.yml"


# =====================================================================================
# Every message is one line, whatever characters the input holds
# =====================================================================================


def test_a_key_holding_line_breaks_is_named_on_one_line(tmp_path, parser):
    error = rejected(tmp_path, 'standards_check: 1\n"a\\nb\\u2028c": 1\n"a\\nb\\u2028c": 2\n')
    assert str(error) == 'policy.yaml:3:1: ["a\\nb\\u2028c"]: duplicate key \'a\\nb\\u2028c\' (first at line 2)'


@pytest.mark.skipif(os.name != "posix", reason="file names with line breaks")
def test_a_file_name_with_a_line_break_or_a_terminal_escape_is_shown_escaped(tmp_path):
    path = tmp_path / "bad\nname\x1b[31m.yaml"
    path.write_text("- a list\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_policy(path, display=path.name)
    assert str(info.value).startswith("bad\\nname\\x1b[31m.yaml:1:1: not a policy document: expected a mapping")


def test_invisible_and_reordering_characters_are_shown_as_escapes_too(tmp_path, parser):
    error = rejected(tmp_path, 'standards_check: 1\n"a\\u202eb\\u200b": 1\n"a\\u202eb\\u200b": 2\n')
    assert "duplicate key 'a\\u202eb\\u200b'" in str(error) and '["a\\u202eb\\u200b"]' in str(error)


# --------------------------------------------------------------- text a comment would cut

CUT = """\
standards_check: 1
program:
  name: Harbor
policies:
  - id: stop
    title: Stopping
    text: See policy #4 for how you may stop at any time
"""


def test_a_comment_that_cuts_a_plain_text_short_is_an_error_with_the_fix():
    with pytest.raises(InputError) as caught:
        load_policy_text(CUT, "cut.yaml")
    message = str(caught.value)
    assert message.startswith("cut.yaml:7:22: policies[0].text: ' #' starts a YAML comment here")
    assert "short after 'See policy'" in message and "'text: |'" in message


@pytest.mark.parametrize("text", [
    "text: |\n      See policy #4 for how you may stop at any time\n",
    "text: \"See policy #4 for how you may stop at any time\"\n",
    "text: 'See policy #4, which says you may stop at any time' # a comment after quotes cuts nothing\n",
    "text: See policy 4 for how you may stop at any time\n    # a comment on a line of its own\n",
])
def test_text_a_comment_does_not_cut_loads_as_written(text):
    document = load_policy_text(CUT.replace("text: See policy #4 for how you may stop at any time\n", text), "ok.yaml")
    assert "you may stop at any time" in document.policies[0].text


@pytest.mark.parametrize(("written", "hint"), [
    ("outpatient", "(for 'outpatient', use clinical or community)"),  # never "did you mean 'inpatient'?"
    ("Sober Living", "(for 'Sober Living', use residential or housing)"),
    ("inpatent", "(did you mean 'inpatient'?)"),  # a slip of the keys
])
def test_a_setting_in_an_agencys_words_is_answered_with_the_setting_it_means(written, hint):
    with pytest.raises(InputError) as caught:
        load_policy_text(CUT.replace("  name: Harbor\n", f"  name: Harbor\n  setting: {written}\n").replace(
            "text: See policy #4 for how you may stop at any time", "text: You may stop at any time."), "s.yaml")
    assert str(caught.value).endswith(hint)
    assert "did you mean 'inpatient'" not in str(caught.value) or written == "inpatent"


@pytest.mark.parametrize(("text", "line", "words"), [
    ("standards_check: 1\nprogram:\n  name: Harbor\n setting: peer-run\npolicies: []\n", 4, "indented so that it fits no key"),
    ("standards_check: 1\nprogram:\n  name: Harbor\npolicies:\n  - id: a\n    title: A\n    text: |\n      Hi.\n     More.\n", 9,
     "indented so that it fits no key"),
    ("standards_check: 1\nprogram:\n  name: Harbor\npolicies:\n  - id: a\n    title: A\n    text: You may: stop\n", 7, "a ': ' inside a plain value"),
])
def test_a_yaml_mistake_is_said_in_plain_words_at_its_line_with_the_line_as_written(text, line, words):
    with pytest.raises(InputError) as caught:
        load_policy_text(text, "p.yaml")
    error = caught.value
    assert error.line == line and words in error.message
    assert error.message.endswith(f"the line reads {text.splitlines()[line - 1]!r}")
