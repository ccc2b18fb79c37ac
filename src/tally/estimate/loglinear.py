"""Log-linear multiple systems estimation (Fienberg 1972; Rcapture's ``closedpCI.t``).

Each observed pattern count is Poisson with ``log mu = X beta``; the unobserved cell's
expected count is ``exp(intercept)``, so ``N = n + exp(b0)`` and, as in Rcapture,
``se(N) = sqrt(exp(b0) + exp(2 b0) var(b0))``. The interval is the multinomial profile
likelihood interval (:mod:`tally.estimate.profile`). Model choice among all hierarchical
models up to a given interaction order is by AIC or BIC of the Poisson fit, with BIC's penalty
``log(n)`` (n = individuals observed), as Rcapture's ``closedpMS.t``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from tally.estimate.glm import PoissonFit, fit_poisson
from tally.estimate.intervals import chao_lognormal
from tally.estimate.models import LogLinearModel, enumerate_hierarchical, parse_model
from tally.estimate.profile import default_deviance, multinomial_profile
from tally.estimate.result import Estimate
from tally.estimate.table import CaptureTable

Criterion = Literal["aic", "bic"]

#: exp(intercept) above this multiple of n marks an unbounded / degenerate fit.
_DEGENERATE = 1e6


@dataclass(frozen=True)
class ModelFit:
    """One fitted log-linear model and its Poisson-model estimate of N."""

    model: LogLinearModel
    N: float
    se: float
    deviance: float
    df: int
    aic: float
    bic: float
    converged: bool
    fit: PoissonFit

    @property
    def usable(self) -> bool:
        """Converged, full rank and with a finite, not absurd, estimate."""
        return self.converged and self.fit.rank == self.model.n_params and math.isfinite(self.N)

    def score(self, criterion: Criterion) -> float:
        """AIC or BIC."""
        return self.aic if criterion == "aic" else self.bic


def fit_model(table: CaptureTable, model: LogLinearModel) -> ModelFit:
    """Fit one model to the observed cells."""
    if model.n_lists != table.n_lists:
        raise ValueError(f"model is for {model.n_lists} lists, table has {table.n_lists}")
    X = model.design(table.design())
    fit = fit_poisson(X, table.y())
    n = table.n
    b0 = float(fit.coef[0])
    mu0 = math.exp(b0) if b0 < 700 else math.inf
    var_b0 = float(fit.cov[0, 0])
    se = math.sqrt(mu0 + mu0 * mu0 * var_b0) if math.isfinite(mu0) else math.inf
    k = fit.rank
    cells = len(table.counts)
    return ModelFit(
        model=model,
        N=n + mu0,
        se=se,
        deviance=fit.deviance,
        df=cells - k,
        aic=-2.0 * fit.loglik + 2.0 * k,
        bic=-2.0 * fit.loglik + math.log(n) * k,
        converged=fit.converged and mu0 < _DEGENERATE * (n + 1),
        fit=fit,
    )


def rank_models(
    table: CaptureTable, criterion: Criterion = "bic", max_order: int | None = None
) -> list[ModelFit]:
    """Fit every hierarchical model up to ``max_order`` and sort usable ones by criterion.

    ``max_order`` defaults to ``J - 1`` (all estimable models) for up to 4 lists, else 2.
    Unusable fits (no convergence, rank deficiency, unbounded estimate) are dropped.
    """
    order = max_order if max_order is not None else (table.n_lists - 1 if table.n_lists <= 4 else 2)
    fits = [fit_model(table, m) for m in enumerate_hierarchical(table.n_lists, order)]
    usable = [f for f in fits if f.usable]
    return sorted(usable, key=lambda f: f.score(criterion))


def estimate_loglinear(
    table: CaptureTable,
    model: str | LogLinearModel | None = None,
    criterion: Criterion = "bic",
    level: float = 0.95,
    max_order: int | None = None,
) -> Estimate:
    """Log-linear estimate: the given model, or the best by ``criterion`` among all."""
    diagnostics: dict[str, object] = {"criterion": criterion}
    if model is None:
        ranked = rank_models(table, criterion, max_order)
        if not ranked:
            raise ValueError("no log-linear model could be fitted to this table")
        best = ranked[0]
        diagnostics["models_compared"] = len(ranked)
        diagnostics["top_models"] = [
            {"model": f.model.label(), "N": round(f.N, 1), criterion: round(f.score(criterion), 2)}
            for f in ranked[:5]
        ]
    else:
        spec = parse_model(model, table.lists) if isinstance(model, str) else model
        best = fit_model(table, spec)
        if not best.converged:
            diagnostics["warning"] = "the fit did not converge or the estimate is unbounded"
    X = best.model.design(table.design())
    profile = multinomial_profile(
        table.n, default_deviance(X, table.y()), level=level, start=best.N - table.n
    )
    diagnostics.update(
        {
            "model_label": best.model.label(),
            "deviance": best.deviance,
            "df": best.df,
            "aic": best.aic,
            "bic": best.bic,
            "N_multinomial": profile.N,
            "interval": "multinomial profile likelihood",
            "lognormal_interval": list(chao_lognormal(table.n, best.N, best.se, level)),
        }
    )
    return Estimate(
        method="loglinear",
        n_observed=table.n,
        N=best.N,
        lower=profile.lower,
        upper=profile.upper,
        level=level,
        se=best.se,
        model=best.model.formula(table.lists),
        diagnostics=diagnostics,
    )
