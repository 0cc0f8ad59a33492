"""Plain text (a policy pasted from an e-mail or exported from a word processor)."""

from __future__ import annotations

import re

from standards_check.loading.documents.clean import clean_text, strip_bullet
from standards_check.loading.documents.outline import Block, Outline, Section

__all__ = ["read_text"]

# "4.2 Grievances", "Section 3: Rights", "ARTICLE II - MEMBERSHIP", "Part 1." : short, no full stop
_NUMBERED = re.compile(r"^(?:(?:section|part|article|chapter)\s+)?(?:[0-9]+(?:\.[0-9]+)*|[IVXLC]+)[.:)]?\s+\S.{0,70}$", re.IGNORECASE)
_ITEM_NUMBER = re.compile(r"^\s*(?:[0-9]{1,2}|[a-z])[.)]\s+\S")
_UNDERLINE = re.compile(r"^\s*(?:={3,}|-{3,})\s*$")


def read_text(text: str, *, source: str) -> Outline:
    """The outline of plain ``text``: blank lines end paragraphs, lines broken inside
    a paragraph are joined, a heading is a short line on its own (numbered, in capitals,
    or underlined with ``===`` or ``---``), and a line opened by a bullet or an item
    number is a list item. Every block is placed by the line it starts on."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    sections = [Section(None, "line 1")]
    title: str | None = None
    buffer: list[str] = []
    start = 0
    kind = "paragraph"
    level = 0

    def flush() -> None:
        nonlocal buffer
        if buffer:
            joined = clean_text(_join(buffer))
            if joined:
                sections[-1].blocks.append(Block(joined, f"line {start + 1}", kind, level))
        buffer = []

    for n, raw in enumerate(lines):
        line = raw.rstrip()
        nxt = lines[n + 1] if n + 1 < len(lines) else ""
        if not line.strip():
            flush()
            continue
        if _UNDERLINE.match(line):
            continue  # the underline of the heading before it
        underlined = bool(_UNDERLINE.match(nxt))
        alone = underlined or not buffer and (n + 1 >= len(lines) or not nxt.strip() or _shouting(line))
        if alone and _heading(line, underlined=underlined):
            flush()
            heading = clean_text(line)
            if title is None:
                title = heading
            sections.append(Section(heading, f"line {n + 1}"))
            continue
        body, bullet = strip_bullet(line)
        if bullet or _ITEM_NUMBER.match(line):
            flush()
            buffer, start, kind = [body if bullet else line.strip()], n, "item"
            level = 1 if len(line) - len(line.lstrip()) >= 2 else 0
            continue
        if not buffer:
            start, kind, level = n, "paragraph", 0
        buffer.append(line.strip())
    flush()
    return Outline(source, title, [s for s in sections if s.heading is not None or s.blocks], "text")


def _heading(line: str, *, underlined: bool) -> bool:
    """Whether a line standing alone is a heading: underlined, numbered, or in capitals,
    and short, without the full stop a sentence ends with."""
    words = line.split()
    if not words or len(words) > 12 or line.rstrip().endswith((".", ",", ";")):
        return False
    if underlined:
        return True
    return bool(_NUMBERED.match(line.strip())) or _shouting(line)


def _shouting(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _join(lines: list[str]) -> str:
    """Lines of one paragraph as one: a word hyphenated across a line end is joined."""
    out = lines[0]
    for line in lines[1:]:
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            out = out[:-1] + line
        else:
            out += " " + line
    return out
