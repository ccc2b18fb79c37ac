"""Spreadsheet cells as linkage inputs: dates, ages and regions as people write them.

The store holds ISO partial dates and region codes already (the list importer's mapping
converts them); a spreadsheet given to ``tally dedupe`` holds whatever its compiler typed:
``12.03.1990``, ``03.1990``, ``12 марта 1990 г.``, ``March 12, 1990``, ``1990 г.р.``,
``35 лет``, «Республика Бурятия». These readers turn such cells into the forms the comparisons
use and return None for what they cannot read (never a guess); :func:`unreadable` lists those
cells so that the user is told.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache

from tally.model import PartialDate

_MONTHS: tuple[tuple[str, int], ...] = (
    ("январ", 1), ("янв", 1), ("феврал", 2), ("фев", 2), ("март", 3), ("мар", 3),
    ("апрел", 4), ("апр", 4), ("мая", 5), ("май", 5), ("мае", 5), ("июн", 6), ("июл", 7),
    ("август", 8), ("авг", 8), ("сентябр", 9), ("сен", 9), ("октябр", 10), ("окт", 10),
    ("ноябр", 11), ("ноя", 11), ("декабр", 12), ("дек", 12),
    ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("march", 3), ("mar", 3),
    ("april", 4), ("apr", 4), ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7),
    ("august", 8), ("aug", 8), ("september", 9), ("sept", 9), ("sep", 9), ("october", 10),
    ("oct", 10), ("november", 11), ("nov", 11), ("december", 12), ("dec", 12),
)
_MONTH_WORDS = {word: num for word, num in _MONTHS}

#: Words around a date that say nothing about it («1990 г.р.», «около 1990», "c. 1990").
_NOISE = re.compile(
    r"(?<![^\W\d_])(?:г\.?\s*р\.?|гр|г\.|года?|году|гг?|ок(?:оло)?\.?|примерно|прибл\.?|"
    r"circa|ca?\.|about|approx\.?|born|b\.|d\.)(?=\s|$|\d)|^(?:в|во|in|on)\s|[~≈?()\[\]]",
    re.IGNORECASE,
)
_ISO = re.compile(r"(\d{4})(?:[-./](\d{1,2})(?:[-./](\d{1,2}))?)?(?:[T ]\d{1,2}:\d{2}.*)?")
_DMY = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})")
_MY = re.compile(r"(\d{1,2})[./-](\d{4})")
_WORDS = re.compile(r"(?:(\d{1,2})\s+)?([^\W\d_]+)\.?,?\s+(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?"
                    r"(\d{4})")


def _year(text: str) -> int:
    """A four-digit year, or a two-digit one read in the last hundred years."""
    value = int(text)
    if len(text) == 2:
        this = date.today().year
        value += 2000 if value <= this % 100 else 1900
    return value


def _make(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        return str(PartialDate(year, month, day))
    except ValueError:
        return None


def _month_of(word: str) -> int | None:
    low = word.lower().rstrip(".")
    if low in _MONTH_WORDS:
        return _MONTH_WORDS[low]
    for stem, num in _MONTHS:  # inflected forms: «марта», «сентябре», «июнь»; longest first
        if len(stem) >= 3 and low.startswith(stem):
            return num
    return None


@lru_cache(maxsize=1 << 16)
def iso_date(text: str | None) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` for a date cell; None when it is not a date.

    Numeric dates are read day first (``03.04.1990`` is 3 April), as Russian and most
    European lists write them, unless the first number cannot be a month's day order
    (``04/23/1990`` is read as 23 April).
    """
    if text is None:
        return None
    cell = " ".join(_NOISE.sub(" ", str(text)).split()).strip(" ,.")
    if not cell:
        return None
    if m := _ISO.fullmatch(cell):
        y, mo, d = m.groups()
        return _make(int(y), int(mo) if mo else None, int(d) if d else None)
    if m := _DMY.fullmatch(cell):
        a, b, y = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        day, month = (b, a) if b > 12 >= a else (a, b)
        return _make(y, month, day)
    if m := _MY.fullmatch(cell):
        return _make(int(m.group(2)), int(m.group(1)))
    if m := _WORDS.fullmatch(cell):
        named = _month_of(m.group(2))
        if named is None:
            return None
        day_text = m.group(1) or m.group(3)
        return _make(int(m.group(4)), named, int(day_text) if day_text else None)
    return None


_AGE = re.compile(r"(\d{1,3})(?:[.,]0+)?")
_AGE_WORDS = re.compile(r"\b(?:лет|года?|год|г\.|years?|yrs?|y\.?\s?o\.?|yo)(?=\s|$)|[~≈]",
                        re.IGNORECASE)


@lru_cache(maxsize=4096)
def age_years(value: object) -> int | None:
    """Age at death in whole years from ``35``, ``35.0``, ``35 лет``, "35 years"; else None."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, int | float):
        years = int(value)
    else:
        m = _AGE.fullmatch(" ".join(_AGE_WORDS.sub(" ", str(value)).split()))
        if m is None:
            return None
        years = int(m.group(1))
    return years if 0 <= years < 120 else None


@lru_cache(maxsize=4096)
def region_key(text: str) -> str:
    """The region's ISO 3166-2 code when the gazetteer knows the name, else the text as is
    (upper-cased): «Бурятия», «Республика Бурятия» and "Buryatia" all give ``RU-BU``."""
    from tally.gazetteer import UnknownRegion, resolve

    try:
        return resolve(text)
    except UnknownRegion:
        return text.upper()


def unreadable(column: str, values: Iterable[object], reader: Callable[[str], object],
               ) -> str | None:
    """A message naming the cells of ``column`` that ``reader`` could not read, or None."""
    bad = [str(v) for v in values
           if v is not None and str(v).strip() and reader(str(v)) is None]
    if not bad:
        return None
    examples = ", ".join(repr(v) for v in dict.fromkeys(bad) if v)
    shown = examples if len(examples) < 120 else examples[:117] + "..."
    return f"{len(bad)} {column} value(s) could not be read and were left out: {shown}"
