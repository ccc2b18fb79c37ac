"""The review queue of uncertain mention pairs.

:func:`pending_pairs` reads the store: a mention linked to its person with a match probability
below ``ceiling`` is paired with the person's most certain other mention. Pairs a reviewer
has decided (same / different / not sure) leave the queue. The most uncertain pairs (closest
to 0.5) come first. A linker with its own queue can hand its pairs in as ``candidates``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, select

from tally.link import lineage
from tally.store.schema import decisions, mentions, person_mentions

CEILING = 0.95


@dataclass(frozen=True)
class QueuePair:
    mention_a: int
    mention_b: int
    probability: float | None


def decided_pairs(conn: Connection) -> set[tuple[int, int]]:
    """Decided pairs, as named and as their current versions (after re-extraction)."""
    rows = conn.execute(select(decisions.c.mention_a, decisions.c.mention_b).where(
        decisions.c.deleted_at.is_(None), decisions.c.kind.in_(("same", "different", "unsure")),
        decisions.c.mention_a.is_not(None), decisions.c.mention_b.is_not(None))).all()
    resolved = lineage.current_of(conn, {m for row in rows for m in row})
    pairs = [*rows, *filter(None, (lineage.resolve_pair(resolved, a, b) for a, b in rows))]
    return {(min(a, b), max(a, b)) for a, b in pairs}


def stored_candidates(conn: Connection, ceiling: float = CEILING) -> list[QueuePair]:
    rows = conn.execute(
        select(person_mentions.c.person_id, person_mentions.c.mention_id,
               person_mentions.c.match_probability)
        .join(mentions, mentions.c.id == person_mentions.c.mention_id)
        .where(mentions.c.superseded_at.is_(None))
        .order_by(person_mentions.c.person_id, person_mentions.c.mention_id))
    members: dict[int, list[tuple[int, float | None]]] = {}
    for pid, mid, prob in rows:
        members.setdefault(int(pid), []).append((int(mid), prob))
    out: list[QueuePair] = []
    for group in members.values():
        if len(group) < 2:
            continue
        anchor = max(group, key=lambda t: (1.0 if t[1] is None else t[1], -t[0]))[0]
        for mid, prob in group:
            if mid != anchor and prob is not None and prob < ceiling:
                out.append(QueuePair(min(mid, anchor), max(mid, anchor), prob))
    return out


def pending_pairs(conn: Connection, limit: int = 50,
                  candidates: Iterable[QueuePair] | None = None) -> list[QueuePair]:
    """Undecided pairs, most uncertain first."""
    pool = list(candidates) if candidates is not None else stored_candidates(conn)
    done = decided_pairs(conn)
    seen: set[tuple[int, int]] = set()
    out: list[QueuePair] = []
    for p in pool:
        key = (min(p.mention_a, p.mention_b), max(p.mention_a, p.mention_b))
        if key in done or key in seen:
            continue
        seen.add(key)
        out.append(p)
    out.sort(key=lambda p: (abs((p.probability if p.probability is not None else 1.0) - 0.5),
                            p.mention_a, p.mention_b))
    return out[:limit]
