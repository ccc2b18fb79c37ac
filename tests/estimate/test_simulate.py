"""Simulated populations, linkage-error injection and the study loop."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tally.estimate.result import Estimate
from tally.estimate.simulate import (
    Scenario,
    inject_linkage_errors,
    run_study,
    simulate_captures,
    simulate_table,
)
from tally.estimate.table import CaptureTable

HOMOG = Scenario("homog", 20_000, (1.0,), ((0.3, 0.5, 0.2),))


def test_capture_rates_match_the_scenario() -> None:
    caught = simulate_captures(HOMOG, np.random.default_rng(0))
    assert caught.shape == (20_000, 3)
    assert caught.mean(axis=0) == pytest.approx([0.3, 0.5, 0.2], abs=0.01)


def test_dependence_raises_overlap() -> None:
    dep = Scenario("dep", 20_000, (1.0,), ((0.3, 0.3, 0.3),), dependence=2.0)
    caught = simulate_captures(dep, np.random.default_rng(1))
    on_a = caught[:, 0]
    assert caught[on_a, 1].mean() == pytest.approx(0.6, abs=0.02)
    assert caught[~on_a, 1].mean() == pytest.approx(0.3, abs=0.02)


@settings(max_examples=30, deadline=None)
@given(split=st.floats(0, 1), seed=st.integers(0, 1000))
def test_splits_keep_every_capture_and_add_records(split: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    records = rng.random((300, 4)) < 0.4
    out = inject_linkage_errors(records, split, 0.0, rng)
    seen = records[records.any(axis=1)]
    assert out.sum() == seen.sum()  # no sighting lost or invented
    assert out.shape[0] >= seen.shape[0]
    assert out.any(axis=1).all()


def test_merges_remove_records() -> None:
    rng = np.random.default_rng(2)
    records = rng.random((1000, 3)) < 0.4
    n_seen = int(records.any(axis=1).sum())
    out = inject_linkage_errors(records, 0.0, 0.1, rng)
    assert out.shape[0] == n_seen - round(0.1 * n_seen)


def test_simulated_table_has_only_observed() -> None:
    table = simulate_table(HOMOG, np.random.default_rng(3))
    expected_seen = 20_000 * (1 - 0.7 * 0.5 * 0.8)
    assert table.n == pytest.approx(expected_seen, rel=0.03)
    assert table.lists == ("A", "B", "C")


def test_study_reports_bias_and_coverage() -> None:
    """An 'oracle' that returns N exactly and one that is 10% high are told apart."""
    scenario = Scenario("s", 500, (1.0,), ((0.5, 0.5, 0.5),))

    def oracle(table: CaptureTable, seed: int) -> Estimate:
        return Estimate("oracle", table.n, 500.0, 490.0, 510.0, 0.95)

    def high(table: CaptureTable, seed: int) -> Estimate:
        return Estimate("high", table.n, 550.0, 540.0, 560.0, 0.95)

    def broken(table: CaptureTable, seed: int) -> Estimate:
        raise ValueError("no fit")

    rows = run_study([scenario], {"oracle": oracle, "high": high, "broken": broken}, 3)
    by = {r.method: r for r in rows}
    assert by["oracle"].relative_bias == 0 and by["oracle"].coverage == 1
    assert by["high"].relative_bias == pytest.approx(0.1) and by["high"].coverage == 0
    assert by["broken"].failures == 3 and by["broken"].runs == 0
