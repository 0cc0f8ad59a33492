"""The autonomy rubric (rubrics/autonomy.yaml), read as a specification.

Each case is a short policy text and the status a careful reviewer gives one
criterion under the rules of docs/criteria.md: ``met`` when every element is stated
firmly and no red flag stands, ``partial`` when some element is stated (or only
hedged), ``not_met`` when the policy is silent or a red flag stands. Negated,
hypothetical, off-topic and staff-only statements do not count; a negated red flag
is no red flag. The wordings are deliberately varied (formal, informal, passive,
addressed to staff) so that the rubric is tested on meaning, not on one phrasing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rubric_spec import checker_for, findings, status  # noqa: F401  (findings is used by some tests)

from standards_check.engine.checker import Checker

RUBRIC_FILE = Path(__file__).resolve().parents[2] / "rubrics" / "autonomy.yaml"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return checker_for("autonomy")


def case(criterion: str, expected: str, *texts: str, id: str, core: str | None = None):
    """One specification case; ``core`` names a known core reading issue that makes it fail today."""
    marks = [pytest.mark.xfail(reason=f"core reading issue: {core}", strict=False)] if core else []
    return pytest.param(criterion, expected, texts, id=f"{criterion}-{id}", marks=marks)


HEDGE_IN_RELATIVE = "a hedge inside a relative clause ('decisions that staff might not make') hedges the whole sentence"
FIRST_MATCH_ONLY = "only the first match of a pattern in a sentence is read; when it is negated, a later affirmative match is never tried"
MAY_BE_ABLE = "'may be able to' after a person word is read as a granted right, not as a hedge"
HEDGE_IN_WHAT_CLAUSE = "a hedge ('hope to') inside a 'what ...' clause hedges the main statement ('you write your own plan ... about what you hope to get')"
PERSON_DISCRETION = "'at the discretion of the individual' is read as the hedge 'the discretion' (the agency's discretion)"
NEVER_SCOPE = "'never' after the subject is read as a clause-opening negator, so it also negates a coordinated '... and may withdraw'"
PRONOUN_IN_LIST = "a pronoun in a list item ('ask us to correct them') does not reach the records named in a sibling item"

CASES = [
    # ------------------------------------------------------------------ AUT-01
    # (a) taking part is the person's choice; (b) the person may decline or stop at any time
    case("AUT-01", "met", "Taking part in peer support is always your choice. You may stop at any time.", id="plain-both"),
    case("AUT-01", "met",
         "Participation in peer services is voluntary. The participant retains the right to withdraw from "
         "services at any time without explanation.", id="formal-both"),
    case("AUT-01", "met", "It's your call whether you work with a recovery coach, and you can bail any time.", id="informal-both"),
    case("AUT-01", "met",
         "Engagement with a peer specialist is optional. Peer specialists shall honor any participant's "
         "decision to discontinue services.", id="staff-addressed-both"),
    case("AUT-01", "met",
         "Joining is the veteran's own decision. Declining peer support will not affect your housing.",
         id="no-penalty-for-declining-counts-as-may-decline"),
    case("AUT-01", "met", "Peer coaching is offered, never required. Members may end their involvement whenever they choose.",
         id="offered-not-required"),
    case("AUT-01", "met", "Coaching is not a condition of your tenancy. Residents are free to decline coaching.",
         id="not-a-condition"),
    case("AUT-01", "partial", "Peer services are offered on a voluntary basis.", id="choice-only"),
    case("AUT-01", "partial", "No one is required to participate in peer support.", id="negated-compulsion-is-choice"),
    case("AUT-01", "partial", "You can say no to anything we suggest.", id="decline-only"),
    case("AUT-01", "partial", "We respect your right to refuse services at any time.", id="right-to-refuse-addressed-by-staff"),
    case("AUT-01", "partial", "People come to us by their own choice.", id="own-choice"),
    case("AUT-01", "partial", "Guests may check out at any time.", id="check-out-any-time"),
    case("AUT-01", "not_met", "You can say stop to any sharing at any time.", id="stopping-sharing-is-AUT-04"),
    case("AUT-01", "not_met", "Participation in our annual survey is voluntary.", id="survey-is-something-else"),
    case("AUT-01", "not_met", "You may leave a message at any time and we will call you back.", id="leave-a-message"),
    case("AUT-01", "not_met", "Staff may end a session at any time if someone is unsafe.", id="staff-ending-a-session"),
    case("AUT-01", "not_met", "We reserve the right to refuse service to anyone who threatens staff.", id="agency-right-to-refuse"),
    case("AUT-01", "not_met", "Participation is not voluntary.", id="negated-choice-is-a-red-flag"),
    case("AUT-01", "not_met", "Attendance at all peer sessions is mandatory.", id="red-flag-mandatory"),
    case("AUT-01", "not_met", "Clients shall attend a minimum of two peer sessions per week.", id="red-flag-shall-attend"),
    case("AUT-01", "not_met", "Participants who miss three groups will be discharged from the program.", id="red-flag-discharge-for-missing"),
    case("AUT-01", "not_met", "Failure to attend peer meetings may result in loss of services.", id="red-flag-failure-to-attend"),
    case("AUT-01", "not_met", "All patients leaving the unit are automatically enrolled in peer mentoring.", id="red-flag-automatic-enrolment"),
    case("AUT-01", "not_met",
         "Peer support is voluntary and you can stop at any time. Attendance at weekly check-ins is mandatory.",
         id="red-flag-beside-evidence"),
    case("AUT-01", "partial", "Peer support is voluntary. No one will be discharged for missing groups.", id="negated-red-flag"),
    case("AUT-01", "partial", "Peer support is voluntary. Peer supporters must attend weekly supervision.", id="staff-duty-is-no-red-flag"),
    case("AUT-01", "partial",
         "Peer support is voluntary. Attendance at monthly staff training is mandatory for all peer specialists.",
         id="staff-training-is-no-red-flag"),
    case("AUT-01", "met",
         "Participants have the following rights:\n- to choose whether to take part in peer support;\n"
         "- to refuse or stop any service at any time.", id="rights-list"),
    case("AUT-01", "not_met",
         "Peer support is voluntary, and you may stop at any time. Residents must:\n- attend all peer support groups;\n"
         "- keep their rooms tidy.", id="red-flag-in-a-list"),
    case("AUT-01", "met",
         "Joining is the veteran's own decision. No one is ordered in, and a veteran may step away at any time.",
         id="negated-subject-then-and"),
    case("AUT-01", "not_met", "You are not required to attend groups, but you must attend weekly peer check-ins.",
         id="negated-then-affirmed-in-one-sentence"),
    # -- families added after the second corpus (corpus-b) --
    # peer support as a condition of a court order, probation, parole or release (red flag), in any voice
    case("AUT-01", "not_met",
         "If you are in drug court, meeting with a peer mentor at least twice a month is a condition of your court "
         "agreement.", id="red-flag-court-condition"),
    case("AUT-01", "not_met", "Peer mentoring is a condition of your probation.", id="red-flag-condition-of-probation"),
    case("AUT-01", "not_met", "Participants on parole meet with a peer navigator weekly as a condition of their release.",
         id="red-flag-as-a-condition-of-release"),
    case("AUT-01", "not_met", "Your drug court contract requires you to meet with a recovery coach every week.",
         id="red-flag-court-contract-requires"),
    case("AUT-01", "not_met", "Working with a peer specialist is court-ordered for everyone in the program.",
         id="red-flag-court-ordered"),
    case("AUT-01", "not_met", "Attendance at peer groups counts toward your court-ordered treatment hours.",
         id="red-flag-counts-toward-court-hours"),
    case("AUT-01", "partial", "Peer support is voluntary. Meeting with a mentor is never a condition of your court agreement.",
         id="negated-court-condition"),
    case("AUT-01", "partial",
         "Peer support is voluntary, but meeting with your probation officer is a condition of your release.",
         id="someone-else's-condition-is-no-red-flag"),
    # consequences other than discharge for missing or refusing (red flag)
    case("AUT-01", "not_met", "Peer support is voluntary. Declining a session is recorded as non-compliance.",
         id="red-flag-refusal-recorded-as-non-compliance"),
    case("AUT-01", "not_met", "Missing house group is a write-up.", id="red-flag-missing-is-a-write-up"),
    # a quantifier as the subject of "optional"
    case("AUT-01", "met", "Everything at the drop-in is optional, and you can walk away at any time.",
         id="everything-is-optional-and-the-drop-in-is-a-place"),
    case("AUT-01", "partial", "All of our groups are voluntary.", id="all-of-our-groups"),
    case("AUT-01", "partial", "Nothing here is required of you.", id="nothing-is-required"),
    case("AUT-01", "not_met", "Everything on the intake form is optional.", id="optional-form-fields"),
    case("AUT-01", "not_met", "Anything you tell us is your choice to share.", id="sharing-is-not-taking-part"),
    case("AUT-01", "not_met", "Nothing in this policy is required by law.", id="nothing-required-by-law"),
    # only people who want it; a coordinated "and may stop"; a refusal honoured by staff
    case("AUT-01", "met", "We only work with people who want to work with us, and anyone can stop at any time.",
         id="only-people-who-want-it"),
    case("AUT-01", "met", "Peer support is voluntary. Clients are not required to attend and may stop at any time.",
         id="coordinated-may-stop"),
    case("AUT-01", "not_met", "The agency reviews each client's case and may terminate services at any time.",
         id="agency-may-terminate-is-not-the-person-stopping"),
    case("AUT-01", "met", "Peer support is voluntary. Peer Support Specialists shall respect a client's refusal of services.",
         id="staff-respect-a-refusal"),
    case("AUT-01", "met",
         "Clients are never obligated to receive peer services and may withdraw at any stage.",
         id="never-does-not-reach-the-coordinated-verb"),
    case("AUT-01", "met", "Participation is at the discretion of the individual. You may stop at any time.",
         id="the-person's-discretion-is-no-hedge"),
    # ------------------------------------------------------------------ AUT-02
    # (a) stopping costs nothing else; (b) the person may come back (open door)
    case("AUT-02", "met",
         "Stopping peer support will never affect your housing, your benefits or any other service. "
         "If you leave, you are welcome back whenever you choose.", id="plain-both"),
    case("AUT-02", "met",
         "Your lease does not depend on whether you take part in peer support. Former participants may "
         "re-enroll at any time, with no waiting period.", id="formal-both"),
    case("AUT-02", "met",
         "Stepping away won't cost you anything else. Come back whenever you like; the door's open.", id="informal-both"),
    case("AUT-02", "partial", "No tenant will lose their apartment because they stopped peer support.", id="no-loss-only"),
    case("AUT-02", "partial", "Returning members are welcomed back without question.", id="open-door-only"),
    case("AUT-02", "partial", "There is always a way back.", id="a-way-back"),
    case("AUT-02", "partial", "If you've been away, just drop by and we'll pick up where we left off.", id="been-away"),
    case("AUT-02", "not_met", "The center is open Monday through Friday from 9 am to 5 pm.", id="opening-hours-are-not-an-open-door"),
    case("AUT-02", "not_met", "A return to use is treated as a chance to talk.", id="return-to-use-is-not-a-return"),
    case("AUT-02", "not_met", "Please return the intake form at your first visit.", id="returning-a-form"),
    case("AUT-02", "not_met", "Residents who decline peer coaching will be asked to leave the house.", id="red-flag-asked-to-leave"),
    case("AUT-02", "not_met", "Participation in peer support is a condition of your tenancy.", id="red-flag-condition-of-tenancy"),
    case("AUT-02", "not_met", "You may lose your bed if you stop attending peer groups.", id="red-flag-loss-of-bed"),
    case("AUT-02", "not_met",
         "You can come back whenever you are ready. Clients who leave the program may not re-enroll for six months.",
         id="red-flag-waiting-period-beside-evidence"),
    case("AUT-02", "partial", "Participation in peer support is not a condition of your tenancy.", id="negated-red-flag-supports"),
    case("AUT-02", "partial",
         "Saying no or stopping is never reported to the court, and it does not affect your housing or any other service.",
         id="negation-in-an-earlier-clause"),
    # -- families added after the second corpus (corpus-b) --
    # a pronoun carries the stopping into the clause that protects other services
    case("AUT-02", "partial", "If you decide to stop coaching, this will not change your lease in any way.", id="pronoun-this"),
    case("AUT-02", "partial", "Stopping peer support is your right, and it will not be held against you.", id="not-held-against-you"),
    # passive: the other service is the subject
    case("AUT-02", "partial",
         "A tenant's lease will not be affected by a decision to stop working with a peer specialist.", id="passive-lease-not-affected"),
    # "stops using services" is no drug use (the exclusion is about relapse, not about the verb "use")
    case("AUT-02", "partial",
         "No tenant shall be evicted or lose a rental subsidy because the tenant declines resident services or stops "
         "using them.", id="stops-using-services-is-not-drug-use"),
    case("AUT-02", "not_met", "If you stop using drugs, it will not affect your housing.", id="drug-use-is-AUT-05"),
    # doing it again, later
    case("AUT-02", "partial", "If you leave early, you are welcome to ask for a stay again later.", id="ask-for-a-stay-again"),
    case("AUT-02", "partial", "Callers may call again at any time.", id="call-again"),
    case("AUT-02", "not_met", "You are welcome to ask questions again during the next session.", id="asking-questions-again"),
    case("AUT-02", "not_met", "You may be asked again at any time to show ID.", id="asked-again-is-no-return"),
    # a return only after a waiting period or a condition (red flag)
    case("AUT-02", "not_met",
         "You can come back whenever you like. Residents discharged for use may reapply after 30 days of documented "
         "sobriety.", id="red-flag-return-after-sobriety"),
    case("AUT-02", "not_met", "Readmission is contingent on 60 days of sobriety.", id="red-flag-readmission-contingent"),
    case("AUT-02", "not_met", "Former members may rejoin only after completing a 90-day waiting period.",
         id="red-flag-rejoin-only-after"),
    case("AUT-02", "partial", "You can rejoin even after months away.", id="even-after-months-is-no-red-flag"),
    # ------------------------------------------------------------------ AUT-03
    # (a) the person chooses their goals; (b) the plan is in their own words or written by them
    case("AUT-03", "met", "You decide what you want to work on. Your plan is written by you, in your own words.", id="plain-both"),
    case("AUT-03", "met",
         "Goals are identified by the participant. Staff record goals in the person's own words.", id="passive-and-staff"),
    case("AUT-03", "met", "Members define their own recovery goals and write their own wellness plans.", id="one-sentence-both"),
    case("AUT-03", "partial", "Peer staff never impose goals on participants.", id="negated-imposition-supports"),
    case("AUT-03", "partial", "The person, not staff, chooses the goals.", id="contrast-not-staff"),
    case("AUT-03", "partial", "Each guest writes their own wellness plan.", id="plan-only"),
    case("AUT-03", "partial", "We work on what matters to you, not on what we think you need.", id="what-matters-to-you"),
    case("AUT-03", "partial", "Staff should try to let tenants set their own goals.", id="hedged-goals"),
    case("AUT-03", "not_met", "We help you set goals.", id="help-to-set-goals-is-not-choosing"),
    case("AUT-03", "not_met", "Peer supporters share their own stories in their own words.", id="staff-stories"),
    case("AUT-03", "not_met", "If you want, an advocate will help you write your own overdose safety plan.", id="safety-plan-is-SDM-03"),
    case("AUT-03", "not_met", "Goals will be set by staff.", id="red-flag-set-by-staff"),
    case("AUT-03", "not_met", "The clinical team determines each client's recovery goals.", id="red-flag-team-determines"),
    case("AUT-03", "not_met", "Peer mentoring goals are derived from the probation case plan.", id="red-flag-derived-from-court-plan"),
    case("AUT-03", "not_met",
         "You decide what you want to work on. Recovery plans must be approved by the clinical director.",
         id="red-flag-approval-beside-evidence"),
    case("AUT-03", "not_met", "Plans are developed by staff together with the participant.", id="joint-plan-is-no-red-flag"),
    # -- families added after the second corpus (corpus-b) --
    # the person decides what the time together is about
    case("AUT-03", "partial", "You decide what you want your stay to be about.", id="what-the-stay-is-about"),
    case("AUT-03", "partial", "Members choose what our sessions focus on.", id="what-sessions-focus-on"),
    case("AUT-03", "not_met", "Staff decide what the sessions focus on.", id="staff-decide-the-focus"),
    case("AUT-03", "met", "The participant leads goal setting; plans are written in the participant's own language.",
         id="leads-goal-setting"),
    case("AUT-03", "not_met", "Participants run the planning committee.", id="planning-committee-is-no-goal-setting"),
    # someone else approves the plan or prescribes its content (red flag)
    case("AUT-03", "not_met", "You write your plan in your own words. The house manager signs off on every plan.",
         id="red-flag-manager-signs-off"),
    case("AUT-03", "not_met", "Your coordinator approves each recovery plan.", id="red-flag-coordinator-approves"),
    case("AUT-03", "not_met",
         "The plan must include working the Twelve Steps with a sponsor and full-time work or school.",
         id="red-flag-prescribed-content"),
    case("AUT-03", "not_met", "Peer specialists help participants work toward the goals in their court case plan.",
         id="red-flag-goals-from-the-court-plan"),
    case("AUT-03", "not_met", "Goals must align with the participant's probation conditions.", id="red-flag-goals-align-with-probation"),
    case("AUT-03", "partial",
         "You write your own plan. It can include housing, work or anything else, but only if you want it to.",
         id="optional-content-is-no-red-flag"),
    case("AUT-03", "met",
         "You decide what you want to work on. You write your own plan, in your own words, about what you hope to get "
         "from your stay.", id="hope-in-a-what-clause-is-no-hedge"),
    # ------------------------------------------------------------------ AUT-04
    # (a) consent asked before services or sharing; (b) consent may be withdrawn
    case("AUT-04", "met",
         "We ask for your written consent before we share any information. You may revoke your consent at any time.",
         id="plain-both"),
    case("AUT-04", "met",
         "Nothing you tell us will be passed on without your agreement. You can take back your okay at any time.",
         id="informal-both"),
    case("AUT-04", "met",
         "Staff must obtain written authorization before any information is disclosed. Authorizations may be "
         "revoked at any time.", id="staff-addressed-both"),
    case("AUT-04", "met",
         "We ask for your consent before sharing, and you can withdraw it at any time.", id="pronoun-it"),
    case("AUT-04", "partial", "We will not share information about you without your written consent.", id="negation-states-consent"),
    case("AUT-04", "partial", "Participants can withdraw any release of information at any time.", id="withdraw-only"),
    case("AUT-04", "partial", "No one outside the program hears about you unless you give us the go-ahead.", id="go-ahead"),
    case("AUT-04", "partial", "You can say stop to any sharing at any time.", id="say-stop-to-sharing"),
    case("AUT-04", "partial",
         "Mentors will try to get a veteran's consent before speaking with family.", id="hedged-consent"),
    case("AUT-04", "not_met", "Please sign the attendance sheet.", id="signing-is-not-consent"),
    case("AUT-04", "not_met", "You can withdraw from the program at any time.", id="withdrawing-from-the-program"),
    case("AUT-04", "not_met",
         "By enrolling, you agree that we may share information with your treatment team.", id="red-flag-implied-consent"),
    case("AUT-04", "not_met",
         "We ask for your consent before sharing. Consent cannot be withdrawn.", id="red-flag-irrevocable"),
    case("AUT-04", "not_met",
         "Clients must sign a release of information in order to receive peer services.", id="red-flag-release-as-condition"),
    case("AUT-04", "not_met", "Information is routinely shared with the treatment team without consent.", id="red-flag-no-consent"),
    case("AUT-04", "met",
         "We ask for your consent before sharing. You may revoke it at any time. Revoking consent does not undo "
         "disclosures already made, and consent cannot be revoked for information that has already been shared.",
         id="honest-limit-of-revocation-is-no-red-flag"),
    case("AUT-04", "partial",
         "We ask for your consent before sharing. We may share information without your consent if someone is in "
         "immediate danger.", id="legal-limits-are-no-red-flag"),
    case("AUT-04", "partial",
         "We ask for your consent before sharing. By joining a group, you agree to keep what others share confidential.",
         id="group-agreement-is-no-red-flag"),
    # -- families added after the second corpus (corpus-b) --
    case("AUT-04", "partial",
         "Information about you shall not be disclosed by management or staff to any third party without your written "
         "consent.", id="long-agent-and-recipient-before-without"),
    case("AUT-04", "partial", "The peer specialist asks each patient whether they would like a visit.", id="asks-whether-they-want-it"),
    case("AUT-04", "not_met", "Staff ask whether participants would like coffee.", id="asking-about-coffee"),
    case("AUT-04", "partial",
         "The psychiatrist explains the benefits and risks and obtains the patient's informed consent.", id="obtains-informed-consent"),
    case("AUT-04", "met",
         "We will ask your permission before we share anything about you, and you can change your mind at any time.",
         id="change-your-mind-after-permission"),
    case("AUT-04", "met", "Your permission is needed before we share anything, and you can take it back.", id="permission-is-needed"),
    case("AUT-04", "partial", "We ask you to sign a release before we share anything.", id="release-before-sharing"),
    case("AUT-04", "not_met", "We ask for your consent. Signing the release of information is required to enroll.",
         id="red-flag-release-required-to-enroll"),
    # ------------------------------------------------------------------ AUT-05
    # (a) not conditional on treatment, medication, abstinence or court; peers do not monitor or report
    case("AUT-05", "met",
         "Peer support is never conditional on taking medication, staying sober or court compliance, and peers "
         "do not monitor or report any of these.", id="plain"),
    case("AUT-05", "met", "You do not have to be abstinent to receive peer support.", id="person-addressed"),
    case("AUT-05", "met", "Peer support is available whether or not you take medication.", id="whether-or-not"),
    case("AUT-05", "met", "Peer mentors are not an extension of the court.", id="not-an-arm-of-the-court"),
    case("AUT-05", "met", "Peer staff do not perform drug tests.", id="no-testing"),
    case("AUT-05", "met", "Peer support continues even if you return to use.", id="continues-after-use"),
    case("AUT-05", "met", "Peers will never ask you to prove you are sober.", id="no-proof-of-sobriety"),
    case("AUT-05", "met", "Using drugs does not disqualify anyone from peer support.", id="use-does-not-disqualify"),
    case("AUT-05", "not_met", "Peer supporters can help you keep track of your medication schedule.", id="helping-is-not-monitoring"),
    case("AUT-05", "not_met", "Staff store medications in a locked cabinet.", id="medication-storage"),
    case("AUT-05", "not_met", "Residents must keep their rooms clean.", id="clean-rooms-are-not-abstinence"),
    case("AUT-05", "not_met",
         "Peer support is never conditional on sobriety. Clients must take their medication as prescribed to remain "
         "in the program.", id="red-flag-medication-required"),
    case("AUT-05", "not_met", "Peer staff will report relapse to probation.", id="red-flag-report-to-probation"),
    case("AUT-05", "not_met", "Peer specialists will monitor medication adherence.", id="red-flag-monitoring"),
    case("AUT-05", "not_met", "A positive drug screen will result in discharge.", id="red-flag-positive-test"),
    case("AUT-05", "not_met", "Participants will be discharged for non-compliance.", id="red-flag-non-compliance"),
    case("AUT-05", "not_met", "Participants are required to submit to random drug testing.", id="red-flag-testing"),
    case("AUT-05", "not_met",
         "Peer support is never conditional on treatment. If you are under 18 and tell your mentor you are using "
         "drugs, your mentor will inform your parent.", id="red-flag-reporting-use-to-parents"),
    case("AUT-05", "met",
         "Peer support is never contingent on sobriety. With your written consent, a peer can share your "
         "attendance with your probation officer.", id="consented-sharing-is-no-red-flag"),
    case("AUT-05", "met",
         "Peer support is never contingent on sobriety. If you ask us to, we can write a letter to the court.",
         id="requested-letter-is-no-red-flag"),
    case("AUT-05", "met", "Peer support is never contingent on sobriety. No one will be discharged for a relapse.",
         id="negated-red-flag"),
    # -- families added after the second corpus (corpus-b): peers reporting, in every word order and voice --
    case("AUT-05", "not_met",
         "Peer support is never conditional on sobriety. Peer staff shall report to management any illegal drug "
         "activity they observe.", id="red-flag-recipient-before-what-is-reported"),
    case("AUT-05", "not_met",
         "Peer support is never conditional on sobriety. Your mentor will confirm to the court coordinator each week "
         "whether you attended.", id="red-flag-confirms-attendance-to-court"),
    case("AUT-05", "not_met",
         "Peer support is never conditional on sobriety. Indications of medication non-adherence or substance use "
         "shall be reported to the assigned clinician.", id="red-flag-passive-report-to-clinician"),
    case("AUT-05", "not_met",
         "Peer support is never conditional on sobriety. Attendance is reviewed by the judge at your status hearings.",
         id="red-flag-attendance-reviewed-by-judge"),
    case("AUT-05", "not_met",
         "Peer support is never conditional on sobriety. Peer staff will notify your probation officer if you miss "
         "a session.", id="red-flag-notify-probation-officer"),
    case("AUT-05", "not_met",
         "Peer support is never conditional on sobriety. Mentors send monthly progress reports to your probation officer.",
         id="red-flag-progress-reports"),
    case("AUT-05", "not_met",
         "Peer support is never conditional on sobriety. If a tenant is using drugs, peer staff tell the landlord.",
         id="red-flag-event-first-informal"),
    case("AUT-05", "not_met",
         "Peer support is never conditional on sobriety. Peer supporters make sure members take their medication.",
         id="red-flag-make-sure"),
    case("AUT-05", "not_met",
         "Peer support is never conditional on sobriety. The peer specialist encourages patients to adhere to their "
         "prescribed medication.", id="red-flag-encourages-adherence"),
    case("AUT-05", "not_met",
         "Peer support is never conditional on sobriety. Peer mentors attend drug court staffings and report on "
         "participant progress.", id="red-flag-court-staffings"),
    case("AUT-05", "not_met",
         "Peer support is never conditional on sobriety. Your peer will check in with your prescriber to see if you "
         "are taking your medication.", id="red-flag-check-with-prescriber"),
    case("AUT-05", "not_met",
         "Peer support is never conditional on sobriety. Peer specialists complete a weekly compliance report.",
         id="red-flag-compliance-report"),
    case("AUT-05", "met", "Peer support is never conditional on sobriety. Mentors will not report your attendance to the court.",
         id="negated-report-of-attendance"),
    case("AUT-05", "met",
         "Peer support is never conditional on sobriety. We share your attendance with the court only if you sign a "
         "release asking us to.", id="requested-release-is-no-red-flag"),
    case("AUT-05", "met",
         "Peer support is never conditional on sobriety. Staff must report suspected child abuse as required by law.",
         id="mandated-abuse-report-is-no-red-flag"),
    case("AUT-05", "met", "Peer support is never conditional on sobriety. The peer specialist reports to the program manager.",
         id="reporting-line-is-no-red-flag"),
    case("AUT-05", "met", "Peer support is never conditional on sobriety. We report attendance figures to our funders each quarter.",
         id="program-figures-are-no-red-flag"),
    case("AUT-05", "met", "Peer support is never conditional on sobriety. Your peer can tell you what to expect at court.",
         id="telling-you-about-court-is-no-red-flag"),
    case("AUT-05", "met",
         "Peer support is never conditional on sobriety. Peers can go with you when you meet with your probation officer.",
         id="going-with-you-is-no-red-flag"),
    case("AUT-05", "met",
         "Peer support is never conditional on sobriety. Peer specialists share information about treatment options "
         "with the team.", id="sharing-options-is-no-red-flag"),
    # ------------------------------------------------------------------ AUT-06
    # (a) the right to make own choices, including risky ones; (b) many pathways
    case("AUT-06", "met",
         "There are many pathways to recovery. We respect your right to make your own choices, including choices "
         "that carry risk.", id="plain-both"),
    case("AUT-06", "met",
         "We honor the dignity of risk. There is no single right way to recover.", id="dignity-of-risk"),
    case("AUT-06", "met",
         "Staff respect your choices even when they disagree with them. Abstinence is one of many paths we support.",
         id="informal-both"),
    case("AUT-06", "partial", "Medication-assisted treatment is welcome here.", id="one-pathway-welcomed"),
    case("AUT-06", "partial", "Staff should try to respect young people's choices, even when staff are worried.", id="hedged-choices"),
    case("AUT-06", "met",
         "Staff respect each guest's right to make their own decisions, including decisions that staff might not "
         "make for themselves. We welcome every pathway to recovery.", id="relative-clause-hedge",
         ),
    case("AUT-06", "not_met", "There are many ways to contact us.", id="ways-to-contact-us"),
    case("AUT-06", "not_met", "For your own safety, please do not use alone.", id="safety-advice-is-not-paternalism"),
    case("AUT-06", "not_met", "Abstinence is the only accepted path to recovery.", id="red-flag-one-path"),
    case("AUT-06", "not_met",
         "We support all pathways to recovery. Residents on methadone are not eligible for the program.",
         id="red-flag-no-methadone"),
    case("AUT-06", "not_met", "Staff may override a client's choices for their own good.", id="red-flag-own-good"),
    case("AUT-06", "not_met", "Members must attend AA meetings and get a sponsor.", id="red-flag-twelve-step-required"),
    case("AUT-06", "partial", "We will never override your choices. We support all pathways to recovery.", id="negated-red-flag"),
    # -- families added after the second corpus (corpus-b) --
    case("AUT-06", "partial", "People find their way through hard times in many different ways.", id="find-their-way-through"),
    case("AUT-06", "not_met", "People find their way to our centre by many routes.", id="how-people-arrive-is-no-pathway"),
    case("AUT-06", "not_met", "People find out about us in many different ways.", id="finding-out-about-us"),
    case("AUT-06", "partial", "We support whatever is working for you.", id="whatever-is-working"),
    case("AUT-06", "not_met", "We support whatever schedule works for you.", id="whatever-schedule"),
    case("AUT-06", "met",
         "You have every right to make choices others disagree with. We welcome people on MAT, in 12-step programs, "
         "or using harm reduction.", id="people-on-several-pathways-welcome"),
    case("AUT-06", "partial", "The program uses a harm-reduction approach.", id="harm-reduction-approach"),
    case("AUT-06", "not_met", "Staff will intervene if a participant makes an unhealthy choice.", id="red-flag-intervene-on-choices"),
    case("AUT-06", "not_met", "We are an abstinence-based program.", id="red-flag-abstinence-based"),
    case("AUT-06", "not_met", "Our house follows a twelve-step model.", id="red-flag-twelve-step-model"),
    # ------------------------------------------------------------------ AUT-07
    # (a) choose or change the peer supporter; (b) choose which services, when and where
    case("AUT-07", "met",
         "You can ask for a different peer supporter at any time. You decide when and where we meet.", id="plain-both"),
    case("AUT-07", "met",
         "Members select their peer specialist from the available staff. Members choose which services they receive.",
         id="formal-both"),
    case("AUT-07", "partial", "If the match isn't right, you can ask to switch mentors.", id="switch-only"),
    case("AUT-07", "partial", "If you'd prefer to work with someone else, let us know and we'll arrange it.", id="someone-else"),
    case("AUT-07", "partial", "Sessions are held at a time and place that works for you.", id="time-and-place-only"),
    case("AUT-07", "not_met", "The participant retains the right to choose whether to engage in peer services.",
         id="peer-services-is-not-a-peer"),
    case("AUT-07", "not_met", "Staff may assign a different coach when caseloads change.", id="staff-reassignment"),
    case("AUT-07", "not_met", "Peer mentors are assigned and cannot be changed.", id="red-flag-cannot-change"),
    case("AUT-07", "not_met",
         "You decide when and where we meet. Reassignment requests are not accepted.", id="red-flag-beside-evidence"),
    # -- families added after the second corpus (corpus-b) --
    case("AUT-07", "partial",
         "A caller may ask to speak with a different operator, and the shift lead will try to arrange it when one is "
         "on shift.", id="a-shift-lead-is-no-staff-reassignment"),
    case("AUT-07", "partial", "If there is a particular staff member you would rather talk to, just let us know.",
         id="particular-staff-member"),
    case("AUT-07", "partial", "An individual may request a different PSS.", id="title-acronym"),
    case("AUT-07", "partial", "If it's not working out with your coach, tell us and we'll match you with someone else.",
         id="match-with-someone-else"),
    case("AUT-07", "met", "You choose the peer worker you talk to, and you choose how we reach you.", id="how-we-reach-you"),
    case("AUT-07", "partial", "Sessions can happen at your home, at a coffee shop or by phone, whichever you prefer.",
         id="whichever-you-prefer"),
    case("AUT-07", "not_met", "You can tell us how we can reach you in an emergency.", id="emergency-contact-is-no-choice"),
    case("AUT-07", "not_met", "Staff may reassign your coach when shifts change.", id="reassignment-at-shift-change"),
    # ------------------------------------------------------------------ AUT-08
    # (a) the person may see their records; (b) may add to or ask to correct them
    case("AUT-08", "met",
         "You may see your records at any time. You may ask us to correct anything in your file that you think "
         "is wrong.", id="plain-both"),
    case("AUT-08", "met",
         "Every member may read their own record at any time and may add their own notes to it.", id="one-sentence-both"),
    case("AUT-08", "met",
         "Patients may request access to their medical record and may request an amendment to any entry.",
         id="formal-both"),
    case("AUT-08", "partial", "We will show you anything we write about you.", id="informal-see-only"),
    case("AUT-08", "partial", "Your case notes are available to you on request.", id="available-on-request"),
    case("AUT-08", "met", "Your file is open to you, and you can write your side of the story in it.", id="informal-both"),
    case("AUT-08", "not_met", "You get a copy of your plan.", id="a-plan-is-not-a-record"),
    case("AUT-08", "not_met", "Staff can access your file when needed.", id="staff-access"),
    case("AUT-08", "not_met", "Records are kept for seven years.", id="retention"),
    case("AUT-08", "not_met", "You may see your records. Case notes are for staff use only.", id="red-flag-staff-use-only"),
    case("AUT-08", "not_met", "Client files are the property of the agency and are not shown to clients.", id="red-flag-not-shown"),
    case("AUT-08", "partial",
         "You may see your records. Records are not released to anyone without your consent.",
         id="consent-rule-is-no-red-flag"),
    case("AUT-08", "partial", "You may see your records. You may not see other members' records.", id="others-records-is-no-red-flag"),
    case("AUT-08", "partial",
         "Participants may be able to see their records. Participants may be able to add comments to their records.",
         id="may-be-able-is-a-hedge"),
    case("AUT-08", "met", "You have the right to:\n- see your records; and\n- ask us to correct them.",
         id="rights-list", core=PRONOUN_IN_LIST),
    # -- families added after the second corpus (corpus-b) --
    case("AUT-08", "met",
         "Clients may review their records and may submit a written statement of disagreement.", id="statement-of-disagreement"),
    case("AUT-08", "not_met", "You may submit a written statement with your grievance.", id="grievance-statement"),
    # ------------------------------------------------------------ corpus-c families
    # AUT-01: a mandate for a group named by a qualifier ("Students on probation who are placed on a plan must attend ...")
    case("AUT-01", "not_met",
         "Taking part is your choice, and you can stop at any time. Members on conditional release who are placed "
         "in the reentry track must attend at least six mentoring sessions.", id="qualified-group-mandate"),
    case("AUT-01", "not_met",
         "Coaching is optional and you may stop whenever you like. Tenants with a lease violation on file must meet "
         "with a peer coach weekly.", id="qualified-group-mandate-prepositional"),
    case("AUT-01", "met",
         "Participation is voluntary and you may stop at any time. Peer mentors who work evening shifts must attend "
         "monthly supervision.", id="qualified-staff-duty-is-no-mandate"),
    # AUT-01: the service by its abbreviation
    case("AUT-01", "met", "PRSS are voluntary. You may stop at any time.", id="acronym-voluntary"),
    case("AUT-01", "partial", "CPSS are entirely optional.", id="acronym-voluntary-only"),
    # AUT-02: "whether or not ..." has no effect (written in the pattern: "or not" is no negation)
    case("AUT-02", "met",
         "Whether or not you use the drop-in has no effect on your benefits. You can walk back in whenever you like.",
         id="whether-or-not-no-effect"),
    case("AUT-02", "met",
         "Whether you keep meeting with a coach or not does not change your lease. Former members may re-request "
         "coaching at any time.", id="whether-not-change-re-request"),
    case("AUT-02", "met",
         "You can stop whenever you like, and your housing does not depend on it. You can come right back in.",
         id="pronoun-does-not-depend-on-it"),
    case("AUT-02", "not_met", "You can stop in for a coffee, and your housing does not depend on it.",
         id="stop-in-is-a-visit"),
    case("AUT-02", "not_met", "Whether or not you take your medication has no effect on your housing.",
         id="whether-medication-is-aut05"),
    # AUT-03: the person decides what goes in the plan
    case("AUT-03", "met",
         "Your plan belongs to you. You decide what goes in it, and your coach writes your goals down in your words.",
         id="decide-what-goes-in-it-goals"),
    case("AUT-03", "met",
         "Every member may have a plan. You decide what goes in it, and you write it yourself, in your own words.",
         id="decide-what-goes-in-it-write-it-yourself"),
    case("AUT-03", "partial", "Residents decide what goes into their recovery plan.", id="decide-what-goes-in-plan"),
    case("AUT-03", "not_met", "You decide what goes in it.", id="pronoun-without-plan"),
    # AUT-03: records kept for a purpose are no statement that the person chooses goals
    case("AUT-03", "not_met", "We keep only the files members need for benefits, housing and their own goals.",
         id="records-kept-for-goals"),
    case("AUT-03", "partial", "We keep brief notes. Members set their own goals.", id="records-sentence-apart"),
    # AUT-05: reporting as the last item of a negated list of duties
    case("AUT-05", "met",
         "Support is not conditional on treatment or sobriety. Peer staff do not test, track medication, or report "
         "relapse to probation.", id="negated-duty-list-ends-in-report"),
    case("AUT-05", "not_met",
         "Support is not conditional on treatment or sobriety. Peer staff do not judge anyone, and they report "
         "relapse to probation.", id="negation-does-not-reach-a-new-clause"),
    # AUT-05: keeping out of contact with the legal system or prescribers (hedged here, so partial)
    case("AUT-05", "partial",
         "Mentors should avoid contacting a member's prescriber or probation officer unless the member asks them to.",
         id="should-avoid-contacting-probation"),
    case("AUT-05", "met", "Peer staff never call your parole officer or your judge.", id="never-call-parole-officer"),
    case("AUT-05", "not_met", "Peer staff do not contact your family on weekends.", id="not-contact-family-is-off-topic"),
    # AUT-06: a named risky decision is respected; more than one way; no preference among pathways
    case("AUT-06", "met",
         "A member's decision to keep drinking or to leave treatment early is respected. There is more than one way "
         "to recover.", id="named-risky-decision-more-than-one-way"),
    case("AUT-06", "met",
         "You have the right to decide, including a decision to stop medication against medical advice. All of "
         "these paths are welcome here.", id="against-medical-advice-all-paths-welcome"),
    case("AUT-06", "met",
         "Coaches present the full range of recovery pathways without favoring any one of them, including "
         "medication, twelve-step groups and harm reduction. We respect your choices, including risky ones.",
         id="pathways-without-preference"),
    case("AUT-06", "partial",
         "Navigators help people explore recovery supports such as SMART Recovery, faith communities and harm "
         "reduction services.", id="recovery-supports-listed-by-kind"),
    case("AUT-06", "not_met", "A member's decision to use the computer lab is respected.", id="decision-not-risky"),
    # AUT-07: the people one works with; which unit and when
    case("AUT-07", "met",
         "You choose which unit to join and when to come in. You also choose the staff and members you work with.",
         id="choose-unit-and-people-you-work-with"),
    case("AUT-07", "partial", "Members pick the peers who support them.", id="pick-peers-who-support-them"),
    case("AUT-07", "not_met", "Staff choose the members they work with.", id="staff-choose-members"),
    # AUT-08: notes kept in a file are storage, not the person adding to it
    case("AUT-08", "not_met",
         "Volunteers keep a short note of what helps each caller. These notes are kept in the caller file.",
         id="notes-kept-in-file-is-storage"),
    case("AUT-08", "met",
         "You can read your file at any time. Your own statement will be added to your file whenever you ask.",
         id="own-statement-added"),
    # -- shapes found in the fourth corpus (tests/corpus-d, paraphrases of real published policies) --
    case("AUT-01", "partial", "Our mentoring always rests on free choice.", id="rests-on-choice"),
    case("AUT-01", "partial", "We work with adults who choose this program of their own free will.", id="chosen-of-own-free-will"),
    case("AUT-01", "partial", "If the conversation is not helping, you can choose to end the call.", id="end-the-call"),
    case("AUT-01", "partial", "You may take part in planning your care, including the right to decline treatment.",
         id="rights-statement-right-to-decline-treatment"),
    case("AUT-03", "partial", "We support recovery as each member defines it.", id="recovery-as-each-person-defines-it"),
    case("AUT-03", "partial", "Our coaches help residents find their own way forward.", id="find-their-own-way-forward"),
    case("AUT-03", "not_met", "We honor each guest's right to choose their own path to recovery.", id="own-path-to-recovery-is-AUT-06"),
    case("AUT-04", "not_met",
         "Leaving for more than three days without notice and consent counts as moving out, and the lease will be ended.",
         id="ended-governed-by-another-subject"),
    case("AUT-06", "not_met", "Clients have the right to take part in decisions about their care.", id="taking-part-in-decisions-is-SDM"),
    case("AUT-07", "partial", "You may ask to switch providers.", id="switch-providers"),
    case("AUT-08", "met", "You are entitled to:\n- get a copy of your file when you ask (there may be a small fee), and ask that it be corrected.",
         id="coordinated-verb-and-pronoun-for-the-record"),
    # red flags the fourth round looked for: absences, money forfeited, a plan handed over, a sanction pointing back
    case("AUT-01", "not_met", "Members who are absent from group twice without notice are dismissed.", id="red-flag-absent-dismissed"),
    case("AUT-01", "not_met", "Three unexcused absences in a month will lead to dismissal from the program.",
         id="red-flag-absences-lead-to-dismissal"),
    case("AUT-01", "not_met", "Guests are expected to join the morning check-in. Anyone who ignores this will have to leave.",
         id="red-flag-sanction-points-back"),
    case("AUT-01", "partial", "You may leave at any time without giving notice.", id="without-notice-is-no-negation"),
    case("AUT-02", "not_met", "Residents who are discharged forfeit their deposit.", id="red-flag-deposit-forfeited"),
    case("AUT-02", "not_met", "Program fees are not refunded if you leave early.", id="red-flag-fees-not-refunded"),
    case("AUT-03", "not_met", "Your case manager will give you your recovery plan at intake.", id="red-flag-plan-handed-over"),
    case("AUT-03", "not_met", "Each resident is handed a treatment plan on arrival and is expected to follow it.",
         id="red-flag-plan-handed-and-enforced"),
    # a release the law compels, explained, is no compliance report
    case("AUT-05", "not_met", "Peer mentors report your attendance to the court each week.", id="red-flag-attendance-to-court"),
    case("AUT-05", "not_met", "We release attendance records to the court whenever a judge orders it.", id="court-compelled-release-is-no-report"),
    # -- shapes found in the fifth corpus (tests/corpus-e) --
    case("AUT-01", "partial", "Support begins only when the guest agrees to it.", id="begins-only-when-the-person-agrees"),
    case("AUT-01", "partial", "If the caller says yes, the coaching relationship begins.", id="if-the-person-accepts-it-begins"),
    case("AUT-02", "partial", "Anyone who said no to a mentor can reach out whenever they are ready.", id="reach-out-whenever-ready"),
    case("AUT-02", "partial", "The follow-up call is a second chance to take up support.", id="a-second-chance"),
    case("AUT-08", "partial", "Each tenant has the right:\n- to obtain their own records on request.", id="right-to-obtain-records"),
    # -- shapes found in the sixth corpus (tests/corpus-f) --
    case("AUT-01", "partial", "Peer coaching is yours on request.", id="yours-on-request"),
    case("AUT-01", "partial", "This is a voluntary, student-led program.", id="a-voluntary-program"),
    case("AUT-01", "not_met", "In the program you shall have chances to join outings.", id="a-chance-to-join-is-no-duty"),
    case("AUT-02", "partial", "No one is ever banned for life, and we invite people back.", id="invited-back"),
    case("AUT-03", "partial", "Each member is the expert on their own life.", id="expert-on-their-own-life"),
    case("AUT-04", "not_met", "Always get consent before you touch another member.", id="consent-between-members-is-not-AUT-04"),
    case("AUT-06", "partial", "Our support honors personal choice.", id="honors-personal-choice"),
    case("AUT-06", "partial", "Everyone deserves care even if they never change.", id="care-even-if-they-never-change"),
    case("AUT-07", "partial", "You work at a job that you choose.", id="a-job-you-choose"),
    # -- shapes found in the seventh corpus (tests/corpus-g) --
    case("AUT-02", "partial", "You can stop coming, or start again, at any time.", id="stop-or-start-again-any-time"),
    case("AUT-02", "partial", "You may be readmitted at any time within sixty days.", id="readmitted-any-time"),
    case("AUT-03", "partial", "Coaches help members name, and plan toward, whatever matters most to them.", id="whatever-matters-most"),
    case("AUT-03", "partial", "Each resident builds their own recovery plan.", id="builds-their-own-plan"),
    case("AUT-04", "partial", "With the member's permission, the coach works with family and other supports.", id="with-permission-works-with-family"),
    case("AUT-04", "partial", "You have the right to enough information to give informed consent to any treatment.", id="informed-consent-to-treatment"),
    case("AUT-07", "partial", "Mentors meet people wherever they feel most at ease.", id="wherever-they-feel-at-ease"),
    # -- shapes found in the eighth corpus (tests/corpus-h) --
    case("AUT-01", "partial", "You can talk for as short or as long a time as you wish.", id="as-long-as-you-wish"),
    case("AUT-03", "partial", "A plan is a written set of goals that the member chooses.", id="goals-that-the-member-chooses"),
    case("AUT-04", "not_met", "Reimbursement requires a service authorization approved before services begin.", id="a-payer-authorization-is-no-consent"),
    case("AUT-06", "partial", "We offer methadone, buprenorphine and naltrexone, and welcome mutual aid.", id="a-list-of-pathways"),
]


@pytest.mark.parametrize("criterion, expected, texts", CASES)
def test_status(checker: Checker, criterion: str, expected: str, texts: tuple[str, ...]) -> None:
    finding = findings(checker, *texts)[criterion]
    assert finding.status.value == expected, (finding.rationale, [e.match for e in finding.evidence])


def test_red_flag_is_quoted_beside_the_evidence(checker: Checker) -> None:
    finding = findings(
        checker,
        "Peer support is voluntary and you can stop at any time.",
        "Attendance at weekly check-ins is mandatory.",
    )["AUT-01"]
    kinds = {e.kind for e in finding.evidence}
    assert finding.status.value == "not_met"
    assert kinds == {"supports", "contradicts"}
    flag = next(e for e in finding.evidence if e.kind == "contradicts")
    assert flag.policy == "p2" and flag.red_flag == "mandatory-participation"


def test_hedged_element_is_reported_as_not_firm(checker: Checker) -> None:
    finding = findings(checker, "Staff should try to let tenants set their own goals. You write your own plan.")["AUT-03"]
    assert finding.status.value == "partial"
    a = next(e for e in finding.elements if e.id == "a")
    assert a.present and not a.firm


def test_every_criterion_of_the_contract_is_defined() -> None:
    data = yaml.safe_load(RUBRIC_FILE.read_text(encoding="utf-8"))
    got = {c["id"]: [e["id"] for e in c["elements"]] for c in data["criteria"]}
    assert got == {
        "AUT-01": ["a", "b"], "AUT-02": ["a", "b"], "AUT-03": ["a", "b"], "AUT-04": ["a", "b"],
        "AUT-05": ["a"], "AUT-06": ["a", "b"], "AUT-07": ["a", "b"], "AUT-08": ["a", "b"],
    }
    for c in data["criteria"]:
        assert c["requirement"] and c["why"] and c["remediation"] and c["model_language"]
        assert 2 <= len(c["references"]) <= 3
        assert c["red_flags"], c["id"]


def test_model_language_meets_its_own_criterion(checker: Checker) -> None:
    """The wording we suggest to agencies must itself be read as meeting the criterion."""
    data = yaml.safe_load(RUBRIC_FILE.read_text(encoding="utf-8"))
    for c in data["criteria"]:
        finding = findings(checker, c["model_language"])[c["id"]]
        assert finding.status.value == "met", (c["id"], finding.rationale)


GOOD_FORMAL = """\
Peer Support Services (PSS) are provided only with the informed consent of the individual. Individuals are \
informed at intake that PSS are optional and that declining PSS has no bearing on eligibility for any other \
Agency service. An individual may discontinue PSS at any time. Individuals who have discontinued PSS may request \
reinstatement at any time without a waiting period.
The individual determines the goals of PSS. The PSS plan is authored by the individual.
A signed authorization is required prior to any disclosure of PSS records. Authorizations may be revoked verbally \
or in writing at any time.
PSS are not conditioned upon medication adherence, abstinence, treatment participation or compliance with legal \
requirements. Peer Support Specialists shall not collect toxicology samples, monitor adherence or report on \
compliance to any party.
The Agency recognizes multiple pathways of recovery and affirms each individual's right to make informed choices, \
including choices that involve risk. Individuals may request reassignment to another Peer Support Specialist. \
Individuals select the services they wish to receive and the location and frequency of contact.
Individuals may inspect and obtain copies of their PSS records and may request amendment of any entry they \
believe to be inaccurate.
Peer Support Specialists shall attend all required trainings and are required to document each contact within \
one business day. Staff are required to report suspected child abuse as required by law."""

BAD_FORMAL = """\
Participation in PSS is voluntary; however, consumers referred by the court are required to complete twelve \
sessions. Consumers may discontinue services, subject to notification of the referral source.
Consumers who discontinue services prior to completion must wait sixty days before re-referral.
Goals are established by the clinical team in consultation with the consumer.
Consent for the release of information to the referral source is a condition of admission.
Peer specialists shall monitor participant compliance with medication and treatment recommendations and shall \
report non-adherence to the prescriber.
The program follows an abstinence-based model; residents receiving methadone maintenance are not eligible.
Peer specialists are assigned by the supervisor and changes are not permitted.
Clinical records are the property of the agency and are not available for review by consumers."""


PSS_AS_STAFF = "'PSS' (Peer Support Services) is read as a staff title, so 'Individuals who have discontinued PSS may request ...' is read as staff discretion (a hedge)"


def test_a_good_formal_policy_meets_every_criterion(checker: Checker) -> None:
    got = {cid: f.status.value for cid, f in findings(checker, GOOD_FORMAL).items()}
    assert got == {f"AUT-0{i}": "met" for i in range(1, 9)}


def test_a_coercive_formal_policy_meets_none(checker: Checker) -> None:
    result = findings(checker, BAD_FORMAL)
    for cid, finding in result.items():
        assert finding.status.value == "not_met", cid
        assert any(e.kind == "contradicts" for e in finding.evidence), cid
