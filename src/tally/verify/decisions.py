"""Reviewer decisions: appended, never updated in place, each with an audit event.

A new decision on the same subject (the same pair of mentions; the same person's
confirm/discount status; the same fact of a person; the same mention's discount) supersedes
the active one: the old row gets ``deleted_at``, the new row is inserted with user, time and
reason. Decisions are replayed as constraints on every link run (pairs) and by every grading
and person-view refresh (confirm, discount, correct), so they survive re-linkage. The person's
grade is recomputed at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Connection, and_, or_, select, update

from tally.link import lineage
from tally.model import PERSON_FIELDS, DecisionKind, PartialDate
from tally.store.schema import decisions, mentions, person_mentions, persons
from tally.verify import audit
from tally.verify.grade import grade_persons
from tally.verify.rules import Rules

PAIR_KINDS = frozenset({DecisionKind.SAME, DecisionKind.DIFFERENT, DecisionKind.UNSURE})
STATUS_KINDS = frozenset({DecisionKind.CONFIRM, DecisionKind.DISCOUNT})


class DecisionError(ValueError):
    """The decision is incomplete or refers to something that does not exist."""


@dataclass(frozen=True)
class Recorded:
    id: int
    superseded: list[int]
    person_ids: list[int]


def typed_value(prop: str, value: str) -> object:
    """Check a corrected value and convert it for the person view."""
    value = value.strip()
    if prop not in PERSON_FIELDS:
        raise DecisionError(f"cannot correct {prop!r}; facts are {', '.join(PERSON_FIELDS)}")
    if not value:
        raise DecisionError("a correction needs a value")
    if prop.endswith("_date"):
        try:
            return str(PartialDate.parse(value))
        except ValueError as exc:
            raise DecisionError(str(exc)) from exc
    if prop == "age":
        if not value.isdigit() or not 14 <= int(value) <= 100:
            raise DecisionError("age must be a whole number from 14 to 100")
        return int(value)
    if prop == "is_officer":
        return value.lower() in ("1", "true", "yes")
    return value


def _exists(conn: Connection, table_id: ColumnElement[int], value: int) -> bool:
    return conn.execute(select(table_id).where(table_id == value)).first() is not None


def _persons_of(conn: Connection, mention_ids: list[int]) -> list[int]:
    return sorted({int(p) for p in conn.execute(
        select(person_mentions.c.person_id).where(person_mentions.c.mention_id.in_(mention_ids))
    ).scalars()})


def _same_subject(kind: DecisionKind, a: int | None, b: int | None, person: int | None,
                  prop: str | None) -> ColumnElement[bool]:
    active = decisions.c.deleted_at.is_(None)
    if kind in PAIR_KINDS:
        assert a is not None and b is not None
        pair = or_(and_(decisions.c.mention_a == a, decisions.c.mention_b == b),
                   and_(decisions.c.mention_a == b, decisions.c.mention_b == a))
        return and_(active, decisions.c.kind.in_([k.value for k in PAIR_KINDS]), pair)
    if kind is DecisionKind.CORRECT:
        return and_(active, decisions.c.kind == kind.value, decisions.c.person_id == person,
                    decisions.c.prop == prop)
    if person is not None:
        return and_(active, decisions.c.kind.in_([k.value for k in STATUS_KINDS]),
                    decisions.c.person_id == person)
    return and_(active, decisions.c.kind == kind.value, decisions.c.mention_a == a,
                decisions.c.mention_b.is_(None), decisions.c.person_id.is_(None))


def record(
    conn: Connection,
    kind: DecisionKind | str,
    user: str,
    *,
    mention_a: int | None = None,
    mention_b: int | None = None,
    person_id: int | None = None,
    prop: str | None = None,
    value: str | None = None,
    reason: str | None = None,
    rules: Rules | None = None,
) -> Recorded:
    """Append a decision inside the caller's transaction and regrade the persons it touches."""
    k = DecisionKind(kind)
    reason = (reason or "").strip() or None
    stored_value: str | None = None
    if k in PAIR_KINDS:
        if mention_a is None or mention_b is None or mention_a == mention_b:
            raise DecisionError("a pair decision needs two different mentions")
        for m in (mention_a, mention_b):
            if not _exists(conn, mentions.c.id, m):
                raise DecisionError(f"no mention {m}")
        mention_a, mention_b = sorted((mention_a, mention_b))
        person_id = prop = None
    elif k is DecisionKind.DISCOUNT and person_id is None:
        if mention_a is None or not _exists(conn, mentions.c.id, mention_a):
            raise DecisionError("a discount needs a person or a mention")
        mention_b = None
    else:
        if person_id is None or not _exists(conn, persons.c.id, person_id):
            raise DecisionError(f"no person {person_id}")
        mention_a = mention_b = None
    if k is DecisionKind.DISCOUNT and not reason:
        raise DecisionError("a discount needs a reason")
    if k is DecisionKind.CORRECT:
        if prop is None or value is None:
            raise DecisionError("a correction needs a fact and a value")
        typed = typed_value(prop, value)
        stored_value = str(typed).lower() if isinstance(typed, bool) else str(typed)
    now = datetime.now(UTC)
    old = [int(i) for i in conn.execute(select(decisions.c.id).where(
        _same_subject(k, mention_a, mention_b, person_id, prop))).scalars()]
    if old:
        conn.execute(update(decisions).where(decisions.c.id.in_(old)).values(deleted_at=now))
    result = conn.execute(decisions.insert().values(
        kind=k.value, mention_a=mention_a, mention_b=mention_b, person_id=person_id,
        prop=prop if k is DecisionKind.CORRECT else None, value=stored_value, reason=reason,
        user=user, created_at=now))
    pk = result.inserted_primary_key
    assert pk is not None
    decision_id = int(pk[0])
    touched = [person_id] if person_id is not None else _persons_of(
        conn, [m for m in (mention_a, mention_b) if m is not None])
    if k is DecisionKind.CORRECT:
        assert person_id is not None and prop is not None and value is not None
        conn.execute(update(persons).where(persons.c.id == person_id)
                     .values({prop: typed_value(prop, value), "updated_at": now}))
    subject = (f"person:{person_id}" if person_id is not None
               else f"mentions:{mention_a},{mention_b}" if mention_b is not None
               else f"mention:{mention_a}")
    audit.append(conn, user, f"decision.{k.value}", subject, {
        "decision": decision_id, "kind": k.value, "mention_a": mention_a,
        "mention_b": mention_b, "person_id": person_id, "prop": prop, "value": stored_value,
        "reason": reason, "supersedes": old, "persons": touched})
    if touched:
        grade_persons(conn, touched, user, rules)
    return Recorded(decision_id, old, touched)


def history(conn: Connection, person_id: int, mention_ids: list[int]) -> list[dict[str, object]]:
    """Every decision (active and superseded) about a person or its mentions (any version of
    them, see :mod:`tally.link.lineage`), oldest first."""
    mention_ids = sorted(lineage.all_versions(conn, mention_ids))
    cond = decisions.c.person_id == person_id
    if mention_ids:
        cond = or_(cond, decisions.c.mention_a.in_(mention_ids),
                   decisions.c.mention_b.in_(mention_ids))
    rows = conn.execute(select(decisions).where(cond)
                        .order_by(decisions.c.created_at, decisions.c.id))
    return [dict(r._mapping) for r in rows]
