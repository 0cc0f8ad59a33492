"""Generate a realistic synthetic corpus of policy documents for benchmarks.

    python benchmarks/generate_corpus.py OUT_DIR [--count 1000] [--size 50000] [--seed 1]

Each document is a valid policy document of about ``--size`` bytes: a program
mapping, declarations, and policies whose text is drawn (deterministically, from
the seed) from the sentences of the labelled policies in the repository, so the
prose has the vocabulary, length and mix of real policies.

Drawn as they are, the corpus would repeat a bank of about 900 sentences, which
no real set of agencies does (and which would flatter any cache keyed by
words). So each document calls the people it serves and its peer workers by
names of its own, and sentences are varied as agencies' own wording varies: some
numbers change, some sentences open with a connective, and some are joined to
the next one. Measured on 200 documents: 23,700 distinct sentences among 60,400
(drawn unchanged, 1,000 among 72,500), and checking costs 4% more per document.
``corpus.json``, written last, records how a corpus folder was made.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "examples" / "policies", ROOT / "tests" / "corpus", ROOT / "tests" / "corpus-b"]
GENERATOR_VERSION = 2  # part of the stamp: a corpus made by an older generator is made again
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


# words an agency chooses for the people it serves and for its peer workers:
# each document maps every one of them to a word of the same group, its own
PEOPLE = [
    ("participant", "participants"), ("member", "members"), ("guest", "guests"),
    ("resident", "residents"), ("tenant", "tenants"), ("client", "clients"),
    ("person served", "people served"), ("consumer", "consumers"),
]
WORKERS = [
    ("mentor", "mentors"), ("peer specialist", "peer specialists"), ("supporter", "supporters"),
    ("coach", "coaches"), ("peer worker", "peer workers"),
    ("recovery coach", "recovery coaches"), ("peer supporter", "peer supporters"),
]
OPENINGS = [
    "In addition", "As a rule", "In practice", "At this program", "For this reason", "In general",
    "As noted above", "Day to day", "At every site", "Under this policy", "Likewise", "As always",
]
NUMBERS = ["2", "3", "5", "7", "10", "14", "15", "24", "30", "45", "48", "60", "72", "90"]
_NUMBER = re.compile(r"(?<![\d.:])\b\d{1,3}\b(?![.:]?\d)")  # not a section number or a time


def vocabulary(rng: random.Random) -> tuple[re.Pattern[str], dict[str, str]]:
    """A document's own words for people and workers: what to find, and each one's replacement."""
    mapping: dict[str, str] = {}
    for group in (PEOPLE, WORKERS):
        chosen = rng.sample(group, len(group))
        for (one, many), (new_one, new_many) in zip(group, chosen, strict=True):
            mapping[one], mapping[many] = new_one, new_many
    words = sorted(mapping, key=len, reverse=True)  # "peer specialists" before "peer specialist"
    # not the "member" of "staff member", "team members", "family member"
    found = re.compile(r"(?<!staff )(?<!team )(?<!board )(?<!family )(?<!committee )\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
    return found, mapping


_ARTICLE = re.compile(r"\b([Aa]n?) (?=(" + "|".join(w for pair in PEOPLE + WORKERS for w in pair) + r")\b)")


def _article(article: str, word: str) -> str:
    right = "an" if word[0] in "aeiou" else "a"
    return right.capitalize() + " " if article[0] == "A" else right + " "


def vary(rng: random.Random, sentence: str, words: re.Pattern[str], mapping: dict[str, str]) -> str:
    """``sentence`` as this document would word it."""
    def own(m: re.Match[str]) -> str:
        new = mapping[m.group(0).lower()]
        return new[0].upper() + new[1:] if m.group(0)[0].isupper() else new

    sentence = words.sub(own, sentence)
    sentence = _ARTICLE.sub(lambda m: _article(m.group(1), m.group(2)), sentence)
    if rng.random() < 0.5:
        sentence = _NUMBER.sub(lambda m: rng.choice(NUMBERS), sentence)
    if rng.random() < 0.25 and sentence[:1].isupper() and not sentence.startswith(("I ", "I'")):
        sentence = f"{rng.choice(OPENINGS)}, {sentence[0].lower()}{sentence[1:]}"
    return sentence


def _joined(rng: random.Random, first: str, second: str) -> str:
    """Two sentences made one, as long policies often write them."""
    if second[:1].isupper() and not second.startswith(("I ", "I'")):
        second = second[0].lower() + second[1:]
    return f"{first.rstrip('.!?')}{rng.choice(['; ', ', and ', '; also, '])}{second}"


def document(rng: random.Random, bank: list[str], index: int, size: int) -> str:
    words, mapping = vocabulary(rng)
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
        drawn = [vary(rng, s, words, mapping) for s in rng.sample(bank, rng.randint(4, 9))]
        while drawn:
            sentence = drawn.pop(0)
            if drawn and rng.random() < 0.2 and not sentence.startswith("- ") and not drawn[0].startswith("- "):
                sentence = _joined(rng, sentence, drawn.pop(0))
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
    (out / STAMP).unlink(missing_ok=True)
    for old in out.glob("program-*.yaml"):
        old.unlink()
    for i in range(count):
        (out / f"program-{i:05d}.yaml").write_text(document(rng, bank, i, size), encoding="utf-8")
    (out / STAMP).write_text(json.dumps(stamp(count, size, seed)) + "\n", encoding="utf-8")  # last: the corpus is whole


STAMP = "corpus.json"


def stamp(count: int, size: int = 50_000, seed: int = 1) -> dict[str, int]:
    """What a corpus folder's stamp says when it was made whole by this generator with these settings."""
    return {"generator": GENERATOR_VERSION, "count": count, "size": size, "seed": seed}


def is_current(out: Path, count: int, size: int = 50_000, seed: int = 1) -> bool:
    """Whether ``out`` holds a whole corpus this generator made with these settings."""
    try:
        return json.loads((out / STAMP).read_text(encoding="utf-8")) == stamp(count, size, seed)
    except (OSError, ValueError):
        return False


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
