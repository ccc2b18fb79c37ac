from __future__ import annotations

from collections.abc import Callable

import pytest

from tally.stats import StatsFilter, by_channel, by_citizenship, by_region, headline, officers
from tally.store import Store


@pytest.fixture
def people(add_person: Callable[..., int]) -> None:
    add_person(region="RU-BU", channel="mobilized", citizenship="RU", is_officer=False)
    add_person(region="RU-BU", channel="prisoner", citizenship="RU", is_officer=True)
    add_person(region="RU-TY", channel="unknown", citizenship="TJ")
    add_person(region=None, channel=None, citizenship=None)
    add_person(region="RU-TY", grade="reported", channel="pmc", citizenship="UZ")
    merged_into = add_person(region="RU-MOW")
    add_person(region="RU-MOW", merged_into=merged_into)  # a retired duplicate


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize(
    ("grade", "expected", "unknown"),
    [
        ("confirmed", {"RU-BU": 2, "RU-TY": 1, "RU-MOW": 1}, 1),
        ("reported", {"RU-TY": 1}, 0),
        ("all", {"RU-BU": 2, "RU-TY": 2, "RU-MOW": 1}, 1),
        ("discounted", {}, 0),
    ],
)
def test_by_region_counts_live_persons_of_the_grade(
    store: Store, grade: str, expected: dict[str, int], unknown: int
) -> None:
    with store.engine.connect() as conn:
        result = by_region(conn, StatsFilter(grade=grade))
    assert result.as_mapping() == expected
    assert result.unknown == unknown
    assert result.total == sum(expected.values()) + unknown
    assert result.as_of is None  # nothing was imported: no "as of"
    assert grade in result.counts or grade == "all"


@pytest.mark.usefixtures("people")
def test_universe_lists_regions_with_nobody(store: Store) -> None:
    with store.engine.connect() as conn:
        result = by_region(conn, universe=["RU-BU", "RU-AL"])
    assert result.as_mapping()["RU-AL"] == 0
    assert result.rows[0].key == "RU-BU"  # most first


@pytest.mark.usefixtures("people")
def test_channel_lists_every_known_channel_and_folds_unknown(store: Store) -> None:
    with store.engine.connect() as conn:
        result = by_channel(conn)
    counts = result.as_mapping()
    assert counts["mobilized"] == 1 and counts["prisoner"] == 1 and counts["volunteer"] == 0
    assert "unknown" not in counts
    assert result.unknown == 3  # NULL (twice) and "unknown"
    assert result.total == 5


@pytest.mark.usefixtures("people")
def test_citizenship_and_officers(store: Store) -> None:
    with store.engine.connect() as conn:
        cit = by_citizenship(conn, StatsFilter(grade="all"))
        off = officers(conn)
        head = headline(conn)
    assert cit.as_mapping() == {"RU": 2, "TJ": 1, "UZ": 1}
    assert cit.notes["foreign"] == 2
    assert off.as_mapping() == {"officer": 1, "not_officer": 1}
    assert off.unknown == 3
    assert head.confirmed == 5 and head.reported == 1 and head.total == 6
    assert head.to_dict()["by_grade"]["discounted"] == 0


def test_bad_grade_is_refused() -> None:
    with pytest.raises(ValueError, match="grade must be one of"):
        StatsFilter(grade="likely")
