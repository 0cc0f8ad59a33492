"""Generate a realistic synthetic corpus of policy documents for benchmarks.

    python benchmarks/generate_corpus.py OUT_DIR [--count 1000] [--size 50000] [--seed 1]

Each document is a valid policy document of about ``--size`` bytes: a program
mapping, declarations, and policies whose text is drawn (deterministically, from
the seed) from the sentences of the labelled policies in the repository, so the
prose has the vocabulary, length and mix of real policies.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "examples" / "policies", ROOT / "tests" / "corpus", ROOT / "tests" / "corpus-b"]
SETTINGS = ["peer-run", "community", "clinical", "inpatient", "residential", "justice", "housing", "other"]


def sentence_bank() -> list[str]:
    bank: list[str] = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.yaml")):
            if path.name == "expected.yaml":
                continue
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            for policy in data["policies"]:
                text = " ".join(policy["text"].split())
                bank.extend(s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 20)
    return bank


def document(rng: random.Random, bank: list[str], index: int, size: int) -> str:
    lines = [
        "standards_check: 1",
        "program:",
        f"  name: \"Synthetic Program {index:05d}\"",
        f"  organization: \"Agency {index % 97:02d}\"",
        f"  setting: {rng.choice(SETTINGS)}",
        "  services: [peer support, recovery groups, warmline]",
        "  effective: 2026-01-15",
        "policies:",
    ]
    n = 0
    while sum(len(line) + 1 for line in lines) < size:
        n += 1
        lines += [f"  - id: policy-{n}", f"    title: \"Policy {n}\"", f"    ref: \"{n}.1\"", "    audience: all", "    text: |"]
        paragraph: list[str] = []
        for sentence in rng.sample(bank, rng.randint(4, 9)):
            paragraph.append(sentence)
            if len(" ".join(paragraph)) > 70:
                lines.extend(_wrap(" ".join(paragraph)))
                paragraph = []
        if paragraph:
            lines.extend(_wrap(" ".join(paragraph)))
    lines += ["declarations:", "  participation: voluntary"]
    return "\n".join(lines) + "\n"


def _wrap(text: str, width: int = 78) -> list[str]:
    out, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) + 1 > width:
            out.append("      " + line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        out.append("      " + line)
    return out


def generate(out: Path, count: int, size: int = 50_000, seed: int = 1) -> None:
    bank = sentence_bank()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (out / f"program-{i:05d}.yaml").write_text(document(rng, bank, i, size), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--size", type=int, default=50_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    generate(args.out, args.count, args.size, args.seed)


if __name__ == "__main__":
    main()
