"""Typed fields of a parsed YAML document, each refused with a clear, located error.

Policy documents and attestation files are read the same way: a
:class:`FieldReader` wraps a :class:`~standards_check.loading.yamlsource.YamlDocument` and
turns each field into the value the format asks for, or raises an
:class:`~standards_check.errors.InputError` that names the file, line, column, path
and what was expected.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from standards_check.errors import suggest
from standards_check.loading.yamlsource import Path, YamlDocument

_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def parse_date(text: str) -> _dt.date:
    """``YYYY-MM-DD`` to a date; a ``ValueError`` says what is wrong in plain words."""
    match = _DATE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"expected a date written YYYY-MM-DD (like 2026-05-01), found {text!r}")
    year, month, day = (int(part) for part in match.groups())
    if year < 1:
        raise ValueError(f"{text} is not a real date: there is no year 0000")
    if not 1 <= month <= 12:
        raise ValueError(f"{text} is not a real date: there is no month {month:02d}")
    days = 31 if month == 12 else (_dt.date(year, month + 1, 1) - _dt.date(year, month, 1)).days
    if not 1 <= day <= days:
        raise ValueError(f"{text} is not a real date: {_MONTHS[month]} {year} has {days} days")
    return _dt.date(year, month, day)


class FieldReader:
    """Reads the fields of ``doc``; subclasses read one format's structure."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc

    def value(self, path: Path) -> Any:
        return self.doc.value(path)

    def describe(self, path: Path) -> str:
        return self.doc.describe(path)

    def given(self, mapping: dict[str, Any], path: Path) -> bool:
        return self.doc.given(mapping, path)

    def require(self, mapping: dict[str, Any], path: Path, key: str, what: str) -> None:
        if key not in mapping:
            raise self.doc.error(f"missing required key {key!r}: {what}", path)

    def check_keys(self, mapping: dict[str, Any], path: Path, allowed: tuple[str, ...], where: str) -> None:
        for key in mapping:
            if key not in allowed:
                raise self.doc.error(
                    f"unknown key {key!r} in {where}{suggest(key, allowed)}; expected one of: {', '.join(allowed)}",
                    path + (key,),
                    at_key=True,
                )

    def mapping(self, path: Path, what: str) -> dict[str, Any]:
        value = self.value(path)
        if not isinstance(value, dict):
            raise self.doc.error(f"expected {what}, found {self.describe(path)}", path)
        return value

    def text(self, path: Path, what: str) -> str:
        """Required text: a scalar with more than white space in it."""
        value = self.value(path)
        if not isinstance(value, str):
            raise self.doc.error(f"expected text ({what}), found {self.describe(path)}", path)
        if not value.strip() or self.doc.is_null(path):
            raise self.doc.error(f"expected {what}, found nothing: it must not be empty", path)
        return value

    def optional_text(self, mapping: dict[str, Any], path: Path, *, strip: bool = True) -> str | None:
        """Text if given; with ``strip``, blank text counts as not given."""
        if not self.given(mapping, path):
            return None
        value = self.value(path)
        if not isinstance(value, str):
            raise self.doc.error(f"expected text, found {self.describe(path)}", path)
        if strip and not value.strip():
            return None
        return value

    def text_list(self, path: Path, what: str, item: str) -> tuple[str, ...]:
        items = self.value(path)
        if not isinstance(items, list):
            raise self.doc.error(f"expected {what}, found {self.describe(path)}", path)
        return tuple(self.text(path + (index,), f"the name of {item}") for index in range(len(items)))

    def optional_choice(self, mapping: dict[str, Any], path: Path, choices: tuple[str, ...]) -> str | None:
        if not self.given(mapping, path):
            return None
        value = self.value(path)
        if isinstance(value, str) and value in choices:
            return value
        hint = suggest(value, choices) if isinstance(value, str) else ""
        raise self.doc.error(f"expected one of {', '.join(choices)}; found {self.describe(path)}{hint}", path)

    def date(self, path: Path, example: str = "2026-01-15") -> _dt.date:
        value = self.value(path)
        if not isinstance(value, str) or self.doc.is_null(path) or _DATE.fullmatch(value.strip()) is None:
            raise self.doc.error(f"expected a date written YYYY-MM-DD (like {example}), found {self.describe(path)}", path)
        try:
            return parse_date(value)
        except ValueError as exc:
            raise self.doc.error(str(exc), path) from None

    def optional_date(self, mapping: dict[str, Any], path: Path) -> _dt.date | None:
        if not self.given(mapping, path):
            return None
        return self.date(path)
