"""Stratified estimation: estimate each stratum (region, period, channel) and combine.

Strata are assumed **independent**: no person belongs to two strata, and what happens to the
lists in one stratum says nothing about another. Then

* for the Bayesian methods (``dga``, ``lcmcr``) the posterior of the total is the distribution
  of the sum of independent per-stratum posterior draws;
* for a frequentist estimator the total is the sum of the strata's N and its variance the sum
  of their variances (normal interval, cut at the number observed).

Strata where fewer than three lists hold records are refused: they cannot support dependence
models, and a two-list estimate there would silently assume independent lists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from tally.estimate.capture_arrays import pattern_counts
from tally.estimate.dga import dga_posterior, estimate_dga
from tally.estimate.lcmcr import LcmcrSettings, estimate_lcmcr, sample_lcmcr
from tally.estimate.result import Estimate
from tally.estimate.table import CaptureTable

MIN_LISTS = 3


class StratumError(ValueError):
    """A stratum cannot be estimated (named in the message)."""


@dataclass(frozen=True)
class StratifiedEstimate:
    total: Estimate
    strata: dict[str, Estimate]


def check_strata(tables: Mapping[str, CaptureTable]) -> None:
    """Raise :class:`StratumError` naming every stratum with records on fewer than 3 lists."""
    if not tables:
        raise StratumError("no strata given")
    bad = []
    for name, table in tables.items():
        held = pattern_counts(table).lists_with_records()
        if held < MIN_LISTS:
            bad.append(f"{name!r} ({held} of {table.n_lists} lists hold records)")
    if bad:
        raise StratumError(
            f"strata need records on at least {MIN_LISTS} lists; refused: " + ", ".join(bad)
        )


def _stratum_draws(
    table: CaptureTable,
    method: Literal["dga", "lcmcr"],
    n_draws: int,
    rng: np.random.Generator,
    options: dict[str, Any],
) -> npt.NDArray[np.int64]:
    if method == "dga":
        return dga_posterior(table, **options).averaged().sample(n_draws, rng)
    settings = LcmcrSettings(**options)
    pooled = sample_lcmcr(table, settings, seed=int(rng.integers(2**31))).pooled()
    return rng.choice(pooled, size=n_draws, replace=pooled.size < n_draws)


def stratified_bayes(
    tables: Mapping[str, CaptureTable],
    method: Literal["dga", "lcmcr"] = "dga",
    level: float = 0.95,
    seed: int | None = None,
    n_draws: int = 4000,
    **options: Any,
) -> StratifiedEstimate:
    """Sum independent posterior draws of N over the strata."""
    check_strata(tables)
    rng = np.random.default_rng(seed)
    single: Callable[..., Estimate] = estimate_dga if method == "dga" else estimate_lcmcr
    strata: dict[str, Estimate] = {}
    total = np.zeros(n_draws, dtype=np.int64)
    for name, table in tables.items():
        stratum_seed = int(rng.integers(2**31))
        strata[name] = single(table, level=level, seed=stratum_seed, **options)
        draws = _stratum_draws(table, method, n_draws, np.random.default_rng(stratum_seed), options)
        total += rng.permutation(draws)
    tail = (1.0 - level) / 2.0
    lower, median, upper = np.quantile(total, [tail, 0.5, 1.0 - tail])
    return StratifiedEstimate(
        total=Estimate(
            method=f"{method} (stratified)",
            n_observed=sum(e.n_observed for e in strata.values()),
            N=float(median),
            lower=float(lower),
            upper=float(upper),
            level=level,
            se=float(total.std(ddof=1)),
            model=f"sum of {len(strata)} independent strata",
            diagnostics={"strata": list(strata), "posterior_mean": float(total.mean())},
        ),
        strata=strata,
    )


def stratified_frequentist(
    tables: Mapping[str, CaptureTable],
    estimator: Callable[[CaptureTable], Estimate],
    level: float = 0.95,
) -> StratifiedEstimate:
    """Sum N over strata; variance = sum of variances (strata independent)."""
    check_strata(tables)
    strata = {name: estimator(table) for name, table in tables.items()}
    missing_se = [name for name, e in strata.items() if e.se is None or not np.isfinite(e.se)]
    if missing_se:
        raise StratumError(f"no standard error for strata {missing_se}: cannot combine variances")
    n_total = sum(e.N for e in strata.values())
    se = float(np.sqrt(sum(float(e.se) ** 2 for e in strata.values() if e.se is not None)))
    z = NormalDist().inv_cdf(0.5 + level / 2.0)
    n_obs = sum(e.n_observed for e in strata.values())
    methods = sorted({e.method for e in strata.values()})
    return StratifiedEstimate(
        total=Estimate(
            method=f"{'+'.join(methods)} (stratified)",
            n_observed=n_obs,
            N=n_total,
            lower=max(n_total - z * se, float(n_obs)),
            upper=n_total + z * se,
            level=level,
            se=se,
            model=f"sum of {len(strata)} independent strata, normal interval",
            diagnostics={"strata": list(strata)},
        ),
        strata=strata,
    )
