"""One-at-a-time sensitivity: each input moved by ±pct, all others held, sorted by effect.

The metric is the average yearly cost (or its share of the budget). Regional bonuses are
inputs each; regional shares are not varied one at a time (they must add up to 1).
The result is a tornado chart's data: rows sorted by swing, largest first.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from tally.recruit.flows import ModelResult, simulate
from tally.recruit.scenario import INPUT_UNITS, MixEntry, Scenario

METRICS = ("yearly_cost", "budget_share")


@dataclass(frozen=True, slots=True)
class TornadoRow:
    input: str
    base_value: float
    low_value: float
    high_value: float
    metric_low: float
    metric_high: float

    @property
    def swing(self) -> float:
        return abs(self.metric_high - self.metric_low)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "swing": self.swing}


@dataclass(frozen=True, slots=True)
class Sensitivity:
    scenario: str
    metric: str
    pct: float
    base: float
    rows: tuple[TornadoRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "metric": self.metric, "pct": self.pct,
                "base": self.base, "rows": [r.to_dict() for r in self.rows],
                "chart": {"type": "tornado", "sorted_by": "swing"}}


def _metric(result: ModelResult, metric: str) -> float:
    value = result.yearly_cost if metric == "yearly_cost" else result.budget_share
    if value is None:
        raise ValueError("budget_share needs a budget_per_year above zero")
    return value


def _with_bonus(mix: list[MixEntry], index: int, value: float) -> list[MixEntry]:
    entry = mix[index]
    bonus = entry.bonus.model_copy(update={"value": value})
    return [*mix[:index], entry.model_copy(update={"bonus": bonus}), *mix[index + 1:]]


def sensitivity(
    scenario: Scenario, pct: float = 10.0, metric: str = "yearly_cost"
) -> Sensitivity:
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {METRICS}")
    if not 0 < pct < 100:
        raise ValueError("pct must be between 0 and 100")
    base = _metric(simulate(scenario), metric)
    numbers = scenario.numbers()
    lo, hi = 1 - pct / 100, 1 + pct / 100
    rows: list[TornadoRow] = []
    for name in INPUT_UNITS:
        if metric == "yearly_cost" and name == "budget_per_year":
            continue  # the budget does not change the cost
        v = numbers[name]
        low = _metric(simulate(scenario, {name: v * lo}), metric)
        high = _metric(simulate(scenario, {name: v * hi}), metric)
        rows.append(TornadoRow(name, v, v * lo, v * hi, low, high))
    mix = scenario.regional_mix
    for i, entry in enumerate(mix):
        v = entry.bonus.number
        low = _metric(simulate(scenario, mix=_with_bonus(mix, i, v * lo)), metric)
        high = _metric(simulate(scenario, mix=_with_bonus(mix, i, v * hi)), metric)
        rows.append(TornadoRow(f"regional_bonus[{entry.region}]", v, v * lo, v * hi, low, high))
    rows.sort(key=lambda r: (-r.swing, r.input))
    return Sensitivity(scenario.name, metric, pct, base, tuple(rows))
