"""The shared-decisions rubric (rubrics/shared-decisions.yaml), read as a specification.

Each case is a short policy text and the status a careful reviewer gives one
criterion under the rules of docs/criteria.md: ``met`` when every element is stated
firmly and no red flag stands, ``partial`` when some element is stated (or only
hedged), ``not_met`` when the policy is silent or a red flag stands. Negated,
hypothetical and staff-only statements do not count; a negated red flag is no red
flag.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rubric_spec import checker_for, findings, status  # noqa: F401  (findings is used by some tests)

from standards_check.engine.checker import Checker

RUBRIC_FILE = Path(__file__).resolve().parents[2] / "rubrics" / "shared-decisions.yaml"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return checker_for("shared-decisions")


def case(criterion: str, expected: str, *texts: str, id: str):
    return pytest.param(criterion, expected, texts, id=f"{criterion}-{id}")


CASES = [
    # ------------------------------------------------------------------ SDM-01
    # (a) the plan is made jointly, the person's preferences leading; (b) the person gets a copy
    case("SDM-01", "met", "We build the plan together, and your priorities lead. You get a copy of your plan.", id="informal-both"),
    case("SDM-01", "met",
         "The participant shall co-author their recovery plan with the peer specialist, and the plan shall reflect the "
         "participant's own goals and priorities. A copy of the signed plan shall be given to the participant.", id="formal-both"),
    case("SDM-01", "met",
         "Recovery plans are developed jointly by the member and the peer specialist, based on the member's own priorities, "
         "and each member receives a copy.", id="passive-both"),
    case("SDM-01", "met",
         "Peer support specialists shall:\n- partner with each participant in developing their service plan, following the "
         "participant's stated preferences;\n- provide the participant with a copy of the plan.", id="list-addressed-to-staff"),
    case("SDM-01", "met",
         "You have the right to:\n- make decisions about your plan together with your peer supporter, with your wishes coming first;\n"
         "- get a copy of your plan.", id="list-of-rights"),
    case("SDM-01", "met",
         "Your mentor won't boss you around. You set the goals, your mentor helps you map out how to get there, and you both keep a copy.",
         id="youth-informal"),
    case("SDM-01", "partial", "You and your coach figure out your plan together, and you call the shots.", id="informal-joint-no-copy"),
    case("SDM-01", "partial", "Your mentor helps, but you write your own plan.", id="person-writes-supporter-helps"),
    case("SDM-01", "partial", "Planning sessions are led by the participant, with the peer specialist as a support.", id="person-led"),
    case("SDM-01", "partial", "You will get your own copy of the plan.", id="copy-only"),
    case("SDM-01", "partial", "Where possible, plans are developed jointly with the participant. Participants receive a copy of their plan.",
         id="hedged-joint"),
    case("SDM-01", "not_met", "Peer mentors help clients work towards the goals in the treatment plan.", id="working-toward-goals-is-not-planning"),
    case("SDM-01", "not_met", "Residents and staff plan house activities together.", id="planning-activities-is-not-the-plan"),
    case("SDM-01", "not_met", "The clinician and the peer specialist develop the treatment plan together.", id="staff-with-staff"),
    case("SDM-01", "not_met", "If you want, an advocate will help you write your own overdose safety plan.", id="a-safety-plan-is-SDM-03"),
    case("SDM-01", "not_met", "You can ask for a copy of your records.", id="copy-of-records-is-not-the-plan"),
    case("SDM-01", "not_met", "We plan to work together with local clinics.", id="verb-plan-is-not-a-plan"),
    case("SDM-01", "not_met",
         "Goals will be set by staff. Participants receive a copy of their plan.", id="red-flag-goals-set-by-staff"),
    case("SDM-01", "not_met",
         "The treatment team determines the plan. We build the plan together, and your priorities lead.",
         id="red-flag-beside-evidence"),
    case("SDM-01", "not_met", "Plans are written by the case manager and shared with the client.", id="red-flag-passive"),
    case("SDM-01", "not_met", "Participants have no say in their recovery plan.", id="red-flag-no-say"),
    case("SDM-01", "partial", "Staff do not write plans for participants; plans are created together, and your priorities lead.",
         id="negated-red-flag"),
    case("SDM-01", "not_met", "We do not build the plan together.", id="negated"),
    case("SDM-01", "partial", "We don't write your plan for you, we write it together and your wishes come first.",
         id="negated-then-affirmed"),
    case("SDM-01", "partial",
         "Your family has no say in your plan unless you want them involved. We build the plan together, and your priorities lead.",
         id="family-no-say-is-privacy-not-a-red-flag"),
    case("SDM-01", "partial",
         "If you prefer, the peer supporter writes down the plan in your own words. We build the plan together, and your priorities lead.",
         id="scribing-is-no-red-flag"),
    case("SDM-01", "partial",
         "You and your mentor fill out the plan together, and your goals come first; your mentor writes your goals on the form.",
         id="writing-the-person's-goals-on-the-form-is-scribing"),
    case("SDM-01", "partial",
         "The program director develops an annual staffing plan. Staff set a goal of returning calls within a day. "
         "We build the plan together, and your priorities lead.", id="the-agency's-own-plans-are-no-red-flag"),
    # ------------------------------------------------------------------ SDM-02
    # (a) balanced information on options with benefits and risks; (b) plain language or accessible formats
    case("SDM-02", "met", "Before you decide, we will explain the pros and cons of each option in plain language.", id="informal-both"),
    case("SDM-02", "met",
         "Peer specialists shall provide balanced information about treatment options, including potential benefits and risks. "
         "All written materials are available in large print and in the participant's preferred language.", id="formal-both"),
    case("SDM-02", "partial", "Staff discuss the risks and benefits of each alternative with the participant before a decision is made.",
         id="benefits-risks-only"),
    case("SDM-02", "partial", "We'll lay out the good and the bad of every choice you're considering.", id="good-and-bad"),
    case("SDM-02", "partial",
         "Before any decision, staff must present all reasonable alternatives, including doing nothing, and describe the likely "
         "benefits and harms of each.",
         id="doing-nothing-is-an-option-not-a-negation"),
    case("SDM-02", "partial", "Peer specialists explain options in plain language, without jargon.", id="plain-language-only"),
    case("SDM-02", "not_met", "Peer supporters do not give medical advice about the risks and benefits of medication.", id="negated"),
    case("SDM-02", "not_met", "We help participants apply for benefits and find housing.", id="public-benefits"),
    case("SDM-02", "not_met", "Your rights are explained in plain language.", id="rights-are-MR-03"),
    case("SDM-02", "not_met",
         "Staff will persuade clients to accept the recommended treatment. We explain the pros and cons in plain language.",
         id="red-flag-persuasion"),
    case("SDM-02", "met",
         "We explain the benefits and risks of each option in plain language. We will never pressure you to choose any option.",
         id="negated-red-flag"),
    case("SDM-02", "met",
         "We explain the benefits and risks of each option in plain language. We push you toward your goals.",
         id="encouragement-is-not-steering"),
    # ------------------------------------------------------------------ SDM-03
    # (a) preferences recorded and followed; (b) crisis plans / advance directives supported
    case("SDM-03", "met",
         "Your preferences are written in your file and we honor them. If you write a crisis plan or a psychiatric advance "
         "directive, we keep a copy with your permission and follow it.", id="informal-both"),
    case("SDM-03", "met",
         "Participant preferences shall be documented in the service record and honored by all staff. Peer specialists "
         "shall assist participants who wish to complete a Wellness Recovery Action Plan (WRAP).", id="formal-both"),
    case("SDM-03", "met",
         "Each guest's preferences, such as who not to call, are written in the stay record and are followed by every shift. "
         "We honor psychiatric advance directives.", id="negation-inside-an-example-list"),
    case("SDM-03", "partial", "Peer specialists can help you complete a WRAP.", id="wrap-only"),
    case("SDM-03", "partial", "Staff record each participant's wishes in the record and act on them.", id="preferences-only"),
    case("SDM-03", "partial",
         "Patient preferences are recorded in the plan and are followed where clinically appropriate. We honor psychiatric advance directives.",
         id="clinical-qualifier"),
    case("SDM-03", "not_met", "Your preferred name and pronouns are recorded and used by all staff.", id="names-are-MR-06"),
    case("SDM-03", "not_met", "We provide wrap-around services.", id="wrap-around-is-not-a-WRAP"),
    case("SDM-03", "not_met",
         "Staff may override your advance directive. We honor crisis plans you write.", id="red-flag-override"),
    case("SDM-03", "not_met", "Advance directives are not recognized by the program.", id="red-flag-not-recognized"),
    case("SDM-03", "partial", "Staff will never override your advance directive. We honor crisis plans you write.", id="negated-red-flag"),
    # ------------------------------------------------------------------ SDM-04
    # (a) the person may review or change the plan or a decision at any time, at their request
    case("SDM-04", "met", "You can change your plan whenever you like.", id="informal"),
    case("SDM-04", "met", "Participants may request a review of their plan at any time.", id="formal"),
    case("SDM-04", "met", "Plans can be updated at the participant's request.", id="passive"),
    case("SDM-04", "met", "Peer specialists shall:\n- review the plan whenever the participant requests.", id="list-addressed-to-staff"),
    case("SDM-04", "met", "You can always change your mind about a decision.", id="change-your-mind"),
    case("SDM-04", "met", "Your plan isn't set in stone.", id="not-set-in-stone"),
    case("SDM-04", "partial", "Plans may be revised upon consumer request at the discretion of the assigned clinician.", id="hedged"),
    case("SDM-04", "met", "You may:\n- revise your goals at any time;\n- bring a friend to any planning meeting.", id="list-of-rights"),
    case("SDM-04", "met", "Stuff changes. You can tweak your goals any time, just let your mentor know.", id="youth-informal"),
    case("SDM-04", "not_met", "Plans are reviewed every 90 days.", id="scheduled-review-only"),
    case("SDM-04", "not_met", "Staff may revise your plan at any time.", id="staff-may-revise"),
    case("SDM-04", "not_met", "The plan will be reviewed every 90 days, like all clinical records.", id="like-is-not-a-wish"),
    case("SDM-04", "not_met", "The plan may be changed at any time by the treatment team.", id="changed-by-staff"),
    case("SDM-04", "not_met", "Plans are reviewed at the request of staff.", id="staff-request"),
    case("SDM-04", "not_met", "You may change your peer supporter at any time.", id="supporter-is-AUT-07"),
    case("SDM-04", "not_met", "You may change your mind at any time about any decision to share information.", id="consent-is-AUT-04"),
    case("SDM-04", "not_met", "Where possible, patients are invited to the plan review meeting.", id="invited-to-review"),
    case("SDM-04", "not_met", "Plans may not be changed until the next quarterly review.", id="red-flag-locked"),
    case("SDM-04", "not_met", "Participants are not allowed to change their plan.", id="red-flag-not-allowed"),
    case("SDM-04", "not_met",
         "Only the treatment team can change the plan. You can change your goals at any time.", id="red-flag-beside-evidence"),
    case("SDM-04", "not_met", "Changes to the plan must be approved by the clinical supervisor.", id="red-flag-approval"),
    case("SDM-04", "not_met", "Your plan will not be changed without your agreement.", id="no-red-flag-and-no-right"),
    # ------------------------------------------------------------------ SDM-05
    # (a) people served take part in program decisions; (b) their input is acted on and reported back
    case("SDM-05", "met",
         "People who use our services hold four of the seven seats on our advisory council. Each quarter the council "
         "reports back to all members on what was changed because of their input.", id="seats-and-report"),
    case("SDM-05", "met",
         "A Consumer Advisory Committee of program participants reviews every policy. Management responds in writing to "
         "each of its recommendations.", id="committee-and-written-response"),
    case("SDM-05", "met",
         "Members sit on interview panels when we hire peer staff. Every month we post \"You said, we did\" on the wall.",
         id="hiring-and-you-said-we-did"),
    case("SDM-05", "partial", "Two tenant representatives, elected by the tenant association, sit on the building operations committee.",
         id="representatives-only"),
    case("SDM-05", "partial", "House rules are written and changed by residents at the monthly house meeting.", id="rules-by-residents"),
    case("SDM-05", "partial", "The program is governed by its members.", id="governed-by-members"),
    case("SDM-05", "not_met", "Board members review all policies annually.", id="board-members-are-not-people-served"),
    case("SDM-05", "not_met", "Staff members take part in hiring decisions.", id="staff-members-are-not-people-served"),
    case("SDM-05", "not_met", "We ask participants to complete a satisfaction survey.", id="survey-only"),
    case("SDM-05", "not_met", "We hope to form a participant advisory council next year.", id="hypothetical"),
    case("SDM-05", "not_met", "The program may consider adding veterans to the board in a future program year.", id="hypothetical-future"),
    case("SDM-05", "not_met", "Peer staff report back to the supervisor on what happened during outings.", id="report-back-about-something-else"),
    case("SDM-05", "not_met",
         "Participants have no say in program rules. Participants sit on the advisory council.", id="red-flag-no-say"),
    case("SDM-05", "not_met", "House rules are set solely by management.", id="red-flag-rules-by-management"),
    case("SDM-05", "not_met", "Participants may not serve on the board.", id="red-flag-excluded-from-board"),
    case("SDM-05", "partial", "Participants are not required to serve on the council, but are welcome to.", id="not-required-is-no-red-flag"),
    # ------------------------------------------------------------------ SDM-06
    # (a) disagreements talked through and decided with the person; (b) a supporter or advocate of their choosing
    case("SDM-06", "met",
         "When you and a staff member disagree about your services, we talk it through and decide together with you. "
         "You may bring a friend, family member or advocate of your choosing to any meeting about your services.",
         id="informal-both"),
    case("SDM-06", "met",
         "If a participant does not agree with a staff recommendation, the participant's decision stands. Participants may "
         "designate a support person to attend planning meetings with them.", id="formal-both"),
    case("SDM-06", "partial",
         "If you and your peer specialist don't agree on something, you'll talk it through until you find a way forward together.",
         id="disagreement-only"),
    case("SDM-06", "partial", "No staff member will overrule your decisions.", id="no-overruling"),
    case("SDM-06", "partial", "You may invite anyone you trust to meetings about your care.", id="supporter-only"),
    case("SDM-06", "met",
         "If you and your mentor can't agree, we'll sit down together and sort it out, and you can bring a friend or family member along.",
         id="youth-informal"),
    case("SDM-06", "partial", "We try to reach agreement with you when we disagree.", id="hedged"),
    case("SDM-06", "not_met", "If there is a conflict between residents, a peer sits down with the people involved and we talk it out.",
         id="conflict-between-residents"),
    case("SDM-06", "not_met", "Guests may bring a friend to the holiday party.", id="friend-at-a-party"),
    case("SDM-06", "not_met", "Participants may not bring an advocate of their choosing to meetings.", id="negated"),
    case("SDM-06", "not_met", "You can work with a peer supporter of your choice.", id="choice-of-supporter-is-AUT-07"),
    case("SDM-06", "not_met",
         "Staff will make the final decision. You may bring an advocate of your choosing to any meeting.", id="red-flag-final-decision"),
    case("SDM-06", "not_met", "The final decision rests with the program director.", id="red-flag-rests-with"),
    case("SDM-06", "not_met", "Decisions of the clinical director are final and not subject to appeal.", id="red-flag-no-appeal"),
    case("SDM-06", "not_met", "Disputes between consumers and staff regarding services shall be resolved by the Program Supervisor.",
         id="red-flag-resolved-by-supervisor"),
    case("SDM-06", "not_met", "When a resident and staff disagree about house matters, the house manager decides.", id="red-flag-manager-decides"),
    case("SDM-06", "partial",
         "You and your peer supporter make the final decision together. You may bring an advocate of your choosing to any meeting.",
         id="together-is-no-red-flag"),
    case("SDM-06", "not_met", "Staff make the final decision about staff schedules.", id="administrative-final-decision"),
    case("SDM-06", "partial", "Staff never make the final decision alone; you have the final say.", id="negated-red-flag"),
]


# Probes written for the wording families found on the second corpus (tests/corpus-b): for each
# family, wordings nobody wrote before (formal, informal, passive, staff-addressed, lists,
# negated, hedged), and the near misses that must stay out.
FAMILY_CASES = [
    # ---- SDM-01(a): joint planning counts only with the person's preferences leading, in one sentence
    case("SDM-01", "met", "Your peer supporter sits down with you to write your plan, and you call the shots. We'll print you a copy.",
         id="family-joint-lead-informal"),
    case("SDM-01", "met", "With your wishes leading, you and your peer supporter write the plan together. You get a copy.",
         id="family-lead-stated-first"),
    case("SDM-01", "met",
         "Plans are person-directed and developed in partnership with each resident. Residents receive a copy of their plan.",
         id="family-person-directed-passive"),
    case("SDM-01", "met",
         "Each tenant develops a housing plan with their case manager, focusing on goals the tenant identifies, and receives "
         "a copy of the plan upon signing.", id="family-goals-the-person-identifies"),
    case("SDM-01", "met", "We sit down and work on it together, and what matters to you comes first. You get your own copy.",
         id="family-pronoun-plan-what-matters-first"),
    case("SDM-01", "met",
         "Peer specialists shall:\n- work with each participant to develop a recovery plan that reflects the participant's own goals;\n"
         "- give the participant a copy of the plan.", id="family-staff-list-reflects-own-goals"),
    case("SDM-01", "partial", "Staff should help each guest write their own stay plan. Each guest gets a copy.", id="family-hedged-should"),
    case("SDM-01", "partial", "You choose what you want to work on with your mentor.", id="family-choose-what-to-work-on-with-mentor"),
    case("SDM-01", "partial",
         "Mentors don't make plans for you. You make your plan, your mentor helps, and your goals come first.",
         id="family-negated-then-person-authors"),
    # joint without the person's lead, or the lead without joint work: never met beside a copy
    case("SDM-01", "partial",
         "The ISP is developed by the treating clinician in collaboration with the individual. "
         "A copy of the ISP shall be offered to the individual.", id="family-joint-only-formal-with-copy"),
    case("SDM-01", "partial",
         "Recovery plans are developed jointly by the member and the peer specialist, and each member receives a copy.",
         id="family-joint-only-passive-with-copy"),
    case("SDM-01", "partial",
         "The participant shall co-author their recovery plan with the peer specialist. "
         "A copy of the signed plan shall be given to the participant.", id="family-co-author-only-with-copy"),
    case("SDM-01", "partial",
         "If you decide to make a plan, your peer supporter will sit down with you and write it together. You get a copy.",
         id="family-if-you-decide-is-not-the-lead"),
    case("SDM-01", "partial", "Your plan is led by you. You get a copy.", id="family-lead-only-with-copy"),
    case("SDM-01", "partial", "We build the plan together, and staff priorities come first. You get a copy.",
         id="family-staff-priorities-are-not-the-persons"),
    case("SDM-01", "not_met",
         "The treatment team writes the plan, and the peer specialist goes over it together with you, following your wishes. "
         "You receive a copy of the plan.", id="family-together-in-another-clause-does-not-excuse-the-red-flag"),
    case("SDM-01", "not_met", "The treatment team develops the plan, and the peer specialist reviews it with the patient.",
         id="family-red-flag-beside-review"),
    case("SDM-01", "not_met", "We hope to build plans together with participants, with their priorities leading.",
         id="family-hypothetical"),
    case("SDM-01", "not_met", "Peer staff never write plans together with participants, and participant priorities never come first.",
         id="family-negated"),
    case("SDM-01", "not_met", "Residents and staff plan the summer picnic together, and resident preferences come first.",
         id="family-planning-a-picnic-is-not-the-plan"),
    case("SDM-01", "not_met", "Staff members set the goals, and you and your peer supporter write the plan together.",
         id="family-staff-members-are-not-the-person"),
    case("SDM-01", "met",
         "You and a peer staff member sit down together and you write your own stay plan, in your own words, about what "
         "you hope to get from your stay. You keep the original.", id="family-hope-in-a-what-clause-is-no-hedge"),
    # ---- SDM-01(b): the person keeps the original
    case("SDM-01", "met", "You and your mentor write the plan together, your goals come first, and you keep the signed original.",
         id="family-keeps-the-original"),
    case("SDM-01", "not_met", "You keep the original documents; we keep a copy.", id="family-original-documents"),
    case("SDM-01", "not_met", "Staff give you a copy of the house rules.", id="family-copy-of-house-rules"),
    # ---- SDM-02(a): balance needs benefits and risks
    case("SDM-02", "partial", "We explain your options in plain language, without pushing you toward any of them.",
         id="family-no-steering-is-not-benefits-and-risks"),
    case("SDM-02", "partial", "Peer specialists provide balanced information about available services in plain language.",
         id="family-balanced-without-risks"),
    case("SDM-02", "partial", "We will share information on all of your options, including the risks, in plain language.",
         id="family-risks-only"),
    case("SDM-02", "met", "Peer specialists give balanced information about each option, including its risks, in plain language.",
         id="family-balanced-with-risks"),
    case("SDM-02", "met", "We explain what each option offers and what it costs, in everyday words.", id="family-offers-and-costs"),
    # ---- SDM-03: crisis wishes the person puts in writing; preferences recorded, not just stated
    case("SDM-03", "partial",
         "If you want, we will help you write down what you want to happen if you overdose or end up in a crisis.",
         id="family-write-down-crisis-wishes-informal"),
    case("SDM-03", "partial",
         "Peer staff help participants put in writing what they would want done if they are hospitalized.",
         id="family-crisis-wishes-formal"),
    case("SDM-03", "partial", "Your peer supporter can help you make a plan for a crisis.", id="family-plan-for-a-crisis"),
    case("SDM-03", "met",
         "Your preferences are written in your file and we honor them. We help you write down what you want to happen if you "
         "end up in hospital.", id="family-both"),
    case("SDM-03", "not_met", "We help you write down what you want to happen at your graduation.", id="family-not-a-crisis"),
    case("SDM-03", "not_met", "Staff write down what they want to happen in an emergency.", id="family-staff-wishes"),
    case("SDM-03", "partial", "We honor your stated preferences. We honor psychiatric advance directives.",
         id="family-stated-is-not-recorded"),
    # ---- SDM-04: "yours" for the plan; reviews at staff request; set in stone
    case("SDM-04", "met", "Plans change, and you can change yours whenever you say.", id="family-change-yours"),
    case("SDM-04", "not_met", "Each participant has a peer supporter. You may change yours at any time.",
         id="family-yours-is-a-supporter"),
    case("SDM-04", "not_met", "Plans are reviewed at any time the clinician requests.", id="family-any-time-staff-request"),
    case("SDM-04", "met", "Your plan is yours, and nothing is set in stone.", id="family-nothing-set-in-stone"),
    case("SDM-04", "not_met", "Nothing about our schedule is set in stone.", id="family-schedule-set-in-stone"),
    # ---- SDM-05: forums where people served shape the program; report-back on their input
    case("SDM-05", "met",
         "Regular callers are invited to a listening session every quarter to tell us how the line could work better. "
         "A summary of what we heard and what we changed is posted on our website.", id="family-listening-session-and-summary"),
    case("SDM-05", "met",
         "The participant council meets monthly; its minutes, and what staff did about each recommendation, are posted at the drop-in.",
         id="family-what-staff-did-about-recommendations-passive"),
    case("SDM-05", "partial", "Participants are invited to a focus group each spring to give feedback on our services.",
         id="family-focus-group"),
    case("SDM-05", "partial", "Residents are welcome at the monthly community meeting, where they decide on house rules.",
         id="family-community-meeting-decides"),
    case("SDM-05", "partial", "Members are asked to tell staff how the program could work better.", id="family-asked-how-to-improve"),
    case("SDM-05", "partial", "Management posts what it did about each recommendation from the youth council.",
         id="family-posts-what-it-did-active"),
    case("SDM-05", "not_met", "The board meets quarterly, at which they approve the budget.", id="family-board-they-is-not-people-served"),
    case("SDM-05", "not_met", "Staff attend a focus group on new documentation rules.", id="family-staff-focus-group"),
    case("SDM-05", "not_met", "A summary of what we changed is posted each quarter.", id="family-changes-without-input"),
    case("SDM-05", "not_met", "Peer staff report back to the supervisor on what they heard and what they did during outings.",
         id="family-staff-report-on-outings"),
    # ---- SDM-06(a): disagreement in other words; decided with the person, not only talked over
    case("SDM-06", "met",
         "If you and your peer supporter see things differently, we work it out together with you. You may bring an advocate "
         "of your choosing to any meeting.", id="family-see-things-differently"),
    case("SDM-06", "met",
         "Where a participant has a different view from staff about their services, staff and the participant decide together. "
         "Participants may bring a support person of their choice to any meeting.", id="family-different-view-formal"),
    case("SDM-06", "partial", "If you object to a decision about your support, we reach a decision with you, not for you.",
         id="family-object-to"),
    case("SDM-06", "partial", "When we don't see eye to eye, we keep talking until we both agree.", id="family-until-we-agree"),
    case("SDM-06", "partial", "If you disagree with your coach, you and your coach will work it out.", id="family-you-and-coach-work-it-out"),
    case("SDM-06", "partial", "Staff do not make decisions about your support on their own.", id="family-staff-not-alone"),
    case("SDM-06", "not_met", "If we disagree, we'll talk it through.", id="family-talk-only"),
    case("SDM-06", "not_met", "Disagreements are discussed with the participant.", id="family-discussed-only"),
    case("SDM-06", "not_met", "If you disagree with a decision, the manager will find a solution.", id="family-staff-find-a-solution"),
    case("SDM-06", "partial",
         "If you disagree with a decision about you, you can ask for it to be talked over at a meeting with you and a peer "
         "worker, and you can bring a friend or an advocate if you like.", id="family-talked-over-plus-friend-at-that-meeting"),
    # SDM-06(b): the person's choice of advocate
    case("SDM-06", "partial", "Staff shall respect the participant's choice of advocate or support person.", id="family-choice-of-advocate"),
    case("SDM-06", "not_met", "You may choose your own peer supporter.", id="family-choice-of-supporter-is-AUT-07"),
    # SDM-06 red flag: disputes sent up to staff for decision
    case("SDM-06", "not_met",
         "Disputes regarding the plan shall be referred to the Clinical Director for determination. Participants may bring a "
         "support person of their choice to any meeting.", id="family-red-flag-referred-for-determination"),
    case("SDM-06", "not_met", "Unresolved disagreements are escalated to the program manager for a final decision.",
         id="family-red-flag-escalated"),
    case("SDM-06", "partial",
         "If you still disagree, the disagreement is referred to an independent reviewer for a decision. You may bring an "
         "advocate of your choosing.", id="family-independent-review-is-no-red-flag"),
    case("SDM-06", "partial",
         "Conflicts between residents are referred to the house manager for resolution. You may bring an advocate of your "
         "choosing to any meeting.", id="family-resident-conflicts-are-not-person-staff"),
    case("SDM-06", "partial",
         "Complaints are referred to the director for resolution within ten days. You may bring an advocate of your choosing "
         "to any meeting.", id="family-grievance-is-MR-04"),
    # -- shapes found in the fourth corpus (tests/corpus-d, paraphrases of real published policies) --
    case("SDM-05", "partial", "Members vote on every new board member.", id="members-elect-the-board"),
    case("SDM-05", "partial", "Members and staff both take part in governance and in setting policy.", id="members-and-staff-both"),
    case("SDM-05", "not_met", "Board members review every policy each year.", id="board-members-acting"),
    case("SDM-01", "not_met", "Your case manager will give you your recovery plan at intake.", id="red-flag-plan-handed-over"),
    case("SDM-01", "partial", "Staff will give you a copy of your plan.", id="a-copy-handed-over-is-element-b"),
    case("SDM-01", "not_met", "Every new member is given a copy of the house rules.", id="a-copy-of-the-rules-is-not-the-plan"),
    # -- shapes found in the fifth corpus (tests/corpus-e) --
    case("SDM-05", "partial", "The residence is run democratically by its members.", id="run-democratically"),
    case("SDM-05", "partial", "Every resident has one vote on each decision of the house.", id="one-vote-on-every-decision"),
    case("SDM-05", "partial", "The young people who use the space wrote the house practices themselves.", id="members-wrote-the-rules"),
    case("SDM-05", "partial", "Our house rules change whenever the residents vote to change them.", id="rules-change-when-members-decide"),
    # -- shapes found in the sixth corpus (tests/corpus-f) --
    case("SDM-01", "partial", "Families are equal partners in planning services.", id="equal-partners-in-planning"),
    case("SDM-05", "partial", "Members help steer how the center runs.", id="help-steer-how-it-runs"),
    case("SDM-06", "partial", "You may have another person speak for you.", id="another-person-speaks-for-you"),
    # -- shapes found in the seventh corpus (tests/corpus-g) --
    case("SDM-02", "partial", "That information includes the likely risks and benefits and the alternatives to the treatment.",
         id="information-includes-risks-and-alternatives"),
    case("SDM-03", "partial", "Members write their own crisis plan with help from a peer.", id="write-their-own-crisis-plan"),
    # -- shapes found in the eighth corpus (tests/corpus-h) --
    case("SDM-01", "partial", "Peer services help the person in developing their own goals and plans.", id="help-the-person-develop-their-plan"),
]

# Probes written for the wording families found on the third corpus (tests/corpus-c): for each
# family, wordings other than the corpus sentence, and the near misses that must stay out.
CORPUS_C_CASES = [
    # ---- capacity qualifiers ("as CPS training allows") leave a commitment to the program: not firm, never met
    case("SDM-03", "partial",
         "Participant preferences are recorded in the service record and honored. As staff training allows, peer "
         "specialists help participants complete a psychiatric advance directive.", id="c-capacity-qualifier-training"),
    case("SDM-03", "partial",
         "Your wishes are written in your file and followed by all staff. We help you write a crisis plan, as caseloads permit.",
         id="c-capacity-qualifier-caseloads"),
    case("SDM-01", "partial",
         "We build the plan together, and your priorities lead. A copy of your plan is given to you, budget permitting.",
         id="c-capacity-qualifier-permitting"),
    case("SDM-04", "partial", "Plans are revised at the participant's request, as resources allow.", id="c-core-hedge-left-to-core"),
    case("SDM-04", "met", "You can review your plan whenever your schedule allows.", id="c-the-person's-schedule-is-no-qualifier"),
    # the core now reads "staff may ..." as discretion (formerly a known limit)
    case("SDM-01", "partial", "Staff may build the plan together with you, with your wishes leading. You get a copy.",
         id="c-staff-may-is-a-hedge"),
    # ---- SDM-03(a): the wish first, then "we write it down and follow it"
    case("SDM-03", "partial", "Let your peer worker know what you prefer, and they will note it and stick to it.",
         id="c-wish-first-informal"),
    case("SDM-03", "partial", "Staff ask which supports the participant prefers, record them in the service record and follow them.",
         id="c-wish-first-formal"),
    case("SDM-03", "partial", "Whatever you don't want, such as calls to your family, we write it down and respect it.",
         id="c-wish-first-do-not-want-is-a-wish"),
    case("SDM-03", "met",
         "Tell us how you like to be supported and we write it down and follow it. If you have a crisis plan, we keep a copy "
         "and follow it.", id="c-wish-first-both"),
    case("SDM-03", "not_met", "Tell us what you want, and we will write it down.", id="c-written-but-not-followed"),
    case("SDM-03", "not_met", "We ask what you want, but we do not write it down and follow it.", id="c-wish-first-negated"),
    # preference notes are preferences; progress notes are not
    case("SDM-03", "partial", "Volunteers keep notes of what helps each caller in the caller preference file and follow them.",
         id="c-preference-notes"),
    case("SDM-03", "not_met", "Progress notes are kept in the file, and staff follow the treatment plan.", id="c-progress-notes"),
    # ---- SDM-03(b): WRAP classes and groups where people write their own plans
    case("SDM-03", "partial", "Members write their own crisis plans in our weekly WRAP group.", id="c-wrap-group-person-writes"),
    case("SDM-03", "partial", "Peer specialists facilitate Wellness Recovery Action Plan workshops for participants.",
         id="c-wrap-workshops-formal"),
    case("SDM-03", "partial", "The WRAP class teaches you to write your own crisis plan.", id="c-wrap-class-teaches"),
    case("SDM-03", "not_met", "All peer staff complete WRAP facilitator training.", id="c-staff-wrap-training"),
    case("SDM-03", "not_met", "We hope to start a WRAP group next year.", id="c-wrap-group-hypothetical"),
    case("SDM-03", "not_met", "We do not run WRAP groups.", id="c-wrap-group-negated"),
    case("SDM-03", "not_met", "We offer wrap-around groups.", id="c-wrap-around-group"),
    # ---- SDM-05(a): advisory teams; membership lists that count people served
    case("SDM-05", "partial", "Two residents serve on the Resident Advisory Team.", id="c-advisory-team"),
    case("SDM-05", "partial", "An advisory panel of two clinicians, a family member and three current participants meets each quarter.",
         id="c-membership-list-of"),
    case("SDM-05", "partial", "Our steering group has eleven members, four of whom are people with lived experience who use our services.",
         id="c-membership-of-whom"),
    case("SDM-05", "not_met", "The board of directors meets monthly and two participants attend the open session.",
         id="c-board-of-directors-is-no-list"),
    case("SDM-05", "not_met", "The board has nine members, two of whom are staff.", id="c-of-whom-staff"),
    case("SDM-05", "not_met", "The advisory committee of physicians and nurses meets quarterly.", id="c-committee-of-clinicians"),
    # ---- SDM-05(b): posted minutes that say what changed, in either order
    case("SDM-05", "met",
         "Members sit on the advisory council. Its meeting summaries are emailed to all members and list what was changed as a result.",
         id="c-summaries-then-what-changed"),
    case("SDM-05", "not_met", "Staff meeting minutes are posted in the office and show what was decided.", id="c-staff-meeting-minutes"),
    # ---- SDM-06(b): a person of the person's choosing, with an advocate among the examples
    case("SDM-06", "partial", "You may invite anyone you trust, for example a relative, a friend or a peer advocate.",
         id="c-anyone-you-trust-such-as-advocate"),
    case("SDM-06", "partial", "Residents can bring any person they choose, including an advocate or a support person.",
         id="c-any-person-they-choose-formal"),
    case("SDM-06", "not_met", "The team may invite anyone they choose, such as a representative of the housing authority.",
         id="c-staff-invite-whom-they-choose"),
    case("SDM-06", "not_met", "You can bring anyone you want to the holiday party, such as a friend or a relative.",
         id="c-party-guests"),
    case("SDM-06", "not_met", "You cannot bring anyone you choose, such as an advocate.", id="c-any-person-negated"),
    # ---- SDM-02(b): written materials by other names
    case("SDM-02", "met", "Peer staff explain the benefits and risks of each option. Pamphlets are available in Spanish and Vietnamese.",
         id="c-pamphlets-in-languages"),
    case("SDM-02", "partial", "Printed resource sheets on each treatment option are provided in large print.", id="c-resource-sheets"),
    case("SDM-02", "not_met", "Rights sheets are provided in Spanish.", id="c-rights-sheets-are-MR-03"),
    # ---- SDM-01(b): a bare "a copy is given" is a copy of what the sentence is about
    case("SDM-01", "not_met",
         "Patient rights are explained to each patient at intake by the admissions nurse, and a copy is provided to the patient.",
         id="c-bare-copy-of-rights"),
    case("SDM-01", "not_met",
         "The participant handbook is reviewed with each new member during orientation, and a copy is given to the member to keep.",
         id="c-bare-copy-of-handbook"),
    case("SDM-01", "partial", "Your plan is reviewed with you at every visit, and a copy is given to you.", id="c-bare-copy-of-the-plan"),
]

# What a reviewer reads but the rubric format cannot yet express (see the rubric's notes):
# these document the gap (non-strict xfail, as in the other rubric tests: an XPASS says the core now reads them).
KNOWN_LIMITS = [
    # helping the person develop their plan reads as joint planning (corpus-h's labeller read it so)
    pytest.param("SDM-01", "partial", ("Peer specialists assist participants in developing individualized recovery plans.",),
                 id="SDM-01-assisting-in-developing-plans"),
    pytest.param("SDM-01", "met", ("Your priorities come first. We build the plan together. You get a copy.",),
                 id="SDM-01-limit-lead-and-joint-in-adjacent-sentences",
                 marks=pytest.mark.xfail(strict=False, reason="patterns see one sentence: the lead and the joint work must share it")),
    pytest.param("SDM-01", "met", ("We build the plan together; your priorities lead. You get a copy.",),
                 id="SDM-01-limit-semicolon",
                 marks=pytest.mark.xfail(strict=False, reason="a gap never crosses ';', so the two halves of (a) cannot meet")),
    pytest.param("SDM-03", "partial", ("Preferences are recorded in your file and followed. The CPS may help you write a WRAP.",),
                 id="SDM-03-acronym-title-may-is-a-hedge"),
    pytest.param("SDM-04", "partial", ("You may ask to change your plan at any time, as caseloads permit.",),
                 id="SDM-04-limit-capacity-qualifier-is-read-as-silent",
                 marks=pytest.mark.xfail(strict=False, reason="the core does not read 'as caseloads permit' as a hedge, so the rubric "
                                         "excludes the sentence: a hedged element is then read as silent, not as weak")),
    # a FAQ answer is read with its question (standards_check/text/structure.py)
    pytest.param("SDM-04", "met", ("Q: Can I change my plan?\nA: Yes, any time.",), id="SDM-04-faq-answer-with-its-question"),
]


@pytest.mark.parametrize("criterion, expected, texts", CASES + FAMILY_CASES + CORPUS_C_CASES + KNOWN_LIMITS)
def test_status(checker, criterion, expected, texts):
    assert status(checker, criterion, *texts) == expected


def test_red_flag_is_quoted_beside_the_supporting_evidence(checker):
    f = findings(checker, "The treatment team determines the plan.", "We build the plan together, and your priorities lead.")["SDM-01"]
    assert f.status.value == "not_met"
    kinds = {(e.kind, e.policy) for e in f.evidence}
    assert ("contradicts", "p1") in kinds
    assert ("supports", "p2") in kinds


def test_hedged_element_is_reported_with_its_hedge(checker):
    f = findings(checker, "Where possible, plans are developed jointly with the participant, following the participant's own priorities.")["SDM-01"]
    hedged = [e for e in f.evidence if e.kind == "supports" and e.element == "a"]
    assert hedged and hedged[0].hedge == "where possible"
    assert f.status.value == "partial"


def test_negated_match_is_reported_as_considered(checker):
    f = findings(checker, "Peer supporters do not give medical advice about the risks and benefits of medication.")["SDM-02"]
    assert f.status.value == "not_met"
    assert any("negated" in c.reason for c in f.considered)


def test_every_criterion_names_references_and_model_language():
    with open(RUBRIC_FILE, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert data["id"] == "shared-decisions"
    ids = [c["id"] for c in data["criteria"]]
    assert ids == [f"SDM-0{i}" for i in range(1, 7)]
    for c in data["criteria"]:
        assert c["requirement"] and c["why"] and c["remediation"] and c["model_language"], c["id"]
        assert 2 <= len(c["references"]) <= 3, c["id"]
        assert all(r.get("section") for r in c["references"]), c["id"]
        assert c["red_flags"], c["id"]


@pytest.mark.parametrize("criterion", [f"SDM-0{i}" for i in range(1, 7)])
def test_model_language_satisfies_its_own_criterion(checker, criterion):
    """The wording the rubric suggests must pass the rubric."""
    with open(RUBRIC_FILE, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    model = next(c["model_language"] for c in data["criteria"] if c["id"] == criterion)
    assert status(checker, criterion, model) == "met"
