"""The HTML report in a real browser: headless Chromium driven by Playwright.

What a person opening the report gets: the page renders with no console error,
requests nothing but itself, passes an axe-core accessibility audit (no serious or
critical violation, with every collapsed section closed and opened), shows hostile
policy text as text without running it, fits a 400 px screen without scrolling
sideways, opens a collapsed criterion when a link leads to it, prints the executive
view (the three example programs on at most 15 pages), and looks right (screenshots
are saved under tests/artifacts/, which ignores itself).

Needs Debian's Chromium (/usr/bin/chromium), Playwright for Python and axe-core's
axe.min.js from the npm registry; `bash .ci/install-browser-deps` installs all three
(axe-core into "$VENV/browser-deps/node_modules"). Without them these tests skip and
say what is missing. Chromium is never downloaded: Playwright launches the Debian
build (executable_path), each launch with a fresh temporary profile. The page is
served from 127.0.0.1 so that every request it makes is seen.

In CI, set STANDARDS_CHECK_REQUIRE_BROWSER=1: then a missing tool fails these tests
instead of skipping them, so a broken install cannot pass as green.

Marker: ``browser`` (``pytest -m browser`` runs only these, ``-m 'not browser'``
skips them).
"""

from __future__ import annotations

import http.server
import importlib.util
import os
import re
import shutil
import sys
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

HERE = Path(__file__).resolve().parents[1]
ROOT = HERE.parent
ARTIFACTS = HERE / "artifacts"
CHROMIUM = os.environ.get("STANDARDS_CHECK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-default-apps",
    "--disable-extensions",
]


def _load_reportdata():
    spec = importlib.util.spec_from_file_location("reportdata_browser", HERE / "data" / "reportdata.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


reportdata = _load_reportdata()


def axe_script() -> Path | None:
    """axe.min.js from the npm package axe-core, where the install script puts it (or AXE_CORE_JS)."""
    candidates = []
    if os.environ.get("AXE_CORE_JS"):
        candidates.append(Path(os.environ["AXE_CORE_JS"]))
    for base in (Path(sys.prefix), ROOT / ".venv"):
        candidates.append(base / "browser-deps" / "node_modules" / "axe-core" / "axe.min.js")
    candidates.append(ROOT / "node_modules" / "axe-core" / "axe.min.js")
    return next((p for p in candidates if p.is_file()), None)


REQUIRED = os.environ.get("STANDARDS_CHECK_REQUIRE_BROWSER", "") not in ("", "0")


def _missing(reason: str):
    """Skip, or fail where the browser tools must be there (STANDARDS_CHECK_REQUIRE_BROWSER=1, as in CI)."""
    if REQUIRED:
        pytest.fail(f"{reason}; STANDARDS_CHECK_REQUIRE_BROWSER is set, so this is a failure", pytrace=False)
    pytest.skip(reason)


def _chromium() -> str:
    path = CHROMIUM if os.path.isabs(CHROMIUM) else shutil.which(CHROMIUM) or CHROMIUM
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        _missing(f"Chromium is not installed at {CHROMIUM} (bash .ci/install-browser-deps installs Debian's chromium)")
    return path


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    try:
        from playwright import sync_api
    except ImportError:
        _missing("Playwright for Python is not installed (bash .ci/install-browser-deps installs it)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


def examples_report(tmp: Path) -> dict:
    """The JSON report of the bundled example policies (examples/policies), as `check` writes it."""
    import json

    from click.testing import CliRunner

    from standards_check.cli.commands import cli

    out = tmp / "examples.json"
    result = CliRunner().invoke(cli, ["check", str(ROOT / "examples" / "policies"), "--today", "2026-06-01", "-f", "json", "-o", str(out), "-q"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def root_url(tmp_path_factory):
    """Two reports served from 127.0.0.1: report.html, two programs (one with hostile
    text), and examples.html, the three example programs."""
    from standards_check.reports import builtin_format

    root = tmp_path_factory.mktemp("site")
    html = builtin_format("html").render(reportdata.build_report())
    (root / "report.html").write_text(html, encoding="utf-8")
    (root / "examples.html").write_text(builtin_format("html").render(examples_report(root)), encoding="utf-8")

    def handler(*args, **kwargs):
        return _Quiet(*args, directory=str(root), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site(root_url):
    return root_url + "report.html"


@pytest.fixture(scope="module")
def examples_site(root_url):
    return root_url + "examples.html"


@pytest.fixture
def watched(browser):
    """A fresh page whose console messages, page errors, dialogs and requests are recorded."""

    def open_page(url: str, *, bypass_csp: bool = False, width: int = 1200):
        if not url.endswith(".html"):
            raise ValueError(url)
        context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=bypass_csp, service_workers="block")
        page = context.new_page()
        seen = {"console": [], "errors": [], "dialogs": [], "requests": []}
        page.on("console", lambda m: seen["console"].append((m.type, m.text)))
        page.on("pageerror", lambda e: seen["errors"].append(str(e)))

        def on_dialog(d):
            seen["dialogs"].append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)
        page.on("request", lambda r: seen["requests"].append(r.url))
        page.goto(url, wait_until="load")
        page.wait_for_timeout(300)  # anything the page might start after load
        opened.append(context)
        return page, seen

    opened: list = []
    yield open_page
    for context in opened:
        context.close()


def _artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    ignore = ARTIFACTS / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# test artifacts (screenshots); never committed\n*\n", encoding="utf-8")
    return ARTIFACTS


def test_page_renders_with_no_console_error_and_requests_nothing(watched, site):
    page, seen = watched(site)
    assert page.title().startswith("Standards check")
    assert [m for m in seen["console"] if m[0] in ("error", "warning")] == []
    assert seen["errors"] == []
    assert site in seen["requests"]  # requests are seen at all
    others = [u for u in seen["requests"] if u != site]
    assert others == [], f"the page requested {others}"
    resources = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert resources == []
    assert page.locator("h1").count() == 1
    assert page.locator("svg[role=img]").count() == 3


def test_axe_finds_no_serious_or_critical_violation(watched, site):
    axe = axe_script()
    if axe is None:
        _missing("axe-core is not installed (bash .ci/install-browser-deps puts axe.min.js in $VENV/browser-deps)")
    # the page's CSP forbids every script: bypass it to inject axe from the local file
    page, _ = watched(site, bypass_csp=True)
    page.add_script_tag(path=str(axe))
    results = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return {version: axe.version, passes: r.passes.length, violations: r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))};
        }"""
    )
    bad = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], "\n".join(f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}" for v in bad)
    assert results["passes"] > 0
    # axe leaves out what is hidden: the criteria, collapsed, are audited opened
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    opened = page.evaluate(AXE_SERIOUS)
    assert opened == [], opened
    # a narrow screen too: nothing overflows into an inaccessible state
    page, _ = watched(site, bypass_csp=True, width=390)
    page.add_script_tag(path=str(axe))
    narrow = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => [v.id, v.impact])")
    assert [v for v in narrow if v[1] in ("serious", "critical")] == []


AXE_SERIOUS = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' '))}`)"""


def test_axe_finds_no_serious_violation_in_the_executive_view_of_the_examples(watched, examples_site):
    axe = axe_script()
    if axe is None:
        _missing("axe-core is not installed (bash .ci/install-browser-deps puts axe.min.js in $VENV/browser-deps)")
    for width in (1280, 400):
        page, _ = watched(examples_site, bypass_csp=True, width=width)
        page.add_script_tag(path=str(axe))
        assert page.evaluate(AXE_SERIOUS) == [], width


def test_hostile_policy_text_shows_literally_and_no_script_runs(watched, site):
    # the CSP is bypassed, so only the escaping stands between the policy and the page
    page, seen = watched(site, bypass_csp=True)
    assert page.evaluate("document.querySelectorAll('script, img, iframe, object, embed').length") == 0
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")  # as a reader opens them
    text = page.inner_text("body")
    for s in reportdata.XSS_STRINGS:
        assert s in text, s
    assert "Records policy <script>alert(2)</script> is in the staff handbook." in text
    mark = page.locator("mark.flag").first
    assert mark.inner_text() == "Attendance <i>is</i> mandatory"
    assert seen["dialogs"] == []
    assert seen["errors"] == []


def test_skip_link_is_the_first_stop_and_shows_on_focus(watched, site):
    page, _ = watched(site)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    box = page.locator("a.skip-link").bounding_box()
    assert box is not None and box["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_print_opens_the_one_line_lists_and_leaves_the_cards_to_the_screen(watched, site):
    page, _ = watched(site)
    fine = page.locator("details.fine-list .details-body").first
    assert not fine.is_visible()  # collapsed on screen
    card = page.locator("details.crit").first
    assert card.is_visible()
    page.emulate_media(media="print")
    assert fine.is_visible()  # the one-line list of what is met is printed open
    assert not card.is_visible()  # the full cards are not printed: the gap list is
    assert page.locator("p.print-only").first.is_visible()  # and the page says where they are
    assert page.locator("ol.gap-list").first.is_visible()
    avoid = page.evaluate("getComputedStyle(document.querySelector('li.gap-item')).breakInside")
    assert avoid == "avoid"
    before = page.evaluate("getComputedStyle(document.querySelectorAll('section.program')[1]).breakBefore")
    assert before == "page"
    assert page.locator("nav.toc").is_hidden()
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    (_artifacts() / "report-print.pdf").write_bytes(pdf)


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_the_three_examples_print_on_at_most_15_pages(watched, examples_site):
    page, _ = watched(examples_site)
    for size in ("A4", "Letter"):
        pdf = page.pdf(format=size, print_background=True)
        assert 3 <= _pages(pdf) <= 15, (size, _pages(pdf))
    (_artifacts() / "examples-print.pdf").write_bytes(page.pdf(format="A4", print_background=True))
    # the heat map fits the paper: nothing is cut off at the right edge
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 700, "height": 1000})  # about the width of A4 within its margins
    assert page.evaluate("document.querySelector('table.heat').getBoundingClientRect().right") <= 700


def test_the_page_fits_a_400px_screen_without_scrolling_sideways(watched, site, examples_site):
    for url in (site, examples_site):
        page, _ = watched(url, width=400)
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], (url, widths)
        # the wide tables scroll inside their own frame
        assert page.evaluate("getComputedStyle(document.querySelector('table.heat').parentElement).overflowX") == "auto"


def test_the_verdict_is_on_the_first_screen(watched, examples_site):
    for width in (1280, 400):
        page, _ = watched(examples_site, width=width)
        box = page.locator("#verdict-h").bounding_box()
        assert box is not None and box["y"] + box["height"] <= 900, width


def test_a_link_to_a_collapsed_criterion_opens_it(watched, examples_site):
    page, _ = watched(examples_site)
    link = page.locator("ol.gap-list a").first
    target = link.get_attribute("href")
    card = page.locator(f"details:has({target})")
    assert card.count() == 1 and card.get_attribute("open") is None
    link.click()
    page.wait_for_timeout(100)
    assert card.get_attribute("open") is not None
    assert page.locator(target).is_visible()


def test_screenshot_is_saved(watched, site, examples_site):
    page, _ = watched(site)
    out = _artifacts() / "report.png"
    page.screenshot(path=str(out), full_page=True)
    assert out.stat().st_size > 10_000
    page.screenshot(path=str(_artifacts() / "report-top.png"))
    page, _ = watched(site, width=390)
    page.screenshot(path=str(_artifacts() / "report-narrow-top.png"))
    for width in (1280, 400):
        page, _ = watched(examples_site, width=width)
        page.screenshot(path=str(_artifacts() / f"executive-{width}.png"))
