"""The HTML report: one self-contained page for directors to read and print.

Rendered only from the report dictionary (the JSON report's shape), so it says what
every other format says. The page opens with an executive view, read in five minutes:

1. the verdict against the team's threshold (``fail_on``, ``min_score``): passes or
   not, why (the reasons of :mod:`standards_check.model.verdict`, which the exit
   status reads too; at most five, then how many more), the day of the assessment,
   how many programs and criteria;
2. across programs, a heat map of each criterion's status by program (each cell says
   its status in words beside a mark, never by colour alone), programs worst first;
3. for each program, worst first, what needs a fix, worst first (critical not met,
   then major, then minor; what could not be evaluated; partial; needs review), each
   linked to its card; what is met or does not apply is one line each, collapsed;
   every criterion's full card is collapsed (``<details>``, open without a script).

Printed, the one-line lists open and the cards stay on the screen: the three
example programs print on 11 pages. A large report stays small (200 programs under
5 MB): see ``ALL_IN_FULL`` and the limits below it; the page says what it leaves out
and that the JSON report has it all.

The page makes no request of its own: the stylesheet (``templates/report.css``) is
inlined, the charts are inline SVG, there is no script, and a Content-Security-Policy
forbids loading anything. Every value from a policy, a rubric or a plugin is escaped
(the Jinja environment autoescapes every template, whatever its name), its control
characters and bidirectional overrides shown as escapes (``\\u202e``) rather than
left to reorder the page; the only markup built in Python is :func:`highlight`, which
escapes the quote around the ``<mark>`` it adds.

The same report gives the same bytes: no timestamps, a total order for every sort.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from standards_check.errors import escape_controls
from standards_check.model.report import Report
from standards_check.model.verdict import failing, program_failures
from standards_check.reports import NEEDS_FIX, SEVERITY_WEIGHT, STATUS_LABELS, STATUS_ORDER  # noqa: F401  (NEEDS_FIX, STATUS_ORDER used by the template context)

# status -> (label, symbol). The symbol is decoration (aria-hidden); the label is
# always written out, so no status is told by colour alone.
_SYMBOLS = {"met": "\u2713", "partial": "\u25d0", "not_met": "\u2717", "not_applicable": "\u2013", "needs_review": "?", "error": "!"}
STATUS = {name: (STATUS_LABELS[name], symbol) for name, symbol in _SYMBOLS.items()}

_env: Environment | None = None


def _environment() -> Environment:
    global _env
    if _env is None:
        env = Environment(
            loader=PackageLoader("standards_check.reports", "templates"),
            autoescape=True,  # explicit: select_autoescape() would not escape "*.html.j2"
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            finalize=_finalize,
        )
        env.filters["highlight"] = highlight
        env.filters["pct"] = fmt_score
        env.globals["status_label"] = status_label
        env.globals["status_symbol"] = status_symbol
        env.globals["STATUS_ORDER"] = STATUS_ORDER
        _env = env
    return _env


def _finalize(value: Any) -> Any:
    """Every value the templates print: a document's text with its control characters
    and bidirectional overrides shown as escapes (markup built here is already so)."""
    return escape_controls(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def status_label(status: str) -> str:
    return STATUS.get(status, (status.replace("_", " ").capitalize(), "?"))[0]


def status_symbol(status: str) -> str:
    return STATUS.get(status, ("", "?"))[1]


def fmt_score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}%"


def _find(quote: str, match: str) -> tuple[int, int] | None:
    """Where ``match`` stands in ``quote`` (exactly, ignoring case, or ignoring spacing)."""
    if not match:
        return None
    i = quote.find(match)
    if i >= 0:
        return i, i + len(match)
    i = quote.lower().find(match.lower())
    if i >= 0:
        return i, i + len(match)
    words = match.split()
    if not words:
        return None
    m = re.search(r"\s+".join(re.escape(w) for w in words), quote, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def highlight(quote: str, match: str | None, css_class: str = "flag") -> Markup:
    """The quote, escaped, with the matched words wrapped in ``<mark>``."""
    span = _find(quote, match or "")
    if span is None:
        return Markup(escape(escape_controls(quote)))
    a, b = span
    return Markup("{}<mark class=\"{}\">{}</mark>{}").format(escape_controls(quote[:a]), css_class, escape_controls(quote[a:b]), escape_controls(quote[b:]))


_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def _anchor(*parts: str) -> str:
    return "-".join(_ANCHOR_UNSAFE.sub("-", p).strip("-") or "x" for p in parts)


def _short(title: str, limit: int = 26) -> str:
    head = title.split(":", 1)[0].strip() or title
    return head if len(head) <= limit else head[: limit - 1].rstrip() + "\u2026"


def _chart(rows: list[tuple[str, str, float | None]], caption: str) -> dict[str, Any]:
    """Geometry of a horizontal bar chart: rows of (label, full label, score 0-100)."""
    label_w, bar_x, bar_w, row_h, bar_h, top = 200, 210, 360, 30, 16, 8
    bars = []
    for i, (label, full, value) in enumerate(rows):
        y = top + i * row_h
        width = 0.0 if value is None else round(bar_w * max(0.0, min(100.0, value)) / 100.0, 1)
        bars.append(
            {
                "label": label,
                "full": full,
                "value": fmt_score(value),
                "y": y,
                "text_y": y + bar_h - 3,
                "width": f"{width:.1f}",
                "missing": value is None,
            }
        )
    height = top * 2 + row_h * len(rows) + 14
    ticks = [{"x": f"{bar_x + bar_w * t / 100:.1f}", "label": f"{t}%"} for t in (0, 25, 50, 75, 100)]
    return {
        "caption": caption,
        "bars": bars,
        "label_w": label_w,
        "bar_x": bar_x,
        "bar_w": bar_w,
        "bar_h": bar_h,
        "width": bar_x + bar_w + 70,
        "height": height,
        "axis_y": top + row_h * len(rows),
        "ticks": ticks,
        "value_x": bar_x + bar_w + 8,
        "desc": "; ".join(f"{b['full']}: {b['value']}" for b in bars),
    }


# How much of a large report is shown. The page must open quickly and stay small
# (a report of 200 programs stays under 5 MB): a report of up to ALL_IN_FULL programs
# shows every program in full; a larger one shows its FULL_DETAIL worst programs in
# full and the others as a summary (each gap with one quoted sentence). A criterion's
# card quotes at most MAX_EVIDENCE sentences, MAX_CONSIDERED set aside and
# MAX_POSSIBLE possible ones. The page says what it leaves out: every finding, with
# every quoted sentence, is in the JSON report.
ALL_IN_FULL = 10
FULL_DETAIL = 5
MAX_EVIDENCE = 4
MAX_CONSIDERED = 3
MAX_POSSIBLE = 3
MAX_REASONS = 5
MAX_CROSS_GAPS = 20
MAX_OFTEN_UNMET = 10
MAX_CHART_PROGRAMS = 30
MAX_HEAT_COLUMNS = 48  # more criteria than this: the heat map shows rubrics instead
TOC_PROGRAMS = 12

# The order gaps are listed in, worst first: not met, then what could not be
# evaluated, then partial, then what needs a person's review (each by severity).
_GAP_RANK = {"not_met": 0, "error": 1, "partial": 2, "needs_review": 3}
# The short words of the heat map's cells, each beside its symbol.
_HEAT_WORDS = {"met": "met", "partial": "partial", "not_met": "not met", "not_applicable": "n/a", "needs_review": "review", "error": "error"}
# The worst status of a rubric, for the heat map by rubric.
_WORST_FIRST = ("error", "not_met", "partial", "needs_review", "met", "not_applicable")
_NOT_CHECKED = {"status": "none", "symbol": "\u00b7", "text": "not checked"}
_FAIL_ON_WORDS = {
    "critical": "a critical criterion not met fails it",
    "major": "a critical or major criterion not met fails it",
    "minor": "any criterion not met fails it",
    "any": "any criterion not met fails it",
    "none": "a criterion not met does not fail it on its own",
}


def _criterion_info(report: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    info: dict[tuple[str, str], dict[str, Any]] = {}
    for rubric in report.get("rubrics", []):
        for c in rubric.get("criteria", []):
            info[(rubric["id"], c["id"])] = c
    return info


def _capped(items: list[Any], limit: int) -> tuple[list[Any], int]:
    return items[:limit], max(0, len(items) - limit)


def _criterion_view(c: dict[str, Any], rubric_id: str, anchor: str, info: dict[str, Any] | None) -> dict[str, Any]:
    info = info or {}
    attestation = c.get("attestation")
    flags = [e for e in c["evidence"] if e["kind"] == "contradicts"]
    supports = [e for e in c["evidence"] if e["kind"] != "contradicts"]
    evidence, evidence_more = _capped(flags + supports, MAX_EVIDENCE)
    considered, considered_more = _capped(c.get("considered") or [], MAX_CONSIDERED)
    possible, possible_more = _capped(c.get("possible_evidence") or [], MAX_POSSIBLE)
    return {
        **c,
        "anchor": anchor,
        "rubric": rubric_id,
        "requirement": info.get("requirement") or "",
        "why": info.get("why") or "",
        "remediation": info.get("remediation") or "",
        "model_language": info.get("model_language") or "",
        "references": info.get("references") or [],
        "evidence_ordered": evidence,
        "evidence_more": evidence_more,
        "considered_shown": considered,
        "considered_more": considered_more,
        "possible_shown": possible,
        "possible_more": possible_more,
        "attested": bool(attestation) and not attestation.get("expired"),
        "attestation_expired": bool(attestation) and bool(attestation.get("expired")),
        "show_fix": c["effective_status"] in NEEDS_FIX or c["status"] in NEEDS_FIX,
        "looked_for": [e for e in c["elements"] if e.get("looked_for")],
        "gist": _gist(c["rationale"]) or c.get("error") or "",
        "quote": _one_quote(c),
    }


_SENTENCE_END = re.compile(r"(?<=[a-z0-9)'])\.\s+(?=[A-Z])")


_QUOTE_MARK = re.compile(r"(?<![A-Za-z])'|'(?![A-Za-z])")  # a single quotation mark, not an apostrophe


def _gist(rationale: str) -> str:
    """The first sentence of a finding: what a one-line list of gaps says (all of it
    when the first sentence would end inside a quotation)."""
    m = _SENTENCE_END.search(rationale or "")
    if not m:
        return rationale
    head = rationale[: m.start() + 1]
    return rationale if len(_QUOTE_MARK.findall(head)) % 2 else head


def _one_quote(c: dict[str, Any]) -> dict[str, Any] | None:
    """The sentence a summary quotes for a gap: a red flag, else a hedged statement,
    else the first sentence that states part of the criterion."""
    evidence = c["evidence"]
    for pick in (lambda e: e["kind"] == "contradicts", lambda e: bool(e.get("hedge")), lambda e: True):
        found = next((e for e in evidence if pick(e)), None)
        if found is not None:
            return found
    return None


def _gap_key(c: dict[str, Any]) -> tuple[int, int]:
    return _GAP_RANK.get(c["effective_status"], 9), -SEVERITY_WEIGHT.get(c["severity"], 0)


def _program_view(index: int, p: dict[str, Any], info: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Any]:
    anchor = f"program-{index}"
    rubrics = []
    all_criteria = []
    for r in p["rubrics"]:
        r_anchor = _anchor(anchor, r["id"])
        criteria = [_criterion_view(c, r["id"], _anchor(anchor, r["id"], c["id"]), info.get((r["id"], c["id"]))) for c in r["criteria"]]
        for c in criteria:
            c["about"] = _anchor("about", r["id"], c["id"])
            c["rubric_title"] = r["title"]
        all_criteria.extend(criteria)
        rubrics.append(
            {
                **r,
                "anchor": r_anchor,
                "short": _short(r["title"]),
                "differs": r["score"] != r["score_with_attestations"],
                "main": [c for c in criteria if not c["attested"]],
                "attested_criteria": [c for c in criteria if c["attested"]],
            }
        )
    chart_rows = [("Overall", "Overall score", p["score"])] + [(rv["short"], rv["title"], rv["score"]) for rv in rubrics]
    order = {id(c): i for i, c in enumerate(all_criteria)}
    gaps = sorted((c for c in all_criteria if c["effective_status"] in NEEDS_FIX), key=lambda c: (*_gap_key(c), order[id(c)]))
    return {
        "index": index,
        "anchor": anchor,
        "name": p["name"],
        "source": p["source"],
        "organization": p.get("organization"),
        "setting": p.get("setting"),
        "effective": p.get("effective"),
        "reviewed": p.get("reviewed"),
        "policies": p.get("policies"),
        "score": p["score"],
        "score_with_attestations": p["score_with_attestations"],
        "differs": p["score"] != p["score_with_attestations"],
        "any_differs": p["score"] != p["score_with_attestations"] or any(rv["differs"] for rv in rubrics),
        "counts": p["counts"],
        "warnings": p.get("warnings", []),
        "rubrics": rubrics,
        "chart": _chart(chart_rows, f"Scores of {p['name']}"),
        "gaps": gaps,
        "fine": [c for c in all_criteria if c["effective_status"] not in NEEDS_FIX],
        "by_id": {(c["rubric"], c["id"]): c for c in all_criteria},
        "errors": [c for c in all_criteria if c["effective_status"] == "error"],
        "attested_count": sum(1 for c in all_criteria if c["attested"]),
        "full": True,
    }


def _worst_first(pv: dict[str, Any]) -> tuple[bool, float, str, str]:
    """Programs worst first: the lowest score with attestations first (a program
    with nothing scored before all), ties by name."""
    score = pv["score_with_attestations"]
    return score is not None, score if score is not None else 0.0, pv["name"], pv["source"]


def _threshold(config: dict[str, Any]) -> dict[str, Any]:
    fail_on = config.get("fail_on") or "critical"
    min_score = config.get("min_score")
    words = _FAIL_ON_WORDS.get(fail_on, f"a criterion of severity {fail_on} or above not met fails it")
    text = f"{words[0].upper()}{words[1:]}, as does a criterion that could not be evaluated or a plugin that failed"
    if min_score is not None:
        text += f", or a program scoring below {min_score:g}% with attestations"
    options = f"fail on {fail_on}" + (f", minimum score {min_score:g}%" if min_score is not None else ", no minimum score")
    return {"fail_on": fail_on, "min_score": min_score, "text": text + ".", "options": options}


def _verdict(report: dict[str, Any], config: dict[str, Any], order: list[int]) -> dict[str, Any]:
    """Pass or not, as the exit status says (model.verdict), and why: the reasons of
    the programs in the order the page shows them (worst first)."""
    threshold = _threshold(config)
    fail_on, min_score = threshold["fail_on"], threshold["min_score"]
    passes = not failing(report, fail_on=fail_on, min_score=min_score)
    programs = report["programs"]
    reasons = ["a plugin failed"] if report.get("plugin_problems") else []
    for i in order:
        reasons.extend(program_failures(programs[i], fail_on=fail_on, min_score=min_score))
    shown, more = _capped(reasons, MAX_REASONS)
    return {"passes": passes, "reasons": shown, "more": more, "threshold": threshold, "date": config.get("date") or None}


def _heat_map(programs: list[dict[str, Any]]) -> dict[str, Any]:
    """Rows: programs (worst first); columns: every criterion, grouped by rubric (or,
    when there are too many criteria to read across, every rubric)."""
    groups: dict[str, dict[str, Any]] = {}
    for pv in programs:
        for rv in pv["rubrics"]:
            group = groups.setdefault(rv["id"], {"id": rv["id"], "title": rv["title"], "columns": {}})
            for c in rv["main"] + rv["attested_criteria"]:
                group["columns"].setdefault(c["id"], {"id": c["id"], "title": c["title"], "rubric": rv["id"]})
    for group in groups.values():  # the rubric's own order, as the first program lists it
        group["columns"] = list(group["columns"].values())
    group_list = list(groups.values())
    by_rubric = sum(len(g["columns"]) for g in group_list) > MAX_HEAT_COLUMNS
    rows = []
    for pv in programs:
        cells = []
        if by_rubric:
            rubrics = {rv["id"]: rv for rv in pv["rubrics"]}
            for g in group_list:
                rv = rubrics.get(g["id"])
                if rv is None:
                    cells.append(_NOT_CHECKED)
                    continue
                worst = next((s for s in _WORST_FIRST if rv["counts"].get(s)), "not_applicable")
                text = f"{_HEAT_WORDS[worst]} ({rv['counts'][worst]}), {fmt_score(rv['score_with_attestations'])}"
                cells.append({"status": worst, "symbol": status_symbol(worst), "text": text})
        else:
            for g in group_list:
                for col in g["columns"]:
                    c = pv["by_id"].get((g["id"], col["id"]))
                    if c is None:
                        cells.append(_NOT_CHECKED)
                    else:
                        status = c["effective_status"]
                        cells.append({"status": status, "symbol": status_symbol(status), "text": _HEAT_WORDS.get(status, status)})
        rows.append({"program": pv, "cells": cells})
    return {"groups": group_list, "by_rubric": by_rubric, "rows": rows}


def _about(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Every criterion once, as its rubric defines it: for the programs shown as a summary."""
    rubrics = []
    for r in report.get("rubrics", []):
        criteria = [{**c, "anchor": _anchor("about", r["id"], c["id"]), "references": c.get("references") or []} for c in r.get("criteria", [])]
        rubrics.append({"id": r["id"], "title": r["title"], "anchor": _anchor("about", r["id"]), "criteria": criteria})
    return rubrics


def _config_items(config: dict[str, Any]) -> list[tuple[str, str]]:
    items = []
    for key, value in config.items():
        if value is None or value == [] or value == "":
            continue
        if isinstance(value, (list, tuple)):
            text = ", ".join(str(v) for v in value)
        elif isinstance(value, dict):
            text = ", ".join(f"{k}: {v}" for k, v in value.items())
        else:
            text = str(value)
        items.append((key.replace("_", " "), text))
    return items


def build_view(report: dict[str, Any]) -> dict[str, Any]:
    """Everything the template shows, computed from the report dictionary."""
    info = _criterion_info(report)
    config = report.get("config") or {}
    programs = [_program_view(i, p, info) for i, p in enumerate(report["programs"], start=1)]
    programs.sort(key=_worst_first)
    shown_in_full = len(programs) if len(programs) <= ALL_IN_FULL else FULL_DETAIL
    for n, pv in enumerate(programs):
        pv["full"] = n < shown_in_full
    summarized = [pv for pv in programs if not pv["full"]]
    about = _about(report) if summarized else []
    known_about = {c["anchor"] for r in about for c in r["criteria"]}
    for pv in summarized:
        for c in pv["gaps"] + pv["fine"]:
            c["link"] = c["about"] if c["about"] in known_about else None
    for pv in programs:
        if pv["full"]:
            for c in pv["gaps"] + pv["fine"]:
                c["link"] = c["anchor"]
    anchors = {}
    for pv in programs:
        for c in pv["gaps"] + pv["fine"]:
            if c["link"]:
                anchors.setdefault((pv["source"], c["id"]), c["link"])
    summary = report["summary"]
    gaps = [{**g, "anchor": anchors.get((g["source"], g["criterion"]))} for g in summary.get("critical_gaps", [])]
    cross_gaps, cross_more = _capped(gaps, MAX_CROSS_GAPS)
    if len(programs) == 1:
        title = f"Standards check: {programs[0]['name']}"
    else:
        title = f"Standards check: {len(programs)} programs"
    multi_chart = _chart(
        [(_short(pv["name"]), pv["name"], pv["score"]) for pv in programs], "Overall score of each program, worst first"
    ) if 1 < len(programs) <= MAX_CHART_PROGRAMS else None
    return {
        "title": title,
        "tool": report["tool"],
        "schema": report.get("schema", ""),
        "config": _config_items(config),
        "verdict": _verdict(report, config, [pv["index"] - 1 for pv in programs]),
        "plugin_problems": report.get("plugin_problems", []),
        "programs": programs,
        "summary": summary,
        "criteria_checked": sum(summary.get("counts", {}).values()),
        "critical_gaps": cross_gaps,
        "critical_gaps_more": cross_more,
        "most_often_unmet": summary.get("most_often_unmet", [])[:MAX_OFTEN_UNMET],
        "most_often_unmet_more": max(0, len(summary.get("most_often_unmet", [])) - MAX_OFTEN_UNMET),
        "multi": len(programs) > 1,
        "heat": _heat_map(programs) if len(programs) > 1 else None,
        "toc_programs": programs if len(programs) <= TOC_PROGRAMS else [],
        "rubric_count": len(report.get("rubrics", [])),
        "multi_chart": multi_chart,
        "any_differs": any(pv["differs"] for pv in programs),
        "full_count": len(programs) - len(summarized),
        "summarized_count": len(summarized),
        "about": about,
        "limits": {"evidence": MAX_EVIDENCE, "considered": MAX_CONSIDERED, "possible": MAX_POSSIBLE, "full": FULL_DETAIL},
    }


def _stylesheet(env: Environment) -> Markup:
    assert env.loader is not None
    css, _, _ = env.loader.get_source(env, "report.css")
    css = re.sub(r"/\*.*?\*/\n?", "", css, flags=re.S)  # comments are for maintainers
    if "</" in css:  # the stylesheet is inlined in <style>: it must not close it
        raise ValueError("report.css must not contain '</'")
    return Markup(css.strip())


def render(report: Report) -> str:
    env = _environment()
    template = env.get_template("report.html.j2")
    html = template.render(view=build_view(report), css=_stylesheet(env))
    # Stable bytes: no trailing spaces, no blank lines, one newline at the end.
    lines = [line.rstrip() for line in html.splitlines() if line.strip()]
    return "\n".join(lines).strip() + "\n"
