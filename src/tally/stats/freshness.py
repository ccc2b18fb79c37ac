""""As of": when the data last changed, and a cheap version stamp for caches."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, func, select

from tally.store.schema import audit_events, documents, link_runs, persons


def _aware(ts: datetime | None) -> datetime | None:
    if ts is None:
        return None
    return ts if ts.tzinfo else ts.replace(tzinfo=UTC)  # SQLite gives naive UTC datetimes


def as_of(conn: Connection) -> datetime | None:
    """The time of the last import or link run (None for an empty store)."""
    imported = _aware(conn.execute(select(func.max(documents.c.imported_at))).scalar())
    linked = _aware(
        conn.execute(
            select(func.max(func.coalesce(link_runs.c.finished_at, link_runs.c.started_at)))
        ).scalar()
    )
    stamps = [t for t in (imported, linked) if t is not None]
    return max(stamps) if stamps else None


def data_version(conn: Connection) -> tuple[int, int, int]:
    """Changes whenever an audited change, a link run or a new person happens.

    Each part is a max over a primary key, so this is cheap at any size. Caches of
    aggregates are keyed by it (see :mod:`tally.publish.search_index` for the explicit
    refresh after linking and grading).
    """
    audit = conn.execute(select(func.max(audit_events.c.seq))).scalar() or 0
    runs = conn.execute(select(func.max(link_runs.c.id))).scalar() or 0
    people = conn.execute(select(func.max(persons.c.id))).scalar() or 0
    return int(audit), int(runs), int(people)
