"""Headline figures: persons by grade."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

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
    return headline_from(conn.execute(stmt).all(), as_of(conn))


def headline_from(rows: Iterable[Any], stamp: datetime | None) -> Headline:
    """The headline from (grade, count) rows (a grade may repeat: counts add up)."""
    counts = {g.value: 0 for g in Grade}
    for grade, n in rows:
        counts[str(grade)] = counts.get(str(grade), 0) + int(n)
    return Headline(stamp, counts)
