"""One-way counts: by region, channel, citizenship, officer or not."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from tally.model import Channel
from tally.stats.filters import StatsFilter, unindexed, where
from tally.stats.freshness import as_of
from tally.stats.results import CountRow, Tally
from tally.store.schema import persons

#: Channels shown as rows; NULL and ``unknown`` both count as unknown.
KNOWN_CHANNELS: tuple[str, ...] = tuple(c.value for c in Channel if c is not Channel.UNKNOWN)


def _grouped(conn: Connection, column: Any, flt: StatsFilter) -> dict[Any, int]:
    key = unindexed(column) if column.type.python_type is str else column
    stmt = select(key, func.count()).where(where(flt)).group_by(key)
    return {k: int(n) for k, n in conn.execute(stmt).all()}


def _rows(counts: dict[str, int], universe: Iterable[str] = ()) -> tuple[CountRow, ...]:
    merged = {key: 0 for key in universe}
    merged.update(counts)
    ordered = sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(CountRow(k, n) for k, n in ordered)


def by_region(
    conn: Connection, flt: StatsFilter | None = None, universe: Iterable[str] = ()
) -> Tally:
    """Persons by region (ISO 3166-2); ``universe`` codes are listed even with no one."""
    flt = flt or StatsFilter()
    return region_tally(_grouped(conn, persons.c.region, flt), flt, as_of(conn), universe)


def region_tally(counts: dict[Any, int], flt: StatsFilter, stamp: datetime | None,
                 universe: Iterable[str] = ()) -> Tally:
    """The region tally from counts per region code (None: unknown)."""
    counts = dict(counts)
    unknown = counts.pop(None, 0)
    return Tally("region", flt.describe(), stamp, flt.to_dict(), _rows(counts, universe),
                 unknown)


def by_channel(conn: Connection, flt: StatsFilter | None = None) -> Tally:
    """Persons by recruitment channel; every known channel is listed (zero included)."""
    flt = flt or StatsFilter()
    counts = _grouped(conn, persons.c.channel, flt)
    unknown = counts.pop(None, 0) + counts.pop(Channel.UNKNOWN.value, 0)
    return Tally("channel", flt.describe(), as_of(conn), flt.to_dict(),
                 _rows(counts, KNOWN_CHANNELS), unknown)


def by_citizenship(conn: Connection, flt: StatsFilter | None = None) -> Tally:
    """Persons by citizenship (ISO alpha-2); ``notes['foreign']`` counts non-RU citizens."""
    flt = flt or StatsFilter()
    return citizenship_tally(_grouped(conn, persons.c.citizenship, flt), flt, as_of(conn))


def citizenship_tally(counts: dict[Any, int], flt: StatsFilter, stamp: datetime | None
                      ) -> Tally:
    """The citizenship tally from counts per country code (None: unknown)."""
    counts = dict(counts)
    unknown = counts.pop(None, 0)
    foreign = sum(n for k, n in counts.items() if k != "RU")
    return Tally("citizenship", flt.describe(), stamp, flt.to_dict(), _rows(counts),
                 unknown, {"foreign": foreign})


def officers(conn: Connection, flt: StatsFilter | None = None) -> Tally:
    """Officers and non-officers (rank known); unknown when the rank is not known."""
    flt = flt or StatsFilter()
    raw = _grouped(conn, persons.c.is_officer, flt)
    counts = {
        "officer": sum(n for k, n in raw.items() if k is not None and bool(k)),
        "not_officer": sum(n for k, n in raw.items() if k is not None and not bool(k)),
    }
    return Tally("officer", flt.describe(), as_of(conn), flt.to_dict(), _rows(counts),
                 raw.get(None, 0))
