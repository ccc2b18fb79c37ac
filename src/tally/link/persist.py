"""Write clusters to the store: stable person ids, membership, statements and the person view.

Writes are incremental: only persons whose membership changed (and persons with corrections)
are rewritten, so linking 1,000 new mentions into a million touches a few thousand rows.

A person keeps its id when its cluster grows or loses a few members: each new cluster takes
the id that most of its members had before (largest clusters choose first). A person whose
members all went to another cluster is retired with ``merged_into`` pointing there. A new
version of a list record inherits the person of the version it replaces.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    Text,
    cast,
    delete,
    func,
    insert,
    literal,
    select,
    update,
)

from tally.link import lineage
from tally.model import PERSON_FIELDS
from tally.store.bulk import bulk_update
from tally.store.schema import decisions, mentions, person_mentions, persons, statements


def previous_assignment(conn: Connection) -> dict[int, int]:
    """mention id -> person id, for current mentions (and via older versions of a list record
    or of a re-extracted post's person)."""
    current = dict(
        conn.execute(
            select(person_mentions.c.mention_id, person_mentions.c.person_id)
            .join(mentions, mentions.c.id == person_mentions.c.mention_id)
            .where(mentions.c.superseded_at.is_(None))
        ).all()
    )
    for mid, pid in _inherited(conn):
        current.setdefault(mid, pid)
    return current


def assign_ids(
    groups: Iterable[set[int]], before: Mapping[int, int]
) -> tuple[list[tuple[int | None, set[int]]], dict[int, int]]:
    """Pair each group with a previous person id or None (new); also return retired -> heir."""
    ordered = sorted(groups, key=lambda g: (-len(g), min(g)))
    taken: set[int] = set()
    out: list[tuple[int | None, set[int]]] = []
    for group in ordered:
        olds = [before.get(m) for m in group]
        if olds[0] is not None and olds.count(olds[0]) == len(olds):
            ranked = [olds[0]]  # the common case: every member had the same person
        else:
            votes = Counter(p for p in olds if p is not None)
            ranked = [pid for pid, _n in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))]
        chosen = next((pid for pid in ranked if pid not in taken), None)
        if chosen is not None:
            taken.add(chosen)
        out.append((chosen, group))
    retired: dict[int, int] = {}
    for chosen, group in out:
        if chosen is None:
            continue
        for m in group:
            old = before.get(m)
            if old is not None and old not in taken:
                retired.setdefault(old, chosen)
    return out, retired


def current_membership(conn: Connection) -> dict[int, int]:
    """mention id -> person id as stored now (every row of ``person_mentions``)."""
    query = select(person_mentions.c.mention_id, person_mentions.c.person_id)
    return dict(raw_rows(conn, query))


def raw_rows(conn: Connection, query: Select[Any]) -> list[Any]:
    """All rows of a query without bound parameters, fetched by the driver's own cursor (at
    1M rows SQLAlchemy's row objects cost three times the fetch); values come as the driver
    gives them (SQLite booleans as 0/1)."""
    compiled = query.compile(dialect=conn.dialect)
    if compiled.params:
        return list(conn.execute(query).all())
    cursor = conn.connection.cursor()
    try:
        cursor.execute(str(compiled))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def save(
    conn: Connection,
    groups: Iterable[set[int]],
    run_id: int,
    probability: Mapping[int, float] | None = None,
    stored: Mapping[int, int] | None = None,
    changed: Collection[int] | None = None,
) -> dict[int, int]:
    """Persist clusters; only clusters that changed are written.

    A mention whose person is unchanged keeps its membership row unless its cluster changed
    (then its row is rewritten with the new ``match_probability``); statements and the person
    view are rebuilt for touched persons only (plus persons with corrections). ``stored`` is
    :func:`current_membership` when the caller has it already. Returns mention id -> person
    id.

    ``changed`` (an incremental run): the mentions clustered again; every other current
    mention is in a group of exactly the members of its stored person (see
    :mod:`tally.link.incremental`). Then only the groups of ``changed`` and of the persons
    its members had are looked at (:func:`_scope`), and only their mentions are returned.
    """
    now = datetime.now(UTC)
    stored = current_membership(conn) if stored is None else stored
    if changed is not None:
        scoped = _scope(conn, groups, changed, stored)
        if scoped is not None:
            return _write(conn, now, run_id, probability, *scoped)
        groups = list(groups)
    return _write(conn, now, run_id, probability, groups, previous_assignment(conn), stored,
                  len(stored))


def _scope(conn: Connection, groups: Iterable[set[int]], changed: Collection[int],
           stored: Mapping[int, int],
           ) -> tuple[list[set[int]], dict[int, int], dict[int, int], int] | None:
    """(groups, previous assignment, stored membership) cut to what ``changed`` can affect,
    and the number of stored rows; None when most rows change (write everything then).

    A group outside ``changed`` holds exactly the current members of one stored person ``q``;
    its members had ``q`` before, and no member of ``changed`` had ``q`` (else ``q`` is in
    ``persons`` below), so it keeps ``q``, retires nothing and is not touched: leaving it and
    ``q``'s rows out gives the same writes as passing everything.
    """
    inside = set(changed)
    before = {m: stored[m] for m in inside if m in stored}  # current rows: ``changed`` is current
    for mid, pid in _inherited(conn, [m for m in inside if m not in before]):
        before.setdefault(mid, pid)
    persons_ = set(before.values())
    part = {m: p for m, p in stored.items() if p in persons_}
    subset = [g for g in groups if (m := next(iter(g))) in inside or m in part]
    for group in subset:
        for m in group:
            if m not in inside:
                before[m] = stored[m]
    if _whole(len(_gone(subset, part, before)), len(stored)):
        return None
    return subset, before, part, len(stored)


def _whole(gone: int, stored: int) -> bool:
    return gone * 2 > stored + 1


def _gone(groups: list[set[int]], stored: Mapping[int, int], before: Mapping[int, int]
          ) -> list[int]:
    """Stored rows :func:`_write` would delete for ``groups`` (ids as :func:`assign_ids`)."""
    paired, _retired = assign_ids(groups, before)
    assignment = {m: (pid if pid is not None else -1 - i)
                  for i, (pid, group) in enumerate(paired) for m in group}
    touched = _touched(paired, assignment, stored)
    return [m for m in stored if m not in assignment or assignment[m] in touched
            or stored[m] in touched]


def _inherited(conn: Connection, only: Collection[int] | None = None
               ) -> list[tuple[int, int]]:
    """(current mention, person) of a list record's or a post's earlier version; ``only``:
    just for these mentions."""
    old = mentions.alias("old")
    query = (
        select(mentions.c.id, person_mentions.c.person_id)
        .join(
            old,
            (old.c.source_id == mentions.c.source_id)
            & (old.c.record_key == mentions.c.record_key)
            & (old.c.version == mentions.c.version - 1),
        )
        .join(person_mentions, person_mentions.c.mention_id == old.c.id)
        .where(mentions.c.superseded_at.is_(None), mentions.c.version > 1)
    )
    queries = [query] if only is None else [
        query.where(mentions.c.id.in_(chunk)) for chunk in chunks(sorted(only), 5_000)]
    inherited = [row for q in queries for row in conn.execute(q)]
    return [*((int(m), int(p)) for m, p in inherited), *lineage.inherited_persons(conn, only)]


def _write(
    conn: Connection,
    now: datetime,
    run_id: int,
    probability: Mapping[int, float] | None,
    groups: Iterable[set[int]],
    before: Mapping[int, int],
    stored: Mapping[int, int],
    n_stored: int,
) -> dict[int, int]:
    paired, retired = assign_ids(groups, before)
    assignment: dict[int, int] = {}
    new_groups = [g for pid, g in paired if pid is None]
    first_new = _allocate(conn, len(new_groups), now)
    new_iter = iter(range(first_new, first_new + len(new_groups)))
    for pid, group in paired:
        person = pid if pid is not None else next(new_iter)
        for m in group:
            assignment[m] = person
    touched = _touched(paired, assignment, stored)
    prob = probability or {}
    gone = [m for m in stored if m not in assignment or assignment[m] in touched
            or stored[m] in touched]
    whole = _whole(len(gone), n_stored)
    if whole:
        conn.execute(delete(person_mentions))
    else:
        for chunk in chunks(gone):
            conn.execute(delete(person_mentions).where(person_mentions.c.mention_id.in_(chunk)))
    rows = [
        {"mention_id": m, "person_id": p, "match_probability": prob.get(m), "link_run_id": run_id}
        for m, p in assignment.items()
        if whole or p in touched or m not in stored
    ]
    for start in range(0, len(rows), 50_000):
        conn.execute(insert(person_mentions), rows[start : start + 50_000])
    used = {p for p in set(assignment.values()) if whole or p in touched}
    for chunk in chunks(sorted(used)):
        conn.execute(update(persons).where(persons.c.id.in_(chunk)).values(merged_into=None))
    for old, heir in retired.items():
        conn.execute(
            update(persons)
            .where(persons.c.id == old)
            .values(merged_into=heir, updated_at=now, n_mentions=0, n_sources=0)
        )
    # a person whose every mention was retired (re-extraction no longer finds it) keeps its
    # id, decisions and view, but no longer counts any mention
    emptied = set(stored.values()) - set(assignment.values()) - set(retired)
    for chunk in chunks(sorted(emptied)):
        conn.execute(update(persons).where(persons.c.id.in_(chunk))
                     .values(updated_at=now, n_mentions=0, n_sources=0))
    # most persons touched (a first run, a full re-run after a model change): rebuild every
    # person in one pass per field rather than ~15 queries per chunk of 10,000 ids
    redo = touched | set(retired)
    # (against the stored rows of the whole collection: ``assignment`` may be a scoped part)
    refresh(conn, now, None if whole or len(redo) * 2 > n_stored + 1 else redo)
    return assignment


def _touched(paired: list[tuple[int | None, set[int]]], assignment: Mapping[int, int],
             stored: Mapping[int, int]) -> set[int]:
    """Persons whose membership changes: a member joins, leaves or is new."""
    out: set[int] = set()
    stored_size = Counter(stored.values())
    for _pid, group in paired:
        person = assignment[next(iter(group))]
        same = all(stored.get(m) == person for m in group)
        if not same or stored_size.get(person, 0) != len(group):
            out.add(person)
            out.update(stored[m] for m in group if m in stored)
    for m, p in stored.items():
        if m not in assignment:
            out.add(p)
    return out


def chunks(values: Iterable[int], size: int = 10_000) -> Iterable[list[int]]:
    batch: list[int] = []
    for v in values:
        batch.append(v)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _allocate(conn: Connection, n: int, now: datetime) -> int:
    """Insert ``n`` new persons with consecutive ids; returns the first id."""
    start = int(conn.execute(select(func.coalesce(func.max(persons.c.id), 0))).scalar_one()) + 1
    rows = [
        {
            "id": start + i,
            "created_at": now,
            "updated_at": now,
            "grade": "reported",
            "n_mentions": 0,
            "n_sources": 0,
        }
        for i in range(n)
    ]
    for i in range(0, len(rows), 50_000):
        conn.execute(insert(persons), rows[i : i + 50_000])
    return start


def _best(values: list[Any]) -> Any:
    """The most frequent value; ties go to the one seen first (oldest mention)."""
    if len(values) < 3:  # most persons: one or two mentions (a tie goes to the first)
        return values[0] if values else None
    counts = Counter(values)
    top = max(counts.values())
    return next(v for v in values if counts[v] == top)


def refresh(conn: Connection, now: datetime | None = None,
            only: set[int] | None = None) -> None:
    """Rebuild statements and the person view from membership and corrections.

    ``only``: rebuild just these persons (and every person with a correction), else all.
    """
    now = now or datetime.now(UTC)
    corrections = _corrections(conn)
    if only is None:
        _refresh(conn, now, None, corrections)
        return
    targets = sorted(only | set(corrections))
    for chunk in chunks(targets):
        _refresh(conn, now, chunk, corrections)


def _refresh(conn: Connection, now: datetime, chunk: list[int] | None,
             corrections: Mapping[int, dict[str, Any]]) -> None:
    gone = delete(statements).where(statements.c.mention_id.is_not(None))
    if chunk is not None:
        gone = gone.where(statements.c.person_id.in_(chunk))
    conn.execute(gone)
    for prop in PERSON_FIELDS:
        col = mentions.c[prop]
        value = col if prop not in ("age", "is_officer") else cast(col, Text)
        source = (
            select(person_mentions.c.person_id, literal(prop), value, mentions.c.id, literal(now))
            .join(mentions, mentions.c.id == person_mentions.c.mention_id)
            .where(col.is_not(None))
        )
        if chunk is not None:
            source = source.where(person_mentions.c.person_id.in_(chunk))
        conn.execute(
            insert(statements).from_select(
                ["person_id", "prop", "value", "mention_id", "created_at"], source
            )
        )
    query = (
        select(
            person_mentions.c.person_id,
            mentions.c.source_id,
            *[mentions.c[f] for f in PERSON_FIELDS],
        )
        .join(mentions, mentions.c.id == person_mentions.c.mention_id)
        .order_by(person_mentions.c.person_id, mentions.c.id)
    )
    if chunk is not None:
        query = query.where(person_mentions.c.person_id.in_(chunk))
    batch: list[dict[str, Any]] = []
    current: int | None = None
    bucket: list[Any] = []

    def flush() -> None:
        if current is None:
            return
        view: dict[str, Any] = {
            "pid": current,
            "updated_at": now,
            "n_mentions": len(bucket),
            "n_sources": len({r[1] for r in bucket}),
        }
        if len(bucket) == 1:
            row = bucket[0]
            view.update(zip(PERSON_FIELDS, row[2:], strict=True))
        else:
            for i, f in enumerate(PERSON_FIELDS, start=2):
                view[f] = _best([r[i] for r in bucket if r[i] is not None])
        view.update(corrections.get(current, {}))
        batch.append(view)

    for row in conn.execute(query):
        if row[0] != current:
            flush()
            current, bucket = row[0], []
            if len(batch) >= 20_000:
                _write_views(conn, batch)
                batch = []
        bucket.append(row)
    flush()
    _write_views(conn, batch)


def _write_views(conn: Connection, batch: list[dict[str, Any]]) -> None:
    if not batch:
        return
    columns = (*PERSON_FIELDS, "updated_at", "n_mentions", "n_sources")
    bulk_update(conn, persons, columns, ([v[c] for c in columns] + [v["pid"]] for v in batch))


def _corrections(conn: Connection) -> dict[int, dict[str, Any]]:
    """person id -> {field: value} from the newest active CORRECT decision per field."""
    out: dict[int, dict[str, Any]] = defaultdict(dict)
    rows = conn.execute(
        select(decisions.c.person_id, decisions.c.prop, decisions.c.value)
        .where(
            decisions.c.kind == "correct",
            decisions.c.deleted_at.is_(None),
            decisions.c.person_id.is_not(None),
        )
        .order_by(decisions.c.created_at, decisions.c.id)
    )
    for pid, prop, value in rows:
        if prop in PERSON_FIELDS:
            out[pid][prop] = _typed(prop, value)
    return out


def _typed(prop: str, value: str | None) -> Any:
    if value is None:
        return None
    if prop == "age":
        return int(value)
    if prop == "is_officer":
        return value.lower() in ("1", "true", "yes")
    return value
