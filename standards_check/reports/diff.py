"""Comparing two JSON reports: what improved, what regressed.

``standards-check diff OLD.json NEW.json`` pairs the programs of the two reports
(by ``source``, then, for those left, by ``name``, so a renamed file is still
matched) and, within each pair, the criteria by ID. It compares each criterion's
**effective status** (after attestations: what the run counts):

- ``improved`` / ``regressed``: the status moved up / down the ladder
  ``error < not_met < partial < met`` (a criterion that can no longer be
  evaluated has regressed);
- ``changed``: a move to or from ``not_applicable`` or ``needs_review``, which is
  neither better nor worse;
- ``new`` / ``removed``: a criterion (or a whole program) only in NEW / only in OLD.

Score changes (the checker's score and the score with attestations) are shown per
program and per rubric. Only ``regressed`` criteria count as a regression for
``--fail-on-regression``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from standards_check.errors import InputError

__all__ = ["Change", "ProgramDiff", "ReportDiff", "diff_reports", "load_report", "render_markdown", "render_text"]

REPORT_SCHEMA = "standards-check/report/1"
RANK = {"error": -1, "not_met": 0, "partial": 1, "met": 2}
KINDS = ("regressed", "improved", "changed", "new", "removed")


@dataclass(frozen=True)
class Change:
    kind: str  # one of KINDS
    criterion: str
    title: str
    severity: str
    old: str | None  # effective status in OLD (None: new)
    new: str | None  # effective status in NEW (None: removed)
    rubric: str


@dataclass
class ProgramDiff:
    name: str
    source: str
    kind: str  # "matched" | "new" | "removed"
    old_source: str | None = None
    scores: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)  # score keys -> (old, new)
    rubric_scores: list[tuple[str, float | None, float | None]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)


@dataclass
class ReportDiff:
    old: str
    new: str
    programs: list[ProgramDiff]

    def count(self, kind: str) -> int:
        return sum(p.count(kind) for p in self.programs)

    @property
    def regressed(self) -> bool:
        return self.count("regressed") > 0

    def programs_of(self, kind: str) -> list[ProgramDiff]:
        return [p for p in self.programs if p.kind == kind]


def load_report(path: str) -> dict[str, Any]:
    """Read a JSON report; anything else is an :class:`InputError` (exit 2)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        raise InputError("no such file", file=path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a JSON report", file=path) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", file=path) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError("not a JSON report: the file is not UTF-8 text", file=path) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not a JSON report: invalid JSON: {exc.msg}", file=path, line=exc.lineno, column=exc.colno) from None
    if not isinstance(data, dict) or "schema" not in data:
        raise InputError(
            f"not a standards-check JSON report (no \"schema\": \"{REPORT_SCHEMA}\"); write one with "
            "standards-check check ... -f json -o FILE",
            file=path,
        )
    if data["schema"] != REPORT_SCHEMA:
        raise InputError(f"unsupported report schema {data['schema']!r}; this version reads {REPORT_SCHEMA!r}", file=path)
    problem = _shape_problem(data)
    if problem:
        raise InputError(f"not a valid standards-check report: {problem}", file=path)
    return data


def _shape_problem(report: dict[str, Any]) -> str | None:
    programs = report.get("programs")
    if not isinstance(programs, list):
        return "\"programs\" must be a list"
    for i, p in enumerate(programs):
        if not isinstance(p, dict) or not isinstance(p.get("rubrics"), list):
            return f"programs[{i}] must be a mapping with a list of rubrics"
        for j, r in enumerate(p["rubrics"]):
            if not isinstance(r, dict) or not isinstance(r.get("criteria"), list):
                return f"programs[{i}].rubrics[{j}] must be a mapping with a list of criteria"
            for k, c in enumerate(r["criteria"]):
                if not isinstance(c, dict) or not isinstance(c.get("id"), str) or not isinstance(_status(c), str):
                    return f"programs[{i}].rubrics[{j}].criteria[{k}] must have an id and a status"
    return None


def _status(criterion: dict[str, Any]) -> str | None:
    return criterion.get("effective_status") or criterion.get("status")


def _criteria(program: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    return {c["id"]: (r.get("id", ""), c) for r in program["rubrics"] for c in r["criteria"]}


def _pair(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[tuple[dict | None, dict | None]]:
    """Pair programs by source, then the rest by name (each used once), in NEW's order."""
    pairs: dict[int, int] = {}  # new index -> old index
    used: set[int] = set()
    by_source = {}
    for i, p in enumerate(old):
        by_source.setdefault(p.get("source"), i)
    for j, p in enumerate(new):
        i = by_source.get(p.get("source"))
        if i is not None and i not in used and p.get("source") is not None:
            pairs[j] = i
            used.add(i)
    for j, p in enumerate(new):
        if j in pairs:
            continue
        for i, q in enumerate(old):
            if i not in used and q.get("name") is not None and q.get("name") == p.get("name"):
                pairs[j] = i
                used.add(i)
                break
    result: list[tuple[dict | None, dict | None]] = [(old[pairs[j]] if j in pairs else None, p) for j, p in enumerate(new)]
    result += [(q, None) for i, q in enumerate(old) if i not in used]
    return result


def _kind(old: str, new: str) -> str | None:
    if old == new:
        return None
    if old in RANK and new in RANK:
        return "improved" if RANK[new] > RANK[old] else "regressed"
    return "changed"


def diff_reports(old: dict[str, Any], new: dict[str, Any], *, old_name: str = "OLD", new_name: str = "NEW") -> ReportDiff:
    """Compare two reports (as loaded by :func:`load_report`)."""
    programs = []
    for before, after in _pair(old["programs"], new["programs"]):
        subject = after if after is not None else before
        assert subject is not None
        if before is None or after is None:
            kind = "new" if before is None else "removed"
            pd = ProgramDiff(str(subject.get("name", "")), str(subject.get("source", "")), kind)
            for key in ("score", "score_with_attestations"):
                value = subject.get(key)
                pd.scores[key] = (None, value) if kind == "new" else (value, None)
            programs.append(pd)
            continue
        pd = ProgramDiff(str(after.get("name", "")), str(after.get("source", "")), "matched")
        if before.get("source") != after.get("source"):
            pd.old_source = str(before.get("source", ""))
        plain = (before.get("score"), after.get("score"))
        attested = (before.get("score_with_attestations"), after.get("score_with_attestations"))
        if plain[0] != plain[1]:
            pd.scores["score"] = plain
        if attested[0] != attested[1] and attested != plain:  # shown when attestations make a difference
            pd.scores["score_with_attestations"] = attested
        old_rubrics = {r.get("id"): r for r in before["rubrics"]}
        for r in after["rubrics"]:
            o = old_rubrics.get(r.get("id"))
            if o is not None and o.get("score") != r.get("score"):
                pd.rubric_scores.append((str(r.get("id")), o.get("score"), r.get("score")))
        old_c, new_c = _criteria(before), _criteria(after)
        for cid, (rubric, c) in new_c.items():
            if cid not in old_c:
                pd.changes.append(Change("new", cid, c.get("title", ""), c.get("severity", ""), None, _status(c), rubric))
                continue
            kind = _kind(_status(old_c[cid][1]), _status(c))  # type: ignore[arg-type]
            if kind:
                pd.changes.append(Change(kind, cid, c.get("title", ""), c.get("severity", ""), _status(old_c[cid][1]), _status(c), rubric))
        for cid, (rubric, c) in old_c.items():
            if cid not in new_c:
                pd.changes.append(Change("removed", cid, c.get("title", ""), c.get("severity", ""), _status(c), None, rubric))
        pd.changes.sort(key=lambda ch: (KINDS.index(ch.kind), ch.criterion))
        programs.append(pd)
    return ReportDiff(old_name, new_name, programs)


# ---------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def _delta(old: float | None, new: float | None) -> str:
    if old is None or new is None:
        return ""
    d = round(new - old, 1)
    return f" ({d:+g})"


def _status_text(status: str | None) -> str:
    return "-" if status is None else status


def _move(c: Change) -> str:
    if c.old is None:
        return f"{c.new}"
    if c.new is None:
        return f"was {c.old}"
    return f"{c.old} -> {c.new}"


def _summary_line(diff: ReportDiff) -> str:
    parts = [f"{diff.count(k)} {k}" for k in KINDS]
    line = "criteria: " + ", ".join(parts)
    new, removed = len(diff.programs_of("new")), len(diff.programs_of("removed"))
    return line + f"; programs: {new} new, {removed} removed"


def render_text(diff: ReportDiff) -> str:
    out = [f"standards-check diff: {diff.old} -> {diff.new}", ""]
    for p in diff.programs:
        where = p.source if not p.old_source else f"{p.old_source} -> {p.source}"
        if p.kind != "matched":
            label = "NEW PROGRAM" if p.kind == "new" else "REMOVED PROGRAM"
            old, new = p.scores.get("score", (None, None))
            shown = new if p.kind == "new" else old
            out.append(f"{label}: {p.name} ({where}), score {_score(shown)}")
            out.append("")
            continue
        out.append(f"{p.name} ({where})")
        if not p.changes and not p.scores:
            out.append("  no changes")
        for key, label in (("score", "score"), ("score_with_attestations", "score with attestations")):
            if key in p.scores:
                old, new = p.scores[key]
                out.append(f"  {label}: {_score(old)} -> {_score(new)}{_delta(old, new)}")
        for rubric, old, new in p.rubric_scores:
            out.append(f"  rubric {rubric}: {_score(old)} -> {_score(new)}{_delta(old, new)}")
        for c in p.changes:
            out.append(f"  {c.kind.upper():<9} {c.criterion} {c.title} ({c.severity}): {_move(c)}")
        out.append("")
    out.append(_summary_line(diff))
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(diff: ReportDiff) -> str:
    out = ["# standards-check diff", "", f"`{_md(diff.old)}` → `{_md(diff.new)}`", ""]
    out.append(
        f"**{diff.count('regressed')} regressed**, {diff.count('improved')} improved, {diff.count('changed')} changed, "
        f"{diff.count('new')} new, {diff.count('removed')} removed criteria; "
        f"{len(diff.programs_of('new'))} new and {len(diff.programs_of('removed'))} removed programs."
    )
    out.append("")
    for p in diff.programs:
        where = p.source if not p.old_source else f"{p.old_source} → {p.source}"
        if p.kind != "matched":
            old, new = p.scores.get("score", (None, None))
            shown = new if p.kind == "new" else old
            out += [f"## {_md(p.name)} ({'new' if p.kind == 'new' else 'removed'} program)", "",
                    f"`{_md(where)}`, score {_score(shown)}", ""]
            continue
        out += [f"## {_md(p.name)}", "", f"`{_md(where)}`", ""]
        if not p.changes and not p.scores:
            out += ["No changes.", ""]
            continue
        if p.scores or p.rubric_scores:
            out += ["| score | old | new | change |", "| --- | ---: | ---: | ---: |"]
            for key, label in (("score", "score"), ("score_with_attestations", "with attestations")):
                if key in p.scores:
                    old, new = p.scores[key]
                    out.append(f"| {label} | {_score(old)} | {_score(new)} | {_delta(old, new).strip(' ()') or '-'} |")
            for rubric, old, new in p.rubric_scores:
                out.append(f"| rubric `{_md(rubric)}` | {_score(old)} | {_score(new)} | {_delta(old, new).strip(' ()') or '-'} |")
            out.append("")
        if p.changes:
            out += ["| change | criterion | title | severity | old | new |", "| --- | --- | --- | --- | --- | --- |"]
            for c in p.changes:
                kind = f"**{c.kind}**" if c.kind == "regressed" else c.kind
                out.append(
                    f"| {kind} | {c.criterion} | {_md(c.title)} | {c.severity} | {_status_text(c.old)} | {_status_text(c.new)} |"
                )
            out.append("")
    return "\n".join(out)
