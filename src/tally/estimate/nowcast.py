"""Nowcasting reporting delay: how many deaths of each recent week will eventually be known.

Model (a chain ladder in continuous age, fitted on snapshot pairs). Let ``F(a)`` be the share
of a week's eventual count known when the week is ``a`` weeks old, and ``g(a) = log F(a)``.
Between two consecutive snapshots a week moves from age ``a`` to age ``a'`` and its count from
``R`` to ``R'``, so ``log(R' / R) ≈ g(a') - g(a)``. Every (week, snapshot pair) gives one such
equation, weighted by ``R`` (a log ratio of counts has variance about ``1 / R``); ``g`` is
solved by weighted least squares with a light second-difference penalty, anchored at
``g(horizon) = 0``: "eventual" means *known at ``horizon`` weeks of age*. Beyond the oldest age
in the data the model cannot say anything, and it assumes delays do not change over time.

Uncertainty: snapshot-to-snapshot transitions are resampled with replacement and ``g`` refitted
(parameter error; a transition is the unit because a list publishes in batches that move every
week at once, so weeks within a transition are not independent), and the
deaths still to be reported are drawn from a negative binomial whose variance is ``phi`` times
its mean, ``phi`` the Pearson dispersion of the snapshot-to-snapshot increments.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tally.estimate.nowcast_data import FloatArray, IntArray, ReportingTriangle

SMOOTHING = 1.0


@dataclass(frozen=True)
class _Equations:
    row: IntArray  # week of each equation
    pair: IntArray  # snapshot pair (v, v + 1) of each equation
    age0: IntArray
    age1: IntArray
    r0: FloatArray
    r1: FloatArray


@dataclass(frozen=True)
class Completeness:
    """``g[a] = log F(a)`` for ages ``0 .. horizon`` (``g[horizon] = 0``) and dispersion."""

    g: FloatArray
    phi: float

    @property
    def horizon(self) -> int:
        return self.g.size - 1

    def log_share(self, ages: npt.ArrayLike) -> FloatArray:
        a = np.clip(np.asarray(ages, dtype=np.int64), 0, self.horizon)
        out: FloatArray = self.g[a]
        return out


def _equations(tri: ReportingTriangle, horizon: int) -> _Equations:
    rows, pairs, a0, a1, r0, r1 = [], [], [], [], [], []
    observed = tri.observed()
    for v in range(len(tri.vintages) - 1):
        both = observed[:, v] & observed[:, v + 1] & (tri.counts[:, v] > 0)
        both &= tri.ages[:, v] < horizon
        idx = np.flatnonzero(both)
        rows.append(idx)
        pairs.append(np.full(idx.size, v))
        a0.append(tri.ages[idx, v])
        a1.append(np.minimum(tri.ages[idx, v + 1], horizon))
        r0.append(tri.counts[idx, v])
        r1.append(tri.counts[idx, v + 1])
    return _Equations(
        row=np.concatenate(rows),
        pair=np.concatenate(pairs),
        age0=np.concatenate(a0),
        age1=np.concatenate(a1),
        r0=np.concatenate(r0),
        r1=np.concatenate(r1),
    )


def _penalty(n_par: int) -> FloatArray:
    """Second differences of g (including the fixed g[horizon] = 0)."""
    d = np.zeros((max(n_par - 1, 0), n_par))
    for i in range(n_par - 1):
        d[i, i : i + 3] = (1.0, -2.0, 1.0)[: n_par - i]
    out: FloatArray = d.T @ d
    return out


def _solve(eq: _Equations, weights: FloatArray, horizon: int) -> FloatArray:
    """Weighted least squares via the normal equations (``horizon`` unknowns)."""
    keep = (eq.age1 != eq.age0) & (weights > 0)
    if not keep.any():
        raise ValueError("no snapshot pair moves any week to an older age: cannot fit delays")
    a0, a1, w = eq.age0[keep], eq.age1[keep], weights[keep]
    y = np.log(np.maximum(eq.r1[keep], 0.5) / eq.r0[keep])
    n_par = horizon  # g[0..horizon-1]; g[horizon] = 0
    inside = a1 < horizon
    lhs = np.zeros((n_par, n_par))
    rhs = np.zeros(n_par)
    # each equation is g[a1] - g[a0] (the g[a1] term is absent when a1 == horizon)
    np.add.at(lhs, (a0, a0), w)
    np.add.at(lhs, (a1[inside], a1[inside]), w[inside])
    np.add.at(lhs, (a0[inside], a1[inside]), -w[inside])
    np.add.at(lhs, (a1[inside], a0[inside]), -w[inside])
    np.add.at(rhs, a0, -w * y)
    np.add.at(rhs, a1[inside], w[inside] * y[inside])
    lhs += SMOOTHING * float(w.mean()) * _penalty(n_par)
    g = np.linalg.lstsq(lhs, rhs, rcond=None)[0]
    return np.append(np.minimum(g, 0.0), 0.0)


def fit_completeness(tri: ReportingTriangle, horizon: int | None = None) -> Completeness:
    """Fit ``g`` on every consecutive snapshot pair of ``tri``; ``horizon`` defaults to the
    oldest age reached in the data."""
    horizon = int(tri.ages.max()) if horizon is None else horizon
    if horizon < 2 or len(tri.vintages) < 2:
        raise ValueError("nowcasting needs at least two snapshots and weeks older than 2 weeks")
    eq = _equations(tri, horizon)
    g = _solve(eq, eq.r0, horizon)
    expected_growth = np.exp(g[np.minimum(eq.age1, horizon)] - g[eq.age0]) - 1.0
    mean_inc = eq.r0 * np.maximum(expected_growth, 0.0)
    ok = mean_inc > 0
    pearson = ((eq.r1 - eq.r0 - mean_inc)[ok] ** 2 / mean_inc[ok]).sum()
    phi = float(max(pearson / max(int(ok.sum()) - horizon, 1), 1.0))
    return Completeness(g, phi)


@dataclass(frozen=True)
class Nowcast:
    """Per week: reported count, and eventual count (at ``horizon`` or a target age)."""

    weeks: tuple[dt.date, ...]
    reported: FloatArray
    estimate: FloatArray
    lower: FloatArray
    upper: FloatArray
    level: float


def _draw_remaining(
    mean: FloatArray, phi: float, rng: np.random.Generator
) -> npt.NDArray[np.float64]:
    mean = np.maximum(mean, 0.0)
    if phi <= 1.0 + 1e-9:
        return rng.poisson(mean).astype(np.float64)
    size = np.maximum(mean / (phi - 1.0), 1e-9)
    return rng.negative_binomial(size, 1.0 / phi).astype(np.float64)


def _resampled_weights(eq: _Equations, n_pairs: int, rng: np.random.Generator) -> FloatArray:
    """Equation weights after resampling the snapshot transitions (redrawn if none usable)."""
    usable = eq.age1 != eq.age0
    for _ in range(100):
        picks = np.bincount(rng.integers(0, n_pairs, n_pairs), minlength=n_pairs)
        weights: FloatArray = eq.r0 * picks[eq.pair]
        if np.any(weights[usable] > 0):
            return weights
    return eq.r0


def nowcast(
    tri: ReportingTriangle,
    weeks_back: int = 12,
    target_extra_weeks: npt.ArrayLike | None = None,
    horizon: int | None = None,
    level: float = 0.9,
    n_boot: int = 200,
    seed: int | None = None,
) -> Nowcast:
    """Nowcast the ``weeks_back`` most recent complete weeks at the triangle's last snapshot.

    By default the target is the count at ``horizon`` weeks of age. With
    ``target_extra_weeks`` (one value per nowcast week, or a scalar) the target is the count
    that many weeks after the last snapshot instead (used by the backtest).
    """
    fit = fit_completeness(tri, horizon)
    rows = np.arange(len(tri.weeks) - weeks_back, len(tri.weeks))
    reported = tri.counts[rows, -1]
    age_now = tri.ages[rows, -1]
    age_target = (
        np.full(rows.size, fit.horizon)
        if target_extra_weeks is None
        else age_now + np.broadcast_to(np.asarray(target_extra_weeks, dtype=np.int64), rows.shape)
    )

    def growth(c: Completeness) -> FloatArray:
        out: FloatArray = np.exp(c.log_share(age_target) - c.log_share(age_now))
        return out

    point = reported * growth(fit)
    rng = np.random.default_rng(seed)
    eq = _equations(tri, fit.horizon)
    sims = np.empty((n_boot, rows.size))
    for b in range(n_boot):
        weights = _resampled_weights(eq, len(tri.vintages) - 1, rng)
        g = _solve(eq, weights, fit.horizon)
        mean_remaining = reported * (growth(Completeness(g, fit.phi)) - 1.0)
        sims[b] = reported + _draw_remaining(mean_remaining, fit.phi, rng)
    tail = (1.0 - level) / 2.0
    lower, upper = np.quantile(sims, [tail, 1.0 - tail], axis=0)
    return Nowcast(
        weeks=tuple(tri.weeks[i] for i in rows),
        reported=reported,
        estimate=point,
        lower=np.minimum(lower, point),
        upper=np.maximum(upper, point),
        level=level,
    )
