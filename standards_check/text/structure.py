"""Sentences read with their structure resolved, before patterns are matched.

Policies share words across a sentence in ways a phrase pattern with short gaps
cannot follow. Each function here gives *readings* of a sentence: the indexes of
the tokens that a simpler sentence with the same meaning would hold, in order.
Patterns are matched on the sentence itself and on each reading; a reading's
match quotes the whole sentence as written, and the words it quotes as matched are
the stretch of the source text from its first to its last matched token, so a
quote is always the policy's own words.

- Coordinated verbs share their subject, modal and negation: "Tenants must hold a
  job and be home by ten" also reads "Tenants must be home by ten"; "we will
  never permit, excuse or look away from unfair treatment" also reads "we will
  never look away from unfair treatment".
- A series of single words shares what follows it: "the aims, pace and direction
  of their own recovery" also reads "the direction of their own recovery".
- A long proper name counts as one noun: "Use of the services of the Eastfield
  Valley Regional Wellness Center is voluntary" reads "Use of the services of the
  Center is voluntary".
- Asides are left out: a phrase in parentheses, or set off by commas and opened
  by a subordinator ("describe, when it helps the person, the path of their own
  recovery").
- Two verbs set off by commas share the object after them: "the right to give
  informed consent to, or to refuse, any service" also reads "the right to refuse
  any service".
- An answer makes its question a statement: "Q: Can I change my plan? A: Yes, any
  time." also reads "you can change your plan any time"; "Do I have to see a coach?
  No." reads "you do not have to see a coach".
"""

from __future__ import annotations

from standards_check.text.linguistics import AUXILIARIES, SUBORDINATORS
from standards_check.text.sentences import Sentence, Token

# what a subject and its modal look like: the head that coordinated verbs share
_MODALS = frozenset("must shall will may can should".split())
_TO_HEADS = frozenset(
    "right rights entitled required expected free able agree agrees commit commits promise promises pledge "
    "need needs have has allowed permitted welcome invited encouraged asked told obliged obligated".split()
)
_NEGATIONS = frozenset({"not", "never"})
# the verbs that show a clause has a subject of its own after "and"
_FINITE = frozenset("is are was were will shall must may can should would could".split())
# words that open a new clause with its own subject, or a noun phrase, not a verb
_NOT_A_VERB = frozenset(
    """
    the a an your their our his her its this that these those any all each every other another some no
    you we they he she it i there staff everyone anyone someone nobody people who which whose whom what
    if when unless where while because although though whether until before after as so then also
    """.split()
)
# words that neither start a verb phrase nor stand as one word of a series ("not, in and of itself")
_FUNCTION = _NOT_A_VERB | frozenset(
    """
    not never nor in of on at by with to for from into onto over under about than and or but itself themselves
    is are was were be been being am do does did has have had will would shall should can could may might must
    """.split()
)
# the words that open an aside set off by commas ("describe, when it helps, the path ...")
_ASIDE_OPENERS = SUBORDINATORS | {"as", "wherever"}
_NAME_GLUE = frozenset({"of", "for", "and", "the", "on", "in", "&"})
_MAX_ASIDE = 10  # tokens in an aside set off by commas
_MAX_READINGS = 8  # per sentence: a long enumeration needs no more


def _head(texts: list[str], start: int, end: int) -> tuple[int, int]:
    """Where the modal of the clause [start, end) starts and where its head ends, or (-1, -1).

    "Residents must ...", "we will never ...", "you have the right to ...",
    "Every coach applicant will ...": the subject, then the modal (or ``right
    to``-like phrase) and any negation right after it.
    """
    for i in range(start, min(end, start + 12)):
        w = texts[i]
        if w in ("//", ","):
            return -1, -1
        k = -1
        if w in _MODALS:
            k = i + 1
        elif w in _TO_HEADS and i + 1 < end and texts[i + 1] == "to":
            k = i + 2
        if k < 0:
            continue
        while k < end and (texts[k] in _NEGATIONS or texts[k] in ("be", "always", "also", "only", "ever", "to")):
            k += 1
        return i, k
    return -1, -1


def _clauses(texts: list[str]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, w in enumerate(texts):
        if w == "//":
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(texts)))
    return [(s, e) for s, e in spans if e > s]


def coordinated_verbs(texts: list[str], first_text: int = 0) -> list[tuple[int, ...]]:
    """Readings that give each coordinated verb phrase the head of the first one."""
    found: list[tuple[int, ...]] = []
    for cs, ce in _clauses(texts):
        modal, head = _head(texts, cs, ce)
        if head < 0:
            continue
        for j in range(max(head + 2, first_text), ce):
            before = texts[j - 1]
            if before not in ("and", "or", "nor", ","):
                continue
            w = texts[j]
            if w in _MODALS:
                # a modal of its own shares only the subject ("Guests must ... and may not contact ...")
                found.append((*range(cs, modal), *range(j, ce)))
                continue
            if (w in _FUNCTION and w not in ("be", "have", "do")) or not w.isalpha():
                continue
            if j + 1 >= ce:
                continue  # the last word coordinated with one before it ("changed or corrected")
            if any(texts[k] in _FINITE for k in range(j + 1, min(ce, j + 9)) if "," not in texts[j:k]):
                continue  # a clause with a subject and verb of its own ("and retaliation ... is prohibited")
            found.append((*range(cs, head), *range(j, ce)))
    return found


def _content(word: str) -> bool:
    return word.isalpha() and word not in _FUNCTION


def word_series(texts: list[str], first_text: int = 0) -> list[tuple[int, ...]]:
    """Readings that keep one word of a series "a, b and c" and drop the others."""
    found: list[tuple[int, ...]] = []
    n = len(texts)
    i = first_text
    while i < n - 2:
        # a series: w , w (,)? and|or w
        if not _content(texts[i]):
            i += 1
            continue
        members = [i]
        j = i + 1
        while j + 1 < n and texts[j] == "," and _content(texts[j + 1]):
            members.append(j + 1)
            j += 2
        if j + 1 < n and texts[j] == ",":
            j += 1
        if len(members) >= 2 and j + 1 < n and texts[j] in ("and", "or") and _content(texts[j + 1]):
            members.append(j + 1)
            last = j + 1
            for keep in members:
                found.append((*range(0, i), keep, *range(last + 1, n)))
            i = last + 1
            continue
        i += 1
    return found


def proper_names(sentence: Sentence, first_text: int = 0) -> tuple[int, ...] | None:
    """A reading in which each name of three or more capitalised words keeps its last word only."""
    tokens = sentence.tokens
    source = sentence.source_text
    keep: list[int] = []
    i, n, changed = 0, len(tokens), False
    while i < n:
        j = i
        words = 0
        while j < n and i >= first_text:
            raw = source[tokens[j].start : tokens[j].end]
            if raw[:1].isupper() and raw.isalpha():
                words += 1
            elif not (tokens[j].text in _NAME_GLUE and words):
                break
            j += 1
        while j > i and tokens[j - 1].text in _NAME_GLUE:
            j -= 1
        if words >= 3 and i > 0:
            keep.append(j - 1)
            changed = True
            i = j
        else:
            keep.append(i)
            i += 1
    return tuple(keep) if changed else None


def without_asides(sentence: Sentence, first_text: int = 0) -> tuple[int, ...] | None:
    """A reading without parenthesised phrases and comma-set asides opened by a subordinator."""
    tokens = sentence.tokens
    texts = [t.text for t in tokens]
    source = sentence.source_text
    drop: set[int] = set()
    if "(" in source:
        depth_at: list[int] = []
        depth = 0
        for ch in source:
            depth += ch == "("
            depth -= ch == ")" and depth > 0
            depth_at.append(depth)
        drop.update(i for i, t in enumerate(tokens) if i >= first_text and depth_at[t.start] > 0)
    for i in range(max(first_text, 1), len(texts)):
        if texts[i - 1] == "," and texts[i] in _ASIDE_OPENERS:
            for k in range(i + 1, min(len(texts), i + _MAX_ASIDE)):
                if texts[k] in ("//",):
                    break
                if texts[k] == ",":
                    drop.update(range(i - 1, k + 1))
                    break
    if not drop:
        return None
    return tuple(i for i in range(len(tokens)) if i not in drop)


_PREPOSITIONS = frozenset("to in of for from with about on into".split())


def shared_object(texts: list[str], first_text: int = 0) -> list[tuple[int, ...]]:
    """Two verbs set off by commas that share the object after them: "the right to
    give informed consent to, or to refuse, any service" also reads "the right to give
    informed consent to any service" and "the right to refuse any service"."""
    found: list[tuple[int, ...]] = []
    n = len(texts)
    for c1 in range(max(first_text, 2), n - 4):
        if texts[c1] != "," or texts[c1 + 1] not in ("or", "and") or texts[c1 - 1] not in _PREPOSITIONS:
            continue
        c2 = next((k for k in range(c1 + 2, min(n, c1 + 2 + _MAX_ASIDE)) if texts[k] in (",", "//")), -1)
        if c2 < 0 or texts[c2] != "," or c2 + 1 >= n or c2 - c1 < 3:
            continue
        found.append(tuple(i for i in range(n) if not c1 <= i <= c2))
        if texts[c1 + 2] == "to":  # the inner verb replaces the outer one, from its own "to"
            to = next((k for k in range(c1 - 2, max(first_text, c1 - 10) - 1, -1) if texts[k] == "to"), -1)
            if to >= 0:
                found.append(tuple(i for i in range(n) if not to <= i <= c1 + 1 and i != c2))
    return found


_YES = frozenset({"yes", "yep", "yeah", "absolutely", "certainly", "sure", "always", "definitely", "of"})  # "of course"
_NO = frozenset({"no", "nope", "never", "not"})
# the asker's words as the answer addresses them
_SECOND_PERSON = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "am": "are"}


def answered_question(sentence: Sentence) -> tuple[Token, ...] | None:
    """The question before ``sentence`` (its context) as the statement its "Yes" or "No" makes."""
    if not sentence.context.endswith("?"):
        return None
    tokens = sentence.tokens
    n = sentence.context_tokens
    q = list(tokens[:n])
    while q and q[0].text in ("q", "question", "//"):
        q.pop(0)
    a = list(range(n, len(tokens)))
    while a and tokens[a[0]].text in ("a", "answer", "//", ","):
        a.pop(0)
    if len(q) < 3 or not a or q[0].text not in AUXILIARIES:
        return None
    reply = tokens[a[0]]
    if reply.text not in _YES and reply.text not in _NO:
        return None
    aux, subject, rest = q[0], q[1], q[2:]
    said = [Token(_SECOND_PERSON.get(subject.text, subject.text), subject.start, subject.end), aux]
    if reply.text in _NO:
        said.append(Token("not", reply.start, reply.end))
    said += [Token(_SECOND_PERSON.get(t.text, t.text), t.start, t.end) for t in rest]
    skip = 2 if reply.text == "of" else 1  # "of course"
    return (*said, *(tokens[i] for i in a[skip:]))


def stated_of_heading(sentence: Sentence) -> tuple[Token, ...] | None:
    """A fragment read as said of its heading: "Participation" / "Always optional." reads
    "participation is always optional" (the "is" stands at the fragment's first word)."""
    n = sentence.context_tokens
    tokens = sentence.tokens
    if not n or n == len(tokens) or sentence.context.endswith((":", ".", "!", "?", ";")) or len(tokens) - n > 4:
        return None  # a heading has no full stop; a lead-in, a question or a sentence pointed back to has
    if any(t.text in AUXILIARIES for t in tokens[n:]):
        return None
    first = tokens[n]
    return (*tokens[:n], Token("is", first.start, first.start), *tokens[n:])


def readings(sentence: Sentence) -> list[tuple[int | Token, ...]]:
    """The readings of ``sentence`` (see the module doc), without the sentence itself."""
    texts = list(sentence.token_texts)
    words = set(texts)
    first = sentence.context_tokens
    found: list[tuple[int, ...]] = []
    # each shape needs words most sentences lack: look for it only where they stand
    simpler = []
    if "(" in sentence.text or "," in words:
        simpler.append(without_asides(sentence, first))
    if "," in words and ("or" in words or "and" in words):
        found += shared_object(texts, first)
    if sum(1 for w in sentence.text.split() if w[:1].isupper()) >= 4:
        simpler.append(proper_names(sentence, first))
    simpler = [r for r in simpler if r is not None]
    found += simpler
    coordinated = "and" in words or "or" in words or "nor" in words
    if coordinated:
        for base in [tuple(range(len(texts))), *simpler]:
            base_texts = [texts[i] for i in base]
            for r in (*coordinated_verbs(base_texts, first), *word_series(base_texts, first)):
                found.append(tuple(base[i] for i in r))
    unique: list[tuple[int | Token, ...]] = list(dict.fromkeys(r for r in found if len(r) < len(texts)))
    for special in (answered_question(sentence), stated_of_heading(sentence)):
        if special is not None:
            unique.insert(0, special)
    return unique[:_MAX_READINGS]
