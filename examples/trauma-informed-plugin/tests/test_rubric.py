"""The trauma-informed rubric, as a specification (uses standards-check's `check` fixture)."""

RUBRIC = ["trauma-informed"]


def test_a_safe_space_commitment_meets_safety(check):
    result = check("We keep our centre a physically and emotionally safe place for everyone.", rubrics=RUBRIC)
    assert result.status("TIC-01") == "met"


def test_restraint_is_a_red_flag_even_beside_a_safety_commitment(check):
    result = check(
        "Our centre is an emotionally safe space. Staff may use restraint when a guest is agitated.",
        rubrics=RUBRIC,
    )
    assert result.status("TIC-01") == "not_met"
    assert result.red_flags("TIC-01") == ["coercive-measures"]


def test_restraint_that_is_never_used_is_not_a_red_flag(check):
    result = check("Our centre is an emotionally safe space. Staff will never use restraint.", rubrics=RUBRIC)
    assert result.status("TIC-01") == "met"


def test_choice_without_voice_is_partial(check):
    result = check("You choose which groups to join.", rubrics=RUBRIC)
    assert result.status("TIC-05") == "partial"


def test_silence_is_not_met(check):
    result = check("Groups meet on Tuesdays.", rubrics=RUBRIC)
    assert result.statuses() == {f"TIC-0{i}": "not_met" for i in range(1, 8)}


def test_help_at_any_hour_is_decided_in_code_and_quotes_its_evidence(check):
    result = check("Call or text 988 if you need to talk. The line answers 24 hours a day.", rubrics=RUBRIC)
    assert result.status("TIC-07") == "met"
    finding = result.finding("TIC-07")
    assert [(e["element"], e["match"]) for e in finding["evidence"]] == [("a", "988"), ("b", "24 hours")]


def test_a_number_without_its_hours_is_partial(check):
    result = check("Call our office at 555-201-3000.", rubrics=RUBRIC)
    assert result.status("TIC-07") == "partial"
