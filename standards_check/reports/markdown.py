"""The Markdown report: for pull requests, wikis and issue trackers (GitHub, GitLab).

Rendered only from the report dictionary, like every format. Everything that comes
from a policy, a rubric or a plugin goes through :func:`md` (or :func:`cell` in a
table): Markdown's special characters are backslash-escaped and ``&``, ``<`` and
``>`` become entities, so a policy that says ``<script>`` or ``|`` shows those
characters and neither injects HTML nor breaks a table; control characters and
bidirectional overrides are shown as escapes (``\\x1b``), so the file is safe to
``cat`` too. The only HTML written is
the report's own: ``<a id>`` anchors and ``<details>`` around long lists.

Each status is an emoji *and* its name, never an emoji alone.
"""

from __future__ import annotations

import re
from typing import Any

from standards_check.errors import escape_controls
from standards_check.model.report import Report
from standards_check.model.verdict import failing
from standards_check.reports import NEEDS_FIX, SEVERITY_WEIGHT, STATUS_LABELS, STATUS_ORDER, where_short

_EMOJI = {"met": "\u2705", "partial": "\U0001f7e1", "not_met": "\u274c", "not_applicable": "\u2796", "needs_review": "\U0001f50d", "error": "\u26d4"}
STATUS = {name: (emoji, STATUS_LABELS[name]) for name, emoji in _EMOJI.items()}

_SPECIAL = re.compile(r"([\\`*_\[\]|~]|(?<!\S)#)")
_LEADING = re.compile(r"^(\s*)([+\-=]|\d+[.)])")
_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def md(text: Any, *, line_start: bool = False) -> str:
    """Inline text, safe in a Markdown line: no markup, no HTML, one line.

    With ``line_start`` the text may begin a line (a block quote's), so a leading
    list marker, ordered-list number or setext underline is escaped too.
    """
    s = escape_controls(" ".join(str(text).split()))
    s = _SPECIAL.sub(r"\\\1", s)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    m = _LEADING.match(s) if line_start else None
    if m:  # a list marker, a setext underline or an ordered-list number at the start
        marker = m.group(2)
        s = m.group(1) + (marker[:-1] + "\\" + marker[-1] if marker[-1] in ".)" else "\\" + marker) + s[m.end():]
    return s


def cell(text: Any) -> str:
    """Text for a table cell (``|`` is escaped by :func:`md`)."""
    return md(text) or " "


def code(text: str) -> str:
    """A code span that holds any text (backticks in it get a longer fence)."""
    text = escape_controls(" ".join(str(text).split()))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _anchor(*parts: str) -> str:
    return "-".join(_ANCHOR_UNSAFE.sub("-", p).strip("-") or "x" for p in parts)


def status_text(status: str) -> str:
    emoji, label = STATUS.get(status, ("\u2753", status))
    return f"{emoji} {label}"


def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}%"


def _find(quote: str, match: str) -> tuple[int, int] | None:
    if not match:
        return None
    i = quote.find(match)
    if i < 0:
        i = quote.lower().find(match.lower())
    return (i, i + len(match)) if i >= 0 else None


def quote_with_match(quote: str, match: str | None) -> str:
    """The quote, escaped, with the matched words in bold when that reads cleanly."""
    quote = " ".join(quote.split())
    span = _find(quote, " ".join((match or "").split()))
    if span is None:
        return md(quote, line_start=True)
    a, b = span
    words = quote[a:b]
    if not (words[:1].isalnum() and words[-1:].isalnum()):
        return md(quote, line_start=True)
    before, after = quote[:a], quote[b:]
    # bold must be flanked by a space or punctuation outside, or CommonMark ignores it
    if (before and before[-1].isalnum()) or (after and after[0].isalnum()):
        return md(quote, line_start=True)
    head = md(before, line_start=True) + (" " if before.endswith(" ") else "")
    tail = (" " if after.startswith(" ") else "") + md(after)
    return f"{head}**{md(words)}**{tail}"


def _criterion_info(report: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["id"], c["id"]): c for r in report.get("rubrics", []) for c in r.get("criteria", [])}


def _attested(c: dict[str, Any]) -> bool:
    a = c.get("attestation")
    return bool(a) and not a.get("expired")


def _worst(program: dict[str, Any], limit: int = 3) -> list[dict[str, Any]]:
    found = [c for r in program["rubrics"] for c in r["criteria"] if c["effective_status"] in ("not_met", "error")]
    found.sort(key=lambda c: (c["effective_status"] != "not_met", -SEVERITY_WEIGHT.get(c["severity"], 0), c["id"]))
    return found[:limit]


def _criterion_anchor(pi: int, rubric_id: str, criterion_id: str) -> str:
    return _anchor(f"program-{pi}", rubric_id, criterion_id)


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def para(self, text: str) -> None:
        self.lines.extend([text, ""])

    def text(self) -> str:
        out: list[str] = []
        for line in self.lines:
            line = line.rstrip()
            if line == "" and (not out or out[-1] == ""):
                continue  # at most one blank line in a row
            out.append(line)
        return "\n".join(out).strip() + "\n"


def _attestation(w: _Writer, a: dict[str, Any]) -> None:
    expires = f"; expires {md(a['expires'])}" if a.get("expires") else "; no expiry date"
    if a.get("expired"):
        head = (
            f"> \u23f3 **Attestation expired** (by {md(a['attested_by'])} on {md(a['date'])}{expires}, "
            f"as {status_text(a['status'])}): it no longer applies; the status is the checker's own, from the text."
        )
    else:
        head = f"> \U0001f58a\ufe0f **Attested as {status_text(a['status'])}** by {md(a['attested_by'])} on {md(a['date'])}{expires}."
    w.add(head, ">", f"> **Why:** {md(a['justification'])}")
    if a.get("evidence"):
        w.add(">", f"> **Evidence:** {md(a['evidence'])}")
    if a.get("source"):
        where = md(a["source"]) + (f":{a['line']}" if a.get("line") else "")
        w.add(">", f"> **Recorded in:** {where}")
    w.add("")


_QUOTES = 2  # quotes per criterion in the compact report (the full one: --detail)


def _criterion(w: _Writer, c: dict[str, Any], info: dict[str, Any], anchor: str, level: int, detail: bool = True) -> None:
    hashes = "#" * level
    w.add(f'<a id="{anchor}"></a>', "")
    w.add(f"{hashes} {status_text(c['effective_status'])}: {md(c['id'])} {md(c['title'])}", "")
    meta = [f"**{STATUS.get(c['effective_status'], ('', c['effective_status']))[1]}**", f"severity {md(c['severity'])}"]
    if _attested(c):
        meta.append(f"attested; the checker found {status_text(c['status'])}")
    w.para(" \u00b7 ".join(meta))
    if info.get("requirement") and detail:
        w.para(f"**Requirement:** {md(info['requirement'])}")
    if c.get("error"):
        w.para(f"**\u26d4 Error:** {md(c['error'])}")
    w.para(f"**{'The checker' + chr(39) + 's finding' if _attested(c) else 'Finding'}:** {md(c['rationale'])}")
    for note in c.get("notes", []):
        w.para(f"> \u26a0\ufe0f **Check this:** {md(note)}")
    if c.get("attestation"):
        _attestation(w, c["attestation"])
    if c["elements"]:
        w.para("**Elements**")
        for e in c["elements"]:
            if e["present"] and e.get("firm", True):
                mark = "\u2705 present"
            elif e["present"]:
                mark = "\U0001f7e1 hedged only"
            else:
                mark = "\u274c missing"
            w.add(f"- {mark}: ({md(e['id'])}) {md(e['text'])}")
        w.add("")
        looked = [e for e in c["elements"] if e.get("looked_for")] if detail else []
        if looked:
            w.add("<details><summary>What the checker looked for</summary>", "")
            for e in looked:
                w.add(f"- ({md(e['id'])}) {md(e['text'])}")
                for pattern in e["looked_for"]:
                    w.add(f"  - {code(pattern)}")
            w.add("", "</details>", "")
    evidence = [e for e in c["evidence"] if e["kind"] == "contradicts"] + [e for e in c["evidence"] if e["kind"] != "contradicts"]
    left_out = 0 if detail else max(len(evidence) - _QUOTES, 0)
    evidence = evidence if detail else evidence[:_QUOTES]
    if evidence:
        w.para("**Evidence**")
        for ev in evidence:
            if ev["kind"] == "contradicts":
                label = "\U0001f6a9 **red flag**" + (f" {md(ev['red_flag'])}" if ev.get("red_flag") else "")
            else:
                label = "supports" + (f" ({md(ev['element'])})" if ev.get("element") else "")
            if ev.get("hedge"):
                label += f" \u00b7 \U0001f7e1 **hedged** ({md(ev['hedge'])})"
            w.add(f"> {quote_with_match(ev['quote'], ev.get('match'))}", ">", f"> \u2014 {md(where_short(ev))} \u00b7 {label}")
            if ev.get("note"):
                w.add(">", f"> {md(ev['note'])}")
            w.add("")
        if left_out:
            w.para(f"*And {left_out} more quoted sentence{'s' if left_out != 1 else ''}: see the full report (`--detail`) or the JSON report.*")
    elif c["status"] not in ("not_applicable", "error"):
        w.para("*No sentence of the policy was quoted for this criterion.*")
    if c.get("possible_evidence"):
        w.para("**Possible evidence: confirm or attest** (not counted: these sentences share the key words of a missing "
               "element; if one states it, record an attestation)")
        for pe in c["possible_evidence"] if detail else c["possible_evidence"][:1]:
            shares = f" \u00b7 shares the words: {md(', '.join(pe['shares']))}" if pe.get("shares") else ""
            w.add(f"> {md(pe['quote'])}", ">", f"> \u2014 {md(where_short(pe))} \u00b7 possible ({md(pe['element'])}){shares}", "")
    if c.get("considered") and detail:
        w.add(f"<details><summary>Considered but not counted ({len(c['considered'])})</summary>", "")
        for m in c["considered"]:
            what = f"red flag {md(m['red_flag'])}" if m.get("red_flag") else (f"element ({md(m['element'])})" if m.get("element") else "")
            w.add(f"- \u201c{md(m['quote'])}\u201d \u2014 {md(where_short(m))}" + (f", {what}" if what else "") + f": not counted, {md(m['reason'])}")
        w.add("", "</details>", "")
    if (c["effective_status"] in NEEDS_FIX or c["status"] in NEEDS_FIX) and (info.get("remediation") or info.get("model_language")):
        if info.get("remediation"):
            w.para(f"**How to fix it:** {md(info['remediation'])}")
        else:
            w.para("**How to fix it:**")
        if info.get("model_language"):
            w.add("> **Model policy language you can adapt:**", ">", f"> {md(info['model_language'], line_start=True)}", "")
    refs = (info.get("references") or []) if detail else []
    if refs:
        w.para("**References**")
        for ref in refs:
            line = f"- *{md(ref['document'])}*"
            if ref.get("section"):
                line += f", {md(ref['section'])}"
            if ref.get("url"):
                line += f" ({md(ref['url'])})"
            w.add(line)
        w.add("")


_ORDER = {"not_met": 0, "error": 1, "needs_review": 2, "partial": 3}


def _gap_order(c: dict[str, Any]) -> tuple[int, int, str]:
    """Worst first: critical not met, then major, then minor, then the rest that needs a fix."""
    return (_ORDER.get(c["effective_status"], 9), -SEVERITY_WEIGHT.get(c["severity"], 0), c["id"])


def _verdict(w: _Writer, report: Report) -> None:
    config = report.get("config") or {}
    fail_on, min_score = config.get("fail_on", "critical"), config.get("min_score")
    reasons = failing(report, fail_on=fail_on, min_score=min_score)
    threshold = f"fail on {md(fail_on)}" + (f", minimum score {min_score:g}%" if min_score is not None else "")
    date = f" \u00b7 assessed {md(config['date'])}" if config.get("date") else ""
    if reasons:
        shown = "; ".join(md(r) for r in reasons[:5]) + (f"; and {len(reasons) - 5} more" if len(reasons) > 5 else "")
        w.para(f"**Verdict: \u274c does not pass** the team's threshold ({threshold}){date}. Why: {shown}.")
    else:
        w.para(f"**Verdict: \u2705 passes** the team's threshold ({threshold}){date}.")


def render(report: Report, *, detail: bool = False) -> str:
    """The report in Markdown. By default sized for a pull-request comment: the verdict,
    then each program's gaps worst first (two quotes each, the fix and model wording),
    its met criteria one line each; with ``detail``, every criterion in full."""
    info = _criterion_info(report)
    programs = report["programs"]
    summary = report["summary"]
    w = _Writer()
    title = f"Standards check: {programs[0]['name']}" if len(programs) == 1 else f"Standards check: {len(programs)} programs"
    w.para(f"# {md(title)}")
    tool = report["tool"]
    n_rubrics = len(report.get("rubrics", []))
    _verdict(w, report)
    w.para(
        f"Checked by {md(tool['name'])} {md(tool['version'])} against {n_rubrics} rubric{'s' if n_rubrics != 1 else ''}. "
        "Every finding quotes the policy text it rests on."
        + ("" if detail else " Gaps come first, worst first; the full text of every criterion is in the `--detail` report.")
    )
    problems = report.get("plugin_problems") or []
    if problems:
        w.add("> \u26a0\ufe0f **Plugin problems**: these plugins failed; their rubrics or criteria are missing or marked as errors.", ">")
        for p in problems:
            w.add(f"> - **{md(p['plugin'])}**: {md(p['message'])}")
        w.add("")

    anchors = {}
    for pi, p in enumerate(programs, start=1):
        for r in p["rubrics"]:
            for c in r["criteria"]:
                anchors.setdefault((p["source"], c["id"]), _criterion_anchor(pi, r["id"], c["id"]))

    if len(programs) > 1:
        w.para(f"## Summary across {summary['programs']} programs")
        w.para(f"Mean score: **{pct(summary.get('mean_score'))}**")
        differs = any(p["score"] != p["score_with_attestations"] for p in programs)
        head = ["Program", "Score"] + (["With attestations"] if differs else []) + [status_text(s) for s in STATUS_ORDER] + ["Worst gaps"]
        align = [":---", "---:"] + (["---:"] if differs else []) + ["---:"] * len(STATUS_ORDER) + [":---"]
        w.add("| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |")
        for pi, p in enumerate(programs, start=1):
            worst = "<br>".join(
                f"[{md(c['id'])}](#{anchors[(p['source'], c['id'])]}) {md(c['title'])} ({md(c['severity'])}, {STATUS[c['effective_status']][1].lower()})"
                for c in _worst(p)
            ) or "none"
            row = [f"[{cell(p['name'])}](#program-{pi})", pct(p["score"])]
            if differs:
                row.append(pct(p["score_with_attestations"]))
            row += [str(p["counts"].get(s, 0)) for s in STATUS_ORDER]
            row.append(worst)
            w.add("| " + " | ".join(row) + " |")
        w.add("")
        w.para("### Criteria most often not met")
        most = summary.get("most_often_unmet") or []
        if most:
            w.add("| Criterion | Severity | Programs not meeting it |", "| :--- | :--- | ---: |")
            for e in most:
                w.add(f"| {cell(e['id'])} {cell(e['title'])} | {cell(e['severity'])} | {e['programs']} of {summary['programs']} |")
            w.add("")
        else:
            w.para("Every program meets every criterion that was checked (or has it attested).")
        w.para("### Critical gaps")
        gaps = summary.get("critical_gaps") or []
        if gaps:
            for g in gaps:
                target = anchors.get((g["source"], g["criterion"]))
                name = f"{md(g['criterion'])} {md(g['title'])}"
                w.add(f"- {status_text('not_met')}: " + (f"[{name}](#{target})" if target else name) + f" \u2014 {md(g['program'])}")
            w.add("")
        else:
            w.para("No critical criterion is unmet.")

    for pi, p in enumerate(programs, start=1):
        w.add(f'<a id="program-{pi}"></a>', "")
        w.para(f"## {md(p['name'])}")
        facts = [
            f"**Source:** {md(p['source'])}",
            f"**Organization:** {md(p.get('organization') or 'not given')}",
            f"**Setting:** {md(p.get('setting') or 'not given')}",
            f"**Policy effective:** {md(p.get('effective') or 'not given')}",
            f"**Last reviewed:** {md(p.get('reviewed') or 'not given')}",
        ]
        w.para(" \u00b7 ".join(facts))
        score = f"**Overall score: {pct(p['score'])}**"
        if p["score"] != p["score_with_attestations"]:
            score += f" from the text alone; **{pct(p['score_with_attestations'])}** with attestations"
        w.para(score)
        w.para(" \u00b7 ".join(f"{status_text(s)}: {p['counts'].get(s, 0)}" for s in STATUS_ORDER))
        differs = any(r["score"] != r["score_with_attestations"] for r in p["rubrics"]) or p["score"] != p["score_with_attestations"]
        head = ["Rubric", "Score"] + (["With attestations"] if differs else []) + [status_text(s) for s in STATUS_ORDER]
        align = [":---", "---:"] + (["---:"] if differs else []) + ["---:"] * len(STATUS_ORDER)
        w.add("| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |")
        for r in p["rubrics"]:
            name = f"[{cell(r['title'])}](#{_anchor(f'program-{pi}', r['id'])})" if detail else cell(r["title"])
            row = [name, pct(r["score"])]
            if differs:
                row.append(pct(r["score_with_attestations"]))
            row += [str(r["counts"].get(s, 0)) for s in STATUS_ORDER]
            w.add("| " + " | ".join(row) + " |")
        w.add("")
        critical = [
            (r, c) for r in p["rubrics"] for c in r["criteria"] if c["effective_status"] == "not_met" and c["severity"] == "critical"
        ]
        w.para("### Critical gaps")
        if critical:
            for r, c in critical:
                w.add(f"- {status_text('not_met')}: [{md(c['id'])} {md(c['title'])}](#{_criterion_anchor(pi, r['id'], c['id'])}): {md(c['rationale'])}")
            w.add("")
        else:
            w.para("No critical criterion is unmet.")
        errors = [(r, c) for r in p["rubrics"] for c in r["criteria"] if c["effective_status"] == "error"]
        if errors:
            w.add("> \u26d4 **Could not be evaluated:**", ">")
            for _r, c in errors:
                w.add(f"> - {md(c['id'])} {md(c['title'])}: {md(c.get('error') or c['rationale'])}")
            w.add("")
        for warning in p.get("warnings", []):
            w.para(f"> \u26a0\ufe0f **Warning:** {md(warning)}")
        if not detail:
            _compact(w, p, pi, info)
            continue
        for r in p["rubrics"]:
            w.add(f'<a id="{_anchor(f"program-{pi}", r["id"])}"></a>', "")
            w.para(f"### {md(r['title'])}")
            line = f"Score **{pct(r['score'])}**"
            if r["score"] != r["score_with_attestations"]:
                line += f" from the text alone; **{pct(r['score_with_attestations'])}** with attestations"
            w.para(line + f" \u00b7 rubric {md(r['id'])}" + (f", version {md(r['version'])}" if r.get("version") else ""))
            main = [c for c in r["criteria"] if not _attested(c)]
            attested = [c for c in r["criteria"] if _attested(c)]
            for c in main:
                _criterion(w, c, info.get((r["id"], c["id"]), {}), _criterion_anchor(pi, r["id"], c["id"]), 4)
            if attested:
                w.para("#### Attested criteria")
                w.para("A person attested the status of these criteria; the checker's own finding from the text is kept beside it.")
                for c in attested:
                    _criterion(w, c, info.get((r["id"], c["id"]), {}), _criterion_anchor(pi, r["id"], c["id"]), 5)
    w.para("---")
    w.para(f"*Report format {md(report.get('schema', ''))}. The checker reads the written policy only; a person must judge the practice.*")
    return w.text()


def _compact(w: _Writer, p: dict[str, Any], pi: int, info: dict[str, dict[str, Any]]) -> None:
    """One program's criteria, gaps worst first in short cards, the others one line each."""
    found = [(r, c) for r in p["rubrics"] for c in r["criteria"]]
    gaps = sorted(((r, c) for r, c in found if c["effective_status"] in NEEDS_FIX), key=lambda rc: _gap_order(rc[1]))
    rest = [(r, c) for r, c in found if c["effective_status"] not in NEEDS_FIX]
    w.add(f'<a id="{_anchor(f"program-{pi}", "gaps")}"></a>', "")
    w.para(f"### What to fix first ({len(gaps)})")
    if not gaps:
        w.para("Every criterion checked is met (or attested, or does not apply).")
    for r, c in gaps:
        _criterion(w, c, info.get((r["id"], c["id"]), {}), _criterion_anchor(pi, r["id"], c["id"]), 4, detail=False)
    if rest:
        w.para(f"### Met or not applicable ({len(rest)})")
        for r, c in rest:
            attested = " (attested)" if _attested(c) else ""
            w.add(f"- {status_text(c['effective_status'])}{attested}: {md(c['id'])} {md(c['title'])} ({md(c['severity'])}) \u2014 {md(r['title'])}")
        w.add("")
