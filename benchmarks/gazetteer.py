"""Region gazetteer: index build time, find_in_text throughput, lookup throughput, stray hits.

Writes docs/benchmarks/gazetteer.md. Usage:
PYTHONPATH=src python benchmarks/gazetteer.py [path/to/shared/data]
"""

from __future__ import annotations

import csv
import itertools
import random
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

TEMPLATES = [
    "Стало известно о гибели {name} ({year} г. р.) из {place}.",
    "Он был уроженцем {place}, служил по контракту и погиб {day} числа.",
    "Похороны прошли в {place}; проститься пришли жители {place}.",
    "Мобилизованный из {place} погиб в зоне СВО, сообщили местные власти.",
    "A soldier from {en} was killed, the local administration said.",
    "Родные погибшего {name} рассказали, что он переехал в {place} после школы.",
]
NAMES = ["Ивана Петрова", "Сергея Орлова", "Артёма Курского", "Владимира Тулаева"]


def _corpus(size: int, rng: random.Random) -> str:
    from tally.gazetteer import regions

    places = ["Бурятии", "Курской области", "Улан-Удэ", "Екатеринбурге", "Республике Саха (Якутия)",
              "Ставропольского края", "Магнитогорска", "Приморье", "ДНР", "Орла", "Москвы"]
    en = [r.short_en for r in regions()]
    parts: list[str] = []
    total = 0
    while total < size:
        s = rng.choice(TEMPLATES).format(
            name=rng.choice(NAMES), year=rng.randint(1960, 2005), day=rng.randint(1, 28),
            place=rng.choice(places), en=rng.choice(en),
        )
        parts.append(s)
        total += len(s) + 1
    return " ".join(parts)


def _dictionary_words(n: int, rng: random.Random) -> list[str]:
    from tally.gazetteer.morph import analyzer

    # every 20th form of the dictionary, leaving out place names (Geox) themselves
    forms = itertools.islice(analyzer().dictionary.iter_known_words(), 0, None, 20)
    words = sorted({w for w, tag, *_ in forms if "Geox" not in tag and w.isalpha()})
    return rng.sample(words, n)


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "data"
    rng = random.Random(0)
    lines = ["## Region gazetteer (2-core machine shared with other jobs)", ""]

    start = time.perf_counter()
    from tally.gazetteer import find_in_text, lookup
    from tally.gazetteer.index import name_index

    index = name_index()
    build = time.perf_counter() - start
    n_text = sum(len(v) for v in index.text.values())
    lines.append(
        f"- Index build (first use, pymorphy3 load + all case forms): **{build:.2f} s**; "
        f"{len(index.lookup):,} lookup keys, {n_text:,} text keys, "
        f"{len(index.ambiguous)} ambiguous keys left out."
    )

    text = _corpus(2_000_000, rng)
    mb = len(text.encode("utf-8")) / 1e6
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        hits = find_in_text(text)
        runs.append(time.perf_counter() - t0)
    best = min(runs)
    lines.append(
        f"- `find_in_text` on {len(text):,} characters ({mb:.1f} MB UTF-8) of synthetic "
        f"death-notice sentences: best of 3 **{best:.2f} s = {mb / best:.1f} MB/s**, "
        f"{len(hits):,} hits (goal > 1 MB/s)."
    )

    words = _dictionary_words(100_000, rng)
    stray = Counter((h.surface, h.code, h.kind) for h in find_in_text(" ".join(words)))
    lines.append(
        "- Stray hits in 100,000 random pymorphy3 dictionary word forms not tagged as place "
        f"names (lower case, joined by spaces): **{sum(stray.values())}** "
        f"({len(stray)} distinct), e.g. "
        + ", ".join(f"«{s}» → {c} ({k})" for (s, c, k), _ in stray.most_common(8))
        + "."
    )
    capitalised = [w.capitalize() for w in words]
    stray_cap = Counter(
        (h.surface, h.code, h.kind) for h in find_in_text(" ".join(capitalised))
    )
    lines.append(
        f"- The same words capitalised (worst case: every word looks like a name): "
        f"**{sum(stray_cap.values())}** hits ({len(stray_cap)} distinct), e.g. "
        + ", ".join(f"«{s}» → {c} ({k})" for (s, c, k), _ in stray_cap.most_common(8))
        + "."
    )

    path = data / "losses" / "bessudnov" / "dfFatalitiesAnonymised.csv"
    if path.exists():
        with path.open(encoding="utf-8") as f:
            values = [row["region"] for row in csv.DictReader(f)]
        t0 = time.perf_counter()
        resolved = [lookup(v) for v in values]
        took = time.perf_counter() - t0
        unknown = Counter(v for v, c in zip(values, resolved, strict=True) if c is None)
        lines.append(
            f"- `lookup` over the {len(values):,} `region` cells of Bessudnov's list: "
            f"{took * 1000:.0f} ms ({len(values) / took:,.0f} names/s); unresolved: "
            + (", ".join(f"{v!r} × {n}" for v, n in unknown.items()) or "none")
            + "."
        )
    out = "\n".join(lines) + "\n"
    print(out)
    (REPO / "docs" / "benchmarks" / "gazetteer.md").write_text(out, encoding="utf-8")


if __name__ == "__main__":
    main()
