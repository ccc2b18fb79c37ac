"""Model terms, parsing and enumeration."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tally.estimate.models import (
    LogLinearModel,
    ModelSpecError,
    enumerate_hierarchical,
    hierarchical_closure,
    parse_model,
)

LISTS = ["EXH", "ABA", "OSCE", "HRW"]


@pytest.mark.parametrize(
    ("n_lists", "order", "count"),
    [(3, 2, 8), (4, 2, 64), (4, 3, 113), (5, 2, 1024), (2, 2, 1)],
)
def test_enumeration_counts(n_lists: int, order: int, count: int) -> None:
    models = enumerate_hierarchical(n_lists, order)
    assert len(models) == count
    assert len(set(models)) == count


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("independence", "[independence]"),
        ("", "[independence]"),
        ("~ . + c1:c2", "[12]"),
        ("c1:c2 + c1:c3", "[12 13]"),
        ("C2:c1", "[12]"),
        ("EXH*ABA*OSCE + EXH*HRW + OSCE*HRW", "[12 13 14 23 34 123]"),
        ("[12 13 14 23 34 123]", "[12 13 14 23 34 123]"),
        ("[123][14]", "[12 13 14 23 123]"),
        ("ABA:HRW", "[24]"),
    ],
)
def test_parse(text: str, label: str) -> None:
    assert parse_model(text, LISTS).label() == label


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("c1:c5", "outside"),
        ("EXH:FOO", "unknown list"),
        ("EXH", "main effect"),
        ("c1:c2:c3:c4", "not estimable"),
        ("[15]", "outside"),
    ],
)
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(ModelSpecError, match=message):
        parse_model(text, LISTS)


def test_formula_uses_generators() -> None:
    m = parse_model("[12 13 14 23 34 123]", LISTS)
    assert m.formula(LISTS) == "EXH*HRW + OSCE*HRW + EXH*ABA*OSCE"
    assert m.n_params == 1 + 4 + 6


def test_non_hierarchical_constructor_is_refused() -> None:
    with pytest.raises(ModelSpecError, match="hierarchical"):
        LogLinearModel(4, frozenset({frozenset({0, 1, 2})}))


@given(st.lists(st.sets(st.integers(0, 4), min_size=2, max_size=4), max_size=5))
def test_closure_is_idempotent_and_downward_closed(terms: list[set[int]]) -> None:
    closed = hierarchical_closure(terms)
    assert hierarchical_closure(closed) == closed
    for term in closed:
        assert len(term) >= 2
        if len(term) > 2:
            for item in term:
                assert term - {item} in closed
    for t in terms:
        assert frozenset(t) in closed
