"""Dates as comparison inputs: partial dates to day ranges, age to a birth-year range.

A partial date (``2023``, ``2023-05``, ``2023-05-14``) covers a range of days; comparisons
check whether two ranges come within a tolerance of each other, so a month-precise date
agrees with any day of that month. An age at death gives a two-year range of birth years.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from tally.model import PartialDate

#: Deaths recorded by Tally fall in this window of years when a mention gives no date (the
#: full-scale invasion began in February 2022); an age then still bounds the birth year.
DEATH_WINDOW_START = 2022


@dataclass(frozen=True, slots=True)
class DayRange:
    lo: int  # proleptic ordinal of the earliest day
    hi: int  # ... of the latest day
    precision: str  # "day", "month" or "year"


def parse_partial(text: str | None) -> PartialDate | None:
    """A partial date from text, or None when empty or malformed (never guessed)."""
    if not text:
        return None
    text = text.strip()[:10]
    try:
        return PartialDate.parse(text)
    except ValueError:
        return None


@lru_cache(maxsize=1 << 16)
def day_range(text: str | None) -> DayRange | None:
    date = parse_partial(text)
    if date is None:
        return None
    return DayRange(date.earliest().toordinal(), date.latest().toordinal(), date.precision)


@lru_cache(maxsize=1 << 18)
def birth_years(
    birth_date: str | None, age: int | None, death_date: str | None,
    last_year: int | None = None,
) -> tuple[int, int] | None:
    """(earliest, latest) birth year: from the birth date, else from age at death.

    Someone who died aged ``a`` in year ``y`` was born in ``y - a - 1`` or ``y - a``. With an
    age but no death date, the death is taken to lie in [:data:`DEATH_WINDOW_START`,
    ``last_year``] (default: this year), which gives a wider range.
    """
    birth = parse_partial(birth_date)
    if birth is not None:
        return birth.year, birth.year
    if age is None or not 0 <= age < 120:
        return None
    death = parse_partial(death_date)
    if death is not None:
        return death.year - age - 1, death.year - age
    last = last_year or date.today().year
    return DEATH_WINDOW_START - age - 1, last - age
