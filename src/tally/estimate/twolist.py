"""Two-list estimators: Lincoln–Petersen and Chapman.

With ``n1``, ``n2`` the list sizes and ``m`` the number on both:

* Lincoln–Petersen ``N = n1 n2 / m``, variance ``n1 n2 (n1 - m)(n2 - m) / m**3``;
* Chapman ``N = (n1 + 1)(n2 + 1) / (m + 1) - 1``, variance (Seber 1970)
  ``(n1 + 1)(n2 + 1)(n1 - m)(n2 - m) / ((m + 1)**2 (m + 2))``.

Both assume the two lists are independent and everyone is equally likely to be on each list.
The interval is Chao's (1987) log-transformed one
(:func:`~tally.estimate.intervals.chao_lognormal`), which never goes below the observed count.
"""

from __future__ import annotations

import math

from tally.estimate.intervals import chao_lognormal
from tally.estimate.result import Estimate
from tally.estimate.table import CaptureTable


def two_list_counts(table: CaptureTable) -> tuple[int, int, int]:
    """``(n1, n2, m)`` of a two-list table."""
    if table.n_lists != 2:
        raise ValueError(
            f"two-list estimators need exactly 2 lists, the table has {table.n_lists} "
            f"({', '.join(table.lists)}); select two with CaptureTable.select()"
        )
    n1 = table.count((1, 0)) + table.count((1, 1))
    n2 = table.count((0, 1)) + table.count((1, 1))
    return n1, n2, table.count((1, 1))


def lincoln_petersen(n1: int, n2: int, m: int) -> tuple[float, float]:
    """``(N, se)``; infinite when no one is on both lists."""
    if m == 0:
        return math.inf, math.inf
    N = n1 * n2 / m
    return N, math.sqrt(n1 * n2 * (n1 - m) * (n2 - m) / m**3)


def chapman(n1: int, n2: int, m: int) -> tuple[float, float]:
    """``(N, se)`` of Chapman's nearly unbiased estimator (finite even when ``m = 0``)."""
    N = (n1 + 1) * (n2 + 1) / (m + 1) - 1
    var = (n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) / ((m + 1) ** 2 * (m + 2))
    return N, math.sqrt(var)


def estimate_two_list(
    table: CaptureTable, method: str = "chapman", level: float = 0.95
) -> Estimate:
    """Chapman (default) or Lincoln–Petersen with Chao's log-transformed interval."""
    n1, n2, m = two_list_counts(table)
    if method == "chapman":
        N, se = chapman(n1, n2, m)
    elif method == "lincoln-petersen":
        N, se = lincoln_petersen(n1, n2, m)
    else:
        raise ValueError(f"unknown two-list method {method!r}")
    lower, upper = chao_lognormal(table.n, N, se, level)
    return Estimate(
        method=method,
        n_observed=table.n,
        N=N,
        lower=lower,
        upper=upper,
        level=level,
        se=se,
        model=None,
        diagnostics={
            "n1": n1,
            "n2": n2,
            "m": m,
            "interval": "Chao log-transformed",
            "lists": list(table.lists),
        },
    )
