"""Model inputs drawn from Tally's own named count (``from_counts``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tally.recruit.drawn import needs_store, resolve
from tally.recruit.scenario import Scenario, ScenarioError, parse_scenario
from tally.store import Store


def _with_counts(small: Callable[..., Scenario], spec: dict[str, Any]) -> Scenario:
    data = small().model_dump(by_alias=True, exclude_none=True)
    data["inputs"]["killed_per_month"] = {"from_counts": spec}
    return parse_scenario(data)


def test_rate_is_the_named_count_per_month(
    store: Store, small: Callable[..., Scenario], add_persons: Callable[..., None]
) -> None:
    add_persons(
        {"death_date": "2024-01-15"}, {"death_date": "2024-02"}, {"death_date": "2024-03-31"},
        {"death_date": "2024-04-01"},  # outside [2024-01, 2024-04)
        {"death_date": "2024"},  # only a year: cannot be placed in a month
        {"death_date": "2024-02-10", "grade": "reported"},  # not confirmed
        {"death_date": "2024-02-11", "merged_into": None},
    )
    scenario = _with_counts(small, {"from": "2024-01", "to": "2024-04"})
    assert needs_store(scenario)
    with store.engine.connect() as conn:
        drawn = resolve(scenario, conn)
    killed = drawn.inputs.killed_per_month
    assert killed.number == pytest.approx(4 / 3)  # 15 Jan, Feb, 31 Mar, 11 Feb
    assert "4 persons (confirmed)" in killed.provenance() and "floor" in killed.provenance()
    everyone = _with_counts(small, {"from": "2024-01", "to": "2024-04", "grade": "all"})
    with store.engine.connect() as conn:
        assert resolve(everyone, conn).inputs.killed_per_month.number == pytest.approx(5 / 3)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"from": "2024-04", "to": "2024-01"}, "after"),
        ({"from": "2024", "to": "2025"}, "YYYY-MM"),
        ({"from": "2024-13", "to": "2025-01"}, "from_counts"),
    ],
)
def test_bad_periods_are_refused(
    store: Store, small: Callable[..., Scenario], spec: dict[str, str], message: str
) -> None:
    with store.engine.connect() as conn, pytest.raises(ScenarioError, match=message):
        resolve(_with_counts(small, spec), conn)


def test_needs_a_store(small: Callable[..., Scenario]) -> None:
    with pytest.raises(ScenarioError, match="open a store"):
        resolve(_with_counts(small, {"from": "2024-01", "to": "2024-02"}), None)


def test_scaled_by_the_estimate(
    store: Store, small: Callable[..., Scenario], tmp_path: Any
) -> None:
    """Three overlapping lists through import and exact linking; the rate is the named count
    per month times N̂/n, with N̂ computed here from the known memberships."""
    from tally.estimate import CaptureTable, estimate
    from tally.ingest.listimport import import_list
    from tally.ingest.mapping import Mapping
    from tally.link.exact import link_exact
    from tally.verify.grade import grade_all

    mapping = Mapping.model_validate({
        "id": "id", "source_type": "official",
        "fields": {"full_name": "name", "birth_date": "born", "death_date": "died"}})
    members = {"a": range(0, 40), "b": range(25, 60), "c": range(0, 60, 3)}
    for source, people in members.items():
        path = tmp_path / f"{source}.csv"
        path.write_text("id,name,born,died\n" + "".join(
            f"{i},Фамилия{i} Имя{i},{1970 + i % 30},2024-0{1 + i % 3}-1{i % 9}\n"
            for i in people), encoding="utf-8")
        import_list(store, path, source, mapping)
    link_exact(store)
    grade_all(store)
    table = CaptureTable.from_records(
        [(i, s) for s, people in members.items() for i in people], lists=["a", "b", "c"])
    expected = estimate(table, method="loglinear", criterion="bic")
    scenario = _with_counts(small, {"from": "2024-01", "to": "2024-04",
                                    "scale_by_estimate": True})
    with store.engine.connect() as conn:
        killed = resolve(scenario, conn).inputs.killed_per_month
    named = 60  # every person died in Jan–Mar 2024 and is confirmed (official sources)
    assert killed.number == pytest.approx(named / 3 * expected.N / expected.n_observed)
    assert f"{expected.N:,.0f}" in killed.provenance()
