"""The HTML report opens with an executive view: a director reads it in five minutes.

- The verdict comes first: the run passes the team's threshold or does not, why
  (at most five reasons, then how many more), on what date, over how many programs
  and criteria.
- Then each program's gaps, worst first (critical not met, then major, then minor,
  then what could not be evaluated, partial, needs review), each with its status,
  severity and a link to its card; what is met or does not apply is one line each,
  in a collapsed list; every card is collapsed.
- Across programs: a heat map whose cells say their status in words beside a mark
  (never by colour alone), programs worst first.
- Sized for reading: the three example programs make a page under 450 KB (and at
  most 15 printed pages: tests/reports/test_html_browser.py), a report of 200
  programs stays under 5 MB, and the page says what it leaves out.
"""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from standards_check.cli.commands import cli
from standards_check.engine.run import summarize
from standards_check.model.verdict import failing
from standards_check.reports import builtin_format
from standards_check.reports import html as html_report

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "policies"
SEVERITY_RANK = {"critical": 0, "major": 1, "minor": 2}
STATUS_RANK = {"not_met": 0, "error": 1, "partial": 2, "needs_review": 3}
WORDS = {"met": "met", "partial": "partial", "not_met": "not met", "not_applicable": "n/a", "needs_review": "review", "error": "error"}
MARKS = {"met": "\u2713", "partial": "\u25d0", "not_met": "\u2717", "not_applicable": "\u2013", "needs_review": "?", "error": "!"}
EXAMPLES_BUDGET = 450_000  # bytes: the three examples measured 338 KB (issue 22)
LARGE_BUDGET = 5_000_000  # bytes: a report of 200 programs


def render(report: dict) -> str:
    return builtin_format("html").render(report)


class Tree(HTMLParser):
    """Elements with their attributes, text and children: enough to read the page's structure."""

    VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "source"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = {"tag": "#root", "attrs": {}, "children": [], "text": []}
        self.stack = [self.root]

    BLOCK = {"dt", "dd", "li", "p", "td", "th", "div", "h2", "h3", "h4", "h5", "summary"}

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCK:  # a term and its value read apart: "Programs 3"
            self.handle_data(" ")
        node = {"tag": tag, "attrs": dict(attrs), "children": [], "text": []}
        self.stack[-1]["children"].append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while len(self.stack) > 1:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for node in self.stack:
            node["text"].append(data)


def parse(html: str) -> dict:
    tree = Tree()
    tree.feed(html)
    tree.close()
    return tree.root


def text(node: dict) -> str:
    return " ".join("".join(node["text"]).split())


def classes(node: dict) -> list[str]:
    return (node["attrs"].get("class") or "").split()


def find(node: dict, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[dict]:
    """Every element below ``node`` of that tag, class and attributes, in document order."""
    found = []
    for child in node["children"]:
        if (tag is None or child["tag"] == tag) and (cls is None or cls in classes(child)) and all(
            child["attrs"].get(k.rstrip("_")) == v for k, v in attrs.items()
        ):
            found.append(child)
        found.extend(find(child, tag, cls, **attrs))
    return found


def ids(node: dict) -> dict[str, dict]:
    out = {}
    for n in find(node):
        if "id" in n["attrs"]:
            out[n["attrs"]["id"]] = n
    return out


def criteria(program: dict):
    for r in program["rubrics"]:
        yield from r["criteria"]


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> dict:
    """The JSON report of the three example programs, as `check` writes it (on a set day)."""
    out = tmp_path_factory.mktemp("examples") / "examples.json"
    result = CliRunner().invoke(cli, ["check", str(EXAMPLES), "--today", "2026-06-01", "-f", "json", "-o", str(out), "-q"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def examples_html(examples) -> str:
    return render(examples)


@pytest.fixture(scope="module")
def page(examples_html) -> dict:
    return parse(examples_html)


def with_config(report: dict, **config) -> dict:
    report = copy.deepcopy(report)
    report["config"] = {**report.get("config", {}), **config}
    return report


def verdict(html: str) -> dict:
    return find(parse(html), "section", id="verdict")[0]


def many(report: dict, count: int) -> dict:
    """A report of ``count`` programs: the report's programs again and again, each under a name of its own."""
    programs = []
    for i in range(count):
        p = copy.deepcopy(report["programs"][i % len(report["programs"])])
        p["name"] = f"Program {i:03d} ({p['name']})"
        p["source"] = f"corpus/program-{i:03d}.yaml"
        programs.append(p)
    return {**report, "programs": programs, "summary": summarize(programs)}


# --------------------------------------------------------------------------- the verdict


def test_the_verdict_comes_first_in_the_page(page):
    main = find(page, "main")[0]
    first = find(main, "section")[0]
    assert first["attrs"]["id"] == "verdict"
    assert text(find(page, "nav")[0]).startswith("Contents Verdict")


def test_the_verdict_says_the_run_does_not_pass_and_why(examples, examples_html):
    reasons = failing(examples, fail_on="critical", min_score=None)
    assert reasons, "the examples fail the default threshold: a critical criterion is not met"
    v = verdict(examples_html)
    assert text(find(v, "h2")[0]).endswith("Does not pass the team's threshold")
    shown = [text(li) for li in find(find(v, "ul", cls="reasons")[0], "li")]
    assert set(shown[:5]) <= set(reasons)
    assert len([s for s in shown if s in reasons]) == min(5, len(reasons))
    assert "A critical criterion not met fails it" in text(v)


def test_the_reasons_are_at_most_five_then_how_many_more(examples):
    report = with_config(examples, fail_on="any")
    reasons = failing(report, fail_on="any", min_score=None)
    assert len(reasons) > 5
    items = [text(li) for li in find(find(verdict(render(report)), "ul", cls="reasons")[0], "li")]
    assert len(items) == 6
    assert items[-1].startswith(f"and {len(reasons) - 5} more")


def test_the_reasons_follow_the_programs_worst_first(examples):
    v = verdict(render(with_config(examples, fail_on="any")))
    names = [text(li).split(":")[0] for li in find(v, "li") if ":" in text(li) and not text(li).startswith("and ")]
    order = [p["name"] for p in sorted(examples["programs"], key=lambda p: (p["score_with_attestations"], p["name"]))]
    assert names == sorted(names, key=order.index)


def test_a_run_that_meets_its_threshold_says_it_passes(examples):
    report = with_config(examples, fail_on="none")
    for p in report["programs"]:  # nothing that could not be evaluated
        for c in criteria(p):
            if c["effective_status"] == "error":
                c["effective_status"] = "needs_review"
    assert failing(report, fail_on="none", min_score=None) == []
    v = verdict(render(report))
    assert text(find(v, "h2")[0]).endswith("Passes the team's threshold")
    assert find(v, "ul", cls="reasons") == []
    assert "verdict-pass" in classes(v)


def test_a_minimum_score_is_part_of_the_threshold(examples):
    report = with_config(examples, fail_on="none", min_score=50)
    v = text(verdict(render(report)))
    assert "or a program scoring below 50% with attestations" in v
    assert "minimum score 50%" in v
    low = min(examples["programs"], key=lambda p: p["score_with_attestations"])
    assert f"{low['name']}: score {low['score_with_attestations']:g} is below 50" in v


def test_the_verdict_gives_the_date_of_the_assessment(examples, examples_html):
    assert examples["config"]["date"] == "2026-06-01"
    assert "Assessed on 2026-06-01" in text(verdict(examples_html))


def test_an_older_report_without_a_date_says_nothing_of_it(examples):
    report = copy.deepcopy(examples)
    del report["config"]["date"]
    v = text(verdict(render(report)))
    assert "Assessed on" not in v
    assert "Programs 3" in v


def test_the_verdict_counts_programs_and_criteria(examples, examples_html):
    v = verdict(examples_html)
    total = sum(examples["summary"]["counts"].values())
    assert f"Programs {len(examples['programs'])}" in text(v)
    assert f"Criteria checked {total}" in text(v)
    counts = find(v, "ul", cls="counts")[0]
    for status, n in examples["summary"]["counts"].items():
        item = find(counts, "li", cls=f"status-{status}")[0]
        assert text(item).endswith(str(n))


def test_the_verdict_agrees_with_the_exit_status(tmp_path):
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["check", str(EXAMPLES), "-f", "html", "-o", str(out), "-q"])
    said = text(find(verdict(out.read_text(encoding="utf-8")), "h2")[0])
    assert (result.exit_code == 0) == said.endswith("Passes the team's threshold"), (result.exit_code, said)


# --------------------------------------------------------------------------- each program: gaps first, worst first


def test_each_programs_gaps_come_before_its_cards(page, examples):
    for section in find(page, "section", cls="program"):
        children = [n for n in find(section) if n["tag"] in ("section", "details")]
        kinds = [("fixes" if "fixes" in classes(n) else "card" if "crit" in classes(n) else None) for n in children]
        kinds = [k for k in kinds if k]
        assert kinds[0] == "fixes" and "card" in kinds, kinds


def test_gaps_are_listed_worst_first(page, examples):
    by_name = {p["name"]: p for p in examples["programs"]}
    for section in find(page, "section", cls="program"):
        program = by_name[text(find(section, "h2")[0])]
        items = find(section, "li", cls="gap-item")
        keys = []
        for li in items:
            status = next(c[len("status-"):] for c in classes(li) if c.startswith("status-"))
            severity = next(c[len("sev-"):] for n in find(li, "span", cls="severity") for c in classes(n) if c.startswith("sev-"))
            keys.append((STATUS_RANK[status], SEVERITY_RANK[severity]))
        assert keys == sorted(keys), program["name"]
        assert len(items) == sum(1 for c in criteria(program) if c["effective_status"] in STATUS_RANK)


def test_the_worst_gap_of_the_worst_program_is_a_critical_criterion_not_met(page, examples):
    worst = min(examples["programs"], key=lambda p: p["score_with_attestations"])
    section = find(page, "section", cls="program")[0]
    assert text(find(section, "h2")[0]) == worst["name"]
    first = find(section, "li", cls="gap-item")[0]
    assert text(first).startswith("\u2717 Not met Critical")


def test_each_gap_gives_status_severity_and_title_and_links_to_its_collapsed_card(page, examples):
    anchors = ids(page)
    links = [a for li in find(page, "li", cls="gap-item") for a in find(li, "a")]
    assert links
    for a in links:
        target = anchors[a["attrs"]["href"][1:]]
        assert target["tag"] == "article" and "criterion" in classes(target)
        heading = next(n for n in find(target) if n["tag"] in ("h4", "h5"))
        assert text(a) == text(heading)
    for li in find(page, "li", cls="gap-item"):
        head = text(find(li, "p", cls="gap-head")[0])
        assert re.match(r"^[\u2717\u25d0?!] (Not met|Partial|Needs review|Error) (Critical|Major|Minor) [A-Z]+-\d+ ", head), head


def test_every_card_is_collapsed_and_holds_the_full_finding(page, examples):
    cards = find(page, "details", cls="crit")
    assert len(cards) == sum(1 for p in examples["programs"] for _ in criteria(p))
    assert all("open" not in d["attrs"] for d in cards)
    gap = next(d for d in cards if "status-not_met" in classes(d))
    body = text(gap)
    for part in ("Requirement.", "Why it matters.", "Finding.", "Elements", "How to fix it", "References"):
        assert part in body, part


def test_met_and_not_applicable_criteria_are_one_line_each_in_a_collapsed_list(page, examples):
    by_name = {p["name"]: p for p in examples["programs"]}
    for section in find(page, "section", cls="program"):
        program = by_name[text(find(section, "h2")[0])]
        fine = [c for c in criteria(program) if c["effective_status"] in ("met", "not_applicable")]
        lists = find(section, "details", cls="fine-list")
        if not fine:
            assert lists == []
            continue
        (details,) = lists
        assert "open" not in details["attrs"]
        assert text(find(details, "summary")[0]) == f"Met or not applicable ({len(fine)}), one line each"
        lines = find(details, "li")
        assert len(lines) == len(fine)
        for li, c in zip(lines, fine, strict=True):
            assert [n["tag"] for n in find(li) if n["tag"] in ("p", "div", "blockquote", "ul", "figure")] == []
            assert f"{c['id']} {c['title']}" in text(li)


# --------------------------------------------------------------------------- across programs


def test_the_heat_map_says_every_status_in_words_beside_a_mark(page, examples):
    heat = find(page, "table", cls="heat")[0]
    rows = find(find(heat, "tbody")[0], "tr")
    by_name = {p["name"]: p for p in examples["programs"]}
    assert len(rows) == len(examples["programs"])
    for row in rows:
        program = by_name[text(find(row, "th")[0])]
        cells = find(row, "td", cls="hm")
        statuses = [c["effective_status"] for c in criteria(program)]
        assert len(cells) == len(statuses)
        for cell, status in zip(cells, statuses, strict=True):
            assert f"s-{status}" in classes(cell)  # the colour
            assert text(cell) == f"{MARKS[status]} {WORDS[status]}"  # and the words, whatever the colour
            assert find(cell, "span")[0]["attrs"].get("aria-hidden") == "true"  # the mark is not read out
    legend = text(find(page, "p", cls="legend")[0])
    for status in MARKS:
        assert f"{MARKS[status]} {WORDS[status]}" in legend


def test_the_heat_map_names_every_criterion_it_shows(page, examples):
    heat = find(page, "table", cls="heat")[0]
    columns = [text(th) for th in find(heat, "th", cls="hm-col")]
    first = examples["programs"][0]
    assert columns == [f"{c['id']} {c['title']}" for c in criteria(first)]
    key = text(find(page, "p", cls="hm-key")[0])
    assert all(f"{c['id']} {c['title']}" in key for c in criteria(first))


def test_programs_are_sorted_worst_first(page, examples):
    worst_first = [p["name"] for p in sorted(examples["programs"], key=lambda p: (p["score_with_attestations"], p["name"]))]
    sections = [text(find(s, "h2")[0]) for s in find(page, "section", cls="program")]
    rows = [text(find(tr, "th")[0]) for tr in find(find(find(page, "table", cls="heat")[0], "tbody")[0], "tr")]
    toc = [text(a) for a in find(find(page, "nav")[0], "a")][2:]
    assert sections == rows == toc == worst_first


def test_programs_of_the_same_score_are_sorted_by_name(examples):
    report = copy.deepcopy(examples)
    twin = copy.deepcopy(report["programs"][0])
    report["programs"][0]["name"], twin["name"], twin["source"] = "Zephyr House", "Aspen House", "twin.yaml"
    report["programs"].append(twin)
    report["summary"] = summarize(report["programs"])
    names = [text(find(s, "h2")[0]) for s in find(parse(render(report)), "section", cls="program")]
    assert names.index("Aspen House") == names.index("Zephyr House") - 1


def test_a_single_program_has_no_heat_map(examples):
    report = copy.deepcopy(examples)
    report["programs"] = report["programs"][:1]
    report["summary"] = summarize(report["programs"])
    page = parse(render(report))
    assert find(page, "table", cls="heat") == []
    assert find(find(page, "main")[0], "section")[0]["attrs"]["id"] == "verdict"


# --------------------------------------------------------------------------- sized for reading


def test_the_three_examples_make_a_page_under_its_budget(examples_html):
    size = len(examples_html.encode("utf-8"))
    assert size < EXAMPLES_BUDGET, size


def test_what_the_checker_looked_for_is_said_in_plain_words(page):
    for details in find(page, "details", cls="looked-for"):
        for li in find(details, "li"):
            words = text(li)
            assert not re.search(r"[\\{}\[\]~^$|]|\(\?", words), words
            assert find(li, "code") == []


def test_a_card_quotes_a_few_sentences_and_says_where_the_others_are(examples):
    report = copy.deepcopy(examples)
    c = next(c for p in report["programs"] for c in criteria(p) if c["evidence"])
    c["evidence"] = [{**c["evidence"][0], "line": 1000 + i} for i in range(html_report.MAX_EVIDENCE + 3)]
    page = parse(render(report))
    card = next(d for d in find(page, "details", cls="crit") if c["id"] in text(find(d, "summary")[0]) and "line 1000" in text(d))
    assert len(find(card, "figure", cls="evidence")) == html_report.MAX_EVIDENCE
    assert "3 more quoted sentences for this criterion are in the JSON report" in text(card)


@pytest.fixture(scope="module")
def large(examples) -> tuple[dict, str]:
    report = many(examples, 200)
    return report, render(report)


def test_a_report_of_200_programs_stays_under_5_mb(large):
    _, html = large
    size = len(html.encode("utf-8"))
    assert size < LARGE_BUDGET, size


def test_a_large_report_says_what_it_leaves_out_and_where_to_find_it(large):
    report, html = large
    page = parse(html)
    shown_in_full = html_report.FULL_DETAIL
    note = text(find(verdict(html), "p", cls="left-out")[0])
    assert f"the {shown_in_full} lowest-scoring programs are shown in full and the other {200 - shown_in_full} as a summary" in note
    assert "JSON report" in note and "-f json" in note
    sections = find(page, "section", cls="program")
    assert len(sections) == 200
    summarized = [s for s in sections if "program-summary" in classes(s)]
    assert len(summarized) == 200 - shown_in_full
    assert find(summarized[0], "details", cls="crit") == []  # no full cards
    assert "JSON report" in text(find(summarized[0], "p", cls="left-out")[0])
    # each gap of a summarized program quotes at most one sentence, and links to what the criterion asks
    anchors = ids(page)
    for li in find(summarized[0], "li", cls="gap-item"):
        assert len(find(li, "blockquote")) <= 1
        href = find(li, "a")[0]["attrs"]["href"]
        assert href.startswith("#about-") and href[1:] in anchors
    # what each criterion asks and how to fix it is said once
    assert len(find(page, "section", id="about")) == 1


def test_a_large_report_is_well_formed_and_every_link_resolves(large):
    _, html = large
    page = parse(html)
    all_ids = [n["attrs"]["id"] for n in find(page) if "id" in n["attrs"]]
    assert len(all_ids) == len(set(all_ids))
    known = set(all_ids)
    for a in find(page, "a"):
        assert a["attrs"]["href"][1:] in known, a["attrs"]["href"]


def test_the_same_report_gives_the_same_bytes(examples, large):
    assert render(examples) == render(copy.deepcopy(examples))
    report, html = large
    assert render(copy.deepcopy(report)) == html


def test_a_report_of_a_dozen_programs_shows_every_program_in_full_up_to_ten(examples):
    ten = parse(render(many(examples, 10)))
    assert find(ten, "section", cls="program-summary") == [] and find(ten, "section", id="about") == []
    eleven = parse(render(many(examples, 11)))
    assert len(find(eleven, "section", cls="program-summary")) == 11 - html_report.FULL_DETAIL
