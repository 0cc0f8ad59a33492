"""Write docs/criteria.md from the built-in rubric files, so that it cannot drift from them.

    python scripts/criteria_doc.py          # rewrite docs/criteria.md
    python scripts/criteria_doc.py --check  # exit 1 if docs/criteria.md is not what the rubrics say

tests/test_docs.py runs the check.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from standards_check.engine.checker import collect_rubrics
from standards_check.engine.plugins import load_plugins

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "criteria.md"
BUILT_IN = ("autonomy", "mutual-respect", "shared-decisions")

HEAD = """# The built-in criteria

<!-- Written by scripts/criteria_doc.py from rubrics/*.yaml: edit the rubrics, then run it. -->

Three rubrics check what peer-support practice guidelines agree on: the person served
directs their own recovery (autonomy), the relationship is one of equals (mutual
respect), and decisions are made together (shared decisions). Criterion IDs and
their elements are stable: reports, attestations and other tools refer to them.
`standards-check explain ID` shows one criterion with its remediation, model
language and references.

## How a criterion is decided

Each criterion has elements (a), (b) ... An element is present when the policy states
it affirmatively; a negated, hypothetical, questioned or mentioned statement does not
count, and a hedged one ("where possible", "we try to") counts only as not firm. A red
flag is language that contradicts the criterion; a negated red flag is none.

| status | when |
| --- | --- |
| `met` | every element is firmly present and no red flag stands |
| `partial` | some element is present (or only hedged), not all firmly, and no red flag stands |
| `not_met` | no element is present, or a red flag stands (it is quoted beside any evidence) |
| `not_applicable` | the criterion does not apply (an attestation, or a setting the rubric names) |
| `needs_review` | the text cannot decide it; a person must attest |
| `error` | the rubric failed; the run goes on and the report says so |

Severity weights the score: critical 3, major 2, minor 1; a criterion scores 1 when
met, 0.5 when partial and 0 when not met, over the criteria that are neither
`not_applicable` nor `needs_review`. How sentences are read, and when a match
counts, is described in `docs/rubric-format.md`.
"""


def render() -> str:
    rubric_set = collect_rubrics(load_plugins(), select=list(BUILT_IN))
    if rubric_set.problems:
        sys.exit(f"criteria_doc: a rubric did not load: {rubric_set.problems}")
    rubrics = {r.id: r for r in rubric_set.rubrics}
    out = [HEAD]
    for rid in BUILT_IN:
        rubric = rubrics[rid]
        out += [f"\n## {rubric.title} (`{rubric.id}`)\n", f"{rubric.description}\n" if rubric.description else ""]
        out += ["| ID | title | severity | elements |", "| --- | --- | --- | --- |"]
        for c in rubric.criteria:
            elements = "; ".join(f"({e.id}) {e.description}" for e in c.elements)
            out.append(f"| {c.id} | {c.title} | {c.severity} | {elements} |")
        for c in rubric.criteria:
            out += [f"\n### {c.id} {c.title}\n", f"{c.requirement}\n"]
            if c.why:
                out.append(f"*Why it matters.* {c.why}\n")
            if c.red_flags:
                out.append("Red flags (any one makes it not met):\n")
                for flag in c.red_flags:
                    examples = f" For example: {'; '.join(flag.examples)}." if flag.examples else ""
                    out.append(f"- {flag.description}.{examples}")
                out.append("")
            if c.references:
                refs = "; ".join(f"{r.document}" + (f", {r.section}" if r.section else "") for r in c.references)
                out.append(f"References: {refs}.\n")
    return "\n".join(out).rstrip() + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    text = render()
    if ap.parse_args().check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print("docs/criteria.md is not what the rubrics say: run python scripts/criteria_doc.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
