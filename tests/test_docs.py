"""The documents a user reads say what the code does.

docs/criteria.md is written from the rubric files (scripts/criteria_doc.py), so it
cannot drift from them; every document the code and docs point to exists.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_criteria_document_is_what_the_rubrics_say():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "criteria_doc.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_document_the_code_and_docs_name_exists():
    named = set()
    for path in [*ROOT.glob("standards_check/**/*.py"), *ROOT.glob("plugins/*.py"), *ROOT.glob("docs/*.md"), ROOT / "README.md"]:
        named.update(re.findall(r"\b((?:docs|benchmarks|scripts)/[\w./-]+\.(?:md|py|yaml))", path.read_text(encoding="utf-8")))
    missing = sorted(n for n in named if not (ROOT / n).exists())
    assert missing == []
