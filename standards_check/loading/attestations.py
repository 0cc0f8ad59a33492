"""Attestations: a person's judgment on a criterion the checker cannot confirm.

The attestations file (docs/attestations.md) records, per criterion
and optionally per program, that a criterion is ``met`` or ``not_applicable`` on
evidence the policy text does not carry, who says so, when, and until when::

    standards_check: 1
    attestations:
      - criterion: AUT-08
        program: Harbor Peer Recovery Center   # optional: default every program
        status: met                            # met | not_applicable
        justification: Records access is set out in the privacy notice, section 4.
        evidence: privacy-notice-2026.pdf      # optional
        attested_by: Quality Director
        date: 2026-05-01
        expires: 2027-05-01                    # optional

How an attestation is applied to a report (:func:`standards_check.engine.attestations.apply_attestations`):

- The criterion keeps the status the checker found in ``status``; the
  attestation is put beside it (``attestation``) and ``effective_status`` becomes
  the attested status.
- An attestation is valid up to and including its ``expires`` day. From the day
  after, it is *expired*: the criterion keeps the checker's status as its
  effective status, and the report still shows the attestation, with
  ``expired: true``, so the lapse is visible.
- An attestation naming a ``program`` applies to that program only (matched by
  the program's name, or by its source path) and takes precedence over one
  without ``program``, which applies to every program checked.
- Scores and counts are recomputed: ``score`` is the checker's own,
  ``score_with_attestations`` uses the effective statuses (same weights as
  :func:`standards_check.model.results.score`).

"Today" is the date expiry is judged against. It is the computer's date unless
set with ``--today YYYY-MM-DD`` or the environment variable
``STANDARDS_CHECK_TODAY`` (for reproducible reports and tests), see :func:`today`.

Every problem is an :class:`~standards_check.errors.InputError` naming the file,
line, column and path (``attestations[2].status``) and what was expected.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from typing import Any

from standards_check.errors import InputError, suggest
from standards_check.loading.fields import FieldReader, parse_date
from standards_check.loading.policy import check_format_version
from standards_check.loading.yamlsource import Path, read_yaml
from standards_check.model.results import Attestation, Status

__all__ = [
    "ATTESTATION_KEYS",
    "ATTESTED_STATUSES",
    "TODAY_ENV",
    "load_attestations",
    "parse_date",
    "today",
]

TOP_LEVEL_KEYS = ("standards_check", "attestations")
ATTESTATION_KEYS = ("criterion", "program", "status", "justification", "evidence", "attested_by", "date", "expires")
REQUIRED_KEYS = {
    "criterion": "the ID of the criterion attested, e.g. criterion: AUT-08",
    "status": "the attested status: met or not_applicable",
    "justification": "why the criterion is met or does not apply, in a sentence",
    "attested_by": "who attests it (a name or a role)",
    "date": "the day it was attested, written YYYY-MM-DD",
}
ATTESTED_STATUSES = ("met", "not_applicable")
TODAY_ENV = "STANDARDS_CHECK_TODAY"

_EXPECTED = "an attestations file (standards_check: 1 and a list of attestations)"
_CRITERION_ID = r"[A-Z][A-Z0-9]*-[0-9A-Z]+"  # compiled when first used (re keeps it)


# ---------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------


def today(option: str | None = None) -> _dt.date:
    """The date attestations are judged against.

    ``option`` (the value of ``--today``) wins, then the environment variable
    ``STANDARDS_CHECK_TODAY``, then the computer's date. Both must be YYYY-MM-DD.
    """
    if option:
        where, text = "--today", option
    elif os.environ.get(TODAY_ENV, "").strip():
        where, text = TODAY_ENV, os.environ[TODAY_ENV]
    else:
        return _dt.date.today()
    try:
        return parse_date(text)
    except ValueError as exc:
        raise InputError(str(exc), file=where) from None


# ---------------------------------------------------------------------------------
# Reading the file
# ---------------------------------------------------------------------------------


def load_attestations(path: str | os.PathLike[str], *, display: str | None = None) -> list[Attestation]:
    """Read and validate the attestations file at ``path``.

    ``display`` is the name used in errors and in each attestation's ``source``
    (default ``str(path)``). Returns the attestations in file order, none expired
    yet (expiry is judged when they are applied).
    """
    return _Reader(read_yaml(path, display=display, expected=_EXPECTED)).attestations()




class _Reader(FieldReader):
    def attestations(self) -> list[Attestation]:
        doc = self.doc
        top = doc.data
        if not isinstance(top, dict):
            raise doc.error(f"expected {_EXPECTED}, found {self.describe(())}")
        self.check_keys(top, (), TOP_LEVEL_KEYS, "the top level")
        if "standards_check" not in top:
            raise doc.error("missing required key 'standards_check': the format version, standards_check: 1")
        self.version()
        if "attestations" not in top:
            raise doc.error("missing required key 'attestations': the list of attestations")
        path: Path = ("attestations",)
        items = top["attestations"]
        if doc.is_null(path) or items == "":
            return []
        if not isinstance(items, list):
            raise doc.error(f"expected a list of attestations, found {self.describe(path)}", path)
        result = [self.attestation(path + (i,)) for i in range(len(items))]
        self.check_duplicates(result)
        return result

    def version(self) -> None:
        check_format_version(self.doc)

    def attestation(self, path: Path) -> Attestation:
        doc = self.doc
        item = self.value(path)
        if not isinstance(item, dict):
            raise doc.error(
                f"expected an attestation: a mapping with criterion, status, justification, attested_by and date; "
                f"found {self.describe(path)}",
                path,
            )
        self.check_keys(item, path, ATTESTATION_KEYS, "an attestation")
        for key, what in REQUIRED_KEYS.items():
            if key not in item:
                raise doc.error(f"missing required key {key!r}: {what}", path)
        criterion = self.text(path + ("criterion",), "the ID of a criterion")
        if not re.fullmatch(_CRITERION_ID, criterion):
            hint = f" (did you mean {criterion.upper()!r}?)" if re.fullmatch(_CRITERION_ID, criterion.upper()) else ""
            raise doc.error(f"expected a criterion ID like AUT-08, found {criterion!r}{hint}", path + ("criterion",))
        status = self.text(path + ("status",), "met or not_applicable")
        if status not in ATTESTED_STATUSES:
            hint = suggest(status, ATTESTED_STATUSES)
            extra = ""
            if status in {s.value for s in Status}:
                extra = "; an attestation records what a person confirms, so only met or not_applicable can be attested"
            raise doc.error(f"expected one of {', '.join(ATTESTED_STATUSES)}, found {status!r}{hint}{extra}", path + ("status",))
        date = self.date(path + ("date",))
        expires = None
        if self.given(item, path + ("expires",)):
            expires = self.date(path + ("expires",))
            if expires < date:
                raise doc.error(f"expires ({expires.isoformat()}) is before the attestation's date ({date.isoformat()})", path + ("expires",))
        return Attestation(
            criterion=criterion,
            status=status,
            justification=self.text(path + ("justification",), "why the criterion is met or does not apply").strip(),
            attested_by=self.text(path + ("attested_by",), "who attests it").strip(),
            date=date.isoformat(),
            program=self.optional_text(item, path + ("program",)),
            evidence=self.optional_text(item, path + ("evidence",)),
            expires=expires.isoformat() if expires else None,
            expired=False,
            source=doc.source,
            line=doc.location(path).line,
        )

    def check_duplicates(self, items: list[Attestation]) -> None:
        first: dict[tuple[str, str | None], int] = {}
        for index, a in enumerate(items):
            key = (a.criterion, a.program)
            if key in first:
                whom = f"program {a.program!r}" if a.program else "every program"
                raise self.doc.error(
                    f"a second attestation of {a.criterion} for {whom} (the first is at line {first[key]}); keep one",
                    ("attestations", index),
                )
            first[key] = a.line or 0

    # -- helpers ----------------------------------------------------------------
    def optional_text(self, mapping: dict[str, Any], path: Path, *, strip: bool = True) -> str | None:
        text = super().optional_text(mapping, path, strip=strip)
        return text.strip() if text is not None else None

    def date(self, path: Path, example: str = "2026-05-01") -> _dt.date:
        return super().date(path, example)
