"""Diagnostics of the reporting delay (src/tally/estimate/nowcast_diagnose.py)."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pytest

from tally.estimate.nowcast_data import Vintage, build_triangle, read_vintages
from tally.estimate.nowcast_diagnose import (
    completeness_drift,
    development_by_quarter,
    late_growth,
    quarter,
)

START = dt.date(2023, 1, 2)


def _stable(days: int = 560, seed: int = 0) -> list[Vintage]:
    rng = np.random.default_rng(seed)
    death_day = np.repeat(np.arange(days), rng.poisson(30.0, days))
    reported = death_day + rng.exponential(40.0, death_day.size)
    out = []
    for cut in range(84, days + 1, 28):
        daily = np.bincount(death_day[(reported < cut) & (death_day < cut)], minlength=cut)
        out.append(Vintage(START + dt.timedelta(days=cut),
                           {START + dt.timedelta(days=d): int(daily[d]) for d in range(cut)}))
    return out


@pytest.mark.parametrize(
    ("day", "expected"),
    [(dt.date(2024, 1, 1), "2024Q1"), (dt.date(2024, 3, 31), "2024Q1"),
     (dt.date(2024, 4, 1), "2024Q2"), (dt.date(2025, 12, 31), "2025Q4")],
)
def test_quarter(day: dt.date, expected: str) -> None:
    assert quarter(day) == expected


def test_stable_delays_show_no_drift() -> None:
    tri = build_triangle(_stable())
    rows = completeness_drift(tri, (4, 8), every=4, first=8)
    shares4 = [r.shares[0] for r in rows]
    assert max(shares4) - min(shares4) < 0.15  # no trend when the delay does not change
    factors = development_by_quarter(tri, [(4, 13)])
    seen = [f[0] for f in factors.values() if not math.isnan(f[0])]
    assert len(seen) >= 3 and max(seen) / min(seen) < 1.3
    # exponential delay of mean 40 days: weeks older than 40 weeks hardly grow
    assert all(g < 0.03 for *_, g in late_growth(tri, old=40))


def test_real_vintages_show_a_lengthening_delay(shared_data: Path) -> None:
    tri = build_triangle(read_vintages(shared_data / "losses" / "mediazona_daily" / "vintages"))
    rows = completeness_drift(tri, (13,))
    assert rows[-1].shares[0] < 0.5 * rows[0].shares[0]
    factors = development_by_quarter(tri, [(13, 26)])
    assert factors["2025Q2"][0] > 1.5 * factors["2023Q4"][0]
    growth = [g for *_, g in late_growth(tri)]
    assert np.mean(growth[-6:]) > 0.05  # 2-year-old weeks still grow by > 5% a year
