"""Per-capita rates per 100,000 with exact 95% Poisson intervals.

The interval is Garwood's exact (central) interval for a Poisson count ``k``:
``[χ²(α/2; 2k)/2, χ²(1−α/2; 2k+2)/2]`` (lower bound 0 when ``k = 0``), divided by the
denominator and multiplied by 100,000. The denominator (e.g. census men aged 16–61.5) is
treated as fixed and exact: its own error is not in the interval. The interval describes
chance variation in the count only; it does not cover missing names (under-count), which
is what the estimates in :mod:`tally.estimate` are for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from scipy.stats import chi2

from tally.stats.results import RateRow, RateTable, Tally

PER = 100_000
INTERVAL = "95% exact Poisson (Garwood) interval on the count; denominator treated as fixed"


@dataclass(frozen=True)
class Denominators:
    """Population by region code, and where it came from."""

    values: Mapping[str, int]
    label: str

    @classmethod
    def shipped(cls) -> Denominators:
        """The gazetteer's shipped denominators."""
        from tally import gazetteer

        table = gazetteer.denominators()
        years = sorted({str(d.year) for d in table.values() if getattr(d, "year", None)})
        return cls({code: int(d.value) for code, d in table.items()},
                   f"shipped denominators ({', '.join(years) or 'year unknown'})")

    @classmethod
    def from_csv(cls, path: Path, region_column: str, value_column: str) -> Denominators:
        """A user-supplied CSV: one row per region, read by the gazetteer's loader."""
        from tally import gazetteer

        table = gazetteer.load_denominator_csv(path, region_column, value_column)
        values = {code: int(d.value) for code, d in table.items()}
        return cls(values, f"{path.name}: column {value_column}")


def garwood_interval(count: int, level: float = 0.95) -> tuple[float, float]:
    """Exact Poisson interval for the mean of a count."""
    if count < 0:
        raise ValueError("a count is not negative")
    alpha = 1.0 - level
    low = 0.0 if count == 0 else float(chi2.ppf(alpha / 2, 2 * count)) / 2
    high = float(chi2.ppf(1 - alpha / 2, 2 * count + 2)) / 2
    return low, high


def rate_row(key: str, count: int, denominator: int | None) -> RateRow:
    if not denominator or denominator <= 0:
        return RateRow(key, count, None, None, None, None)
    low, high = garwood_interval(count)
    scale = PER / denominator
    return RateRow(key, count, denominator, count * scale, low * scale, high * scale)


def per_capita(tally: Tally, denominators: Denominators) -> RateTable:
    """Rates for every row of ``tally``; rows without a denominator keep their count and get
    no rate (never dropped). Sorted by rate, highest first, rows without a rate last."""
    rows = [rate_row(r.key, r.count, denominators.values.get(r.key)) for r in tally.rows]
    rows.sort(key=lambda r: (r.rate is None, -(r.rate or 0.0), -r.count, r.key))
    return RateTable(tally.dimension, tally.counts, tally.as_of, tally.filter, tuple(rows),
                     tally.unknown, PER, denominators.label, INTERVAL)
