"""How much a third of a record moves the Kosovo 1999 interval (issue #7's one open figure).

Ball et al. (2002) analysed records with hot-decked fractional weights (total 4,399.67); the
shared table holds whole counts (4,400). This script refits their BIC-best model
[12 13 14 23 34 123] with one cell moved by a third or two thirds of a record and prints N and
the 95 % Poisson (deviance) profile interval of the full table. See
docs/methodology-estimation.md, "Reproduced figures".

    PYTHONPATH=src .venv/bin/python benchmarks/kosovo_interval.py
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from scipy.optimize import brentq, minimize_scalar
from scipy.stats import chi2

from tally.estimate.glm import fit_poisson

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("TALLY_SHARED_DATA", REPO.parent / "shared" / "data")) / "mse"
TERMS = [(0, 1), (0, 2), (0, 3), (1, 2), (2, 3), (0, 1, 2)]


def design(patterns: np.ndarray) -> np.ndarray:
    cols = [np.ones(len(patterns))] + [patterns[:, j] for j in range(patterns.shape[1])]
    cols += [np.prod(patterns[:, list(t)], axis=1) for t in TERMS]
    return np.column_stack(cols)


def interval(X: np.ndarray, y: np.ndarray, level: float = 0.95) -> tuple[float, float, float]:
    """Point estimate and profile bounds from the full table's Poisson deviance in n0."""
    X_full = np.vstack([X, np.eye(1, X.shape[1])])

    def dev(n0: float) -> float:
        return fit_poisson(X_full, np.append(y, n0)).deviance

    best = minimize_scalar(
        dev, bounds=(1.0, 20 * y.sum()), method="bounded", options={"xatol": 1e-4}
    )
    crit = chi2.ppf(level, 1)
    lo = brentq(lambda g: dev(g) - best.fun - crit, 1.0, best.x)
    hi = brentq(lambda g: dev(g) - best.fun - crit, best.x, 20 * y.sum())
    n = y.sum()
    return n + best.x, n + lo, n + hi


def main() -> None:
    path = DATA / "kosovo_aggregate_4lists.csv"
    if not path.exists():
        raise SystemExit(f"skipped: {path} is absent (shared data not checked out)")
    rows = np.loadtxt(path, delimiter=",", skiprows=1)
    patterns, y = rows[:, :4], rows[:, 4]
    X = design(patterns)
    print("| cell (EXH ABA OSCE HRW) changed by | N | 95 % profile interval |")
    print("|---|---:|---|")
    N, lo, hi = interval(X, y)
    print(f"| none (shared table) | {N:,.1f} | {lo:,.1f}–{hi:,.1f} |")
    for i, pat in enumerate(patterns.astype(int)):
        for delta in (-2 / 3, -1 / 3, 1 / 3):
            moved = y.copy()
            moved[i] += delta
            N, lo, hi = interval(X, moved)
            label = (
                "".join(map(str, pat)) + f" {'+' if delta > 0 else '−'} {abs(round(delta * 3))}/3"
            )
            print(f"| {label} | {N:,.1f} | {lo:,.1f}–{hi:,.1f} |")
    print("| published (Ball et al. 2002) | 10,356 | 9,002–12,122 |")


if __name__ == "__main__":
    main()
