"""Two-pass scoring keeps exactly the pairs clustering needs (same clusters as every pair)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tally.link import engine, features, scoring
from tally.link.files import default_params
from tally.link.run import cluster

from .test_run import OTHERS, SERGEI


@pytest.mark.parametrize(("edges", "expected"), [
    ([], {}),
    ([(1, 2)], {1: 1, 2: 1}),
    ([(3, 2), (2, 1), (5, 4)], {1: 1, 2: 1, 3: 1, 4: 4, 5: 4}),
    ([(7, 7)], {7: 7}),
])
def test_components(edges: list[tuple[int, int]], expected: dict[int, int]) -> None:
    assert scoring.components(edges) == expected


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=40))
def test_components_joins_exactly_connected_mentions(edges: list[tuple[int, int]]) -> None:
    comp = scoring.components(edges)
    for a, b in edges:
        assert comp[a] == comp[b]
    for m, root in comp.items():
        assert root <= m and comp[root] == root


def _synth_records(tmp_path: Path, people: int) -> list[dict[str, object]]:
    from tally.synth import generate_corpus

    generate_corpus(tmp_path, people, 3)
    rows = []
    with (tmp_path / "truth_mentions.csv").open(encoding="utf-8") as fh:
        for uid, rec in enumerate(csv.DictReader(fh)):
            rows.append({"unique_id": uid, **{k: rec[k] or None for k in (
                "last_name", "first_name", "patronymic", "birth_date", "death_date", "age",
                "region", "unit")}})
    return rows


def _groups(frame_ids: list[int], pairs: object, threshold: float) -> list[list[int]]:
    items: dict[int, int | None] = dict.fromkeys(frame_ids)
    groups = cluster(items, [], [], pairs, threshold)  # type: ignore[arg-type]
    return sorted(sorted(g) for g in groups)


@pytest.mark.parametrize("threshold", [0.5, 0.9])
def test_no_cluster_holds_a_contradiction(tmp_path: Path, threshold: float) -> None:
    rows = [{**r, "unique_id": i} for i, r in enumerate(SERGEI + OTHERS)]
    rows += _synth_records(tmp_path, 400)[: 600]
    for i, r in enumerate(rows):
        r["unique_id"] = i
    frame = features.build(rows)
    params = default_params()
    blocked = engine.predict(frame, params, 0.0)
    kept = scoring.score(frame, params, threshold)
    high = blocked[blocked["match_probability"] >= scoring.FLOOR]
    assert set(zip(high["unique_id_l"], high["unique_id_r"], strict=True)) <= set(
        zip(kept["unique_id_l"], kept["unique_id_r"], strict=True))
    assert len(kept) < len(blocked)  # low pairs between unrelated mentions are left out
    every = engine.predict(frame, params, 0.0, blocking=("1 = 1",))  # all pairs, unblocked
    low = every[every["match_probability"] < scoring.FLOOR]
    low_pairs = set(zip(low["unique_id_l"], low["unique_id_r"], strict=True))
    groups = _groups(frame["unique_id"].tolist(), kept, threshold)
    assert any(len(g) > 1 for g in groups)
    for g in groups:
        assert not {(a, b) for a in g for b in g if a < b} & low_pairs, g


def test_low_pairs_are_kept_only_where_links_would_join() -> None:
    namesakes = [
        {"last_name": "Иванов", "first_name": "Сергей", "patronymic": "Петрович",
         "birth_date": "1990-03-04", "death_date": "2023-05-14", "region": "RU-BU"},
        {"last_name": "Иванов", "first_name": "Сергей", "patronymic": "Петрович",
         "birth_date": "1961-07-01", "death_date": "2022-03-01", "region": "RU-BU"},
    ]
    frame = features.build([{**r, "unique_id": i} for i, r in enumerate(namesakes)])
    params = default_params()
    every = engine.predict(frame, params, 0.0)
    assert len(every) == 1 and every["match_probability"].iloc[0] < scoring.FLOOR
    assert scoring.score(frame, params, 0.5).empty  # nothing would join them
    forced = scoring.score(frame, params, 0.5, links=[(0, 1)])  # a must-link would
    assert forced[["unique_id_l", "unique_id_r"]].values.tolist() == [[0, 1]]


_pair = st.tuples(st.integers(0, 6), st.integers(0, 6), st.sampled_from([0.05, 0.5, 0.9]))


def _pairs(rows: list[tuple[int, int, float]]) -> pd.DataFrame:
    frame = pd.DataFrame([(min(a, b), max(a, b), p) for a, b, p in rows if a != b],
                         columns=engine.PAIR_COLUMNS)
    return frame.astype({"unique_id_l": "int64", "unique_id_r": "int64",
                         "match_probability": "float64"})


@settings(max_examples=80, deadline=None)
@given(stored=st.lists(_pair, max_size=12), fresh=st.lists(_pair, max_size=6),
       low=st.lists(_pair, max_size=6))
def test_extend_equals_merge_for_stored_pairs_without_repeats(
        stored: list[tuple[int, int, float]], fresh: list[tuple[int, int, float]],
        low: list[tuple[int, int, float]]) -> None:
    old = scoring.merge(_pairs(stored))
    old.index = old.index * 3  # a filtered frame keeps its index
    expected = scoring.merge(old, _pairs(fresh), _pairs(low))
    got = scoring.extend(old, _pairs(fresh), _pairs(low))
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
