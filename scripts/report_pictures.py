"""Redraw the README's pictures of the HTML report (docs/images/) from the bundled example.

Needs Playwright for Python and a Chromium (``bash .ci/install-browser-deps``):

    python scripts/report_pictures.py
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
IMAGES = ROOT / "docs" / "images"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.html"
        subprocess.run([sys.executable, "-m", "standards_check", "check", str(EXAMPLE), "-f", "html", "-o", str(report)],
                       cwd=ROOT, check=False)
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"]) if chromium else p.chromium.launch()
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto(report.as_uri())
            page.screenshot(path=str(IMAGES / "report.png"))
            page.set_viewport_size({"width": 1000, "height": 900})
            page.locator("article.criterion.status-partial").first.screenshot(path=str(IMAGES / "finding.png"))
            browser.close()


if __name__ == "__main__":
    main()
