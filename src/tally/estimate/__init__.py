"""Multiple systems estimation: how many deaths no list recorded.

Public API::

    from tally.estimate import CaptureTable, Estimate, estimate, read_capture_csv
    table = read_capture_csv("kosovo.csv")
    est = estimate(table, method="loglinear", criterion="bic")

Methods: ``chapman`` / ``lincoln-petersen`` (2 lists), ``loglinear`` (hierarchical Poisson
log-linear models, Rcapture-compatible), ``closedp`` (M0/Mt/Mh/Mth models; ``model`` names
one, default ``"Mh Chao"``), ``coverage`` (Chao's sample coverage; ``model`` = ``hsc``,
``lsc`` or ``indep``), ``dga`` and ``lcmcr`` (Bayesian; in their own modules).
"""

from __future__ import annotations

from typing import Literal, cast

from tally.estimate.io import read_capture_csv, read_capture_csv_strata
from tally.estimate.result import Estimate
from tally.estimate.table import CaptureTable, CaptureTableError

__all__ = [
    "METHODS",
    "CaptureTable",
    "CaptureTableError",
    "Estimate",
    "estimate",
    "read_capture_csv",
    "read_capture_csv_strata",
]

METHODS: tuple[str, ...] = (
    "chapman",
    "lincoln-petersen",
    "loglinear",
    "closedp",
    "coverage",
    "dga",
    "lcmcr",
)


def estimate(
    table: CaptureTable,
    method: str = "loglinear",
    criterion: str = "bic",
    model: str | None = None,
    level: float = 0.95,
    seed: int | None = None,
) -> Estimate:
    """Estimate the total population size from a capture table with one method."""
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be in (0, 1), got {level}")
    if criterion not in ("aic", "bic"):
        raise ValueError(f"criterion must be 'aic' or 'bic', got {criterion!r}")
    if method in ("chapman", "lincoln-petersen"):
        from tally.estimate.twolist import estimate_two_list

        return estimate_two_list(table, method=method, level=level)
    if method == "loglinear":
        from tally.estimate.loglinear import estimate_loglinear

        crit = cast(Literal["aic", "bic"], criterion)
        return estimate_loglinear(table, model=model, criterion=crit, level=level)
    if method == "closedp":
        from tally.estimate.closedp import estimate_closedp

        return estimate_closedp(table, model=model or "Mh Chao", level=level)
    if method == "coverage":
        from tally.estimate.coverage import estimate_coverage

        variant = (model or "hsc").lower()
        if variant not in ("hsc", "lsc", "indep"):
            raise ValueError(f"coverage model must be hsc, lsc or indep, got {model!r}")
        return estimate_coverage(
            table, variant=cast(Literal["hsc", "lsc", "indep"], variant), level=level, seed=seed
        )
    if method == "dga":
        from tally.estimate.dga import estimate_dga

        return estimate_dga(table, level=level, seed=seed)
    if method == "lcmcr":
        from tally.estimate.lcmcr import estimate_lcmcr

        return estimate_lcmcr(table, level=level, seed=seed)
    raise ValueError(f"unknown method {method!r}; choose from {', '.join(METHODS)}")
