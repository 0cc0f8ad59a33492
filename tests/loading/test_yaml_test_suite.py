"""Every case of the official YAML test suite, through the safe YAML reader.

The suite (shared/yaml-test-suite: one folder per case with ``in.yaml``, and a file
named ``error`` when a conforming parser must reject the input) lies beside the
repository, at ``../shared``. A case marked as an error must be refused with an
InputError; any other case must either load or be refused with an InputError (the
reader is stricter than YAML: no custom tags, no complex keys, one document) and
never raise anything else. Both libyaml's parser and PyYAML's pure-Python one run
every case.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from standards_check.errors import InputError
from standards_check.loading import yamlsource
from standards_check.loading.policy import load_policy
from standards_check.loading.yamlsource import read_yaml

REPO = Path(__file__).resolve().parents[2]
SUITE = next(
    (path for path in (REPO.parent / "shared" / "yaml-test-suite", REPO / "shared" / "yaml-test-suite") if path.is_dir()),
    None,
)
if SUITE is None:
    pytest.skip("the YAML test suite (../shared/yaml-test-suite) is not beside the repository", allow_module_level=True)

CASES = sorted(path.parent for path in SUITE.rglob("in.yaml"))
MALFORMED = [case for case in CASES if (case / "error").exists()]
WELL_FORMED = [case for case in CASES if not (case / "error").exists()]
PARSERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if getattr(yaml, "__with_libyaml__", False) else [])


def name(case: Path) -> str:
    return case.relative_to(SUITE).as_posix()


@pytest.fixture(params=PARSERS, ids=lambda parser: "libyaml" if parser is not yaml.SafeLoader else "python")
def parser(request, monkeypatch):
    monkeypatch.setattr(yamlsource, "_PARSER", request.param)


def test_the_suite_is_all_there():
    assert len(CASES) > 300
    assert len(MALFORMED) > 80


def lines_in(case: Path) -> int:
    return (case / "in.yaml").read_bytes().count(b"\n") + 1


@pytest.mark.parametrize("case", MALFORMED, ids=name)
def test_a_malformed_document_is_refused_with_an_input_error(case, parser):
    with pytest.raises(InputError) as info:
        read_yaml(case / "in.yaml", display=name(case))
    error = info.value
    assert error.file == name(case)
    assert error.line is None or 1 <= error.line <= lines_in(case)
    with pytest.raises(InputError):
        load_policy(case / "in.yaml", display=name(case))


def walk(value, path=()):
    """Every path in plain data (aliases are followed: the suite's are small)."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, (*path, index))


@pytest.mark.parametrize("case", WELL_FORMED, ids=name)
def test_a_well_formed_document_loads_or_is_refused_cleanly(case, parser):
    try:
        doc = read_yaml(case / "in.yaml", display=name(case))
    except InputError as error:
        assert error.file == name(case)
        assert error.line is None or 1 <= error.line <= lines_in(case)
    else:
        # Every value has a place in the file, and every text its lines.
        for path, value in walk(doc.data):
            line, column = doc.location(path)
            assert 1 <= line <= lines_in(case) and column >= 1
            if isinstance(value, str):
                lines = doc.scalar_lines(path)
                assert len(lines) == len(value.split("\n"))
                assert list(lines) == sorted(lines)
                assert all(1 <= number <= lines_in(case) for number in lines)
    try:
        load_policy(case / "in.yaml", display=name(case))
    except InputError as error:
        assert error.file == name(case)
