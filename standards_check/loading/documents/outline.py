"""What every document reader gives: a document's title and its sections, each a
heading and the blocks of text under it, every block with the place in the original
file that a person can find again (a page, a paragraph, a line).

Readers (one module per kind of file) only read; :mod:`standards_check.loading.documents.policy`
turns an outline into a policy document. A reader never guesses what it cannot
read: it raises :class:`~standards_check.errors.InputError` with one line saying
what to do instead (run OCR first, save it as .docx ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Block", "Limits", "Outline", "Section"]


@dataclass(frozen=True)
class Limits:
    """What a reader reads at most, so that a hostile or huge file is refused before
    it costs minutes or gigabytes (as hostile YAML is)."""

    max_bytes: int = 50 * 1024 * 1024  # the file itself
    max_pages: int = 2_000  # a PDF's pages
    max_chars: int = 5_000_000  # text extracted in all
    max_unzipped: int = 200 * 1024 * 1024  # a Word file's parts, decompressed
    max_ratio: int = 200  # decompressed size against compressed, for any part of a zip


@dataclass(frozen=True)
class Block:
    """A paragraph, a list item or a table row, as plain text on one line.

    ``kind`` is ``"paragraph"``, ``"item"`` (a list item; ``level`` 0 for the
    outermost list) or ``"row"`` (a table row, its cells joined by ``" | "``).
    ``place`` is where it stands in the original: ``"page 3"``, ``"paragraph 12"``,
    ``"line 40"``.
    """

    text: str
    place: str
    kind: str = "paragraph"
    level: int = 0


@dataclass
class Section:
    """A heading and the blocks under it, up to the next heading of any level.

    ``heading`` is the heading's text as written (numbering included, "4.2
    Grievances"); the section before the first heading has ``heading`` None.
    """

    heading: str | None
    place: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Outline:
    """A document read: its title (the document's own title, else its first heading,
    else None) and its sections in order. ``source`` names the file in messages."""

    source: str
    title: str | None
    sections: list[Section]
    kind: str  # "docx" | "pdf" | "markdown" | "text" | "html"
