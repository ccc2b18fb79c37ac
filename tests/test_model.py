"""The domain model: partial dates order as their text sorts, whatever their precision."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tally.model import PartialDate


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(1900, 2100))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return PartialDate(year, month)
    return PartialDate(year, month, draw(st.integers(1, 28)))


@pytest.mark.parametrize(
    ("low", "high"),
    [
        ("2001", "2001-05"),  # same year, one to the month: used to raise TypeError
        ("2001-05", "2001-05-01"),
        ("2001-05-31", "2001-06"),
        ("2000-12-31", "2001"),
        ("2001", "2002"),
    ],
)
def test_less_precise_sorts_first_within_its_period(low: str, high: str) -> None:
    a, b = PartialDate.parse(low), PartialDate.parse(high)
    assert a < b and a <= b and b > a and b >= a
    assert not a >= b and not b <= a
    assert sorted([b, a]) == [a, b]


@given(partial_dates(), partial_dates())
def test_order_is_total_and_matches_the_stored_text(a: PartialDate, b: PartialDate) -> None:
    assert (a < b) == (str(a) < str(b))
    assert (a <= b) == (str(a) <= str(b))
    assert (a == b) == (str(a) == str(b))
    assert (a < b) + (a == b) + (a > b) == 1


@given(partial_dates())
def test_parse_round_trips(a: PartialDate) -> None:
    assert PartialDate.parse(str(a)) == a
