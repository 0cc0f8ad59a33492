"""Deciding criteria from the text: matches -> elements and red flags -> status.

:class:`EvaluationContext` holds one document's sentences and scans them once for
every pattern of every criterion (patterns are indexed by their anchor words, so
a sentence is tried only against patterns that can match it). A criterion's
finding is then decided by :func:`decide` from the rules in docs/criteria.md:

* an element is present when a sentence states it: a match that is negated, or
  that binds someone else than the rule says, does not count; a hedged match
  ("where possible") makes the element present but not firm;
* a red flag stands when a sentence states it (not negated, not a quoted or
  mentioned term);
* ``not_met`` if a red flag stands or no element is present; ``met`` if every
  element is firmly present; otherwise ``partial``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import accumulate
from typing import Any, NamedTuple

from standards_check.errors import InputError, described
from standards_check.loading.rubric import Criterion, Rubric, Rule
from standards_check.model.document import PolicyDocument
from standards_check.model.results import Considered, ElementResult, Evidence, Finding, Possible, Status
from standards_check.text import linguistics, structure
from standards_check.text.patterns import CompiledPattern, PatternMatch, word_keys
from standards_check.text.sentences import ReadingLimit, RecentWordings, Sentence, reread, sentence_texts, split_sentences


class Hit(NamedTuple):
    """One sentence where a rule's pattern matched, and how it reads there."""

    rule: Rule
    pattern: CompiledPattern
    sentence: Sentence
    match: str  # the original words matched
    reading: linguistics.Reading
    excluded: bool = False

    @property
    def counts(self) -> bool:
        """Whether the match states what the rule looks for."""
        return _states(self.rule, self.reading, self.excluded)

    def reason(self) -> str:
        r = self.reading
        if self.excluded:
            return "the sentence is about something else (an exclusion pattern matched)"
        if r.negated:
            return f"negated by {_as_written(self.sentence, r.negated)!r}"
        if r.asked:
            return "it is a question, not a statement"
        if self.rule.kind == "red_flag" and r.mentioned:
            return "the words are quoted or mentioned, not used"
        if self.rule.binds == "person" and r.actor == "staff":
            return "it binds staff, not the person served"
        if self.rule.binds == "staff" and r.actor == "person":
            return "it binds the person served, not staff"
        return ""


class _WordingHit(NamedTuple):
    """A hit without its sentence: what a wording gives every sentence worded so."""

    criterion_id: str
    rule: Rule
    pattern: CompiledPattern
    match: str
    reading: linguistics.Reading
    excluded: bool


def _as_written(sentence: Sentence, cue: str) -> str:
    """The words of ``sentence`` that read as the negation ``cue`` ("Nobody", "won't")."""
    words = cue.split()
    tokens = sentence.tokens
    for i in range(len(tokens) - len(words) + 1):
        if [t.text for t in tokens[i : i + len(words)]] == words:
            return sentence.span(tokens[i], tokens[i + len(words) - 1])
    return cue


def _in_own_words(pattern: CompiledPattern, sentence: Sentence) -> bool:
    """Whether ``pattern`` matches ``sentence`` beyond a sentence read with it (see
    :attr:`~standards_check.text.sentences.Sentence.own_start`)."""
    m = pattern.search(sentence)
    while m is not None and m.end <= sentence.own_start:
        m = pattern.search(sentence, m.start + 1)
    return m is not None


def _states(rule: Rule, r: linguistics.Reading, excluded: bool) -> bool:
    """Whether a match read as ``r`` states what ``rule`` looks for (see :attr:`Hit.counts`)."""
    if excluded or r.negated or r.asked or (rule.kind == "red_flag" and r.mentioned):
        return False
    if rule.binds == "person" and r.actor == "staff":
        return False
    if rule.binds == "staff" and r.actor == "person":
        return False
    return True


class CustomRule(NamedTuple):
    """Stands where a pattern would for a match found by a plugin's rule type."""

    source: str


class PatternIndex:
    """Patterns of many criteria, in the order the rubrics list them, with the words they need.

    A pattern can only match a sentence that holds a word of each of its required
    tokens; :meth:`candidates` finds, for a whole document at once, the sentences
    where that is so, with set operations on bit masks of sentences.
    """

    # index keys remembered per word (a cache bounded against documents of gibberish)
    _WORD_CACHE_LIMIT = 200_000

    def __init__(self, rubrics: Iterable[Rubric]) -> None:
        # rules of plugin-provided types: (criterion id, rule, type name, options)
        self.custom: list[tuple[str, Rule, str, dict]] = []
        # every pattern once: (criterion id, rule, pattern) and the index keys of each
        # required token, the rarest first (so most patterns stop there)
        self._patterns: list[tuple[tuple[str, Rule, CompiledPattern], tuple[frozenset[str], ...]]] = []
        interned: dict[frozenset[str], frozenset[str]] = {}
        seen: set[int] = set()
        for rubric in rubrics:
            for criterion in rubric.criteria:
                for rule in (*criterion.elements, *criterion.red_flags):
                    for pattern in rule.patterns:
                        if id(pattern) in seen:
                            continue
                        seen.add(id(pattern))
                        required = tuple(interned.setdefault(ks, ks) for ks in pattern.required_keys)
                        self._patterns.append(((criterion.id, rule, pattern), required))
                    for type_name, options in rule.custom:
                        self.custom.append((criterion.id, rule, type_name, options))
        self._keys = frozenset(k for ks in interned for k in ks)
        self._word_keys: dict[str, tuple[str, ...]] = {}
        # what the patterns found in each wording lately read (EvaluationContext reads
        # a sentence so worded no more): the hits without their sentence, about 11 MB
        # for 10,000 wordings
        self.found: RecentWordings[tuple[_WordingHit, ...]] = RecentWordings()

    def _keys_of(self, word: str) -> tuple[str, ...]:
        """The index keys that ``word`` carries (itself, the stems it starts with)."""
        keys = self._word_keys.get(word)
        if keys is None:
            if len(self._word_keys) > self._WORD_CACHE_LIMIT:
                self._word_keys.clear()
            keys = tuple(k for k in word_keys({word}) if k in self._keys)
            self._word_keys[word] = keys
        return keys

    # sentences scanned together: a bit mask per word of this many bits stays cheap to
    # combine, so a very long document costs in proportion to its length
    _BLOCK = 1024

    def candidates(self, sentences: list[Sentence]) -> list[list[tuple[str, Rule, CompiledPattern]]]:
        """For each sentence, the patterns whose every required token has a word in it, in rubric order."""
        found: list[list[tuple[str, Rule, CompiledPattern]]] = []
        for start in range(0, len(sentences), self._BLOCK):
            found += self._block_candidates(sentences[start : start + self._BLOCK])
        return found

    def _block_candidates(self, sentences: list[Sentence]) -> list[list[tuple[str, Rule, CompiledPattern]]]:
        masks: dict[str, int] = {}  # index key -> the sentences holding it, one bit each
        get = masks.get
        known = self._word_keys.get
        for i, sentence in enumerate(sentences):
            bit = 1 << i
            for word in sentence.word_positions:  # each distinct word once
                keys = known(word)
                for key in self._keys_of(word) if keys is None else keys:
                    masks[key] = get(key, 0) | bit
        present = masks.keys()
        unions: dict[frozenset[str], int] = {}
        found: list[list[tuple[str, Rule, CompiledPattern]]] = [[] for _ in sentences]
        for entry, required in self._patterns:
            mask = -1
            for keys in required:
                union = unions.get(keys)
                if union is None:
                    union = 0
                    for key in present & keys:
                        union |= masks[key]
                    unions[keys] = union
                mask &= union
                if not mask:
                    break
            while mask:
                low = mask & -mask
                mask ^= low
                found[low.bit_length() - 1].append(entry)
        return found


def _read(sentence: Sentence, m: PatternMatch) -> linguistics.Reading:
    return linguistics.Reading(
        negated=linguistics.negation(sentence, m.start, m.end, list(m.gaps)),
        mentioned=linguistics.mentioned(sentence, m.start, m.end),
        hedge=linguistics.hedge(sentence, m.start, m.end),
        actor=linguistics.actor(sentence, m.start),
        asked=sentence.text.endswith("?"),
    )


def _read_policies(document: PolicyDocument, split: Callable[..., Iterable[Any]]) -> list[Any]:
    """What ``split`` makes of each policy of ``document``, in order; a text beyond
    the reading limits is an :class:`InputError` naming the policy and the line."""
    found: list[Any] = []
    for i, policy in enumerate(document.policies):
        try:
            found += split(policy, before=len(found))
        except ReadingLimit as exc:
            raise InputError(str(exc), file=document.source, line=exc.line, path=f"policies[{i}].text") from None
    return found


def check_reading_limits(document: PolicyDocument) -> None:
    """Raise the :class:`InputError` that checking ``document`` would raise for a text
    beyond the reading limits (see :mod:`standards_check.text.sentences`), at a small part
    of the cost: the sentences are found, not read."""
    _read_policies(document, sentence_texts)


class EvaluationContext:
    """One document, split into sentences and scanned once for an index of patterns.

    Code evaluators receive it: ``context.document`` is the
    :class:`~standards_check.model.document.PolicyDocument`, ``context.sentences`` every
    sentence of every policy, and :meth:`hits` the pattern matches of a criterion.
    """

    def __init__(
        self,
        document: PolicyDocument,
        index: PatternIndex,
        rule_types: dict[str, tuple[str, Callable[..., Any]]] | None = None,
    ) -> None:
        self.document = document
        self.sentences: list[Sentence] = _read_policies(document, split_sentences)
        self._hits: dict[str, list[Hit]] = defaultdict(list)
        #: criteria whose rules could not run: criterion id -> (plugin, message)
        self.errors: dict[str, tuple[str, str]] = {}
        self._lowered: str | None = None  # the sentences' text, lower case, one a line (for possible evidence)
        self._starts: list[int] = []
        found: list[tuple[_WordingHit, ...] | None] = [index.found.get(sentence) for sentence in self.sentences]
        fresh = [sentence for sentence, known in zip(self.sentences, found, strict=True) if known is None]
        # each fresh sentence, then the readings of each with its structure resolved
        derived = [[reread(sentence, keep) for keep in structure.readings(sentence)] for sentence in fresh]
        flat = [d for ds in derived for d in ds]
        candidates = index.candidates(fresh + flat)
        of_readings = iter(candidates[len(fresh) :])
        read = iter(zip(fresh, candidates[: len(fresh)], derived, strict=True))
        for i, known in enumerate(found):
            if known is None:
                sentence, own, readings = next(read)
                found[i] = known = self._find([(sentence, own), *((d, next(of_readings)) for d in readings)])
                index.found.put(sentence, known)
            for f in known:
                self._hits[f.criterion_id].append(Hit(f.rule, f.pattern, self.sentences[i], f.match, f.reading, f.excluded))
        for criterion_id, rule, type_name, options in index.custom:
            self._run_custom(criterion_id, rule, type_name, options, rule_types or {})

    def _find(self, readings: list[tuple[Sentence, list[tuple[str, Rule, CompiledPattern]]]]) -> tuple[_WordingHit, ...]:
        """The hits of the candidate patterns in a sentence and its readings, without the
        sentence: per rule, the first hit that counts, else the first hit."""
        found: dict[tuple[str, int], _WordingHit] = {}
        excluded: dict[int, bool] = {}  # rule -> whether one of its exclusions matches the sentence
        # a negation shared by coordinated verbs is seen only in a reading ("we will not say
        # that you are a client here or share any information"): the same words read as
        # negated there are negated
        own = readings[0][0]
        negating = len(readings) > 1 and not linguistics.NEGATION_CUES.isdisjoint(own.token_texts[own.own_start :])
        for sentence, candidates in readings:
            for criterion_id, rule, pattern in candidates:
                key = (criterion_id, id(rule))
                kept = found.get(key)
                states = kept is not None and _states(kept.rule, kept.reading, kept.excluded)
                if states and not negating:
                    continue
                hit = self._first_counting_hit(sentence, rule, pattern, excluded)
                if hit is None:
                    continue
                if kept is None or (hit.counts and not states):
                    found[key] = _WordingHit(criterion_id, rule, pattern, hit.match, hit.reading, hit.excluded)
                elif states and hit.reading.negated and hit.match == kept.match:
                    found[key] = _WordingHit(criterion_id, rule, pattern, hit.match, hit.reading, hit.excluded)
        return tuple(found.values())

    def _run_custom(self, criterion_id: str, rule: Rule, type_name: str, options: dict, rule_types: dict) -> None:
        """Run a rule of a plugin-provided type over every sentence."""
        if criterion_id in self.errors:
            return
        entry = rule_types.get(type_name)
        if entry is None:
            self.errors[criterion_id] = ("?", f"rule type {type_name!r} is not provided by any loaded plugin")
            return
        plugin, find = entry
        source = CustomRule(f"{type_name}: {options}" if options else type_name)
        for sentence in self.sentences:
            try:
                spans = list(find(sentence, options))
            except (Exception, SystemExit) as exc:  # a plugin calling sys.exit() ends nothing but its own part
                self.errors[criterion_id] = (plugin, f"rule type {type_name!r} raised {described(exc)}")
                return
            for span in spans[:1]:
                try:
                    start, end = int(span[0]), int(span[1])
                    if not 0 <= start < end <= len(sentence.tokens):
                        raise ValueError(span)
                except (TypeError, ValueError, IndexError):
                    self.errors[criterion_id] = (plugin, f"rule type {type_name!r} returned {span!r}, expected (start, end) token indexes")
                    return
                reading = _read(sentence, PatternMatch(start, end))
                toks = sentence.tokens
                words = sentence.span(toks[start], toks[end - 1])
                self._hits[criterion_id].append(Hit(rule, source, sentence, words, reading))  # type: ignore[arg-type]

    @staticmethod
    def _first_counting_hit(
        sentence: Sentence, rule: Rule, pattern: CompiledPattern, exclusions: dict[int, bool] | None = None
    ) -> Hit | None:
        """The first match of ``pattern`` in ``sentence`` that counts, else the first match.

        A negated first match must not hide a later one that counts ("you are not
        required to attend groups, but you must attend weekly check-ins").
        """
        first: Hit | None = None
        pos = 0
        for _ in range(8):
            m = pattern.search(sentence, pos)
            if m is None:
                break
            pos = m.start + 1
            if m.end <= sentence.context_tokens:
                continue  # entirely in a list's lead-in: that sentence speaks for itself
            reading = _read(sentence, m)
            toks = sentence.tokens
            words = sentence.span(toks[m.start], toks[m.end - 1])
            # an exclusion speaks for the whole sentence, but not for a sentence read with it
            # (a question it answers, one it points back to); a list's lead-in is the item's own
            excluded = exclusions.get(id(rule)) if exclusions is not None else None
            if excluded is None:
                excluded = any(_in_own_words(x, sentence) for x in rule.exclude)
                if exclusions is not None:
                    exclusions[id(rule)] = excluded
            hit = Hit(rule, pattern, sentence, words, reading, excluded)
            if hit.counts:
                return hit
            first = first or hit
        return first

    def hits(self, criterion_id: str) -> list[Hit]:
        return self._hits.get(criterion_id, [])

    # possible evidence shown for a missing element, at most
    POSSIBLE_LIMIT = 3

    def possible(self, rule: Rule, skip: set[tuple[str, int]]) -> list[Possible]:
        """Sentences that hold every key concept of ``rule`` (an element none of whose
        patterns matched), in document order, but for those at ``skip`` (policy id,
        sentence index: already cited or set aside). At most :attr:`POSSIBLE_LIMIT`."""
        if not rule.concepts or self.POSSIBLE_LIMIT <= 0:
            return []
        # the sentences that hold a word each concept needs, found in the document's text at once
        candidates: set[int] | None = None
        for concept in rule.concepts:
            holding = self._holding(concept)
            candidates = holding if candidates is None else candidates & holding
            if not candidates:
                return []
        found: list[Possible] = []
        for i in sorted(candidates or ()):
            sentence = self.sentences[i]
            if (sentence.policy_id, sentence.index) in skip:
                continue
            shares = []
            for concept in rule.concepts:
                m = concept.search(sentence)
                if m is None or m.end <= sentence.context_tokens:
                    break
                toks = sentence.tokens
                shares.append(sentence.span(toks[m.start], toks[m.end - 1]))
            else:
                found.append(Possible(rule.id, sentence.policy_id, sentence.line, sentence.quote, tuple(dict.fromkeys(shares))))
                if len(found) == self.POSSIBLE_LIMIT:
                    break
        return found

    def _holding(self, concept: CompiledPattern) -> set[int]:
        """The sentences whose text holds a word starting with one of ``concept``'s index keys."""
        if self._lowered is None:
            lowered = [f"{s.context} {s.text}".lower() for s in self.sentences]
            self._starts = list(accumulate((len(t) + 1 for t in lowered), initial=0))
            self._lowered = "\n".join(lowered)
        keys = sorted(next(iter(concept.required_keys)), key=len, reverse=True)
        words = re.compile(r"\b(?:" + "|".join(map(re.escape, keys)) + ")")
        return {bisect_right(self._starts, m.start()) - 1 for m in words.finditer(self._lowered)}


def _line(sentence: Sentence) -> int:
    return sentence.line


def decide(criterion: Criterion, context: EvaluationContext, *, extra_hits: Iterable[Hit] = ()) -> Finding:
    """The finding of a pattern-defined criterion, explained."""
    policy_order = {p.id: i for i, p in reversed(list(enumerate(context.document.policies)))}
    last = len(context.document.policies)
    hits = sorted(
        [*context.hits(criterion.id), *extra_hits],
        key=lambda h: (policy_order.get(h.sentence.policy_id, last), h.sentence.index, h.rule.kind, h.rule.id),
    )
    not_hedges = {str(k): tuple(str(w) for w in v) for k, v in (criterion.options.get("not_hedges") or {}).items()}
    evidence: list[Evidence] = []
    considered: list[Considered] = []
    firm: dict[str, bool] = {}
    flags: list[Hit] = []
    seen_quotes: set[tuple[str, int, str, str]] = set()
    for h in hits:
        key = (h.sentence.policy_id, h.sentence.index, h.rule.kind, h.rule.id)
        if key in seen_quotes:
            continue
        if not h.counts:
            considered.append(
                Considered(
                    h.sentence.policy_id, _line(h.sentence), h.sentence.quote, h.match, h.reason(),
                    element=h.rule.id if h.rule.kind == "element" else None,
                    red_flag=h.rule.id if h.rule.kind == "red_flag" else None,
                )
            )
            continue
        seen_quotes.add(key)
        if h.rule.kind == "red_flag":
            flags.append(h)
            evidence.append(
                Evidence("contradicts", h.sentence.policy_id, _line(h.sentence), h.sentence.quote,
                         red_flag=h.rule.id, match=h.match, rule=h.pattern.source)
            )
        else:
            hedge = h.reading.hedge
            if hedge is not None and hedge in not_hedges.get(h.rule.id, ()):
                hedge = None  # the rubric says this word states the element ("peers may share their story")
            firm[h.rule.id] = firm.get(h.rule.id, False) or hedge is None
            evidence.append(
                Evidence("supports", h.sentence.policy_id, _line(h.sentence), h.sentence.quote,
                         element=h.rule.id, match=h.match, rule=h.pattern.source, hedge=hedge)
            )
    elements = [
        ElementResult(e.id, e.description, e.id in firm, firm.get(e.id, True))
        for e in criterion.elements
    ]
    status, rationale = status_from(criterion, elements, [h.rule for h in flags])
    cited = {(h.sentence.policy_id, h.sentence.index) for h in hits}
    possible = [p for e in criterion.elements if e.id not in firm for p in context.possible(e, cited)]
    return Finding(
        criterion=criterion.id, title=criterion.title, severity=criterion.severity, status=status,
        rationale=rationale, elements=elements, evidence=evidence, considered=considered, possible=possible,
    )


def status_from(criterion: Criterion, elements: list[ElementResult], red_flags: list[Rule]) -> tuple[Status, str]:
    """Apply the status rules of docs/criteria.md and say why, in plain words."""
    present = [e for e in elements if e.present]
    missing = [e for e in elements if not e.present]
    weak = [e for e in present if not e.firm]
    if red_flags:
        names = "; ".join(dict.fromkeys(f.description for f in red_flags))
        why = f"A red flag stands: {names}. Language that contradicts the criterion makes it not met"
        if present:
            why += ", even though the policy also states " + _list_elements(present)
        return Status.NOT_MET, why + "."
    if not present:
        return Status.NOT_MET, "The policy is silent: no sentence states " + _list_elements(elements, conj="or") + "."
    if not missing and not weak:
        if len(elements) == 1:
            return Status.MET, "The required element is stated and no red flag stands."
        return Status.MET, "Every required element is stated and no red flag stands."
    parts = ["The policy states " + _list_elements([e for e in present if e.firm]) if [e for e in present if e.firm] else ""]
    if weak:
        parts.append(("only conditionally or as an intention (hedged) states " if parts[0] else "The policy only conditionally or as an intention (hedged) states ") + _list_elements(weak))
    if missing:
        parts.append("says nothing of " + _list_elements(missing, conj="or"))
    text = "; ".join(p for p in parts if p)
    return Status.PARTIAL, text[0].upper() + text[1:] + "."


def _list_elements(elements: list[ElementResult], conj: str = "and") -> str:
    items = [f"({e.id}) {e.text}" for e in elements]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conj} " + items[-1]
