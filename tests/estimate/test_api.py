"""The estimate() dispatcher."""

from __future__ import annotations

import pytest

from tally.estimate import estimate
from tally.estimate.table import CaptureTable

TABLE3 = CaptureTable.from_counts(
    ["A", "B", "C"],
    {
        (1, 0, 0): 50,
        (0, 1, 0): 40,
        (0, 0, 1): 30,
        (1, 1, 0): 12,
        (1, 0, 1): 9,
        (0, 1, 1): 8,
        (1, 1, 1): 3,
    },
)


@pytest.mark.parametrize(
    ("method", "model"),
    [("loglinear", None), ("loglinear", "c1:c2"), ("closedp", "Mt"), ("coverage", "lsc")],
)
def test_dispatch(method: str, model: str | None) -> None:
    est = estimate(TABLE3, method=method, model=model, seed=3)
    assert est.method == method
    assert est.n_observed == TABLE3.n
    assert est.lower <= est.N <= est.upper


def test_chapman_on_two_lists() -> None:
    est = estimate(TABLE3.select(["A", "B"]), method="chapman")
    assert est.method == "chapman"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "magic"}, "unknown method"),
        ({"level": 1.5}, "level"),
        ({"criterion": "dic"}, "criterion"),
        ({"method": "coverage", "model": "x"}, "hsc, lsc or indep"),
    ],
)
def test_bad_arguments(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        estimate(TABLE3, **kwargs)  # type: ignore[arg-type]
