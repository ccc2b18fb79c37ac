"""Nowcasting reporting delay: how many deaths of each recent week will eventually be known.

The delay curve ``g = log F`` and the per-transition batch multipliers are fitted on the most
recent ``window`` snapshot-to-snapshot transitions (:mod:`tally.estimate.nowcast_fit`).
"Eventual" means *known at ``horizon`` weeks of age* (default: the oldest age in the data);
what is added to a week later than that cannot be estimated from the snapshots.

A week of age ``a`` with ``R`` deaths reported is projected to age ``b`` by
``R · exp(m̄ · (g(b) − g(a)) + d · n)``: ``m̄`` the mean batch multiplier, ``n`` the number of
snapshot intervals to the target (at most :data:`DRIFT_MAX_LAG`) and ``d`` the *drift*: the
median, per interval, of how far this same model's nowcasts from the past 2–12 snapshots fell
short of what the latest snapshot shows (:func:`past_drift`; the Mediazona/BBC delay has kept
lengthening, which a model fitted on the past cannot see by itself).

The interval is a bootstrap of the fit, the future and the drift: (1) the transitions in the
window are resampled with replacement and ``g`` and the multipliers refitted (parameter error;
a transition is the unit because a list publishes in batches that move every week at once);
(2) the future is cut into steps of one typical snapshot interval, and each step draws the
multiplier of one resampled transition (some months publish a backlog, some little; all weeks
share the same future months); (3) one past drift value is drawn per replicate; (4) the deaths
still to come are drawn from a negative binomial with variance ``φ × mean``, ``φ`` the Pearson
dispersion of the increments around the fitted model.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from tally.estimate.nowcast_data import FloatArray, IntArray, ReportingTriangle
from tally.estimate.nowcast_fit import Equations, dispersion, equations, fit_curve

DEFAULT_WINDOW = 12  # most recent snapshot transitions used to fit the delay (about a year)
DRIFT_MIN_LAG = 2  # past nowcasts used for the drift correction: 2 .. 12 snapshots back
DRIFT_MAX_LAG = 12
DRIFT_MIN_ORIGINS = 3


@dataclass(frozen=True)
class Completeness:
    """``g[a] = log F(a)`` for ages ``0 .. horizon`` (``g[horizon] = 0``) and dispersion.

    ``multipliers``: the batch multiplier of each fitted transition (geometric mean 1);
    ``step``: the typical number of weeks between snapshots.
    """

    g: FloatArray
    phi: float
    multipliers: FloatArray = field(default_factory=lambda: np.ones(1))
    step: int = 4

    @property
    def horizon(self) -> int:
        return self.g.size - 1

    @property
    def mean_multiplier(self) -> float:
        return float(self.multipliers.mean())

    def log_share(self, ages: npt.ArrayLike) -> FloatArray:
        a = np.clip(np.asarray(ages, dtype=np.int64), 0, self.horizon)
        out: FloatArray = self.g[a]
        return out


def _step(eq: Equations) -> int:
    moves = eq.age1 - eq.age0
    moves = moves[moves > 0]
    return max(int(np.median(moves)), 1) if moves.size else 4


def _prepare(
    tri: ReportingTriangle, horizon: int | None, window: int | None
) -> tuple[int, Equations]:
    horizon = int(tri.ages.max()) if horizon is None else horizon
    if horizon < 2 or len(tri.vintages) < 2:
        raise ValueError("nowcasting needs at least two snapshots and weeks older than 2 weeks")
    if window is not None and window < 1:
        raise ValueError(f"window must be at least one transition, got {window}")
    return horizon, equations(tri, horizon, window)


def fit_completeness(
    tri: ReportingTriangle,
    horizon: int | None = None,
    *,
    window: int | None = DEFAULT_WINDOW,
    batches: bool = True,
) -> Completeness:
    """Fit ``g`` on the last ``window`` snapshot transitions of ``tri`` (all if None);
    ``horizon`` defaults to the oldest age reached in the data. ``batches=False``: the plain
    chain ladder (every transition moves weeks equally far)."""
    horizon, eq = _prepare(tri, horizon, window)
    g, mult = fit_curve(eq, eq.r0, horizon, batches)
    return Completeness(g, dispersion(eq, g, mult), mult, _step(eq))


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
    mean = np.clip(mean, 0.0, 1e12)
    if phi <= 1.0 + 1e-9:
        return rng.poisson(mean).astype(np.float64)
    mean = np.minimum(mean, 1e12)
    size = np.maximum(mean / (phi - 1.0), 1e-9)
    return rng.negative_binomial(size, 1.0 / phi).astype(np.float64)


def _path_exponent(
    g: FloatArray, age_now: IntArray, age_target: IntArray, step: int, mult: FloatArray
) -> FloatArray:
    """``Σ_k m_k (g(b_k) − g(a_k))`` over future steps of ``step`` weeks (``mult``: one per step;
    every week goes through the same future snapshots)."""
    horizon = g.size - 1
    k = np.arange(mult.size + 1)
    ages = np.minimum(age_now[:, None] + step * k[None, :], age_target[:, None])
    ages = np.clip(ages, 0, horizon)
    gains = g[ages[:, 1:]] - g[ages[:, :-1]]
    out: FloatArray = gains @ mult
    return out


def nowcast(
    tri: ReportingTriangle,
    weeks_back: int = 12,
    target_extra_weeks: npt.ArrayLike | None = None,
    horizon: int | None = None,
    level: float = 0.9,
    n_boot: int = 200,
    seed: int | None = None,
    *,
    window: int | None = DEFAULT_WINDOW,
    batches: bool = True,
    calibrate: bool = True,
) -> Nowcast:
    """Nowcast the ``weeks_back`` most recent complete weeks at the triangle's last snapshot.

    By default the target is the count at ``horizon`` weeks of age. With
    ``target_extra_weeks`` (one value per nowcast week, or a scalar) the target is the count
    that many weeks after the last snapshot instead (used by the backtest).
    """
    return nowcast_targets(
        tri, weeks_back, [target_extra_weeks], horizon, level, n_boot, seed,
        window=window, batches=batches, calibrate=calibrate,
    )[0]


@dataclass(frozen=True)
class _Setup:
    horizon: int
    eq: Equations
    g: FloatArray
    mult: FloatArray
    step: int
    rows: IntArray
    reported: FloatArray
    age_now: IntArray


def _setup(
    tri: ReportingTriangle, weeks_back: int, horizon: int | None, window: int | None,
    batches: bool,
) -> _Setup:
    if not 0 < weeks_back <= len(tri.weeks):
        raise ValueError(f"weeks_back must be 1..{len(tri.weeks)}, got {weeks_back}")
    h, eq = _prepare(tri, horizon, window)
    g, mult = fit_curve(eq, eq.r0, h, batches)
    rows = np.arange(len(tri.weeks) - weeks_back, len(tri.weeks))
    if np.any(tri.ages[rows, -1] < 0):
        raise ValueError("the last snapshot does not cover every nowcast week")
    age_now = np.minimum(tri.ages[rows, -1], h)
    return _Setup(h, eq, g, mult, _step(eq), rows, tri.counts[rows, -1], age_now)


def point_nowcast(
    tri: ReportingTriangle, weeks_back: int, target_extra_weeks: npt.ArrayLike | None,
    *, window: int | None = DEFAULT_WINDOW, batches: bool = True,
) -> FloatArray:
    """The point nowcast alone (no interval, no calibration): ``R · exp(m̄ · Δg)``."""
    s = _setup(tri, weeks_back, None, window, batches)
    age_target = _target_ages(target_extra_weeks, s.age_now, s.horizon)
    out: FloatArray = s.reported * np.exp(s.mult.mean() * (s.g[age_target] - s.g[s.age_now]))
    return out


def nowcast_targets(
    tri: ReportingTriangle,
    weeks_back: int,
    targets: Sequence[npt.ArrayLike | None],
    horizon: int | None = None,
    level: float = 0.9,
    n_boot: int = 200,
    seed: int | None = None,
    *,
    window: int | None = DEFAULT_WINDOW,
    batches: bool = True,
    calibrate: bool = True,
) -> list[Nowcast]:
    """:func:`nowcast` for several targets at once, sharing one fit and one bootstrap
    (each target: ``None`` = the count at ``horizon``, else extra weeks as in ``nowcast``)."""
    s = _setup(tri, weeks_back, horizon, window, batches)
    phi = dispersion(s.eq, s.g, s.mult)
    ages = [_target_ages(t, s.age_now, s.horizon) for t in targets]
    n_steps = max(math.ceil(max(int((a - s.age_now).max()) for a in ages) / s.step), 1)
    drift = past_drift(tri, weeks_back, window, batches) if calibrate else np.zeros(0)
    rng = np.random.default_rng(seed)
    n_pairs = s.eq.n_pairs
    sims = np.empty((len(ages), n_boot, s.rows.size))
    for b in range(n_boot):
        picks = np.bincount(rng.integers(0, n_pairs, n_pairs), minlength=n_pairs)
        try:
            g_b, mult_b = fit_curve(s.eq, s.eq.r0 * picks[s.eq.pair], s.horizon, batches)
        except (ValueError, np.linalg.LinAlgError):
            g_b, mult_b = s.g, s.mult
        drawn = np.repeat(np.arange(n_pairs), picks)
        future = mult_b[rng.choice(drawn, n_steps)] if batches else np.ones(n_steps)
        rate = float(drift[rng.integers(0, drift.size)]) if drift.size else 0.0
        for i, age_target in enumerate(ages):
            exponent = _path_exponent(g_b, s.age_now, age_target, s.step, future)
            exponent = np.maximum(exponent + rate * _drift_steps(s.age_now, age_target, s.step), 0)
            remaining = _draw_remaining(s.reported * np.expm1(exponent), phi, rng)
            sims[i, b] = s.reported + remaining
    tail = (1.0 - level) / 2.0
    rate = float(np.median(drift)) if drift.size else 0.0
    out = []
    for i, age_target in enumerate(ages):
        exponent = s.mult.mean() * (s.g[age_target] - s.g[s.age_now])
        exponent = np.maximum(exponent + rate * _drift_steps(s.age_now, age_target, s.step), 0)
        point = s.reported * np.exp(exponent)  # a count known cannot shrink
        lower, upper = np.quantile(sims[i], [tail, 1.0 - tail], axis=0)
        out.append(
            Nowcast(
                weeks=tuple(tri.weeks[i] for i in s.rows),
                reported=s.reported,
                estimate=point,
                lower=np.minimum(lower, point),
                upper=np.maximum(upper, point),
                level=level,
            )
        )
    return out


def _drift_steps(age_now: IntArray, age_target: IntArray, step: int) -> FloatArray:
    """Snapshot intervals between now and the target, capped at :data:`DRIFT_MAX_LAG`."""
    out: FloatArray = np.minimum((age_target - age_now) / step, DRIFT_MAX_LAG)
    return out


def past_drift(
    tri: ReportingTriangle, weeks_back: int, window: int | None = DEFAULT_WINDOW,
    batches: bool = True,
) -> FloatArray:
    """How far the model's own past nowcasts missed, per snapshot interval (log scale).

    From each earlier snapshot ``o`` between ``DRIFT_MIN_LAG`` and ``DRIFT_MAX_LAG`` intervals
    back, the ``weeks_back`` most recent weeks are nowcast (with data up to ``o`` only) to their
    age at the last snapshot and compared with what the last snapshot shows:
    ``log(shown / nowcast) / lag``. Positive values: the delay has been lengthening faster
    than a model fitted on the past could see. Empty when there is too little history.
    """
    last = len(tri.vintages) - 1
    out = []
    for o in range(max(last - DRIFT_MAX_LAG, 1), last - DRIFT_MIN_LAG + 1):
        known = tri.upto(o)
        if len(known.weeks) < weeks_back:
            continue
        rows = [tri.weeks.index(w) for w in known.weeks[-weeks_back:]]
        extra = tri.ages[rows, last] - tri.ages[rows, o]
        try:
            point = point_nowcast(known, weeks_back, extra, window=window, batches=batches)
        except (ValueError, np.linalg.LinAlgError):
            continue
        shown = float(tri.counts[rows, last].sum())
        if shown > 0 and point.sum() > 0:
            out.append(math.log(shown / float(point.sum())) / (last - o))
    return np.asarray(out) if len(out) >= DRIFT_MIN_ORIGINS else np.zeros(0)


def _target_ages(target: npt.ArrayLike | None, age_now: IntArray, horizon: int) -> IntArray:
    if target is None:
        return np.full(age_now.shape, horizon, dtype=np.int64)
    extra = np.broadcast_to(np.asarray(target, dtype=np.int64), age_now.shape)
    out: IntArray = np.clip(age_now + extra, age_now, horizon)
    return out
