"""Closed-population models reproduce Rcapture's closedp table for the snowshoe hare."""

from __future__ import annotations

from pathlib import Path

import pytest

from tally.estimate.closedp import closedp_table, design, estimate_closedp, fit_closedp
from tally.estimate.table import CaptureTable

# Rcapture-Ex.Rout.save, closedp(hare): abundance and stderr
HARE = [
    ("M0", 75.4, 3.5),
    ("Mt", 75.1, 3.4),
    ("Mh Chao", 79.8, 6.4),
    ("Mh Poisson2", 81.5, 5.7),
    ("Mh Darroch", 90.4, 11.6),
    ("Mh Gamma3.5", 100.6, 21.7),
    ("Mth Darroch", 90.5, 11.7),
]


@pytest.fixture(scope="module")
def hare(shared_data: Path) -> CaptureTable:
    from tally.estimate.io import read_capture_csv

    return read_capture_csv(shared_data / "mse" / "rcapture_hare_individual.csv")


@pytest.mark.parametrize(("model", "N", "se"), HARE)
def test_hare_closedp(hare: CaptureTable, model: str, N: float, se: float) -> None:
    row = fit_closedp(hare, model)
    assert round(row.N, 1) == N
    assert round(row.se, 1) == se


def test_hare_mth_poisson2_profile_interval(hare: CaptureTable) -> None:
    est = estimate_closedp(hare, "Mth Poisson2")
    assert (round(est.lower, 1), round(est.upper, 1)) == (71.8, 93.8)


def test_mh_chao_is_chaos_lower_bound(hare: CaptureTable) -> None:
    f = hare.captures_histogram()
    t = hare.n_lists
    chao = hare.n + (t - 1) / t * f[1] ** 2 / (2 * f[2])
    assert pytest.approx(chao, rel=1e-6) == fit_closedp(hare, "Mh Chao").N


def test_table_lists_all_models(hare: CaptureTable) -> None:
    assert [r.model for r in closedp_table(hare)][:2] == ["M0", "Mt"]
    assert len(closedp_table(hare)) == 10


@pytest.mark.parametrize("bad", ["Mb", "Mh Normal", "Mx"])
def test_unknown_models(hare: CaptureTable, bad: str) -> None:
    with pytest.raises(ValueError, match="unknown"):
        design(hare.design(), bad)
