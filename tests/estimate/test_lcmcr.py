"""Latent-class capture–recapture (LCMCR) Gibbs sampler."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tally.estimate.capture_arrays import PatternCounts, from_rows
from tally.estimate.io import read_capture_csv
from tally.estimate.lcmcr import LcmcrSettings, estimate_lcmcr, sample_lcmcr

SHORT = {"burnin": 1500, "samples": 300, "thinning": 5, "chains": 2}


def _heterogeneous_population(n_total: int, seed: int) -> PatternCounts:
    """Two latent classes: 30% easy to record (p ≈ .6), 70% hard (p ≈ .15), 4 lists."""
    rng = np.random.default_rng(seed)
    easy = rng.random(n_total) < 0.3
    p = np.where(easy[:, None], [0.6, 0.5, 0.7, 0.55], [0.15, 0.2, 0.1, 0.15])
    caught = rng.random((n_total, 4)) < p
    seen = caught[caught.any(axis=1)].astype(int)
    patterns, counts = np.unique(seen, axis=0, return_counts=True)
    return from_rows(
        ["A", "B", "C", "D"], [(tuple(r), int(c)) for r, c in zip(patterns, counts, strict=False)]
    )


def test_interval_covers_known_population() -> None:
    table = _heterogeneous_population(3000, seed=11)
    est = estimate_lcmcr(table, seed=5, **SHORT)
    assert est.n_observed == table.n_observed
    assert est.lower <= 3000 <= est.upper
    assert est.n_observed < est.N


def test_same_seed_same_draws_and_different_seed_differs() -> None:
    table = _heterogeneous_population(1000, seed=3)
    settings = LcmcrSettings(burnin=50, samples=20, thinning=1, chains=2)
    first = sample_lcmcr(table, settings, seed=42)
    again = sample_lcmcr(table, settings, seed=42)
    other = sample_lcmcr(table, settings, seed=43)
    assert np.array_equal(first.N, again.N)
    assert not np.array_equal(first.N, other.N)
    assert first.N.shape == (2, 20)
    assert np.all(table.n_observed <= first.N)


def test_diagnostics_are_reported() -> None:
    table = _heterogeneous_population(1000, seed=4)
    est = estimate_lcmcr(table, seed=1, **SHORT)
    assert 0.95 < est.diagnostics["rhat"] < 1.3
    assert 1 < est.diagnostics["ess"] <= 600
    assert est.se is not None and est.se > 0


@pytest.mark.parametrize(
    "bad", [{"K": 1}, {"samples": 2}, {"thinning": 0}, {"a_alpha": 0.0}, {"burnin": -1}]
)
def test_invalid_settings_are_refused(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        LcmcrSettings(**bad)  # type: ignore[arg-type]


def test_empty_table_is_refused() -> None:
    table = from_rows(["A", "B", "C"], [((1, 0, 0), 0)])
    with pytest.raises(ValueError, match="empty"):
        sample_lcmcr(table, LcmcrSettings(burnin=1, samples=4, thinning=1), seed=0)


def test_kosovo_short_run_is_near_the_census(shared_data: Path) -> None:
    """Census truth 10,401; a short run (4,000 burn-in: chains start near n) lands around it."""
    table = read_capture_csv(shared_data / "mse" / "kosovo_aggregate_4lists.csv")
    est = estimate_lcmcr(table, seed=2, burnin=4000, samples=200, thinning=10, chains=2)
    assert 8000 < est.N < 14000
    assert est.lower < 10401 < est.upper
