"""One-at-a-time sensitivity: ordering on cases whose answer is obvious."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tally.recruit.flows import simulate
from tally.recruit.scenario import Scenario
from tally.recruit.sensitivity import sensitivity

Small = Callable[..., Scenario]


def test_dominant_input_comes_first_and_swings_are_sorted(small: Small) -> None:
    # at steady state salaries (100 people × 1,000,000) dwarf everything else
    scenario = small(initial_force=100, monthly_salary=1_000_000)
    result = sensitivity(scenario, pct=10)
    assert result.rows[0].input == "monthly_salary"
    swings = [r.swing for r in result.rows]
    assert swings == sorted(swings, reverse=True)
    base = simulate(scenario).yearly_cost
    assert result.base == base
    # salaries are linear in the salary: ±10% of salary moves cost by ±10% of salary cost
    salary_cost = 100 * 1_000_000 * 12
    top = result.rows[0]
    assert top.metric_high - base == pytest.approx(0.1 * salary_cost)
    assert base - top.metric_low == pytest.approx(0.1 * salary_cost)


def test_inputs_without_effect_have_zero_swing(small: Small) -> None:
    scenario = small(initial_force=100, injury_payment=0, badly_wounded_per_month=0)
    rows = {r.input: r for r in sensitivity(scenario).rows}
    assert rows["injury_payment"].swing == 0
    assert rows["regional_bonus[other]"].swing == 0  # that region pays nothing
    assert "budget_per_year" not in rows
    assert rows["regional_bonus[RU-AAA]"].swing > 0


def test_budget_share_metric_sees_the_budget(small: Small) -> None:
    rows = {r.input: r for r in sensitivity(small(), metric="budget_share").rows}
    assert rows["budget_per_year"].metric_low > rows["budget_per_year"].metric_high


@pytest.mark.parametrize(("pct", "metric"), [(0, "yearly_cost"), (100, "yearly_cost"),
                                            (10, "cost")])
def test_bad_arguments(small: Small, pct: float, metric: str) -> None:
    with pytest.raises(ValueError):
        sensitivity(small(), pct=pct, metric=metric)
