"""The mutual-respect rubric (MR-01 .. MR-07) on short policy texts.

Each case is a few sentences and the status a careful reviewer gives them under
docs/criteria.md: affirmative statements, negated and hedged ones, statements that bind
staff rather than the person served, and red flags beside supporting evidence.
MR-01 is decided by the plugin's code evaluator against rubrics/language.yaml;
MR-02 .. MR-07 by their patterns. FAMILIES probes each family of wordings a criterion
reads, in sentences written for these tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rubric_spec import checker_for, document, findings, status  # noqa: E402,F401,I001

from standards_check.engine.checker import Checker
from standards_check.loading.rubric import load_rubric_file

ROOT = Path(__file__).resolve().parents[2]

try:  # installed: the built-in plugins are the package standards_check.builtin
    from standards_check.builtin import mutual_respect as plugin
except ImportError:  # source tree, not installed
    sys.path.insert(0, str(ROOT))
    from plugins import mutual_respect as plugin  # type: ignore[no-redef]


@pytest.fixture(scope="module")
def checker() -> Checker:
    return checker_for("mutual-respect")


# --------------------------------------------------------------------- the plugin


def test_plugin_contributes_the_evaluator():
    evaluators = plugin.standards_check_evaluators()
    assert evaluators == {"person-first-language": plugin.evaluate_language}
    assert plugin.STANDARDS_CHECK_API == 1


def test_rubric_file_declares_all_criteria_and_the_evaluator():
    rubric = load_rubric_file(ROOT / "rubrics" / "mutual-respect.yaml")
    assert rubric.id == "mutual-respect"
    assert rubric.title == "Mutual respect: mutuality, dignity and respect"
    assert [c.id for c in rubric.criteria] == [f"MR-0{i}" for i in range(1, 8)]
    mr01 = rubric.criteria[0]
    assert mr01.evaluator == "person-first-language"
    assert [e.id for e in mr01.elements] == ["a"]
    for c in rubric.criteria:
        assert c.requirement and c.why and c.remediation and c.model_language
        assert 2 <= len(c.references) <= 3
        assert all(r.section for r in c.references)
    severities = {c.id: c.severity for c in rubric.criteria}
    assert severities["MR-04"] == "critical"
    assert [e.id for e in rubric.criteria[3].elements] == ["a", "b", "c", "d"]


def test_model_language_of_each_criterion_meets_it(checker):
    rubric = load_rubric_file(ROOT / "rubrics" / "mutual-respect.yaml")
    for c in rubric.criteria:
        f = findings(checker, c.model_language)[c.id]
        assert f.status.value == "met", (c.id, f.rationale)


def test_lexicon_entries_cite_a_source_and_give_an_alternative():
    lex = plugin.lexicon()
    assert len(lex.entries) >= 30
    for entry in lex.entries:
        assert entry.alternatives, entry.id
        assert entry.cite, entry.id
    ids = {e.id for e in lex.entries}
    for needed in ("addict", "substance-abuser", "junkie", "alcoholic", "drunk", "clean-person", "clean-test",
                   "dirty-test", "mentally-ill", "slur-mental", "schizophrenic", "bipolar", "depressed",
                   "non-compliant", "suffers-from", "afflicted-with", "victim-of-illness", "mental-patient",
                   "frequent-flyer", "manipulative", "drug-seeking", "substance-abuse", "opioid-replacement",
                   "committed-suicide", "handicapped"):
        assert needed in ids


# --------------------------------------------------------------------- MR-01


MR01_TERMS = [
    # (text, red flag id, words that must be reported)
    ("The program serves addicts who are leaving hospital care.", "addict", "addicts"),
    ("He is a former addict who now mentors others.", "former-addict", "former addict"),
    ("Substance abusers are referred to detox.", "substance-abuser", "Substance abusers"),
    ("Drug abusers must see the nurse.", "substance-abuser", "Drug abusers"),
    ("Staff should not let junkies hang around the entrance.", "junkie", "junkies"),
    ("Many residents are alcoholics.", "alcoholic", "alcoholics"),
    ("A drunk was asked to come back later.", "drunk", "A drunk"),
    ("Residents who stay clean for 90 days may have overnight passes.", "clean-person", "stay clean"),
    ("Members celebrate their clean time at the monthly dinner.", "clean-person", "clean time"),
    ("A dirty urine will be discussed with your coach.", "dirty-test", "dirty urine"),
    ("Clients who tested dirty meet with the team.", "dirty-test", "tested dirty"),
    ("Our UA came back clean.", "clean-test", "came back clean"),
    ("We serve the mentally ill in three counties.", "mentally-ill", "mentally ill"),
    ("The lunatics on the third floor kept everyone awake.", "slur-mental", "lunatics"),
    ("Some guests act crazy at night.", "slur-mental", "crazy"),
    ("He is a schizophrenic and lives with his mother.", "schizophrenic", "a schizophrenic"),
    ("Schizophrenics are welcome at the clubhouse.", "schizophrenic", "Schizophrenics"),
    ("Members who are bipolar may join the evening group.", "bipolar", "are bipolar"),
    ("The depressed often stay home.", "depressed", "The depressed"),
    ("Non-compliant clients are referred back to the psychiatrist.", "non-compliant", "Non-compliant"),
    ("Discharge may follow repeated noncompliance with medication.", "non-compliant", "noncompliance"),
    ("Many callers suffer from depression.", "suffers-from", "suffer from"),
    ("Residents suffering from addiction need support.", "suffers-from", "suffering from"),
    ("People afflicted with mental illness are welcome.", "afflicted-with", "afflicted with"),
    ("He was a victim of mental illness for years.", "victim-of-illness", "victim of mental illness"),
    ("The clinic treated many former mental patients.", "mental-patient", "mental patients"),
    ("Frequent flyers will be referred to case management.", "frequent-flyer", "Frequent flyers"),
    ("Clients can be manipulative.", "manipulative", "manipulative"),
    ("Drug-seeking behavior is reported to the nurse.", "drug-seeking", "Drug-seeking"),
    ("Substance abuse counseling is available on Tuesdays.", "substance-abuse", "Substance abuse"),
    ("Methadone is an opioid replacement therapy.", "opioid-replacement", "replacement therapy"),
    ("Buprenorphine just trades one drug for another.", "opioid-replacement", "trades one drug for another"),
    ("A former member committed suicide last year.", "committed-suicide", "committed suicide"),
    ("Handicapped parking is next to the entrance.", "handicapped", "Handicapped"),
]


@pytest.mark.parametrize("text,flag,words", MR01_TERMS)
def test_mr01_reports_each_term_with_its_line_and_alternative(checker, text, flag, words):
    f = findings(checker, "An opening line with nothing to report.\n" + text)["MR-01"]
    assert f.status.value == "not_met", f.rationale
    flags = [e for e in f.evidence if e.kind == "contradicts"]
    assert [(e.red_flag, e.match) for e in flags] == [(flag, words)]
    e = flags[0]
    assert e.line == 2
    assert e.note and e.note.startswith("instead, say: ") and e.note.endswith(")")
    assert e.quote == text
    assert f.elements[0].id == "a" and f.elements[0].present is False
    assert words.lower() in f.rationale.lower()


def test_mr01_note_names_the_alternative_and_the_source(checker):
    f = findings(checker, "The program serves addicts.")["MR-01"]
    assert f.evidence[0].note == "instead, say: person who uses drugs (NIDA Words Matter)"
    assert "person who uses drugs" in f.rationale


def test_mr01_reports_every_occurrence(checker):
    text = "The program serves addicts and the mentally ill.\nMany clients suffer from schizophrenia and have a history of non-compliance with treatment."
    f = findings(checker, text)["MR-01"]
    assert f.status.value == "not_met"
    assert [(e.red_flag, e.line) for e in f.evidence] == [
        ("addict", 1), ("mentally-ill", 1), ("suffers-from", 2), ("non-compliant", 2),
    ]


MR01_NOT_TERMS = [
    # plain person-first policy text
    "We serve people who use drugs and people living with mental health conditions.",
    "Relapse is part of recovery, and a return to use is met with support.",
    "Medication for opioid use disorder, including methadone, is welcome here.",
    "People with a substance use disorder are welcome; no one has to be sober to visit.",
    # other senses of the words
    "Residents take turns to keep the kitchen clean.",
    "The bathrooms must stay clean at all times.",
    "You can get clean syringes and naloxone at the window.",
    "Alcoholic beverages are not allowed on the premises.",
    "Non-alcoholic drinks are served at events.",
    "Nicotine replacement therapy is offered to anyone who smokes.",
    "Staff suffering from burnout may take extra leave.",
    "Victims of crime and domestic violence get support.",
    "Staff completed suicide prevention training.",
    "Staff non-compliance with HIPAA will result in discipline.",
    "The disabled parking space is near the door.",
    "Decisions may be appealed if they result in denial of services.",
    "Clients with alcoholism or addiction get the same welcome as everyone else.",
]


@pytest.mark.parametrize("text", MR01_NOT_TERMS)
def test_mr01_met_when_no_term_is_used(checker, text):
    f = findings(checker, text)["MR-01"]
    assert f.status.value == "met", [(e.red_flag, e.match) for e in f.evidence]
    assert f.evidence == []
    assert f.elements[0].present is True
    assert "no stigmatizing term" in f.rationale


MR01_SET_ASIDE = [
    # (text, red flag id of the skipped term, words in the reason)
    ('We never call anyone an "addict" or a "junkie".', "addict", "quoted"),
    ("We avoid labels such as addict, junkie or alcoholic.", "junkie", "term"),
    ("Avoid stigmatizing language, for example addict, junkie, crackhead, clean, dirty or alcoholic.", "alcoholic", "term"),
    ("Peers never refer to members as addicts.", "addict", "term"),
    ("We say person who uses drugs instead of addict.", "addict", "term"),
    ("The word 'crazy' is never used to describe anyone.", "slur-mental", "quoted"),
    ("Members who call themselves alcoholics are welcome to do so.", "alcoholic", "themselves"),
    ("People may describe themselves however they wish, including as addicts.", "addict", "themselves"),
    ("Some people in recovery identify as addicts, and we respect that.", "addict", "themselves"),
    ("Many members also attend Alcoholics Anonymous or Narcotics Anonymous.", "alcoholic", "proper name"),
    ("Adult Children of Alcoholics meets on Tuesdays.", "alcoholic", "proper name"),
    ("Sex and Love Addicts Anonymous meets upstairs.", "addict", "proper name"),
    ("The program is funded by the Substance Abuse and Mental Health Services Administration.", "substance-abuse", "proper name"),
    ("We follow the guidance of the National Institute on Drug Abuse.", "substance-abuse", "proper name"),
    ("Report concerns to the Office of Alcoholism and Substance Abuse Services.", "substance-abuse", "proper name"),
    ("Staff will not be manipulative with members.", "manipulative", "staff"),
]


@pytest.mark.parametrize("text,flag,why", MR01_SET_ASIDE)
def test_mr01_sets_aside_mentions_self_labels_and_proper_names(checker, text, flag, why):
    f = findings(checker, text)["MR-01"]
    assert f.status.value == "met", [(e.red_flag, e.match) for e in f.evidence]
    considered = [c for c in f.considered if c.red_flag == flag]
    assert considered, f.considered
    assert why in considered[0].reason
    assert considered[0].line == 1


def test_mr01_a_term_stands_beside_a_mention(checker):
    text = 'We never use the word "addict".\nAddicts who relapse are referred to detox.'
    f = findings(checker, text)["MR-01"]
    assert f.status.value == "not_met"
    assert [(e.red_flag, e.line) for e in f.evidence] == [("addict", 2)]
    assert [c.line for c in f.considered] == [1]


def test_mr01_negation_does_not_excuse_a_label(checker):
    # "No addict is turned away" still calls people addicts
    assert status(checker, "MR-01", "No addict will be turned away.") == "not_met"


def test_mr01_list_lead_in_makes_items_mentions(checker):
    text = "Staff avoid the following terms:\n- addict or junkie\n- frequent flyer"
    f = findings(checker, text)["MR-01"]
    assert f.status.value == "met", [(e.red_flag, e.match) for e in f.evidence]


def test_mr01_rationale_counts_sentences_when_met(checker):
    f = findings(checker, "You decide.\nWe listen.")["MR-01"]
    assert f.status.value == "met"
    assert "Scanned 2 sentences" in f.rationale


# --------------------------------------------------------------------- MR-02 .. MR-07

CASES = [
    # MR-02: mutual relationship, sharing lived experience
    ("MR-02", "met", "Our relationships are mutual: we meet as equals. Peer supporters share their own recovery stories when it helps the person, always with a purpose."),
    ("MR-02", "met", "Recovery coaches and participants are equal partners in recovery. Coaches draw on their own lived experience to offer hope."),
    ("MR-02", "partial", "Peer support is a partnership between equals."),
    ("MR-02", "partial", "Peer mentors use self-disclosure purposefully and only to benefit the member."),
    ("MR-02", "not_met", "Peer workers are staff members who have personal experience of recovery."),
    ("MR-02", "not_met", "The relationship is not mutual; staff are in charge."),
    ("MR-02", "not_met", "Residents attend mutual-aid meetings such as AA or SMART Recovery."),
    ("MR-02", "not_met", "We meet as equals. Clients must obey staff at all times."),
    ("MR-02", "not_met", "We walk alongside members as partners. Peer specialists will supervise clients during outings."),
    ("MR-02", "not_met", "Peer mentors serve as an additional layer of supervision for participants."),
    ("MR-02", "partial", "We meet as equals. Peer staff do not supervise or monitor residents."),
    ("MR-02", "partial", "We meet as equals. Peer staff must follow the directions of their supervisor."),
    ("MR-02", "not_met", "We meet as equals. Participants are required to follow the directions of peer staff."),
    ("MR-02", "not_met", "We meet as equals. Peer coaches conduct room checks and enforce curfew."),
    ("MR-02", "partial", "Residents and staff treat each other with mutual respect. Peer mentors share their own recovery stories to offer hope."),
    # MR-03: rights explained at the start, accessible
    ("MR-03", "met", "At intake, your peer supporter goes over your rights with you. The rights statement is available in Spanish, large print and audio."),
    ("MR-03", "met", "Rights are reviewed with each participant at orientation. Copies are available in braille and easy-read formats."),
    ("MR-03", "partial", "Each resident receives a copy of the Resident Bill of Rights."),
    ("MR-03", "partial", "During your first week your coach will talk you through the participant rights handbook."),
    ("MR-03", "not_met", "Your rights are posted in the lobby."),
    ("MR-03", "not_met", "Clients have the right to be treated with dignity."),
    ("MR-03", "not_met", "At intake, staff review your rights with you. The rights statement is available in English only."),
    ("MR-03", "not_met", "At intake, staff review your rights with you. By signing the intake form, participants waive their right to file complaints."),
    # MR-04: grievance without retaliation
    ("MR-04", "met", "If you are unhappy, you can tell any staff member or write to the director, who will answer within ten business days. No one will be treated differently for raising a concern. You may also contact the state Protection and Advocacy agency."),
    ("MR-04", "partial", "You can file a grievance with the program director, who will respond in writing within 10 days."),
    ("MR-04", "partial", "Filing a complaint will never affect your housing."),
    ("MR-04", "partial", "We try to respond to complaints within a week."),
    ("MR-04", "not_met", "Staff make all decisions about services."),
    ("MR-04", "not_met", "You can file a grievance with the director. The director's decision is final and is not subject to appeal."),
    ("MR-04", "not_met", "You can file a grievance with the director. Residents who file repeated complaints may be asked to leave."),
    ("MR-04", "not_met", "Residents cannot appeal discharge decisions."),
    ("MR-04", "not_met", "Tell the house manager about any problem with your room. Maintenance requests are answered within two business days. We are licensed by the State Department of Health."),
    # MR-05: confidentiality and its limits
    ("MR-05", "met", "What you tell us stays confidential. At your first meeting we explain the limits of confidentiality, such as a risk of serious harm or abuse we must report."),
    ("MR-05", "met", "Everything you share with your peer specialist is confidential, except when there is a risk of serious harm to you or someone else."),
    ("MR-05", "partial", "Coaches keep what you share private unless you say otherwise."),
    ("MR-05", "partial", "Staff will not share your information without your written permission."),
    ("MR-05", "not_met", "Conversations with peers are not confidential."),
    ("MR-05", "not_met", "What you tell us stays confidential. Your information may be shared with your probation officer without your consent."),
    ("MR-05", "partial", "Information may be shared without your consent in an emergency or when required by law."),
    ("MR-05", "not_met", "Participants should understand that nothing said to a peer mentor is confidential from the drug court team."),
    ("MR-05", "not_met", "What you say is confidential. Anything you tell your peer may be shared with your probation officer."),
    ("MR-05", "not_met", "We keep records of attendance. Visitors are not allowed except in an emergency."),
    # MR-06: culture, identity, language
    ("MR-06", "met", "We do not discriminate on the basis of race, religion, gender identity, sexual orientation or disability. Interpreters are provided free of charge."),
    ("MR-06", "met", "Everyone is welcome regardless of race, culture, faith or gender identity. Our peer specialists speak Spanish and Vietnamese."),
    ("MR-06", "partial", "We welcome people of all races, religions, gender identities and sexual orientations."),
    ("MR-06", "partial", "We do not discriminate based on race or religion. Interpreters may be arranged when available."),
    ("MR-06", "partial", "We do not discriminate based on race or religion. We do not provide interpreters."),
    ("MR-06", "not_met", "Services are offered in English. We do not provide interpreters."),
    ("MR-06", "not_met", "We do not discriminate. Clients must speak English to participate in groups."),
    ("MR-06", "not_met", "We do not discriminate. Family members may be asked to interpret."),
    ("MR-06", "not_met", "We serve everyone regardless of race. All residents must attend morning prayer."),
    ("MR-06", "partial", "We serve everyone regardless of race. Prayer is optional and no one is required to attend religious services."),
    # MR-07: non-punitive responses, no involuntary measures
    ("MR-07", "met", "When setbacks happen, such as a return to use or missed meetings, we respond with support and conversation, never with punishment. Peer supporters never take part in restraint, seclusion or involuntary holds."),
    ("MR-07", "partial", "If you relapse, your coach will meet with you to talk about what happened and what support you need."),
    ("MR-07", "partial", "No one is discharged for a relapse."),
    ("MR-07", "partial", "Participants are not punished for missing sessions; we reach out to check in."),
    ("MR-07", "partial", "Peer specialists do not participate in restraint or seclusion."),
    ("MR-07", "not_met", "We use a trauma-informed approach."),
    ("MR-07", "not_met", "We respond to relapse with support. Residents who relapse will be discharged immediately."),
    ("MR-07", "not_met", "We respond to relapse with support. A positive drug screen will result in a 30-day suspension."),
    ("MR-07", "not_met", "We respond to relapse with support. Residents who break curfew lose weekend passes."),
    ("MR-07", "not_met", "Relapse is met with support. Peer specialists may be asked to help with physical holds."),
    ("MR-07", "partial", "Relapse is met with support. Peer staff who relapse will be offered leave."),
    ("MR-07", "not_met", "Relapse is met with support. Missing two groups in a row means you lose your bed."),
    ("MR-07", "not_met", "Relapse is met with support. A second positive test ends your stay."),
    ("MR-07", "partial", "Relapse is met with support. Residents who relapse may leave and come back whenever they are ready."),
    ("MR-07", "not_met", "Peers listen without judgment. In a crisis, staff call 911 and follow up with the treatment team."),
    # -- shapes found in the fourth corpus (tests/corpus-d, paraphrases of real published policies) --
    ("MR-02", "partial", "We build relationships that benefit both people."),
    ("MR-02", "partial", "Members stay accountable to one another."),
    ("MR-02", "partial", "Having been through similar struggles makes our encouragement more believable."),
    ("MR-03", "partial", "The handbook of patient rights, which each patient receives on arrival, is posted on every unit."),
    ("MR-03", "met", "Staff inform each resident of these rights in a way the resident can understand."),
    ("MR-06", "partial", "We offer support to everyone, whatever their age, faith or disability."),
    ("MR-06", "partial", "We welcome people of all backgrounds."),
    ("MR-06", "partial", "Information about your options is explained in a language you understand."),
    # the person's right to be free of restraint says nothing of the peers' part in it
    ("MR-07", "not_met", "Patients have the right to be free from restraint used as punishment."),
    # a disclosure the law requires, stated to the person, is the limits element
    ("MR-05", "partial", "If a judge orders us to release your records, the law requires us to do so, and we will tell you first."),
    ("MR-05", "partial", "By law, we must share information with a court when served with a court order."),
    ("MR-05", "partial", "Before you start, we explain that we must tell emergency services if your life is in immediate danger."),
    ("MR-05", "not_met", "We will share your information with your probation officer without your consent if the court orders it."),
    # -- shapes found in the fifth corpus (tests/corpus-e) --
    ("MR-02", "partial", "We share our strength and our hope with the people who call."),
    ("MR-02", "partial", "We tell one another where our own lives match the story we just read."),
    ("MR-04", "partial", "Members have the right to raise their concerns and their grievances with any staff member."),
    ("MR-06", "partial", "No one will be turned away on account of race, religion or disability."),
    ("MR-06", "partial", "Each client has the right:\n- not to be refused services because of age, sex or national origin."),
    # staff keeping to the limits is not the limits explained to the person
    ("MR-05", "partial", "Staff keep what you share private and observe every legal limit on confidentiality."),
    # -- shapes found in the sixth corpus (tests/corpus-f) --
    ("MR-02", "partial", "Each navigator draws on their own lived experience to support you."),
    ("MR-03", "partial", "Everyone who joins gets this handbook."),
    ("MR-04", "partial", "You can start a grievance at any time."),
    ("MR-04", "partial", "Within 30 days a letter will be mailed to you with the decision."),
    ("MR-05", "partial", "What is said in group stays in the room."),
    ("MR-07", "partial", "Parents are not asked to leave when they relapse."),
    # a decision on a complaint that is final is a red flag, never support for the grievance criterion
    ("MR-04", "not_met", "The director's decision on a complaint is final."),
    # -- shapes found in the seventh corpus (tests/corpus-g) --
    ("MR-02", "partial", "Our circles are democratic and free of hierarchy."),
    ("MR-02", "partial", "Each mentor is trained to tell their own story of recovery."),
    ("MR-04", "not_met", "After hours, calls go to the on-call advocate."),
    ("MR-05", "partial", "What is said in a circle stays in the circle."),
    ("MR-05", "partial", "Where confidentiality has limits, the facilitators go over those limits at the start of every session."),
    ("MR-06", "partial", "That acceptance extends to differences of culture, religion and race."),
    ("MR-07", "partial", "Anger and fear are understood as normal responses to traumatic events."),
    # -- shapes found in the eighth corpus (tests/corpus-h) --
    ("MR-02", "partial", "Mentors talk with veterans more as between peers than from a position of authority."),
    ("MR-02", "not_met", "The coordinator's role is to recruit, train and supervise the mentors."),
    ("MR-05", "met", "We never tell anyone what you said, except when someone may be at risk of harm."),
    ("MR-07", "partial", "Members have the right to honest and respectful communication during conflict resolution."),
    ("MR-04", "partial", "You may appeal the director's decision on a complaint to the board, whose decision on the complaint is final."),
]


@pytest.mark.parametrize("criterion,expected,text", CASES)
def test_status(checker, criterion, expected, text):
    f = findings(checker, text)[criterion]
    detail = [(e.kind, e.element or e.red_flag, e.match, e.hedge) for e in f.evidence]
    assert f.status.value == expected, (f.rationale, detail)


def test_red_flag_is_quoted_beside_supporting_evidence(checker):
    text = "We meet as equals.\nPeer specialists will supervise clients during outings."
    f = findings(checker, text)["MR-02"]
    assert f.status.value == "not_met"
    kinds = {(e.kind, e.line) for e in f.evidence}
    assert ("supports", 1) in kinds and ("contradicts", 2) in kinds


def test_negated_red_flag_is_considered_not_counted(checker):
    f = findings(checker, "No one is discharged for a relapse.")["MR-07"]
    assert not [e for e in f.evidence if e.kind == "contradicts"]
    assert any(c.red_flag == "discharge-for-setbacks" and "negated" in c.reason for c in f.considered)


def test_hedged_element_is_present_but_not_firm(checker):
    f = findings(checker, "We do not discriminate based on race or religion. Interpreters may be arranged when available.")["MR-06"]
    b = next(e for e in f.elements if e.id == "b")
    assert b.present and not b.firm


def test_staff_bound_red_flag_does_not_count(checker):
    # a rule for staff (peer staff who relapse) is no red flag for how the people served are treated
    f = findings(checker, "Relapse is met with support. Staff members who relapse will be suspended from duty.")["MR-07"]
    assert f.status.value == "partial"
    assert any(c.red_flag == "discharge-for-setbacks" for c in f.considered)
    f = findings(checker, "We meet as equals. Peer staff must obey the instructions of their supervisor.")["MR-02"]
    assert f.status.value == "partial"


# --------------------------------------------------------------------- families of wordings
#
# Probe sentences for each family of wordings the rubric reads, written for this file
# (not taken from any labelled corpus): formal and informal, passive, addressed to
# staff, list items under a lead-in, negated and hedged, and near misses that must stay
# out (a statement about staff, another sense of the words, a limit of something else).

FAMILIES = [
    # ---- MR-01: a colon's lead-in introduces the terms after it; people naming themselves
    pytest.param("MR-01", "met", "We avoid these words: addict, junkie and abuser.", id="MR-01-colon-mention"),
    pytest.param("MR-01", "met", "Describe yourself however you want: some of our members say addict, some say person who uses drugs.", id="MR-01-colon-self"),
    pytest.param("MR-01", "met", "Many members say alcoholic; we say person in recovery.", id="MR-01-some-say"),
    pytest.param("MR-01", "not_met", "Staff note: addicts are referred to detox.", id="MR-01-colon-not-a-cue"),
    pytest.param("MR-01", "not_met", "Some residents are addicts.", id="MR-01-some-use-drugs"),
    # ---- MR-02: (a) mutual, equal, a partnership, the peer not placed over the person; (b) purposeful sharing
    # (acronym titles, draw upon/from, pronoun objects, passive, no subject); red flags: peers supervising,
    # monitoring, enforcing, reporting rule-breaking; senior residents over newer ones
    pytest.param("MR-02", "partial", "Our relationship with you is one of equals.", id="MR-02-a-one-of-equals"),
    pytest.param("MR-02", "partial", "We are partners in your recovery.", id="MR-02-a-partners-in-recovery"),
    pytest.param("MR-02", "partial", "Peer support is a two-way relationship.", id="MR-02-a-two-way"),
    pytest.param("MR-02", "partial", "Coaching is a partnership between you and your coach.", id="MR-02-a-mentoring-partnership"),
    pytest.param("MR-02", "partial", "Your peer is not your boss, your judge or your parole officer.", id="MR-02-a-not-your-boss"),
    pytest.param("MR-02", "partial", "No one in the program is the boss of anyone else.", id="MR-02-a-nobody-is-the-boss"),
    pytest.param("MR-02", "partial", "In this house nobody is the boss and nobody is the expert on anyone else's life.", id="MR-02-a-coordinated-nobody"),
    pytest.param("MR-02", "partial", "Peer specialists shall engage participants as equal partners.", id="MR-02-a-staff-addressed-equal-partners"),
    pytest.param("MR-02", "partial", "Members and staff learn from each other.", id="MR-02-a-learn-from-each-other"),
    pytest.param("MR-02", "partial", "Power is shared between the peer and the person they support.", id="MR-02-a-power-shared"),
    pytest.param("MR-02", "partial", "We try to work with members as equals.", id="MR-02-a-hedged"),
    pytest.param("MR-02", "not_met", "The relationship is not one of equals.", id="MR-02-a-negated"),
    pytest.param("MR-02", "not_met", "Residents and staff treat each other with mutual respect.", id="MR-02-a-mutual-respect-is-not-mutuality"),
    pytest.param("MR-02", "partial", "Coaches talk about their own recovery when it helps you.", id="MR-02-b-informal-talk-about"),
    pytest.param("MR-02", "partial", "Each CPRS shall share his or her lived experience intentionally and only to benefit the participant.", id="MR-02-b-acronym-formal"),
    pytest.param("MR-02", "partial", "The PRS draws upon personal experience of recovery and shares it purposefully.", id="MR-02-b-acronym-draw-upon"),
    pytest.param("MR-02", "partial", "Operators draw from their own experience of crisis to offer hope.", id="MR-02-b-draw-from"),
    pytest.param("MR-02", "partial", "Our mentors have been there too, and they share what worked for them.", id="MR-02-b-what-worked"),
    pytest.param("MR-02", "partial", "Lived experience is shared on purpose, to inspire hope.", id="MR-02-b-passive"),
    pytest.param("MR-02", "partial", "Sharing one's own recovery story with purpose is at the heart of peer work.", id="MR-02-b-subjectless"),
    pytest.param("MR-02", "partial", "Recovery coaches share bits of their own journey when they feel it might help.", id="MR-02-b-dependent-might"),
    pytest.param("MR-02", "partial", "Peer supporters might share their own story.", id="MR-02-b-hedged-main"),
    pytest.param("MR-02", "not_met", "Peer staff do not share their own stories.", id="MR-02-b-negated"),
    pytest.param("MR-02", "not_met", "All peer workers have lived experience of recovery.", id="MR-02-b-having-experience-is-not-sharing"),
    pytest.param("MR-02", "met", "Mentoring is a relationship between equals. Mentors tell you about their own journey when it serves you.", id="MR-02-ab-both"),
    pytest.param("MR-02", "not_met", "We meet as equals. Peer mentors monitor participants' compliance with their case plans.", id="MR-02-rf-monitor-compliance"),
    pytest.param("MR-02", "not_met", "We meet as equals. Peer specialists are responsible for enforcing house rules.", id="MR-02-rf-responsible-for-enforcing"),
    pytest.param("MR-02", "not_met", "We meet as equals. Peer staff report rule violations to the house manager.", id="MR-02-rf-report-violations"),
    pytest.param("MR-02", "not_met", "We meet as equals. Experienced residents monitor new residents during their first month.", id="MR-02-rf-senior-residents"),
    pytest.param("MR-02", "not_met", "We meet as equals. Clients are expected to comply with staff directions at all times.", id="MR-02-rf-comply-with-staff"),
    pytest.param("MR-02", "partial", "We meet as equals. Peer staff never act as monitors or enforcers.", id="MR-02-rf-negated-act-as"),
    pytest.param("MR-02", "partial", "We meet as equals. Peer specialists attend weekly supervision with the clinical supervisor.", id="MR-02-rf-peers-receive-supervision"),
    pytest.param("MR-02", "partial", "We meet as equals. Each peer specialist is assigned by the clinical supervisor.", id="MR-02-rf-assigned-by-supervisor"),
    pytest.param("MR-02", "not_met", "Peer staff are not experts in legal matters.", id="MR-02-a-not-experts-in-law"),
    pytest.param("MR-02", "partial", "We meet as equals. Peer staff are monitored by their supervisor.", id="MR-02-rf-peers-monitored"),
    pytest.param("MR-02", "partial", "We meet as equals. Experienced members supervise the kitchen unit alongside newer members.", id="MR-02-rf-experienced-members-work-units"),
    pytest.param("MR-02", "partial", "We meet as equals. Peer staff report HIPAA violations to the privacy officer.", id="MR-02-rf-staff-compliance-reporting"),
    pytest.param("MR-02", "not_met", "Members share their own recovery stories to help newcomers.", id="MR-02-b-members-share"),
    pytest.param("MR-02", "partial", "Our approach is peer-to-peer: nobody here is above anyone else.", id="MR-02-a2-peer-to-peer"),
    pytest.param("MR-02", "partial", "Coaches walk side by side with the people they support.", id="MR-02-a2-side-by-side"),
    pytest.param("MR-02", "partial", "We relate to participants on the same level.", id="MR-02-a2-same-level"),
    pytest.param("MR-02", "partial", "The peer support relationship shall be reciprocal and non-hierarchical.", id="MR-02-a2-reciprocal-formal"),
    pytest.param("MR-02", "partial", "Peer specialists practice shared power with the individuals they serve.", id="MR-02-a2-shared-power"),
    pytest.param("MR-02", "partial", "In peer support:\n- we meet as equals;\n- you set the agenda.", id="MR-02-a2-equals-list"),
    pytest.param("MR-02", "partial", "Navigators open up about their own struggles when it helps someone feel less alone.", id="MR-02-b2-open-up"),
    pytest.param("MR-02", "partial", "Peer mentors use their personal recovery story to build trust.", id="MR-02-b2-use-story"),
    pytest.param("MR-02", "partial", "Self-disclosure by peer staff is intentional and serves the participant's goals.", id="MR-02-b2-self-disclosure"),
    pytest.param("MR-02", "partial", "Recovery coaches shall use self-disclosure purposefully.", id="MR-02-b2-formal-shall"),
    pytest.param("MR-02", "not_met", "Sharing personal stories is not part of the peer role.", id="MR-02-b3-negated-subjectless"),
    pytest.param("MR-02", "partial", "The peer relationship is built on trust, respect and mutuality.", id="MR-02-a4-built-on-mutuality"),
    pytest.param("MR-02", "partial", "We believe in the power of mutual support.", id="MR-02-a4-mutual-support"),
    pytest.param("MR-02", "partial", "Peers and participants hold equal status.", id="MR-02-a4-equal-status"),
    pytest.param("MR-02", "partial", "Rank plays no part here: there is no rank between coaches and members.", id="MR-02-a4-no-rank"),
    pytest.param("MR-02", "partial", "There is no hierarchy between peer staff and members.", id="MR-02-a4-no-hierarchy"),
    pytest.param("MR-02", "partial", "Peer staff shall relate to participants as equals and shall not assume an expert role.", id="MR-02-a4-staff-relate"),
    pytest.param("MR-02", "partial", "Peer workers share their recovery experiences strategically to foster hope.", id="MR-02-b4-strategic"),
    pytest.param("MR-02", "partial", "Peer staff may disclose aspects of their own recovery when it is relevant to the participant.", id="MR-02-b4-disclose-aspects"),
    pytest.param("MR-02", "not_met", "The peer specialist serves as a role model of recovery.", id="MR-02-b4-role-model-only"),
    pytest.param("MR-02", "partial", "Peer staff who have lived experience might share their own stories.", id="MR-02-hedge-subject-relative-keeps-hedge"),
    pytest.param("MR-02", "partial", "If they want to, peer staff might share their own stories.", id="MR-02-hedge-main-might-after-comma"),
    pytest.param("MR-02", "met", "Peer supporters:\n- meet members as equals;\n- share their own recovery story when it helps.", id="MR-02-list-peer-role"),
    pytest.param("MR-02", "not_met", "Like everyone who works with children, parent partners must report abuse.", id="MR-02-a-works-with-children-is-not-partnership"),
    pytest.param("MR-02", "partial", "Coaches work with residents as partners.", id="MR-02-a-work-with-as-partners"),
    # ---- MR-03: (a) rights given, gone over or told at a moment that starts the service (intake, the outset,
    # lease signing, day one ...); (b) formats and languages
    pytest.param("MR-03", "partial", "We go over your rights with you when you first come in.", id="MR-03-a-informal-go-over"),
    pytest.param("MR-03", "partial", "Every participant receives a written copy of their rights at intake.", id="MR-03-a-written-copy-intake"),
    pytest.param("MR-03", "partial", "Upon admission, patients are informed of their rights.", id="MR-03-a-passive-informed"),
    pytest.param("MR-03", "partial", "At the start of services, the recovery coach shall inform every participant of their rights.", id="MR-03-a-staff-formal-inform"),
    pytest.param("MR-03", "partial", "Staff shall provide each client with a copy of the Client Rights statement during intake.", id="MR-03-a-staff-provide-copy"),
    pytest.param("MR-03", "partial", "When you sign your lease, you are given a copy of the tenant bill of rights.", id="MR-03-a-lease-signing"),
    pytest.param("MR-03", "partial", "You'll get a copy of your rights on day one.", id="MR-03-a-day-one"),
    pytest.param("MR-03", "partial", "Before services begin, the coach reviews the bill of rights with the member.", id="MR-03-a-before-services"),
    pytest.param("MR-03", "not_met", "A list of rights is posted on the notice board.", id="MR-03-a-posted-only"),
    pytest.param("MR-03", "not_met", "Rights are not reviewed at intake.", id="MR-03-a-negated"),
    pytest.param("MR-03", "partial", "Where possible, staff will explain your rights at intake.", id="MR-03-a-hedged"),
    pytest.param("MR-03", "met", "Rights are explained at your first meeting. The rights statement comes in large print, braille and Spanish.", id="MR-03-ab-formats"),
    pytest.param("MR-03", "met", "Rights are explained at your first meeting. We can read your rights to you, or give them to you in another language.", id="MR-03-ab-another-language"),
    pytest.param("MR-03", "met", "Rights are explained at your first meeting. An interpreter can explain your rights in your own language.", id="MR-03-ab-interpreter"),
    pytest.param("MR-03", "not_met", "Rights are explained at your first meeting. The rights handbook is available only in English.", id="MR-03-rf-english-only"),
    pytest.param("MR-03", "not_met", "New staff receive training on client rights before they start work.", id="MR-03-a-staff-training"),
    pytest.param("MR-03", "partial", "On your first visit we'll talk you through your rights.", id="MR-03-a2-informal"),
    pytest.param("MR-03", "partial", "New residents receive the house handbook, which sets out their rights.", id="MR-03-a2-handbook"),
    pytest.param("MR-03", "partial", "The Resident Bill of Rights is reviewed with each resident upon move-in.", id="MR-03-a2-bill-of-rights-passive"),
    pytest.param("MR-03", "partial", "The rights statement is available in large print and Braille.", id="MR-03-b2-only-formats"),
    pytest.param("MR-03", "partial", "We translate the rights notice into any language on request.", id="MR-03-b2-translated"),
    pytest.param("MR-03", "partial", "Clients' rights are reviewed with them during the intake process and posted in the waiting area.", id="MR-03-a4-reviewed-during-intake"),
    pytest.param("MR-03", "partial", "Participants sign an acknowledgment that they have received and understood their rights.", id="MR-03-a4-acknowledgment"),
    pytest.param("MR-03", "not_met", "Your rights as a participant are listed on page 3 of this handbook.", id="MR-03-a4-listed-in-handbook"),
    pytest.param("MR-03", "partial", "The handbook is available in alternative formats upon request.", id="MR-03-b4-alternative-formats"),
    pytest.param("MR-03", "met", "At intake, your peer will:\n- go over your rights with you;\n- give you a copy of your rights in your own language.", id="MR-03-list-intake"),
    pytest.param("MR-03", "partial", "Staff may review your rights with you at intake.", id="MR-03-hedged-staff-may"),
    pytest.param("MR-03", "not_met", "At intake, staff review your rights with you. The program may suspend your rights at any time.", id="MR-03-rf-active-suspend-rights"),
    pytest.param("MR-03", "partial", "At intake, staff review your rights with you. Staff may restrict a patient's rights only by court order.", id="MR-03-rf-active-rights-by-court-order-only"),
    # ---- MR-04: (a) routes (present, file, raise; a person who disputes or disagrees may ...); (b) no retaliation,
    # with or without naming the complaint; (c) impartial or outside reviewers; (d) answer times, in a complaint context;
    # red flag with staff as the subject
    pytest.param("MR-04", "partial", "If you're not happy with something, let us know.", id="MR-04-a-informal-not-happy"),
    pytest.param("MR-04", "partial", "Complaints can be made by phone, email or in person.", id="MR-04-a-passive-made"),
    pytest.param("MR-04", "partial", "Participants may appeal any decision to end their services.", id="MR-04-a-appeal-decision"),
    pytest.param("MR-04", "partial", "A resident who objects to a staff decision may present a written grievance to the director.", id="MR-04-a-present-grievance"),
    pytest.param("MR-04", "partial", "Any member who disagrees with the outcome of a complaint may request a review hearing.", id="MR-04-a-request-hearing-long-subject"),
    pytest.param("MR-04", "partial", "No participant shall suffer any penalty for submitting a complaint.", id="MR-04-b-no-penalty"),
    pytest.param("MR-04", "partial", "No guest will face retaliation.", id="MR-04-b-no-tenant-retaliation"),
    pytest.param("MR-04", "partial", "You won't get in trouble for complaining.", id="MR-04-b-informal-trouble"),
    pytest.param("MR-04", "partial", "We welcome complaints and will never hold them against you.", id="MR-04-b-hold-against"),
    pytest.param("MR-04", "partial", "There will be no negative consequences for filing a grievance.", id="MR-04-b-no-negative-consequences"),
    pytest.param("MR-04", "partial", "Clients are protected from retaliation for raising concerns.", id="MR-04-b-protected"),
    pytest.param("MR-04", "partial", "Staff shall not retaliate against clients who file grievances.", id="MR-04-b-staff-addressed"),
    pytest.param("MR-04", "not_met", "Employees who report abuse are protected from retaliation.", id="MR-04-b-whistleblower"),
    pytest.param("MR-04", "partial", "Appeals go to an independent reviewer.", id="MR-04-c-impartial-officer"),
    pytest.param("MR-04", "partial", "Complaints are reviewed by a panel whose members are not employed by the program.", id="MR-04-c-not-employed-by"),
    pytest.param("MR-04", "partial", "If you are not satisfied with our response, you can contact the Department of Mental Health.", id="MR-04-c-department"),
    pytest.param("MR-04", "partial", "If you raise a concern, we will get back to you within 5 working days.", id="MR-04-d-get-back"),
    pytest.param("MR-04", "partial", "You will hear back from us about your complaint within a week.", id="MR-04-d-hear-from-us"),
    pytest.param("MR-04", "not_met", "We will get back to you within 5 working days about your referral.", id="MR-04-d-time-without-complaint-is-not-d"),
    pytest.param("MR-04", "partial", "We aim to respond to complaints within ten days.", id="MR-04-d-hedged"),
    pytest.param("MR-04", "not_met", "No further action is taken on anonymous complaints.", id="MR-04-b-no-action-is-not-b"),
    pytest.param("MR-04", "not_met", "We take your concerns seriously.", id="MR-04-a-take-concerns-seriously"),
    pytest.param("MR-04", "partial", "Complaints are heard by a person who is not part of the program.", id="MR-04-c-person-not-part-of-program"),
    pytest.param("MR-04", "not_met", "Any person who is not part of the program must sign in at the front desk.", id="MR-04-c-visitor-not-part-of-program"),
    pytest.param("MR-04", "partial", "A grievance form is available at the front desk.", id="MR-04-a2-grievance-form"),
    pytest.param("MR-04", "partial", "If something doesn't feel right, please speak to the program director.", id="MR-04-a2-speak-up"),
    pytest.param("MR-04", "partial", "Staff shall inform participants how to file a grievance.", id="MR-04-a2-staff-addressed"),
    pytest.param("MR-04", "partial", "You may also file a complaint with the state licensing board.", id="MR-04-c2-licensing"),
    pytest.param("MR-04", "partial", "The Long-Term Care Ombudsman can help you at any time.", id="MR-04-c2-ombudsman"),
    pytest.param("MR-04", "partial", "Written complaints are answered within 10 business days.", id="MR-04-d2-business-days"),
    pytest.param("MR-04", "partial", "Making a complaint will not affect the services you receive.", id="MR-04-b2-services-not-affected"),
    pytest.param("MR-04", "partial", "Participants have the right to file a grievance without fear of reprisal.", id="MR-04-ab4-right-without-fear"),
    pytest.param("MR-04", "partial", "The grievance committee will issue a written decision within 14 days.", id="MR-04-ad4-written-decision"),
    pytest.param("MR-04", "partial", "If you are dissatisfied with the outcome, you may appeal to the Board of Directors.", id="MR-04-a4-appeal-board-is-not-c"),
    pytest.param("MR-04", "partial", "You may contact Disability Rights Texas or the HHS Ombudsman.", id="MR-04-c4-named-body"),
    pytest.param("MR-04", "not_met", "You can file a grievance with the director. Residents who complain repeatedly may be asked to leave.", id="MR-04-rf4-complain-repeatedly"),
    pytest.param("MR-04", "partial", "If you have a concern, you can:\n- talk to any staff member;\n- write to the director;\n- call the state ombudsman.", id="MR-04-list-routes-and-outside"),
    pytest.param("MR-04", "not_met", "You can file a grievance with the director. We may ask residents who file repeated complaints to leave.", id="MR-04-rf-active-complaints"),
    pytest.param("MR-04", "partial", "We will never discharge anyone for complaining.", id="MR-04-b-active-never-discharge"),
    # ---- MR-05: (a) kept confidential, between the two of you, not passed on; (b) limits, exceptions or times
    # explained, concrete exceptions (a bare 'as required by law' names none); red flag: sharing at staff discretion
    pytest.param("MR-05", "partial", "All chats and texts are confidential.", id="MR-05-a-calls"),
    pytest.param("MR-05", "partial", "Anything you tell your coach stays between the two of you.", id="MR-05-a-between-two-of-you"),
    pytest.param("MR-05", "partial", "What is said here stays here.", id="MR-05-a-passive-what-is-said"),
    # a group's norm that what is said there stays there keeps the person's words confidential: two labellers of
    # real peer-group guidelines (corpus-g) read it so, and so does the checker now
    pytest.param("MR-05", "partial", "What is said at the house meeting stays in the house.", id="MR-05-a-group-norm-keeps-it-private"),
    pytest.param("MR-05", "partial", "Conversations stay between you and your peer.", id="MR-05-a-conversations-stay"),
    pytest.param("MR-05", "partial", "We never share your information without asking you first.", id="MR-05-a-never-share-without-asking"),
    pytest.param("MR-05", "partial", "Navigators will not repeat what you tell them to your caseworker.", id="MR-05-a-will-not-report"),
    pytest.param("MR-05", "partial", "Peer specialists shall maintain the confidentiality of all participant information.", id="MR-05-a-staff-addressed"),
    pytest.param("MR-05", "partial", "We check with you first before we contact your family or your doctor.", id="MR-05-a-ask-before-contact"),
    pytest.param("MR-05", "not_met", "Sessions are held here on Tuesdays.", id="MR-05-a-held-in-room-is-not-privacy"),
    pytest.param("MR-05", "not_met", "Do not discuss other residents' business outside the house.", id="MR-05-a-resident-rule"),
    pytest.param("MR-05", "met", "What you share stays here. At intake we explain the only times we would have to pass information on without your agreement.", id="MR-05-b-only-times"),
    pytest.param("MR-05", "met", "What you tell us is confidential. During your first visit, staff describe the rare times they might need to break confidentiality.", id="MR-05-b-rare-times-break"),
    pytest.param("MR-05", "met", "What you tell us is private. There are some exceptions, and your peer will explain them to you on your first day.", id="MR-05-b-exceptions-go-over-them"),
    pytest.param("MR-05", "met", "What you tell us is private. These limits are explained during orientation.", id="MR-05-b-passive-limits"),
    pytest.param("MR-05", "met", "What you tell us is private. Confidentiality has limits: if you are at risk of harming yourself or someone else, we may need to tell someone.", id="MR-05-b-has-limits"),
    pytest.param("MR-05", "met", "Your information is kept confidential. At intake you will be told when we would have to break confidentiality.", id="MR-05-b-when-break"),
    pytest.param("MR-05", "met", "Information is confidential. Peer specialists must explain the limits of confidentiality at the first contact.", id="MR-05-b-staff-addressed"),
    pytest.param("MR-05", "met", "Information is confidential. We only share it without your consent if someone's safety is at risk.", id="MR-05-b-only-if-safety"),
    pytest.param("MR-05", "met", "Information is confidential. Staff are mandated reporters of child abuse.", id="MR-05-b-mandated"),
    pytest.param("MR-05", "partial", "Information is confidential except as required by law.", id="MR-05-b-generic-law"),
    pytest.param("MR-05", "partial", "Records are not released without written consent, unless the law or a funding agreement requires it.", id="MR-05-b-generic-law-disclosed"),
    pytest.param("MR-05", "partial", "Chats are confidential. If, during a chat, a texter mentions plans to hurt someone, the volunteer will tell them that this is one of the rare times we may contact emergency services.", id="MR-05-b-only-when-it-arises"),
    pytest.param("MR-05", "partial", "Information is confidential. We try to explain the limits of confidentiality early on.", id="MR-05-b-hedged"),
    pytest.param("MR-05", "not_met", "What you say is private. Your coach may talk to your parole officer or your employer at any time.", id="MR-05-rf-staff-discretion"),
    pytest.param("MR-05", "not_met", "What you say is private. Peer mentors will report what you say to the court.", id="MR-05-rf-report-what-you-say"),
    pytest.param("MR-05", "partial", "What you say is private. With your written consent, your mentor may talk with your probation officer at any time.", id="MR-05-rf-with-consent-is-fine"),
    pytest.param("MR-05", "partial", "What you say is private. Residents may speak with their family at any time.", id="MR-05-rf-resident-speaks"),
    pytest.param("MR-05", "not_met", "Records stay with us for seven years.", id="MR-05-a-records-stay-with-us"),
    pytest.param("MR-05", "partial", "Everything you share is confidential. Staff explain the limits of the program's services at intake.", id="MR-05-b-limits-of-program"),
    pytest.param("MR-05", "partial", "Everything you share is confidential. Your coach will explain the exceptions to curfew.", id="MR-05-b-exceptions-curfew"),
    pytest.param("MR-05", "partial", "Everything you share is confidential. In some cases we may share information with other providers.", id="MR-05-b-some-cases-we-may-share"),
    pytest.param("MR-05", "met", "Everything you share is confidential. At the first meeting your mentor explains the limits of confidentiality. Your mentor will update the court regularly on your attendance.", id="MR-05-rf-attendance-to-court-regularly"),
    pytest.param("MR-05", "partial", "Your privacy is protected at all times.", id="MR-05-a2-privacy-protected"),
    pytest.param("MR-05", "partial", "Staff shall not disclose participant information without a signed release.", id="MR-05-a2-staff-shall-not-disclose"),
    pytest.param("MR-05", "met", "What you tell us is confidential. We must break confidentiality:\n- if you are at risk of seriously harming yourself or others;\n- if a child is being abused.", id="MR-05-b2-list"),
    pytest.param("MR-05", "met", "All conversations are private. Staff have a duty to warn if someone is in danger.", id="MR-05-b2-duty-to-warn"),
    pytest.param("MR-05", "not_met", "There is no confidentiality in group sessions.", id="MR-05-rf2-no-confidentiality"),
    pytest.param("MR-05", "partial", "Peer staff must not discuss participants' information outside work.", id="MR-05-a3-staff-must-not-discuss"),
    pytest.param("MR-05", "not_met", "Do not discuss other residents' business outside the house.", id="MR-05-a3-resident-imperative"),
    pytest.param("MR-05", "partial", "Information is confidential. We do not explain the limits of confidentiality.", id="MR-05-b3-negated"),
    pytest.param("MR-05", "partial", "Information is confidential. Where possible, staff explain the limits of confidentiality at intake.", id="MR-05-b3-hedged"),
    pytest.param("MR-05", "met", "Peer specialists will:\n- keep all information confidential;\n- explain the limits of confidentiality at the first meeting.", id="MR-05-ab3-list-staff"),
    pytest.param("MR-05", "not_met", "Information is never kept confidential.", id="MR-05-rf3-never-kept"),
    pytest.param("MR-05", "partial", "All information shared in sessions is kept strictly confidential.", id="MR-05-a4-strictly"),
    pytest.param("MR-05", "met", "Everything you share is confidential. Confidentiality does not apply when there is a risk of serious harm to self or others.", id="MR-05-b4-does-not-apply"),
    pytest.param("MR-05", "met", "Information is confidential. Exceptions to confidentiality are a serious risk to someone's life and suspected neglect of a child.", id="MR-05-b4-exceptions-include"),
    pytest.param("MR-05", "not_met", "Information is confidential. Peer mentors share session notes with the drug court team.", id="MR-05-rf4-notes-to-court"),
    pytest.param("MR-05", "met", "Information is confidential. At intake, staff explain that we would have to break confidentiality if someone is in danger.", id="MR-05-hedge-explain-that-we-might"),
    pytest.param("MR-05", "met", "Everything you tell us is private, with these exceptions, which we explain at your first visit:\n- a risk of serious harm to you or someone else;\n- abuse of a child.", id="MR-05-list-limits"),
    # ---- MR-06: (a) non-discrimination (of every faith, no matter their background, because of who they are);
    # (b) language help; red flags: family interpreting, English only
    pytest.param("MR-06", "partial", "People of every faith, culture and sexual orientation are welcome here.", id="MR-06-a-every-race"),
    pytest.param("MR-06", "partial", "Nobody is refused support because of who they are.", id="MR-06-a-who-they-are"),
    pytest.param("MR-06", "partial", "We serve all people equally, whatever their race, religion or sexuality.", id="MR-06-a-whatever-sexuality"),
    pytest.param("MR-06", "partial", "Discrimination of any kind is not tolerated.", id="MR-06-a-not-tolerated"),
    pytest.param("MR-06", "partial", "Peer specialists shall not discriminate against any participant.", id="MR-06-a-staff-addressed"),
    pytest.param("MR-06", "partial", "Everyone is welcome, no matter their faith or background.", id="MR-06-a-no-matter"),
    pytest.param("MR-06", "partial", "We can get an interpreter for you.", id="MR-06-b-get-interpreter"),
    pytest.param("MR-06", "partial", "Language help is free.", id="MR-06-b-language-help"),
    pytest.param("MR-06", "partial", "Our staff speak several languages.", id="MR-06-b-several-languages"),
    pytest.param("MR-06", "not_met", "We welcome everyone regardless of race. Clients who do not speak English should bring a family member to interpret.", id="MR-06-rf-family-interpret"),
    pytest.param("MR-06", "partial", "We are an equal opportunity provider and do not discriminate.", id="MR-06-a2-equal-opportunity"),
    pytest.param("MR-06", "partial", "Services are culturally responsive.", id="MR-06-a2-culturally-responsive"),
    pytest.param("MR-06", "partial", "Bilingual peer specialists are on staff.", id="MR-06-b2-bilingual"),
    pytest.param("MR-06", "partial", "Interpretation is provided at no cost.", id="MR-06-b2-interpretation-free"),
    pytest.param("MR-06", "not_met", "All groups are conducted in English only.", id="MR-06-rf2-english-only"),
    pytest.param("MR-06", "partial", "Services are provided without discrimination.", id="MR-06-a4-without-discrimination"),
    pytest.param("MR-06", "partial", "Members of all backgrounds are welcome.", id="MR-06-a4-all-backgrounds"),
    pytest.param("MR-06", "partial", "We provide services in English, Spanish and Hmong.", id="MR-06-b4-provide-in-languages"),
    pytest.param("MR-06", "not_met", "We welcome everyone regardless of race. Participants must be able to communicate in English.", id="MR-06-rf4-communicate-english"),
    pytest.param("MR-06", "partial", "We do not discriminate. Interpreters could be arranged.", id="MR-06-hedge-interpreters-could"),
    pytest.param("MR-06", "partial", "We do not discriminate on the basis of:\n- race;\n- religion;\n- gender identity.", id="MR-06-list-grounds"),
    pytest.param("MR-06", "not_met", "Mentors shall not impose their own goals, values or beliefs on anyone.", id="MR-06-a-values-as-noun"),
    pytest.param("MR-06", "partial", "The program values each person's culture and faith.", id="MR-06-a-values-as-verb"),
    # ---- MR-07: (a) setbacks met with support, outcomes that do not follow; (b) no part in restraint or involuntary
    # measures; red flags: privileges withheld or earned (levels, phases), leaving or discharge after a setback,
    # also with staff as the subject
    pytest.param("MR-07", "partial", "If you use again, we'll talk about what happened and what might help.", id="MR-07-a-informal-use-again"),
    pytest.param("MR-07", "partial", "Relapse is not a reason for discharge.", id="MR-07-a-not-a-reason"),
    pytest.param("MR-07", "partial", "Missing a meeting won't get you kicked out.", id="MR-07-a-missing-meeting"),
    pytest.param("MR-07", "partial", "We respond to conflict with conversation, not consequences.", id="MR-07-a-not-consequences"),
    pytest.param("MR-07", "partial", "Staff shall respond to a participant's return to use with support and problem solving.", id="MR-07-a-staff-respond-to"),
    pytest.param("MR-07", "partial", "Nobody gets punished for relapsing.", id="MR-07-a-nobody-punished"),
    pytest.param("MR-07", "partial", "No one is shamed and no one is discharged for a relapse.", id="MR-07-a-coordinated-no-one"),
    pytest.param("MR-07", "partial", "Disagreements are resolved through dialogue.", id="MR-07-a-dialogue"),
    pytest.param("MR-07", "partial", "Peer staff will never be involved in restraint or seclusion.", id="MR-07-b-never-involved"),
    pytest.param("MR-07", "partial", "Our peers have no role in involuntary commitment.", id="MR-07-b-no-role"),
    pytest.param("MR-07", "partial", "Peer specialists shall not:\n- participate in restraint or seclusion;\n- initiate involuntary holds.", id="MR-07-b-list-lead-in"),
    pytest.param("MR-07", "partial", "We do not use restraint, seclusion or forced medication.", id="MR-07-b-do-not-use"),
    pytest.param("MR-07", "not_met", "Relapse is met with support. Three missed groups result in discharge.", id="MR-07-rf-missed-groups"),
    pytest.param("MR-07", "not_met", "Relapse is met with support. Consequences for rule violations include extra chores.", id="MR-07-rf-consequences-include"),
    pytest.param("MR-07", "not_met", "Relapse is met with support. Residents who miss curfew will lose their weekend pass.", id="MR-07-rf-lose-pass"),
    pytest.param("MR-07", "not_met", "Relapse is met with support. Residents who miss house meetings will not move up to the next phase.", id="MR-07-rf-not-advance"),
    pytest.param("MR-07", "not_met", "Relapse is met with support. Residents earn overnight passes by attending every group.", id="MR-07-rf-earn-passes"),
    pytest.param("MR-07", "partial", "Relapse is met with support. Privileges are never tied to attendance.", id="MR-07-rf-negated-privileges"),
    pytest.param("MR-07", "partial", "Relapse is met with support. Staff who relapse will not advance to a supervisor level.", id="MR-07-rf-staff-level"),
    pytest.param("MR-07", "not_met", "Staffing levels are based on attendance.", id="MR-07-rf-levels-of-staffing"),
    pytest.param("MR-07", "partial", "If you stop coming for a while, we will reach out and welcome you back.", id="MR-07-a2-welcome-back"),
    pytest.param("MR-07", "partial", "A return to use is seen as part of recovery, not a failure.", id="MR-07-a2-return-to-use-part"),
    pytest.param("MR-07", "partial", "Conflicts between members are worked out through mediation.", id="MR-07-a2-conflict-mediation"),
    pytest.param("MR-07", "partial", "Peer staff never restrain anyone.", id="MR-07-b2-never-restrain"),
    pytest.param("MR-07", "partial", "Peer specialists are not involved in involuntary commitment proceedings.", id="MR-07-b2-not-involved-commitment"),
    pytest.param("MR-07", "not_met", "Any resident who relapses will be discharged.", id="MR-07-rf2-relapse-discharge"),
    pytest.param("MR-07", "not_met", "We have a zero tolerance policy for drug use.", id="MR-07-rf2-zero-tolerance"),
    pytest.param("MR-07", "not_met", "Sanctions for missed sessions include community service.", id="MR-07-rf2-sanctions"),
    pytest.param("MR-07", "not_met", "We do not force anyone to attend groups.", id="MR-07-b3-force-attendance-is-not-b"),
    pytest.param("MR-07", "partial", "Staff will work with you to make a plan after a return to use.", id="MR-07-a4-plan-after"),
    pytest.param("MR-07", "partial", "No participant will be terminated from services for missing appointments.", id="MR-07-a4-no-participant-terminated"),
    pytest.param("MR-07", "partial", "Peer specialists will not be asked to participate in restraints.", id="MR-07-b4-not-asked"),
    pytest.param("MR-07", "not_met", "Relapse is met with support. Residents who use will have 24 hours to leave.", id="MR-07-rf4-have-to-leave"),
    pytest.param("MR-07", "not_met", "Relapse is met with support. Members who do not attend groups will be discharged.", id="MR-07-rf4-do-not-attend"),
    pytest.param("MR-07", "partial", "When someone relapses, we:\n- check in with them;\n- talk about what would help;\n- never discharge them for it.", id="MR-07-list-relapse-response"),
    pytest.param("MR-07", "partial", "Peer staff may not participate in restraint or seclusion.", id="MR-07-b-staff-may-not"),
    pytest.param("MR-07", "not_met", "Relapse is met with support. Staff will discharge residents who relapse.", id="MR-07-rf-active-discharge"),
    pytest.param("MR-07", "not_met", "Relapse is met with support. We will end your stay if you use.", id="MR-07-rf-active-end-stay"),
    pytest.param("MR-07", "not_met", "Relapse is met with support. The house manager may revoke passes for missed curfew.", id="MR-07-rf-active-revoke-passes"),
    pytest.param("MR-07", "partial", "Relapse is met with support. We will never discharge anyone who relapses.", id="MR-07-rf-active-negated"),
    pytest.param("MR-07", "partial", "Relapse is met with support. We will terminate employees who relapse.", id="MR-07-rf-active-staff-rule"),
    # ---- corpus-c families
    # MR-03 (b): the rights statement itself, a copy of it, a blanket "all materials", or the
    # rights document taken up by a bare definite noun; a document about something else is not it
    pytest.param("MR-03", "partial", "Rights are explained at intake. Written resource sheets are provided in English and Spanish.", id="MR-03-b-resource-sheets-not-rights"),
    pytest.param("MR-03", "partial", "Rights are explained at intake. Discharge summaries are printed in large print.", id="MR-03-b-other-document-not-rights"),
    pytest.param("MR-03", "partial", "Rights are explained at intake. Our appointment cards come in Vietnamese.", id="MR-03-b-modified-noun-not-rights"),
    pytest.param("MR-03", "met", "Rights are explained at intake. The sheet is available in Spanish and in large print.", id="MR-03-b-definite-sheet"),
    pytest.param("MR-03", "met", "Rights are explained at intake. All of our written materials are available in other languages.", id="MR-03-b-all-materials"),
    pytest.param("MR-03", "met", "Your rights are reviewed with you at intake, and a copy is given to you in Spanish or Somali.", id="MR-03-b-copy-of-rights"),
    pytest.param("MR-03", "met", "Rights are explained at intake. We translate every form into your language.", id="MR-03-b-translate-every-form"),
    # MR-03 (a): rights named, then gone over by pronoun or by the document's noun at the start
    pytest.param("MR-03", "partial", "Your rights are printed on the back of the sign-up form, and your coach goes over them with you at your first meeting.", id="MR-03-a-pronoun-them"),
    pytest.param("MR-03", "partial", "The rights are listed in the welcome packet, and staff read it with each member at orientation.", id="MR-03-a-pronoun-it"),
    pytest.param("MR-03", "partial", "The property manager goes over the sheet with you when you sign your lease.", id="MR-03-a-sheet-at-lease"),
    pytest.param("MR-03", "partial", "Your mentor reviews the card with you at intake.", id="MR-03-a-card-at-intake"),
    pytest.param("MR-03", "not_met", "Staff go over the house rules sheet with you at intake.", id="MR-03-a-house-rules-sheet-not-rights"),
    pytest.param("MR-03", "not_met", "Staff review the sheet with you before you leave.", id="MR-03-a-sheet-at-leaving-not-start"),
    # MR-05 (b): limits told only once a disclosure happens are not explained up front
    pytest.param("MR-05", "partial", "Calls are confidential. Volunteers explain the limits of confidentiality when a caller talks about a plan to harm themselves.", id="MR-05-b-limits-when-caller-talks"),
    pytest.param("MR-05", "partial", "What you share stays private. We tell you about the exceptions to confidentiality if you mention abuse of a child.", id="MR-05-b-exceptions-if-you-mention"),
    pytest.param("MR-05", "met", "What you share stays private. We explain the limits of confidentiality at your first meeting.", id="MR-05-b-limits-up-front"),
    # MR-06 (b): "person-first language" or "first language" as a style is no service in the person's language
    pytest.param("MR-06", "partial", "We do not discriminate. Mentors are trained in person-first language.", id="MR-06-b-person-first-style"),
    pytest.param("MR-06", "partial", "We do not discriminate. Staff speak in people-first language.", id="MR-06-b-people-first-style"),
    pytest.param("MR-06", "met", "We do not discriminate. You can meet with a peer in your first language.", id="MR-06-b-your-first-language"),
    pytest.param("MR-06", "met", "We do not discriminate. Groups are held in the person's first language.", id="MR-06-b-the-persons-first-language"),
    # MR-04 (d): an informal answer time without the word complaint
    pytest.param("MR-04", "partial", "We will get back to you within 14 days.", id="MR-04-d-get-back-to-you"),
    pytest.param("MR-04", "partial", "The director will be in touch within five business days.", id="MR-04-d-be-in-touch"),
    pytest.param("MR-04", "not_met", "We will get back to you about your application within 14 days.", id="MR-04-d-application-not-complaint"),
    # MR-07 (a): a setback declared no violation or trouble; arguments talked out; welcomed back without judgment
    pytest.param("MR-07", "partial", "A relapse is not a lease violation.", id="MR-07-a-relapse-not-violation"),
    pytest.param("MR-07", "partial", "A slip is never grounds for discharge.", id="MR-07-a-slip-not-grounds"),
    pytest.param("MR-07", "partial", "If you use again or miss a group, you are not in trouble with us.", id="MR-07-a-not-in-trouble"),
    pytest.param("MR-07", "partial", "If an argument gets heated, we step outside and talk it out.", id="MR-07-a-argument-talked-out"),
    pytest.param("MR-07", "partial", "When members disagree, we sit down together and work it out.", id="MR-07-a-disagree-work-it-out"),
    pytest.param("MR-07", "partial", "A caller who calls back after using is welcomed back without lectures or judgment.", id="MR-07-a-welcomed-back-no-judgment"),
    pytest.param("MR-07", "not_met", "Relapse is a violation of program rules.", id="MR-07-a-relapse-is-violation-not-a"),
    # MR-07 (b): object inside the verb; committal against one's will; police and welfare checks
    pytest.param("MR-07", "partial", "Our peers never hold anyone down and never lock anyone in a room.", id="MR-07-b-hold-anyone-down"),
    pytest.param("MR-07", "partial", "Peer staff never take part in having anyone committed against their will.", id="MR-07-b-committed-against-will"),
    pytest.param("MR-07", "partial", "Volunteers do not call 911 or request a welfare check themselves.", id="MR-07-b-no-911-welfare-check"),
    pytest.param("MR-07", "partial", "Peer mentors never call the police on a member.", id="MR-07-b-never-call-police"),
    pytest.param("MR-07", "not_met", "Peer staff call 911 when a member is in danger.", id="MR-07-b-call-911-not-b"),
]


@pytest.mark.parametrize("criterion,expected,text", FAMILIES)
def test_family(checker, criterion, expected, text):
    f = findings(checker, text)[criterion]
    detail = [(e.kind, e.element or e.red_flag, e.match, e.hedge) for e in f.evidence]
    assert f.status.value == expected, (f.rationale, detail, [(c.match, c.reason) for c in f.considered])


def _element(f, element_id):
    return next(e for e in f.elements if e.id == element_id)


@pytest.mark.parametrize("text", [
    "Peer mentors share parts of their own path when they believe it might help you.",
    "Our navigators tell their own stories when they sense it could encourage you.",
    "Mentors share their own recovery stories so that others might see change is possible.",
])
def test_a_modal_in_a_dependent_clause_does_not_hedge_the_statement(checker, text):
    b = _element(findings(checker, text)["MR-02"], "b")
    assert b.present and b.firm


@pytest.mark.parametrize("text", [
    "Peer supporters might share their own story.",
    "Peer staff who have lived experience might share their own stories.",
    "If they want to, peer staff might share their own stories.",
])
def test_a_modal_of_the_statement_itself_still_hedges_it(checker, text):
    b = _element(findings(checker, text)["MR-02"], "b")
    assert b.present and not b.firm


def test_a_match_with_its_own_negator_is_not_negated_by_an_earlier_clause(checker):
    f = findings(checker, "In this house nobody is the boss and nobody is the expert on anyone else's life.")["MR-02"]
    assert _element(f, "a").present
    f = findings(checker, "No one is shamed and no one is discharged for a relapse.")["MR-07"]
    assert _element(f, "a").present
    assert not [e for e in f.evidence if e.kind == "contradicts"]


def test_sharing_at_staff_discretion_is_quoted_as_a_red_flag(checker):
    text = "What you say is private.\nYour mentor can speak with the court or your employer at any time about how you are doing."
    f = findings(checker, text)["MR-05"]
    assert f.status.value == "not_met"
    flags = [e for e in f.evidence if e.kind == "contradicts"]
    assert [(e.red_flag, e.line) for e in flags] == [("shared-at-staff-discretion", 2)]
    assert any(e.kind == "supports" and e.line == 1 for e in f.evidence)


def test_a_generic_legal_exception_is_no_explained_limit(checker):
    f = findings(checker, "Files are kept private and are not released without a signed release, except where the law requires it.")["MR-05"]
    assert f.status.value == "partial"
    assert _element(f, "a").present and not _element(f, "b").present


def test_a_term_after_a_colon_is_read_with_its_lead_in(checker):
    f = findings(checker, "We avoid these words: addict, junkie and crackhead.")["MR-01"]
    assert f.status.value == "met"
    assert {c.red_flag for c in f.considered} >= {"addict", "junkie"}
    assert all("mentioned" in c.reason for c in f.considered)


@pytest.mark.parametrize("text", [
    "Peer supporters may share their own story when it could help you.",
    "An advocate may draw on her own lived experience, sharing it when it might encourage you.",
])
def test_may_does_not_weaken_purposeful_sharing(checker, text):
    # MR-02 options.not_hedges: sharing is by nature at the peer's judgment
    b = _element(findings(checker, text)["MR-02"], "b")
    assert b.present and b.firm


def test_may_still_hedges_other_elements(checker):
    b = _element(findings(checker, "Staff may arrange an interpreter for you.")["MR-06"], "b")
    assert b.present and not b.firm


def test_a_modal_in_a_later_coordinated_clause_does_not_hedge_the_match(checker):
    text = "A resident who disagrees with a decision may ask for a hearing before an independent reviewer, and may be represented there by an advocate."
    f = findings(checker, text)["MR-04"]
    assert _element(f, "a").firm and _element(f, "c").firm


@pytest.mark.parametrize("text", [
    "Relapse is met with support. Residents who break house rules lose their weekend passes.",
    "Relapse is met with support. Members who skip program meetings will not move up to the next phase.",
])
def test_a_noun_modifier_is_not_the_actor_of_a_red_flag(checker, text):
    # "house rules", "program meetings": the residents and members are the ones bound
    f = findings(checker, text)["MR-07"]
    assert f.status.value == "not_met"
    assert [e.red_flag for e in f.evidence if e.kind == "contradicts"] == ["loss-of-privileges"]


def test_the_determiner_each_is_not_a_person_served(checker):
    b = _element(findings(checker, "Each CPRS shall share his or her lived experience with a purpose.")["MR-02"], "b")
    assert b.present
