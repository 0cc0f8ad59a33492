"""Markdown (a wiki page, a README-style handbook) read with markdown-it-py."""

from __future__ import annotations

from typing import Any

from standards_check.loading.documents.clean import clean_text
from standards_check.loading.documents.outline import Block, Outline, Section

__all__ = ["read_markdown"]


def read_markdown(text: str, *, source: str) -> Outline:
    """The outline of Markdown ``text``: a section per heading, paragraphs, list items
    (with their nesting) and table rows, each placed by its line in the file."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(_without_front_matter(text))
    offset = _front_matter_lines(text)
    sections = [Section(None, "line 1")]
    title: str | None = None
    depth = -1  # list nesting: 0 for an item of the outermost list
    row: list[str] = []
    row_place = "line 1"
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        line = f"line {(tok.map[0] if tok.map else 0) + 1 + offset}"
        if tok.type == "heading_open":
            heading = clean_text(_inline_text(tokens[i + 1]))
            if title is None and tok.tag == "h1":
                title = heading
            sections.append(Section(heading, line))
            i += 3
            continue
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif tok.type == "inline" and i > 0 and tokens[i - 1].type == "paragraph_open":
            kind = "item" if depth >= 0 else "paragraph"
            where = tokens[i - 1].map
            place = f"line {where[0] + 1 + offset}" if where else line
            text_of = clean_text(_inline_text(tok))
            if text_of:
                sections[-1].blocks.append(Block(text_of, place, kind, max(depth, 0)))
        elif tok.type == "tr_open":
            row, row_place = [], line
        elif tok.type == "inline" and i > 0 and tokens[i - 1].type in ("th_open", "td_open"):
            row.append(clean_text(_inline_text(tok)))
        elif tok.type == "tr_close" and any(row):
            sections[-1].blocks.append(Block(" | ".join(row), row_place, "row"))
        elif tok.type in ("fence", "code_block") and tok.content.strip():
            sections[-1].blocks.append(Block(clean_text(tok.content), line))
        i += 1
    return Outline(source, title, [s for s in sections if s.heading is not None or s.blocks], "markdown")


def _inline_text(tok: Any) -> str:
    """The words of an inline token: text and code, without markup; a line break is a space."""
    parts = []
    for child in tok.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def _front_matter_lines(text: str) -> int:
    """How many lines a YAML front matter block (``---`` ... ``---``) at the top takes."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for n, line in enumerate(lines[1:], start=1):
            if line.strip() in ("---", "..."):
                return n + 1
    return 0


def _without_front_matter(text: str) -> str:
    skip = _front_matter_lines(text)
    return "\n".join(text.split("\n")[skip:]) if skip else text
