"""Multinomial profile-likelihood interval for N, as Rcapture's ``closedpCI``/``profileCI``.

Given a log-linear model for the observed cells, fix the unobserved count ``n0`` and fit the
Poisson model to all ``2**J`` cells (the unobserved row of the design is an intercept only).
The Poisson fit's fitted values sum to ``N = n + n0``, so its deviance gives the multinomial
log-likelihood maximised over the model parameters for that ``N``::

    l(N) = -deviance(n0) / 2 + log( n0**n0 * N! / (N**N * n0!) )

(Rcapture uses Stirling's approximation for the factorial term when ``N > 100``; the exact
``lgamma`` form is used here, a difference of order ``1/(12 n0)``.) The estimate is the
integer ``N`` maximising ``l``; the interval is ``{N : 2 (l_max - l(N)) <= chi2_1(level)}``,
with each bound linearly interpolated between the two integers that bracket it, as Rcapture
does. If ``l(n) >= threshold`` the lower bound is ``n``; if the profile never falls below the
threshold the upper bound is ``inf``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy.special import gammaln, xlogy
from scipy.stats import chi2

from tally.estimate.glm import FloatArray, fit_poisson

#: Upper search limit for n0, as a multiple of (n + 1).
_MAX_FACTOR = 1e6


@dataclass(frozen=True)
class ProfileInterval:
    """Multinomial MLE of N and the profile-likelihood interval."""

    N: float
    lower: float
    upper: float
    level: float


def default_deviance(X_obs: FloatArray, y_obs: FloatArray) -> Callable[[float], float]:
    """Deviance of the model refitted with the unobserved cell set to ``n0``."""
    X_full = np.vstack([X_obs, np.eye(1, X_obs.shape[1])])

    def deviance(n0: float) -> float:
        return fit_poisson(X_full, np.append(y_obs, n0)).deviance

    return deviance


def multinomial_profile(
    n: int,
    deviance_at: Callable[[float], float],
    level: float = 0.95,
    start: float | None = None,
) -> ProfileInterval:
    """Profile interval from a function giving the full-table Poisson deviance at ``n0``."""

    @cache
    def loglik(n0: int) -> float:
        big_n = n + n0
        correction = xlogy(n0, n0) + gammaln(big_n + 1) - xlogy(big_n, big_n) - gammaln(n0 + 1)
        return float(-deviance_at(float(n0)) / 2.0 + correction)

    cap = int(_MAX_FACTOR * (n + 1))
    n0_hat = _argmax(loglik, int(max(0.0, start or 0.0)), cap)
    lmax = loglik(n0_hat)
    threshold = lmax - float(chi2.ppf(level, 1)) / 2.0

    if loglik(0) >= threshold:
        lower = float(n)
    else:
        k = _last_below(loglik, threshold, 0, n0_hat)
        lower = n + _interp(k, loglik(k), loglik(k + 1), threshold)

    hi = max(2 * n0_hat, n0_hat + 10)
    while loglik(hi) >= threshold and hi < cap:
        hi = min(cap, 2 * hi)
    if loglik(hi) >= threshold:
        upper = math.inf
    else:
        k = _first_below(loglik, threshold, n0_hat, hi)
        upper = n + _interp(k - 1, loglik(k - 1), loglik(k), threshold)
    return ProfileInterval(N=float(n + n0_hat), lower=lower, upper=upper, level=level)


def _argmax(f: Callable[[int], float], guess: int, cap: int) -> int:
    """Integer maximiser of a unimodal function on ``[0, cap]``."""
    lo, hi = 0, max(guess, 1)
    while f(hi + 1) > f(hi) and hi < cap:  # expand until the function decreases
        lo, hi = hi, min(cap, 2 * hi + 1)
    while hi - lo > 2:  # ternary search on integers
        m1 = lo + (hi - lo) // 3
        m2 = hi - (hi - lo) // 3
        if f(m1) < f(m2):
            lo = m1 + 1
        else:
            hi = m2
    return max(range(lo, hi + 1), key=f)


def _last_below(f: Callable[[int], float], thr: float, lo: int, hi: int) -> int:
    """Largest k in [lo, hi) with f(k) < thr <= f(k+1), for f increasing on [lo, hi]."""
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if f(mid) < thr:
            lo = mid
        else:
            hi = mid
    return lo


def _first_below(f: Callable[[int], float], thr: float, lo: int, hi: int) -> int:
    """Smallest k in (lo, hi] with f(k) < thr <= f(k-1), for f decreasing on [lo, hi]."""
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if f(mid) < thr:
            hi = mid
        else:
            lo = mid
    return hi


def _interp(k: int, f_k: float, f_k1: float, thr: float) -> float:
    """x in [k, k+1] where the line through (k, f_k), (k+1, f_k1) reaches ``thr``."""
    return k + (thr - f_k) / (f_k1 - f_k)
