"""Summaries of a posterior distribution of N, given on a grid or as draws."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class GridPosterior:
    """A discrete posterior ``pmf[i] = P(N = support[i])`` (normalised on construction)."""

    support: npt.NDArray[np.int64]
    pmf: npt.NDArray[np.float64]

    def __post_init__(self) -> None:
        total = float(self.pmf.sum())
        if self.support.shape != self.pmf.shape or total <= 0:
            raise ValueError("support and a positive pmf of the same shape are required")
        object.__setattr__(self, "pmf", self.pmf / total)

    def mean(self) -> float:
        return float((self.support * self.pmf).sum())

    def sd(self) -> float:
        mu = self.mean()
        return float(np.sqrt(((self.support - mu) ** 2 * self.pmf).sum()))

    def mode(self) -> int:
        return int(self.support[int(np.argmax(self.pmf))])

    def quantile(self, q: float) -> int:
        """Smallest support value whose cumulative probability reaches ``q``."""
        cdf = np.cumsum(self.pmf)
        index = int(np.searchsorted(cdf, q - 1e-12))
        return int(self.support[min(index, self.support.size - 1)])

    def interval(self, level: float) -> tuple[int, int]:
        tail = (1.0 - level) / 2.0
        return self.quantile(tail), self.quantile(1.0 - tail)

    def bayes_estimate(self) -> float:
        """Madigan & York's estimator under relative squared error: E[1/N] / E[1/N^2]."""
        n = self.support.astype(np.float64)
        return float((self.pmf / n).sum() / (self.pmf / n**2).sum())

    def sample(self, size: int, rng: np.random.Generator) -> npt.NDArray[np.int64]:
        return rng.choice(self.support, size=size, p=self.pmf)
