"""The dashboard overview (three scans) equals the single-figure functions."""

from __future__ import annotations

import random
from datetime import date

import pytest

from tally import stats
from tally.stats.overview import overview
from tally.stats.regions import region_codes
from tally.store import Store

from .conftest import AddPerson

FILTERS = [stats.StatsFilter(), stats.StatsFilter("all"), stats.StatsFilter("reported"),
           stats.StatsFilter(date_from=date(2022, 6, 1), date_to=date(2023, 6, 30))]


@pytest.mark.parametrize("flt", FILTERS, ids=repr)
def test_overview_equals_single_figures(store: Store, add_person: AddPerson,
                                        flt: stats.StatsFilter) -> None:
    rng = random.Random(11)
    for _ in range(120):
        died = rng.choice([None, "2023", f"2022-{rng.randint(3, 12):02d}",
                           f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"])
        add_person(grade=rng.choice(["confirmed", "confirmed", "reported", "discounted"]),
                   region=rng.choice(["RU-BU", "RU-TY", "RU-MOW", None]),
                   citizenship=rng.choice(["RU", "RU", "TJ", None]),
                   channel=rng.choice(["volunteer", "mobilized", "unknown", None]),
                   death_date=died, birth_date=rng.choice([None, "1980", "1999-02-03"]),
                   age=rng.choice([None, None, 19, 35, 70]))
    codes = region_codes()
    with store.engine.connect() as conn:
        view = overview(conn, flt, codes)
        assert view.headline == stats.headline(conn)
        assert view.regions == stats.by_region(conn, flt, codes)
        assert view.citizenship == stats.by_citizenship(conn, flt)
        assert view.weekly == stats.by_date_channel(conn, flt, "week")
        assert view.weekly_notes == stats.by_death_date(conn, flt, "week")
        assert view.shares == stats.by_month_channel(conn, flt)
        assert view.age == stats.by_age(conn, flt)
    assert view.headline.by_grade["confirmed"] > 0 and view.weekly.total > 0
