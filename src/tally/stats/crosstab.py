"""Cross-tabulations: region × channel and month of death × channel."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from tally.model import Channel
from tally.stats.dates import PERIODS, period_key
from tally.stats.filters import StatsFilter, unindexed, where
from tally.stats.freshness import as_of
from tally.stats.oneway import KNOWN_CHANNELS
from tally.stats.results import CrossTab
from tally.store.schema import persons

UNKNOWN = "unknown"


def _channel_key(value: Any) -> str:
    return str(value) if value and value != Channel.UNKNOWN.value else UNKNOWN


def by_date_rows(conn: Connection, flt: StatsFilter) -> list[Any]:
    """(death date, channel, count) rows: what the month and week cross-tabs are made of."""
    day, channel = unindexed(persons.c.death_date), unindexed(persons.c.channel)
    stmt = select(day, channel, func.count()).where(where(flt)).group_by(day, channel)
    return list(conn.execute(stmt).all())


def _table(rows_dim: str, rows: Iterable[Any], flt: StatsFilter, stamp: datetime | None,
           key: Any) -> CrossTab:
    """A cross-tab from (row value, channel, count) rows; ``key`` maps a row value to its
    row (None: unknown). Rows are in order, ``unknown`` last."""
    cells: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row_value, channel, n in rows:
        cells[key(row_value) or UNKNOWN][_channel_key(channel)] += int(n)
    plain = {r: dict(c) for r, c in cells.items()}
    order = sorted(plain, key=lambda r: (r == UNKNOWN, r))
    return CrossTab(rows_dim, "channel", flt.describe(), stamp, flt.to_dict(), tuple(order),
                    (*KNOWN_CHANNELS, UNKNOWN), plain)


def month_channel_tab(rows: Iterable[Any], flt: StatsFilter, stamp: datetime | None
                      ) -> CrossTab:
    """Month × channel from (death date, channel, count) rows."""
    return _table("month", rows, flt, stamp,
                  lambda death: str(death)[:7] if death and len(death) >= 7 else None)


def date_channel_tab(rows: Iterable[Any], flt: StatsFilter, stamp: datetime | None,
                     period: str = "week") -> CrossTab:
    """Period of death × channel from (death date, channel, count) rows."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}; got {period!r}")
    return _table(f"death_{period}", rows, flt, stamp,
                  lambda death: period_key(str(death), period) if death else None)


def by_region_channel(conn: Connection, flt: StatsFilter | None = None) -> CrossTab:
    flt = flt or StatsFilter()
    region, channel = unindexed(persons.c.region), unindexed(persons.c.channel)
    stmt = select(region, channel, func.count()).where(where(flt)).group_by(region, channel)
    return _table("region", conn.execute(stmt).all(), flt, as_of(conn), lambda r: r)


def by_month_channel(conn: Connection, flt: StatsFilter | None = None) -> CrossTab:
    """Rows are ``YYYY-MM``; death dates known only to the year (or not at all) are
    in the ``unknown`` row."""
    flt = flt or StatsFilter()
    return month_channel_tab(by_date_rows(conn, flt), flt, as_of(conn))


def by_date_channel(
    conn: Connection, flt: StatsFilter | None = None, period: str = "week"
) -> CrossTab:
    """Rows are periods of the death date (``day``, ``week`` = its Monday, ``month``);
    dates not precise enough for the period are in the ``unknown`` row."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}; got {period!r}")
    flt = flt or StatsFilter()
    return date_channel_tab(by_date_rows(conn, flt), flt, as_of(conn), period)
