"""Closed-population models M0, Mt, Mh, Mth as in Rcapture's ``closedp.t``.

These are log-linear models for the ``2**t - 1`` capture histories (Rivest & Baillargeon
2007). With ``k`` = number of captures of a history and ``c_j`` its 0/1 indicators:

* ``M0``: ``log mu = b0 + b1 k`` (one capture probability);
* ``Mt``: ``log mu = b0 + sum_j b_j c_j`` (probability varies by occasion/list);
* ``Mh <h>``: ``b0 + b1 k + eta * h(k)``; ``Mth <h>``: ``b0 + sum_j b_j c_j + eta * h(k)``

with heterogeneity terms ``h``:

* ``Chao`` (lower bound): ``t - 2`` hinge columns ``max(k - j + 1, 0)``, ``j = 3..t``; negative
  ``eta`` are set to zero one at a time (the column is dropped and the model refitted), as
  Rcapture does with ``neg=TRUE``. For ``Mh`` this reproduces Chao's ``f1**2 / (2 f2)``;
* ``Poisson2``: ``2**k - 1``; ``Darroch``: ``k**2 / 2``; ``Gamma3.5``: ``-log(3.5 + k) + log 3.5``.

Behavioural models (Mb, Mbh) are not implemented. ``N = n + exp(b0)`` and the standard error
is Rcapture's ``sqrt(exp(b0) + exp(2 b0) var(b0))``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tally.estimate.glm import FloatArray, PoissonFit, fit_poisson
from tally.estimate.profile import multinomial_profile
from tally.estimate.result import Estimate
from tally.estimate.table import CaptureTable

HETEROGENEITY: dict[str, Callable[[FloatArray], FloatArray]] = {
    "Poisson2": lambda k: 2.0**k - 1.0,
    "Darroch": lambda k: k**2 / 2.0,
    "Gamma3.5": lambda k: -np.log(3.5 + k) + math.log(3.5),
}

MODELS: tuple[str, ...] = (
    "M0",
    "Mt",
    "Mh Chao",
    "Mh Poisson2",
    "Mh Darroch",
    "Mh Gamma3.5",
    "Mth Chao",
    "Mth Poisson2",
    "Mth Darroch",
    "Mth Gamma3.5",
)


@dataclass(frozen=True)
class ClosedpRow:
    """One row of the ``closedp`` table."""

    model: str
    N: float
    se: float
    deviance: float
    df: int
    aic: float
    bic: float
    eta_set_to_zero: int


def design(patterns: FloatArray, model: str) -> tuple[FloatArray, int]:
    """Design matrix (with intercept) and the number of leading non-heterogeneity columns."""
    t = patterns.shape[1]
    k = patterns.sum(axis=1)
    ones = np.ones((patterns.shape[0], 1))
    base_name, _, h_name = model.partition(" ")
    if base_name == "M0" and not h_name:
        return np.column_stack([ones, k]), 2
    if base_name == "Mt" and not h_name:
        return np.column_stack([ones, patterns]), t + 1
    if base_name not in ("Mh", "Mth") or not h_name:
        raise ValueError(f"unknown model {model!r}; choose from {', '.join(MODELS)}")
    base = np.column_stack([ones, k]) if base_name == "Mh" else np.column_stack([ones, patterns])
    if h_name == "Chao":
        if t < 3:
            raise ValueError("Chao heterogeneity models need at least 3 lists/occasions")
        hinge = np.column_stack([np.maximum(k - j + 1, 0.0) for j in range(3, t + 1)])
        return np.column_stack([base, hinge]), base.shape[1]
    if h_name not in HETEROGENEITY:
        choices = ", ".join(HETEROGENEITY)
        raise ValueError(f"unknown heterogeneity {h_name!r}; choose Chao, {choices}")
    return np.column_stack([base, HETEROGENEITY[h_name](k)]), base.shape[1]


def fit_dropping_negative_eta(
    X: FloatArray, y: FloatArray, n_base: int, chao: bool
) -> tuple[PoissonFit, int]:
    """Fit; for Chao models drop the first negative eta column until none is negative."""
    dropped = 0
    while True:
        fit = fit_poisson(X, y)
        if not chao:
            return fit, dropped
        etas = fit.coef[n_base:]
        negative = np.flatnonzero(etas < 0)
        if negative.size == 0:
            return fit, dropped
        X = np.delete(X, n_base + int(negative[0]), axis=1)
        dropped += 1


def fit_closedp(table: CaptureTable, model: str) -> ClosedpRow:
    """Fit one closed-population model."""
    X, n_base = design(table.design(), model)
    fit, dropped = fit_dropping_negative_eta(X, table.y(), n_base, model.endswith("Chao"))
    b0 = float(fit.coef[0])
    mu0 = math.exp(b0)
    n = table.n
    return ClosedpRow(
        model=model,
        N=n + mu0,
        se=math.sqrt(mu0 + mu0 * mu0 * float(fit.cov[0, 0])),
        deviance=fit.deviance,
        df=len(table.counts) - fit.rank,
        aic=-2.0 * fit.loglik + 2.0 * fit.rank,
        bic=-2.0 * fit.loglik + math.log(n) * fit.rank,
        eta_set_to_zero=dropped,
    )


def closedp_table(table: CaptureTable) -> list[ClosedpRow]:
    """All models in :data:`MODELS` (Chao ones only when there are 3+ lists)."""
    names = [m for m in MODELS if table.n_lists >= 3 or not m.endswith("Chao")]
    if table.n_lists < 3:
        names = ["M0", "Mt"]
    return [fit_closedp(table, m) for m in names]


def estimate_closedp(table: CaptureTable, model: str = "Mh Chao", level: float = 0.95) -> Estimate:
    """One closed-population model with its multinomial profile interval."""
    row = fit_closedp(table, model)
    X, n_base = design(table.design(), model)
    X_full = np.vstack([X, np.eye(1, X.shape[1])])
    y = table.y()
    chao = model.endswith("Chao")

    def deviance_at(n0: float) -> float:
        return fit_dropping_negative_eta(X_full, np.append(y, n0), n_base, chao)[0].deviance

    profile = multinomial_profile(table.n, deviance_at, level=level, start=row.N - table.n)
    return Estimate(
        method="closedp",
        n_observed=table.n,
        N=row.N,
        lower=profile.lower,
        upper=profile.upper,
        level=level,
        se=row.se,
        model=model,
        diagnostics={
            "deviance": row.deviance,
            "df": row.df,
            "aic": row.aic,
            "bic": row.bic,
            "eta_set_to_zero": row.eta_set_to_zero,
            "N_multinomial": profile.N,
            "interval": "multinomial profile likelihood",
        },
    )
