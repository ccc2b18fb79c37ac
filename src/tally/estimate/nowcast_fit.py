"""Fitting the reporting-delay curve on snapshot-to-snapshot transitions.

Let ``F(a)`` be the share of a week's count at ``horizon`` weeks of age that is already known
when the week is ``a`` weeks old, and ``g(a) = log F(a)`` (so ``g(horizon) = 0``). Between two
consecutive snapshots ("a transition" ``t``) a week moves from age ``a`` to ``a'`` and its count
from ``R`` to ``R'``. The model is

    log(R' / R) ≈ m_t · (g(a') − g(a))

where ``m_t`` is the transition's *batch multiplier*: a month in which the list published a
large backlog moves every week further than the average month (``m_t > 1``), a quiet month less.
The ``m_t`` over the fitted transitions have geometric mean 1. Each (week, transition) gives one
equation, weighted by ``R`` (a log ratio of counts has variance about ``1 / R``). ``g`` and ``m``
are fitted by alternating weighted least squares with a light second-difference penalty on
``g``. Only the ``window`` most recent transitions are used: the delay has lengthened over the
war, so old transitions describe a reporting regime that no longer holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.linalg import solveh_banded

from tally.estimate.nowcast_data import FloatArray, IntArray, ReportingTriangle

SMOOTHING = 1.0
ITERATIONS = 8
MIN_MULTIPLIER = 0.05


@dataclass(frozen=True)
class Equations:
    """One row per (week, transition) where the week was observed at both snapshots."""

    pair: IntArray  # transition index (0 = the oldest transition in the window)
    age0: IntArray
    age1: IntArray
    r0: FloatArray
    r1: FloatArray

    @property
    def n_pairs(self) -> int:
        return int(self.pair.max()) + 1 if self.pair.size else 0

    def log_ratio(self) -> FloatArray:
        out: FloatArray = np.log(np.maximum(self.r1, 0.5) / self.r0)
        return out


def equations(tri: ReportingTriangle, horizon: int, window: int | None = None) -> Equations:
    """Transition equations of ``tri``, from its last ``window`` transitions (all if None)."""
    n_trans = len(tri.vintages) - 1
    first = 0 if window is None else max(n_trans - window, 0)
    observed = tri.observed()
    ints: list[list[IntArray]] = [[], [], []]
    floats: list[list[FloatArray]] = [[], []]
    k = 0
    for v in range(first, n_trans):
        both = observed[:, v] & observed[:, v + 1] & (tri.counts[:, v] > 0)
        both &= tri.ages[:, v] < horizon
        idx = np.flatnonzero(both)
        if not np.any(tri.ages[idx, v + 1] > tri.ages[idx, v]):
            continue  # a repeated snapshot (same last day of data) says nothing about delays
        ints[0].append(np.full(idx.size, k, dtype=np.int64))
        ints[1].append(tri.ages[idx, v])
        ints[2].append(np.minimum(tri.ages[idx, v + 1], horizon))
        floats[0].append(tri.counts[idx, v])
        floats[1].append(tri.counts[idx, v + 1])
        k += 1
    if not ints[0]:
        raise ValueError("no snapshot pair moves any week to an older age: cannot fit delays")
    pair, age0, age1 = (np.concatenate(c).astype(np.int64) for c in ints)
    r0, r1 = (np.concatenate(c).astype(np.float64) for c in floats)
    return Equations(pair, age0, age1, r0, r1)


@lru_cache(maxsize=32)
def _penalty_band(n_par: int) -> FloatArray:
    """Second differences of g (including the fixed g[horizon] = 0), as a lower band (3 rows)."""
    d = np.zeros((max(n_par - 1, 0), n_par))
    for i in range(n_par - 1):
        d[i, i : i + 3] = (1.0, -2.0, 1.0)[: n_par - i]
    full = d.T @ d
    band = np.zeros((3, n_par))
    for k in range(3):
        band[k, : n_par - k] = np.diagonal(full, -k)
    band.setflags(write=False)
    return band


def _solve_g(
    eq: Equations, weights: FloatArray, mult: FloatArray, horizon: int, y: FloatArray
) -> FloatArray:
    """Weighted least squares for g[0..horizon-1] given the batch multipliers.

    Each equation links g[a0] and g[a1] with a1 - a0 a few weeks, so the normal equations are
    banded; a banded Cholesky solve is fast and does not start BLAS threads.
    """
    m = mult[eq.pair]
    w = weights * m * m
    keep = (eq.age1 != eq.age0) & (w > 0)
    a0, a1, w, yy = eq.age0[keep], eq.age1[keep], w[keep], (y / m)[keep]
    inside = a1 < horizon
    # each equation is g[a1] - g[a0] = y / m (the g[a1] term is absent when a1 == horizon)
    width = max(int((a1[inside] - a0[inside]).max(initial=0)), 2)
    band = np.zeros((width + 1, horizon))
    band[0] = np.bincount(a0, w, minlength=horizon)
    band[0] += np.bincount(a1[inside], w[inside], minlength=horizon)
    np.add.at(band, (a1[inside] - a0[inside], a0[inside]), -w[inside])
    rhs = np.bincount(a0, -w * yy, minlength=horizon)
    rhs += np.bincount(a1[inside], w[inside] * yy[inside], minlength=horizon)
    scale = float(w.mean())
    band[:3] += SMOOTHING * scale * _penalty_band(horizon)
    band[0] += 1e-9 * scale
    g = solveh_banded(band, rhs, lower=True)
    return np.append(np.minimum(g, 0.0), 0.0)


def _solve_mult(
    eq: Equations, weights: FloatArray, g: FloatArray, y: FloatArray, n_pairs: int
) -> FloatArray:
    """Per transition, the multiplier minimising the weighted squared error (1 if unused)."""
    d = g[eq.age1] - g[eq.age0]
    num = np.bincount(eq.pair, weights * d * y, minlength=n_pairs)
    den = np.bincount(eq.pair, weights * d * d, minlength=n_pairs)
    used = den > 0
    out = np.ones(n_pairs)
    out[used] = np.maximum(num[used] / den[used], MIN_MULTIPLIER)
    return out


def fit_curve(
    eq: Equations, weights: FloatArray, horizon: int, batches: bool = True
) -> tuple[FloatArray, FloatArray]:
    """``(g, m)``: the delay curve and one batch multiplier per transition.

    ``weights`` are per equation (``r0`` times how often the bootstrap drew its transition).
    With ``batches=False`` every multiplier is 1 (the plain chain ladder).
    """
    usable = (eq.age1 != eq.age0) & (weights > 0)
    if not usable.any():
        raise ValueError("no snapshot pair moves any week to an older age: cannot fit delays")
    y = eq.log_ratio()
    n_pairs = eq.n_pairs
    mult = np.ones(n_pairs)
    g = _solve_g(eq, weights, mult, horizon, y)
    if not batches:
        return g, mult
    drawn = np.bincount(eq.pair, weights, minlength=n_pairs) > 0
    for _ in range(ITERATIONS):
        mult = _solve_mult(eq, weights, g, y, n_pairs)
        scale = float(np.exp(np.log(mult[drawn]).mean()))
        mult = mult / scale
        g = _solve_g(eq, weights, mult, horizon, y)
    return g, mult


def dispersion(eq: Equations, g: FloatArray, mult: FloatArray) -> float:
    """Pearson dispersion of the snapshot-to-snapshot increments around the fitted model."""
    growth = np.exp(mult[eq.pair] * (g[eq.age1] - g[eq.age0])) - 1.0
    mean_inc = eq.r0 * np.maximum(growth, 0.0)
    ok = mean_inc > 0
    pearson = float(((eq.r1 - eq.r0 - mean_inc)[ok] ** 2 / mean_inc[ok]).sum())
    n_par = g.size - 1 + eq.n_pairs
    return max(pearson / max(int(ok.sum()) - n_par, 1), 1.0)
