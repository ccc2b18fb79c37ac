from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from tally.stats import StatsFilter, by_month_channel, by_region, by_region_channel
from tally.store import Store
from tally.store.schema import documents, mentions, person_mentions, sources


def test_crosstabs_add_up_to_the_one_way_total(
    store: Store, add_person: Callable[..., int]
) -> None:
    add_person(region="RU-BU", channel="mobilized", death_date="2022-10-03")
    add_person(region="RU-BU", channel="mobilized", death_date="2022-10-20")
    add_person(region="RU-BU", channel=None, death_date="2023")
    add_person(region=None, channel="pmc", death_date="2022-11")
    with store.engine.connect() as conn:
        rc = by_region_channel(conn)
        mc = by_month_channel(conn)
    assert rc.cell("RU-BU", "mobilized") == 2
    assert rc.cell("RU-BU", "unknown") == 1
    assert rc.cell("unknown", "pmc") == 1
    assert mc.cell("2022-10", "mobilized") == 2
    assert mc.cell("2022-11", "pmc") == 1
    assert mc.cell("unknown", "unknown") == 1
    assert rc.total == mc.total == 4
    assert mc.row_keys == ("2022-10", "2022-11", "unknown")


def _mention_from(store: Store, person_id: int, source: str) -> None:
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        sid = conn.execute(sources.insert().values(
            name=source, type="aggregator", distinct_persons=False, confirms=False,
            created_at=now)).inserted_primary_key
        assert sid is not None
        did = conn.execute(documents.insert().values(
            sha256="a" * 64, source_id=sid[0], media_type="text/plain", imported_at=now,
            size=1)).inserted_primary_key
        assert did is not None
        mid = conn.execute(mentions.insert().values(
            document_id=did[0], source_id=sid[0], ordinal=0, version=1,
            created_at=now)).inserted_primary_key
        assert mid is not None
        conn.execute(person_mentions.insert().values(mention_id=mid[0], person_id=person_id))


@pytest.mark.parametrize(("source", "expected"), [("list-a", {"RU-TY": 1}), ("nope", {})])
def test_source_filter_and_as_of(
    store: Store, add_person: Callable[..., int], source: str, expected: dict[str, int]
) -> None:
    pid = add_person(region="RU-TY")
    add_person(region="RU-BU")
    _mention_from(store, pid, "list-a")
    with store.engine.connect() as conn:
        result = by_region(conn, StatsFilter(source=source))
    assert result.as_mapping() == expected
    assert result.as_of is not None and result.as_of.tzinfo is not None
    assert result.to_dict()["filter"]["source"] == source
