"""Agreement of the built-in rubrics with a labelled set of policies.

    python scripts/agreement.py [DIR ...] [--criterion ID] [--show-all] [--rubric FILE ...]

Each DIR holds policy files and an ``expected.yaml`` (file -> criterion -> status or
list of acceptable statuses). Prints every disagreement with the evidence the
checker used, then the agreement per criterion and overall, and counts the worst
kind of error: a ``met`` where the reviewer found the criterion unmet.

The figures docs/accuracy.md records: *positive recall*, agreement on the labels
where the reviewer found the policy states something (``met`` or ``partial`` among
the acceptable statuses); *negative recall*, agreement on the labels that are
``not_met`` only; *balanced agreement*, the mean of the two, so that a set of mostly
silent policies cannot hide a checker that finds nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

from standards_check.engine.checker import Checker, collect_rubrics
from standards_check.engine.plugins import load_plugins
from standards_check.loading.policy import load_policy

ROOT = Path(__file__).resolve().parent.parent


def labelled(directory: Path) -> list[tuple[Path, dict]]:
    expected = yaml.safe_load((directory / "expected.yaml").read_text(encoding="utf-8"))
    return [(directory / name, labels) for name, labels in sorted(expected.items())]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="*", default=[str(ROOT / "examples" / "policies"), str(ROOT / "tests" / "corpus"), str(ROOT / "tests" / "corpus-b"), str(ROOT / "tests" / "corpus-c")])
    ap.add_argument("--criterion", action="append", default=[])
    ap.add_argument("--show-all", action="store_true")
    ap.add_argument("--quiet", "-q", action="store_true")
    args = ap.parse_args()
    rubric_set = collect_rubrics(load_plugins())
    if rubric_set.problems:  # a figure over a rubric that did not load would be a lie
        sys.exit("agreement: a rubric did not load: " + "; ".join(str(p) for p in rubric_set.problems))
    checker = Checker(rubric_set)
    per = Counter()
    agree = Counter()
    by_class = Counter()  # ("positive"|"negative", agreed) -> labels
    wrong_met = []
    for d in args.dirs:
        d = Path(d)
        exp_dir = d
        if not (d / "expected.yaml").exists() and d.name == "policies":
            exp_file = ROOT / "tests" / "examples_expected.yaml"
            pairs = [(d / n, lab) for n, lab in sorted(yaml.safe_load(exp_file.read_text()).items())]
        else:
            pairs = labelled(exp_dir)
        for path, labels in pairs:
            result = checker.check(load_policy(path)).to_dict()
            for rubric in result["rubrics"]:
                for c in rubric["criteria"]:
                    if args.criterion and c["id"] not in args.criterion:
                        continue
                    want = labels.get(c["id"])
                    if want is None:
                        continue
                    want = want if isinstance(want, list) else [want]
                    ok = c["status"] in want
                    by_class["negative" if want == ["not_met"] else "positive", ok] += 1
                    per[c["id"]] += 1
                    agree[c["id"]] += ok
                    if c["status"] == "met" and "met" not in want:
                        wrong_met.append(f"{path.name} {c['id']}")
                    if (not ok or args.show_all) and not args.quiet:
                        print(f"{'ok ' if ok else 'BAD'} {path.parent.name}/{path.name} {c['id']}: got {c['status']}, expected {'/'.join(want)}")
                        print(f"      {c['rationale']}")
                        for e in c["evidence"]:
                            tag = e["element"] or e["red_flag"]
                            hedge = f" [hedged: {e['hedge']}]" if e["hedge"] else ""
                            print(f"      + {e['kind']} {tag} L{e['line']} «{e['match']}»{hedge} :: {e['quote'][:140]}")
                        for e in c["considered"]:
                            print(f"      x {e['element'] or e['red_flag']} L{e['line']} «{e['match']}» ({e['reason']})")
    print()
    total = sum(per.values())
    for cid in sorted(per):
        print(f"{cid:8} {agree[cid]:3}/{per[cid]:<3}")
    print(f"agreement: {sum(agree.values())}/{total} = {100 * sum(agree.values()) / max(1, total):.1f}%")
    recall = {}
    for side in ("positive", "negative"):
        n = by_class[side, True] + by_class[side, False]
        recall[side] = by_class[side, True] / n if n else 1.0
        print(f"{side} recall: {by_class[side, True]}/{n} = {100 * recall[side]:.1f}%")
    print(f"balanced agreement: {50 * (recall['positive'] + recall['negative']):.1f}%")
    print(f"met where the reviewer found unmet: {len(wrong_met)} {wrong_met}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
