"""The foundation's linker: exact match on the normalised name and birth date.

Two current mentions are one person when their name keys (surname, first name, patronymic,
folded) and birth dates are equal. A mention without a name is never merged on other fields.
Rows of a distinct-persons list are never merged with each other. Reviewer decisions are
applied as constraints on every run (see :mod:`tally.link.clusters`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, select

from tally.link import clusters, lineage, persist
from tally.store import Store
from tally.store.schema import decisions, link_runs, mentions, sources
from tally.verify import audit


@dataclass(frozen=True)
class LinkReport:
    run_id: int
    mentions: int
    persons: int
    merged_pairs: int

    def as_dict(self) -> dict[str, int]:
        return {
            "run_id": self.run_id,
            "mentions": self.mentions,
            "persons": self.persons,
            "merged_pairs": self.merged_pairs,
        }


def active_pairs(conn: Connection) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(must-link, cannot-link) mention pairs from active reviewer decisions.

    For each pair only the newest active decision counts; across pairs the newest decision
    wins over older ones it contradicts (see :func:`tally.link.clusters.resolve`).
    """
    must, cannot, _overruled = resolved_pairs(conn)
    return must, cannot


def resolved_pairs(
    conn: Connection,
) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[str, int, int]]]:
    """(must, cannot, overruled decisions) from the active pair decisions.

    A decision names the mentions the reviewer saw; it applies to their current versions
    (:func:`tally.link.lineage.current_of`). One whose mention was retired is left out here
    (``tally reextract`` lists it).
    """
    rows = conn.execute(
        select(decisions.c.kind, decisions.c.mention_a, decisions.c.mention_b)
        .where(
            decisions.c.deleted_at.is_(None),
            decisions.c.kind.in_(("same", "different")),
            decisions.c.mention_a.is_not(None),
            decisions.c.mention_b.is_not(None),
        )
        .order_by(decisions.c.created_at, decisions.c.id)
    ).all()
    resolved = lineage.current_of(conn, {m for _k, a, b in rows for m in (a, b)})
    latest: dict[tuple[int, int], str] = {}
    for kind, a0, b0 in rows:
        current = lineage.resolve_pair(resolved, a0, b0)
        if current is None:
            continue
        a, b = current
        pair = (min(a, b), max(a, b))
        latest.pop(pair, None)  # re-inserted below: dict order is then decision order
        latest[pair] = kind
    newest_first = [(kind, a, b) for (a, b), kind in reversed(latest.items())]
    return clusters.resolve(newest_first)


def current_items(conn: Connection) -> tuple[dict[int, int | None], list[tuple[int, str, str]]]:
    """(mention id -> distinct group, [(mention id, name key, birth date)]) for current mentions."""
    query = (
        select(
            mentions.c.id,
            mentions.c.name_key,
            mentions.c.birth_date,
            mentions.c.source_id,
            sources.c.distinct_persons,
        )
        .join(sources, sources.c.id == mentions.c.source_id)
        .where(mentions.c.superseded_at.is_(None))
    )
    items: dict[int, int | None] = {}
    keyed: list[tuple[int, str, str]] = []
    for mid, key, birth, source_id, distinct in conn.execute(query):
        items[mid] = source_id if distinct else None
        if key:
            keyed.append((mid, key, birth or ""))
    return items, keyed


def link_exact(store: Store, actor: str = "cli") -> LinkReport:
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        run = conn.execute(
            link_runs.insert().values(
                started_at=now, method="exact", params=json.dumps({"key": "name_key+birth_date"})
            )
        )
        pk = run.inserted_primary_key
        assert pk is not None
        run_id = int(pk[0])
        items, keyed = current_items(conn)
        by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
        for mid, key, birth in keyed:
            by_key[(key, birth)].append(mid)
        candidates = [(ids[0], other, 1.0) for ids in by_key.values() for other in ids[1:]]
        must, cannot, overruled = resolved_pairs(conn)
        result = clusters.build(items, must, cannot, candidates)
        groups = result.groups()
        persist.save(conn, groups, run_id)
        report = LinkReport(run_id, len(items), len(groups), len(items) - len(groups))
        conn.execute(
            link_runs.update()
            .where(link_runs.c.id == run_id)
            .values(
                finished_at=datetime.now(UTC), n_mentions=report.mentions, n_persons=report.persons
            )
        )
        audit.append(
            conn,
            actor,
            "link.run",
            f"run {run_id}",
            {**report.as_dict(), "overruled_decisions": [list(d) for d in overruled]},
        )
    return report
