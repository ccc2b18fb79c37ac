"""Model inputs drawn from the store: from the registry (a monthly rate from two cumulative
figures) or from Tally's own named count (``from_counts``).

``killed_per_month: {from_indicators: {kind: death_estimate, citation: "Meduza weekly",
from: 2024-12-31, to: 2025-12-31}}`` becomes ``(central at 'to' − central at 'from') /
months between``, with both indicators named as its source.
"""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from tally.model import PartialDate
from tally.recruit.registry import Indicator, list_indicators
from tally.recruit.scenario import FromCounts, FromIndicators, Input, Scenario, ScenarioError
from tally.store.schema import persons


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


def _months(start: str, end: str) -> int:
    try:
        a, b = PartialDate.parse(start), PartialDate.parse(end)
    except ValueError as exc:
        raise ScenarioError(f"from_counts: {exc}") from exc
    if a.month is None or b.month is None:
        raise ScenarioError("from_counts: give `from` and `to` as YYYY-MM")
    months = (b.year - a.year) * 12 + (b.month - a.month)
    if months <= 0:
        raise ScenarioError("from_counts: `to` must be after `from`")
    return months


def named_rate(conn: Connection, spec: FromCounts) -> Input:
    """Persons named in the store with a month of death in [from, to), per month."""
    months = _months(spec.start, spec.end)
    month = func.substr(persons.c.death_date, 1, 7)
    query = select(func.count()).select_from(persons).where(
        persons.c.merged_into.is_(None),
        func.length(persons.c.death_date) >= 7,
        month >= spec.start[:7],
        month < spec.end[:7],
    )
    if spec.grade != "all":
        query = query.where(persons.c.grade == spec.grade)
    n = int(conn.execute(query).scalar_one())
    source = (
        f"Tally's named count: {n} persons ({spec.grade}) with a month of death from "
        f"{spec.start[:7]} to before {spec.end[:7]}, over {months} months"
    )
    if not spec.scale_by_estimate:
        return Input(value=n / months, source=source + " — a floor: the named list misses "
                     "deaths (see the estimates page)")
    ratio, how = _estimate_ratio(conn)
    return Input(value=n / months * ratio, source=f"{source}, times {ratio:.3f} = {how}")


def _estimate_ratio(conn: Connection) -> tuple[float, str]:
    """N̂ / n from the default estimate over the store's sources, and how it was made."""
    from tally.estimate import estimate
    from tally.estimate.from_store import tables_from

    try:
        table = tables_from(conn)[""]
        result = estimate(table, method="loglinear", criterion="bic")
    except ValueError as exc:
        raise ScenarioError(f"from_counts: scale_by_estimate: {exc}") from exc
    ratio = result.N / result.n_observed
    how = (
        f"estimated total {result.N:,.0f} ({result.level:.0%} interval {result.lower:,.0f}–"
        f"{result.upper:,.0f}) / named {result.n_observed:,} ({result.method}, "
        f"{result.model}; the interval is not carried into this input)"
    )
    return ratio, how


def resolve(scenario: Scenario, conn: Connection | None) -> Scenario:
    """The scenario with every drawn input (registry or named count) replaced by its value."""
    update: dict[str, Input] = {}
    for name, given in scenario.inputs:
        if not isinstance(given, Input):
            continue
        if given.from_indicators is None and given.from_counts is None:
            continue
        if conn is None:
            raise ScenarioError(f"{name} is drawn from the store: open a store")
        if given.from_indicators is not None:
            update[name] = monthly_rate(conn, given.from_indicators)
        elif given.from_counts is not None:
            update[name] = named_rate(conn, given.from_counts)
    if not update:
        return scenario
    return scenario.model_copy(update={"inputs": scenario.inputs.model_copy(update=update)})


def needs_store(scenario: Scenario) -> bool:
    return any(isinstance(v, Input)
               and (v.from_indicators is not None or v.from_counts is not None)
               for _, v in scenario.inputs)
