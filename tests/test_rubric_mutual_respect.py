"""The mutual-respect rubric (MR-01 .. MR-07) on short policy texts.

Each case is a few sentences and the status a careful reviewer gives them under
criteria.md: affirmative statements, negated and hedged ones, statements that bind
staff rather than the person served, and red flags beside supporting evidence.
MR-01 is decided by the plugin's code evaluator against rubrics/language.yaml.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from standards_check.document import Policy, PolicyDocument, Program
from standards_check.engine import Checker, RubricSet
from standards_check.rubric import load_rubric_file

ROOT = Path(__file__).resolve().parent.parent

try:  # installed: the built-in plugins are the package standards_check.builtin
    from standards_check.builtin import mutual_respect as plugin
except ImportError:  # source tree, not installed
    sys.path.insert(0, str(ROOT))
    from plugins import mutual_respect as plugin  # type: ignore[no-redef]


@pytest.fixture(scope="module")
def checker() -> Checker:
    rubric = load_rubric_file(ROOT / "rubrics" / "mutual-respect.yaml")
    return Checker(RubricSet(rubrics=[rubric], evaluators={
        "person-first-language": ("mutual-respect", plugin.evaluate_language),
        "patterns-read-in-context": ("mutual-respect", plugin.evaluate_patterns),
    }))


def document(text: str) -> PolicyDocument:
    n = text.count("\n") + 1
    policy = Policy("p1", "Policy", text, line_numbers=tuple(range(1, n + 1)), line=1)
    return PolicyDocument("test.yaml", Program(name="Test Program"), (policy,))


def findings(checker: Checker, text: str) -> dict:
    return {f.criterion: f for f in checker.check(document(text)).findings()}


def status(checker: Checker, criterion: str, text: str) -> str:
    return findings(checker, text)[criterion].status.value


# --------------------------------------------------------------------- the plugin


def test_plugin_contributes_the_evaluator():
    evaluators = plugin.standards_check_evaluators()
    assert evaluators == {
        "person-first-language": plugin.evaluate_language,
        "patterns-read-in-context": plugin.evaluate_patterns,
    }
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
    assert e.note and e.note.startswith("say '") and "instead (" in e.note
    assert e.quote == text
    assert f.elements[0].id == "a" and f.elements[0].present is False
    assert words.lower() in f.rationale.lower()


def test_mr01_note_names_the_alternative_and_the_source(checker):
    f = findings(checker, "The program serves addicts.")["MR-01"]
    assert f.evidence[0].note == "say 'person who uses drugs' instead (NIDA Words Matter)"
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
