from __future__ import annotations

import math
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import poisson

from tally.stats import CountRow, Denominators, Tally, garwood_interval, per_capita


# Exact Poisson 95% intervals as R's poisson.test prints them
@pytest.mark.parametrize(
    ("k", "low", "high"),
    [(0, 0.0, 3.688879), (1, 0.025318, 5.571643), (5, 1.623486, 11.668332),
     (10, 4.795389, 18.390356), (100, 81.36399, 121.62679)],
)
def test_garwood_matches_published_values(k: int, low: float, high: float) -> None:
    lo, hi = garwood_interval(k)
    assert lo == pytest.approx(low, abs=1e-5)
    assert hi == pytest.approx(high, abs=1e-5)


@given(st.integers(min_value=0, max_value=5000))
def test_interval_tails_hold_two_and_a_half_percent(k: int) -> None:
    lo, hi = garwood_interval(k)
    assert lo <= k <= hi
    assert poisson.cdf(k, hi) == pytest.approx(0.025, rel=1e-6)
    if k > 0:
        assert poisson.sf(k - 1, lo) == pytest.approx(0.025, rel=1e-6)


def test_per_capita_keeps_regions_without_denominator() -> None:
    tally = Tally("region", "confirmed persons", datetime(2023, 4, 12, tzinfo=UTC), {},
                  (CountRow("RU-BU", 50), CountRow("RU-TY", 10), CountRow("RU-XX", 7)), 3)
    table = per_capita(tally, Denominators({"RU-BU": 250_000, "RU-TY": 20_000}, "test"))
    by_key = {r.key: r for r in table.rows}
    assert by_key["RU-TY"].rate == pytest.approx(50.0)
    assert by_key["RU-BU"].rate == pytest.approx(20.0)
    low, high = garwood_interval(50)
    assert by_key["RU-BU"].low == pytest.approx(low / 250_000 * 100_000)
    assert by_key["RU-BU"].high == pytest.approx(high / 250_000 * 100_000)
    assert by_key["RU-XX"].rate is None and by_key["RU-XX"].count == 7
    assert [r.key for r in table.rows] == ["RU-TY", "RU-BU", "RU-XX"]
    assert table.unknown == 3 and table.total == 70
    assert "Garwood" in table.interval and table.to_dict()["per"] == 100_000
    assert not math.isnan(table.rows[0].high or math.nan)
