"""The estimates panel's figures against the library, on a store filled by the real pipeline."""

from __future__ import annotations

import csv
import math
import random
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tally.estimate import CaptureTable
from tally.estimate.lcmcr import LcmcrSettings, estimate_lcmcr
from tally.estimate.loglinear import estimate_loglinear
from tally.estimate.panel import (
    OTHER,
    EstimatesPanel,
    ListSize,
    PanelSettings,
    build_panel,
    cache_path,
    list_sizes,
    pool_lists,
    warnings_for,
)
from tally.estimate.result import Estimate
from tally.ingest.listimport import import_list
from tally.ingest.mapping import load_mapping
from tally.link.exact import link_exact
from tally.model import SourceType
from tally.settings import Settings
from tally.store import Store, open_store
from tally.verify.grade import grade_all

SURNAMES = ("Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Попов", "Васильев",
            "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов")
FIRST = ("Иван", "Пётр", "Алексей", "Сергей", "Дмитрий", "Андрей", "Олег", "Николай",
         "Роман", "Юрий")
MAPPING = """\
id: id
distinct_persons: true
fields: {last_name: last, first_name: first, birth_date: born, death_date: died}
date_formats: ["%Y-%m-%d"]
"""
FAST = PanelSettings(lcmcr=LcmcrSettings(chains=2, burnin=200, samples=60, thinning=2))


def population(seed: int, probs: dict[str, float]) -> dict[str, list[int]]:
    """Which of 120 persons each list holds (list B copies A: positive dependence)."""
    rng = random.Random(seed)
    held: dict[str, list[int]] = {name: [] for name in probs}
    for i in range(len(SURNAMES) * len(FIRST)):
        on = {name for name, p in probs.items() if rng.random() < p}
        if "A" in on and "B" in probs and rng.random() < 0.3:
            on.add("B")
        for name in on:
            held[name].append(i)
    return held


def fill_store(store: Store, folder: Path, held: dict[str, list[int]]) -> None:
    """Import each list with the real importer, link exactly, grade."""
    mapping_path = folder / "mapping.yaml"
    mapping_path.write_text(MAPPING, encoding="utf-8")
    mapping = load_mapping(mapping_path)
    for name, people in held.items():
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["id", "last", "first", "born", "died"])
            for i in people:
                born = f"19{70 + i % 25}-0{1 + i % 9}-1{i % 10}"
                writer.writerow([f"{name}{i}", SURNAMES[i % len(SURNAMES)],
                                 FIRST[i // len(SURNAMES)], born, f"2023-0{1 + i % 9}-1{i % 10}"])
        import_list(store, path, name, mapping)
    link_exact(store)
    grade_all(store)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Store, dict[str, list[int]]]]:
    store = open_store(Settings(data_dir=tmp_path / "data"), create=True)
    held = population(7, {"A": 0.5, "B": 0.35, "C": 0.3})
    fill_store(store, tmp_path, held)
    try:
        yield store, held
    finally:
        store.engine.dispose()


def truth_table(held: dict[str, list[int]]) -> CaptureTable:
    records = [(i, name) for name, people in held.items() for i in people]
    return CaptureTable.from_records(records, lists=sorted(held))


def test_panel_figures_equal_the_library_computed_independently(world) -> None:
    store, held = world
    panel = build_panel(store, FAST)
    expected = truth_table(held)
    assert panel.table == expected
    assert panel.named == panel.observed == expected.n
    assert [(x.name, x.size) for x in panel.lists] == sorted((k, len(v)) for k, v in held.items())
    est = estimate_loglinear(expected, criterion="bic", level=0.95)
    assert panel.estimate is not None
    assert (panel.estimate.N, panel.estimate.lower, panel.estimate.upper, panel.estimate.model) \
        == (est.N, est.lower, est.upper, est.model)
    assert panel.named < panel.estimate.N  # some persons were on no list
    lc = estimate_lcmcr(expected, level=0.95, seed=FAST.seed, **asdict(FAST.lcmcr))
    assert panel.second_status == "done" and panel.second_opinion is not None
    assert (panel.second_opinion.N, panel.second_opinion.lower, panel.second_opinion.upper) \
        == (lc.N, lc.lower, lc.upper)
    assert panel.refusal is None and panel.link_method
    codes = [n.code for n in panel.assumptions]
    assert codes[:4] == ["closed", "linkage", "dependence", "highest_order"]
    by_pattern = {row["pattern"]: row["count"] for row in panel.to_dict()["patterns"]}
    assert by_pattern["111"] == expected.count((1, 1, 1))


def test_second_opinion_is_cached_by_table(world) -> None:
    store, _ = world
    assert build_panel(store, FAST, run_lcmcr=False).second_status == "pending"
    first = build_panel(store, FAST)
    assert cache_path(store).is_file()
    again = build_panel(store, FAST, run_lcmcr=False)
    assert again.second_status == "done"
    assert again.to_dict() == first.to_dict()
    other = PanelSettings(lcmcr=LcmcrSettings(chains=2, burnin=100, samples=60, thinning=2))
    assert build_panel(store, other, run_lcmcr=False).second_status == "pending"
    off = build_panel(store, PanelSettings(lcmcr=None))
    assert off.second_status == "off" and off.second_opinion is None


def test_fewer_than_three_sources_are_refused(tmp_path: Path) -> None:
    store = open_store(Settings(data_dir=tmp_path / "data"), create=True)
    fill_store(store, tmp_path, population(3, {"A": 0.5, "B": 0.5}))
    panel = build_panel(store, FAST)
    assert panel.estimate is None and panel.second_opinion is None
    assert panel.refusal is not None and panel.refusal.code == "too_few_lists"
    assert panel.refusal.values == {"lists": 2, "needed": 3, "names": ["A", "B"]}
    assert panel.named > 0 and len(panel.lists) == 2
    store.engine.dispose()


def test_empty_store_is_refused(tmp_path: Path) -> None:
    store = open_store(Settings(data_dir=tmp_path / "data"), create=True)
    panel = build_panel(store, FAST)
    assert panel.named == 0 and panel.table is None and panel.lists == ()
    assert panel.refusal is not None and panel.refusal.values["lists"] == 0
    assert panel.to_dict()["patterns"] == []
    store.engine.dispose()


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 7), st.lists(st.integers(0, 30), min_size=127, max_size=127))
def test_pooling_keeps_everyone_and_the_largest_lists(n_lists: int, raw: list[int]) -> None:
    names = [f"s{j}" for j in range(n_lists)]
    table = CaptureTable(tuple(names), tuple(raw[: 2**n_lists - 1]))
    pooled, others = pool_lists(table, max_lists=5)
    assert pooled.n == table.n
    assert pooled.n_lists == min(n_lists, 5)
    if n_lists <= 5:
        assert pooled is table and others == ()
        return
    assert pooled.lists[-1] == OTHER and len(others) == n_lists - 4
    sizes = table.list_sizes()
    for name in pooled.lists[:-1]:
        assert pooled.list_sizes()[name] == sizes[name]
        assert all(sizes[name] >= sizes[o] for o in others)
    rest = [table.lists.index(o) for o in others]
    on_others = sum(c for p, c in table.as_dict().items() if any(p[i] for i in rest))
    assert pooled.list_sizes()[OTHER] == on_others


def _est(method: str = "loglinear", N: float = 120.0, lower: float = 110.0,
         upper: float = 135.0, **diagnostics: object) -> Estimate:
    return Estimate(method, 100, N, lower, upper, 0.95, diagnostics=dict(diagnostics))


BIG = (ListSize("A", 60, 20), ListSize("B", 50, 10), ListSize("C", 40, 5))


@pytest.mark.parametrize(
    ("lists", "named", "discounted", "est", "second", "expected"),
    [
        (BIG, 100, 0, _est(), None, []),
        (BIG, 100, 0, _est(upper=math.inf), None, ["unbounded"]),
        (BIG, 100, 0, _est(upper=1500.0), None, ["far_above"]),
        ((*BIG[:2], ListSize("C", 4, 1)), 100, 0, _est(), None, ["small_list"]),
        ((*BIG[:2], ListSize("C", 40, 40)), 100, 0, _est(), None, ["no_overlap"]),
        (BIG, 103, 3, _est(), None, ["named_differs", "discounted_included"]),
        (BIG, 100, 0, _est(top_models=[{"model": "[12]", "N": 120.0, "bic": 50.0},
                                       {"model": "[13]", "N": 160.0, "bic": 51.0}]),
         None, ["model_uncertainty"]),
        (BIG, 100, 0, _est(top_models=[{"model": "[12]", "N": 120.0, "bic": 50.0},
                                       {"model": "[13]", "N": 160.0, "bic": 58.0}]),
         None, []),
        (BIG, 100, 0, _est(), _est("lcmcr", N=125.0, rhat=1.02), []),
        (BIG, 100, 0, _est(), _est("lcmcr", N=125.0, rhat=1.6), ["lcmcr_unconverged"]),
        (BIG, 100, 0, _est(), _est("lcmcr", N=180.0, upper=220.0, rhat=1.0),
         ["methods_disagree"]),
    ],
)
def test_warnings(lists, named, discounted, est, second, expected) -> None:
    notes = warnings_for(lists, 100, named, discounted, est, second)
    assert [n.code for n in notes] == expected


def test_list_sizes_count_persons_on_one_list_only() -> None:
    table = CaptureTable.from_counts(("A", "B", "C"), {(1, 0, 0): 5, (1, 1, 0): 2, (0, 0, 1): 3})
    assert list_sizes(table) == (ListSize("A", 7, 5), ListSize("B", 2, 0), ListSize("C", 3, 3))


def test_to_dict_is_strict_json() -> None:
    import json

    table = CaptureTable.from_counts(("A", "B", "C"), {(1, 0, 0): 5, (1, 1, 0): 2})
    panel = EstimatesPanel(
        named=7, confirmed=0, observed=7, lists=list_sizes(table), pooled=(), table=table,
        estimate=_est(upper=math.inf), interactions=(("A", "B"),), second_opinion=None,
        second_status="off", assumptions=(), warnings=(), refusal=None, link_method="exact")
    data = json.loads(json.dumps(panel.to_dict(), allow_nan=False))
    assert data["estimate"]["upper"] is None
    assert data["patterns"][-2] == {"pattern": "110", "lists": ["A", "B"], "count": 2}


def test_an_aggregator_is_left_out_and_said_so(tmp_path: Path) -> None:
    store = open_store(Settings(data_dir=tmp_path / "data"), create=True)
    try:
        held = population(3, {"A": 0.5, "B": 0.35, "C": 0.3})
        fill_store(store, tmp_path, held)
        agg = tmp_path / "agg.csv"
        agg.write_text("id,last,first,born,died\nx1,Новый,Человек,1990-01-01,2023-01-01\n",
                       encoding="utf-8")
        (tmp_path / "m.yaml").write_text(MAPPING, encoding="utf-8")
        import_list(store, agg, "agg", load_mapping(tmp_path / "m.yaml"),
                    source_type=SourceType.AGGREGATOR)
        link_exact(store)
        panel = build_panel(store, PanelSettings(lcmcr=None))
        assert panel.table == truth_table(held)  # the aggregator is not a list here
        derived = [n for n in panel.assumptions if n.code == "derived"]
        assert [n.values for n in derived] == [{"sources": ["agg"]}]
    finally:
        store.engine.dispose()
