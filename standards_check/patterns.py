"""The phrase-pattern language of rubric definitions.

A pattern is a sequence of tokens separated by spaces, matched against a
sentence's normalised tokens (see :mod:`standards_check.sentences`):

``word``
    that word exactly (``voluntary``).
``stem*``
    any word starting with ``stem`` (``discharg*`` matches discharge, discharged).
``a|b|c``
    any of the alternatives; each alternative is a word, a stem, or a phrase with
    its words joined by ``_`` (``no_one|nobody``).
``{name}``
    any entry of the vocabulary list ``name`` (defined in the rubric file or in the
    shared vocabulary); entries may be phrases with spaces. A macro may also stand
    among alternatives (``{service}|coaching``).
``token?``
    the token is optional (``the?``, ``{staff}?``).
``~`` or ``~N``
    a gap of up to 5 (or N, at most 25) tokens within the sentence; a gap never
    crosses a strong clause boundary (``;``, ``:``, a dash) but may cross commas.

Words are lower case; contractions are already expanded in the text (write
``will not``, never ``won't``), hyphenated words are split (write ``non
compliant``) and punctuation is dropped except commas. A pattern matches anywhere
in the sentence; it never matches part of a word.

Each compiled pattern knows its *anchor*: the words (or stems) of one required
token, at least one of which must occur in a sentence for the pattern to match.
The scanner uses anchors to try only the patterns that can match a sentence.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Words that occur in a large share of policy sentences (measured on the labelled
# corpora); a pattern is anchored on one of its rarer tokens.
COMMON_WORDS = frozenset(
    """
    the and a to or you in of is with are not at your peer on any for we will can their it if by staff be may
    about who house time what own when use support plan treatment they each do as shall meeting services recovery
    an mentor including that have first member other help every no ask medication program from court share our
    never want call before tell family mentors stay members information drug written anyone manager days residents
    work report people goals individual us one take rights within whether patient must patients part all talk keep
    out contact specialist person orientation has where team service back make through health else anything
    them experience up day open get groups without someone this would should could been was were his her him
    participant participants client clients resident guest guests peers coach coaches supporter supporters
    """.split()
)
_COMMON_PREFIXES = frozenset(w[:n] for w in COMMON_WORDS for n in range(1, len(w) + 1))
MAX_GAP = 25
DEFAULT_GAP = 5
_WORD = re.compile(r"^[a-z0-9\u00e0-\u024f']+\*?$")


class PatternError(ValueError):
    """A pattern is not valid; the message says why."""


@dataclass(frozen=True)
class Alternative:
    words: tuple[str, ...]  # a phrase; the last word may be a stem ending with '*'


class CompiledPattern:
    """A pattern ready to match: its regex (compiled on first use), anchor and required words.

    Compiling every regex of every rubric up front costs most of a short run, so
    each is compiled the first time a sentence has all of its required words.
    """

    __slots__ = (
        "source", "regex_source", "gap_groups", "anchor_words", "anchor_stems", "required_keys",
        "max_steps", "_regex",
    )

    def __init__(
        self,
        source: str,
        regex_source: str,
        gap_groups: tuple[str, ...],
        anchor_words: frozenset[str],
        anchor_stems: frozenset[str],
        required_keys: tuple[frozenset[str], ...] = (),
        max_steps: tuple[int, ...] = (),
    ) -> None:
        self.source = source
        self.regex_source = regex_source
        self.gap_groups = gap_groups
        self.anchor_words = anchor_words  # exact words
        self.anchor_stems = anchor_stems  # stems (without '*')
        # index keys of every required token (see word_keys): a sentence lacking any
        # of them cannot match, so the regex is not even tried
        self.required_keys = required_keys
        # the largest number of tokens from one required token's start to the next's:
        # a sentence whose required words never stand that close cannot match
        self.max_steps = max_steps
        self._regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self.regex_source)
        return self._regex

    def __repr__(self) -> str:
        return f"CompiledPattern({self.source!r})"


@functools.lru_cache(maxsize=8192)
def _alternative_regex(alt: str) -> tuple[str, Alternative]:
    words = alt.replace("_", " ").split()
    if not words:
        raise PatternError(f"empty alternative in {alt!r}")
    parts = []
    for w in words:
        if not _WORD.match(w):
            raise PatternError(f"{w!r} is not a lower-case word or stem (letters, digits, apostrophes, a final '*')")
        if w.endswith("*"):
            if len(w) - 1 < STEM_LENGTHS[0]:
                raise PatternError(f"stem {w!r} is too short: a stem needs at least {STEM_LENGTHS[0]} letters")
            parts.append(re.escape(w[:-1]) + r"[^ ]*")
        else:
            parts.append(re.escape(w))
    return " ".join(parts), Alternative(tuple(words))


def compile_pattern(source: str, vocabulary: dict[str, tuple[str, ...]]) -> CompiledPattern:
    """Compile ``source`` with macros from ``vocabulary``; raise PatternError if invalid."""
    raw_tokens = source.strip().lower().split()
    if not raw_tokens:
        raise PatternError("the pattern is empty")
    pieces: list[str] = []  # regex pieces, each to be followed by a space except gaps
    gap_groups: list[str] = []
    required: list[tuple[Alternative, ...]] = []
    last_was_gap = True
    steps: list[int] = []
    since: int | None = None  # the most tokens from the last required token's start to here
    for tok in raw_tokens:
        gap = re.fullmatch(r"~(\d+)?", tok)
        if gap:
            size = int(gap.group(1)) if gap.group(1) else DEFAULT_GAP
            if size > MAX_GAP:
                raise PatternError(f"gap {tok!r} is larger than ~{MAX_GAP}")
            if last_was_gap:
                raise PatternError("a gap must stand between two words")
            if since is not None:
                since += size
            name = f"g{len(gap_groups)}"
            gap_groups.append(name)
            pieces.append(f"(?P<{name}>(?:(?!// )[^ ]+ ){{0,{size}}}?)")
            last_was_gap = True
            continue
        optional = tok.endswith("?")
        if optional:
            tok = tok[:-1]
        alts_src = []
        for part in tok.split("|"):
            if part.startswith("{") and part.endswith("}"):
                name = part[1:-1]
                if name not in vocabulary:
                    raise PatternError(f"unknown vocabulary {part!r}")
                alts_src.extend(vocabulary[name])
            else:
                alts_src.append(part)
        alt_regex = []
        alts = []
        for a in alts_src:
            rx, alt = _alternative_regex(a.lower())
            alt_regex.append(rx)
            alts.append(alt)
        # longest alternatives first so that phrases win over their first word
        alt_regex.sort(key=len, reverse=True)
        body = "(?:" + "|".join(alt_regex) + ") "
        pieces.append(f"(?:{body})?" if optional else body)
        longest = max(len(a.words) for a in alts)
        if optional:
            if since is not None:
                since += longest
        else:
            if since is not None:
                steps.append(since)
            since = longest
            required.append(tuple(alts))
        last_was_gap = False
    if last_was_gap:
        raise PatternError("a pattern cannot end with a gap")
    if not required:
        raise PatternError("a pattern needs at least one word that is not optional")
    regex = "(?<= )" + "".join(pieces)

    # anchor: the required token whose alternatives are the most specific
    def cost(alts: tuple[Alternative, ...]) -> tuple[int, int]:
        # how many sentences the token's words are expected to occur in: a common
        # word ("you", "staff") makes a poor anchor, a rare one ("voluntary") a good one
        total = 0
        for a in alts:
            word = a.words[0]
            if word.endswith("*"):
                stem = word[:-1]
                total += 40 if stem in _COMMON_PREFIXES else 4
            else:
                total += 40 if word in COMMON_WORDS else 1
        return (total, -min(len(a.words[0]) for a in alts))

    anchor = min(required, key=cost)
    words = frozenset(a.words[0] for a in anchor if not a.words[0].endswith("*"))
    stems = frozenset(a.words[0][:-1] for a in anchor if a.words[0].endswith("*"))
    required_keys = tuple(frozenset(_key(a.words[0]) for a in alts) for alts in required)
    return CompiledPattern(source, regex, tuple(gap_groups), words, stems, required_keys, tuple(steps))


def _key(word: str) -> str:
    return word[:-1][: STEM_LENGTHS[-1]] + "*" if word.endswith("*") else word


STEM_LENGTHS = (3, 4, 5, 6, 7, 8)


def word_keys(words: set[str]) -> set[str]:
    """Every word and every prefix of a word that a stem anchor may be indexed by."""
    keys = set(words)
    for w in words:
        for n in STEM_LENGTHS:
            if len(w) >= n:
                keys.add(w[:n] + "*")
    return keys


def key_positions(words: list[str]) -> dict[str, list[int]]:
    """For each index key (see :func:`word_keys`), the token positions that carry it."""
    positions: dict[str, list[int]] = {}
    for i, w in enumerate(words):
        positions.setdefault(w, []).append(i)
        for n in STEM_LENGTHS:
            if len(w) >= n:
                positions.setdefault(w[:n] + "*", []).append(i)
    return positions


def could_match(pattern: CompiledPattern, positions: dict[str, list[int]]) -> bool:
    """Whether the required words stand in order and close enough for ``pattern`` to match.

    A necessary condition only (it ignores what the words between are), checked
    before the pattern's regex is compiled or run.
    """
    reachable: list[int] | None = None
    for j, keys in enumerate(pattern.required_keys):
        here = sorted({p for k in keys for p in positions.get(k, ())})
        if not here:
            return False
        if reachable is not None:
            step = pattern.max_steps[j - 1]
            here = [p for p in here if any(0 < p - r <= step for r in reachable)]
            if not here:
                return False
        reachable = here
    return True


def anchor_keys(pattern: CompiledPattern) -> set[str]:
    """Index keys for a pattern (see :func:`word_keys`)."""
    keys = set(pattern.anchor_words)
    for stem in pattern.anchor_stems:
        keys.add(stem[: STEM_LENGTHS[-1]] + "*")
    return keys
