"""Redraw the README's pictures of the HTML report (docs/images/) from the bundled examples.

report.png and finding.png show the report of one example policy; executive-1280.png
and executive-400.png the first screen of the report of all three (examples/policies),
on a wide screen and on a phone: the verdict first.

Needs Playwright for Python and a Chromium (``bash .ci/install-browser-deps``):

    python scripts/report_pictures.py              # every picture
    python scripts/report_pictures.py executive    # only these (report, finding, executive)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "policies" / "harbor-peer-center.yaml"
EXAMPLES = ROOT / "examples" / "policies"
IMAGES = ROOT / "docs" / "images"
PICTURES = ("report", "finding", "executive")


def _report(source: Path, out: Path) -> None:
    subprocess.run([sys.executable, "-m", "standards_check", "check", str(source), "-f", "html", "-o", str(out), "-q"],
                   cwd=ROOT, check=False)


def main(which: tuple[str, ...] = PICTURES) -> None:
    unknown = [w for w in which if w not in PICTURES]
    if unknown:
        sys.exit(f"report_pictures: unknown picture {', '.join(unknown)} (known: {', '.join(PICTURES)})")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.html"
        _report(EXAMPLE, report)
        executive = Path(tmp) / "executive.html"
        _report(EXAMPLES, executive)
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"]) if chromium else p.chromium.launch()
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto(report.as_uri())
            if "report" in which:
                page.screenshot(path=str(IMAGES / "report.png"))
            if "finding" in which:
                page.set_viewport_size({"width": 1000, "height": 900})
                card = page.locator("details.crit.status-partial").first
                card.locator("summary").click()  # the criteria are collapsed: open one
                card.screenshot(path=str(IMAGES / "finding.png"))
            if "executive" in which:
                for width in (1280, 400):  # the first screen, on a wide screen and on a phone
                    page.set_viewport_size({"width": width, "height": 900})
                    page.goto(executive.as_uri())
                    page.screenshot(path=str(IMAGES / f"executive-{width}.png"))
            browser.close()


if __name__ == "__main__":
    main(tuple(sys.argv[1:]) or PICTURES)
