"""Chao's sample-coverage estimators."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tally.estimate.coverage import coverage_stats, estimate_coverage
from tally.estimate.io import read_capture_csv
from tally.estimate.table import CaptureTable, all_patterns


def test_two_lists_indep_is_lincoln_petersen() -> None:
    t = CaptureTable.from_counts(["A", "B"], {(1, 0): 80, (0, 1): 60, (1, 1): 20})
    assert coverage_stats(t.design(), t.y()).indep == pytest.approx(100 * 80 / 20)


@given(st.lists(st.integers(1, 40), min_size=7, max_size=7))
def test_three_list_hsc_closed_form(counts: list[int]) -> None:
    # Independent derivation for t = 3: N = (n12 + n13 + n23) / (3C - sum W_jk n_jk / (n_j n_k))
    z = dict(zip(all_patterns(3), counts, strict=True))
    t = CaptureTable.from_counts(["A", "B", "C"], z)
    n = [sum(c for p, c in z.items() if p[j]) for j in range(3)]
    only = [z[(1, 0, 0)], z[(0, 1, 0)], z[(0, 0, 1)]]
    pair = {(0, 1): (1, 1, 0), (0, 2): (1, 0, 1), (1, 2): (0, 1, 1)}
    chat = 1 - sum(o / m for o, m in zip(only, n, strict=True)) / 3
    num = sum(sum(c for p, c in z.items() if p[a] and p[b]) for a, b in pair)
    den = 3 * chat - sum(
        (only[a] + only[b] + 2 * z[pair[(a, b)]])
        * sum(c for p, c in z.items() if p[a] and p[b])
        / (n[a] * n[b])
        for a, b in pair
    )
    expected = t.n if den < 1e-4 or num / den < t.n else num / den
    assert coverage_stats(t.design(), t.y()).hsc == pytest.approx(expected)


@pytest.mark.parametrize("data_file", ["care1_Diabetes.csv", "care1_Congenital.csv"])
@pytest.mark.parametrize("variant", ["hsc", "lsc", "indep"])
def test_invariants_on_care1_data(shared_data: Path, data_file: str, variant: str) -> None:
    table = read_capture_csv(shared_data / "mse" / data_file)
    est = estimate_coverage(table, variant=variant, seed=7, n_boot=100)  # type: ignore[arg-type]
    assert table.n <= est.N
    assert table.n <= est.lower <= est.N <= est.upper
    assert 0 < est.diagnostics["sample_coverage"] < 1
    again = estimate_coverage(table, variant=variant, seed=7, n_boot=100)  # type: ignore[arg-type]
    assert again.se == est.se


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=15, max_size=15), st.integers(0, 2**16))
def test_estimates_never_below_observed(counts: list[int], seed: int) -> None:
    if sum(counts) == 0 or any(
        sum(c for p, c in zip(all_patterns(4), counts, strict=True) if p[j]) == 0 for j in range(4)
    ):
        return
    t = CaptureTable.from_counts(list("ABCD"), dict(zip(all_patterns(4), counts, strict=True)))
    stats = coverage_stats(t.design(), t.y())
    assert stats.hsc >= t.n
    assert np.isfinite(stats.hsc)


def test_bootstrap_se_depends_on_seed_only_through_noise(shared_data: Path) -> None:
    table = read_capture_csv(shared_data / "mse" / "care1_Diabetes.csv")
    a = estimate_coverage(table, seed=1, n_boot=100)
    b = estimate_coverage(table, seed=2, n_boot=100)
    assert a.N == b.N
    assert a.se is not None and b.se is not None
    assert a.se != b.se and abs(a.se - b.se) < 0.5 * a.se
