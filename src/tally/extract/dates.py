"""Birth and death dates as partial dates, with the year resolved from the publication date.

Dates are found by pattern (Russian month names in the genitive, English month names, numeric
``DD.MM.YYYY``, years with «г.р.»), then typed as birth or death by the nearest cue word in the
same sentence («родился», «г.р.», "born" / «погиб», «гибели», "killed", "died"). A death day
without a year takes the latest year that does not put it after the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from tally.model import PartialDate

_RU_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
    "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}
_EN_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december")
    )
}
_RU_MONTH = (r"(?P<mon>январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|"
             r"августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья]|январе|феврале|марте|"
             r"апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)")
_EN_MONTH = r"(?P<mon>" + "|".join(m.capitalize() for m in _EN_MONTHS) + ")"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<!\d)(?P<day>\d{1,2})\.(?P<mon>\d{2})\.(?P<year>(?:19|20)\d\d)(?!\d)"),
    re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})\s+{_RU_MONTH}(?:\s+{_YEAR})?(?!\d)", re.I),
    re.compile(rf"{_RU_MONTH}\s+{_YEAR}(?!\d)", re.I),  # «(в конце) марта 2024»: see _PREFIX
    re.compile(rf"(?<![\w])[Вв]\s+(?:(?:конце|начале|середине)\s+)?{_RU_MONTH}(?!\s+\d)", re.I),
    re.compile(rf"{_EN_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?(?!\d)"),
    re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})\s+{_EN_MONTH}(?:\s+{_YEAR})?(?!\d)"),
    re.compile(rf"{_EN_MONTH}(?:,)?\s+{_YEAR}(?!\d)"),
    re.compile(rf"\b(?:in|In|early|late|mid-)\s+{_EN_MONTH}(?![\w\s]*\d)"),
    re.compile(rf"(?:[Bb]orn|родил(?:ся|ась))(?:\s+in|\s+в)?\s+{_YEAR}(?!\d)"),
    re.compile(rf"(?:погиб(?:ла|ли)?|killed|died)\s+(?:в|in)\s+{_YEAR}(?:\s+году)?(?!\d)"),
    re.compile(rf"(?<![\d.–-]){_YEAR}(?!\d)(?=\s*(?:г\.\s*р|года\s+рождения|г\.\s*р\.|\)|"
               rf"\s*года?|\s*г\.|[–—-]\s*(?:19|20)\d\d|-?м|-?го))"),
)
#: the words before a month and year that belong to the date («в конце марта 2024»); looked for
#: behind the month, since a pattern that starts with optional words is slow to search
_PREFIX = re.compile(r"(?:в\s+)?(?:(?:конце|начале|середине)\s+)?$", re.I)
_MONTH_YEAR = 2
_NEEDS_LATIN = frozenset({4, 5, 6, 7})  # English month names
_NEEDS_DIGIT = frozenset({0, 1, 2, 4, 5, 6, 8, 9, 10})
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_YEAR_ONLY = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_RANGE = re.compile(
    r"(?P<a>\d{1,2}\.\d{2}\.(?:19|20)\d\d|(?:19|20)\d\d)\s*(?:[–—-]|\s-\s)\s*"
    r"(?P<b>\d{1,2}\.\d{2}\.(?:19|20)\d\d|(?:19|20)\d\d)(?!\d)"
)
_BIRTH_CUE = re.compile(
    r"родил(?:ся|ась)|рождения|г\.\s*р\.?|г\.р|\bborn\b|уроженц|уроженк", re.I
)
_DEATH_CUE = re.compile(
    r"погиб|гибел|убит|скончал|умер|смерт|дата\s+гибели|\bkilled\b|\bdied\b|\bdeath\b|"
    r"\bdead\b|пал\s+смертью|сложил", re.I
)
_BOUNDARY = re.compile(r"[.!?\n;]")
_SAME_DAY = re.compile(
    r"(?<![а-яёa-z])(?:в\s+(?:тот|этот)\s+же\s+(?:самый\s+)?день|тем\s+же\s+дн[её]м|"
    r"(?:on\s+)?(?:the|that)\s+same\s+day)(?![а-яёa-z])",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DateHit:
    start: int
    end: int
    value: PartialDate
    kind: str  # "birth" or "death"
    confidence: float = 0.8


def _month(name: str) -> int:
    low = name.lower()
    if low in _EN_MONTHS:
        return _EN_MONTHS[low]
    if low.isdigit():
        return int(low)
    for stem, num in sorted(_RU_MONTHS.items(), key=lambda kv: -len(kv[0])):
        if low.startswith(stem):
            return num
    raise ValueError(name)


def _resolve(day: int | None, month: int | None, year: int | None, kind: str,
             published: date | None) -> PartialDate | None:
    try:
        if year is not None:
            return PartialDate(year, month, day if month else None)
        if published is None or month is None:
            return None
        y = published.year
        cand = PartialDate(y, month, day)
        if cand.earliest() > published:
            cand = PartialDate(y - 1, month, day)
        return cand
    except ValueError:
        return None


def _kind(text: str, start: int, end: int) -> tuple[str | None, int]:
    lo = max(0, start - 90)
    hi = min(len(text), end + 90)
    before = text[lo:start]
    after = text[end:hi]
    cut = [m.end() for m in _BOUNDARY.finditer(before) if not _abbrev(before, m.start())]
    if cut:
        before = before[cut[-1]:]
    stop = next((m.start() for m in _BOUNDARY.finditer(after) if not _abbrev(after, m.start())),
                None)
    if stop is not None:
        after = after[:stop]
    best: tuple[int, str] | None = None
    for cue, kind in ((_BIRTH_CUE, "birth"), (_DEATH_CUE, "death")):
        for m in cue.finditer(before):
            d = len(before) - m.end()
            if best is None or d < best[0]:
                best = (d, kind)
        for m in cue.finditer(after):
            d = m.start() + (15 if kind == "death" else 0)
            if best is None or d < best[0]:
                best = (d, kind)
    return (best[1], best[0]) if best else (None, 0)


def _abbrev(chunk: str, pos: int) -> bool:
    """A full stop of «г.р.», «г.», «с.» or an initial is not a sentence end."""
    if chunk[pos] != ".":
        return False
    prev = chunk[max(0, pos - 4):pos]
    return bool(re.search(r"(?:\b[гсдпр]|\bг\.\s?р|\b[А-ЯЁA-Z])$", prev)) or (
        pos > 0 and chunk[pos - 1].isdigit() and pos + 1 < len(chunk) and chunk[pos + 1].isdigit()
    )


def find_dates(text: str, published: date | None) -> list[DateHit]:
    """Birth and death dates in ``text``; dates of neither kind are left out."""
    out: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    days: list[tuple[int, PartialDate]] = []  # every full date (end, value), for «в тот же день»
    skip: set[int] = set()  # patterns that cannot match: no digit, or no Latin letter
    if not _DIGIT.search(text):
        skip |= _NEEDS_DIGIT
    if not _LATIN.search(text):
        skip |= _NEEDS_LATIN
    for m in _RANGE.finditer(text) if 0 not in skip else ():
        a, b = m.group("a"), m.group("b")
        va, vb = _parse_simple(a), _parse_simple(b)
        if va and vb and va < vb:
            out.append(DateHit(m.start("a"), m.end("a"), va, "birth", 0.9))
            out.append(DateHit(m.start("b"), m.end("b"), vb, "death",
                               0.9 if vb.precision == "day" else 0.6))
            taken.append((m.start(), m.end()))
            if vb.precision == "day":
                days.append((m.end("b"), vb))
    for no, pattern in enumerate(_PATTERNS):
        if no in skip:
            continue
        for m in pattern.finditer(text) if no != _MONTH_YEAR else _month_years(text):
            start = m.start()
            if no == _MONTH_YEAR:
                lo = max(0, start - 20)
                pre = _PREFIX.search(text, lo, start)
                start = pre.start() if pre else start
            if any(s < m.end() and start < e for s, e in taken):
                continue
            groups = m.groupdict()
            day = int(groups["day"]) if groups.get("day") else None
            month = _month(groups["mon"]) if groups.get("mon") else None
            year = int(groups["year"]) if groups.get("year") else None
            if month is None:
                kind, dist = _bare_year_kind(text, m.start("year"), m.end("year")), 0
            else:
                kind, dist = _kind(text, start, m.end())
            value = _resolve(day, month, year, kind or "", published)
            if value is None:
                continue
            if value.precision == "day":
                days.append((m.end(), value))
            if kind is None:
                continue
            taken.append((start, m.end()))
            conf = round(0.95 - min(dist, 90) / 300 - (0.1 if day is None else 0.0), 3)
            out.append(DateHit(start, m.end(), value, kind, conf))
    out.extend(_same_day(text, days, taken))
    out.sort(key=lambda h: h.start)
    return out


def _month_years(text: str) -> Iterator[re.Match[str]]:
    """Matches of «марта 2024» found from the year back (a month alternation is slow to scan)."""
    pattern = _PATTERNS[_MONTH_YEAR]
    for y in _YEAR_ONLY.finditer(text):
        m = pattern.search(text, max(0, y.start() - 24), y.end())
        if m is not None and m.end() == y.end():
            yield m


def _same_day(text: str, days: list[tuple[int, PartialDate]],
              taken: list[tuple[int, int]]) -> list[DateHit]:
    """«В тот же день погиб …», "on the same day": the day last named before the phrase."""
    out: list[DateHit] = []
    for m in _SAME_DAY.finditer(text):
        before = [(end, value) for end, value in days if end <= m.start()]
        if not before or any(s < m.end() and m.start() < e for s, e in taken):
            continue
        kind, dist = _kind(text, m.start(), m.end())
        if kind is None:
            continue
        value = max(before, key=lambda d: d[0])[1]
        out.append(DateHit(m.start(), m.end(), value, kind,
                           round(0.85 - min(dist, 90) / 300, 3)))
    return out


def _bare_year_kind(text: str, start: int, end: int) -> str | None:
    """A year alone is a birth year next to «г.р.», «родился в», "born", or as «(1982)»."""
    before = text[max(0, start - 22):start]
    after = text[end:end + 22]
    born_before = re.search(r"(?:родил(?:ся|ась)|born)(?:\s+in)?\s+(?:в\s+)?$", before, re.I)
    if _BIRTH_CUE.search(after[:18]) or born_before:
        return "birth"
    if re.search(r"(?:погиб(?:ла|ли)?|killed|died)\s+(?:в|in)\s+$", before):
        return "death"
    if before.endswith("(") and after.startswith(")"):
        return "birth"
    return None


def _parse_simple(s: str) -> PartialDate | None:
    try:
        if "." in s:
            d, mo, y = s.split(".")
            return PartialDate(int(y), int(mo), int(d))
        return PartialDate(int(s))
    except ValueError:
        return None
