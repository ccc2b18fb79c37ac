"""Log-linear estimates reproduce Rcapture and Ball et al. (2002)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tally.estimate.io import read_capture_csv
from tally.estimate.loglinear import estimate_loglinear, fit_model, rank_models
from tally.estimate.models import parse_model
from tally.estimate.table import CaptureTable


@pytest.mark.parametrize(
    ("model", "N", "se", "lower", "upper", "n_multinomial"),
    [
        # Rcapture 1.3 tests/Examples/Rcapture-Ex.Rout.save, closedpCI.t(HIV, mX = ~ . + c1:c2)
        ("~ . + c1:c2", 12318.5, 1188.7, 10266.0, 14992.3, 12308),
        # ... and all two-way interactions
        ("c1:c2+c1:c3+c1:c4+c2:c3+c2:c4+c3:c4", 23443.5, 9594.9, 10027.6, 50046.3, None),
    ],
)
def test_rcapture_hiv(
    shared_data: Path,
    model: str,
    N: float,
    se: float,
    lower: float,
    upper: float,
    n_multinomial: int | None,
) -> None:
    table = read_capture_csv(shared_data / "mse" / "rcapture_HIV.csv")
    est = estimate_loglinear(table, model=model)
    assert round(est.N, 1) == N
    assert est.se is not None and round(est.se, 1) == se
    assert round(est.lower, 1) == lower
    assert round(est.upper, 1) == upper
    if n_multinomial is not None:
        assert est.diagnostics["N_multinomial"] == n_multinomial


def test_kosovo_bic_best_is_the_published_model(shared_data: Path) -> None:
    table = read_capture_csv(shared_data / "mse" / "kosovo_aggregate_4lists.csv")
    ranked = rank_models(table, "bic")
    assert len(ranked) == 113
    best = ranked[0]
    assert best.model.label() == "[12 13 14 23 34 123]"  # Ball et al. 2002
    assert int(best.N) == 10356  # published "10 356"


def test_named_model_equals_selected(shared_data: Path) -> None:
    table = read_capture_csv(shared_data / "mse" / "kosovo_aggregate_4lists.csv")
    chosen = estimate_loglinear(table)
    named = estimate_loglinear(table, model="EXH*ABA*OSCE + EXH*HRW + OSCE*HRW")
    assert pytest.approx(named.N) == chosen.N
    assert chosen.lower <= named.N <= chosen.upper
    assert chosen.diagnostics["models_compared"] == 113


def test_independence_three_lists_reduces_to_closed_form() -> None:
    # Under independence the fitted unobserved cell is prod(n_j - ...) — for 2 lists it is
    # Lincoln-Petersen: N = n1 n2 / m.
    table = CaptureTable.from_counts(["A", "B"], {(1, 0): 60, (0, 1): 30, (1, 1): 20})
    fit = fit_model(table, parse_model("independence", table.lists))
    assert pytest.approx(80 * 50 / 20, rel=1e-8) == fit.N


def test_profile_interval_brackets_estimate_and_widens_with_level(shared_data: Path) -> None:
    table = read_capture_csv(shared_data / "mse" / "rcapture_lesbian.csv")
    e90 = estimate_loglinear(table, model="independence", level=0.90)
    e99 = estimate_loglinear(table, model="independence", level=0.99)
    assert table.n <= e99.lower < e90.lower < e90.N < e90.upper < e99.upper


def test_aic_and_bic_can_differ(shared_data: Path) -> None:
    table = read_capture_csv(shared_data / "mse" / "kosovo_aggregate_4lists.csv")
    aic_best = rank_models(table, "aic")[0]
    bic_best = rank_models(table, "bic")[0]
    assert aic_best.aic <= bic_best.aic
    assert bic_best.bic <= aic_best.bic
