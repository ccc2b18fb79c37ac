"""Split R-hat and effective sample size on sequences whose answer is known."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tally.estimate.diagnostics import effective_sample_size, split_chains, split_rhat


def test_split_rhat_by_hand() -> None:
    # halves [1,3] [1,3] [2,4] [2,4]: W = 2, B = 2 * var([2,2,3,3]) = 2/3,
    # var+ = (1/2) W + B / 2 = 4/3, R-hat = sqrt((4/3) / 2).
    assert split_rhat([[1, 3, 1, 3], [2, 4, 2, 4]]) == pytest.approx(math.sqrt(2 / 3))


def test_split_chains_drops_odd_middle() -> None:
    halves = split_chains([[1, 2, 3, 4, 5]])
    assert halves.tolist() == [[1, 2], [4, 5]]


def test_iid_chains_have_rhat_one_and_full_ess() -> None:
    draws = np.random.default_rng(0).normal(size=(4, 2000))
    assert split_rhat(draws) == pytest.approx(1.0, abs=0.01)
    assert 0.85 * 8000 < effective_sample_size(draws) < 1.15 * 8000


def test_chains_at_different_places_are_flagged() -> None:
    draws = np.random.default_rng(1).normal(size=(4, 1000)) + np.arange(4)[:, None]
    assert split_rhat(draws) > 1.5


def test_a_trend_within_one_chain_is_flagged() -> None:
    """Split R-hat catches a single drifting chain, which plain R-hat cannot see."""
    rng = np.random.default_rng(2)
    draws = rng.normal(size=(1, 1000)) + np.linspace(0, 4, 1000)
    assert split_rhat(draws) > 1.3


def test_ess_of_ar1_matches_theory() -> None:
    """AR(1) with phi = 0.8: ESS ≈ n (1 - phi) / (1 + phi) = n / 9."""
    rng = np.random.default_rng(3)
    phi, n = 0.8, 20000
    x = np.zeros((2, n))
    noise = rng.normal(size=(2, n))
    for t in range(1, n):
        x[:, t] = phi * x[:, t - 1] + noise[:, t]
    assert effective_sample_size(x) == pytest.approx(2 * n / 9, rel=0.25)


def test_constant_draws_give_nan() -> None:
    assert math.isnan(split_rhat(np.ones((2, 10))))
