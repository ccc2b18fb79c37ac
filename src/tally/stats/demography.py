"""Persons by age band at death.

The age is the stated age when a source gives one; otherwise death year − birth year when
both years are known (this can be one year too high: the birthday may not have come yet).
``notes`` says how many ages came each way (``age_stated``, ``age_from_years``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, func, select

from tally.stats.filters import StatsFilter, where
from tally.stats.freshness import as_of
from tally.stats.results import CountRow, Tally
from tally.store.schema import persons

#: Lower bounds of the default age bands: <20, 20-24, ..., 55-59, 60+.
DEFAULT_BANDS: tuple[int, ...] = (20, 25, 30, 35, 40, 45, 50, 55, 60)


def band_labels(bands: tuple[int, ...] = DEFAULT_BANDS) -> tuple[str, ...]:
    labels = [f"<{bands[0]}"]
    labels += [f"{lo}-{hi - 1}" for lo, hi in pairwise(bands)]
    labels.append(f"{bands[-1]}+")
    return tuple(labels)


def band_of(age: int, bands: tuple[int, ...] = DEFAULT_BANDS) -> str:
    labels = band_labels(bands)
    for i, lower in enumerate(bands):
        if age < lower:
            return labels[i]
    return labels[-1]


def age_at_death(age: int | None, birth_year: str | None, death_year: str | None
                 ) -> tuple[int | None, str]:
    """(age, basis) with basis ``stated``, ``years`` or ``unknown``."""
    if age is not None:
        return age, "stated"
    if birth_year and death_year and birth_year.isdigit() and death_year.isdigit():
        return int(death_year) - int(birth_year), "years"
    return None, "unknown"


def by_age(
    conn: Connection, flt: StatsFilter | None = None, bands: tuple[int, ...] = DEFAULT_BANDS
) -> Tally:
    flt = flt or StatsFilter()
    birth_year = func.substr(persons.c.birth_date, 1, 4)
    death_year = func.substr(persons.c.death_date, 1, 4)
    stmt = (
        select(persons.c.age, birth_year, death_year, func.count())
        .where(where(flt))
        .group_by(persons.c.age, birth_year, death_year)
    )
    return age_tally(conn.execute(stmt).all(), flt, as_of(conn), bands)


def age_tally(rows: Iterable[Any], flt: StatsFilter, stamp: datetime | None,
              bands: tuple[int, ...] = DEFAULT_BANDS) -> Tally:
    """The age tally from (stated age, birth year, death year, count) rows."""
    counts: Counter[str] = Counter({label: 0 for label in band_labels(bands)})
    notes = {"age_stated": 0, "age_from_years": 0}
    unknown = 0
    for age, born, died, n in rows:
        value, basis = age_at_death(age, born, died)
        if value is None or value < 0 or value > 120:
            unknown += int(n)
            continue
        counts[band_of(value, bands)] += int(n)
        notes["age_stated" if basis == "stated" else "age_from_years"] += int(n)
    ordered = tuple(CountRow(label, counts[label]) for label in band_labels(bands))
    return Tally("age", flt.describe(), stamp, flt.to_dict(), ordered, unknown, notes)
