"""Word documents (.docx) read as Word shows them with every tracked change accepted.

python-docx opens the package (its XML parser leaves entities unresolved, and
libxml2 refuses entity amplification, so a "billion laughs" part is an error, not
gigabytes). The text itself is read from the XML here: python-docx's
``Paragraph.text`` skips inserted text, and its rows repeat merged cells.

The file is checked as a zip before python-docx sees it: the size of its directory,
of its parts unzipped and of each part against its compressed size, so that a
zip bomb is refused before anything is decompressed.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any, NamedTuple

from standards_check.errors import InputError
from standards_check.loading.documents.clean import clean_text, strip_bullet
from standards_check.loading.documents.outline import Block, Limits, Outline, Section

__all__ = ["read_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MB = 1024 * 1024
# zipfile parses its whole directory on opening, about 40 µs a part: 1 MB of
# directory is at most ~22,000 parts (a second); a Word document has dozens.
_MAX_DIRECTORY = _MB
_NOT_DOCX = "not a readable Word document (.docx): "

# Word's other main parts (macro-enabled, templates) hold the same XML as a .docx;
# python-docx only loads the .docx one as a document unless told.
_WORD_MAIN_TYPES = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)

# Built-in styles keep their English name ("heading 1") in any language of Word;
# documents from other programs or templates may name them in the reader's language.
_HEADING_NAME = re.compile(
    r"^(?:heading|(?:überschrift|titre|titolo|título|encabezado|kop|rubrik|overskrift|otsikko|nagłówek|заголовок)\s*\d)",
    re.IGNORECASE,
)
_TOC_NAME = re.compile(r"^(?:toc\s*\d|toc\s*heading|table of figures)$", re.IGNORECASE)
_LIST_LEVEL = re.compile(r"\blist\b.*?(\d)$", re.IGNORECASE)  # "List Bullet 2": the second level


def read_docx(path: str | os.PathLike[str], *, source: str, limits: Limits = Limits()) -> Outline:  # noqa: B008 (frozen)
    """The outline of the Word document at ``path``: a section per heading (by style
    or outline level), paragraphs, list items with their level and table rows in the
    order of the body, each placed by its paragraph or table row. Tracked changes
    count as accepted; comments, headers, footers and notes are left out.

    An old binary .doc, a damaged or password-protected file, a zip bomb and a file
    or text over ``limits`` are each one :class:`InputError` naming ``source``."""
    data = _read(path, source, limits)
    _check_zip(data, source, limits)
    document, styles, numbering, title = _open(data, source)
    return _Reader(source, limits, _Styles(styles), _Numbering(numbering)).read(document, title)


# -- the file ------------------------------------------------------------------------


def _read(path: str | os.PathLike[str], source: str, limits: Limits) -> bytes:
    """The file's bytes, once: the zip checks and python-docx then read the same bytes."""
    from standards_check.loading.yamlsource import read_bytes

    try:
        size = os.stat(path).st_size
    except OSError:
        size = 0  # read_bytes says what is wrong, in the words every reader uses
    data = read_bytes(path, source, max_bytes=limits.max_bytes) if size <= limits.max_bytes else b""
    size = max(size, len(data))  # a file grown since, or a pipe: read_bytes stops one byte over
    if size > limits.max_bytes:
        raise InputError(
            f"the file is too large: {size:,} bytes, more than the {limits.max_bytes:,} standards-check reads "
            "(if it has large pictures, save a copy without them)",
            file=source,
        )
    if data.startswith(_OLE2):
        # Word keeps a password-protected .docx in the same container as an old .doc
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise InputError(
                "a password-protected Word document: remove the password in Word "
                "(File > Info > Protect Document) and save it again",
                file=source,
            )
        raise InputError(
            "an old binary Word document (.doc): open it in Word or LibreOffice and save it as .docx", file=source
        )
    if data[:64].lstrip().startswith(b"{\\rtf"):
        raise InputError("a Rich Text file (.rtf): open it in Word or LibreOffice and save it as .docx", file=source)
    if data.startswith(b"%PDF-"):
        raise InputError(_NOT_DOCX + "it is a PDF file (name it .pdf)", file=source)
    if not data:
        raise InputError(_NOT_DOCX + "the file is empty", file=source)
    return data


def _check_zip(data: bytes, source: str, limits: Limits) -> None:
    """Refuse what is not a zip, is damaged, or would unzip to more than ``limits``,
    reading only the zip's directory."""
    directory = _directory_size(data)
    if directory is None:
        reason = "the file is cut short (was it copied completely?)" if data.startswith(b"PK\x03\x04") else "not a zip archive"
        raise InputError(_NOT_DOCX + reason, file=source)
    if directory > _MAX_DIRECTORY:
        raise InputError(
            f"{_NOT_DOCX}its zip directory is {directory:,} bytes (tens of thousands of parts), "
            "far more than a Word document has",
            file=source,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_parts(archive.infolist(), source, limits)
            rels = archive.read("_rels/.rels") if "_rels/.rels" in archive.namelist() else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError, struct.error, NotImplementedError) as exc:
        raise InputError(f"{_NOT_DOCX}the file is damaged ({_reason(exc)})", file=source) from None
    if b"purl.oclc.org/ooxml/officeDocument" in rels:
        # the same parts in other namespaces, which python-docx does not read
        raise InputError("a Word document saved as Strict Open XML: save it again as a Word Document (.docx)", file=source)


def _check_parts(infos: list[zipfile.ZipInfo], source: str, limits: Limits) -> None:
    """Refuse an encrypted part, a part or parts that unzip to more than ``limits``,
    and a zip that is not a Word document, from the sizes the directory declares
    (zipfile never returns more than a part's declared size, so they bound the work)."""
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(f"{_NOT_DOCX}its part {info.filename!r} is encrypted", file=source)
        total += info.file_size
        if info.file_size > _MB and info.compress_size > 0 and info.file_size > limits.max_ratio * info.compress_size:
            raise InputError(
                f"{_NOT_DOCX}its part {info.filename!r} unzips to {info.file_size // info.compress_size:,} times its "
                f"compressed size, more than the {limits.max_ratio:,} times standards-check accepts (a zip bomb?)",
                file=source,
            )
    if total > limits.max_unzipped:
        raise InputError(
            f"{_NOT_DOCX}its parts unzip to {total:,} bytes, more than the {limits.max_unzipped:,} standards-check reads",
            file=source,
        )
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        if "content.xml" in names and "mimetype" in names:
            raise InputError("an OpenDocument text (.odt): open it in LibreOffice and save it as .docx", file=source)
        raise InputError(_NOT_DOCX + _other_package(names), file=source)


def _directory_size(data: bytes) -> int | None:
    """The size of the zip's central directory as its end records state it (the
    larger, when a zip64 record disagrees), or None when there is no end record."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65_535))
    if end < 0 or len(data) < end + 22:
        return None
    size = struct.unpack_from("<L", data, end + 12)[0]
    locator = end - 20
    if locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":
        # zipfile reads the zip64 record just before the locator; the locator also
        # points at one: count whichever is larger
        pointed = struct.unpack_from("<Q", data, locator + 8)[0]
        for record in (locator - 56, pointed):
            if 0 <= record <= len(data) - 56 and data[record : record + 4] == b"PK\x06\x06":
                size = max(size, struct.unpack_from("<Q", data, record + 40)[0])
    return min(size, len(data))  # zipfile cannot parse more directory than there are bytes


def _other_package(names: set[str]) -> str:
    """Why a zip without word/document.xml is not a Word document, in a few words."""
    if "xl/workbook.xml" in names:
        return "it is an Excel workbook"
    if "ppt/presentation.xml" in names:
        return "it is a PowerPoint presentation"
    return "it has no word/document.xml"


def _reason(exc: BaseException) -> str:
    """An exception's message, short: its first line, without lxml's "(<string>, line 2)"."""
    text = str(exc.args[0] if isinstance(exc, KeyError) and exc.args else exc)
    text = re.sub(r" \(<string>, line \d+\)$", "", text.split("\n", 1)[0].strip()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def _open(data: bytes, source: str) -> tuple[Any, Any, Any, str | None]:
    """The body, styles and numbering elements and the core-properties title of the
    package in ``data``, as python-docx parses them."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import PackageNotFoundError
    from docx.opc.part import PartFactory
    from docx.package import Package
    from docx.parts.document import DocumentPart
    from lxml import etree

    for content_type in _WORD_MAIN_TYPES:
        PartFactory.part_type_for.setdefault(content_type, DocumentPart)

    def related(owner: Any, reltype: str) -> Any:
        # part_related_by, not python-docx's properties: those invent a default part when one is missing
        try:
            return owner.part_related_by(reltype)
        except KeyError:
            return None

    try:
        package = Package.open(io.BytesIO(data))
        part = package.main_document_part
        styles, numbering = related(part, RT.STYLES), related(part, RT.NUMBERING)
        properties = getattr(related(package, RT.CORE_PROPERTIES), "core_properties", None)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{_NOT_DOCX}its XML is damaged ({_reason(exc)})", file=source) from None
    except KeyError as exc:
        reason = _reason(exc)
        missing = "its _rels/.rels names no main document" if "officeDocument" in reason else f"a part is missing ({reason})"
        raise InputError(_NOT_DOCX + missing, file=source) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, PackageNotFoundError) as exc:
        raise InputError(f"{_NOT_DOCX}the file is damaged ({_reason(exc)})", file=source) from None
    except (AttributeError, TypeError, IndexError):
        # python-docx takes a part's root element for the one its name promises, and fails on another
        raise InputError(f"{_NOT_DOCX}its parts and their relationships are damaged", file=source) from None
    if not isinstance(part, DocumentPart):
        raise InputError(f"{_NOT_DOCX}its main part is {part.content_type!r}", file=source)
    body = part.element.find(f"{_W}body")
    if body is None:
        raise InputError(f"{_NOT_DOCX}word/document.xml has no body", file=source)
    try:
        title = _own_title(properties.title or "") if properties is not None else None
    except (AttributeError, TypeError, ValueError):
        title = None  # damaged document properties: the title is found in the text instead
    return body, getattr(styles, "element", None), getattr(numbering, "element", None), title


def _own_title(value: str) -> str | None:
    """The title property, if it names the document rather than the file or template it
    was made from ("Microsoft Word - handbook.doc", "Document1", "policy.docx")."""
    title = clean_text(value)
    if (not re.search(r"[^\W\d_]{2}", title) or re.fullmatch(r"(?i)untitled|title|(word )?document\s*\d*", title)
            or re.search(r"\.[A-Za-z][A-Za-z0-9]{1,4}$", title) or re.match(r"(?i)microsoft (word|powerpoint|excel) - ", title)):
        return None
    return title


# -- styles and numbering -------------------------------------------------------------


def _val(element: Any, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    return None if found is None else found.get(f"{_W}val")


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class _Style(NamedTuple):
    name: str
    based_on: str | None
    outline: int | None  # w:outlineLvl: 0-8 a heading level, 9 body text
    num_id: str | None
    ilvl: int | None


class _Styles:
    """The paragraph styles, by id, and what a paragraph takes from them."""

    def __init__(self, element: Any) -> None:
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        for style in element.iterfind(f"{_W}style") if element is not None else ():
            if style.get(f"{_W}type", "paragraph") != "paragraph" or style.get(f"{_W}styleId") is None:
                continue
            sid = style.get(f"{_W}styleId")
            ppr = style.find(f"{_W}pPr")
            self.styles[sid] = _Style(
                _val(style, f"{_W}name") or sid,
                _val(style, f"{_W}basedOn"),
                _int(_val(ppr, f"{_W}outlineLvl")),
                _val(ppr, f"{_W}numPr/{_W}numId"),
                _int(_val(ppr, f"{_W}numPr/{_W}ilvl")),
            )
            if style.get(f"{_W}default") in ("1", "true", "on"):
                self.default = sid

    def chain(self, sid: str | None) -> Iterator[tuple[str, _Style]]:
        """The style ``sid`` and those it is based on, nearest first (a loop ends it).
        A style used but not defined is known by its id ("Heading1", "ListBullet")."""
        if sid is not None and sid not in self.styles:
            yield sid, _Style(sid, None, None, None, None)
            return
        seen: set[str] = set()
        while sid is not None and sid in self.styles and sid not in seen and len(seen) < 32:
            seen.add(sid)
            yield sid, self.styles[sid]
            sid = self.styles[sid].based_on

    def role(self, sid: str | None) -> str | None:
        """``"toc"``, ``"title"``, ``"heading"`` or None, for a paragraph of style ``sid``."""
        if sid is not None and _TOC_NAME.match(self.styles[sid].name if sid in self.styles else sid):
            return "toc"
        for _, style in self.chain(sid):
            if style.name.casefold() == "title":
                return "title"
            if _HEADING_NAME.match(style.name):
                return "heading"
            if style.outline is not None:
                return "heading" if style.outline < 9 else None
        return None

    def numbering(self, sid: str | None) -> tuple[str | None, int | None]:
        for _, style in self.chain(sid):
            if style.num_id is not None:
                return style.num_id, style.ilvl
        return None, None

    def list_style(self, sid: str | None) -> tuple[bool, int | None]:
        """Whether style ``sid`` is named as a list's, and the level its name gives
        ("List Bullet 2": 1; Word's own list styles number each level as a list of one level).
        "List Continue" is not: it is the text that goes on under an item, without a bullet."""
        for _, style in self.chain(sid):
            name = style.name.casefold()
            if name.startswith("list continue"):
                return False, None
            if "list" in name:
                match = _LIST_LEVEL.search(style.name)
                return True, int(match.group(1)) - 1 if match else None
        return False, None


class _Level(NamedTuple):
    start: int
    fmt: str
    text: str
    legal: bool
    restart: int | None


class _Numbering:
    """List numbers as Word counts them, so that an automatically numbered heading
    reads as shown ("4.2 Grievances"). Lists sharing a definition share counters, as
    in Word, until a start override restarts them."""

    def __init__(self, element: Any) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.style_level: dict[str, int] = {}  # a heading style a level of a list is linked to
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if element is None:
            return
        for definition in element.iterfind(f"{_W}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in definition.iterfind(f"{_W}lvl"):
                ilvl = _int(lvl.get(f"{_W}ilvl"))
                if ilvl is None or not 0 <= ilvl < 9:
                    continue
                levels[ilvl] = _Level(
                    _int(_val(lvl, f"{_W}start"), 0) or 0,
                    _val(lvl, f"{_W}numFmt") or "decimal",
                    _val(lvl, f"{_W}lvlText") or "",
                    lvl.find(f"{_W}isLgl") is not None,
                    _int(_val(lvl, f"{_W}lvlRestart")),
                )
                style = _val(lvl, f"{_W}pStyle")
                if style is not None:
                    self.style_level.setdefault(style, ilvl)
            self.abstract[definition.get(f"{_W}abstractNumId", "")] = levels
        for num in element.iterfind(f"{_W}num"):
            overrides = {}
            for override in num.iterfind(f"{_W}lvlOverride"):
                ilvl, start = _int(override.get(f"{_W}ilvl")), _int(_val(override, f"{_W}startOverride"))
                if ilvl is not None and start is not None and 0 <= ilvl < 9:
                    overrides[ilvl] = start
            self.nums[num.get(f"{_W}numId", "")] = (_val(num, f"{_W}abstractNumId") or "", overrides)

    def advance(self, num_id: str, ilvl: int) -> str:
        """Count one paragraph of list ``num_id`` at level ``ilvl``: its number as shown
        ("4.2."), or "" for a bullet or a list not defined."""
        if num_id not in self.nums or not 0 <= ilvl < 9:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract, {})
        counters = self.counters.setdefault(abstract, [None] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in overrides.items():
                counters[level] = start - 1
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters[ilvl] = level.start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or restart != 0 and ilvl < restart:
                counters[deeper] = None
        if level.fmt in ("bullet", "none"):
            return ""

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            other = levels.get(k)
            value = counters[k] if counters[k] is not None else other.start if other else 1
            return _format(value, "decimal" if level.legal else other.fmt if other else "decimal")

        return re.sub(r"%([1-9])", number, level.text).strip()


def _format(value: int, fmt: str) -> str:
    if value <= 0:
        return str(value)
    if fmt in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman") and value < 4000:
        roman = ""
        for amount, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                               (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
            count, value = divmod(value, amount)
            roman += digits * count
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


# -- the text -------------------------------------------------------------------------

# what holds no text of the document as accepted: deletions and moved-away text,
# field codes, the properties of runs and paragraphs (their revision marks too),
# pictures and text boxes (Word writes a text box twice, as drawing and as fallback),
# references to comments and notes, phonetic guides
_SKIP = frozenset(
    f"{_W}{tag}"
    for tag in (
        "pPr", "rPr", "del", "moveFrom", "delText", "instrText", "delInstrText", "drawing", "pict", "object",
        "sdtPr", "sdtEndPr", "rt", "fldData", "footnoteReference", "endnoteReference", "commentReference",
    )
) | {f"{_MC}AlternateContent"}
_BREAKS = {f"{_W}tab": " ", f"{_W}ptab": " ", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
_TRUE = (None, "1", "true", "on")


def _text(element: Any, out: list[str]) -> None:
    """The text of a paragraph (or part of one) as accepted, added to ``out``."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue  # XML comments, processing instructions, unresolved entities
        if tag == f"{_W}t":
            # the text around any entity reference, never the reference (the parser leaves it unresolved)
            out.append(child.text or "")
            out.extend(grandchild.tail or "" for grandchild in child)
        elif tag in _BREAKS:
            out.append(_BREAKS[tag])
        elif tag == f"{_W}sym":
            try:
                out.append(chr(int(child.get(f"{_W}char") or "", 16)))
            except (ValueError, OverflowError):
                pass
        elif tag == f"{_W}r":
            vanish = child.find(f"{_W}rPr/{_W}vanish")
            if vanish is None or vanish.get(f"{_W}val") not in _TRUE:
                _text(child, out)
        elif tag == f"{_W}sdt":
            if child.find(f"{_W}sdtPr/{_W}showingPlcHdr") is None:  # "Click here to enter text."
                _text(child, out)
        else:
            _text(child, out)  # insertions, moved-to text, hyperlinks, fields' results, content controls


def _blocks(parent: Any) -> Iterator[Any]:
    """The paragraphs and tables under ``parent`` in document order, through content
    controls and custom XML that wrap them."""
    for child in parent:
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt":
            if child.find(f"{_W}sdtPr/{_W}showingPlcHdr") is None:
                for content in child.iterfind(f"{_W}sdtContent"):
                    yield from _blocks(content)
        elif child.tag == f"{_W}customXml":
            yield from _blocks(child)


def _children(parent: Any, tag: str) -> Iterator[Any]:
    """The ``tag`` children of a table or row, through content controls and custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == f"{_W}sdt":
            for content in child.iterfind(f"{_W}sdtContent"):
                yield from _children(content, tag)
        elif child.tag == f"{_W}customXml":
            yield from _children(child, tag)


def _mark_gone(ppr: Any) -> bool:
    """Whether a paragraph's mark is deleted or moved away: accepted, the paragraph
    runs on into the next one."""
    mark = ppr.find(f"{_W}rPr") if ppr is not None else None
    return mark is not None and (mark.find(f"{_W}del") is not None or mark.find(f"{_W}moveFrom") is not None)


class _Reader:
    def __init__(self, source: str, limits: Limits, styles: _Styles, numbering: _Numbering) -> None:
        self.source = source
        self.limits = limits
        self.styles = styles
        self.numbering = numbering
        self.sections = [Section(None, "paragraph 1")]
        self.title: str | None = None  # of the first paragraph styled Title
        self.first_heading: str | None = None
        self.paragraphs = 0
        self.tables = 0
        self.chars = 0
        self.carry: list[str] = []  # text of paragraphs whose mark is deleted, run on into the next
        self.carried = 0  # its length

    def read(self, body: Any, core_title: str | None) -> Outline:
        for element in _blocks(body):
            if element.tag == f"{_W}p":
                self.paragraph(element)
            else:
                self.flush_carry()
                self.table(element)
        self.flush_carry()
        sections = [s for s in self.sections if s.heading is not None or s.blocks]
        if sections and sections[0].heading is None:
            sections[0].place = sections[0].blocks[0].place
        return Outline(self.source, core_title or self.title or self.first_heading, sections, "docx")

    def count(self, text: str) -> str:
        self.chars += len(text)
        if self.chars > self.limits.max_chars:
            raise InputError(
                f"more than {self.limits.max_chars:,} characters of text, more than standards-check reads: "
                "split it into several documents",
                file=self.source,
            )
        return text

    def paragraph(self, p: Any) -> None:
        ppr = p.find(f"{_W}pPr")
        out, self.carry = self.carry, []
        before = len(out)
        _text(p, out)
        if _mark_gone(ppr):
            self.carry = out  # kept as pieces: joining them at each of thousands would be quadratic
            self.carried += sum(map(len, out[before:]))
            if self.chars + self.carried > self.limits.max_chars:
                self.count("".join(out))
            return
        self.carried = 0
        sid = _val(ppr, f"{_W}pStyle") or self.styles.default
        role = self.styles.role(sid)
        outline = _int(_val(ppr, f"{_W}outlineLvl"))
        if outline is not None and role in ("heading", None):
            role = "heading" if outline < 9 else None
        num_id, ilvl = _val(ppr, f"{_W}numPr/{_W}numId"), _int(_val(ppr, f"{_W}numPr/{_W}ilvl"))
        direct = ilvl
        if num_id is None or ilvl is None:
            style_num, style_ilvl = self.styles.numbering(sid)
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
        numbered = num_id not in (None, "0")  # numId 0: the style's numbering taken off
        if numbered and ilvl is None:
            ilvl = self.numbering.style_level.get(sid or "", 0)
        label = self.numbering.advance(num_id, ilvl or 0) if numbered else ""
        text = clean_text("".join(out))
        if not text:
            return
        self.paragraphs += 1
        place = f"paragraph {self.paragraphs}"
        if role == "toc":
            return  # a table of contents repeats the headings
        if role == "title":
            self.title = self.title or self.count(text)
            return
        if role == "heading":
            heading = self.count(f"{label} {text}" if label and not text.startswith(label) else text)
            self.first_heading = self.first_heading or heading
            self.sections.append(Section(heading, place))
            return
        body, bullet = strip_bullet(text)
        list_style, named_level = self.styles.list_style(sid)
        if numbered or bullet or (list_style and num_id != "0"):
            level = direct if direct is not None else named_level if named_level is not None else ilvl or 0
            self.sections[-1].blocks.append(Block(self.count(body), place, "item", max(level, 0)))
        else:
            self.sections[-1].blocks.append(Block(self.count(text), place))

    def flush_carry(self) -> None:
        """A paragraph whose mark is deleted before a table or the end: its text stands alone."""
        text, self.carry, self.carried = clean_text("".join(self.carry)), [], 0
        if text:
            self.paragraphs += 1
            self.sections[-1].blocks.append(Block(self.count(text), f"paragraph {self.paragraphs}"))

    def table(self, tbl: Any) -> None:
        self.tables += 1
        above: dict[int, str] = {}  # by grid column: the text of the cell a vertical merge continues
        number = 0
        for tr in _children(tbl, f"{_W}tr"):
            trpr = tr.find(f"{_W}trPr")
            if trpr is not None and trpr.find(f"{_W}del") is not None:
                continue  # a row deleted with changes tracked
            number += 1
            column = _int(_val(trpr, f"{_W}gridBefore"), 0) or 0
            cells: list[str] = []
            for tc in _children(tr, f"{_W}tc"):
                tcpr = tc.find(f"{_W}tcPr")
                merge = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
                if merge is not None and merge.get(f"{_W}val", "continue") == "continue":
                    text = above.get(column, "")  # as python-docx gives it: the merged cell in each of its rows
                else:
                    text = above[column] = _cell_text(tc)
                if text:
                    cells.append(text)
                column += max(_int(_val(tcpr, f"{_W}gridSpan"), 1) or 1, 1)
            if cells:
                row = self.count(" | ".join(cells))
                self.sections[-1].blocks.append(Block(row, f"table {self.tables}, row {number}", "row"))


def _cell_text(tc: Any) -> str:
    """A cell's paragraphs (and any table inside it) as one line."""
    parts: list[str] = []
    for element in _blocks(tc):
        if element.tag == f"{_W}p":
            out: list[str] = []
            _text(element, out)
            parts.append(clean_text("".join(out)))
        else:
            for tr in _children(element, f"{_W}tr"):
                parts.extend(_cell_text(inner) for inner in _children(tr, f"{_W}tc"))
    return " ".join(part for part in parts if part)
