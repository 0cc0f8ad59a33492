"""How a matched phrase is read in its sentence: negated, hedged, mentioned, and who it binds.

A phrase that a rubric looks for only counts when the sentence states it. These
functions look at the tokens around a match (see :mod:`standards_check.text.sentences`)
and say why a match must not count, or counts only weakly. They are deliberately
simple, documented heuristics, so that every decision can be explained in a report:

negation
    a negation cue (``not``, ``never``, ``no``, ``without``, ``rather than`` ...)
    inside a gap of the pattern ("participation is *not* voluntary"), or just
    before the match with only auxiliary or function words between ("will *not*
    be discharged", "*never* make support conditional"), or a negated subject
    at the start of the clause ("*No* resident will be evicted solely because of
    a relapse"). Cues that are written in the pattern itself are part of what it
    looks for ("never conditional on" is an affirmative statement of AUT-05).
hedge
    words that make a statement conditional on the agency's discretion, a wish or
    a plan ("where possible", "we hope to", "staff should try to", "interpreters
    may be arranged"). "may" is a hedge unless it grants the person a right ("you
    may stop at any time").
mention
    the phrase is quoted, or introduced as a term ("labels such as addict"): it is
    talked about, not used.
actor
    who the clause is about: the person served (``person``), the agency or its
    staff (``staff``), or unknown. "Peer staff must attend supervision" binds
    staff, not participants.
"""

from __future__ import annotations

from typing import NamedTuple

from standards_check.text.sentences import Sentence

# "without" before these says how something was done, not that it was not done
_WITHOUT_LEAVE = frozenset({"notice", "notifying", "permission", "approval", "prior", "calling", "excuse", "authorization", "authorisation", "leave", "checking", "signing"})
NEGATION_CUES = frozenset({"not", "no", "never", "nobody", "none", "nothing", "neither", "nor", "without"})
# two-word cues: (first, second)
NEGATION_PAIRS = frozenset({("rather", "than"), ("instead", "of"), ("free", "from"), ("free", "of"), ("no", "longer")})
# nominal negators that negate a whole clause when they open it ("No resident will ...")
CLAUSE_NEGATORS = frozenset({"no", "nobody", "none", "nothing", "neither", "never"})
# words that may stand between a negation cue and what it negates
GLUE = frozenset(
    """
    be been being is are was were am will would shall should can could may might must do does did
    have has had ever always at all any one anyone anybody the a an automatically solely simply just
    only also yet longer made make makes making get gets got give given with by for to of in on
    our your their his her its this that these those such we they you it there us them let
    one's person's else ever again necessarily immediately routinely
    """.split()
)
SUBORDINATORS = frozenset({"if", "when", "unless", "where", "although", "though", "while", "because", "once", "until", "before", "after", "whenever"})

HEDGE_PHRASES = (
    ("where", "possible"), ("when", "possible"), ("if", "possible"), ("whenever", "possible"), ("as", "possible"),
    ("as", "appropriate"), ("when", "appropriate"), ("where", "appropriate"), ("if", "appropriate"),
    ("when", "feasible"), ("where", "feasible"), ("if", "feasible"), ("as", "feasible"),
    ("when", "practical"), ("where", "practical"), ("if", "practical"), ("when", "practicable"), ("where", "practicable"),
    ("resources", "permitting"), ("resources", "allow"), ("funding", "allows"), ("funding", "permitting"),
    ("staff", "discretion"), ("our", "discretion"), ("the", "discretion"), ("sole", "discretion"),
    ("try", "to"), ("tries", "to"), ("try", "not"), ("tries", "not"), ("attempt", "to"), ("attempts", "to"), ("aim", "to"), ("aims", "to"),
    ("hope", "to"), ("hopes", "to"), ("plan", "to"), ("plans", "to"), ("intend", "to"), ("intends", "to"),
    ("may", "consider"), ("will", "consider"), ("might",), ("could",), ("ideally",), ("encouraged",), ("encourage",),
    ("encourages",), ("urged",), ("strive",), ("strives",), ("should",), ("generally",), ("usually",), ("typically",),
    ("in", "most", "cases"), ("in", "the", "future"), ("where", "needed", "and", "available"), ("if", "available"),
    ("when", "available"), ("where", "available"), ("subject", "to", "availability"), ("would", "like", "to"),
    ("we", "would"), ("may", "be", "able"), ("may", "be", "offered"), ("may", "be", "provided"), ("may", "be", "given"),
    ("may", "be", "arranged"), ("may", "be", "available"), ("may", "be", "made"), ("upon", "approval"), ("with", "approval"),
    ("may",), ("where", "clinically"), ("when", "clinically"), ("as", "clinically"), ("if", "clinically"),
    ("clinically", "appropriate"), ("clinically", "indicated"), ("if", "time", "permits"), ("time", "permitting"),
    ("staffing", "permits"), ("staffing", "permitting"), ("staffing", "allows"), ("do", "our", "best"),
    ("at", "the", "discretion"), ("if", "needed", "and", "available"), ("to", "the", "extent", "possible"),
    ("as", "resources", "allow"), ("where", "resources", "allow"), ("when", "resources", "allow"),
)
_HEDGE_INDEX: dict[str, list[tuple[str, ...]]] = {}
for _phrase in HEDGE_PHRASES:
    _HEDGE_INDEX.setdefault(_phrase[0], []).append(_phrase)

PERSON_WORDS = frozenset(
    """
    you participant participants member members resident residents client clients guest guests consumer consumers
    individual individuals person persons people caller callers veteran veterans youth tenant tenants patient patients
    parent parents family families everyone anyone student students peer-served survivor survivors attendee attendees
    mentee mentees recipient recipients visitor visitors user users applicant applicants defendant defendants
    """.split()
)
STAFF_WORDS = frozenset(
    """
    staff we employee employees supporter supporters specialist specialists mentor mentors coach coaches navigator navigators
    worker workers counselor counselors counsellor counsellors clinician clinicians team manager managers director directors
    agency organization organisation operator operators volunteer volunteers facilitator facilitators supervisor supervisors
    provider providers program programme center centre house management administrator administrators psychiatrist
    therapist therapists nurse nurses officer officers court judge case caseworker caseworkers board
    cps prc prs crs crss cprs cpsw cprc chw chws prcs
    """.split()
)
MENTION_WORDS = frozenset({"terms", "words", "labels", "phrases", "expressions"})
MENTION_SINGULAR = frozenset({"term", "word", "label", "phrase", "expression"})


class Reading(NamedTuple):
    """Why a match does not count (``negated``/``mentioned``), or how firmly it counts."""

    negated: str | None = None  # the cue, e.g. "not"
    mentioned: bool = False
    hedge: str | None = None  # e.g. "where possible"
    actor: str | None = None  # "person", "staff" or None
    asked: bool = False  # the sentence is a question: it states nothing (its answer may)


def clause_bounds(sentence: Sentence, index: int) -> tuple[int, int]:
    """Token range [start, end) of the clause (between strong boundaries) containing ``index``."""
    if 0 <= index < len(sentence.tokens):
        return sentence.clause_spans[index]
    tokens = sentence.tokens
    start = index
    while start > 0 and tokens[start - 1].text != "//":
        start -= 1
    end = index
    while end < len(tokens) and tokens[end].text != "//":
        end += 1
    return start, end


AUXILIARIES = frozenset(
    "will would shall should can could may might must is are was were be been am do does did has have had".split()
)
RELATIVES = frozenset({"who", "that", "which", "whom", "whose"})
COORDINATORS = frozenset({"and", "but", "or", "while", "so", "yet", "whereas"})
# modal hedges read as a hedge of the main statement only outside subordinate or
# relative clauses: "decisions that staff might not make", "when it may help you"
_CLAUSE_OPENERS = frozenset(SUBORDINATORS | RELATIVES | {"what", "how", "whether", "others", "someone", "something"})
_MODAL_HEDGES = frozenset({"might", "could", "would", "should", "may", "we"})


def _cue_at(sentence: Sentence, i: int, limit: int | None = None) -> str | None:
    """A negation cue at token ``i`` (reading two-word cues that end there).

    A cue inside quotation marks ("you can say 'not today'") is talked about, not
    used; "not only ... but" is no negation.
    """
    tokens = sentence.tokens
    tok = tokens[i]
    word = tok.text
    if sentence.quoted and sentence.is_quoted(tok.start, tok.end):
        return None
    if i > 0 and (tokens[i - 1].text, word) in NEGATION_PAIRS:
        return f"{tokens[i - 1].text} {word}"
    if word in NEGATION_CUES:
        nxt = tokens[i + 1].text if i + 1 < len(tokens) and (limit is None or i + 1 < limit) else ""
        if word == "not" and nxt in ("only", "just"):
            return None
        if word == "not" and i > 0 and tokens[i - 1].text == "or":
            return None  # "whether or not you come"
        if word == "no" and nxt in ("matter", "later", "cost", "charge", "fee", "wrong"):
            return None  # "no matter their faith", "no later than", "at no cost", "no wrong door"
        if word == "without" and nxt in _WITHOUT_LEAVE:
            return None  # "absent without notice": a condition of the statement, not its negation
        return word
    return None


def negation(sentence: Sentence, start: int, end: int, gaps: list[tuple[int, int]]) -> str | None:
    """The negation cue that negates tokens [start, end), if any (see module doc)."""
    tokens = sentence.tokens
    # 1. a cue inside a gap of the pattern; a cue followed by a comma in the gap
    #    belongs to an aside or an earlier clause ("never reported to the court,
    #    and it does not ...", "including what they do not want, are recorded")
    for gs, ge in gaps:
        for i in range(gs, ge):
            cue = _cue_at(sentence, i, ge)
            if cue is None and tokens[i].text in ("rather", "instead") and i + 1 < ge:
                cue = tokens[i].text
            if cue and not _cue_set_apart(tokens, start, i, end):
                return cue
    # 2. a cue just before the match, with only glue words between; one verb may
    #    stand between when the match starts with its object ("do not build the
    #    plan together"), not when it starts a verb phrase of its own ("clients
    #    who do not attend will be discharged")
    i = start - 1
    steps = 0
    skipped = False
    floor = clause_bounds(sentence, start)[0]  # a sentence pointed back to negates nothing here
    # the verb may not be skipped when the match starts a verb phrase of its own,
    # when the verb governs an infinitive ("not required to serve"), or when the
    # match runs on into another clause ("don't write it for you, we write it together")
    no_skip = (
        (start < len(tokens) and tokens[start].text in AUXILIARIES)
        or any(tokens[k].text == "," for k in range(start, end))
    )
    while i >= floor and steps < 6:
        word = tokens[i].text
        if word in ("//", ",") or word in RELATIVES:
            break
        cue = _cue_at(sentence, i)
        if cue:
            return cue
        if word not in GLUE:
            if skipped or no_skip or i == 0 or tokens[i - 1].text not in ("not", "never") or tokens[i + 1].text == "to":
                break
            skipped = True
        i -= 1
        steps += 1
    # 3. a negated subject opening the clause: "No resident will ...", "At no time will ..."
    #    Its scope ends at a coordinated clause (", and you may ...").
    cs, ce = clause_bounds(sentence, start)
    first = cs
    scope_end = ce
    if first < len(tokens) and tokens[first].text in SUBORDINATORS:
        # "If there is no bed, ..." : the negator's scope ends with the subordinate clause
        for j in range(first, ce):
            if tokens[j].text == ",":
                if j < start:
                    first = j + 1
                else:
                    scope_end = j
                break
    if any(tokens[k].text in CLAUSE_NEGATORS for k in range(start, min(start + 2, end))):
        return None  # "nobody is the patient and nobody is the expert": the match says its own "nobody"
    for j in range(first, min(first + 4, scope_end, start)):
        if tokens[j].text == "never" and j > first:
            continue  # "clients are never obligated ... and may withdraw": "never" is the verb's (rule 2)
        if tokens[j].text in CLAUSE_NEGATORS:
            if tokens[j].text == "no" and j > first and tokens[j - 1].text not in ("at", "under", "in", "by"):
                return None  # "no" as a determiner of an object ("has no say") is rule 2's
            for k in range(j + 1, start):
                nxt = tokens[k + 1].text if k + 1 < len(tokens) else ""
                if tokens[k].text == "," and nxt in COORDINATORS:
                    return None  # the match stands in a later, coordinated clause
                if tokens[k].text in ("and", "but", "or") and (nxt in AUXILIARIES or nxt in _SUBJECTS or nxt in PERSON_WORDS):
                    return None  # "No one is ordered in and a veteran may step away"
            if sentence.quoted and sentence.is_quoted(tokens[j].start, tokens[j].end):
                return None
            return tokens[j].text
    return None


_DETERMINERS = frozenset({"such", "the", "your", "their", "these", "those", "our", "his", "her", "crisis", "care", "recovery", "a", "any", "all"})
_SUBJECTS = frozenset({"it", "they", "we", "you", "he", "she", "this", "that", "there", "i"})


def _cue_set_apart(tokens, start: int, i: int, end: int) -> bool:
    """Whether the cue at ``i`` stands in an aside or an earlier coordinated clause.

    "Stopping, or never starting it, will not ..." (an aside between commas);
    "is never reported to the court, and it does not affect ..." (a new clause).
    A comma in a list ("do not supervise, monitor or discipline") is neither.
    """
    commas_after = [j for j in range(i + 1, end) if tokens[j].text == ","]
    if not commas_after:
        return False
    if any(tokens[j].text == "," for j in range(start, i)):
        return True
    for j in commas_after:
        nxt = tokens[j + 1].text if j + 1 < len(tokens) else ""
        after = tokens[j + 2].text if j + 2 < len(tokens) else ""
        if nxt in COORDINATORS and (after in _SUBJECTS or after in PERSON_WORDS or after in STAFF_WORDS):
            return True
        if nxt in _SUBJECTS:
            return True
    return False


def hedge(sentence: Sentence, start: int, end: int) -> str | None:
    """A hedge in the clause of the match that makes it a wish, plan or discretion."""
    tokens = sentence.tokens
    cs, ce = clause_bounds(sentence, start)
    # the comma-delimited coordinated part of the clause that holds the match:
    # "we may share our worries, but the decision is yours" hedges only the first part
    for k in range(start - 1, cs, -1):
        if tokens[k].text == "," and k + 1 < ce and tokens[k + 1].text in COORDINATORS:
            cs = k + 1
            break
    for k in range(start, ce - 1):
        if tokens[k].text == "," and tokens[k + 1].text in COORDINATORS:
            ce = k
            break
    words = [t.text for t in tokens[cs:ce]]
    # "as training allows", "when caseloads permit", "space permitting": the agency's capacity
    for i, w in enumerate(words):
        if w in ("allows", "allow", "permits", "permit", "permitting") and i >= 1:
            opener = words[max(0, i - 3) : i]
            own = any(x in ("your", "their", "you", "they", "his", "her") for x in opener)
            if not own and (w == "permitting" or any(x in ("as", "when", "if", "where") for x in opener)):
                return " ".join(words[max(0, i - 2) : i + 1])
    for i, w in enumerate(words):
        for phrase in _HEDGE_INDEX.get(w, ()):
            if tuple(words[i : i + len(phrase)]) != phrase:
                continue
            after = words[i + len(phrase)] if i + len(phrase) < len(words) else ""
            if phrase[0] in ("plan", "plans", "hope", "hopes", "aim", "aims") and i > 0 and words[i - 1] in _DETERMINERS:
                continue  # "such plans to be honored": a noun, not an intention
            if phrase[0] in _MODAL_HEDGES and after == "not":
                continue  # "decisions staff might not make": a description, not a hedge
            if (
                phrase[0] in _MODAL_HEDGES and start - cs + 1 < i < end - cs
                and (words[i - 1] in _SUBJECTS or phrase[0] in _SUBJECTS)
                and not _opens_with_subject(tokens[start].text)
            ):
                continue  # a clause of its own inside the match: "explain the times we might have to share"
            if phrase[0] not in SUBORDINATORS and phrase[0] != "as" and (any(x in _CLAUSE_OPENERS for x in words[max(0, i - 3) : i]) or any(x in SUBORDINATORS for x in words[max(0, i - 5) : i])):
                continue  # in a subordinate or relative clause ("what you hope to get"), not the main statement
            if phrase in (("may",), ("should",)) and i >= end - cs:
                continue  # a modal after the match governs another verb
            if phrase in (("may",), ("should",)) and _subject_before(words, i) != "staff":
                continue  # "you may ask for ..." grants a right; only "staff may ..." is discretion
            if "discretion" in phrase and i + len(phrase) + 1 < len(words) and words[i + len(phrase)] == "of":
                nxt = words[i + len(phrase) + 1 : i + len(phrase) + 3]
                if any(w in PERSON_WORDS or w in ("the", "each") and any(v in PERSON_WORDS for v in nxt) for w in nxt):
                    continue  # "at the discretion of the individual": the person's choice
            return " ".join(phrase)
    return None


def _opens_with_subject(word: str) -> bool:
    """Whether a match starting with ``word`` starts with its own subject ("peer staff might share")."""
    return word in PERSON_WORDS or word in STAFF_WORDS or word in _SUBJECTS or word in _MODIFIERS


def _subject_before(words: list[str], i: int) -> str | None:
    """The nearest person or staff word before word ``i`` of a clause."""
    for j in range(i - 1, max(-1, i - 12), -1):
        w = words[j]
        if w in ("member", "members") and j > 0 and words[j - 1] in STAFF_WORDS:
            return "staff"
        if w in PERSON_WORDS:
            return "person"
        if w in STAFF_WORDS and not (j + 1 < len(words) and _is_modifier(w, words[j + 1])):
            return "staff"
    return None


# staff words that, followed by a noun, are modifiers: "house meetings", "program rules"
_MODIFIERS = frozenset(
    {"house", "program", "programme", "center", "centre", "team", "agency", "court", "case", "staff", "peer"}
    | {"cps", "prc", "prs", "crs", "crss", "cprs", "cpsw", "cprc", "chw", "prcs", "specialist"}
)


def _is_modifier(word: str, nxt: str) -> bool:
    """Whether a staff word is a modifier of the next word ("house meetings", "PSS records")."""
    return (
        word in _MODIFIERS and nxt.isalpha() and nxt not in STAFF_WORDS and nxt not in AUXILIARIES
        and nxt not in ("member", "members", "and", "or", "who", "that")
    )


def _actor_word(tokens, i: int) -> str | None:
    w = tokens[i].text
    if i + 1 < len(tokens) and _is_modifier(w, tokens[i + 1].text):
        return None  # a modifier, not the subject
    if w in PERSON_WORDS or w == "your":
        # "staff members", "team member", "board members" are staff
        if w in ("member", "members") and i > 0 and tokens[i - 1].text in STAFF_WORDS:
            return "staff"
        return "person"
    if w in STAFF_WORDS:
        return "staff"
    return None


def actor(sentence: Sentence, start: int) -> str | None:
    """Who the clause of token ``start`` binds: ``person``, ``staff`` or None.

    A person or staff word opening the match decides; otherwise the nearest such
    word before the match (``your`` counts for the person: "we respect your right
    to refuse"), in the same clause and comma-delimited segment.
    """
    tokens = sentence.tokens
    cs, ce = clause_bounds(sentence, start)
    for i in range(start, min(start + 2, ce)):
        if tokens[i].text == "your":
            continue
        found = _actor_word(tokens, i)
        if found:
            if i + 1 < ce and found == "staff" and tokens[i + 1].text in ("member", "members"):
                return "staff"
            return found
    for i in range(start - 1, cs - 1, -1):
        if tokens[i].text == ",":
            break
        found = _actor_word(tokens, i)
        if found:
            return found
    return None


def mentioned(sentence: Sentence, start: int, end: int) -> bool:
    """Whether tokens [start, end) are quoted or introduced as a term, not used."""
    tokens = sentence.tokens
    if start >= len(tokens):
        return False
    if sentence.is_quoted(tokens[start].start, tokens[end - 1].end):
        return True
    before = [t.text for t in tokens[max(0, start - 4) : start]]
    # "labels such as addict", "words like junkie", "the term addict", "called addicts"
    if any(w in MENTION_WORDS for w in before) and ("such" in before or "like" in before or before[-1:] and before[-1] in MENTION_WORDS):
        return True
    return bool(before) and (before[-1] in MENTION_SINGULAR or (before[-1] == "called" and len(before) > 1 and before[-2] in ("be", "being", "been", "are", "is", "were")))
