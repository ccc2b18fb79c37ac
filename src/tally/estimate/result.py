"""The one result type every estimation method returns.

An :class:`Estimate` is a point estimate of the total population size ``N`` (observed plus
unobserved), an interval at confidence/credibility ``level``, and whatever the method wants
to report on the side (``diagnostics``: the model formula's deviance, the number of models
compared, posterior draws summary, ...). Values in ``diagnostics`` must be JSON-serialisable.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Estimate:
    """Population-size estimate from a capture table.

    Attributes:
        method: short method name (``"chapman"``, ``"loglinear"``, ``"coverage"``, ``"dga"``...).
        n_observed: number of distinct individuals seen on at least one list.
        N: point estimate of the total, observed plus unobserved (``N >= n_observed``).
        lower: lower bound of the interval.
        upper: upper bound of the interval (may be ``inf`` when the profile does not close).
        level: coverage of the interval, e.g. ``0.95``.
        se: standard error of ``N`` when the method defines one, else ``None``.
        model: the model used (e.g. ``"[12][13][23]"``), ``None`` when not applicable.
        diagnostics: extra method-specific figures (JSON-serialisable).
    """

    method: str
    n_observed: int
    N: float
    lower: float
    upper: float
    level: float
    se: float | None = None
    model: str | None = None
    diagnostics: dict[str, Any] = field(default_factory=dict)

    @property
    def n_unobserved(self) -> float:
        """Estimated number never seen on any list (``N - n_observed``)."""
        return self.N - self.n_observed

    def to_dict(self) -> dict[str, Any]:
        """Plain dict; non-finite floats become ``None`` so that the result is valid JSON."""
        return {k: _clean(v) for k, v in asdict(self).items()}

    def to_json(self, indent: int | None = None) -> str:
        """Serialise to strict JSON (``inf``/``nan`` are written as ``null``)."""
        return json.dumps(self.to_dict(), indent=indent, allow_nan=False, sort_keys=False)


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value
