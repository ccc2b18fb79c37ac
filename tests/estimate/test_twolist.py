"""Lincoln-Petersen and Chapman."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tally.estimate.table import CaptureTable
from tally.estimate.twolist import chapman, estimate_two_list, lincoln_petersen


def test_textbook_values() -> None:
    # n1=100, n2=80, m=20: LP = 400; Chapman = 101*81/21 - 1 = 388.571...
    assert lincoln_petersen(100, 80, 20)[0] == 400
    N, se = chapman(100, 80, 20)
    assert pytest.approx(101 * 81 / 21 - 1) == N
    assert se == pytest.approx(math.sqrt(101 * 81 * 80 * 60 / (21**2 * 22)))


def test_lp_infinite_without_overlap() -> None:
    assert lincoln_petersen(10, 10, 0) == (math.inf, math.inf)
    assert math.isfinite(chapman(10, 10, 0)[0])


def test_estimate_interval_and_errors() -> None:
    table = CaptureTable.from_counts(["A", "B"], {(1, 0): 80, (0, 1): 60, (1, 1): 20})
    est = estimate_two_list(table)
    assert est.lower < est.N < est.upper and est.lower >= table.n
    wider = estimate_two_list(table, level=0.99)
    assert wider.lower < est.lower and wider.upper > est.upper
    three = CaptureTable.from_counts(["A", "B", "C"], {(1, 0, 0): 1})
    with pytest.raises(ValueError, match="exactly 2 lists"):
        estimate_two_list(three)


@given(st.integers(1, 500), st.integers(1, 500), st.integers(0, 500))
def test_chapman_never_below_observed(n1: int, n2: int, m: int) -> None:
    m = min(m, n1, n2)
    N, se = chapman(n1, n2, m)
    assert n1 + n2 - m - 1e-9 <= N
    assert se >= 0
