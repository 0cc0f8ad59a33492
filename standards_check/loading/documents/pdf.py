"""PDF read with pdfminer.six's layout analysis: text in reading order (a two-column
page column by column), running headers, footers and page numbers left out, lines
joined into paragraphs, list items and headings found from the glyphs, font sizes
and weights the page shows.

A PDF has no paragraphs or headings, only glyphs placed on pages, so what this reader
finds is a reading of the layout; it never guesses text it cannot see: a scanned or
encrypted PDF is refused with what to do instead.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from standards_check.errors import InputError
from standards_check.loading.documents.clean import clean_text, strip_bullet
from standards_check.loading.documents.outline import Block, Limits, Outline, Section

__all__ = ["read_pdf"]

ENCRYPTED = "an encrypted PDF: remove the password (open it and save or print it as a new PDF) and import that"
SCANNED = "a scanned PDF with no text to read: run OCR on it first, for example: ocrmypdf in.pdf out.pdf"
UNMAPPED = ("a PDF whose fonts do not say which letters they draw, so its text cannot be read: "
            "run OCR on it first, for example: ocrmypdf --force-ocr in.pdf out.pdf")

_LIMITS = Limits()  # the default (frozen, so one instance serves every call)
_MIN_CHARS_PER_PAGE = 20  # fewer on average is a scan with at most a stamp or page number on it
_HEADING_RATIO = 1.15  # a line this much larger than the body text is a heading
_BOLD_HEADING_WORDS = 12  # a bold line shorter than this (and not a sentence) is a heading
_LARGE_HEADING_WORDS = 25  # larger text of more words is a paragraph set large, not a heading
_EDGE_LINES = 2  # lines at a page's top and at its bottom where headers and footers are looked for
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)  # in font names: "ABCDEF+Arial-BoldMT"
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"(?i:page\s+)?(?:\d+|[ivxlc]+)(?:\s*(?i:of|/)\s*\d+)?")  # "3", "Page 3 of 12", "iv"
_NUMBERED_ITEM = re.compile(r"(?:\d{1,3}|[a-zA-Z])[.)]\s+\S")  # "1. ", "2) ", "a. "
_LETTER_BULLET = re.compile(r"o\s+(?=\S)")  # Word's second-level bullet in Courier New: "o  text"
_END_OF_SENTENCE = (".", "!", "?", ":", ";", '"', "'", ")")
# A word hyphenated across a line end loses its hyphen ("recov-" "ery"), unless the part
# before it is one of these prefixes or the part after it one of these words, which
# make compounds ("self-" "directed", "peer-" "led"), or the part before already has a
# hyphen ("one-to-" "one"). Short on purpose: "re", "pre" and "ex" also start words
# that are hyphenated there ("re-covery", "pre-vent", "ex-ample").
_COMPOUND_PREFIXES = frozenset({"self", "co", "non", "peer", "well", "cross", "half", "full", "part"})
_COMPOUND_WORDS = frozenset({"based", "centered", "centred", "directed", "informed", "led", "run", "specific",
                             "related", "friendly", "making", "being", "term"})


@dataclass
class _Line:
    """A line of text as pdfminer's layout analysis found it."""

    page: int  # 1-based
    box: int  # the text box's number in reading order, counted over the whole document
    text: str  # as drawn, not yet cleaned
    size: float  # the most common glyph size on it
    bold: bool  # most of its glyphs bold
    x0: float
    y0: float
    x1: float
    y1: float
    bullet: int | None = None  # the level of a bullet drawn apart from the line, just left of it

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)


def read_pdf(path: str | os.PathLike[str], *, source: str, limits: Limits = _LIMITS) -> Outline:
    """The outline of the PDF at ``path``: a section per heading, paragraphs and list
    items, each placed by its page ("page 3").

    Refused with an :class:`InputError` naming ``source``: an encrypted PDF, one with
    no text layer (scanned), one that is not a PDF or is damaged, and one over
    ``limits`` (its bytes, pages or characters).
    """
    try:
        size = os.stat(path).st_size
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", file=source) from None
    if size > limits.max_bytes:
        raise InputError(f"the file is {size:,} bytes, more than the {limits.max_bytes:,} a document may have", file=source)
    try:
        with open(path, "rb") as file:
            _check_framing(file, size, source)
            pages, title = _extract(file, source, limits)
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", file=source) from None
    return _outline(pages, title, source)


def _check_framing(file: Any, size: int, source: str) -> None:
    """A PDF starts with ``%PDF-`` (within its first 1024 bytes) and ends with ``%%EOF``
    (within its last 1024, padding aside): without these it is another kind of file, or
    one cut short, of which pdfminer's repairs would read whatever half survived."""
    head = file.read(1024)
    if b"%PDF-" not in head:
        raise InputError("not a readable PDF: it is not a PDF file (it does not start with %PDF-)", file=source)
    file.seek(max(size - 65536, 0))
    tail = file.read().rstrip(b"\x00 \t\r\n\x0c")  # some scanners pad the end with zeros
    if b"%%EOF" not in tail[-1024:]:
        raise InputError("not a readable PDF: the file is cut short (it does not end with %%EOF); copy or download it again",
                         file=source)
    file.seek(0)


def _extract(file: Any, source: str, limits: Limits) -> tuple[list[list[_Line]], str | None]:
    """The lines of every page in reading order, and the document's meaningful Title."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    _quiet_pdfminer()
    try:
        try:
            document = PDFDocument(PDFParser(file), password="")
        except PDFEncryptionError:  # PDFPasswordIncorrect too: a user password is needed
            raise InputError(ENCRYPTED, file=source) from None
        # the pages are counted before any is read: a page tree is cheap, its pages not
        pages = []
        for page in PDFPage.create_pages(document):
            if len(pages) == limits.max_pages:
                raise InputError(f"more than the {limits.max_pages:,} pages a PDF may have", file=source)
            pages.append(page)
        title = _meta_title(document)
        # The same steps as pdfminer.high_level.extract_pages, over the document already
        # open. all_texts: text inside Form XObjects (whole pages, for some producers)
        # is laid out too.
        resources = PDFResourceManager(caching=True)
        device = PDFPageAggregator(resources, laparams=LAParams(all_texts=True))
        interpreter = PDFPageInterpreter(resources, device)
        result: list[list[_Line]] = []
        chars = unmapped = boxes = 0
        for number, page in enumerate(pages, start=1):
            interpreter.process_page(page)
            lines, drawn, missing, boxes = _page_lines(device.get_result(), number, boxes)
            chars += drawn
            unmapped += missing
            if chars > limits.max_chars:  # stop at the first page over the limit
                raise InputError(f"more than {limits.max_chars:,} characters of text", file=source)
            result.append(lines)
    except InputError:
        raise
    except Exception as error:  # pdfminer on a damaged or hostile file: its own errors and Python's
        raise InputError(f"not a readable PDF: it is damaged ({type(error).__name__})", file=source) from None
    if not pages:
        raise InputError("not a readable PDF: it has no pages", file=source)
    if chars < _MIN_CHARS_PER_PAGE * len(pages):
        raise InputError(SCANNED, file=source)
    if unmapped * 2 > chars:
        raise InputError(UNMAPPED, file=source)
    return result, title


def _quiet_pdfminer() -> None:
    """pdfminer logs a warning for many damaged but readable files; with no handler of
    its own Python would print them on stderr, around the one line the CLI promises."""
    logger = logging.getLogger("pdfminer")
    if not any(isinstance(handler, logging.NullHandler) for handler in logger.handlers):
        logger.addHandler(logging.NullHandler())


def _meta_title(document: Any) -> str | None:
    """The Info dictionary's Title, if it names the document rather than the file it was
    made from ("Microsoft Word - handbook.docx", "Untitled", "report.pdf")."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    for info in document.info:
        value = resolve1(info.get("Title"))
        if isinstance(value, bytes):
            value = decode_text(value)
        if not isinstance(value, str):
            continue
        title = clean_text(value)
        if (not re.search(r"[^\W\d_]{2}", title) or title.lower() in ("untitled", "title", "document")
                or re.search(r"\.[A-Za-z][A-Za-z0-9]{1,4}$", title) or re.match(r"(?i)microsoft (word|powerpoint|excel) - ", title)):
            continue
        return title
    return None


def _boxes(container: Any) -> Iterator[Any]:
    """The text boxes of a page in pdfminer's reading order, those inside figures too."""
    from pdfminer.layout import LTFigure, LTTextBox

    for item in container:
        if isinstance(item, LTTextBox):
            yield item
        elif isinstance(item, LTFigure):
            yield from _boxes(item)


def _page_lines(layout: Any, page: int, boxes: int) -> tuple[list[_Line], int, int, int]:
    """A page's lines, the characters drawn on it and how many of them have no known
    letter (pdfminer writes those "(cid:12)"), and the boxes counted so far."""
    from pdfminer.layout import LTChar, LTTextLine

    lines: list[_Line] = []
    drawn = missing = 0
    for box in _boxes(layout):
        boxes += 1
        for line in box:
            if not isinstance(line, LTTextLine):
                continue
            parts = []
            sizes: Counter[float] = Counter()
            bold = glyphs = 0
            for item in line:
                value = item.get_text()
                if isinstance(item, LTChar):
                    if value.startswith("(cid:"):
                        missing += 1
                        drawn += 1
                        continue
                    if not value.isspace():
                        glyphs += 1
                        drawn += 1
                        sizes[round(item.size, 1)] += 1
                        bold += bool(_BOLD.search(item.fontname))
                parts.append(value)
            text = "".join(parts).strip()
            if not text or not glyphs:
                continue
            lines.append(_Line(page, boxes, text, sizes.most_common(1)[0][0], bold * 2 > glyphs,
                               line.x0, line.y0, line.x1, line.y1))
    return lines, drawn, missing, boxes


def _without_running_text(pages: list[list[_Line]]) -> list[list[_Line]]:
    """The pages without their running headers and footers: a line at a page's top or
    bottom that, digits aside, is at the top or bottom of at least half the pages (and
    at least 3, or both of a 2-page document); and bare page numbers there ("3", "Page 3
    of 12", "- 3 -")."""
    def key(line: _Line) -> str:
        return " ".join(_DIGITS.sub("#", line.text.lower()).split())

    def edges(lines: list[_Line]) -> list[_Line]:
        by_height = sorted(lines, key=lambda line: -line.y1)
        return by_height[:_EDGE_LINES] + by_height[-_EDGE_LINES:]

    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({key(line) for line in edges(lines)})
    n = len(pages)
    needed = 2 if n == 2 else max(3, (n + 1) // 2)
    running = {k for k, count in counts.items() if n >= 2 and count >= needed}
    kept = []
    for lines in pages:
        drop = {id(line) for line in edges(lines)
                if key(line) in running or _PAGE_NUMBER.fullmatch(line.text.strip(" -\u2013\u2014|[]()"))}
        kept.append([line for line in lines if id(line) not in drop])
    return kept


def _body_size(pages: list[list[_Line]]) -> float:
    """The size most of the text is set in, weighted by characters."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


@dataclass
class _Run:
    """Lines that read as one: a paragraph, a list item or a heading."""

    lines: list[_Line]
    kind: str  # "paragraph" | "item" | "heading"
    style: str  # of its first line: "body", "bold" or "large <size>"
    level: int = 0
    numbered: bool = False  # starts "1.", "2)", "a.": an item unless it is a heading
    attached: bool = False  # follows a heading candidate in the same box with no gap

    @property
    def text(self) -> str:
        return _join(line.text for line in self.lines)


def _item_start(text: str) -> tuple[str, int, bool] | None:
    """``text`` without its bullet, the item's level and whether it is numbered, if the
    line starts a list item; a number ("1.", "2)", "a.") starts one too and is kept."""
    rest, had = strip_bullet(text)
    if had:
        return rest, 0, False
    match = _LETTER_BULLET.match(text)
    if match:
        return text[match.end():], 1, False
    if _NUMBERED_ITEM.match(text):
        return text, 0, True
    return None


def _is_bullet_only(text: str) -> bool:
    return text == "o" or (len(text) <= 2 and strip_bullet(text + " x")[1])


def _with_bullets(lines: list[_Line]) -> list[_Line]:
    """A page's lines with the bullets drawn apart from their text (Word's bullet, then
    a tab) given to the line they stand just left of, on its baseline. pdfminer makes
    such bullets a column of their own, read before or after their items."""
    bullets = [line for line in lines if _is_bullet_only(line.text)]
    if not bullets:
        return lines
    texts = [line for line in lines if not _is_bullet_only(line.text)]
    for bullet in bullets:
        beside = [line for line in texts if abs(line.y0 - bullet.y0) <= line.height / 2
                  and 0 <= line.x0 - bullet.x1 <= 4 * line.height and line.bullet is None]
        if beside:
            min(beside, key=lambda line: line.x0).bullet = 1 if bullet.text == "o" else 0  # Word's second level
    return texts


def _style(line: _Line, body: float) -> str:
    if line.size >= body * _HEADING_RATIO:
        return f"large {line.size:g}"
    return "bold" if line.bold else "body"


def _continues(before: _Line, line: _Line, body: float) -> bool:
    """Whether ``line`` goes on with the sentence ``before`` left unfinished, across a
    boundary of pdfminer's boxes: the next line of a paragraph whose first line is
    indented, the top of the next column, or of the next page."""
    if before.text.endswith(_END_OF_SENTENCE) or not line.text[:1].islower():
        return False
    if _style(before, body) != _style(line, body):
        return False
    if line.page != before.page or line.x0 >= before.x1 - 1:  # next page, next column
        return True
    return 0 <= before.y0 - line.y1 <= line.height


def _runs(pages: list[list[_Line]], body: float) -> list[_Run]:
    """The document's lines gathered into paragraphs, items and headings.

    A paragraph ends at a boundary of pdfminer's text boxes or at a vertical gap larger
    than a line (unless the sentence plainly goes on there), at a line that starts a
    list item, and where large text begins. Lines set bold or large that start a
    paragraph are a heading candidate, up to where their style changes.
    """
    runs: list[_Run] = []
    before: _Line | None = None
    for lines in pages:
        for line in lines:
            item = _item_start(line.text) if line.bullet is None else (line.text, line.bullet, False)
            style = _style(line, body)
            current = runs[-1] if runs else None
            if current is None or before is None or item is not None:
                new = True
            elif line.box != before.box or before.y0 - line.y1 > line.height:
                new = not _continues(before, line, body)
            elif current.kind == "heading":
                new = style != current.style  # a heading ends where its style does
            else:
                new = style.startswith("large") and style != current.style
            before = line
            if not new:
                assert current is not None
                current.lines.append(line)
                continue
            attached = current is not None and current.kind == "heading" and line.box == current.lines[-1].box
            if item is None:
                runs.append(_Run([line], "paragraph" if style == "body" else "heading", style, attached=attached))
            elif item[2] and style != "body":  # "1. Purpose" in bold: a numbered heading
                runs.append(_Run([line], "heading", style, numbered=True, attached=attached))
            else:
                text, level, numbered = item
                runs.append(_Run([replace(line, text=text)], "item", style, level, numbered, attached))
    return _confirm_headings(runs)


def _confirm_headings(runs: list[_Run]) -> list[_Run]:
    """Heading candidates that read as sentences made paragraphs (or numbered items)
    again: bold text of 12 words or more, large text of 25 or more, or either ending
    with a full stop, comma or semicolon. Such a paragraph takes back the lines that
    followed it in its box."""
    out: list[_Run] = []
    for run in runs:
        if run.kind == "heading":
            text = clean_text(run.text)
            limit = _LARGE_HEADING_WORDS if run.style.startswith("large") else _BOLD_HEADING_WORDS
            if text.endswith((".", ",", ";")) or len(text.split()) >= limit:
                run.kind = "item" if run.numbered else "paragraph"
        elif run.attached and run.kind == "paragraph" and out and out[-1].kind != "heading":
            out[-1].lines.extend(run.lines)
            continue
        out.append(run)
    return out


def _join(texts: Any) -> str:
    """Lines of a paragraph as one text: a word hyphenated across a line end joined
    ("recov-" "ery" -> "recovery"), a compound kept ("self-" "directed", "non-" "English"),
    other lines joined by a space."""
    out = ""
    for text in texts:
        if not out:
            out = text
            continue
        if out.endswith("\u00ad"):  # a soft hyphen: the word goes on
            out = out[:-1] + text
            continue
        match = re.search(r"([^\W\d_][\w-]*)[-\u2010]$", out)
        if match and text[:1].isalpha():
            first = match.group(1)
            after = re.match(r"[^\W\d_]+", text)
            keep = (not text[0].islower() or "-" in first or first.lower() in _COMPOUND_PREFIXES
                    or (after is not None and after.group(0).lower() in _COMPOUND_WORDS))
            out = (out if keep else out[:-1]) + text
            continue
        out += " " + text
    return out


def _outline(pages: list[list[_Line]], meta_title: str | None, source: str) -> Outline:
    pages = [_with_bullets(lines) for lines in _without_running_text(pages)]
    body = _body_size(pages)
    runs = _runs(pages, body)
    sections = [Section(None, "page 1")]
    for run in runs:
        text = clean_text(run.text)
        if not text:
            continue
        place = f"page {run.lines[0].page}"
        if run.kind == "heading":
            sections.append(Section(text, place))
        else:
            sections[-1].blocks.append(Block(text, place, run.kind, run.level))
    title = meta_title or _largest_on_first_page(runs, body) or next((s.heading for s in sections if s.heading), None)
    return Outline(source, title, [s for s in sections if s.heading is not None or s.blocks], "pdf")


def _largest_on_first_page(runs: list[_Run], body: float) -> str | None:
    """The text set largest on page 1, if it is larger than the body text."""
    first = [run for run in runs if run.lines[0].page == 1 and run.kind == "heading"]
    if not first:
        return None
    largest = max(first, key=lambda run: run.lines[0].size)
    if largest.lines[0].size < body * _HEADING_RATIO:
        return None
    return clean_text(largest.text) or None
