"""Which pieces of evidence are independent sources.

Two pieces are one source when they come from the same channel or site, share a URL (or an
archived copy of it), or their texts are near-identical (reposts): Jaccard similarity of word
shingles at or above the threshold. One source is counted once, however often it repeats.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tally.verify.evidence import Evidence, normalise_url
from tally.verify.rules import Independence

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int) -> frozenset[tuple[str, ...]]:
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) <= k:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[i:i + k]) for i in range(len(words) - k + 1))


def jaccard(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def groups(evidence: Sequence[Evidence], rules: Independence) -> list[list[Evidence]]:
    """Partition evidence into independent sources (each group is one source)."""
    parent = list(range(len(evidence)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    seen: dict[tuple[str, object], int] = {}
    for i, ev in enumerate(evidence):
        keys: list[tuple[str, object]] = []
        if rules.same_source:
            keys.append(("source", ev.source_id))
        if rules.same_url:
            keys.extend(("url", normalise_url(u)) for u in ev.urls if u.strip())
        for key in keys:
            if key in seen:
                union(i, seen[key])
            else:
                seen[key] = i
    if len(evidence) > 1:
        sh = [shingles(ev.text, rules.shingle_words)
              if ev.text and len(_WORD.findall(ev.text)) >= rules.min_words else frozenset()
              for ev in evidence]
        for i in range(len(evidence)):
            for j in range(i + 1, len(evidence)):
                if sh[i] and sh[j] and find(i) != find(j) \
                        and jaccard(sh[i], sh[j]) >= rules.text_similarity:
                    union(i, j)
    out: dict[int, list[Evidence]] = {}
    for i, ev in enumerate(evidence):
        out.setdefault(find(i), []).append(ev)
    return sorted(out.values(), key=lambda g: min(e.mention_id for e in g))
