"""The dashboard's figures in three table scans instead of eight.

Headline, regions and citizenship come from one count per (grade, region, citizenship);
weekly deaths, week × channel and month × channel from one count per (death date,
channel); ages from one count per (stated age, birth year, death year). Each figure is then
made by the same function the single-figure call uses (``region_tally``,
``death_date_tally``, ...), so the two always agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, func, select

from tally.stats.crosstab import by_date_rows, date_channel_tab, month_channel_tab
from tally.stats.dates import death_date_tally
from tally.stats.demography import by_age
from tally.stats.filters import StatsFilter, unindexed, where
from tally.stats.freshness import as_of
from tally.stats.headline import headline, headline_from
from tally.stats.oneway import citizenship_tally, region_tally
from tally.stats.results import CrossTab, Headline, Tally
from tally.store.schema import persons


@dataclass(frozen=True)
class Overview:
    headline: Headline
    weekly: CrossTab
    weekly_notes: Tally
    age: Tally
    shares: CrossTab
    citizenship: Tally
    regions: Tally


def _sum(rows: Iterable[Any], pick: int, grade: str) -> dict[Any, int]:
    out: Counter[Any] = Counter()
    for row in rows:
        if grade == "all" or row[0] == grade:
            out[row[pick]] += int(row[-1])
    return dict(out)


def overview(conn: Connection, flt: StatsFilter | None = None,
             universe: Iterable[str] = ()) -> Overview:
    """Every dashboard figure for ``flt`` (the headline counts every grade, undated)."""
    flt = flt or StatsFilter()
    stamp = as_of(conn)
    any_grade = replace(flt, grade="all")
    grade, region = unindexed(persons.c.grade), unindexed(persons.c.region)
    citizenship = unindexed(persons.c.citizenship)
    places = conn.execute(
        select(grade, region, citizenship, func.count()).where(where(any_grade))
        .group_by(grade, region, citizenship)).all()
    plain = flt.date_from is None and flt.date_to is None and flt.source is None
    head = (headline_from(((r[0], r[-1]) for r in places), stamp) if plain
            else headline(conn))
    dated = by_date_rows(conn, flt)
    return Overview(
        headline=head,
        weekly=date_channel_tab(dated, flt, stamp, "week"),
        weekly_notes=death_date_tally(((d, n) for d, _c, n in dated), flt, stamp, "week"),
        age=by_age(conn, flt),
        shares=month_channel_tab(dated, flt, stamp),
        citizenship=citizenship_tally(_sum(places, 2, flt.grade), flt, stamp),
        regions=region_tally(_sum(places, 1, flt.grade), flt, stamp, universe),
    )
