"""Diagnostics of a reporting triangle: is the reporting delay stable over the war?

* :func:`completeness_drift`: the fitted share known at fixed ages, refitted at successive
  snapshots on a short window of transitions — if delays were stable these would not drift.
* :func:`development_by_quarter`: per quarter of death, how much the count grew between two
  fixed ages (e.g. 13 -> 26 weeks), read directly off the snapshots (no model).
* :func:`late_growth`: how much weeks already older than ``old`` weeks still grew per year —
  if they still grow, "the count at the oldest age seen" is not the final count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tally.estimate.nowcast import fit_completeness
from tally.estimate.nowcast_data import ReportingTriangle


@dataclass(frozen=True)
class DriftRow:
    snapshot: dt.date
    horizon: int
    shares: tuple[float, ...]  # fitted F(age) for each requested age


def completeness_drift(
    tri: ReportingTriangle, ages: Sequence[int], every: int = 3, window: int = 6,
    first: int = 8,
) -> list[DriftRow]:
    """``F(age)`` fitted at every ``every``-th snapshot from ``first`` on (and the last)."""
    last = len(tri.vintages) - 1
    picks = sorted({*range(first, last + 1, every), last})
    out = []
    for v in picks:
        fit = fit_completeness(tri.upto(v), window=window)
        shares = tuple(float(np.exp(fit.log_share(a))) for a in ages)
        out.append(DriftRow(tri.vintages[v], fit.horizon, shares))
    return out


def _count_at_age(tri: ReportingTriangle, row: int, age: float) -> float:
    """The week's count at ``age`` weeks, interpolated between snapshots (nan if not bracketed)."""
    ages = tri.ages[row]
    ok = ages >= 0
    if not ok.any() or ages[ok].min() > age or ages[ok].max() < age:
        return float("nan")
    return float(np.interp(age, ages[ok], tri.counts[row, ok]))


def quarter(day: dt.date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def development_by_quarter(
    tri: ReportingTriangle, pairs: Sequence[tuple[int, int]], min_weeks: int = 6
) -> dict[str, list[float]]:
    """Per quarter of death, ``Σ count(b) / Σ count(a)`` over its weeks seen at both ages
    (nan where fewer than ``min_weeks`` weeks were)."""
    out: dict[str, list[float]] = {}
    quarters = [quarter(w) for w in tri.weeks]
    for q in sorted(set(quarters)):
        rows = [i for i, x in enumerate(quarters) if x == q]
        factors = []
        for a, b in pairs:
            ca = np.array([_count_at_age(tri, r, a) for r in rows])
            cb = np.array([_count_at_age(tri, r, b) for r in rows])
            ok = ~np.isnan(ca) & ~np.isnan(cb) & (ca > 0)
            factors.append(float(cb[ok].sum() / ca[ok].sum()) if ok.sum() >= min_weeks
                           else float("nan"))
        out[q] = factors
    return out


def late_growth(tri: ReportingTriangle, old: int = 104) -> list[tuple[dt.date, dt.date, float]]:
    """Per snapshot transition: annualised growth of the weeks already ``old`` weeks old."""
    out = []
    for v in range(len(tri.vintages) - 1):
        rows = (tri.ages[:, v] >= old) & (tri.ages[:, v + 1] >= 0)
        days = (tri.vintages[v + 1] - tri.vintages[v]).days
        if not rows.any() or days < 7:
            continue
        before = float(tri.counts[rows, v].sum())
        after = float(tri.counts[rows, v + 1].sum())
        out.append((tri.vintages[v], tri.vintages[v + 1], (after / before) ** (365.25 / days) - 1))
    return out
