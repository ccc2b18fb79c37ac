"""The person search index: refresh it after linking and grading; query it.

Call :func:`refresh` after every link run (and after review decisions that change names).
It rebuilds the whole index in batches of persons, in one transaction, so readers see the
old index until the new one is complete. :func:`update` re-indexes a few persons.

Beside the full-text index, ``person_search_terms`` lists every distinct index term: the
search expands a typed prefix into exact terms through it (:mod:`tally.publish.search_query`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, func, select, text

from tally.publish.search_query import TERMS_TABLE
from tally.publish.search_text import index_text
from tally.store import Store
from tally.store.schema import mentions, person_mentions, persons

BATCH = 10_000


@dataclass(frozen=True)
class RefreshReport:
    persons: int

    def to_dict(self) -> dict[str, int]:
        return {"persons": self.persons}


def _documents(conn: Connection, ids: Sequence[int]) -> list[dict[str, object]]:
    """The index rows for persons ``ids`` (live ones only)."""
    names: dict[int, list[str | None]] = defaultdict(list)
    for row in conn.execute(
        select(persons.c.id, persons.c.last_name, persons.c.first_name, persons.c.patronymic)
        .where(persons.c.id.in_(ids), persons.c.merged_into.is_(None))
    ):
        names[row.id].extend((row.last_name, row.first_name, row.patronymic))
    for m in conn.execute(
        select(person_mentions.c.person_id, mentions.c.full_name, mentions.c.last_name,
               mentions.c.first_name, mentions.c.patronymic)
        .join(mentions, mentions.c.id == person_mentions.c.mention_id)
        .where(person_mentions.c.person_id.in_(ids))
    ):
        if m.person_id in names:
            names[m.person_id].extend((m.full_name, m.last_name, m.first_name, m.patronymic))
    return [{"pid": pid, "names": index_text(parts)} for pid, parts in names.items()]


def _insert_sql(dialect: str) -> str:
    if dialect == "sqlite":
        return "INSERT INTO person_search(rowid, names) VALUES (:pid, :names)"
    return "INSERT INTO person_search(person_id, names) VALUES (:pid, :names)"


def _delete_sql(dialect: str) -> str:
    key = "rowid" if dialect == "sqlite" else "person_id"
    return f"DELETE FROM person_search WHERE {key} = :pid"


def add_terms(conn: Connection, rows: Iterable[dict[str, object]]) -> None:
    """Record the terms of index rows in the vocabulary (existing ones are kept)."""
    terms = {t for row in rows for t in str(row["names"]).split()}
    if terms:
        conn.execute(text(f"INSERT INTO {TERMS_TABLE}(term) VALUES (:t) ON CONFLICT DO NOTHING"),
                     [{"t": t} for t in sorted(terms)])


def write(conn: Connection, ids: Sequence[int]) -> int:
    """(Re-)index persons ``ids`` inside the caller's transaction; returns how many."""
    dialect = conn.dialect.name
    if ids:
        conn.execute(text(_delete_sql(dialect)), [{"pid": i} for i in ids])
    rows = _documents(conn, ids)
    if rows:
        conn.execute(text(_insert_sql(dialect)), rows)
        add_terms(conn, rows)
    return len(rows)


def refresh(store: Store) -> RefreshReport:
    """Rebuild the whole search index from the live persons and their mentions."""
    total = 0
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM person_search"))
        conn.execute(text(f"DELETE FROM {TERMS_TABLE}"))
        last = 0
        while True:
            ids = list(conn.execute(
                select(persons.c.id).where(persons.c.id > last, persons.c.merged_into.is_(None))
                .order_by(persons.c.id).limit(BATCH)).scalars())
            if not ids:
                break
            rows = _documents(conn, ids)
            conn.execute(text(_insert_sql(conn.dialect.name)), rows)
            add_terms(conn, rows)
            total += len(rows)
            last = ids[-1]
    return RefreshReport(total)


def update(store: Store, person_ids: Iterable[int]) -> int:
    """Re-index a few persons (e.g. after a reviewer's correction)."""
    ids = sorted(set(person_ids))
    with store.engine.begin() as conn:
        return sum(write(conn, ids[i:i + BATCH]) for i in range(0, len(ids), BATCH))


def indexed_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(text("person_search"))).scalar()
               or 0)
