"""Vocabulary every rubric's patterns may use as ``{name}`` macros.

Rubric files add their own lists under ``vocabulary:``; a rubric's list of the
same name replaces the core one for that rubric.
"""

from __future__ import annotations

CORE_VOCABULARY: dict[str, tuple[str, ...]] = {
    # the person served, as policies name them
    "person": (
        "you", "participant*", "member*", "resident*", "client*", "guest*", "consumer*", "individual*",
        "person", "persons", "people", "caller*", "veteran*", "youth*", "tenant*", "patient*", "parent*",
        "families", "family", "everyone", "anyone", "each person", "person served", "persons served",
        "people served", "service user*", "attendee*", "mentee*", "recipient*", "student*", "survivor*",
        "young people", "young adult*", "defendant*", "woman", "women", "men", "visitor*",
        # the person speaking in an agreement they sign ("I may review my record")
        "i", "me",
    ),
    # the person's own (possessive)
    "their": ("your", "their", "his", "her", "his or her", "his her", "the person", "the participant", "the member", "the resident", "the client", "the guest", "one's", "own", "my"),
    # agency and staff
    "staff": (
        "staff", "staff member*", "we", "employee*", "peer supporter*", "peer specialist*", "peer support specialist*",
        "peer mentor*", "peer worker*", "peer staff", "peer advocate*", "peer navigator*", "peer coach*",
        "recovery coach*", "recovery support specialist*", "coach*", "mentor*", "navigator*", "supporter*",
        "specialist*", "counselor*", "counsellor*", "clinician*", "case manager*", "caseworker*", "worker*",
        "team", "treatment team", "care team", "manager*", "director*", "house manager*", "program manager*",
        "agency", "organization", "organisation", "program", "programme", "center", "centre", "operator*",
        "volunteer*", "facilitator*", "supervisor*", "provider*", "therapist*", "nurse*", "psychiatrist*",
        "doctor*", "physician*", "administrator*", "management",
    ),
    # the peer supporter specifically
    "supporter": (
        "peer supporter*", "peer specialist*", "peer support specialist*", "peer mentor*", "peer worker*",
        "peer advocate*", "peer navigator*", "peer coach*", "peer staff", "peer support worker*",
        "recovery coach*", "recovery support specialist*", "coach*", "mentor*", "navigator*", "supporter*",
        "peer", "peers", "specialist*", "advocate*", "worker*", "staff member*", "staff", "operator*",
        "volunteer*", "facilitator*", "guide*", "buddy", "buddies",
    ),
    # peer support / the service
    "service": (
        "peer support", "peer services", "peer support services", "services", "service", "support", "coaching",
        "peer coaching", "mentoring", "peer mentoring", "program*", "programme*", "groups", "group*",
        "sessions", "session*", "meetings", "meeting*", "activities", "activity", "classes", "class",
        "recovery coaching", "counseling", "counselling", "treatment", "care", "help", "visits", "calls",
    ),
    # taking part
    "participation": (
        "participation", "participating", "taking part", "attendance", "attending", "involvement",
        "engagement", "use of", "using", "membership", "enrollment", "enrolment", "joining", "being part",
    ),
    # modal words of obligation
    "must": ("must", "shall", "will be required to", "are required to", "is required to", "required to", "have to", "has to", "is expected to", "are expected to", "expected to", "obligated to", "obliged to", "mandated to"),
    # any time
    "anytime": ("at any time", "any time", "anytime", "whenever", "at any point", "at any stage", "at all times"),
}
