"""Incremental clustering gives the clusters a full clustering would."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tally.link import incremental
from tally.link.run import cluster

Pair = tuple[int, int, float]


def _frame(pairs: list[Pair]) -> pd.DataFrame:
    rows = [(min(a, b), max(a, b), p) for a, b, p in pairs if a != b]
    frame = pd.DataFrame(rows, columns=["unique_id_l", "unique_id_r", "match_probability"])
    return frame.drop_duplicates(["unique_id_l", "unique_id_r"]).reset_index(drop=True)


def _sets(groups: list[set[int]]) -> set[frozenset[int]]:
    return {frozenset(g) for g in groups}


@pytest.mark.parametrize(("items", "new", "stored", "decided", "expected"), [
    ({1, 2, 3}, [3], {1: 10, 2: 10}, [], {3}),
    ({1, 2, 3, 4}, [], {1: 10, 2: 10, 3: 11, 4: 12}, [(1, 3)], {1, 2, 3}),  # a decision
    ({1, 2, 3}, [], {1: 10, 2: 10, 9: 10, 3: 11}, [], {1, 2}),  # 9 no longer current
    ({1, 2, 3}, [], {1: 10, 2: 11, 3: 11}, [], set()),
    ({1, 2, 3}, [], {1: 10, 2: 11}, [], {3}),  # 3 has no person yet
])
def test_seeds(items: set[int], new: list[int], stored: dict[int, int],
               decided: list[tuple[int, int]], expected: set[int]) -> None:
    assert incremental.seeds(items, new, stored, decided) == expected


probability = st.sampled_from([0.02, 0.3, 0.6, 0.9, 0.99])
pair = st.tuples(st.integers(0, 14), st.integers(0, 14), probability)


@settings(max_examples=60, deadline=None)
@given(old=st.lists(pair, max_size=30), fresh=st.lists(pair, max_size=8),
       new=st.sets(st.integers(15, 19), min_size=1, max_size=5),
       links=st.lists(st.tuples(st.integers(0, 19), st.integers(15, 19), probability),
                      max_size=6))
def test_recluster_matches_full_clustering(old: list[Pair], fresh: list[Pair], new: set[int],
                                           links: list[Pair]) -> None:
    items_before: dict[int, int | None] = dict.fromkeys(range(15))
    before = _frame(old)
    stored = {m: i for i, g in enumerate(cluster(items_before, [], [], before, 0.5)) for m in g}
    items = {**items_before, **dict.fromkeys(new)}
    # new pairs touch a new mention; low pairs (not links: components stay) are added inside
    # the components a new mention reaches, as scoring.contradictions adds them
    linked = old + [(a, b, p) for a, b, p in links if b in new and a in items]
    start = incremental.seeds(items.keys(), new, stored, [])
    reach = incremental.affected(_frame(linked), 0.5, [], start)
    pairs = _frame(linked + [(a, b, p) for a, b, p in fresh
                             if p < 0.1 and a in reach and b in reach])
    assert incremental.affected(pairs, 0.5, [], start) == reach
    full = cluster(items, [], [], pairs, 0.5)
    groups, _near = incremental.recluster(items, [], [], pairs, 0.5, reach, stored, cluster)
    assert _sets(groups) == _sets(full)


@settings(max_examples=60, deadline=None)
@given(old=st.lists(pair, max_size=30), fresh=st.lists(pair, max_size=8),
       new=st.sets(st.integers(15, 19), min_size=1, max_size=5),
       links=st.lists(st.tuples(st.integers(0, 19), st.integers(15, 19), probability),
                      max_size=6),
       must=st.lists(st.tuples(st.integers(0, 19), st.integers(0, 19)), max_size=2),
       cannot=st.lists(st.tuples(st.integers(0, 19), st.integers(0, 19)), max_size=3),
       distinct=st.sets(st.integers(0, 19), max_size=4))
def test_recluster_matches_full_clustering_under_decisions(
        old: list[Pair], fresh: list[Pair], new: set[int], links: list[Pair],
        must: list[tuple[int, int]], cannot: list[tuple[int, int]], distinct: set[int]) -> None:
    """Reviewer decisions (replayed every run: seeds) and a distinct-persons list."""
    must = [(a, b) for a, b in must if a != b and (a < 15 or a in new) and (b < 15 or b in new)]
    cannot = [(a, b) for a, b in cannot if a != b and (a, b) not in must and (b, a) not in must]
    tag = {m: (1 if m in distinct else None) for m in range(20)}
    items_before = {m: tag[m] for m in range(15)}
    before = _frame(old)
    decided_before = [p for p in must if p[0] < 15 and p[1] < 15]
    stored = {m: i for i, g in enumerate(cluster(items_before, decided_before, [], before, 0.5))
              for m in g}
    items = {**items_before, **{m: tag[m] for m in new}}
    linked = old + [(a, b, p) for a, b, p in links if b in new and a in items]
    start = incremental.seeds(items.keys(), new, stored, [*must, *cannot])
    reach = incremental.affected(_frame(linked), 0.5, must, start)
    pairs = _frame(linked + [(a, b, p) for a, b, p in fresh
                             if p < 0.1 and a in reach and b in reach])
    full = cluster(items, must, cannot, pairs, 0.5)
    groups, _near = incremental.recluster(items, must, cannot, pairs, 0.5, reach, stored,
                                          cluster)
    assert _sets(groups) == _sets(full)
    if not must:  # (a must-link wins over both)
        for a, b in cannot:  # never weakened: a cannot-link pair is never in one person
            assert not any(a in g and b in g for g in groups)
        assert all(sum(1 for m in g if m in distinct) <= 1 for g in groups)
