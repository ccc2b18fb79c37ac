from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tally.stats import StatsFilter, by_age, by_death_date
from tally.stats.dates import period_key
from tally.stats.demography import age_at_death, band_labels, band_of
from tally.store import Store


@pytest.fixture
def dated(add_person: Callable[..., int]) -> None:
    for death in ("2022-03-01", "2022-03-06", "2022-03-07", "2022-04", "2022", None):
        add_person(death_date=death)


@pytest.mark.usefixtures("dated")
@pytest.mark.parametrize(
    ("period", "rows", "unknown"),
    [
        ("day", {"2022-03-01": 1, "2022-03-06": 1, "2022-03-07": 1}, 3),
        # 2022-03-01 is a Tuesday, 03-06 a Sunday (same ISO week), 03-07 a Monday
        ("week", {"2022-02-28": 2, "2022-03-07": 1}, 3),
        ("month", {"2022-03": 3, "2022-04": 1}, 2),
    ],
)
def test_periods_never_invent_days(
    store: Store, period: str, rows: dict[str, int], unknown: int
) -> None:
    with store.engine.connect() as conn:
        result = by_death_date(conn, period=period)
    assert result.as_mapping() == rows
    assert result.unknown == unknown
    assert result.notes == {"no_date": 1, "year_only": 1, "month_only": 1}
    assert result.total == 6


@pytest.mark.usefixtures("dated")
@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        (date(2022, 3, 2), None, 3),  # 03-06, 03-07, 2022-04 (earliest 04-01)
        (None, date(2022, 3, 1), 2),  # 03-01 and 2022 (earliest 01-01)
        (date(2022, 3, 1), date(2022, 3, 31), 3),
    ],
)
def test_date_range_uses_earliest_possible_day(
    store: Store, date_from: date | None, date_to: date | None, expected: int
) -> None:
    with store.engine.connect() as conn:
        result = by_death_date(conn, StatsFilter(date_from=date_from, date_to=date_to))
    assert result.total == expected


def test_age_prefers_stated_age_then_years(store: Store, add_person: Callable[..., int]) -> None:
    add_person(age=19, birth_date="1990", death_date="2023-01-01")  # stated wins
    add_person(birth_date="1990", death_date="2023-05-01")  # 33 from years
    add_person(birth_date="1990-04-02")  # no death year: unknown
    add_person(age=61)
    with store.engine.connect() as conn:
        result = by_age(conn)
    counts = result.as_mapping()
    assert counts["<20"] == 1 and counts["30-34"] == 1 and counts["60+"] == 1
    assert result.unknown == 1
    assert result.notes == {"age_stated": 2, "age_from_years": 1}
    assert [r.key for r in result.rows] == list(band_labels())


@pytest.mark.parametrize(
    ("age", "born", "died", "expected"),
    [(30, None, None, (30, "stated")), (None, "1990", "2022", (32, "years")),
     (None, None, "2022", (None, "unknown")), (None, "19x0", "2022", (None, "unknown"))],
)
def test_age_at_death(age: int | None, born: str | None, died: str | None,
                      expected: tuple[int | None, str]) -> None:
    assert age_at_death(age, born, died) == expected


@given(st.integers(min_value=0, max_value=120))
def test_every_age_has_exactly_one_band(age: int) -> None:
    label = band_of(age)
    assert label in band_labels()
    if label.endswith("+"):
        assert age >= int(label[:-1])
    elif label.startswith("<"):
        assert age < int(label[1:])
    else:
        lo, hi = (int(x) for x in label.split("-"))
        assert lo <= age <= hi


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_week_key_is_the_monday_of_the_week(day: date) -> None:
    key = period_key(day.isoformat(), "week")
    assert key is not None
    monday = date.fromisoformat(key)
    assert monday.weekday() == 0 and 0 <= (day - monday).days < 7
    assert period_key(day.isoformat()[:7], "week") is None
