"""Stratified estimation: refusing thin strata, summing draws and variances."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tally.estimate.result import Estimate
from tally.estimate.stratify import (
    StratumError,
    check_strata,
    stratified_bayes,
    stratified_frequentist,
)
from tally.estimate.table import CaptureTable

LISTS = ("A", "B", "C")


def _independent(n_total: int, probs: tuple[float, ...], seed: int, name: str) -> CaptureTable:
    rng = np.random.default_rng(seed)
    caught = rng.random((n_total, len(probs))) < np.array(probs)
    seen = caught[caught.any(axis=1)].astype(int)
    patterns, counts = np.unique(seen, axis=0, return_counts=True)
    rows = {tuple(int(v) for v in p): int(c) for p, c in zip(patterns, counts, strict=True)}
    return CaptureTable.from_counts(LISTS, rows, stratum=name)


def test_strata_with_fewer_than_three_lists_are_named() -> None:
    good = _independent(500, (0.4, 0.5, 0.3), 1, "north")
    thin = CaptureTable.from_counts(LISTS, {(1, 0, 0): 20, (0, 1, 0): 15, (1, 1, 0): 5})
    with pytest.raises(StratumError, match=r"'RU-TY' \(2 of 3 lists"):
        check_strata({"north": good, "RU-TY": thin})
    check_strata({"north": good})  # no error


def test_frequentist_totals_sum_and_variances_add() -> None:
    tables = {
        "a": _independent(100, (0.5,) * 3, 1, "a"),
        "b": _independent(100, (0.5,) * 3, 2, "b"),
    }

    def fake(table: CaptureTable) -> Estimate:
        return Estimate("fake", table.n, N=table.n + 10.0, lower=0, upper=0, level=0.95, se=3.0)

    out = stratified_frequentist(tables, fake, level=0.95)
    n_obs = sum(t.n for t in tables.values())
    assert n_obs + 20 == out.total.N
    assert out.total.se == pytest.approx(math.sqrt(18))
    assert out.total.upper == pytest.approx(out.total.N + 1.959964 * math.sqrt(18), rel=1e-5)
    assert set(out.strata) == {"a", "b"}


def test_frequentist_without_se_is_refused() -> None:
    tables = {"a": _independent(100, (0.5,) * 3, 1, "a")}

    def no_se(table: CaptureTable) -> Estimate:
        return Estimate("x", table.n, N=120.0, lower=0, upper=0, level=0.95)

    with pytest.raises(StratumError, match="standard error"):
        stratified_frequentist(tables, no_se)


def test_bayesian_total_sums_posterior_draws() -> None:
    tables = {
        "north": _independent(2000, (0.4, 0.5, 0.3), 1, "north"),
        "south": _independent(1000, (0.3, 0.2, 0.4), 2, "south"),
    }
    out = stratified_bayes(tables, method="dga", seed=3)
    medians = sum(e.N for e in out.strata.values())
    assert pytest.approx(medians, rel=0.02) == out.total.N
    # independent strata: the total's spread is about the root sum of squares
    rss = math.sqrt(sum((e.se or 0.0) ** 2 for e in out.strata.values()))
    assert out.total.se == pytest.approx(rss, rel=0.1)
    assert out.total.lower <= 3000 <= out.total.upper
