"""Text as word processors and web pages leave it, made plain: the characters that
only look like spaces, hyphens or quotes become those, and invisible ones go."""

from __future__ import annotations

import re

__all__ = ["BULLETS", "clean_text", "strip_bullet"]

_SAME = str.maketrans({
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-",
    "\u2013": "-", "\u2014": " - ", "\u2015": " - ",
    "\u2026": "...",
    "\t": " ", "\r": " ", "\n": " ", "\v": " ", "\f": " ", "\u2028": " ", "\u2029": " ",
    "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
    "\u200e": None, "\u200f": None, "\u202a": None, "\u202b": None, "\u202c": None, "\u202d": None, "\u202e": None,
    "\u2066": None, "\u2067": None, "\u2068": None, "\u2069": None,
})
_SPACES = re.compile(r" {2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

# glyphs that open a list item in documents that draw their bullets as text
BULLETS = "\u2022\u25cf\u25cb\u25aa\u25ab\u25a0\u25a1\u2023\u2043\u2219\u00b7\u25e6\u27a2\u2713\u2714\uf0b7\uf0a7\uf076\uf0d8-*\u2013\u2014"
_BULLET = re.compile(rf"^\s*[{re.escape(BULLETS)}]\s+")


def clean_text(text: str) -> str:
    """``text`` on one line: typographic spaces, quotes, dashes and ellipses as their
    plain forms, invisible characters (soft hyphens, zero-width and direction marks)
    removed, runs of spaces as one."""
    text = _CONTROL.sub(" ", text.translate(_SAME))
    return _SPACES.sub(" ", text).strip()


def strip_bullet(text: str) -> tuple[str, bool]:
    """``text`` without a leading bullet glyph, and whether it had one."""
    match = _BULLET.match(text)
    if match is None:
        return text, False
    return text[match.end():], True
