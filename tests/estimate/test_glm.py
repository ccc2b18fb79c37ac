"""The numpy IRLS agrees with statsmodels' Poisson GLM."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import statsmodels.api as sm

from tally.estimate.glm import fit_poisson
from tally.estimate.io import read_capture_csv
from tally.estimate.models import enumerate_hierarchical


@pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore::UserWarning")
@pytest.mark.parametrize(
    "data_file", ["kosovo_aggregate_4lists.csv", "rcapture_lesbian.csv", "care1_Diabetes.csv"]
)
def test_matches_statsmodels_on_every_hierarchical_model(shared_data: Path, data_file: str) -> None:
    table = read_capture_csv(shared_data / "mse" / data_file)
    patterns, y = table.design(), table.y()
    for model in enumerate_hierarchical(table.n_lists, table.n_lists - 1)[::7]:
        X = model.design(patterns)
        ours = fit_poisson(X, y)
        ref = sm.GLM(y, X, family=sm.families.Poisson()).fit(tol=1e-12)
        np.testing.assert_allclose(ours.coef, ref.params, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(ours.deviance, ref.deviance, rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(ours.cov, ref.cov_params(), rtol=1e-4, atol=1e-8)
        np.testing.assert_allclose(ours.loglik, ref.llf, rtol=1e-8)


def test_zero_cells_converge() -> None:
    X = np.column_stack([np.ones(3), [0.0, 1.0, 1.0], [1.0, 0.0, 1.0]])
    fit = fit_poisson(X, np.array([10.0, 0.0, 5.0]))
    assert np.all(np.isfinite(fit.fitted))
    assert fit.deviance >= 0
