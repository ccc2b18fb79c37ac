"""Which reviewer decisions a re-extraction carries over, and which it cannot.

Decisions are never rewritten. A decision naming a mention applies to the current version of
that mention's lineage (:func:`tally.link.lineage.current_of`); a person-level decision
(confirm, discount, correct a fact) applies to its person, which keeps its id through
re-linkage as long as one of its mentions lives on. So a decision cannot be carried over when
its mention was retired (the extractor no longer finds that person), when both mentions of a
pair became one, or when every mention of its person was retired.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, select

from tally.link.lineage import current_of, resolve_pair
from tally.store.schema import decisions, person_mentions, persons

PERSON_KINDS = ("confirm", "discount", "correct")


@dataclass(frozen=True)
class Unresolved:
    """An active decision that no longer applies to anything; it stays in the table."""

    decision: int
    kind: str
    mention_a: int | None
    mention_b: int | None
    person_id: int | None
    why: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _mention_decisions(conn: Connection, affected: set[int]) -> tuple[int, list[Unresolved]]:
    rows = conn.execute(
        select(decisions.c.id, decisions.c.kind, decisions.c.mention_a, decisions.c.mention_b)
        .where(decisions.c.deleted_at.is_(None), decisions.c.mention_a.is_not(None))
        .order_by(decisions.c.id)).all()
    resolved = current_of(conn, {m for r in rows for m in (r.mention_a, r.mention_b) if m})
    carried = 0
    lost: list[Unresolved] = []
    for did, kind, a, b in rows:
        if b is None:
            ok = resolved.get(a) is not None
            why = f"mention {a} was retired: re-extraction no longer finds that person"
        else:
            ok = resolve_pair(resolved, a, b) is not None
            dead = [m for m in (a, b) if resolved.get(m) is None]
            why = (f"mention {dead[0]} was retired: re-extraction no longer finds that person"
                   if dead else f"mentions {a} and {b} are now one mention")
        if not ok:
            lost.append(Unresolved(int(did), kind, a, b, None, why))
        elif a in affected or b in affected:
            carried += 1
    return carried, lost


def _person_decisions(conn: Connection, affected: set[int]) -> tuple[int, list[Unresolved]]:
    rows = conn.execute(
        select(decisions.c.id, decisions.c.kind, decisions.c.person_id)
        .join(persons, persons.c.id == decisions.c.person_id)
        .where(decisions.c.deleted_at.is_(None), decisions.c.kind.in_(PERSON_KINDS),
               persons.c.merged_into.is_(None))
        .order_by(decisions.c.id)).all()
    pids = sorted({int(r.person_id) for r in rows})
    members: dict[int, list[int]] = {p: [] for p in pids}
    for i in range(0, len(pids), 5_000):
        for mid, pid in conn.execute(
                select(person_mentions.c.mention_id, person_mentions.c.person_id)
                .where(person_mentions.c.person_id.in_(pids[i : i + 5_000]))):
            members[int(pid)].append(int(mid))
    resolved = current_of(conn, {m for ms in members.values() for m in ms})
    alive = {p for p, ms in members.items() if any(resolved.get(m) is not None for m in ms)}
    touched = {p for p, ms in members.items() if affected.intersection(ms)}
    carried = 0
    lost: list[Unresolved] = []
    for did, kind, pid in rows:
        if pid not in alive:
            lost.append(Unresolved(int(did), kind, None, None, int(pid),
                                   f"person {pid} has no mention left"))
        elif pid in touched:
            carried += 1
    return carried, lost


def review_decisions(conn: Connection, affected: Iterable[int]) -> tuple[int, list[Unresolved]]:
    """(decisions about the ``affected`` (just superseded) mentions or their persons that are
    carried over, every active decision that cannot be applied any more)."""
    gone = set(affected)
    n1, lost1 = _mention_decisions(conn, gone)
    n2, lost2 = _person_decisions(conn, gone)
    return n1 + n2, sorted([*lost1, *lost2], key=lambda u: u.decision)
