"""Cross-tabulations: region × channel and month of death × channel."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, case, func, select

from tally.model import Channel
from tally.stats.dates import PERIODS, period_key
from tally.stats.filters import StatsFilter, where
from tally.stats.freshness import as_of
from tally.stats.oneway import KNOWN_CHANNELS
from tally.stats.results import CrossTab
from tally.store.schema import persons

UNKNOWN = "unknown"


def _channel_key(value: Any) -> str:
    return str(value) if value and value != Channel.UNKNOWN.value else UNKNOWN


def _build(rows_dim: str, conn: Connection, flt: StatsFilter, stmt: Any,
           row_order: Any) -> CrossTab:
    cells: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row_value, channel, n in conn.execute(stmt).all():
        cells[row_value or UNKNOWN][_channel_key(channel)] += int(n)
    cols = [*KNOWN_CHANNELS, UNKNOWN]
    plain = {r: dict(c) for r, c in cells.items()}
    return CrossTab(rows_dim, "channel", flt.describe(), as_of(conn), flt.to_dict(),
                    tuple(row_order(plain)), tuple(cols), plain)


def by_region_channel(conn: Connection, flt: StatsFilter | None = None) -> CrossTab:
    flt = flt or StatsFilter()
    stmt = (
        select(persons.c.region, persons.c.channel, func.count())
        .where(where(flt))
        .group_by(persons.c.region, persons.c.channel)
    )
    return _build("region", conn, flt, stmt,
                  lambda cells: sorted(cells, key=lambda r: (r == UNKNOWN, r)))


def by_month_channel(conn: Connection, flt: StatsFilter | None = None) -> CrossTab:
    """Rows are ``YYYY-MM``; death dates known only to the year (or not at all) are
    in the ``unknown`` row."""
    flt = flt or StatsFilter()
    month = case(
        (func.length(persons.c.death_date) >= 7, func.substr(persons.c.death_date, 1, 7)),
        else_=None,
    )
    stmt = (
        select(month, persons.c.channel, func.count())
        .where(where(flt))
        .group_by(month, persons.c.channel)
    )
    return _build("month", conn, flt, stmt,
                  lambda cells: sorted(cells, key=lambda r: (r == UNKNOWN, r)))


def by_date_channel(
    conn: Connection, flt: StatsFilter | None = None, period: str = "week"
) -> CrossTab:
    """Rows are periods of the death date (``day``, ``week`` = its Monday, ``month``);
    dates not precise enough for the period are in the ``unknown`` row."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}; got {period!r}")
    flt = flt or StatsFilter()
    stmt = (
        select(persons.c.death_date, persons.c.channel, func.count())
        .where(where(flt))
        .group_by(persons.c.death_date, persons.c.channel)
    )
    cells: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for death, channel, n in conn.execute(stmt).all():
        key = period_key(str(death), period) if death else None
        cells[key or UNKNOWN][_channel_key(channel)] += int(n)
    plain = {r: dict(c) for r, c in cells.items()}
    rows = sorted(plain, key=lambda r: (r == UNKNOWN, r))
    return CrossTab(f"death_{period}", "channel", flt.describe(), as_of(conn), flt.to_dict(),
                    tuple(rows), (*KNOWN_CHANNELS, UNKNOWN), plain)
