"""Headline figures: persons by grade."""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from tally.model import Grade
from tally.stats.freshness import as_of
from tally.stats.results import Headline
from tally.store.schema import persons


def headline(conn: Connection) -> Headline:
    """Not-merged persons per grade (every grade listed), with "as of"."""
    stmt = (
        select(persons.c.grade, func.count())
        .where(persons.c.merged_into.is_(None))
        .group_by(persons.c.grade)
    )
    counts = {g.value: 0 for g in Grade}
    for grade, n in conn.execute(stmt).all():
        counts[str(grade)] = int(n)
    return Headline(as_of(conn), counts)
