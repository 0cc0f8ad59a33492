"""Reading limits: a document whose prose is more than the checker reads is one
clear error for that file, found before the work it would cost.

A valid document can still be degenerate: "1. 1. 1. ..." over 1.5 MB made 500,000
sentences (8 s and 800 MB), and 4.5 MB on one line with no full stop made one
"sentence" of 900,000 words. No real policy comes near either limit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from standards_check.cli.commands import cli
from standards_check.model.document import Policy
from standards_check.text.sentences import MAX_SENTENCE_CHARS, MAX_SENTENCES, ReadingLimit, split_sentences

ROOT = Path(__file__).resolve().parents[2]
HARBOR = ROOT / "examples" / "policies" / "harbor-peer-center.yaml"


def with_policy(tmp_path: Path, text: str, name: str = "big.yaml") -> Path:
    """The Harbor example with one more policy of ``text`` (a single line of YAML)."""
    base = HARBOR.read_text(encoding="utf-8")
    head, declarations = base.split("declarations:\n")
    path = tmp_path / name
    path.write_text(f'{head}  - id: extra\n    title: Extra\n    text: "{text}"\ndeclarations:\n{declarations}', encoding="utf-8")
    return path


def extra_line(path: Path) -> int:
    return path.read_text(encoding="utf-8").splitlines().index("  - id: extra") + 3


def test_a_document_of_more_sentences_than_the_checker_reads_is_an_error_naming_where(tmp_path):
    path = with_policy(tmp_path, "You may decline. " * (MAX_SENTENCES + 1))
    result = CliRunner().invoke(cli, ["check", str(path), "-f", "json"])
    assert result.exit_code == 2
    policies = path.read_text(encoding="utf-8").count("  - id: ")
    assert result.stderr == (
        f"standards-check: error: {path}:{extra_line(path)}: policies[{policies - 1}].text: more than 25,000 "
        "sentences in one document, more than standards-check reads: split it into several documents\n"
    )


def test_a_sentence_longer_than_the_checker_reads_is_an_error_asking_for_full_stops(tmp_path):
    path = with_policy(tmp_path, "you may say no and " * (MAX_SENTENCE_CHARS // 19 + 1))
    result = CliRunner().invoke(cli, ["check", str(path), "-f", "json"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"standards-check: error: {path}:{extra_line(path)}: policies[")
    length = len(("you may say no and " * (MAX_SENTENCE_CHARS // 19 + 1)).strip())
    assert result.stderr.endswith(f"sentence of {length:,} characters starting here, more than the 20,000 "
                                  "standards-check reads: is the text missing its full stops?\n")
    assert "policies[" in result.stderr and "policy '" in result.stderr


def test_in_a_directory_run_the_document_over_the_limit_is_named_like_any_bad_file(tmp_path):
    with_policy(tmp_path, "You may decline. " * (MAX_SENTENCES + 1), name="a-big.yaml")
    (tmp_path / "b-harbor.yaml").write_text(HARBOR.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "-f", "json", "-o", str(out)])
    assert result.exit_code == 2
    assert "a-big.yaml" in result.stderr and "more than 25,000 sentences" in result.stderr


def test_the_limit_counts_the_sentences_of_the_policies_before_this_one():
    policy = Policy("p", "P", "One. Two. Three.", (1,), 1)
    assert len(split_sentences(policy, before=MAX_SENTENCES - 3)) == 3
    with pytest.raises(ReadingLimit) as info:
        split_sentences(policy, before=MAX_SENTENCES - 2)
    assert info.value.line == 1
    assert str(info.value).startswith("more than 25,000 sentences in one document")


def test_a_document_just_within_the_limits_is_checked(tmp_path):
    path = with_policy(tmp_path, "Yes. " * (MAX_SENTENCES - 500))  # the Harbor policies hold the rest
    result = CliRunner().invoke(cli, ["check", str(path), "-f", "json"])
    assert result.exit_code in (0, 1), result.stderr
    assert json.loads(result.stdout)["programs"][0]["source"] == str(path)


@pytest.mark.parametrize(
    "text",
    ["You may decline. " * (MAX_SENTENCES + 1), "you may say no and " * (MAX_SENTENCE_CHARS // 19 + 1)],
    ids=["too-many-sentences", "too-long-a-sentence"],
)
def test_validate_refuses_what_check_would_refuse_with_the_same_message(tmp_path, text):
    path = with_policy(tmp_path, text)
    checked = CliRunner().invoke(cli, ["check", str(path), "-f", "json"])
    validated = CliRunner().invoke(cli, ["validate", str(path)])
    assert (validated.exit_code, checked.exit_code) == (2, 2)
    assert validated.stdout == ""
    assert validated.stderr == checked.stderr


def test_validate_still_passes_a_document_just_within_the_limits(tmp_path):
    path = with_policy(tmp_path, "Yes. " * (MAX_SENTENCES - 500))
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"ok: {path}\n"


def test_finding_the_sentences_without_reading_them_gives_what_split_sentences_reads():
    from standards_check.loading.policy import load_policy
    from standards_check.text.sentences import sentence_texts

    policies = load_policy(HARBOR).policies
    assert len(policies) > 3
    for policy in policies:
        found = list(sentence_texts(policy))
        assert found and found == [(s.line, s.text, s.context) for s in split_sentences(policy)]
