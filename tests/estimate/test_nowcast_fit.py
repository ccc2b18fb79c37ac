"""Delay-curve fitting (src/tally/estimate/nowcast_fit.py) and nowcast edge cases."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from tally.estimate.nowcast import fit_completeness, nowcast, nowcast_targets, past_drift
from tally.estimate.nowcast_backtest import backtest, summarise
from tally.estimate.nowcast_data import ReportingTriangle, Vintage, build_triangle
from tally.estimate.nowcast_fit import equations, fit_curve

START = dt.date(2023, 1, 2)  # a Monday


def batched(seed: int = 0, busy: int = 8, factor: float = 3.0, days: int = 504) -> list[Vintage]:
    """Exponential delays (mean 60 days), snapshots every 28 days; reports that fall in the
    ``busy``-th interval are published at ``factor`` times the usual rate (a backlog batch):
    simulated by letting each death's reporting clock run ``factor`` times faster there."""
    rng = np.random.default_rng(seed)
    death_day = np.repeat(np.arange(days), rng.poisson(30.0, days))
    clock = rng.exponential(60.0, death_day.size)  # delay in "normal" days
    lo, hi = 28 * busy, 28 * (busy + 1)
    # walk each death's clock through calendar time; inside [lo, hi) it runs faster
    before = np.clip(lo - death_day, 0, None)
    reported = np.where(clock <= before, death_day + clock, 0.0)
    late = clock > before
    start = np.maximum(death_day, lo)
    inside = np.clip(hi - start, 0, None) * factor
    in_busy = late & (clock - before <= inside)
    reported = np.where(in_busy, start + (clock - before) / factor, reported)
    after = late & ~in_busy
    reported = np.where(after, np.maximum(start, hi) + (clock - before - inside), reported)
    out = []
    for cut in range(84, days + 1, 28):
        daily = np.bincount(death_day[(reported < cut) & (death_day < cut)], minlength=cut)
        out.append(Vintage(START + dt.timedelta(days=cut),
                           {START + dt.timedelta(days=d): int(daily[d]) for d in range(cut)}))
    return out


def test_a_backlog_month_gets_a_large_batch_multiplier() -> None:
    tri = build_triangle(batched())
    fit = fit_completeness(tri, window=None)
    busy = 8 - 3  # transition index: snapshots start at day 84 = the end of interval 2
    others = np.delete(fit.multipliers, busy)
    assert fit.multipliers[busy] > 1.5 * float(np.median(others))


def test_without_batches_every_multiplier_is_one() -> None:
    fit = fit_completeness(build_triangle(batched()), batches=False)
    assert np.all(fit.multipliers == 1.0)
    assert fit.g[-1] == 0.0 and np.all(np.diff(fit.g[:20]) >= -1e-9)


def test_a_repeated_snapshot_changes_nothing() -> None:
    vintages = batched(seed=1)
    twice = [*vintages[:5], Vintage(vintages[4].date + dt.timedelta(days=2), vintages[4].daily),
             *vintages[5:]]
    a, b = (fit_completeness(build_triangle(v), window=None) for v in (vintages, twice))
    assert np.allclose(a.g, b.g) and np.allclose(a.multipliers, b.multipliers)


def _flat(n_vintages: int, counts: int = 5) -> ReportingTriangle:
    vs = [Vintage(START + dt.timedelta(days=28 * (k + 3)),
                  {START + dt.timedelta(days=d): counts for d in range(28 * (k + 3))})
          for k in range(n_vintages)]
    return build_triangle(vs)


@pytest.mark.parametrize(
    ("make", "kwargs", "message"),
    [
        (lambda: _flat(1), {}, "at least two snapshots"),
        (lambda: _flat(3, counts=0), {}, "cannot fit delays"),
        (lambda: _flat(3), {"window": 0}, "window must be at least one"),
        (lambda: _flat(3), {"weeks_back": 0}, "weeks_back must be"),
        (lambda: _flat(3), {"weeks_back": 10_000}, "weeks_back must be"),
    ],
)
def test_edge_cases_are_refused(make, kwargs, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=message):
        nowcast(make(), n_boot=5, **kwargs)


@pytest.mark.parametrize(
    ("target", "check"),
    [
        (0, "equal"),  # the count now: nothing more to come
        (4, "above"),
        (None, "above"),  # the count at the horizon
        ([0, 0, 4, 4, 8, 8, 12, 12], "ordered"),  # one target per week
    ],
)
def test_targets(target: object, check: str) -> None:
    tri = build_triangle(batched(seed=2))
    nc = nowcast(tri, weeks_back=8, target_extra_weeks=target, n_boot=30, seed=0)  # type: ignore[arg-type]
    assert np.all(nc.lower <= nc.estimate) and np.all(nc.estimate <= nc.upper)
    assert np.all(nc.estimate >= nc.reported)  # a count known cannot shrink
    if check == "equal":
        assert np.allclose(nc.estimate, nc.reported) and np.allclose(nc.upper, nc.reported)
    elif check == "above":
        assert nc.estimate.sum() > nc.reported.sum()
    else:
        ratio = nc.estimate / nc.reported
        assert ratio[0] == pytest.approx(1.0) and ratio[-1] > ratio[2] > 1.0


def test_several_targets_share_one_fit() -> None:
    tri = build_triangle(batched(seed=3))
    near, far = nowcast_targets(tri, 6, [4, None], n_boot=30, seed=1)
    assert np.all(far.estimate >= near.estimate)
    single = nowcast(tri, 6, 4, n_boot=30, seed=1)
    assert np.allclose(single.estimate, near.estimate)


def test_past_drift_needs_history() -> None:
    assert past_drift(_flat(3), 2).size == 0
    tri = build_triangle(batched(seed=4))
    drift = past_drift(tri, 4)
    assert drift.size >= 3 and np.all(np.isfinite(drift))
    assert abs(float(np.median(drift))) < 0.2  # stable delays: little drift to correct


def test_equations_window_keeps_the_latest_transitions() -> None:
    tri = build_triangle(batched(seed=5))
    full, last3 = equations(tri, 30), equations(tri, 30, window=3)
    assert last3.n_pairs == 3 and full.n_pairs == len(tri.vintages) - 1
    assert last3.r0.size < full.r0.size
    g, mult = fit_curve(last3, last3.r0, 30)
    assert mult.shape == (3,) and g.shape == (31,)
    assert float(np.exp(np.log(mult).mean())) == pytest.approx(1.0)


def test_summary_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="no origin"):
        summarise([])
    assert backtest(_flat(2), weeks_back=2, first_origin=5) == []
