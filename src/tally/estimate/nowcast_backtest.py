"""Backtest of :func:`tally.estimate.nowcast.nowcast` on past snapshots.

From each past snapshot ("origin") the recent weeks are nowcast using only what was known then,
and compared with what a later snapshot (at least ``min_gap_days`` later, or the latest one)
reported for the same weeks. The naive forecast is the count as reported at the origin.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from tally.estimate.nowcast import nowcast
from tally.estimate.nowcast_data import FloatArray, ReportingTriangle


@dataclass(frozen=True)
class OriginResult:
    """One origin: per recent week, what was reported, nowcast and later known."""

    origin: dt.date
    reference: dt.date
    reported: FloatArray
    estimate: FloatArray
    lower: FloatArray
    upper: FloatArray
    actual: FloatArray


@dataclass(frozen=True)
class BacktestSummary:
    origins: int
    weeks: int
    mae_nowcast: float
    mae_naive: float
    mean_abs_rel_nowcast: float
    mean_abs_rel_naive: float
    mean_rel_nowcast: float  # signed: > 0 over-predicts
    coverage: float
    level: float
    total_abs_rel_nowcast: float  # error of the sum over the recent weeks, per origin
    total_abs_rel_naive: float


def _reference_index(tri: ReportingTriangle, origin: int, min_gap_days: int | None) -> int | None:
    if min_gap_days is None:
        return len(tri.vintages) - 1 if origin < len(tri.vintages) - 1 else None
    target = tri.vintages[origin] + dt.timedelta(days=min_gap_days)
    later = [i for i in range(origin + 1, len(tri.vintages)) if tri.vintages[i] >= target]
    return later[0] if later else None


def backtest(
    tri: ReportingTriangle,
    weeks_back: int = 12,
    min_gap_days: int | None = 182,
    first_origin: int = 3,
    level: float = 0.9,
    n_boot: int = 100,
    seed: int = 0,
) -> list[OriginResult]:
    """Nowcast from every origin with a reference snapshot; ``min_gap_days=None`` = latest."""
    results = []
    for origin in range(first_origin, len(tri.vintages)):
        ref = _reference_index(tri, origin, min_gap_days)
        if ref is None:
            continue
        known = tri.upto(origin)
        rows = [tri.weeks.index(w) for w in known.weeks[-weeks_back:]]
        extra = tri.ages[rows, ref] - tri.ages[rows, origin]
        nc = nowcast(
            known,
            weeks_back=weeks_back,
            target_extra_weeks=extra,
            level=level,
            n_boot=n_boot,
            seed=seed + origin,
        )
        results.append(
            OriginResult(
                origin=tri.vintages[origin],
                reference=tri.vintages[ref],
                reported=nc.reported,
                estimate=nc.estimate,
                lower=nc.lower,
                upper=nc.upper,
                actual=tri.counts[rows, ref],
            )
        )
    return results


def summarise(results: list[OriginResult], level: float = 0.9) -> BacktestSummary:
    if not results:
        raise ValueError("no origin had a later reference snapshot")
    est = np.concatenate([r.estimate for r in results])
    rep = np.concatenate([r.reported for r in results])
    act = np.concatenate([r.actual for r in results])
    low = np.concatenate([r.lower for r in results])
    up = np.concatenate([r.upper for r in results])
    ok = act > 0
    tot = np.array([[r.estimate.sum(), r.reported.sum(), r.actual.sum()] for r in results])
    return BacktestSummary(
        origins=len(results),
        weeks=int(est.size),
        mae_nowcast=float(np.abs(est - act).mean()),
        mae_naive=float(np.abs(rep - act).mean()),
        mean_abs_rel_nowcast=float((np.abs(est - act)[ok] / act[ok]).mean()),
        mean_abs_rel_naive=float((np.abs(rep - act)[ok] / act[ok]).mean()),
        mean_rel_nowcast=float(((est - act)[ok] / act[ok]).mean()),
        coverage=float(((low <= act) & (act <= up)).mean()),
        level=level,
        total_abs_rel_nowcast=float((np.abs(tot[:, 0] - tot[:, 2]) / tot[:, 2]).mean()),
        total_abs_rel_naive=float((np.abs(tot[:, 1] - tot[:, 2]) / tot[:, 2]).mean()),
    )
