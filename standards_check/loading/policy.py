"""Load a policy document (format version 1) into :class:`~standards_check.model.document.PolicyDocument`.

The rules are those of the policy format (``docs/policy-format.md``
in the shared specification). Every problem is an :class:`InputError` naming the file,
the line and column, the path in the document and what was expected. Reading the
YAML itself (size limit, UTF-8, safe parsing, duplicate keys, depth and alias
limits) is :mod:`standards_check.loading.yamlsource`'s work; this module gives the values
their meaning.

Values a policy author might write as null (``organization:``, ``organization: ~``)
count as not given for the optional fields; required fields must have text.
"""

from __future__ import annotations

import os
import re
from types import MappingProxyType
from typing import Any

from standards_check.errors import InputError, NotAPolicy
from standards_check.loading.fields import FieldReader
from standards_check.loading.yamlsource import DEFAULT_MAX_BYTES, Path, YamlDocument, format_path, parse_yaml, read_yaml
from standards_check.model.document import AUDIENCES, SETTINGS, Policy, PolicyDocument, Program

__all__ = [
    "FORMAT_VERSION",
    "POLICY_KEYS",
    "PROGRAM_KEYS",
    "TOP_LEVEL_KEYS",
    "load_policy",
    "load_policy_text",
]

FORMAT_VERSION = 1
TOP_LEVEL_KEYS = ("standards_check", "program", "policies", "declarations")
PROGRAM_KEYS = ("name", "organization", "setting", "services", "population", "effective", "reviewed", "language")
POLICY_KEYS = ("id", "title", "ref", "audience", "text")

_EXPECTED = "a policy document"
_ID = re.compile(r"[a-z0-9-]+")
_INTEGER = re.compile(r"[0-9]{1,18}")  # a format version; longer is no number we read (nor one int() takes)
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# words agencies use for their setting, and the setting each means
_SETTING_WORDS = {
    "outpatient": "clinical or community", "out patient": "clinical or community", "clinic": "clinical",
    "hospital": "inpatient", "psychiatric hospital": "inpatient", "crisis unit": "inpatient",
    "drop in": "peer-run or community", "drop in center": "peer-run or community", "peer run center": "peer-run",
    "consumer run": "peer-run", "consumer operated": "peer-run", "clubhouse": "peer-run or community",
    "sober living": "residential or housing", "recovery residence": "residential or housing", "halfway house": "residential",
    "group home": "residential", "respite": "residential or peer-run", "shelter": "housing",
    "jail": "justice", "prison": "justice", "court": "justice", "drug court": "justice", "reentry": "justice", "re entry": "justice",
    "warmline": "peer-run or community", "online": "other", "virtual": "other", "school": "other", "college": "other",
}
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def load_policy(
    path: str | os.PathLike[str], *, display: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> PolicyDocument:
    """Load the policy document at ``path``.

    ``display`` is the name used in errors and in :attr:`PolicyDocument.source`
    (default: ``str(path)``). A missing or unreadable file, a directory, a file over
    ``max_bytes`` and every breach of the format are :class:`InputError`.

    A Word, PDF, Markdown, web page or text file is imported on the way, one policy
    per section (see :mod:`standards_check.loading.documents.policy`); its
    :attr:`PolicyDocument.places` say where each line of text came from.
    """
    from standards_check.loading.documents.policy import is_document

    if is_document(path):
        return _imported(path, display or os.fspath(path))
    return _PolicyReader(read_yaml(path, display=display, max_bytes=max_bytes, expected=_EXPECTED)).document()


def _imported(path: str | os.PathLike[str], source: str) -> PolicyDocument:
    from standards_check.loading.documents.policy import policy_yaml, read_document

    text, places = policy_yaml([read_document(path, display=source)])
    return load_policy_text(text, source)._replace(places=MappingProxyType(places))


def load_policy_text(data: bytes | str, source: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> PolicyDocument:
    """Load a policy document from its bytes (or text); ``source`` names it in errors."""
    return _PolicyReader(parse_yaml(data, source, max_bytes=max_bytes, expected=_EXPECTED)).document()


class _PolicyReader(FieldReader):
    """Checks and converts one parsed document; every method raises InputError."""

    def uncut_text(self, path: Path, what: str) -> str:
        """Required text that no comment cut short: in a plain one-line value, " #" starts a
        YAML comment, so ``text: See policy #4 for how to stop`` would read "See policy"."""
        value = self.text(path, what)
        cut = self.doc.comment_after(path)
        if cut is not None:
            raise InputError(
                f"' #' starts a YAML comment here and cuts {what} short after {value.strip()[-30:]!r}; "
                "write the text as a block scalar: 'text: |', then the text indented on the lines below",
                file=self.doc.source, line=cut.line, column=cut.column, path=format_path(path),
            )
        return value

    def setting(self, program: dict[str, Any], path: Path) -> str | None:
        """The program's setting; a word agencies use for one is answered with the
        setting it means, never with one spelled alike ("outpatient" is not "inpatient")."""
        value = self.value(path) if self.given(program, path) else None
        if isinstance(value, str) and value not in SETTINGS:
            meant = _SETTING_WORDS.get(re.sub(r"[^a-z]+", " ", value.lower()).strip())
            if meant is not None:
                raise self.doc.error(f"expected one of {', '.join(SETTINGS)}; found {self.describe(path)} (for {value!r}, use {meant})", path)
        return self.optional_choice(program, path, SETTINGS)

    # -- the document -----------------------------------------------------------
    def document(self) -> PolicyDocument:
        doc = self.doc
        top = doc.data
        if not isinstance(top, dict) or not any(key in top for key in TOP_LEVEL_KEYS):
            # a docker-compose.yml or a CI file beside the policies
            found = "none of its keys" if isinstance(top, dict) else self.describe(())
            raise NotAPolicy(f"not a policy document: expected a mapping with standards_check, program and policies, found {found}",
                             file=doc.source, line=1, column=1)
        self.check_keys(top, (), TOP_LEVEL_KEYS, "the top level")
        self.require(top, (), "standards_check", "the format version: standards_check: 1")
        self.version()
        self.require(top, (), "program", "a mapping describing the program, with at least its name")
        self.require(top, (), "policies", "the list of written policies")
        program = self.program()
        policies = self.policies()
        declarations, declaration_lines = self.declarations()
        return PolicyDocument(
            source=doc.source,
            program=program,
            policies=policies,
            declarations=declarations,
            declaration_lines=declaration_lines,
            format_version=FORMAT_VERSION,
        )

    def version(self) -> None:
        check_format_version(self.doc)

    def program(self) -> Program:
        path: Path = ("program",)
        program = self.mapping(path, "a mapping describing the program (name, setting, services, ...)")
        self.check_keys(program, path, PROGRAM_KEYS, "program")
        self.require(program, path, "name", "the program's name")
        services: tuple[str, ...] = ()
        if self.given(program, path + ("services",)):
            services = self.text_list(path + ("services",), "a list of the services offered, e.g. [warmline]", "a service")
        return Program(
            name=self.text(path + ("name",), "the program's name"),
            organization=self.optional_text(program, path + ("organization",)),
            setting=self.setting(program, path + ("setting",)),
            services=services,
            population=self.optional_text(program, path + ("population",)),
            effective=self.optional_date(program, path + ("effective",)),
            reviewed=self.optional_date(program, path + ("reviewed",)),
            language=self.language(program, path + ("language",)),
        )

    def policies(self) -> tuple[Policy, ...]:
        path: Path = ("policies",)
        items = self.doc.data["policies"]
        if self.doc.is_null(path) or items == []:
            raise self.doc.error("expected at least one policy (a list of id, title and text)", path)
        if not isinstance(items, list):
            raise self.doc.error(f"expected a list of policies, found {self.describe(path)}", path)
        first_line: dict[str, int] = {}
        policies = []
        for index in range(len(items)):
            policy = self.policy(path + (index,))
            if policy.id in first_line:
                raise self.doc.error(
                    f"duplicate policy id {policy.id!r} (first at line {first_line[policy.id]}): each policy needs its own id",
                    path + (index, "id"),
                )
            first_line[policy.id] = self.doc.location(path + (index, "id")).line
            policies.append(policy)
        return tuple(policies)

    def policy(self, path: Path) -> Policy:
        doc = self.doc
        item = self.mapping(path, "a policy: a mapping with id, title and text")
        self.check_keys(item, path, POLICY_KEYS, "a policy")
        self.require(item, path, "id", "the policy's id, e.g. id: participation")
        self.require(item, path, "title", "the policy's title")
        self.require(item, path, "text", "the policy's own words")
        policy_id = self.text(path + ("id",), "the policy's id")
        if not _ID.fullmatch(policy_id):
            raise doc.error(
                f"expected an id of lowercase letters, digits and '-' (like 'consent-privacy'), found {policy_id!r}",
                path + ("id",),
            )
        text_path = path + ("text",)
        return Policy(
            id=policy_id,
            title=self.text(path + ("title",), "the policy's title"),
            text=self.uncut_text(text_path, "the policy's own words"),
            line_numbers=doc.scalar_lines(text_path),
            line=doc.key_location(path + ("id",)).line,
            ref=self.optional_text(item, path + ("ref",), strip=False),
            audience=self.optional_choice(item, path + ("audience",), AUDIENCES),
        )

    def declarations(self) -> tuple[dict[str, Any], dict[str, int]]:
        path: Path = ("declarations",)
        top = self.doc.data
        if not self.given(top, path):
            return {}, {}
        declarations = self.mapping(path, "a mapping of declared facts, e.g. participation: voluntary")
        lines = {key: self.doc.key_location(path + (key,)).line for key in declarations}
        return dict(declarations), lines

    # -- helpers ----------------------------------------------------------------
    def language(self, mapping: dict[str, Any], path: Path) -> str:
        if not self.given(mapping, path):
            return "en"
        value = self.value(path)
        if isinstance(value, str) and _LANGUAGE.fullmatch(value):
            return value
        raise self.doc.error(f"expected a BCP 47 language tag such as en, es or fr-CA, found {self.describe(path)}", path)


def check_format_version(doc: YamlDocument) -> None:
    """``standards_check`` must be the plain integer of the format version this reads.

    Policy documents and attestation files share the version and this check.
    """
    path: Path = ("standards_check",)
    value = doc.data["standards_check"]
    if isinstance(value, str) and doc.scalar_style(path) == "plain" and _INTEGER.fullmatch(value):
        if int(value) == FORMAT_VERSION:
            return
        raise doc.error(
            f"unsupported format version {int(value)}: this version of standards-check reads "
            f"format version {FORMAT_VERSION} (standards_check: {FORMAT_VERSION})",
            path,
        )
    quoted = isinstance(value, str) and _INTEGER.fullmatch(value) is not None
    raise doc.error(
        f"expected the format version, the integer {FORMAT_VERSION} (standards_check: {FORMAT_VERSION}), "
        f"found {'the quoted text ' if quoted else ''}{doc.describe(path)}{': remove the quotes' if quoted else ''}",
        path,
    )
