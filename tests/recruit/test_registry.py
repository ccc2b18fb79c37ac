"""The indicators registry: import with evidence and audit, conflicts kept, history ordered,
bad input refused whole with a message naming file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from tally.ingest.errors import InputError
from tally.recruit.importer import import_indicators
from tally.recruit.mapping import IndicatorMapping, MappingError, load_mapping
from tally.recruit.registry import conflicts, history, list_indicators
from tally.recruit.tables import indicators
from tally.store import Store
from tally.store.schema import audit_events, documents
from tally.verify.audit import verify_chain

HEADER = "place,kind,amount,from,published,outlet,url\n"
MAPPING = IndicatorMapping.model_validate({
    "source": "test bonuses",
    "fields": {"region": "place", "kind": "kind", "value": "amount", "valid_from": "from",
               "published_at": "published", "citation": "outlet", "source_url": "url"},
    "constants": {"unit": "RUB", "currency": "RUB", "country": "RU"},
})


def write(tmp_path: Path, body: str, name: str = "bonuses.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def count(store: Store, table: object) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


GOOD = (
    "RU-BEL,signup_bonus_regional,800000,2024-03,2024-03-02,Outlet A,https://a.example/1\n"
    "RU-BEL,signup_bonus_regional,3000000,2024-10-07,2024-10-07,Outlet B,https://b.example/2\n"
    "RU-BEL,signup_bonus_regional,2500000,2024-10-07,2024-10-08,Outlet C,https://c.example/3\n"
    "RU-TA,signup_bonus_regional,1050000,2024-07,2024-07-23,Outlet A,https://a.example/4\n"
)


def test_import_stores_evidence_and_audits(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    report = import_indicators(store, path, MAPPING)
    assert (report.rows, report.added, report.unchanged) == (4, 4, 0)
    assert store.objects.has(report.file_sha256)
    assert count(store, indicators) == 4
    assert count(store, documents) == 5  # the file + one per row
    with store.engine.connect() as conn:
        actions = [r.action for r in conn.execute(select(audit_events))]
        assert actions == ["import.indicators"]
        assert verify_chain(conn) == []
    again = import_indicators(store, path, MAPPING)
    assert (again.added, again.unchanged) == (0, 4)
    assert count(store, indicators) == 4


def test_conflicting_sources_are_kept_and_flagged(store: Store, tmp_path: Path) -> None:
    import_indicators(store, write(tmp_path, GOOD), MAPPING)
    with store.engine.connect() as conn:
        flagged = conflicts(conn)
        listed = list_indicators(conn, region="RU-BEL")
    assert sorted(i.value for i in flagged) == [2_500_000, 3_000_000]
    assert {i.citation for i in flagged} == {"Outlet B", "Outlet C"}
    assert all(len(i.conflicts_with) == 1 for i in flagged)
    assert [i.conflict for i in listed] == [False, True, True]


def test_history_is_ordered_by_claim_date(store: Store, tmp_path: Path) -> None:
    body = (
        "RU-TA,signup_bonus_regional,1050000,2024-07,,A,https://a.example/1\n"
        "RU-TA,signup_bonus_regional,200000,2022,,B,https://b.example/2\n"
        "RU-TA,signup_bonus_regional,400000,2023-05-14,,C,https://c.example/3\n"
        "RU-BEL,signup_bonus_regional,1,2021,,C,https://c.example/4\n"
    )
    import_indicators(store, write(tmp_path, body), MAPPING)
    with store.engine.connect() as conn:
        values = [i.value for i in history(conn, "signup_bonus_regional", "RU-TA")]
    assert values == [200_000, 400_000, 1_050_000]


@pytest.mark.parametrize(
    ("row", "column", "fragment"),
    [
        ("RU-TA,signup_bonus_regional,1.2.3,2024,,A,u", "amount", "not a number"),
        ("RU-TA,signup_bonus_regional,100,2024-13,,A,u", "from", "month out of range"),
        ("RU-TA,signup_bonus_regional,100,May 2024,,A,u", "from", "not a partial date"),
        ("Atlantis,signup_bonus_regional,100,2024,,A,u", "place", "Atlantis"),
        ("RU-TA,bonus,100,2024,,A,u", "kind", "not an indicator kind"),
    ],
)
def test_bad_cell_refused_whole(
    store: Store, tmp_path: Path, row: str, column: str, fragment: str
) -> None:
    path = write(tmp_path, row + "\n" + GOOD)
    with pytest.raises(InputError) as info:
        import_indicators(store, path, MAPPING)
    assert info.value.problem.file == "bonuses.csv"
    assert info.value.problem.line == 2
    assert info.value.problem.column == column
    assert fragment in str(info.value)
    assert count(store, indicators) == 0
    assert count(store, documents) == 0
    assert count(store, audit_events) == 0
    assert not any(store.objects.root.rglob("*")) if store.objects.root.exists() else True


def test_bad_row_late_in_file_names_its_line(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "RU-TA,signup_bonus_regional,abc,2024,,A,u\n")
    with pytest.raises(InputError) as info:
        import_indicators(store, path, MAPPING)
    assert (info.value.problem.line, info.value.problem.column) == (6, "amount")
    assert count(store, indicators) == 0


def test_missing_column_and_range_order(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("place,amount\nRU-TA,5\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"column\(s\) \['from'"):
        import_indicators(store, path, MAPPING)
    ranged = IndicatorMapping.model_validate({
        "source": "s", "kind": "death_estimate",
        "fields": {"low": "lo", "value": "mid", "high": "hi"},
        "constants": {"unit": "persons", "country": "RU"},
    })
    path.write_text("lo,mid,hi\n10,5,20\n", encoding="utf-8")
    with pytest.raises(InputError, match="low <= value <= high"):
        import_indicators(store, path, ranged)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"fields": {"value": "v"}, "kind": "avg_wage", "constants": {"country": "RU"}}, "unit"),
        ({"fields": {"value": "v", "colour": "c"}, "kind": "avg_wage"}, "unknown indicator"),
        ({"fields": {"value": "v"}, "kind": "wage", "constants": {"unit": "RUB"}}, "kind"),
        ({"fields": {"region": "r"}, "kind": "avg_wage", "constants": {"unit": "RUB"}}, "value"),
    ],
)
def test_bad_mapping_refused(tmp_path: Path, data: dict[str, object], fragment: str) -> None:
    import yaml

    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(MappingError, match=fragment):
        load_mapping(path)
