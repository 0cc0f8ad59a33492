"""The HTML report: one self-contained page for directors to read and print.

Rendered only from the report dictionary (the JSON report's shape), so it says what
every other format says. The page makes no request of its own: the stylesheet
(``templates/report.css``) is inlined, the chart is inline SVG, there is no script,
and a Content-Security-Policy forbids loading anything. Every value from a policy,
a rubric or a plugin is escaped (the Jinja environment autoescapes every template,
whatever its name), its control characters and bidirectional overrides shown as
escapes (``\\u202e``) rather than left to reorder the page; the only markup built
in Python is :func:`highlight`, which escapes the quote around the ``<mark>`` it adds.

The same report gives the same bytes: no timestamps, the report's own order.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from standards_check.errors import escape_controls
from standards_check.model.report import Report
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


def _criterion_info(report: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    info: dict[tuple[str, str], dict[str, Any]] = {}
    for rubric in report.get("rubrics", []):
        for c in rubric.get("criteria", []):
            info[(rubric["id"], c["id"])] = c
    return info


def _criterion_view(c: dict[str, Any], rubric_id: str, anchor: str, info: dict[str, Any] | None) -> dict[str, Any]:
    info = info or {}
    attestation = c.get("attestation")
    flags = [e for e in c["evidence"] if e["kind"] == "contradicts"]
    supports = [e for e in c["evidence"] if e["kind"] != "contradicts"]
    return {
        **c,
        "anchor": anchor,
        "rubric": rubric_id,
        "requirement": info.get("requirement") or "",
        "why": info.get("why") or "",
        "remediation": info.get("remediation") or "",
        "model_language": info.get("model_language") or "",
        "references": info.get("references") or [],
        "evidence_ordered": flags + supports,
        "attested": bool(attestation) and not attestation.get("expired"),
        "attestation_expired": bool(attestation) and bool(attestation.get("expired")),
        "show_fix": c["effective_status"] in NEEDS_FIX or c["status"] in NEEDS_FIX,
        "looked_for": [e for e in c["elements"] if e.get("looked_for")],
    }


def _worst(criteria: list[dict[str, Any]], limit: int | None = None) -> list[dict[str, Any]]:
    unmet = [c for c in criteria if c["effective_status"] in ("not_met", "error")]
    unmet.sort(key=lambda c: (c["effective_status"] != "not_met", -SEVERITY_WEIGHT.get(c["severity"], 0), c["id"]))
    return unmet[:limit] if limit else unmet


def _program_view(index: int, p: dict[str, Any], info: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Any]:
    anchor = f"program-{index}"
    rubrics = []
    all_criteria = []
    for r in p["rubrics"]:
        r_anchor = _anchor(anchor, r["id"])
        criteria = [_criterion_view(c, r["id"], _anchor(anchor, r["id"], c["id"]), info.get((r["id"], c["id"]))) for c in r["criteria"]]
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
    critical = [c for c in all_criteria if c["effective_status"] == "not_met" and c["severity"] == "critical"]
    return {
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
        "critical_gaps": critical,
        "worst": _worst(all_criteria, 3),
        "errors": [c for c in all_criteria if c["effective_status"] == "error"],
        "attested_count": sum(1 for c in all_criteria if c["attested"]),
    }


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
    programs = [_program_view(i, p, info) for i, p in enumerate(report["programs"], start=1)]
    anchors = {}
    for pv in programs:
        for rv in pv["rubrics"]:
            for c in rv["main"] + rv["attested_criteria"]:
                anchors.setdefault((pv["source"], c["id"]), c["anchor"])
    summary = report["summary"]
    gaps = [{**g, "anchor": anchors.get((g["source"], g["criterion"]))} for g in summary.get("critical_gaps", [])]
    if len(programs) == 1:
        title = f"Standards check: {programs[0]['name']}"
    else:
        title = f"Standards check: {len(programs)} programs"
    multi_chart = _chart(
        [(_short(pv["name"]), pv["name"], pv["score"]) for pv in programs], "Overall score of each program"
    ) if len(programs) > 1 else None
    return {
        "title": title,
        "tool": report["tool"],
        "schema": report.get("schema", ""),
        "config": _config_items(report.get("config") or {}),
        "plugin_problems": report.get("plugin_problems", []),
        "programs": programs,
        "summary": summary,
        "critical_gaps": gaps,
        "most_often_unmet": summary.get("most_often_unmet", []),
        "multi": len(programs) > 1,
        "rubric_count": len(report.get("rubrics", [])),
        "multi_chart": multi_chart,
        "any_differs": any(pv["differs"] for pv in programs),
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
    # Stable bytes: no trailing spaces, one newline at the end.
    lines = [line.rstrip() for line in html.splitlines()]
    return "\n".join(lines).strip() + "\n"
