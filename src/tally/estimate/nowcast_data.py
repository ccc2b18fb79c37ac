"""Reporting triangles from dated snapshots ("vintages") of a cumulative count by date of death.

A vintage is a CSV ``date,change,total`` with one row per day of death (``change`` deaths dated
that day, as known when the snapshot was taken); the vintage's date is the ``YYYY-MM-DD`` prefix
of the file name. Deaths are grouped into ISO weeks (Monday to Sunday) of death. The triangle
holds, for each week ``w`` and vintage ``v``, how many deaths of week ``w`` were known at ``v``,
and the week's *age* at ``v``: whole weeks from the end of week ``w`` to the vintage's last day
of data. A week that had not ended by a vintage's last day is missing (``nan``) there.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
_VINTAGE_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class Vintage:
    """One snapshot: its date, the last day of death it covers, and deaths by day of death."""

    date: dt.date
    daily: dict[dt.date, int]

    @property
    def last_day(self) -> dt.date:
        return max(self.daily)


def read_vintage(path: Path) -> Vintage:
    """Read one ``date,change,total`` snapshot; the date comes from the file name."""
    match = _VINTAGE_NAME.search(path.name)
    if match is None:
        raise ValueError(f"{path}: file name must start with the vintage date YYYY-MM-DD")
    daily: dict[dt.date, int] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                daily[dt.date.fromisoformat(row["date"])] = int(row["change"])
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{path}:{line}: expected date,change,total ({exc})") from exc
    if not daily:
        raise ValueError(f"{path}: no rows")
    return Vintage(dt.date.fromisoformat(match.group(1)), daily)


def read_vintages(folder: Path) -> list[Vintage]:
    """All ``*.csv`` snapshots in a folder, oldest first."""
    vintages = [read_vintage(p) for p in sorted(folder.glob("*.csv"))]
    if not vintages:
        raise ValueError(f"{folder}: no vintage CSV files")
    return sorted(vintages, key=lambda v: v.date)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class ReportingTriangle:
    """``counts[w, v]``: deaths of week ``weeks[w]`` known at vintage ``vintages[v]``."""

    weeks: tuple[dt.date, ...]
    vintages: tuple[dt.date, ...]
    counts: FloatArray
    ages: IntArray  # whole weeks since the end of the week; -1 where the week is not complete

    def observed(self) -> npt.NDArray[np.bool_]:
        out: npt.NDArray[np.bool_] = self.ages >= 0
        return out

    def upto(self, vintage_index: int) -> ReportingTriangle:
        """The triangle as it was known at vintage ``vintage_index`` (later vintages dropped)."""
        keep = slice(0, vintage_index + 1)
        rows = np.flatnonzero(self.observed()[:, vintage_index])
        return ReportingTriangle(
            weeks=tuple(self.weeks[i] for i in rows),
            vintages=self.vintages[keep],
            counts=self.counts[rows, keep],
            ages=self.ages[rows, keep],
        )


def build_triangle(vintages: list[Vintage]) -> ReportingTriangle:
    """Weekly reporting triangle over all weeks of death seen in any vintage."""
    first = min(min(v.daily) for v in vintages)
    last = max(v.last_day for v in vintages)
    weeks = []
    start = week_start(first)
    while start + dt.timedelta(days=6) <= last:
        weeks.append(start)
        start += dt.timedelta(days=7)
    index = {w: i for i, w in enumerate(weeks)}
    counts = np.full((len(weeks), len(vintages)), np.nan)
    ages = np.full((len(weeks), len(vintages)), -1, dtype=np.int64)
    for v, vintage in enumerate(vintages):
        sums = np.zeros(len(weeks))
        for day, n in vintage.daily.items():
            w = index.get(week_start(day))
            if w is not None:
                sums[w] += n
        for w, start in enumerate(weeks):
            end = start + dt.timedelta(days=6)
            if end <= vintage.last_day:
                counts[w, v] = sums[w]
                ages[w, v] = (vintage.last_day - end).days // 7
    return ReportingTriangle(tuple(weeks), tuple(v.date for v in vintages), counts, ages)
