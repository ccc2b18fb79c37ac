"""Chao's sample-coverage estimators (Chao & Tsay 1998; Chao et al. 2001; CARE1 ``estN``).

Notation for ``t`` lists: ``n_j`` list sizes, ``Z_j`` individuals *only* on list ``j``,
``n_jk`` individuals on both ``j`` and ``k``, ``M`` individuals observed.

* sample coverage ``C = 1 - (1/t) sum_j Z_j / n_j`` — the average share of each list that the
  other lists also caught;
* ``D = M - (1/t) sum_j Z_j`` — the average number of distinct individuals in ``t - 1`` lists;
* ``Indep``: ``N0 = D / C`` (lists independent; for two lists this is Lincoln–Petersen);
* ``HSC`` (high sample coverage, Chao & Tsay eq. 20): dependence between lists ``j`` and
  ``k`` is measured by the coefficient of covariation ``g_jk = N n_jk / (n_j n_k) - 1`` and
  ``N = D / C + (1 / (t C)) sum_{j<k} W_jk g_jk``, with ``W_jk`` the individuals whose lists
  lie within ``{j, k}`` weighted by their number of lists (``Z_j + Z_k + 2 Z_{jk only}``).
  Solved for N in closed form; if the denominator is < 1e-4 or N < M, ``N = M``;
* ``LSC`` (low sample coverage, one-step): the same equation iterated twice from ``N0``.

Intervals: bootstrap standard error (resample ``round(N)`` individuals from the fitted cell
probabilities, the unobserved cell with ``(N - M)/N``; re-estimate), then Chao's log-transformed
interval, as CARE1 does. Needs at least 3 lists for HSC/LSC (for 2 lists they degenerate).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from tally.estimate.glm import FloatArray
from tally.estimate.intervals import chao_lognormal
from tally.estimate.result import Estimate
from tally.estimate.table import CaptureTable

Variant = Literal["hsc", "lsc", "indep"]


@dataclass(frozen=True)
class CoverageStats:
    """Sample-coverage estimates from one table."""

    coverage: float
    D: float
    indep: float
    hsc: float
    lsc: float

    def get(self, variant: Variant) -> float:
        """The estimate for one variant."""
        return {"hsc": self.hsc, "lsc": self.lsc, "indep": self.indep}[variant]


def coverage_stats(patterns: FloatArray, z: FloatArray) -> CoverageStats:
    """Compute the three estimators from patterns (rows) and their counts."""
    t = patterns.shape[1]
    M = float(z.sum())
    sizes = patterns.T @ z
    k = patterns.sum(axis=1)
    only = np.array([z[(k == 1) & (patterns[:, j] == 1)].sum() for j in range(t)])
    with np.errstate(divide="ignore", invalid="ignore"):
        chat = 1.0 - float(np.mean(only / sizes))
    D = M - float(only.mean())
    s_w = 0.0  # sum W_jk
    s_wr = 0.0  # sum W_jk n_jk / (n_j n_k)
    for j, m in itertools.combinations(range(t), 2):
        both = (patterns[:, j] == 1) & (patterns[:, m] == 1)
        within = patterns.sum(axis=1) == patterns[:, j] + patterns[:, m]
        w = float((k[within] * z[within]).sum())
        s_w += w
        s_wr += w * float(z[both].sum()) / (sizes[j] * sizes[m])
    indep = D / chat if chat > 0 else math.inf
    x = t * chat - s_wr
    y = t * D - s_w
    hsc = M if (x < 1e-4 or y / x < M) else y / x
    if math.isfinite(indep):
        step = indep + (indep * s_wr - s_w) / (t * chat)
        lsc = D / chat + (step * s_wr - s_w) / (t * chat)
    else:
        lsc = math.inf
    return CoverageStats(coverage=chat, D=D, indep=indep, hsc=hsc, lsc=lsc)


def bootstrap_se(
    patterns: FloatArray,
    z: FloatArray,
    N: float,
    variant: Variant,
    n_boot: int,
    rng: np.random.Generator,
) -> tuple[float, int]:
    """Bootstrap s.d. of the estimator and the number of failed (non-finite) replicates."""
    total = round(N)
    M = float(z.sum())
    probs = np.append(z, max(total - M, 0.0)) / max(total, M)
    draws = rng.multinomial(int(max(total, M)), probs / probs.sum(), size=n_boot)[:, :-1]
    values = []
    for draw in draws.astype(float):
        with np.errstate(divide="ignore", invalid="ignore"):
            value = coverage_stats(patterns, draw).get(variant)
        if math.isfinite(value):
            values.append(value)
    if len(values) < 2:
        return math.inf, n_boot - len(values)
    return float(np.std(values, ddof=1)), n_boot - len(values)


def estimate_coverage(
    table: CaptureTable,
    variant: Variant = "hsc",
    level: float = 0.95,
    n_boot: int = 200,
    seed: int | None = None,
) -> Estimate:
    """Sample-coverage estimate with bootstrap s.e. and log-transformed interval."""
    if table.n_lists < 3 and variant != "indep":
        raise ValueError("sample-coverage HSC/LSC estimators need at least 3 lists")
    patterns, z = table.design(), table.y()
    stats = coverage_stats(patterns, z)
    N = stats.get(variant)
    rng = np.random.default_rng(seed)
    se, failed = bootstrap_se(patterns, z, N, variant, n_boot, rng)
    lower, upper = chao_lognormal(table.n, N, se, level)
    return Estimate(
        method="coverage",
        n_observed=table.n,
        N=N,
        lower=lower,
        upper=upper,
        level=level,
        se=se,
        model=variant,
        diagnostics={
            "sample_coverage": stats.coverage,
            "N_indep": stats.indep,
            "N_hsc": stats.hsc,
            "N_lsc": stats.lsc,
            "bootstrap_replicates": n_boot,
            "bootstrap_failed": failed,
            "seed": seed,
            "interval": "bootstrap s.e., Chao log-transformed",
        },
    )
