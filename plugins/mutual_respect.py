"""Built-in rubric ``mutual-respect``: contributed from ``rubrics/mutual-respect.yaml``.

``MR-02`` .. ``MR-07`` are decided by their patterns, as every pattern criterion is.
``MR-01`` (person-first, non-stigmatizing language) names the code evaluator
``person-first-language`` defined here: it reads every sentence of the document
against the lexicon of stigmatizing terms in ``rubrics/language.yaml`` and reports
each term that is *used*, with its line and a person-first alternative.

A term is not used, and is reported as *considered* with the reason, when it is

* another sense of the words (an entry's ``exceptions``: "alcoholic beverages",
  "clean syringes", "suffer from discrimination");
* part of a proper name ("Alcoholics Anonymous", "National Institute on Drug
  Abuse", a capitalized name of an institution);
* mentioned rather than used: quoted, introduced as a term ("labels such as
  addict", "never call anyone an addict", "say person who uses drugs instead of
  addict", "we avoid these words: addict, junkie"), or listed right after such a
  term; a clause a colon introduces is read with its lead-in;
* a label the person chooses for themselves ("members who call themselves
  alcoholics", "people who identify as addicts", "some of us say drug user");
* for entries that are labels only when said of the people served
  (``binds: person``), said of staff.

Negation does not excuse a term: "No addict is turned away" still calls people
addicts. The lexicon is loaded and its patterns compiled once per run.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from standards_check.api import (
    Considered,
    ElementResult,
    Evidence,
    Finding,
    PatternError,
    RecentWordings,
    Status,
    actor,
    compile_patterns,
    hookimpl,
    load_yaml,
)

from ._rubricfiles import rubric_file

STANDARDS_CHECK_API = 1

EVALUATOR = "person-first-language"


@hookimpl
def standards_check_rubrics():
    return [rubric_file("mutual-respect")]


@hookimpl
def standards_check_evaluators():
    return {EVALUATOR: evaluate_language}


# --------------------------------------------------------------------------- lexicon


class _Entry(NamedTuple):
    id: str
    term: str
    patterns: tuple[Any, ...]  # compiled patterns
    exceptions: tuple[tuple[Any, str], ...]  # (compiled pattern, reason)
    alternatives: tuple[str, ...]
    cite: str  # short name of the first source, for notes
    binds: str | None
    order: int

    @property
    def alternative(self) -> str:
        return self.alternatives[0] if self.alternatives else "person-first language"

    def advice(self) -> str:
        # the alternative is the rubric's wording, so it stands outside quotation marks
        return f"instead, say: {self.alternative} ({self.cite})"


class _Cue(NamedTuple):
    pattern: Any  # compiled
    window: int
    between_any: bool


class _Lexicon(NamedTuple):
    source: str
    entries: tuple[_Entry, ...]
    by_word: dict[str, list[tuple[_Entry, Any]]]
    by_stem: dict[str, list[tuple[_Entry, Any]]]
    mention_cues: tuple[_Cue, ...]
    self_cues: tuple[_Cue, ...]
    glue: frozenset[str]
    proper_patterns: tuple[Any, ...]
    institution_words: frozenset[str]
    # the lengths of the stems in ``by_stem`` that a word of the sentence may begin with
    stem_lengths: tuple[int, ...]
    # word -> the (entry, pattern) pairs it looks up (see _word_candidates), filled as words are met
    word_cache: dict[str, tuple[tuple[_Entry, Any], ...]]
    # what scan_sentence found in the wordings lately read (see _scan), filled as sentences are met
    scans: RecentWordings[tuple[_Occurrence, ...]]


@functools.lru_cache(maxsize=8)
def _load_lexicon(path_text: str | None) -> _Lexicon:
    path = Path(path_text) if path_text else rubric_file("language")  # shipped beside the rubric files
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise ValueError(f"{path}: not a lexicon (expected a mapping with 'terms')")
    vocabulary = {str(k): tuple(str(w).lower() for w in v) for k, v in (data.get("vocabulary") or {}).items()}
    sources = data.get("sources") or {}

    # every pattern is compiled at once, so that an invalid one is named by its place
    wanted: list[Any] = []
    where_of: list[str] = []

    def want(items: list[Any] | None, where: str) -> list[int]:
        start = len(wanted)
        for src in items or ():
            wanted.append(src)
            where_of.append(where)
        return list(range(start, len(wanted)))

    terms = []
    seen: set[str] = set()
    for i, raw in enumerate(data["terms"]):
        eid = str(raw.get("id") or "")
        if not eid or eid in seen:
            raise ValueError(f"{path}: terms[{i}]: missing or duplicate id {eid!r}")
        seen.add(eid)
        cites = []
        for ref in raw.get("sources") or ():
            src = sources.get(ref.get("ref")) or {}
            cites.append(src.get("short") or src.get("document") or str(ref.get("ref")))
        patterns = want(raw.get("patterns"), f"terms[{i}] ({eid}).patterns")
        exceptions = []
        for j, x in enumerate(raw.get("exceptions") or ()):
            src, why = (x.get("pattern"), x.get("reason")) if isinstance(x, dict) else (x, None)
            (at,) = want([src], f"terms[{i}] ({eid}).exceptions[{j}]")
            exceptions.append((at, str(why or "another sense of the words, not a label for a person")))
        if not patterns:
            raise ValueError(f"{path}: terms[{i}] ({eid}): no patterns")
        terms.append((i, eid, raw, cites, patterns, exceptions))

    def cue_specs(section: Any, where: str) -> list[tuple[int, int, bool]]:
        return [
            (want([c["pattern"]], f"{where}.cues[{j}]")[0], int(c.get("window", 3)), c.get("between", "glue") == "any")
            for j, c in enumerate((section or {}).get("cues") or ())
        ]

    mentions = data.get("mentions") or {}
    proper = data.get("proper_names") or {}
    mention_cues = cue_specs(mentions, "mentions")
    self_cues = cue_specs(data.get("self_labels"), "self_labels")
    proper_patterns = want(proper.get("patterns"), "proper_names.patterns")
    try:
        compiled = compile_patterns(wanted, vocabulary)
    except PatternError as exc:
        at = exc.index if exc.index is not None else 0
        raise ValueError(f"{path}: {where_of[at]}: invalid pattern {wanted[at]!r}: {exc}") from None

    entries = [
        _Entry(
            id=eid,
            term=str(raw.get("term") or eid),
            patterns=tuple(compiled[at] for at in patterns),
            exceptions=tuple((compiled[at], why) for at, why in exceptions),
            alternatives=tuple(str(a) for a in raw.get("alternatives") or ()),
            cite=cites[0] if cites else "person-first language guidance",
            binds=raw.get("binds"),
            order=i,
        )
        for i, eid, raw, cites, patterns, exceptions in terms
    ]
    by_word: dict[str, list[tuple[_Entry, Any]]] = {}
    by_stem: dict[str, list[tuple[_Entry, Any]]] = {}
    for e in entries:
        for p in e.patterns:
            for w in p.anchor_words:
                by_word.setdefault(w, []).append((e, p))
            for st in p.anchor_stems:
                by_stem.setdefault(st, []).append((e, p))

    def cues(specs: list[tuple[int, int, bool]]) -> tuple[_Cue, ...]:
        return tuple(_Cue(compiled[at], window, between_any) for at, window, between_any in specs)

    return _Lexicon(
        source=str(path),
        entries=tuple(entries),
        by_word=by_word,
        by_stem=by_stem,
        mention_cues=cues(mention_cues),
        self_cues=cues(self_cues),
        glue=frozenset(str(w).lower() for w in mentions.get("glue") or ()),
        proper_patterns=tuple(compiled[at] for at in proper_patterns),
        institution_words=frozenset(str(w).lower() for w in proper.get("institution_words") or ()),
        stem_lengths=tuple(sorted({len(st) for st in by_stem if len(st) >= 3})),
        word_cache={},
        scans=RecentWordings(),
    )


def lexicon(criterion: Any = None) -> _Lexicon:
    """The lexicon for ``criterion`` (``options: {lexicon: PATH}`` overrides the built-in one)."""
    override = None
    options = getattr(criterion, "options", None) or {}
    if isinstance(options, dict) and options.get("lexicon"):
        override = str(options["lexicon"])
    return _load_lexicon(override)


# --------------------------------------------------------------------------- reading a sentence

_CONNECTORS = frozenset({"and", "of", "on", "for", "the", "in", "to", "&"})
_FUNCTION = frozenset({"a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "of", "to", "and", "or"})


def _is_colon(sentence: Any, i: int) -> bool:
    """Whether token ``i`` is the clause break of a colon (not a semicolon or a dash)."""
    tok = sentence.tokens[i]
    return tok.text == "//" and sentence.source_text[tok.start : tok.end] == ":"


def _clause_start(sentence: Any, index: int, *, across_colons: bool = False) -> int:
    """First token of the clause of ``index``; a list item's clause reaches into its lead-in.

    With ``across_colons``, a clause that a colon introduces is read with the clause
    before it ("We avoid these words: addict, junkie"; "Call yourself whatever you
    like: some of us say drug user"): what follows a colon elaborates what precedes it.
    """
    tokens = sentence.tokens
    i = index
    while i > 0:
        if tokens[i - 1].text == "//":
            # the colon that ends a list's lead-in does not separate the item from it
            if i - 1 == sentence.context_tokens - 1 and sentence.context_tokens:
                i -= 1
                continue
            if across_colons and _is_colon(sentence, i - 1):
                i -= 1
                continue
            break
        i -= 1
    return i


@dataclass
class _Occurrence:
    entry: _Entry
    pattern: Any
    start: int
    end: int
    reason: str | None = None  # why it does not stand; None: it stands


class _SentenceReader:
    """Cue matches of one sentence, computed once when first needed."""

    def __init__(self, sentence: Any, lex: _Lexicon) -> None:
        self.s = sentence
        self.lex = lex
        self._cues: dict[str, list[tuple[_Cue, int, int]]] = {}

    def cue_spans(self, kind: str) -> list[tuple[_Cue, int, int]]:
        if kind not in self._cues:
            cues = self.lex.mention_cues if kind == "mention" else self.lex.self_cues
            spans = []
            for cue in cues:
                for m in cue.pattern.finditer(self.s):
                    spans.append((cue, m.start, m.end))
            self._cues[kind] = spans
        return self._cues[kind]

    def _between_ok(self, a: int, b: int, any_words: bool) -> bool:
        if any_words:
            return True
        for i in range(a, b):
            w = self.s.tokens[i].text
            if w in self.lex.glue:
                continue
            if w == "//" and (i == self.s.context_tokens - 1 or _is_colon(self.s, i)):
                continue
            return False
        return True

    def cued(self, kind: str, start: int) -> bool:
        clause = _clause_start(self.s, start, across_colons=True)
        for cue, a, b in self.cue_spans(kind):
            if b <= start and a >= clause and start - b <= cue.window and self._between_ok(b, start, cue.between_any):
                return True
        return False

    def quoted(self, start: int, end: int) -> bool:
        toks = self.s.tokens
        if self.s.is_quoted(toks[start].start, toks[end - 1].end):
            return True
        # the term's own word quoted inside a longer match ("a 'schizophrenic'")
        return any(
            toks[i].text not in _FUNCTION and self.s.is_quoted(toks[i].start, toks[i].end) for i in range(start, end)
        )

    def original(self, i: int) -> str:
        t = self.s.tokens[i]
        return self.s.source_text[t.start : t.end]

    def proper_name(self, start: int, end: int) -> bool:
        s = self.s
        for p in self.lex.proper_patterns:
            for m in p.finditer(s):
                if m.start < end and start < m.end:
                    return True
        # a capitalized name of an institution around the term
        def cap(i: int) -> bool:
            w = self.original(i)
            return w[:1].isupper()

        core = [i for i in range(start, end) if s.tokens[i].text not in _FUNCTION]
        if not core or not all(cap(i) for i in core):
            return False
        a = start
        while a > 0 and (cap(a - 1) or s.tokens[a - 1].text in _CONNECTORS) and s.tokens[a - 1].text not in ("//", ","):
            a -= 1
        b = end
        n = len(s.tokens)
        while b < n and (cap(b) or s.tokens[b].text in _CONNECTORS) and s.tokens[b].text not in ("//", ","):
            b += 1
        while a < start and not cap(a):
            a += 1
        while b > end and not cap(b - 1):
            b -= 1
        words = [s.tokens[i].text for i in range(a, b)]
        capitalized = sum(1 for i in range(a, b) if cap(i))
        return capitalized >= 3 and any(w in self.lex.institution_words for w in words)

    def actor(self, start: int) -> str | None:
        """Who the clause of the term binds: the core's reading (api.actor)."""
        return actor(self.s, start)


_WORD_CACHE_SIZE = 100_000


def _word_candidates(lex: _Lexicon, w: str) -> tuple[tuple[_Entry, Any], ...]:
    """The (entry, pattern) pairs the word ``w`` looks up: its exact word in ``by_word``,
    then each of its prefixes in ``by_stem``; remembered per lexicon."""
    cache = lex.word_cache
    found = cache.get(w)
    if found is None:
        pairs = list(lex.by_word.get(w, ()))
        for n in lex.stem_lengths:
            if n > len(w):
                break
            pairs.extend(lex.by_stem.get(w[:n], ()))
        if len(cache) >= _WORD_CACHE_SIZE:
            cache.clear()
        found = cache[w] = tuple(pairs)
    return found


def _rank(ep: tuple[_Entry, Any]) -> tuple[int, int]:
    """Where a pattern stands in the lexicon: its entry's place, then its own within the entry."""
    entry, pattern = ep
    return entry.order, next(i for i, p in enumerate(entry.patterns) if p is pattern)


def _candidates(sentence: Any, lex: _Lexicon) -> list[tuple[_Entry, Any]]:
    """The (entry, pattern) pairs whose anchor a word of ``sentence`` has, each once, in lexicon order."""
    found: dict[int, tuple[_Entry, Any]] = {}
    for w in sentence.word_positions:  # each distinct word once
        for ep in _word_candidates(lex, w):
            found.setdefault(id(ep[1]), ep)
    return sorted(found.values(), key=_rank) if len(found) > 1 else list(found.values())


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _list_between(sentence: Any, lex: _Lexicon, a: int, b: int) -> bool:
    """Whether tokens [a, b) only separate items of a list ("addict, clean, dirty or alcoholic")."""
    run = 0
    for i in range(a, b):
        w = sentence.tokens[i].text
        if w in (",", "or", "and", "nor"):
            run = 0
        elif w in lex.glue:
            continue
        elif w == "//":
            return False
        else:
            run += 1
            if run > 2:
                return False
    return True


def _scan(sentence: Any, lex: _Lexicon) -> tuple[_Occurrence, ...]:
    """:func:`scan_sentence`, once per wording: what it finds depends on a sentence's
    text and lead-in alone, and a corpus repeats them (see ``RecentWordings``)."""
    found = lex.scans.get(sentence)
    if found is None:
        found = tuple(scan_sentence(sentence, lex))
        lex.scans.put(sentence, found)
    return found


def scan_sentence(sentence: Any, lex: _Lexicon) -> list[_Occurrence]:
    """Every lexicon term found in ``sentence``, each with the reason it does not stand (or None)."""
    found: list[_Occurrence] = []
    for entry, pattern in _candidates(sentence, lex):
        for m in pattern.finditer(sentence):
            if m.end <= sentence.context_tokens:
                continue  # entirely in a list's lead-in: that sentence speaks for itself
            found.append(_Occurrence(entry, pattern, m.start, m.end))
    if not found:
        return []
    reader = _SentenceReader(sentence, lex)
    # other senses of the words first: they take no part in what follows
    senses: list[_Occurrence] = []
    terms: list[_Occurrence] = []
    for occ in found:
        other = None
        for x, why in occ.entry.exceptions:
            for m in x.finditer(sentence):
                if _overlaps((m.start, m.end), (occ.start, occ.end)):
                    other = why
                    break
            if other:
                break
        if other:
            occ.reason = other
            senses.append(occ)
        else:
            terms.append(occ)
    # within one entry, the shortest match names the term ("stay clean", not "residents who stay clean")
    terms = [
        o for o in terms
        if not any(
            p is not o and p.entry is o.entry and o.start <= p.start and p.end <= o.end and (p.end - p.start) < (o.end - o.start)
            for p in terms
        )
    ]
    # across entries, one occurrence per span: the earliest, then the longest ("former addict" over "addict")
    terms.sort(key=lambda o: (o.start, -(o.end - o.start), o.entry.order))
    kept: list[_Occurrence] = []
    for occ in terms:
        if any(_overlaps((occ.start, occ.end), (k.start, k.end)) for k in kept):
            continue
        kept.append(occ)
    senses = [o for o in senses if not any(_overlaps((o.start, o.end), (k.start, k.end)) for k in kept)]
    previous_mention_end: int | None = None
    for occ in kept:
        if reader.proper_name(occ.start, occ.end):
            occ.reason = "part of a proper name, not the agency's own language"
        elif reader.quoted(occ.start, occ.end):
            occ.reason = "quoted: the term is mentioned, not used"
        elif reader.cued("self", occ.start):
            occ.reason = "a label the person chooses for themselves"
        elif reader.cued("mention", occ.start):
            occ.reason = "introduced as a term (mentioned, not used)"
        elif previous_mention_end is not None and _list_between(sentence, lex, previous_mention_end, occ.start):
            occ.reason = "listed with a term that is mentioned, not used"
        elif occ.entry.binds == "person" and reader.actor(occ.start) == "staff":
            occ.reason = "said of staff, not of the people served"
        if occ.reason and occ.reason.startswith(("quoted", "introduced", "listed")):
            previous_mention_end = occ.end
    # keep only the first 'other sense' per entry and sentence, to keep reports short
    seen_sense: set[str] = set()
    out = list(kept)
    for o in senses:
        if o.entry.id not in seen_sense:
            seen_sense.add(o.entry.id)
            out.append(o)
    out.sort(key=lambda o: o.start)
    return out


# --------------------------------------------------------------------------- the evaluator


def _words(sentence: Any, start: int, end: int) -> str:
    toks = sentence.tokens
    return sentence.span(toks[start], toks[end - 1])


def evaluate_language(criterion: Any, context: Any) -> Finding:
    """Decide MR-01: no stigmatizing term of the lexicon is used in the policy text."""
    lex = lexicon(criterion)
    element = criterion.elements[0] if criterion.elements else None
    element_id = element.id if element else "a"
    element_text = element.description if element else "the policy text uses no stigmatizing terms"
    looked_for = tuple(e.term for e in lex.entries)
    sentences = list(context.sentences)
    if not sentences:
        return Finding(
            criterion=criterion.id, title=criterion.title, severity=criterion.severity, status=Status.NOT_MET,
            rationale="The document has no policy text, so person-first language cannot be shown.",
            elements=[ElementResult(element_id, element_text, False, True, looked_for)],
        )
    evidence: list[Evidence] = []
    considered: list[Considered] = []
    standing: list[tuple[Any, _Occurrence, str]] = []
    for sentence in sentences:
        for occ in _scan(sentence, lex):
            words = _words(sentence, occ.start, occ.end)
            if occ.reason:
                considered.append(
                    Considered(sentence.policy_id, sentence.line, sentence.quote, words, occ.reason, red_flag=occ.entry.id)
                )
                continue
            standing.append((sentence, occ, words))
            evidence.append(
                Evidence(
                    "contradicts", sentence.policy_id, sentence.line, sentence.quote,
                    red_flag=occ.entry.id, match=words, rule=occ.pattern.source, note=occ.entry.advice(),
                )
            )
    present = not standing
    elements = [ElementResult(element_id, element_text, present, True, looked_for)]
    if standing:
        parts: dict[tuple[str, str], list[str]] = {}
        as_written: dict[tuple[str, str], str] = {}  # the term as the policy first writes it (quotes hold its words)
        for sentence, occ, words in standing:
            key = (words.lower(), occ.entry.id)
            parts.setdefault(key, []).append(f"{sentence.policy_id} line {sentence.line}")
            as_written.setdefault(key, words)
        by_key = {(w.lower(), o.entry.id): o.entry for _, o, w in standing}
        items = []
        for key, where in parts.items():
            entry = by_key[key]
            lines = ", ".join(dict.fromkeys(where))
            items.append(f"'{as_written[key]}' ({lines}): {entry.advice()}")
        rationale = (
            f"Stigmatizing language stands ({len(standing)} occurrence{'s' if len(standing) != 1 else ''}): "
            + "; ".join(items)
            + ". Any stigmatizing term makes the criterion not met until it is replaced with person-first language."
        )
        status = Status.NOT_MET
    else:
        rationale = (
            f"Scanned {len(sentences)} sentence{'s' if len(sentences) != 1 else ''} against "
            f"{len(lex.entries)} terms of the person-first lexicon; no stigmatizing term is used."
        )
        if considered:
            rationale += (
                f" {len(considered)} occurrence{'s were' if len(considered) != 1 else ' was'} set aside as mentions, "
                "self-chosen labels, proper names or other senses of the words (see considered)."
            )
        status = Status.MET
    return Finding(
        criterion=criterion.id, title=criterion.title, severity=criterion.severity, status=status,
        rationale=rationale, elements=elements, evidence=evidence, considered=considered,
    )
