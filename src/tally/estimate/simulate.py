"""Simulation study: populations of known size, capture on several lists, and how each
estimator fares (bias, interval coverage), with and without record-linkage errors.

A :class:`Scenario` draws each person's latent class (heterogeneity: some people are much
easier to record than others), then their presence on each list; ``dependence`` raises the
chance of being on list 2 for people on list 1 (e.g. one list copies the other). Linkage errors
are applied to the recorded individuals: a *split* turns one person seen on several lists into
two records (false "different persons"), a *merge* fuses two different people into one record.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from tally.estimate.result import Estimate
from tally.estimate.table import CaptureTable

BoolArray = npt.NDArray[np.bool_]
Method = Callable[[CaptureTable, int], Estimate]


@dataclass(frozen=True)
class Scenario:
    """``probs[k][j]``: chance a person of class ``k`` is on list ``j``."""

    name: str
    N: int
    shares: tuple[float, ...]
    probs: tuple[tuple[float, ...], ...]
    dependence: float = 1.0  # multiplier on P(list 2 | on list 1)
    split_rate: float = 0.0
    merge_rate: float = 0.0
    lists: tuple[str, ...] = field(default=())

    @property
    def list_names(self) -> tuple[str, ...]:
        return self.lists or tuple("ABCDEFGH"[: len(self.probs[0])])


def simulate_captures(scenario: Scenario, rng: np.random.Generator) -> BoolArray:
    """Capture histories of the whole population, ``(N, J)`` (unrecorded rows included)."""
    classes = rng.choice(len(scenario.shares), size=scenario.N, p=scenario.shares)
    p = np.asarray(scenario.probs)[classes]
    caught: BoolArray = rng.random(p.shape) < p
    if scenario.dependence != 1.0:
        boosted = np.minimum(p[:, 1] * scenario.dependence, 1.0)
        on_first = caught[:, 0]
        caught[on_first, 1] = rng.random(int(on_first.sum())) < boosted[on_first]
    return caught


def inject_linkage_errors(
    records: BoolArray, split_rate: float, merge_rate: float, rng: np.random.Generator
) -> BoolArray:
    """Apply splits and merges to recorded histories (rows with at least one list)."""
    rows = records[records.any(axis=1)].copy()
    multi = np.flatnonzero(rows.sum(axis=1) >= 2)
    to_split = multi[rng.random(multi.size) < split_rate]
    extra = []
    for i in to_split:
        on = np.flatnonzero(rows[i])
        moved = rng.choice(on, size=int(rng.integers(1, on.size)), replace=False)
        piece = np.zeros(rows.shape[1], dtype=bool)
        piece[moved] = True
        rows[i, moved] = False
        extra.append(piece)
    if extra:
        rows = np.vstack([rows, np.array(extra)])
    n_merge = round(merge_rate * rows.shape[0])
    if n_merge:
        order = rng.permutation(rows.shape[0])
        a, b = order[:n_merge], order[n_merge : 2 * n_merge]
        rows[a] |= rows[b]
        rows = np.delete(rows, b, axis=0)
    return rows


def to_table(records: BoolArray, lists: tuple[str, ...]) -> CaptureTable:
    seen = records[records.any(axis=1)].astype(int)
    patterns, counts = np.unique(seen, axis=0, return_counts=True)
    rows = {tuple(int(v) for v in p): int(c) for p, c in zip(patterns, counts, strict=True)}
    return CaptureTable.from_counts(lists, rows)


def simulate_table(scenario: Scenario, rng: np.random.Generator) -> CaptureTable:
    records = simulate_captures(scenario, rng)
    if scenario.split_rate or scenario.merge_rate:
        records = inject_linkage_errors(records, scenario.split_rate, scenario.merge_rate, rng)
    return to_table(records, scenario.list_names)


@dataclass(frozen=True)
class MethodSummary:
    scenario: str
    method: str
    runs: int
    failures: int
    mean_estimate: float
    relative_bias: float
    rmse_relative: float
    coverage: float
    mean_width_relative: float


def run_study(
    scenarios: list[Scenario],
    methods: Mapping[str, Method],
    replicates: int,
    seed: int = 0,
) -> list[MethodSummary]:
    """Every method on ``replicates`` simulated tables per scenario (same tables per method)."""
    out = []
    for s_index, scenario in enumerate(scenarios):
        tables = [
            simulate_table(scenario, np.random.default_rng([seed, s_index, r]))
            for r in range(replicates)
        ]
        for name, method in methods.items():
            results: list[Estimate] = []
            failures = 0
            for r, table in enumerate(tables):
                try:
                    results.append(method(table, seed + r))
                except (ValueError, ArithmeticError, np.linalg.LinAlgError):
                    failures += 1
            out.append(_summarise(scenario, name, results, failures))
    return out


def _summarise(
    scenario: Scenario, method: str, results: list[Estimate], failures: int
) -> MethodSummary:
    if not results:
        nan = float("nan")
        return MethodSummary(scenario.name, method, 0, failures, nan, nan, nan, nan, nan)
    n_hat = np.array([e.N for e in results])
    lower = np.array([e.lower for e in results])
    upper = np.array([e.upper for e in results])
    truth = float(scenario.N)
    return MethodSummary(
        scenario=scenario.name,
        method=method,
        runs=len(results),
        failures=failures,
        mean_estimate=float(n_hat.mean()),
        relative_bias=float(n_hat.mean() / truth - 1.0),
        rmse_relative=float(np.sqrt(((n_hat - truth) ** 2).mean()) / truth),
        coverage=float(((lower <= truth) & (truth <= upper)).mean()),
        mean_width_relative=float(np.mean(upper - lower) / truth),
    )
