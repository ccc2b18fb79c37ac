"""Model inputs drawn from the registry: a monthly rate from two cumulative figures.

``killed_per_month: {from_indicators: {kind: death_estimate, citation: "Meduza weekly",
from: 2024-12-31, to: 2025-12-31}}`` becomes ``(central at 'to' − central at 'from') /
months between``, with both indicators named as its source.
"""

from __future__ import annotations

from sqlalchemy import Connection

from tally.model import PartialDate
from tally.recruit.registry import Indicator, list_indicators
from tally.recruit.scenario import FromIndicators, Input, Scenario, ScenarioError


def _pick(items: list[Indicator], spec: FromIndicators, when: str) -> Indicator:
    found = [i for i in items if i.claim_date == when
             and spec.citation.lower() in (i.citation or "").lower() and i.central is not None]
    if len(found) != 1:
        raise ScenarioError(
            f"from_indicators: expected one {spec.kind} indicator citing {spec.citation!r} "
            f"dated {when}, found {len(found)}"
        )
    return found[0]


def monthly_rate(conn: Connection, spec: FromIndicators) -> Input:
    items = list_indicators(conn, kind=spec.kind)
    a, b = _pick(items, spec, spec.start), _pick(items, spec, spec.end)
    start, end = PartialDate.parse(spec.start).earliest(), PartialDate.parse(spec.end).earliest()
    months = (end - start).days / (365.25 / 12)
    if months <= 0:
        raise ScenarioError("from_indicators: `to` must be after `from`")
    assert a.central is not None and b.central is not None
    rate = (b.central - a.central) / months
    if rate < 0:
        raise ScenarioError("from_indicators: the later figure is smaller; not a cumulative series")
    cited = "; ".join(f"indicator #{i.id} {i.citation} ({i.source_url})" for i in (a, b))
    return Input(value=rate, source=f"Tally registry, ({b.central:g} − {a.central:g}) / "
                                     f"{months:.1f} months: {cited}")


def resolve(scenario: Scenario, conn: Connection | None) -> Scenario:
    """The scenario with every ``from_indicators`` input replaced by its drawn value."""
    update: dict[str, Input] = {}
    for name, given in scenario.inputs:
        if isinstance(given, Input) and given.from_indicators is not None:
            if conn is None:
                raise ScenarioError(f"{name} is drawn from the registry: open a store")
            update[name] = monthly_rate(conn, given.from_indicators)
    if not update:
        return scenario
    return scenario.model_copy(update={"inputs": scenario.inputs.model_copy(update=update)})


def needs_store(scenario: Scenario) -> bool:
    return any(isinstance(v, Input) and v.from_indicators is not None
               for _, v in scenario.inputs)
