"""Bayesian model averaging over decomposable graphical models (Madigan & York 1997).

Follows the R package ``dga`` (Johndrow, Lum & Ball; ``bma.cr``). For each decomposable graph
of the J lists and each candidate number of unobserved individuals ``m`` on a grid, the
complete ``2^J`` table (observed counts plus ``m`` in the all-zero cell) gets the marginal
likelihood under a hyper-Dirichlet prior with ``delta`` prior counts per cell: a product of
Dirichlet-multinomial marginal likelihoods over the graph's cliques divided by those over its
separators. Multiplying by the multinomial coefficient ``N! / (m! prod y!)``, a prior on
``N = n + m`` and (optionally) prior model weights, then normalising over models and the grid,
gives the joint posterior of (model, m). Column sums are the model-averaged posterior of N.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.special import gammaln

from tally.estimate.capture_arrays import PatternCounts, pattern_counts
from tally.estimate.graphs import DecomposableGraph, decomposable_graphs
from tally.estimate.posterior import GridPosterior
from tally.estimate.result import Estimate
from tally.estimate.table import CaptureTable

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class NegBinPrior:
    """Negative-binomial prior on N as in dga's example (``a`` size, ``b`` scale)."""

    a: float
    b: float

    def log_prior(self, n_total: FloatArray) -> FloatArray:
        a, b = self.a, self.b
        out: FloatArray = (
            n_total * np.log(b)
            - (n_total + a) * np.log1p(b)
            + gammaln(n_total + a)
            - gammaln(n_total + 1)
            - gammaln(a)
        )
        return out


PriorSpec = str | NegBinPrior | Sequence[float] | FloatArray


def _log_prior(prior: PriorSpec, n_total: FloatArray) -> FloatArray:
    if isinstance(prior, NegBinPrior):
        return prior.log_prior(n_total)
    if isinstance(prior, str):
        if prior in ("1/N", "inverse"):
            return -np.log(n_total)
        if prior == "uniform":
            return np.zeros_like(n_total)
        raise ValueError(f"unknown prior on N {prior!r}: use '1/N', 'uniform' or NegBinPrior")
    values = np.asarray(prior, dtype=np.float64)
    if values.shape != n_total.shape:
        raise ValueError("a log-prior array must have one value per Nmissing grid point")
    return values


@dataclass(frozen=True)
class DgaPosterior:
    """Joint posterior of (graph, Nmissing): ``weights[g, i]`` for graph g and ``nmissing[i]``."""

    data: PatternCounts
    graphs: tuple[DecomposableGraph, ...]
    nmissing: npt.NDArray[np.int64]
    weights: FloatArray

    @property
    def model_probabilities(self) -> FloatArray:
        out: FloatArray = self.weights.sum(axis=1)
        return out

    def averaged(self) -> GridPosterior:
        """Model-averaged posterior of N."""
        return GridPosterior(self.nmissing + self.data.n_observed, self.weights.sum(axis=0))

    def for_model(self, index: int) -> GridPosterior:
        """Posterior of N under one graph alone (its row, renormalised)."""
        return GridPosterior(self.nmissing + self.data.n_observed, self.weights[index])

    def top_model(self) -> int:
        return int(np.argmax(self.model_probabilities))


def _component_log_ml(
    full: npt.NDArray[np.int64], nmissing: FloatArray, delta: float
) -> dict[frozenset[int], FloatArray]:
    """Dirichlet-multinomial log ML of each marginal table (without the normalising term)."""
    n_lists = full.ndim
    out: dict[frozenset[int], FloatArray] = {}
    for size in range(1, n_lists + 1):
        alpha = delta * 2.0 ** (n_lists - size)
        for subset in combinations(range(n_lists), size):
            others = tuple(i for i in range(n_lists) if i not in subset)
            marginal = full.sum(axis=others).reshape(-1).astype(np.float64)
            cells = np.tile(marginal, (nmissing.size, 1))
            cells[:, 0] += nmissing  # the all-zero cell holds the unobserved
            out[frozenset(subset)] = (gammaln(cells + alpha) - gammaln(alpha)).sum(axis=1)
    return out


def dga_posterior(
    table: CaptureTable | PatternCounts,
    nmissing: Sequence[int] | npt.NDArray[np.int64] | None = None,
    delta: float | None = None,
    prior: PriorSpec = "1/N",
    log_model_prior: Sequence[float] | None = None,
) -> DgaPosterior:
    """Posterior over (decomposable graph, number unobserved) as in dga's ``bma.cr``.

    Args:
        table: a capture table (3–5 lists).
        nmissing: grid of candidate unobserved counts; default ``0 .. max`` with ``max`` large
            enough that the averaged posterior's last tenth holds < 1e-6 of the mass.
        delta: hyper-Dirichlet prior count per cell; default ``2**-J`` (dga's suggestion).
        prior: ``"1/N"`` (improper, default), ``"uniform"``, :class:`NegBinPrior`, or an array
            of log prior values on the grid.
        log_model_prior: optional log prior weight for each graph (default: uniform).
    """
    data = pattern_counts(table)
    n_lists = data.n_lists
    if not 3 <= n_lists <= 5:
        raise ValueError(f"dga needs 3 to 5 lists, this table has {n_lists}")
    if delta is None:
        delta = 2.0**-n_lists
    if nmissing is None:
        return _auto_grid(data, delta, prior, log_model_prior)
    grid = np.asarray(nmissing, dtype=np.int64)
    if grid.ndim != 1 or grid.size == 0 or np.any(grid < 0):
        raise ValueError("nmissing must be a non-empty 1-D grid of non-negative integers")
    return _posterior_on_grid(data, grid, delta, prior, log_model_prior)


def _auto_grid(
    data: PatternCounts, delta: float, prior: PriorSpec, log_model_prior: Sequence[float] | None
) -> DgaPosterior:
    upper = max(200, 2 * data.n_observed)
    for _ in range(12):
        grid = np.arange(0, upper + 1, dtype=np.int64)
        post = _posterior_on_grid(data, grid, delta, prior, log_model_prior)
        pmf = post.weights.sum(axis=0)
        if pmf[int(0.9 * grid.size) :].sum() < 1e-6:
            return post
        upper *= 2
    return post


def _posterior_on_grid(
    data: PatternCounts,
    grid: npt.NDArray[np.int64],
    delta: float,
    prior: PriorSpec,
    log_model_prior: Sequence[float] | None,
) -> DgaPosterior:
    full = data.full_array()
    n_lists = data.n_lists
    graphs = decomposable_graphs(n_lists)
    m = grid.astype(np.float64)
    n_total = m + data.n_observed
    comp = _component_log_ml(full, m, delta)
    big_alpha = delta * 2.0**n_lists
    norm = gammaln(big_alpha) - gammaln(n_total + big_alpha)
    log_w = np.empty((len(graphs), grid.size))
    for g, graph in enumerate(graphs):
        row = sum((comp[c] for c in graph.cliques), np.zeros_like(m))
        row -= sum((comp[s] for s in graph.separators), np.zeros_like(m))
        row += (len(graph.cliques) - len(graph.separators)) * norm
        log_w[g] = row
    observed = full.reshape(-1)[1:].astype(np.float64)
    multicoef = gammaln(n_total + 1) - gammaln(observed + 1).sum() - gammaln(m + 1)
    log_w += multicoef + _log_prior(prior, n_total)
    if log_model_prior is not None:
        lmp = np.asarray(log_model_prior, dtype=np.float64)
        if lmp.shape != (len(graphs),):
            raise ValueError(f"log_model_prior needs one value per graph ({len(graphs)})")
        log_w += lmp[:, None]
    log_w -= log_w.max()
    weights = np.exp(log_w)
    weights /= weights.sum()
    return DgaPosterior(data, graphs, grid, weights)


def estimate_dga(
    table: CaptureTable | PatternCounts,
    level: float = 0.95,
    seed: int | None = None,
    **options: Any,
) -> Estimate:
    """Model-averaged posterior of N; ``N`` is the posterior median, interval equal-tailed.

    ``seed`` is accepted for a uniform interface; the computation is exact (no sampling).
    Options are passed to :func:`dga_posterior` (``nmissing``, ``delta``, ``prior``,
    ``log_model_prior``).
    """
    del seed
    post = dga_posterior(table, **options)
    averaged = post.averaged()
    top = post.top_model()
    top_post = post.for_model(top)
    probs = post.model_probabilities
    order = np.argsort(-probs)[:10]
    names = list(post.data.names)
    lower, upper = averaged.interval(level)
    grid_max = int(post.nmissing.max())
    return Estimate(
        method="dga",
        n_observed=post.data.n_observed,
        N=float(averaged.quantile(0.5)),
        lower=float(lower),
        upper=float(upper),
        level=level,
        se=averaged.sd(),
        model=f"BMA over {len(post.graphs)} decomposable graphs",
        diagnostics={
            "posterior_mean": averaged.mean(),
            "posterior_mode": averaged.mode(),
            "bayes_estimate": averaged.bayes_estimate(),
            "top_model": post.graphs[top].label(names),
            "top_model_probability": float(probs[top]),
            "top_model_bayes_estimate": top_post.bayes_estimate(),
            "top_model_mode": top_post.mode(),
            "models": [
                {"model": post.graphs[i].label(names), "probability": float(probs[i])}
                for i in order
            ],
            "nmissing_grid": [int(post.nmissing.min()), grid_max],
            "mass_at_grid_end": float(averaged.pmf[-max(1, post.nmissing.size // 10) :].sum()),
        },
    )
