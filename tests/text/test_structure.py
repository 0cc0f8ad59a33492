"""Sentences are read with their structure resolved before patterns match them.

See standards_check/text/structure.py: coordinated verbs share their subject, modal and
negation; a series of single words shares what follows it; a long proper name is
one noun; asides are left out; a list item takes its lead-in; a sentence that points
back ("anyone who ignores this") is read with the one before it; an answer is read
with its question, and its "Yes" or "No" makes the question a statement; a fragment
("Always optional.") is read as said of its heading. Whatever reading a
match comes from, the finding quotes the sentence as written and the matched words
are a stretch of the policy's own text.
"""

from __future__ import annotations

import pytest
from rubric_spec import findings

from standards_check.engine.checker import Checker, collect_rubrics
from standards_check.engine.plugins import load_plugins
from standards_check.text.sentences import Sentence, reread
from standards_check.text.structure import readings


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(collect_rubrics(load_plugins()))


def assert_status(checker: Checker, criterion: str, expected: str, text: str) -> None:
    f = findings(checker, text)[criterion]
    assert f.status.value == expected, (f.rationale, [(e.element or e.red_flag, e.match) for e in f.evidence])


def read(text: str, context: str = "") -> list[str]:
    sentence = Sentence("p", 1, 0, text, context)
    return [reread(sentence, keep).norm.strip() for keep in readings(sentence)]


# ---------------------------------------------------------------- the readings


def test_coordinated_verbs_share_the_subject_and_modal():
    assert "tenants must be home by ten each night" in read("Tenants must hold a job and be home by ten each night.")


def test_coordinated_verbs_share_a_negation():
    assert "we will never look away from unfair treatment of anyone" in read(
        "We will never permit, excuse or look away from unfair treatment of anyone."
    )


def test_a_right_to_phrase_is_shared_by_coordinated_verbs():
    got = read("Receive a copy of your record when you ask for it, and ask that it be corrected.", "You are entitled to:")
    assert "you are entitled to ask that it be corrected" in got


def test_a_new_subject_after_and_starts_a_clause_of_its_own():
    assert read("Residents must keep their rooms tidy and staff will check them weekly.") == []


def test_a_series_of_single_words_shares_what_follows():
    got = read("You decide the aims, pace and direction of your own recovery.")
    assert {"you decide the aims of your own recovery", "you decide the direction of your own recovery"} <= set(got)


def test_a_long_proper_name_is_one_noun():
    assert read("Use of the services of the Eastfield Valley Regional Community Wellness Center is voluntary.") == [
        "use of the services of the center is voluntary"
    ]


def test_a_two_word_name_and_a_sentence_start_stay_as_written():
    assert read("Peer Support is offered at Harbor House every day.") == []


def test_asides_in_parentheses_and_between_commas_are_left_out():
    assert read("Peer staff share, when it helps the person, the story of their own recovery.") == [
        "peer staff share the story of their own recovery"
    ]
    assert "you may see your file at any time" in read("You may see your file (kept in the office) at any time.")


def test_two_verbs_set_off_by_commas_share_the_object_after_them():
    readings = read("You have the right to give informed consent to, or to refuse, any service.")
    assert "you have the right to give informed consent to any service" in readings
    assert "you have the right to refuse any service" in readings


def test_a_sentence_has_a_bounded_number_of_readings():
    long_list = "Members may " + ", ".join(f"do thing{i} daily" for i in range(30)) + " and rest."
    assert len(read(long_list)) <= 8


# ------------------------------------------------------------- through the rubrics


@pytest.mark.parametrize(
    "criterion, expected, text",
    [
        # a duty hidden by coordination is as compulsory as the first
        ("AUT-01", "not_met", "Residents must keep a job and attend all house meetings."),
        # a negation shared by coordinated verbs negates each of them
        ("AUT-05", "met", "Peer staff will never monitor, judge or report your medication use to your prescriber."),
        # ... even where the sentence itself reads the later verb without it: no red flag stands
        ("AUT-04", "partial", "We will not say that you are a client here or share any information about you without your written consent."),
        # a clause with its own subject and verb after "and" takes nothing from the first
        ("MR-04", "partial", "Filing a grievance will not affect your care, and retaliation against anyone who files one is prohibited."),
        # two verbs share the object after them
        ("AUT-01", "partial", "Each client has the right to give informed consent to, or to refuse, any service."),
        ("AUT-01", "partial", "Use of the services of the Eastfield Valley Regional Community Wellness Center is voluntary."),
        ("MR-02", "partial", "Peer staff share, when it helps the person, the story of their own recovery."),
        ("AUT-03", "partial", "Members decide the aims, pace and direction of their own recovery goals."),
        # a list item after a finished item, back at the bullet's indentation, is a new lead-in
        ("AUT-08", "met", "You have the right to:\n1. Be treated with respect.\nYou are also entitled to:\n"
                          "2. See your file when you ask for it (a fee may apply), and ask that it be corrected."),
    ],
)
def test_structure_is_read_before_matching(checker, criterion, expected, text):
    assert_status(checker, criterion, expected, text)


def test_a_match_in_a_reading_quotes_the_whole_sentence_and_the_policys_words(checker):
    text = "Tenants must keep a job and attend all house meetings."
    flag = next(e for e in findings(checker, text)["AUT-01"].evidence if e.kind == "contradicts")
    assert flag.quote == text
    assert flag.match in text


# ------------------------------------------------------------- pointing back


def test_a_sentence_that_points_back_is_read_and_quoted_with_the_one_before(checker):
    text = "Residents must attend house meetings. Anyone who ignores this will have to leave the house."
    f = findings(checker, text)["AUT-01"]
    flag = next(e for e in f.evidence if e.red_flag == "consequences-for-not-attending")
    assert flag.quote == "Residents must attend house meetings. \u2026 Anyone who ignores this will have to leave the house."
    assert all(part in text for part in flag.match.split(" \u2026 "))


@pytest.mark.parametrize(
    "text",
    [
        "Guests may not stay out overnight. Anyone who ignores this will have to leave.",
        "Members must respect one another. Violation of this rule may lead to a conversation with staff.",
        "Attendance at groups is up to you. Such decisions are always respected.",
    ],
)
def test_what_points_back(text):
    from standards_check.model.document import Policy

    policy = Policy("p", "P", text, line_numbers=(1,), line=1)
    from standards_check.text.sentences import split_sentences

    second = split_sentences(policy)[1]
    assert second.context == text.split(". ")[0] + "."


def test_the_sentence_pointed_back_to_neither_negates_nor_gives_the_subject(checker):
    # "not" in the sentence before must not negate the sanction in this one
    text = "Residents may not drink on the property. Anyone who breaks this rule will be discharged."
    f = findings(checker, text)["MR-07"]
    assert f.status.value == "not_met" and any(e.kind == "contradicts" for e in f.evidence)


def test_a_sentence_that_does_not_point_back_stands_alone():
    from standards_check.model.document import Policy
    from standards_check.text.sentences import split_sentences

    policy = Policy("p", "P", "You may stop at any time. This is your right.", line_numbers=(1,), line=1)
    assert [s.context for s in split_sentences(policy)] == ["", ""]


# ------------------------------------------------------------- questions and answers


def test_an_answer_makes_its_question_a_statement():
    assert read("A: Yes, any time.", "Q: Can I change my plan?") == ["you can change your plan , any time"]
    assert read("A: No.", "Q: Do I have to see a recovery coach?") == ["you do not have to see a recovery coach"]
    assert "you may bring a friend , whenever you like" in read("Of course, whenever you like.", "May I bring a friend?")


def test_an_answer_that_is_not_yes_or_no_keeps_its_question_as_context_only():
    assert read("Call the front desk.", "How do I reach my coach?") == []


@pytest.mark.parametrize(
    "criterion, expected, text",
    [
        ("SDM-04", "met", "Q: Can I change my plan?\nA: Yes, any time. Just tell your team."),
        ("AUT-01", "not_met", "Q: Do I have to attend every group?\nA: Yes. Everyone attends every group."),
        # the question alone states nothing
        ("AUT-01", "not_met", "Q: Do I have to attend every group?"),
        ("AUT-08", "partial", "Q: Can I read my file?\n\nA: Yes. Ask your coach and we will go through it with you."),
    ],
)
def test_a_faq_answer_is_read_with_its_question(checker, criterion, expected, text):
    assert_status(checker, criterion, expected, text)


def test_the_question_alone_is_no_red_flag(checker):
    f = findings(checker, "Q: Do I have to attend every group?")["AUT-01"]
    assert not [e for e in f.evidence if e.kind == "contradicts"]


def test_no_at_a_sentence_end_ends_the_sentence_but_no_before_a_number_does_not():
    from standards_check.model.document import Policy
    from standards_check.text.sentences import split_sentences

    text = "The director may say no. You can stop at any time. See policy No. 4 for details."
    policy = Policy("p", "P", text, line_numbers=(1,), line=1)
    assert [s.text for s in split_sentences(policy)] == [
        "The director may say no.", "You can stop at any time.", "See policy No. 4 for details."
    ]


@pytest.mark.parametrize(("text", "sentences"), [
    ("We meet for 30 min. You may leave at any time.", ["We meet for 30 min.", "You may leave at any time."]),
    ("Call Harbor Co. You may stop at any time.", ["Call Harbor Co.", "You may stop at any time."]),
    ("Read art. 4 of the code. We answer in writing.", ["Read art. 4 of the code.", "We answer in writing."]),
    ("Meet us on Main St. Mary's Hall is next door.", ["Meet us on Main St. Mary's Hall is next door."]),
    ("Talk to Dr. You can also write.", ["Talk to Dr. You can also write."]),  # a title always comes before a name
])
def test_an_abbreviation_at_a_sentence_s_end_ends_it_when_a_new_sentence_follows(text, sentences):
    from standards_check.model.document import Policy
    from standards_check.text.sentences import split_sentences

    assert [s.text for s in split_sentences(Policy("p", "P", text, line_numbers=(1,), line=1))] == sentences


# ------------------------------------------------------------- headings and fragments


def test_a_fragment_is_read_as_said_of_its_heading():
    assert read("Always optional.", "Participation") == ["participation is always optional"]


def test_a_sentence_with_a_verb_or_under_a_lead_in_is_not_a_fragment():
    assert "is" not in read("You may stop.", "Participation")[:1]
    assert read("Always optional.", "Our values:") == []


def test_a_fragment_takes_the_nearest_heading_or_the_policy_title():
    from standards_check.model.document import Policy
    from standards_check.text.sentences import split_sentences

    text = "Always free.\n\nJoining\n\nAlways optional. You may stop at any time."
    policy = Policy("p", "Costs", text, line_numbers=(1, 2, 3, 4, 5), line=1)
    got = [(s.text, s.context) for s in split_sentences(policy)]
    assert got == [("Always free.", "Costs"), ("Joining", ""), ("Always optional.", "Joining"), ("You may stop at any time.", "")]


@pytest.mark.parametrize(
    "criterion, expected, text",
    [
        ("AUT-01", "partial", "Participation\n\nAlways optional."),
        ("AUT-01", "met", "Participation\n\nAlways voluntary. You can stop whenever you like."),
    ],
)
def test_a_value_stated_under_a_heading_counts(checker, criterion, expected, text):
    assert_status(checker, criterion, expected, text)
