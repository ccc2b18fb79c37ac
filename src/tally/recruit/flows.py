"""The stock-and-flow manpower and cost model, in monthly steps.

Each month ``t`` (stock ``S`` at its start)::

    outflow  = killed + badly_wounded + missing + discharged
    recruits = max(0, outflow + (target − S) / gap_months)
    S'       = S + recruits − outflow                      (people are conserved)
    bonuses  = recruits × (federal + Σ share_r × regional_r)
    salaries = (S + S') / 2 × monthly_salary               (paid on the mid-month stock)
    deaths   = (killed + missing × missing_paid_share) × death_payment
    injuries = badly_wounded × injury_payment

Years are consecutive blocks of 12 months from the start; a last partial block is compared
with the budget pro rata.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from tally.recruit.scenario import INPUT_UNITS, MixEntry, Scenario

COSTS = ("bonuses", "salaries", "deaths", "injuries")


@dataclass(frozen=True, slots=True)
class Step:
    month: str
    stock_start: float
    recruits: float
    killed: float
    badly_wounded: float
    missing: float
    discharged: float
    stock_end: float
    bonuses: float
    salaries: float
    deaths: float
    injuries: float

    @property
    def outflow(self) -> float:
        return self.killed + self.badly_wounded + self.missing + self.discharged

    @property
    def cost(self) -> float:
        return self.bonuses + self.salaries + self.deaths + self.injuries

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "outflow": self.outflow, "cost": self.cost}


@dataclass(frozen=True, slots=True)
class Year:
    index: int
    first: str
    last: str
    months: int
    recruits: float
    outflow: float
    costs: dict[str, float]
    budget: float  # the budget for these months (pro rata for a partial year)

    @property
    def cost(self) -> float:
        return sum(self.costs.values())

    @property
    def budget_share(self) -> float | None:
        return self.cost / self.budget if self.budget else None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "cost": self.cost, "budget_share": self.budget_share}


@dataclass(frozen=True, slots=True)
class ModelResult:
    name: str
    bonus_per_recruit: float
    steps: tuple[Step, ...]
    years: tuple[Year, ...]
    inputs: dict[str, dict[str, Any]]

    @property
    def total_cost(self) -> float:
        return sum(s.cost for s in self.steps)

    @property
    def yearly_cost(self) -> float:
        """Average cost per 12 months over the horizon."""
        return self.total_cost * 12 / len(self.steps)

    @property
    def budget_share(self) -> float | None:
        budget = self.inputs["budget_per_year"]["value"]
        return self.yearly_cost / budget if budget else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "bonus_per_recruit": self.bonus_per_recruit,
            "total_cost": self.total_cost, "yearly_cost": self.yearly_cost,
            "budget_share": self.budget_share, "inputs": self.inputs,
            "years": [y.to_dict() for y in self.years], "steps": [s.to_dict() for s in self.steps],
        }


def bonus_per_recruit(federal: float, mix: list[MixEntry]) -> float:
    return federal + sum(e.share.number * e.bonus.number for e in mix)


def _month_label(start: str, offset: int) -> str:
    year, month = (int(p) for p in start.split("-"))
    index = year * 12 + month - 1 + offset
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def simulate(
    scenario: Scenario, numbers: dict[str, float] | None = None,
    mix: list[MixEntry] | None = None,
) -> ModelResult:
    """Run ``scenario``; ``numbers`` overrides input values (used by the sensitivity runs)."""
    x = {**scenario.numbers(), **(numbers or {})}
    mix = scenario.regional_mix if mix is None else mix
    per_recruit = bonus_per_recruit(x["federal_bonus"], mix)
    gap_months = max(x["gap_months"], 1.0)
    outflow = (x["killed_per_month"] + x["badly_wounded_per_month"] + x["missing_per_month"]
               + x["discharged_per_month"])
    stock = x["initial_force"]
    steps: list[Step] = []
    for t in range(scenario.months):
        recruits = max(0.0, outflow + (x["target_force"] - stock) / gap_months)
        end = stock + recruits - outflow
        steps.append(Step(
            month=_month_label(scenario.start, t), stock_start=stock, recruits=recruits,
            killed=x["killed_per_month"], badly_wounded=x["badly_wounded_per_month"],
            missing=x["missing_per_month"], discharged=x["discharged_per_month"],
            stock_end=end, bonuses=recruits * per_recruit,
            salaries=(stock + end) / 2 * x["monthly_salary"],
            deaths=(x["killed_per_month"] + x["missing_per_month"] * x["missing_paid_share"])
            * x["death_payment"],
            injuries=x["badly_wounded_per_month"] * x["injury_payment"],
        ))
        stock = end
    return ModelResult(scenario.name, per_recruit, tuple(steps),
                       _years(steps, x["budget_per_year"]), _inputs(scenario, x))


def _years(steps: list[Step], budget: float) -> tuple[Year, ...]:
    years = []
    for i in range(0, len(steps), 12):
        block = steps[i:i + 12]
        years.append(Year(
            index=i // 12 + 1, first=block[0].month, last=block[-1].month, months=len(block),
            recruits=sum(s.recruits for s in block), outflow=sum(s.outflow for s in block),
            costs={c: sum(getattr(s, c) for s in block) for c in COSTS},
            budget=budget * len(block) / 12,
        ))
    return tuple(years)


def _inputs(scenario: Scenario, x: dict[str, float]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name, unit in INPUT_UNITS.items():
        given = getattr(scenario.inputs, name)
        out[name] = {"value": x[name], "unit": unit, "provenance": given.provenance(),
                     "assumption": given.assumption}
    for e in scenario.regional_mix:
        out[f"regional_bonus[{e.region}]"] = {
            "value": e.bonus.number, "unit": "RUB/recruit", "share": e.share.number,
            "provenance": e.bonus.provenance(), "assumption": e.bonus.assumption,
            "share_provenance": e.share.provenance(),
        }
    return out
