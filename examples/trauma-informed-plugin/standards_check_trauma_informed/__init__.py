"""standards-check plugin: the Trauma Informed rubric.

Criteria TIC-01 to TIC-06 are decided by their patterns (rubric.yaml). TIC-07 is
decided in code, by :func:`help_at_any_hour`: the worked example of an evaluator.
"""

from __future__ import annotations

import re
from importlib.resources import files

from standards_check.api import ElementResult, Evidence, Finding, Status, hookimpl

__version__ = "0.1.0"
STANDARDS_CHECK_API = 1  # the plugin API version this plugin is written for

_NUMBER = re.compile(r"(?<!\d)(?:988|\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4})(?!\d)")
_ANY_HOUR = re.compile(r"24 hours|24/7|24-hour|any hour|day or night|around the clock|every day and night", re.IGNORECASE)


@hookimpl
def standards_check_rubrics():
    """Contribute the rubric shipped with this package."""
    return [files(__name__) / "rubric.yaml"]


@hookimpl
def standards_check_evaluators():
    """Contribute the code that decides TIC-07 (named by `evaluator:` in rubric.yaml)."""
    return {"help-at-any-hour": help_at_any_hour}


def help_at_any_hour(criterion, context) -> Finding:
    """TIC-07: (a) a telephone number, (b) said to answer at any hour; each element
    present where a sentence states it, quoted with its policy and line."""
    evidence = []
    for sentence in context.sentences:
        for element, pattern in (("a", _NUMBER), ("b", _ANY_HOUR)):
            found = pattern.search(sentence.text)
            if found and not any(e.element == element for e in evidence):
                evidence.append(Evidence("supports", sentence.policy_id, sentence.line, sentence.quote,
                                         element=element, match=found.group(0)))
    present = {e.element for e in evidence}
    elements = [ElementResult(e.id, e.text, e.id in present) for e in criterion.elements]
    if present == {"a", "b"}:
        status, why = Status.MET, "The policy gives a number and says it answers at any hour."
    elif present:
        missing = [e.text for e in criterion.elements if e.id not in present]
        status, why = Status.PARTIAL, "The policy does not say: " + "; ".join(missing) + "."
    else:
        status, why = Status.NOT_MET, "The policy gives no number to call for help at any hour."
    return Finding(criterion.id, criterion.title, criterion.severity, status, why, elements=elements, evidence=evidence)
