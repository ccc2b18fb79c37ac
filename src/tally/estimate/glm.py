"""Poisson log-linear GLM by iteratively reweighted least squares (numpy only).

A few hundred small fits (15 cells, up to 15 parameters) are needed to rank all hierarchical
models and to profile a likelihood; statsmodels' per-fit overhead dominates there, so this is
a direct IRLS with R's ``glm`` defaults (start ``mu = y + 0.1``, relative deviance tolerance
``1e-8``). ``tests/estimate/test_glm.py`` checks it against ``statsmodels.GLM``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.special import gammaln, xlogy

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class PoissonFit:
    """Result of a Poisson GLM fit with log link (first column of ``X`` = intercept)."""

    coef: FloatArray
    cov: FloatArray  # (X' W X)^-1, the unscaled covariance
    fitted: FloatArray
    deviance: float
    loglik: float
    iterations: int
    converged: bool
    rank: int

    @property
    def n_params(self) -> int:
        """Number of estimated (identifiable) parameters."""
        return self.rank


def poisson_deviance(y: FloatArray, mu: FloatArray) -> float:
    """``2 * sum(y log(y/mu) - (y - mu))`` with ``0 log 0 = 0``."""
    return float(2.0 * np.sum(xlogy(y, y) - xlogy(y, mu) - (y - mu)))


def poisson_loglik(y: FloatArray, mu: FloatArray) -> float:
    """Poisson log-likelihood ``sum(y log mu - mu - log y!)``."""
    return float(np.sum(xlogy(y, mu) - mu - gammaln(y + 1.0)))


def fit_poisson(X: FloatArray, y: FloatArray, tol: float = 1e-8, max_iter: int = 100) -> PoissonFit:
    """Fit ``log E[y] = X @ beta`` by IRLS. ``X`` must contain the intercept column."""
    mu = y + 0.1
    eta = np.log(mu)
    dev_old = math.inf
    beta = np.zeros(X.shape[1])
    converged = False
    it = 0
    rank = 0
    for it in range(1, max_iter + 1):  # noqa: B007 - iteration count is reported
        z = eta + (y - mu) / mu
        sw = np.sqrt(mu)
        solution = np.linalg.lstsq(X * sw[:, None], z * sw, rcond=None)
        beta_new: FloatArray = np.asarray(solution[0], dtype=np.float64)
        rank = int(solution[2])
        eta_new = X @ beta_new
        dev = poisson_deviance(y, np.exp(eta_new))
        halvings = 0
        while not math.isfinite(dev) and halvings < 30:  # step-halving on overflow
            beta_new = (beta_new + beta) / 2.0
            eta_new = X @ beta_new
            dev = poisson_deviance(y, np.exp(eta_new))
            halvings += 1
        beta, eta = beta_new, eta_new
        mu = np.exp(eta)
        if abs(dev - dev_old) / (abs(dev) + 0.1) < tol:
            converged = True
            break
        dev_old = dev
    w = mu
    info = X.T @ (X * w[:, None])
    cov: FloatArray = np.asarray(np.linalg.pinv(info), dtype=np.float64)
    return PoissonFit(
        coef=beta,
        cov=cov,
        fitted=mu,
        deviance=poisson_deviance(y, mu),
        loglik=poisson_loglik(y, mu),
        iterations=it,
        converged=converged,
        rank=int(rank),
    )
