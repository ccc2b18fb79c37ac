"""The stock-and-flow model against hand-worked numbers, and its invariants."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tally.recruit.flows import simulate
from tally.recruit.scenario import Scenario

Small = Callable[..., Scenario]


def test_small_scenario_by_hand(small: Small) -> None:
    result = simulate(small())
    assert result.bonus_per_recruit == 20  # 10 + 0.5 × 20 + 0.5 × 0
    first, second = result.steps
    assert [s.month for s in result.steps] == ["2024-11", "2024-12"]
    assert (first.stock_start, first.recruits, first.outflow, first.stock_end) == (90, 15, 5, 100)
    assert (second.recruits, second.stock_end) == (5, 100)
    # bonuses, salaries (mid-month stock), deaths ((2 + 0.5 × 1) × 100), injuries (1 × 10)
    assert (first.bonuses, first.salaries, first.deaths, first.injuries) == (300, 95, 250, 10)
    assert (second.bonuses, second.salaries) == (100, 100)
    assert (first.cost, second.cost) == (655, 460)
    assert result.total_cost == 1115
    assert result.yearly_cost == 1115 * 6
    (year,) = result.years
    assert (year.months, year.budget, year.cost) == (2, 2000, 1115)
    assert year.budget_share == pytest.approx(0.5575)
    assert result.budget_share == pytest.approx(0.5575)


def test_gap_closed_over_several_months(small: Small) -> None:
    result = simulate(small(gap_months=2))
    assert [s.recruits for s in result.steps] == [10, 7.5]
    assert [s.stock_end for s in result.steps] == [95, 97.5]


def test_no_recruits_when_far_above_target(small: Small) -> None:
    result = simulate(small(initial_force=200))
    assert result.steps[0].recruits == 0
    assert result.steps[0].stock_end == 195


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    target=st.floats(0, 1e6), initial=st.floats(0, 1e6),
    flows=st.lists(st.floats(0, 1e4), min_size=4, max_size=4),
    gap=st.floats(1, 24), months=st.integers(1, 30),
)
def test_people_conserved_and_costs_add_up(
    small: Small, target: float, initial: float, flows: list[float], gap: float, months: int
) -> None:
    scenario = small(target_force=target, initial_force=initial, killed_per_month=flows[0],
                     badly_wounded_per_month=flows[1], missing_per_month=flows[2],
                     discharged_per_month=flows[3], gap_months=gap)
    scenario = scenario.model_copy(update={"months": months})
    result = simulate(scenario)
    assert len(result.steps) == months
    previous = initial
    for step in result.steps:
        assert step.stock_start == previous
        assert step.recruits >= 0
        assert step.stock_end >= -1e-6
        change = step.stock_end - step.stock_start
        assert step.recruits - step.outflow == pytest.approx(change, abs=1e-6)
        assert step.cost == pytest.approx(
            step.bonuses + step.salaries + step.deaths + step.injuries)
        previous = step.stock_end
    assert sum(y.cost for y in result.years) == pytest.approx(result.total_cost)
    assert sum(y.months for y in result.years) == months
