"""Dates as comparison inputs: partial dates to day ranges, age to a birth-year range.

A partial date (``2023``, ``2023-05``, ``2023-05-14``) covers a range of days; comparisons
check whether two ranges come within a tolerance of each other, so a month-precise date
agrees with any day of that month. An age at death gives a two-year range of birth years.
"""

from __future__ import annotations

from dataclasses import dataclass

from tally.model import PartialDate


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


def day_range(text: str | None) -> DayRange | None:
    date = parse_partial(text)
    if date is None:
        return None
    return DayRange(date.earliest().toordinal(), date.latest().toordinal(), date.precision)


def birth_years(
    birth_date: str | None, age: int | None, death_date: str | None
) -> tuple[int, int] | None:
    """(earliest, latest) birth year: from the birth date, else from age at death.

    Someone who died aged ``a`` in year ``y`` was born in ``y - a - 1`` or ``y - a``.
    """
    birth = parse_partial(birth_date)
    if birth is not None:
        return birth.year, birth.year
    death = parse_partial(death_date)
    if age is not None and death is not None and 0 <= age < 120:
        return death.year - age - 1, death.year - age
    return None
