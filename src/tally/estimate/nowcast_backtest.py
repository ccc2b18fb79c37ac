"""Backtest of :func:`tally.estimate.nowcast.nowcast` on past snapshots.

From each past snapshot ("origin") the recent weeks are nowcast using only what was known then,
and compared with what a later snapshot (at least ``min_gap_days`` later, or the latest one)
reported for the same weeks. Two nowcasts are scored against that later count:

* the nowcast *of the count as of the reference snapshot* (same age of every week): like with
  like, so its error, bias and interval coverage are a fair test;
* the nowcast of the *eventual* count (at the horizon age): the reference is not the final
  count, so the only fair check is one-sided — the eventual nowcast should not be overtaken by
  what is already known at the reference.

The naive forecast is the count as reported at the origin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tally.estimate.nowcast import DEFAULT_WINDOW, nowcast_targets
from tally.estimate.nowcast_data import FloatArray, ReportingTriangle


@dataclass(frozen=True)
class OriginResult:
    """One origin: per recent week, what was reported, nowcast and later known."""

    origin: dt.date
    reference: dt.date
    reported: FloatArray
    estimate: FloatArray  # nowcast of the count as of the reference snapshot
    lower: FloatArray
    upper: FloatArray
    actual: FloatArray  # the count at the reference snapshot
    eventual: FloatArray  # nowcast of the count at the horizon age
    eventual_upper: FloatArray


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
    median_rel_nowcast: float = 0.0
    below_interval: float = 0.0  # share of weeks whose later count fell below the interval
    above_interval: float = 0.0
    total_rel_nowcast: float = 0.0  # signed error of the sum over the recent weeks
    eventual_overtaken: float = 0.0  # share of weeks whose later count already exceeds the
    eventual_upper_overtaken: float = 0.0  # eventual nowcast (resp. its upper bound)


def _reference_index(tri: ReportingTriangle, origin: int, min_gap_days: int | None) -> int | None:
    if min_gap_days is None:
        return len(tri.vintages) - 1 if origin < len(tri.vintages) - 1 else None
    target = tri.vintages[origin] + dt.timedelta(days=min_gap_days)
    later = [i for i in range(origin + 1, len(tri.vintages)) if tri.vintages[i] >= target]
    return later[0] if later else None


def backtest_references(
    tri: ReportingTriangle,
    gaps: Sequence[int | None],
    weeks_back: int = 12,
    first_origin: int = 3,
    level: float = 0.9,
    n_boot: int = 100,
    seed: int = 0,
    *,
    window: int | None = DEFAULT_WINDOW,
    batches: bool = True,
    calibrate: bool = True,
) -> list[list[OriginResult]]:
    """One list of origin results per reference rule in ``gaps`` (days, or None = latest);
    each origin is fitted once and nowcast to every reference it has."""
    out: list[list[OriginResult]] = [[] for _ in gaps]
    for origin in range(first_origin, len(tri.vintages)):
        refs = [_reference_index(tri, origin, gap) for gap in gaps]
        if all(r is None for r in refs):
            continue
        known = tri.upto(origin)
        if len(known.weeks) < weeks_back:
            continue
        rows = [tri.weeks.index(w) for w in known.weeks[-weeks_back:]]
        used = [r for r in refs if r is not None]
        extras = [tri.ages[rows, r] - tri.ages[rows, origin] for r in used]
        ncs = nowcast_targets(
            known, weeks_back, [*extras, None], level=level, n_boot=n_boot, seed=seed + origin,
            window=window, batches=batches, calibrate=calibrate,
        )
        eventual = ncs[-1]
        for k, r in enumerate(refs):
            if r is None:
                continue
            nc = ncs[used.index(r)]
            out[k].append(
                OriginResult(
                    origin=tri.vintages[origin],
                    reference=tri.vintages[r],
                    reported=nc.reported,
                    estimate=nc.estimate,
                    lower=nc.lower,
                    upper=nc.upper,
                    actual=tri.counts[rows, r],
                    eventual=eventual.estimate,
                    eventual_upper=eventual.upper,
                )
            )
    return out


def backtest(
    tri: ReportingTriangle,
    weeks_back: int = 12,
    min_gap_days: int | None = 182,
    first_origin: int = 3,
    level: float = 0.9,
    n_boot: int = 100,
    seed: int = 0,
    *,
    window: int | None = DEFAULT_WINDOW,
    batches: bool = True,
    calibrate: bool = True,
) -> list[OriginResult]:
    """Nowcast from every origin with a reference snapshot; ``min_gap_days=None`` = latest."""
    return backtest_references(tri, [min_gap_days], weeks_back, first_origin, level, n_boot,
                               seed, window=window, batches=batches, calibrate=calibrate)[0]


def summarise(results: list[OriginResult], level: float = 0.9) -> BacktestSummary:
    if not results:
        raise ValueError("no origin had a later reference snapshot")

    def cat(name: str) -> FloatArray:
        out: FloatArray = np.concatenate([getattr(r, name) for r in results])
        return out

    est, rep, act, low, up = (cat(n) for n in ("estimate", "reported", "actual", "lower", "upper"))
    ok = act > 0
    rel = (est - act)[ok] / act[ok]
    tot = np.array([[r.estimate.sum(), r.reported.sum(), r.actual.sum()] for r in results])
    return BacktestSummary(
        origins=len(results),
        weeks=int(est.size),
        mae_nowcast=float(np.abs(est - act).mean()),
        mae_naive=float(np.abs(rep - act).mean()),
        mean_abs_rel_nowcast=float(np.abs(rel).mean()),
        mean_abs_rel_naive=float((np.abs(rep - act)[ok] / act[ok]).mean()),
        mean_rel_nowcast=float(rel.mean()),
        coverage=float(((low <= act) & (act <= up)).mean()),
        level=level,
        total_abs_rel_nowcast=float((np.abs(tot[:, 0] - tot[:, 2]) / tot[:, 2]).mean()),
        total_abs_rel_naive=float((np.abs(tot[:, 1] - tot[:, 2]) / tot[:, 2]).mean()),
        median_rel_nowcast=float(np.median(rel)),
        below_interval=float((act < low).mean()),
        above_interval=float((act > up).mean()),
        total_rel_nowcast=float(((tot[:, 0] - tot[:, 2]) / tot[:, 2]).mean()),
        eventual_overtaken=float((act > cat("eventual")).mean()),
        eventual_upper_overtaken=float((act > cat("eventual_upper")).mean()),
    )
