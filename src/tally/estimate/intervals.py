"""Interval helpers shared by the estimators."""

from __future__ import annotations

import math

from scipy.stats import norm


def z_value(level: float) -> float:
    """Two-sided normal quantile, e.g. 1.959964 for ``level=0.95``."""
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be in (0, 1), got {level}")
    return float(norm.ppf(0.5 + level / 2.0))


def chao_lognormal(n: int, N: float, se: float, level: float = 0.95) -> tuple[float, float]:
    """Chao's (1987) log-transformed interval: the *unseen* part ``N - n`` is log-normal.

    ``C = exp(z * sqrt(log(1 + se**2 / (N - n)**2)))``; interval ``[n + f0 / C, n + f0 * C]``
    with ``f0 = N - n``. The lower bound never falls below ``n``. When ``f0 <= 0`` the
    interval collapses to ``[n, n]`` (nothing estimated unseen).
    """
    f0 = N - n
    if f0 <= 0 or not math.isfinite(se):
        return (float(n), math.inf if not math.isfinite(se) else float(n))
    c = math.exp(z_value(level) * math.sqrt(math.log1p(se * se / (f0 * f0))))
    return (n + f0 / c, n + f0 * c)
