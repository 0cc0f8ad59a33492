"""Policy text as sentences and tokens, each traceable to its source line.

Rubrics match on sentences. A sentence keeps its original wording (for quoting)
and a normalised token stream (for matching): lower case, contractions expanded
("won't" -> "will not"), hyphenated words split ("non-compliant" -> "non
compliant"), possessive "'s" dropped, and punctuation reduced to two marker
tokens: ``,`` for a comma and ``//`` for a strong clause boundary (``;``, ``:``,
a dash). Items of a list that follows a lead-in line ending with ``:`` keep that
lead-in as context, so "Residents must:" / "- attend house meetings" is read as
one statement, while the quote stays the list item.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate
from operator import add
from typing import Generic, NamedTuple, TypeVar, overload

from standards_check.model.document import Policy

# Contractions expanded before matching; the value replaces the whole token.
_CONTRACTIONS = {
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
    "let's": ("let", "us"),
    "it's": ("it", "is"),
    "that's": ("that", "is"),
    "there's": ("there", "is"),
    "here's": ("here", "is"),
    "what's": ("what", "is"),
    "who's": ("who", "is"),
    "he's": ("he", "is"),
    "she's": ("she", "is"),
    "nobody's": ("nobody", "is"),
    "no-one's": ("no", "one", "is"),
    "everyone's": ("everyone", "is"),
}
_SUFFIXES = (("n't", ("not",)), ("'re", ("are",)), ("'ll", ("will",)), ("'ve", ("have",)), ("'d", ("would",)), ("'m", ("am",)))

_TOKEN = re.compile(
    r"[A-Za-z0-9\u00C0-\u024F]+(?:['\u2019][A-Za-z]+)*"  # words, with apostrophes inside
    r"|[;:\u2014\u2013]|(?<=\s)-(?=\s)|,"  # clause punctuation
)
_QUOTE_PAIRS = re.compile(r"\"[^\"\n]{1,300}\"|\u201c[^\u201d\n]{1,300}\u201d|(?<![A-Za-z])'[^'\n]{1,80}'(?![A-Za-z])|\u2018[^\u2019\n]{1,80}\u2019")

# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "e.g i.e etc vs dr mr mrs ms st no nos inc ltd co jr sr approx dept a.m p.m u.s sec ch art fig ref min max".split()
)
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25aa\u25e6]|\(?[0-9]{1,3}[.)]|\(?[a-zA-Z][.)])\s+")
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")  # [A-Za-z.]


class Token(NamedTuple):
    """One normalised token and the span of original text it came from.

    An immutable named tuple (cheap to create: a sentence has dozens of them).
    """

    text: str
    start: int  # offset in Sentence.source_text
    end: int


_new_tuple = tuple.__new__


class _Reading(NamedTuple):
    """What a sentence's wording reads as: the part of a :class:`Sentence` worked out from
    its text and lead-in (see :func:`_read`)."""

    tokens: tuple[Token, ...]
    context_tokens: int
    norm: str
    token_starts: tuple[int, ...]
    quoted: tuple[tuple[int, int], ...]


_T = TypeVar("_T")


class _ReadField(Generic[_T]):
    """A field of a sentence's :class:`_Reading`, worked out on first use.

    The first read of any of them reads the wording into tokens and keeps every
    field in the sentence's ``__dict__``, where later reads find them at once (this
    descriptor defines no ``__set__``, so the instance's own value wins). A sentence
    whose wording was read before (see :class:`RecentWordings`) is often never read
    into tokens at all.
    """

    __slots__ = ("name",)

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, sentence: None, owner: type) -> _ReadField[_T]: ...

    @overload
    def __get__(self, sentence: Sentence, owner: type | None = None) -> _T: ...

    def __get__(self, sentence: Sentence | None, owner: type | None = None) -> _T | _ReadField[_T]:
        if sentence is None:  # read on the class (help(), documentation tools)
            return self
        reading = _read(sentence.text, sentence.context)
        sentence.__dict__.update(zip(_Reading._fields, reading, strict=True))
        return sentence.__dict__[self.name]


@dataclass(frozen=True)
class Sentence:
    """A sentence of a policy, ready for matching.

    ``text`` is the sentence as written (whitespace folded) and is what a report
    quotes. ``tokens`` are the normalised tokens of ``context + text``; the first
    ``context_tokens`` of them come from the lead-in of a list, if any. ``norm`` is
    the tokens joined by single spaces with a leading and trailing space, and
    ``token_starts[i]`` is the offset in ``norm`` where token ``i`` starts.
    ``quoted`` holds the spans of :attr:`source_text` inside quotation marks. These
    are worked out from ``text`` and ``context`` when first read.
    """

    policy_id: str
    line: int
    index: int  # position of the sentence in its policy
    text: str
    context: str

    # worked out from text and context when first read
    tokens = _ReadField[tuple[Token, ...]]()
    context_tokens = _ReadField[int]()
    norm = _ReadField[str]()
    token_starts = _ReadField[tuple[int, ...]]()  # offset in norm where each token starts
    quoted = _ReadField[tuple[tuple[int, int], ...]]()  # spans of source_text inside quotation marks

    @property
    def source_text(self) -> str:
        """The text the tokens' offsets refer to: context, a space, then text."""
        return f"{self.context} {self.text}" if self.context else self.text

    @property
    def quote(self) -> str:
        """The sentence as a report quotes it: a list item follows its lead-in after an
        ellipsis, since the bullet between them in the policy is not quoted."""
        return f"{self.context} \u2026 {self.text}" if self.context else self.text

    @property
    def own_start(self) -> int:
        """The first token of the sentence's own words when its context is a sentence read
        with it (one it points back to, a question it answers, its heading); 0 when the
        context is a list's lead-in, whose words are the item's own."""
        return self.context_tokens if self.context and not self.context.endswith(":") else 0

    def span(self, first: Token, last: Token) -> str:
        """The policy's words from token ``first`` to token ``last``, as :attr:`quote` shows
        them: across the lead-in and the sentence, with the ellipsis between."""
        source = self.source_text
        if self.context and first.start < len(self.context) < last.end:
            return f"{source[first.start : len(self.context)].rstrip()} \u2026 {source[len(self.context) + 1 : last.end]}"
        return source[first.start : last.end]

    def token_index(self, norm_offset: int) -> int:
        """Index of the token starting at or covering ``norm_offset`` of ``norm``."""
        return max(0, bisect.bisect_right(self.token_starts, norm_offset) - 1)

    @functools.cached_property
    def token_texts(self) -> tuple[str, ...]:
        """The normalised text of each token, in order (what patterns match)."""
        return tuple(t.text for t in self.tokens)

    @functools.cached_property
    def word_positions(self) -> dict[str, list[int]]:
        """For each distinct normalised word, the token indexes where it stands."""
        return word_positions(self.token_texts)

    @functools.cached_property
    def clause_spans(self) -> tuple[tuple[int, int], ...]:
        """For each token, the range [start, end) of its clause: the tokens between two
        strong clause boundaries (``//``), the boundary itself ending the clause before it."""
        texts = self.token_texts
        spans: list[tuple[int, int]] = []
        start = 0
        # a sentence read with this one neither negates, hedges nor gives the subject of
        # this one: it ends a clause as a "//" would
        back = self.own_start or -1
        for i, text in enumerate(texts):
            if i == back:
                spans.extend([(start, i)] * (i - len(spans)))
                start = i
            if text == "//":
                spans.extend([(start, i)] * (i + 1 - len(spans)))
                start = i + 1
        spans.extend([(start, len(texts))] * (len(texts) - len(spans)))
        return tuple(spans)

    def words(self) -> set[str]:
        return {t.text for t in self.tokens}

    def is_quoted(self, start: int, end: int) -> bool:
        """Whether the original span [start, end) lies inside quotation marks."""
        return any(qs <= start and end <= qe for qs, qe in self.quoted)


def reread(sentence: Sentence, keep: tuple[int | Token, ...]) -> Sentence:
    """``sentence`` read as the tokens at the indexes ``keep`` only, in that order; a
    :class:`Token` in ``keep`` stands for itself (a word read in place of the one whose
    span it keeps, as an answer's "Yes" makes its question a statement).

    The result quotes and cites as ``sentence`` does (same text, context, line and
    index); only what patterns see changes. See :mod:`standards_check.text.structure`.
    """
    tokens = sentence.tokens
    kept = tuple(i if isinstance(i, Token) else tokens[i] for i in keep)
    texts = [t[0] for t in kept]
    starts = tuple(map(add, accumulate(map(len, texts), initial=1), range(len(texts))))
    reading = Sentence(sentence.policy_id, sentence.line, sentence.index, sentence.text, sentence.context)
    context_tokens = sentence.context_tokens
    reading.__dict__.update(
        tokens=kept,
        context_tokens=sum(1 for i in keep if not isinstance(i, Token) and i < context_tokens),
        norm=" " + " ".join(texts) + " ",
        token_starts=starts,
        quoted=sentence.quoted,
    )
    return reading


def word_positions(words: Iterable[str]) -> dict[str, list[int]]:
    """For each distinct word, the indexes where it stands."""
    positions: dict[str, list[int]] = {}
    for i, w in enumerate(words):
        where = positions.get(w)
        if where is None:
            positions[w] = [i]
        else:
            where.append(i)
    return positions


_Kept = TypeVar("_Kept")


class RecentWordings(Generic[_Kept]):
    """What was found in sentences, kept by wording for the wordings read most recently.

    All that a sentence is made of but its place (policy, line) is its wording: its
    text and its list lead-in (``context``). What a pass over one sentence finds
    that depends on nothing else can be kept here and given to every sentence worded
    so, rather than found again: corpora repeat wordings (an agency's programs share a
    handbook; model language is copied). At most ``limit`` wordings are kept, the
    least recently used going first, so a long run's memory stays flat. The rubric
    patterns' matches are kept so, and the built-in language lexicon's.
    """

    def __init__(self, limit: int = 10_000) -> None:
        self.limit = limit
        self._kept: OrderedDict[tuple[str, str], _Kept] = OrderedDict()

    def get(self, sentence: Sentence) -> _Kept | None:
        """What was found in a sentence worded as ``sentence``, if one was read lately; None if not."""
        key = (sentence.text, sentence.context)
        found = self._kept.get(key)
        if found is not None:
            self._kept.move_to_end(key)
        return found

    def put(self, sentence: Sentence, found: _Kept) -> None:
        """Keep what was found in ``sentence`` for every sentence worded so."""
        self._kept[(sentence.text, sentence.context)] = found
        while len(self._kept) > self.limit:
            self._kept.popitem(last=False)

    def clear(self) -> None:
        """Forget every wording."""
        self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)

    def __contains__(self, wording: object) -> bool:
        """Whether the findings of ``wording``, a ``(text, context)`` pair, are kept."""
        return wording in self._kept


@functools.lru_cache(maxsize=65536)
def _normalise_word(word: str) -> tuple[str, ...]:
    word = word.lower().replace("\u2019", "'")
    if word in _CONTRACTIONS:
        return _CONTRACTIONS[word]
    for suffix, expansion in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            base = word[: -len(suffix)]
            if suffix == "n't" and base == "ca":
                base = "can"
            elif suffix == "n't" and base == "wo":
                base = "will"
            return (base, *expansion)
    if word.endswith("'s"):
        return (word[:-2],)
    if word.endswith("s'"):
        return (word[:-1],)
    return (word.strip("'"),)


# The normalised token texts of each raw token matched by _TOKEN (memoised).
_PARTS: dict[str, tuple[str, ...]] = {}
_PARTS_LIMIT = 65536


def _parts(raw: str) -> tuple[str, ...]:
    if raw == ",":
        parts: tuple[str, ...] = (",",)
    elif raw in ";:\u2014\u2013-":
        parts = ("//",)
    else:
        parts = tuple(part for part in _normalise_word(raw) if part)
    if len(_PARTS) >= _PARTS_LIMIT:
        _PARTS.clear()
    _PARTS[raw] = parts
    return parts


def tokenize(text: str) -> list[Token]:
    """Normalised tokens of ``text`` with their original spans."""
    tokens: list[Token] = []
    append = tokens.append
    known = _PARTS.get
    new = _new_tuple
    for m in _TOKEN.finditer(text):
        raw = m.group()
        start, end = m.span()
        for part in known(raw) or _parts(raw):
            append(new(Token, (part, start, end)))
    return tokens


def _hyphen_aware_text(text: str) -> str:
    # "non-compliant" reads as two words; a dash between spaces is a clause break.
    return _INNER_HYPHEN.sub(" ", text) if "-" in text else text


def _read(text: str, context: str) -> _Reading:
    """What a sentence worded ``text``, under the lead-in ``context``, reads as."""
    source = f"{context} {text}" if context else text
    readable = _hyphen_aware_text(source)
    if context.endswith(":"):
        # the lead-in's colon joins it to the item: "Residents must: attend ..."
        readable = readable[: len(context) - 1] + " " + readable[len(context) :]
    tokens = tuple(tokenize(readable))
    context_tokens = 0
    if context:
        # tokens come in order of their start, so those of the context lead
        limit = len(context)
        for t in tokens:
            if t[1] >= limit:
                break
            context_tokens += 1
    texts = [t[0] for t in tokens]
    # token i starts after the leading space, the i texts before it and their i spaces
    starts = tuple(map(add, accumulate(map(len, texts), initial=1), range(len(texts))))
    norm = " " + " ".join(texts) + " "
    if '"' in source or "'" in source or "\u201c" in source or "\u2018" in source:
        quoted = tuple(m.span() for m in _QUOTE_PAIRS.finditer(source))
    else:
        quoted = ()
    return _Reading(tokens, context_tokens, norm, starts, quoted)


def _ends_sentence(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends a sentence (not an abbreviation)."""
    # the run of [A-Za-z.] that ends the text before the stop (or before a final
    # newline there, as ``$`` would allow), found without scanning the whole text
    end = dot
    if end > 0 and text[end - 1] == "\n":
        end -= 1
    start = end
    while start > 0 and text[start - 1] in _WORD_CHARS:
        start -= 1
    if start < end:
        word = text[start:end].lower().strip(".")
        if word in ("no", "nos"):
            # "No. 4" is a number; "The answer is no. You may stop." ends a sentence
            return not text[dot + 1 : dot + 3].strip()[:1].isdigit()
        if word in _ABBREVIATIONS and word not in _BEFORE_NAMES:
            # "30 min. You may leave" ends a sentence; "art. 4", "St. Mary's" do not
            following = _NEXT_WORD.match(text, dot + 1)
            return following is not None and following.group(1) in _SENTENCE_STARTERS
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False
    return True


# abbreviations that always stand before a name ("Dr. Lee"), never at a sentence's end
_BEFORE_NAMES = frozenset({"dr", "mr", "mrs", "ms", "e.g", "i.e", "vs"})
# the capitalised words a policy's next sentence usually opens with
_SENTENCE_STARTERS = frozenset(
    "You We The A An If Our Your This That These Those It They All Any Each Every No Staff Please When Members "
    "Residents Participants Peer Peers There In For As At On After Before During".split()
)
_NEXT_WORD = re.compile(r"\s+([A-Z][a-z]*)\b")


_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)]*(?=\s+|$)")


# A sentence that points back to the one before it: "Anyone who ignores this ...",
# "Violation of this rule ...", "Such behaviour ...", "Failure to do so ...".
_POINTS_BACK = re.compile(
    r"\b(?:this|these|that|those|such|the above|any of the above|the preceding|said)\s+"
    r"(?:rules?|polic(?:y|ies)|requirements?|expectations?|conditions?|guidelines?|standards?|behaviou?rs?|conduct|"
    r"terms?|agreements?|provisions?|obligations?|restrictions?|decisions?|choices?|requests?|cases?|situations?|incidents?|actions?)\b"
    r"|\b(?:ignores?|ignoring|breaks?|breaking|violates?|violating|disregards?|disregarding)\s+(?:this|that|it|these)\b"
    r"|\b(?:violations?|breach(?:es)?) of (?:this|these|that|the above|any of the above)\b"
    r"|\b(?:rules?|standards?|guidelines?|conditions?|requirements?) above\b"
    r"|\b(?:fails?|failure|failing|refuses?|refusal|refusing) to do so\b"
    r"|\bdoes not do so\b|\bdo not do so\b"
    # a verb with no object: "Anyone who stops will be discharged"
    r"|\b(?:who|that)\s+(?:stops|refuses|declines|fails|misses|breaks|ignores|violates|does not)\s+(?:will|shall|may|must|can|is|are)\b",
    re.IGNORECASE,
)

# the sentences after a question that are read as its answer
_ANSWER_SENTENCES = 2
# a line this short without a full stop is a heading; a sentence this short without a verb is a fragment
_HEADING_WORDS = 8
_FRAGMENT_WORDS = 4
_VERBS = frozenset(
    "is are was were be been am will would shall should can could may might must do does did has have had "
    "isn't aren't won't can't don't doesn't".split()
)


def _is_fragment(text: str) -> bool:
    """A few words without a verb of its own: "Always optional.", "Free of charge."."""
    if not text.endswith((".", "!")):
        return False  # a heading, a lead-in or a question
    words = text.lower().rstrip(".!").split()
    return 0 < len(words) <= _FRAGMENT_WORDS and not _VERBS.intersection(words)

# Reading limits: what no policy's prose comes near, and what bounds the time and
# memory a degenerate text costs ("1. 1. 1. ..." made 500,000 sentences: 8 s, 800 MB).
MAX_SENTENCE_CHARS = 20_000  # a "sentence" this long is text without full stops
MAX_SENTENCES = 25_000  # per document (a 50 KB policy has about 400)


class ReadingLimit(ValueError):
    """A policy's text is more than the checker reads; ``line`` is where."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _too_many(line: int) -> ReadingLimit:
    return ReadingLimit(
        f"more than {MAX_SENTENCES:,} sentences in one document, more than standards-check reads: "
        "split it into several documents",
        line,
    )


def split_sentences(policy: Policy, *, before: int = 0) -> list[Sentence]:
    """Split a policy's text into sentences with their source lines.

    Paragraph breaks (blank lines) and list items end a sentence; so do ``.``,
    ``!`` and ``?`` followed by white space, except after common abbreviations.

    Raises :class:`ReadingLimit` for a sentence of more than ``MAX_SENTENCE_CHARS``
    characters, and when ``before`` (the sentences of the document's policies before
    this one) and this policy's come to more than ``MAX_SENTENCES`` (found before they
    are read).
    """
    policy_id = policy.id
    return [
        Sentence(policy_id, line, index, text, context)
        for index, (line, text, context) in enumerate(sentence_texts(policy, before=before))
    ]


def sentence_texts(policy: Policy, *, before: int = 0) -> Iterator[tuple[int, str, str]]:
    """The sentences :func:`split_sentences` makes of ``policy``, as ``(line, text,
    context)`` and not yet read into tokens; raises :class:`ReadingLimit` as it does."""
    text = policy.text
    # 1. blocks: paragraphs and list items, each with its start offset.
    blocks: list[tuple[int, str, bool]] = []  # (offset, text, is_list_item)
    offset = 0
    current_start = None
    current: list[str] = []

    def flush() -> None:
        nonlocal current_start, current
        if current_start is not None and any(s.strip() for s in current):
            blocks.append((current_start, "\n".join(current), bool(_BULLET.match(current[0]))))
        current_start, current = None, []

    item_indent = -1  # the indentation of the current list item's bullet, or -1
    for raw_line in text.split("\n"):
        if not raw_line.strip():
            flush()
            item_indent = -1
        elif _BULLET.match(raw_line):
            flush()
            current_start, current = offset, [raw_line]
            item_indent = len(raw_line) - len(raw_line.lstrip())
        elif 0 <= item_indent and len(raw_line) - len(raw_line.lstrip()) <= item_indent and current[-1].rstrip()[-1:] in ".!?:":
            # back at the bullet's indentation after a finished item: a new paragraph, such as
            # the lead-in of the next list ("You are also entitled to:"), not the item's next line
            flush()
            item_indent = -1
            current_start, current = offset, [raw_line]
        else:
            if current_start is None:
                current_start = offset
            current.append(raw_line)
        offset += len(raw_line) + 1
    flush()

    line_at = policy.line_at
    count = 0
    lead_in = ""
    previous = ""  # the sentence before, for one that points back to it
    question, question_block, answered = "", -2, 0  # the last question, its block, the sentences read with it
    heading = policy.title.strip().rstrip(":")  # what a fragment such as "Always optional." is said of
    for block_number, (block_offset, block, is_item) in enumerate(blocks):
        body = block
        body_offset = block_offset
        if is_item:
            m = _BULLET.match(block)
            assert m is not None
            body = block[m.end() :]
            body_offset = block_offset + m.end()
        else:
            lead_in = ""
        # split the block into sentences
        pieces: list[tuple[int, str]] = []
        start = 0
        room = MAX_SENTENCES - before - count
        for m in _BOUNDARY.finditer(body):
            if m.group().startswith(".") and not _ends_sentence(body, m.start()):
                continue
            pieces.append((start, body[start : m.end()]))
            start = m.end()
            if len(pieces) > room:
                raise _too_many(line_at(body_offset + start))
        if body[start:].strip():
            pieces.append((start, body[start:]))
            if len(pieces) > room:
                raise _too_many(line_at(body_offset + start))
        for piece_start, piece in pieces:
            stripped = piece.strip()
            if not stripped:
                continue
            lead = len(piece) - len(piece.lstrip())
            abs_offset = body_offset + piece_start + lead
            if len(stripped) > MAX_SENTENCE_CHARS:
                raise ReadingLimit(
                    f"policy {policy.id!r} has a sentence of {len(stripped):,} characters starting here, more than the "
                    f"{MAX_SENTENCE_CHARS:,} standards-check reads: is the text missing its full stops?",
                    line_at(abs_offset),
                )
            folded = " ".join(stripped.split())
            context = lead_in if is_item else ""
            if not context and previous and _POINTS_BACK.search(folded):
                context = previous  # "Anyone who ignores this will have to leave": read with what "this" is
            if folded.endswith("?"):
                question, question_block, answered = folded, block_number, 0
            elif not context and question and block_number <= question_block + 1 and answered < _ANSWER_SENTENCES:
                context = question  # an answer is read with its question: "Can I change my plan?" "Yes, any time."
                answered += 1
            if not context and heading and _is_fragment(folded):
                context = heading  # "Always optional." under the heading "Participation"
            if not is_item and not folded.endswith((".", "!", "?", ":", ";")) and len(folded.split()) <= _HEADING_WORDS:
                heading = folded  # a heading in the text: the fragments after it are read with it
            yield line_at(abs_offset), folded, context
            previous = folded
            count += 1
        if not is_item:
            last = pieces[-1][1].strip() if pieces else ""
            lead_in = " ".join(last.split()) if last.endswith(":") else ""
