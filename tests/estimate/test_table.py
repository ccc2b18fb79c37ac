"""CaptureTable construction, views and validation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tally.estimate.table import CaptureTable, CaptureTableError, all_patterns


def test_canonical_order_first_list_is_most_significant() -> None:
    assert all_patterns(3) == (
        (0, 0, 1),
        (0, 1, 0),
        (0, 1, 1),
        (1, 0, 0),
        (1, 0, 1),
        (1, 1, 0),
        (1, 1, 1),
    )


def test_from_counts_fills_missing_patterns_with_zero() -> None:
    t = CaptureTable.from_counts(["A", "B"], {(1, 0): 5, (1, 1): 2})
    assert t.counts == (0, 5, 2)
    assert t.n == 7
    assert t.list_sizes() == {"A": 7, "B": 2}
    assert t.captures_histogram() == [0, 5, 2]


@pytest.mark.parametrize(
    ("lists", "counts", "message"),
    [
        (["A"], {(1,): 3}, "at least 2 lists"),
        (["A", "B"], {(0, 0): 4}, "all-zero pattern"),
        (["A", "B"], {(1, 0): -1}, "negative count"),
        (["A", "B"], {(2, 0): 1}, "not a 0/1 tuple"),
        (["A", "B"], {(1, 0, 1): 1}, "not a 0/1 tuple"),
        (["A", "A"], {(1, 0): 1}, "unique"),
    ],
)
def test_from_counts_rejects(
    lists: list[str], counts: dict[tuple[int, ...], int], message: str
) -> None:
    with pytest.raises(CaptureTableError, match=message):
        CaptureTable.from_counts(lists, counts)


def test_from_records_counts_distinct_items_and_ignores_duplicates() -> None:
    records = [(1, "A"), (1, "B"), (1, "A"), (2, "B"), (3, "C"), (3, "A")]
    t = CaptureTable.from_records(records, stratum="north")
    assert t.lists == ("A", "B", "C")
    assert t.n == 3
    assert t.count((1, 1, 0)) == 1
    assert t.count((0, 1, 0)) == 1
    assert t.count((1, 0, 1)) == 1
    assert t.stratum == "north"


def test_from_records_with_fixed_order_and_unknown_list() -> None:
    t = CaptureTable.from_records([("x", "B")], lists=["B", "A"])
    assert t.count((1, 0)) == 1
    with pytest.raises(CaptureTableError, match="not in"):
        CaptureTable.from_records([("x", "Z")], lists=["A", "B"])


def test_select_marginalises_and_drops_people_on_none() -> None:
    t = CaptureTable.from_counts(
        ["A", "B", "C"], {(1, 0, 0): 3, (0, 0, 1): 4, (1, 1, 1): 2, (0, 1, 1): 1}
    )
    sub = t.select(["A", "B"])
    assert sub.as_dict() == {(0, 1): 1, (1, 0): 3, (1, 1): 2}
    with pytest.raises(CaptureTableError, match="unknown lists"):
        t.select(["A", "Q"])


@given(st.lists(st.tuples(st.integers(0, 30), st.sampled_from("ABCD")), max_size=60))
def test_from_records_n_equals_distinct_items(records: list[tuple[int, str]]) -> None:
    lists = sorted({name for _, name in records}) or ["A", "B"]
    if len(lists) < 2:
        lists = sorted({*lists, "Z"})
    t = CaptureTable.from_records(records, lists=lists)
    assert t.n == len({item for item, _ in records})
    sizes = t.list_sizes()
    for name in lists:
        assert sizes[name] == len({item for item, lst in records if lst == name})
