"""The foundation's grading rule (the verification issue replaces it with YAML rules).

- ``discounted``: the newest active reviewer decision on the person is a discount;
- ``confirmed``: a reviewer confirmed it, or a source of type official or relatives reports
  it, or a source whose compilers confirm each death (``sources.confirms``), or at least two
  independent sources (two different sources) report it;
- ``reported``: otherwise (a single unconfirmed source).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy import bindparam, select, update

from tally.store import Store
from tally.store.schema import decisions, mentions, person_mentions, persons, sources
from tally.verify import audit

CONFIRMING_TYPES = frozenset({"official", "relatives"})


def grade_one(
    source_types: set[str], confirming_lists: bool, n_sources: int, review: str | None
) -> tuple[str, str]:
    """(grade, reason) for one person."""
    if review == "discount":
        return "discounted", "a reviewer discounted it"
    if review == "confirm":
        return "confirmed", "a reviewer confirmed it"
    official = sorted(source_types & CONFIRMING_TYPES)
    if official:
        return "confirmed", f"reported by a source of type {official[0]}"
    if confirming_lists:
        return "confirmed", "on a list whose compilers confirmed each death"
    if n_sources >= 2:
        return "confirmed", f"reported by {n_sources} independent sources"
    return "reported", "a single unconfirmed source"


def grade_all(store: Store, actor: str = "cli") -> dict[str, int]:
    """Recompute every live person's grade; returns counts per grade."""
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        per_person: dict[int, tuple[set[str], set[int], bool]] = defaultdict(
            lambda: (set(), set(), False))
        query = (
            select(person_mentions.c.person_id, sources.c.id, sources.c.type, sources.c.confirms)
            .join(mentions, mentions.c.id == person_mentions.c.mention_id)
            .join(sources, sources.c.id == mentions.c.source_id)
        )
        for pid, sid, stype, confirms in conn.execute(query):
            types, ids, conf = per_person[pid]
            types.add(stype)
            ids.add(sid)
            per_person[pid] = (types, ids, conf or bool(confirms))
        reviews: dict[int, str] = {}
        for pid, kind in conn.execute(
            select(decisions.c.person_id, decisions.c.kind)
            .where(decisions.c.deleted_at.is_(None), decisions.c.person_id.is_not(None),
                   decisions.c.kind.in_(("confirm", "discount")))
            .order_by(decisions.c.created_at, decisions.c.id)
        ):
            reviews[pid] = kind
        counts: dict[str, int] = defaultdict(int)
        rows = []
        for pid, (types, ids, conf) in per_person.items():
            grade, reason = grade_one(types, conf, len(ids), reviews.get(pid))
            counts[grade] += 1
            rows.append({"pid": pid, "grade": grade, "grade_reason": reason})
        stmt = update(persons).where(persons.c.id == bindparam("pid")).values(
            grade=bindparam("grade"), grade_reason=bindparam("grade_reason"))
        for i in range(0, len(rows), 20_000):
            conn.execute(stmt, rows[i:i + 20_000])
        audit.append(conn, actor, "grade.run", None, {**counts, "at": now.isoformat()})
    return dict(counts)
