"""``standards-check init``: a starter policy document to adapt.

The starter explains every field in comments and has one policy per area the
built-in criteria look at, in model wording that states each element of the
criteria plainly and firmly, so that it checks cleanly as written. An agency
replaces the wording with its own, keeping what each policy promises, and runs
``standards-check check`` to see what its own wording still misses.

All policy text is written as literal block scalars (``text: |``): in a plain
scalar a `` #`` starts a YAML comment and would silently cut the policy short.
"""

from __future__ import annotations

import json
import os

from standards_check.errors import InputError
from standards_check.model.document import STARTER_NAME

__all__ = ["DEFAULT_NAME", "DEFAULT_PATH", "render_starter", "write_starter"]

DEFAULT_PATH = "policy.yaml"
DEFAULT_NAME = STARTER_NAME

_TEMPLATE = """\
# A policy document for standards-check (format version 1).
#
# It describes one peer-support program and the written policies it operates
# under. Replace the program details and adapt the policy wording to your own
# practice, keeping what each policy promises; then run
#
#     standards-check check {path}
#
# to see, criterion by criterion, what your wording states and what it misses.
# `standards-check explain AUT-01` tells what a criterion asks for.
#
# Already have your policies in Word, PDF, Markdown or on a web page? Start from
# them instead: `standards-check import handbook.docx -o policy.yaml`.
#
# Write all policy text as a block scalar (`text: |`, then the text indented on
# the lines below). In a plain one-line value, " #" starts a YAML comment and
# would silently cut your policy short.

# The version of the policy format this file is written in. Required; always 1.
standards_check: 1

# The program these policies belong to. Required.
program:
  # The program's name, as reports should show it. Required.
  name: {name}
  # The agency that runs the program. Optional.
  organization: Example Community Services
  # The kind of program. Optional; one of: peer-run, community, clinical,
  # inpatient, residential, justice, housing, other.
  setting: community
  # The services the program offers. Optional list.
  services: [one-to-one peer support, recovery groups, warmline]
  # Who the program serves. Optional.
  population: Adults in recovery from mental health or substance use challenges
  # When these policies took effect and when they were last reviewed. Optional
  # dates, written YYYY-MM-DD; remove the '#' to use them.
  # effective: 2026-01-15
  # reviewed: 2026-06-01
  # The language of the policy text, as a BCP 47 tag (en, es, fr-CA). Optional;
  # default en.
  language: en

# The written policies, in the program's own words. Required: at least one.
# Each policy has:
#   id        required: unique in this file; lower-case letters, digits, '-'
#   title     required: the policy's title
#   ref       optional: your own numbering, in quotes ("2.1") so it stays text
#   audience  optional: participants, staff or all
#   text      required: the policy itself, as a block scalar (text: |)
# Reports quote the sentences of `text` that carry each criterion, with the
# line where they stand in this file.
policies:
  # Voluntary participation; leaving without penalty (AUT-01, AUT-02).
  - id: participation
    title: Taking Part in Peer Support
    ref: "1.1"
    audience: participants
    text: |
      Taking part in peer support is always your choice. You may say no to any
      service we offer, and you may stop peer support at any time, without
      giving a reason.
      Stopping peer support will never affect your housing, your benefits or
      any other service you receive from us. If you stop, you are welcome back
      whenever you choose; our door stays open.

  # Person-directed goals; plans made together; information about options;
  # changing the plan (AUT-03, SDM-01, SDM-02, SDM-04).
  - id: goals-and-planning
    title: Your Goals and Your Plan
    ref: "1.2"
    audience: participants
    text: |
      You choose your own goals. Your recovery plan is written by you, in your
      own words; your peer supporter can help you write it down if you wish.
      We build the plan together, and your preferences lead. You get a copy of
      your plan.
      You can review or change your plan, or any decision in it, whenever you
      want to.
      Before you decide between options, your peer supporter shares balanced
      information about each option, including its benefits and its risks, in
      plain language. This information is also available in large print, in
      easy-read format and as audio.

  # Informed, revocable consent; access to your own records (AUT-04, AUT-08).
  - id: consent-and-records
    title: Consent and Your Records
    ref: "1.3"
    audience: participants
    text: |
      We ask for your consent before we begin peer support, and we ask for your
      written consent before we share any information about you with anyone
      outside our program. You may withdraw your consent at any time, and we
      stop sharing your information as soon as you tell us.
      You may see your records at any time. You may add your own comments to
      your records, and you may ask us to correct anything in them that you
      think is wrong.

  # Dignity of risk and many pathways; no coercion or compliance monitoring;
  # choice of supporter and services (AUT-05, AUT-06, AUT-07).
  - id: choice-and-pathways
    title: Choice and Pathways
    ref: "1.4"
    audience: all
    text: |
      There are many pathways to recovery, including harm reduction,
      medication, faith, mutual-aid groups and abstinence. We respect the path
      you choose. We respect your right to make your own choices, including
      choices that carry risk.
      Peer support is never conditional on taking medication, staying
      abstinent, attending treatment or meeting court conditions. Peer
      supporters do not monitor or report on anyone's treatment or legal
      compliance.
      You can choose your peer supporter, and you can ask for a different peer
      supporter at any time without giving a reason. You choose which services
      you use, and where and when we meet.

  # A mutual, non-hierarchical relationship (MR-02).
  - id: peer-relationship
    title: The Peer Relationship
    ref: "2.1"
    audience: all
    text: |
      Our relationships are mutual: we meet as equals and learn from each
      other. Peer supporters share their own lived experience of recovery with
      a purpose: to offer hope and to support the goals you choose.

  # Rights explained in plain language, in accessible formats (MR-03).
  - id: rights
    title: Your Rights
    ref: "2.2"
    audience: participants
    text: |
      At your first meeting, a peer supporter gives you a written statement of
      your rights and goes over it with you in plain language. The rights
      statement is also available in large print, in easy-read format, as
      audio and in your own language.

  # Confidentiality and its limits, explained up front (MR-05).
  - id: confidentiality
    title: Confidentiality
    ref: "2.3"
    audience: participants
    text: |
      What you tell us stays confidential. At your first meeting we explain the
      few limits to confidentiality: if someone is in immediate danger of
      serious harm to themselves or others, or where the law requires us to
      report harm to a child or a vulnerable adult.

  # Grievances and appeals without retaliation (MR-04).
  - id: grievances
    title: Concerns, Complaints and Appeals
    ref: "2.4"
    audience: participants
    text: |
      If you are unhappy with any part of our services, or with a decision
      about them, you can make a complaint or an appeal. You can tell any staff
      member, write to the program director, or use the anonymous comment box.
      We will answer you in writing within ten business days.
      You can also contact the state Protection and Advocacy agency or an
      independent advocate at any time, and we give you their contact details.
      No one will be treated differently, lose services or face any
      retaliation for raising a concern.

  # Respect for culture and identity; language access (MR-06).
  - id: non-discrimination
    title: Respect, Non-Discrimination and Language Access
    ref: "2.5"
    audience: all
    text: |
      We do not discriminate on the basis of race, ethnicity, culture,
      religion, gender identity, sexual orientation, disability, age or any
      other part of who you are.
      We provide peer support in your preferred language. When you ask for an
      interpreter, we provide a qualified interpreter at no cost to you.

  # Non-punitive, trauma-informed responses to setbacks (MR-07).
  - id: setbacks-and-safety
    title: Setbacks and Safety
    ref: "2.6"
    audience: all
    text: |
      When setbacks happen, such as a return to use or missed meetings, we
      respond with support and conversation, never with punishment.
      Peer supporters never take part in restraint, seclusion or any
      involuntary measure.

  # Disagreements resolved together; preferences and advance directives
  # (SDM-03, SDM-06).
  - id: decisions-and-disagreements
    title: Decisions and Disagreements
    ref: "3.1"
    audience: all
    text: |
      When you and a staff member disagree about your services, we talk it
      through and decide together with you. You may bring a friend, family
      member or advocate of your choosing to any meeting about your services.
      Your preferences are written in your file and we honor them. If you write
      a crisis plan, a Wellness Recovery Action Plan (WRAP) or a psychiatric
      advance directive, we keep a copy with your permission and follow it.

  # A voice in how the program is run (SDM-05).
  - id: participant-voice
    title: Participant Voice
    ref: "3.2"
    audience: all
    text: |
      People who use our services hold at least half of the seats on our
      advisory council, which reviews every policy before it is adopted, takes
      part in hiring peer staff and helps evaluate our services. We act on the
      council's input, and each quarter the council reports back to all
      participants on what was changed because of their input.

# Structured facts about practice that rubrics may read. Optional. A
# declaration is a claim, not evidence: it never makes a criterion met on its
# own, and where it contradicts the text the report says so. Keys no installed
# rubric reads are reported as warnings (`standards-check rubrics` lists the
# rubrics; their documentation lists the keys they read).
declarations:
  # How people come to peer support: voluntary, optional, mandatory,
  # required or court-ordered (read by the autonomy rubric, AUT-01).
  participation: voluntary
"""


def render_starter(name: str | None = None, path: str = DEFAULT_PATH) -> str:
    """The starter document, with the program ``name`` (quoted as YAML needs)."""
    shown = (name or DEFAULT_NAME).strip()
    if not shown:
        raise InputError("expected a program name that is not empty", file="--name")
    if any(ch in shown for ch in "\r\n"):
        raise InputError("expected the program name on one line", file="--name")
    # A JSON string is a valid YAML double-quoted scalar: a name like `yes`, `null`
    # or `Harbor: East #2` stays the text it is.
    return _TEMPLATE.format(name=json.dumps(shown, ensure_ascii=False), path=path if path != "-" else DEFAULT_PATH)


def write_starter(path: str = DEFAULT_PATH, *, force: bool = False, name: str | None = None) -> str:
    """Write the starter document to ``path``; returns the text written.

    An existing file is an :class:`InputError` unless ``force``; so is a path that
    is a directory or whose folder does not exist.
    """
    text = render_starter(name, path)
    if os.path.isdir(path):
        raise InputError("is a directory; give the name of the policy file to write, e.g. policy.yaml", file=path)
    if os.path.lexists(path) and not force:
        raise InputError("already exists; use --force to overwrite it", file=path)
    parent = os.path.dirname(path) or "."
    if not os.path.isdir(parent):
        raise InputError("cannot write the file: the folder does not exist", file=path)
    from standards_check.reports.writing import write_file

    write_file(path, text, what="file")
    return text
