"""The review queue, computed on demand from the stored pair scores.

A pair is worth reviewing when the model is unsure (probability in the band
[``floor``, ``ceiling``)) and nobody has decided it yet. Pairs are ordered by how much a
decision would change: the number of mentions whose person would change (the two clusters
that would merge, or the cluster that would split) times the model's uncertainty
``1 - |2p - 1|``. No table is needed: scores live in ``<data_dir>/link/pairs.parquet``,
membership and decisions in the store, so the queue is always current.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select

from tally.link import exact
from tally.link.files import LinkFiles
from tally.store import Store
from tally.store.schema import person_mentions

FLOOR = 0.2
CEILING = 0.97


@dataclass(frozen=True)
class ReviewItem:
    mention_a: int
    mention_b: int
    match_probability: float
    person_a: int | None
    person_b: int | None
    priority: float

    @property
    def merged(self) -> bool:
        return self.person_a is not None and self.person_a == self.person_b


def priority(p: float, size_a: int, size_b: int, merged: bool) -> float:
    """Mentions affected × uncertainty (1 at p = 0.5, 0 at p = 0 or 1)."""
    affected = size_a if merged else size_a + size_b
    return affected * (1.0 - abs(2.0 * p - 1.0))


def review_queue(store: Store, limit: int = 100, floor: float = FLOOR,
                 ceiling: float = CEILING) -> list[ReviewItem]:
    files = LinkFiles(store.settings.data_dir)
    pairs = files.load_frame(files.pairs)
    if pairs is None:
        return []
    band = pairs[(pairs["match_probability"] >= floor) & (pairs["match_probability"] < ceiling)]
    with store.engine.connect() as conn:
        member = dict(conn.execute(
            select(person_mentions.c.mention_id, person_mentions.c.person_id)).all())
        must, cannot = exact.active_pairs(conn)
    decided = set(must) | set(cannot)
    sizes = Counter(member.values())
    items = []
    for a, b, p in band.itertuples(index=False, name=None):
        a, b = int(a), int(b)
        if (min(a, b), max(a, b)) in decided:
            continue
        pa, pb = member.get(a), member.get(b)
        merged = pa is not None and pa == pb
        size_a = sizes.get(pa, 1) if pa is not None else 1
        size_b = sizes.get(pb, 1) if pb is not None else 1
        items.append(ReviewItem(a, b, float(p), pa, pb, priority(float(p), size_a, size_b,
                                                                   merged)))
    items.sort(key=lambda it: (-it.priority, it.mention_a, it.mention_b))
    return items[:limit]
