"""Scenario files: provenance is required, mixes add up, the shipped example loads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tally.recruit.flows import simulate
from tally.recruit.scenario import Scenario, ScenarioError, load_scenario, parse_scenario

Small = Callable[..., Scenario]


def _data(small: Small) -> dict[str, Any]:
    return small().model_dump(mode="json", by_alias=True, exclude_none=True)


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"value": 5}, "state where this figure comes from"),
        ({"value": 5, "assumption": True}, "state where this figure comes from"),
        ({"value": 5, "source": "  "}, "state where this figure comes from"),
        ({"value": -1, "source": "x"}, "must not be negative"),
        ({"source": "x"}, "give a value"),
    ],
)
def test_input_without_provenance_refused(
    small: Small, change: dict[str, Any], fragment: str
) -> None:
    data = _data(small)
    data["inputs"]["monthly_salary"] = change
    with pytest.raises(ScenarioError, match=fragment) as info:
        parse_scenario(data)
    assert "inputs.monthly_salary" in str(info.value)


def test_assumption_with_note_accepted(small: Small) -> None:
    data = _data(small)
    data["inputs"]["monthly_salary"] = {"value": 5, "assumption": True, "note": "a guess"}
    scenario = parse_scenario(data)
    assert simulate(scenario).inputs["monthly_salary"]["provenance"] == "assumption: a guess"


def test_mix_shares_must_add_up(small: Small) -> None:
    data = _data(small)
    data["regional_mix"][0]["share"]["value"] = 0.7
    with pytest.raises(ScenarioError, match="add up to 1"):
        parse_scenario(data)


def test_variant_replaces_inputs(small: Small) -> None:
    data = _data(small)
    data["variants"] = {"dear": {"inputs": {"federal_bonus": {"value": 30, "source": "x"}}}}
    scenario = parse_scenario(data)
    assert simulate(scenario.variant("dear")).bonus_per_recruit == 40
    data["variants"] = {"bad": {"inputs": {"salary": {"value": 1, "source": "x"}}}}
    with pytest.raises(ScenarioError, match="unknown input"):
        parse_scenario(data)


def test_shipped_example_runs(example: Path) -> None:
    scenario = load_scenario(example)
    result = simulate(scenario)
    assert result.steps[0].recruits == pytest.approx(8000 + 8000 + 2000 + 1500)
    assert result.bonus_per_recruit == pytest.approx(400000 + 0.05 * 1.9e6 + 0.05 * 1e6
                                                     + 0.9 * 596000)
    assert 0 < (result.budget_share or 0) < 1
    for name in scenario.variants:
        simulate(scenario.variant(name))
