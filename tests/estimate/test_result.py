"""The Estimate result type."""

from __future__ import annotations

import json
import math

from tally.estimate.result import Estimate


def test_to_json_writes_infinite_bounds_as_null() -> None:
    e = Estimate(
        "loglinear",
        10,
        12.5,
        11.0,
        math.inf,
        0.95,
        se=None,
        diagnostics={"x": math.nan, "l": [1.0, math.inf]},
    )
    data = json.loads(e.to_json())
    assert data["upper"] is None and data["se"] is None
    assert data["diagnostics"] == {"x": None, "l": [1.0, None]}
    assert data["N"] == 12.5 and data["n_observed"] == 10
    assert e.n_unobserved == 2.5
