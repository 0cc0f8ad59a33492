"""The phrase-pattern language of rubric definitions.

A pattern is a sequence of tokens separated by spaces, matched against a
sentence's normalised tokens (see :mod:`standards_check.text.sentences`):

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

A pattern is matched token by token, the way a backtracking regular expression
would be: the leftmost match wins; among alternatives that fit, the longest
written one is tried first (so a phrase wins over its first word); an optional
token is taken when present; a gap is as short as it can be. Nothing is compiled
to a regular expression: ``CompiledPattern.regex_source`` states the same pattern as
one over ``Sentence.norm``, for other tools (a property test holds the two to the
same matches). Compiling expressions for the often-tried patterns of a long run
was measured too: on 1,000 policies it saved nothing its compiling did not cost.

Each compiled pattern knows its *anchor*: the words (or stems) of one required
token, at least one of which must occur in a sentence for the pattern to match,
and the index keys of every required token. The scanner uses them to try a
pattern only on sentences that hold a word of each of its required tokens.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from standards_check.text.sentences import Sentence, word_positions

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
# compiled when first used (re keeps it): a run whose patterns come from the cache never does
_WORD = r"[a-z0-9\u00e0-\u024f']+\*?"
_GAP_TOKEN = re.compile(r"~(\d+)?")


class PatternError(ValueError):
    """A pattern is not valid; the message says why.

    ``index`` is the pattern's position in a list compiled at once
    (:func:`compile_patterns`), else None.
    """

    index: int | None = None


class Alternative(NamedTuple):
    words: tuple[str, ...]  # a phrase; any word may be a stem ending with '*'


class PatternMatch(NamedTuple):
    """Where a pattern matched a sentence, in token indexes (``sentence.tokens``)."""

    start: int  # the first token matched
    end: int  # one past the last token matched
    gaps: tuple[tuple[int, int], ...] = ()  # the tokens each gap (``~``) skipped, where it skipped any


class _Choice:
    """One token of a pattern: its alternatives, ready to be tried at a token.

    Alternatives are tried in a fixed order (longest written form first, so that
    a phrase wins over its first word); :meth:`lengths_at` gives the numbers of
    tokens the alternatives that fit consume, in that order, without repeats. When
    every alternative is one word or stem, the order cannot matter: a set of words
    and a tuple of stems decide (``single``).

    The words and stems an alternative can begin with are worked out from the
    token's text the first time one is read (``__getattr__`` runs only while they
    are unset): a pattern's later tokens are often never reached. A phrase token's
    alternatives that begin with a word are looked up in its text when a sentence
    first holds that word: most of a long vocabulary list never meets its word.
    """

    __slots__ = ("_token", "single", "exact", "first_words", "first_stems", "seen", "_text", "_by_word")

    def __init__(self, token: _Token) -> None:
        self._token = token

    def __getattr__(self, name: str) -> object:
        token = object.__getattribute__(self, "_token")  # AttributeError (not recursion) if unset
        if token is None or name not in _Choice.__slots__:
            raise AttributeError(name)
        text = token.text
        self.single = " " not in text  # every alternative is one word or stem
        words, _, stems = (text if self.single and "*" not in text else token.starts).partition("\t")
        self.first_words = self.exact = frozenset(words.split("|")) if words else frozenset()
        self.first_stems: tuple[str, ...] = tuple(stems.split("|")) if stems else ()
        # for a phrase token: its text between bars (an alternative is "|words|"),
        # the alternatives that can begin at a word, and the answers for the words
        # at hand, remembered (the same phrases recur in a run)
        self._text = "|" + text + "|"
        self._by_word: dict[str, tuple[list[tuple[int, tuple[str, ...]]], int]] = {}
        self.seen: dict[tuple[str, ...], tuple[int, ...]] = {}
        self._token = None  # built (a failure above is raised again on the next read)
        return object.__getattribute__(self, name)

    def lengths_at(self, words: tuple[str, ...], i: int) -> tuple[int, ...]:
        w = words[i]
        if self.single:
            return (1,) if w in self.exact or (self.first_stems and w.startswith(self.first_stems)) else ()
        if w not in self.exact and not (self.first_stems and w.startswith(self.first_stems)):
            return ()
        starting = self._by_word.get(w)
        if starting is None:
            if len(self._by_word) >= _SEEN_LIMIT:
                self._by_word.clear()
            starting = self._by_word[w] = self._starting(w)
        found, longest = starting
        window = words[i : i + longest]
        known = self.seen.get(window)
        if known is None:
            known = _lengths(found, window)
            if len(self.seen) >= _SEEN_LIMIT:
                self.seen.clear()
            self.seen[window] = known
        return known

    def _starting(self, word: str) -> tuple[list[tuple[int, tuple[str, ...]]], int]:
        """The alternatives that can begin at ``word``, in the order they are tried, as
        (place in the text, the words after the first), and the most words one has."""
        found = self._alternatives(word)
        for stem in self.first_stems:
            if word.startswith(stem):
                found += self._alternatives(stem + "*")
        found.sort()
        return found, 1 + max(len(rest) for _, rest in found)

    def _alternatives(self, first: str) -> list[tuple[int, tuple[str, ...]]]:
        """The alternatives whose first word is written ``first``: (place, later words)."""
        text = self._text
        found = []
        for needle in ("|" + first + " ", "|" + first + "|"):
            at = text.find(needle)
            while at >= 0:
                alt = text[at + 1 : text.index("|", at + 1)]
                found.append((at, tuple(alt.split(" ")[1:])))
                at = text.find(needle, at + 1)
        return found

    def can_start(self, word: str) -> bool:
        return word in self.first_words or (bool(self.first_stems) and word.startswith(self.first_stems))


def _lengths(found: list[tuple[int, tuple[str, ...]]], words: tuple[str, ...]) -> tuple[int, ...]:
    """The numbers of words the alternatives ``found`` consume at ``words[0]``, in order, without repeats."""
    out: list[int] = []
    total = len(words)
    for _, rest in found:
        if rest:
            if len(rest) >= total:
                continue
            if not all(_word_fits(r, words[1 + j]) for j, r in enumerate(rest)):
                continue
        size = 1 + len(rest)
        if size not in out:
            out.append(size)
    return tuple(out)


def _word_fits(pattern_word: str, token: str) -> bool:
    if pattern_word.endswith("*"):
        return token.startswith(pattern_word[:-1])
    return token == pattern_word


_REQUIRED, _OPTIONAL, _GAP = 0, 1, 2
_SEEN_LIMIT = 256  # answers remembered per token (a bound on memory over a long run)
_BOUNDARY_TOKEN = "//"


def _match_from(steps: tuple, k: int, words: tuple[str, ...], i: int, gaps: list) -> int:
    """End of the first way ``steps[k:]`` match ``words`` from token ``i`` (-1: none).

    Tries the ways in the order a backtracking regex engine would: alternatives in
    their order, an optional token present before absent, a gap as short as it can be.
    """
    if k == len(steps):
        return i
    kind, arg, slot = steps[k]
    total = len(words)
    if kind == _GAP:
        # a gap is always followed by a token; when that token is required, only the
        # places where one of its words stands are worth trying
        after = steps[k + 1]
        required = after[0] == _REQUIRED
        if required:  # its words and stems, read once (can_start, inline)
            first_words, first_stems = after[1].first_words, after[1].first_stems
        for size in range(arg + 1):
            j = i + size
            if size and (j > total or words[j - 1] == _BOUNDARY_TOKEN):
                return -1
            if required:
                if j >= total:
                    return -1
                w = words[j]
                if w not in first_words and not (first_stems and w.startswith(first_stems)):
                    continue
            gaps[slot] = (i, j)
            end = _match_from(steps, k + 1, words, j, gaps)
            if end >= 0:
                return end
        return -1
    if i < total:
        if arg.single:
            w = words[i]
            if w in arg.exact or (arg.first_stems and w.startswith(arg.first_stems)):
                end = _match_from(steps, k + 1, words, i + 1, gaps)
                if end >= 0:
                    return end
        else:
            for size in arg.lengths_at(words, i):
                end = _match_from(steps, k + 1, words, i + size, gaps)
                if end >= 0:
                    return end
    if kind == _OPTIONAL:
        return _match_from(steps, k + 1, words, i, gaps)
    return -1


class CompiledPattern:
    """A pattern ready to match: its steps, anchor and required words.

    Matching works on a sentence's tokens (:meth:`search`, :meth:`finditer`).
    """

    __slots__ = (
        "source", "steps", "required_keys", "_parsed", "_rows", "_gap_count",
        "_start_words", "_start_stems", "_compiled",
    )

    def __init__(self, source: str, parsed: tuple[tuple[bool, _Token] | int, ...] | None,
                 required_keys: tuple[frozenset[str], ...]) -> None:
        self.source = source
        # the parsed pattern: (optional, token) or a gap's size, in order (None: still
        # in the rows of a cache table, _rows)
        self._parsed = parsed
        self._rows: tuple[list, _TokenRows] | None = None
        # index keys of every required token, the most specific token (the anchor)
        # first (see word_keys): a sentence lacking all keys of a token cannot match,
        # so the pattern is not even tried
        self.required_keys = required_keys
        self.steps: tuple | None = None  # the matching plan, prepared on first use
        self._gap_count = 0
        self._start_words: frozenset[str] | None = None
        self._start_stems: tuple[str, ...] = ()
        self._compiled: re.Pattern[str] | None = None  # for the regex property

    @classmethod
    def _from_rows(cls, source: str, rows: list, tokens: _TokenRows, required_keys: tuple[frozenset[str], ...]) -> CompiledPattern:
        """A pattern read back from a cache table: its rows are parsed when it is first used."""
        pattern = cls(source, None, required_keys)
        pattern._rows = (rows, tokens)
        return pattern

    @property
    def parsed(self) -> tuple[tuple[bool, _Token] | int, ...]:
        """The pattern's tokens in order: ``(optional, token)``, or the size of a gap."""
        if self._parsed is None:
            assert self._rows is not None
            rows, tokens = self._rows
            self._parsed = tuple((row & 1 == 1, tokens.token(row >> 1)) if row >= 0 else -1 - row for row in rows)
            self._rows = None
        return self._parsed

    @property
    def gap_count(self) -> int:
        """How many gaps (``~``) the pattern has."""
        return sum(1 for item in self.parsed if type(item) is int)

    @property
    def anchor_words(self) -> frozenset[str]:
        """Words of which a sentence the pattern matches holds one, or else a word
        beginning with one of :attr:`anchor_stems`: the index keys of its anchor token
        (for a phrase, its rarest word)."""
        return frozenset(k for k in self.required_keys[0] if not k.endswith("*"))

    @property
    def anchor_stems(self) -> frozenset[str]:
        """Stems (without ``*``, at most eight letters): see :attr:`anchor_words`."""
        return frozenset(k[:-1] for k in self.required_keys[0] if k.endswith("*"))

    def _prepare(self) -> tuple:
        """Build the matching tables (most patterns of a run never meet a sentence they could match)."""
        plan = []
        gaps = 0
        for item in self.parsed:
            if type(item) is int:
                plan.append((_GAP, item, gaps))
                gaps += 1
            else:
                optional, token = item
                plan.append((_OPTIONAL if optional else _REQUIRED, token.choice(), None))
        steps = tuple(plan)
        self._gap_count = gaps
        # the words and stems a match can begin with (None: any token, when a gap comes first)
        if steps[0][0] == _REQUIRED:  # most patterns: its first token's
            self._start_words = steps[0][1].first_words
            self._start_stems = steps[0][1].first_stems
        else:
            start_words: set[str] | None = set()
            start_stems: set[str] = set()
            for kind, arg, _ in steps:
                if kind == _GAP:
                    start_words = None
                    break
                start_words.update(arg.first_words)
                start_stems.update(arg.first_stems)
                if kind == _REQUIRED:
                    break
            self._start_words = frozenset(start_words) if start_words is not None else None
            self._start_stems = tuple(sorted(start_stems))
        self.steps = steps
        return steps

    def search(self, sentence: Sentence | tuple[str, ...], start: int = 0) -> PatternMatch | None:
        """The leftmost match that begins at token ``start`` or later, or None.

        ``sentence`` is a :class:`~standards_check.text.sentences.Sentence` or a tuple of
        normalised token texts.
        """
        steps = self.steps or self._prepare()
        if isinstance(sentence, tuple):
            words = sentence
            positions = word_positions(words)
        else:
            words = sentence.token_texts
            positions = sentence.word_positions
        starts = self._starts(positions, len(words))
        if not starts:
            return None  # no word a match could begin with
        gaps: list = [None] * self._gap_count
        for i in starts:
            if i < start:
                continue
            end = _match_from(steps, 0, words, i, gaps)
            if end >= 0:
                return PatternMatch(i, end, tuple(g for g in gaps if g[1] > g[0]) if gaps else ())
        return None

    def _starts(self, positions: dict[str, list[int]], length: int) -> Iterable[int]:
        """The token indexes, in order, where a match could begin (any, when a gap comes first)."""
        if self._start_words is None:
            return range(length)
        found = [i for w in self._start_words & positions.keys() for i in positions[w]]
        if self._start_stems:
            stems = self._start_stems
            found += [i for w, where in positions.items() if w.startswith(stems) and w not in self._start_words for i in where]
        found.sort()
        return found

    def finditer(self, sentence: Sentence | tuple[str, ...]) -> Iterator[PatternMatch]:
        """Every match, left to right, none overlapping the one before (like ``re.finditer``)."""
        pos = 0
        while True:
            m = self.search(sentence, pos)
            if m is None:
                return
            yield m
            pos = m.end

    @property
    def regex_source(self) -> str:
        """The same pattern as a regular expression over ``Sentence.norm`` (for other tools)."""
        pieces = []
        gap = 0
        for tok in self.parsed:
            if isinstance(tok, int):
                pieces.append(f"(?P<g{gap}>(?:(?!// )[^ ]+ ){{0,{tok}}}?)")
                gap += 1
            else:
                optional, token = tok
                body = "(?:" + "|".join(_alternative_regex(a) for a in token.alts) + ") "
                pieces.append(f"(?:{body})?" if optional else body)
        return "(?<= )" + "".join(pieces)

    @property
    def regex(self) -> re.Pattern[str]:
        """:attr:`regex_source` compiled, over ``Sentence.norm`` (prefer :meth:`search`)."""
        if self._compiled is None:
            self._compiled = re.compile(self.regex_source)
        return self._compiled

    def __repr__(self) -> str:
        return f"CompiledPattern({self.source!r})"


def _alternative_regex(alt: Alternative) -> str:
    return " ".join(re.escape(w[:-1]) + "[^ ]*" if w.endswith("*") else re.escape(w) for w in alt.words)


@functools.cache
def _alternative(alt: str) -> tuple[int, Alternative]:
    """The alternative written ``alt`` and the length of its written form as a regex (its order)."""
    words = alt.replace("_", " ").split()
    if not words:
        raise PatternError(f"empty alternative in {alt!r}")
    for w in words:
        if not re.fullmatch(_WORD, w):
            raise PatternError(f"{w!r} is not a lower-case word or stem (letters, digits, apostrophes, a final '*')")
        if w.endswith("*") and len(w) - 1 < STEM_LENGTHS[0]:
            raise PatternError(f"stem {w!r} is too short: a stem needs at least {STEM_LENGTHS[0]} letters")
    # the stem and "[^ ]*", or the word (a valid word needs no escaping), and the spaces between
    size = len(words) - 1 + sum(len(w) + 4 if w.endswith("*") else len(w) for w in words)
    return size, Alternative(tuple(words))


class _Part:
    """One ``|``-separated part of a token: a word or phrase, or a vocabulary list's entries."""

    __slots__ = ("sized", "keys", "cost", "shortest")

    def __init__(self, entries: tuple[str, ...]) -> None:
        sized = self.sized = [_alternative(a.lower()) for a in entries]  # (order key, alternative)
        if len(sized) == 1:  # most parts are one word: the same, without the loops
            alt = sized[0][1]
            first = alt.words[0]
            self.keys = frozenset((_key(first) if len(alt.words) == 1 else _rarest_key(alt),))
            self.cost = _word_cost(first)[0]
            self.shortest = len(first)
            return
        firsts = [a.words[0] for _, a in sized]
        # index keys of the part's alternatives (see word_keys): a sentence that an
        # alternative matches holds every word of it, so its rarest word stands for it
        self.keys = frozenset(_key(a.words[0]) if len(a.words) == 1 else _rarest_key(a) for _, a in sized)
        # how many sentences the words are expected to occur in: a common word
        # ("you", "staff") makes a poor anchor, a rare one ("voluntary") a good one
        self.cost = sum(_word_cost(w)[0] for w in firsts)
        self.shortest = min(len(w) for w in firsts) if firsts else 0


def _word_cost(word: str) -> tuple[int, int]:
    """How many sentences ``word`` is expected to occur in (lower: rarer), longer words first."""
    if word.endswith("*"):
        return (40 if word[:-1] in _COMMON_PREFIXES else 4, -len(word))
    return (40 if word in COMMON_WORDS else 1, -len(word))


def _rarest_key(alt: Alternative) -> str:
    """The index key of the rarest word of a phrase."""
    return _key(min(alt.words, key=_word_cost))


@functools.cache
def _part(part: str | tuple[str, ...]) -> _Part:
    return _Part((part,) if isinstance(part, str) else part)


class _Token:
    """One word-token of a pattern, its alternatives resolved (shared by every pattern that writes it).

    Its index keys and cost are known at once. Its alternatives in the order they
    are tried are also its :attr:`text` (what a cache keeps); its matching tables are
    worked out when a sentence is first tried (most tokens of a run never are).
    """

    __slots__ = ("parts", "keys", "cost", "_text", "_starts", "_alts", "_choice")

    def __init__(self, parts: tuple[_Part, ...] | None, keys: frozenset[str] | None = None,
                 cost: tuple[int, int] | None = None, text: str | None = None, starts: str | None = None) -> None:
        # the parts; or, for a token read back from a cache, its text, keys, cost and starts
        self.parts = parts
        self._text = text
        self._starts = starts
        self._alts: tuple[Alternative, ...] | None = None
        self._choice: _Choice | None = None
        if parts is not None:
            self.keys = frozenset().union(*(p.keys for p in parts))
            self.cost = (sum(p.cost for p in parts), -min(p.shortest for p in parts))
        else:
            assert keys is not None and cost is not None and text is not None
            self.keys = keys
            self.cost = cost

    @property
    def alts(self) -> tuple[Alternative, ...]:
        """The alternatives in the order they are tried: longest written form first, so
        that a phrase wins over its first word."""
        if self._alts is None:
            if self.parts is None:
                self._alts = tuple(Alternative(tuple(alt.split(" "))) for alt in self.text.split("|"))
            else:
                sized = [sa for p in self.parts for sa in p.sized]
                sized.sort(key=lambda sa: sa[0], reverse=True)
                self._alts = tuple(a for _, a in sized)
        return self._alts

    @property
    def text(self) -> str:
        """:attr:`alts` as text: each alternative's words joined by spaces, the alternatives by ``|``."""
        if self._text is None:
            self._text = "|".join(" ".join(a.words) for a in self.alts)
        return self._text

    @property
    def starts(self) -> str:
        """The words its alternatives begin with, then a tab and the stems (without ``*``)
        they begin with, if any: each once, sorted, joined by ``|``."""
        if self._starts is None:
            firsts = {alt.split(" ", 1)[0] for alt in self.text.split("|")}
            words = "|".join(sorted(w for w in firsts if not w.endswith("*")))
            stems = "|".join(sorted(w[:-1] for w in firsts if w.endswith("*")))
            self._starts = f"{words}\t{stems}" if stems else words
        return self._starts

    def choice(self) -> _Choice:
        """The token's matching tables (built the first time a sentence needs them)."""
        if self._choice is None:
            self._choice = _Choice(self)
        return self._choice


@functools.cache
def _token(parts: tuple[str | tuple[str, ...], ...]) -> _Token:
    """The token whose alternatives are ``parts`` (a word or phrase, or a vocabulary list's entries)."""
    return _Token(tuple(_part(p) for p in parts))


def compile_pattern(source: str, vocabulary: dict[str, tuple[str, ...]]) -> CompiledPattern:
    """Compile ``source`` with macros from ``vocabulary``; raise PatternError if invalid."""
    raw_tokens = source.strip().lower().split()
    if not raw_tokens:
        raise PatternError("the pattern is empty")
    parsed: list[tuple[bool, _Token] | int] = []
    has_required = False
    last_was_gap = True
    for tok in raw_tokens:
        gap = _GAP_TOKEN.fullmatch(tok) if tok[0] == "~" else None
        if gap:
            size = int(gap.group(1)) if gap.group(1) else DEFAULT_GAP
            if size > MAX_GAP:
                raise PatternError(f"gap {tok!r} is larger than ~{MAX_GAP}")
            if last_was_gap:
                raise PatternError("a gap must stand between two words")
            parsed.append(size)
            last_was_gap = True
            continue
        optional = tok.endswith("?")
        if optional:
            tok = tok[:-1]
        parts: list[str | tuple[str, ...]] = []
        for part in tok.split("|"):
            if part.startswith("{") and part.endswith("}"):
                name = part[1:-1]
                if name not in vocabulary:
                    raise PatternError(f"unknown vocabulary {part!r}")
                parts.append(tuple(vocabulary[name]))
            else:
                parts.append(part)
        parsed.append((optional, _token(tuple(parts))))
        has_required = has_required or not optional
        last_was_gap = False
    if last_was_gap:
        raise PatternError("a pattern cannot end with a gap")
    if not has_required:
        raise PatternError("a pattern needs at least one word that is not optional")
    return _assemble(source, tuple(parsed))


def _assemble(source: str, parsed: tuple[tuple[bool, _Token] | int, ...]) -> CompiledPattern:
    """The compiled pattern of a parsed one: its tokens and its required tokens, the most specific first."""
    # anchor: the required token whose alternatives are the most specific; the keys of
    # the required tokens are listed from the most specific, so that a scan stops early
    return CompiledPattern(source, parsed, tuple(t.keys for t in _by_cost(parsed)))


def _by_cost(parsed: tuple[tuple[bool, _Token] | int, ...]) -> list[_Token]:
    """The required tokens of a parsed pattern, the most specific first."""
    return sorted((item[1] for item in parsed if type(item) is not int and not item[0]), key=lambda t: t.cost)


def pattern_table(patterns: Iterable[CompiledPattern]) -> dict[str, list]:
    """Compiled patterns as plain data (lists, strings, numbers), for a cache of compiled patterns.

    A token that patterns share is written once: its alternatives in the order they
    are tried (:attr:`_Token.text`), its index keys, its cost and the words and stems
    its alternatives begin with (:attr:`_Token.starts`; empty when they are its text),
    so that reading it back needs no compiling. A pattern is its source, its items (a token ``i`` as
    ``2 * i``, plus one when optional; a gap of ``n`` tokens as ``-1 - n``) and its
    required tokens, the most specific first. :func:`patterns_from_table` turns the table back into
    patterns that match alike, in the same order.
    """
    tokens: list[list] = []
    token_at: dict[int, int] = {}  # id of a token -> its row
    out: list[list] = []
    for pattern in patterns:
        items: list = []
        for item in pattern.parsed:
            if isinstance(item, int):
                items.append(-1 - item)  # a gap of that size
                continue
            optional, token = item
            at = token_at.get(id(token))
            if at is None:
                at = token_at[id(token)] = len(tokens)
                # its starts too, unless they are its text (single words, no stems)
                text = token.text
                starts = token.starts if " " in text or "*" in text else ""
                tokens.append([text, " ".join(sorted(token.keys)), *token.cost, starts])
            items.append(2 * at + optional)  # the token's row, and whether it is optional
        out.append([pattern.source, items, [token_at[id(t)] for t in _by_cost(pattern.parsed)]])
    return {"tokens": tokens, "patterns": out}


def patterns_from_table(table: dict[str, list]) -> list[CompiledPattern]:
    """The patterns a :func:`pattern_table` describes (a malformed table raises, any error).

    What a run needs of every pattern at once (its required tokens' index keys) is
    read at once; its tokens, when it is first tried, and a token's matching tables,
    when a sentence first needs them (most patterns and tokens of a run never are).
    """
    tokens = _TokenRows(table["tokens"])
    keys = tokens.keys
    count = len(tokens.rows)
    entries = table["patterns"]
    # checked a column at a time (each check one pass in C)
    if type(entries) is not list or not set(map(type, entries)) <= _LIST or set(map(len, entries)) - {3}:
        raise ValueError("not a table of compiled patterns")
    sources, items, required = zip(*entries, strict=True) if entries else ((), (), ())
    if entries and (
        not set(map(type, sources)) <= _STR or not set(map(type, items)) <= _LIST or not set(map(type, required)) <= _LIST
        or not all(items) or not all(required)
        or not set(map(type, itertools.chain.from_iterable(items))) <= _INT
        or not set(map(type, itertools.chain.from_iterable(required))) <= _INT
        or min(map(min, items)) < -1 - MAX_GAP or max(map(max, items)) >= 2 * count
        or min(map(operator.itemgetter(0), items)) < 0 or min(map(operator.itemgetter(-1), items)) < 0
        or min(map(min, required)) < 0 or max(map(max, required)) >= count
    ):
        raise ValueError("not a table of compiled patterns")
    from_rows = CompiledPattern._from_rows
    return [from_rows(source, rows, tokens, tuple([keys(i) for i in needs])) for source, rows, needs in entries]


_INT = {int}
_STR = {str}
_LIST = {list}


class _TokenRows:
    """The tokens of a cache table (see :func:`pattern_table`), each made when first asked for."""

    __slots__ = ("rows", "_keys", "_tokens")

    def __init__(self, rows: list) -> None:
        # checked a column at a time (each check one pass in C, but the last)
        if type(rows) is not list or not set(map(type, rows)) <= _LIST or set(map(len, rows)) - {5}:
            raise ValueError("not a table of tokens")
        texts, keys, c0, c1, starts = zip(*rows, strict=True) if rows else ((), (), (), (), ())
        if rows and (
            not set(map(type, texts)) <= _STR or not all(texts) or not set(map(type, keys)) <= _STR or not all(keys)
            or not set(map(type, c0)) <= _INT or not set(map(type, c1)) <= _INT or not set(map(type, starts)) <= _STR
            or [bool(s) for s in starts] != [" " in t or "*" in t for t in texts]
        ):
            raise ValueError("not a table of tokens")
        self.rows = rows
        self._keys: list[frozenset[str] | None] = [None] * len(rows)
        self._tokens: list[_Token | None] = [None] * len(rows)

    def keys(self, i: int) -> frozenset[str]:
        """The index keys of token ``i``."""
        found = self._keys[i]
        if found is None:
            found = self._keys[i] = frozenset(self.rows[i][1].split(" "))
        return found

    def token(self, i: int) -> _Token:
        """Token ``i``."""
        found = self._tokens[i]
        if found is None:
            text, _, c0, c1, starts = self.rows[i]
            found = self._tokens[i] = _Token(None, self.keys(i), (c0, c1), text, starts or None)
        return found


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



def compile_patterns(sources: Sequence[str], vocabulary: Mapping[str, Sequence[str]]) -> list[CompiledPattern]:
    """Compile every pattern of ``sources`` with macros from ``vocabulary``, in order.

    An invalid pattern raises :class:`PatternError` with its position in ``sources``
    as the error's ``index``.
    """
    words = {str(name): tuple(entries) for name, entries in vocabulary.items()}
    compiled = []
    for i, source in enumerate(sources):
        try:
            compiled.append(compile_pattern(source, words))
        except PatternError as exc:
            exc.index = i
            raise
    return compiled
