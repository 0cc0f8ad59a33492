"""A document as agencies keep it, made a policy document: one policy per section.

:func:`read_document` reads a Word, PDF, Markdown, web page or plain text file into
an :class:`~standards_check.loading.documents.outline.Outline`; :func:`policy_yaml`
writes outlines as the text of a policy document (``standards-check import``), with
a comment per policy saying where it came from, and a map from each of its lines to
the place in the original file, which evidence cites when a document is checked
directly.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from collections.abc import Sequence
from pathlib import Path

from standards_check.errors import InputError
from standards_check.loading.documents.outline import Limits, Outline

__all__ = ["DOCUMENT_SUFFIXES", "is_document", "policy_yaml", "read_document"]

DOCUMENT_SUFFIXES = {
    ".docx": "Word", ".pdf": "PDF", ".md": "Markdown", ".markdown": "Markdown", ".txt": "text",
    ".text": "text", ".html": "web page", ".htm": "web page",
}
_OLD_FORMATS = {
    ".doc": "an old binary Word document (.doc): open it in Word or LibreOffice and save it as .docx",
    ".rtf": "a Rich Text file (.rtf): open it in Word or LibreOffice and save it as .docx",
    ".odt": "an OpenDocument text (.odt): open it in LibreOffice and save it as .docx",
    ".pages": "a Pages document: export it from Pages as .docx or PDF",
}
_WIDTH = 88  # lines of the policy text, as a person edits them
DEFAULT_LIMITS = Limits()
_NUMBERED_ITEM = re.compile(r"^(?:[0-9]{1,3}|[a-zA-Z])[.)] ")


def is_document(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a document to import rather than a policy document (YAML)."""
    suffix = Path(path).suffix.lower()
    return suffix in DOCUMENT_SUFFIXES or suffix in _OLD_FORMATS


def read_document(path: str | os.PathLike[str], *, display: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Outline:
    """The outline of the document at ``path``, read by the reader its extension names.

    Anything that cannot be read (a missing file, an old or unknown format, a
    scanned or encrypted PDF, a damaged file, a file over the limits) is an
    :class:`InputError` with one line saying what to do instead.
    """
    source = display or os.fspath(path)
    suffix = Path(path).suffix.lower()
    if suffix in _OLD_FORMATS:
        raise InputError(_OLD_FORMATS[suffix], file=source)
    if suffix not in DOCUMENT_SUFFIXES:
        known = ", ".join(sorted(DOCUMENT_SUFFIXES))
        raise InputError(f"not a document standards-check reads (expected one of {known}, or a policy document .yaml)", file=source)
    try:
        size = os.stat(path).st_size
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", file=source) from None
    if size > limits.max_bytes:
        raise InputError(f"the file is {size:,} bytes, more than the {limits.max_bytes:,} a document may have", file=source)
    if suffix == ".docx":
        from standards_check.loading.documents.docx import read_docx

        return read_docx(path, source=source, limits=limits)
    if suffix == ".pdf":
        from standards_check.loading.documents.pdf import read_pdf

        return read_pdf(path, source=source, limits=limits)
    text = _decode(Path(path).read_bytes(), source)
    if len(text) > limits.max_chars:
        raise InputError(f"more than {limits.max_chars:,} characters of text", file=source)
    if suffix in (".md", ".markdown"):
        from standards_check.loading.documents.markdown import read_markdown

        return read_markdown(text, source=source)
    if suffix in (".html", ".htm"):
        from standards_check.loading.documents.html import read_html

        return read_html(text, source=source)
    from standards_check.loading.documents.text import read_text

    return read_text(text, source=source)


def _decode(data: bytes, source: str) -> str:
    """Text files from Windows are often not UTF-8: UTF-8 (with or without its BOM) or
    UTF-16 with a BOM, else Windows-1252, which every byte decodes as."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("not a text file (it holds binary data)", file=source)
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].rstrip("-")


def _q(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def policy_yaml(outlines: Sequence[Outline], *, name: str | None = None) -> tuple[str, dict[int, str]]:
    """The text of one policy document holding every section of ``outlines`` as a
    policy, and for each line of the text that holds policy text, its place in the
    original file ("handbook.pdf, page 3").

    The program is called ``name``, else the first outline's title, else its file's
    name. A section's heading is its policy's title (numbering kept); the text
    before the first heading is a policy of its own ("Introduction"). Paragraphs are
    separated by a blank line, list items are written as ``-`` items under the
    paragraph that leads into them, table rows as cells joined by ``|``.
    """
    first = outlines[0]
    program = name or first.title or Path(first.source).stem.replace("_", " ").replace("-", " ").strip() or "Imported policies"
    lines = [
        f"# Imported by standards-check from {_comment(', '.join(o.source for o in outlines))}.",
        "# Review it against the original: headings became policies, lists and table rows lines of text.",
        "standards_check: 1",
        "program:",
        f"  name: {_q(_comment(program))}",
        "policies:",
    ]
    places: dict[int, str] = {}
    used: set[str] = set()
    count = 0
    for outline in outlines:
        for section in outline.sections:
            if not section.blocks:
                continue
            count += 1
            title = _comment(section.heading or ("Introduction" if len(outlines) == 1 else f"{Path(outline.source).name}"))
            base = _slug(title) or f"section-{count}"
            ident = base
            n = 2
            while ident in used:
                ident = f"{base}-{n}"
                n += 1
            used.add(ident)
            heading = f', "{_comment(section.heading)}"' if section.heading else ""
            lines.append(f"  # from {_comment(outline.source)}, {section.place}{heading}")
            lines.append(f"  - id: {ident}")
            lines.append(f"    title: {_q(title)}")
            lines.append("    text: |")
            previous = None
            for block in section.blocks:
                if previous is not None and not (block.kind == "item" or (block.kind == "row" and previous == "row")):
                    lines.append("")
                indent = "      " + "  " * block.level if block.kind == "item" else "      "
                # an item that carries its own number ("2. Hand it in.") is a list item as it is
                first_prefix = "- " if block.kind == "item" and not _NUMBERED_ITEM.match(block.text) else ""
                wrapped = textwrap.wrap(block.text, width=max(_WIDTH - len(indent) - len(first_prefix), 30),
                                        break_long_words=False, break_on_hyphens=False) or [block.text]
                for k, part in enumerate(wrapped):
                    lines.append(indent + (first_prefix if k == 0 else " " * len(first_prefix)) + part)
                    places[len(lines)] = f"{outline.source}, {block.place}"
                previous = block.kind
    if count == 0:
        raise InputError("no text to read in it", file=", ".join(o.source for o in outlines))
    return "\n".join(lines) + "\n", places
