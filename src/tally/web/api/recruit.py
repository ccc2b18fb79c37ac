"""``/api/recruit/...``: the recruitment monitor's figures, as the pages show them.

Handlers only call :mod:`tally.recruit` (the same functions the pages under ``/recruit``
call) and return their ``to_dict`` output; the models in :mod:`.recruit_models` type it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

from tally.recruit.kinds import Kind
from tally.web.api.persons import GRADE_PATTERN
from tally.web.api.recruit_models import (
    BonusWageModel,
    ChannelsModel,
    DeathsIncomeModel,
    IndicatorPageModel,
    ScenarioRunModel,
)
from tally.web.context import WebContext
from tally.web.deps import context

router = APIRouter(prefix="/api/recruit", tags=["recruit"])
Context = Annotated[WebContext, Depends(context)]
MAX_LIMIT = 500
REGION_PATTERN = r"^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$"
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Grade = Annotated[str, Query(pattern=GRADE_PATTERN)]


def _page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {"items": [i.to_dict() for i in items[offset:offset + limit]],
            "total": len(items), "limit": limit, "offset": offset}


@router.get("/indicators", response_model=IndicatorPageModel)
def indicators(
    ctx: Context,
    kind: Kind | None = None,
    region: Annotated[str | None, Query(pattern=REGION_PATTERN,
                                        description="ISO 3166-2, e.g. RU-TA")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The registry, ordered by kind, place and date; conflicting figures are marked."""
    from tally.recruit.registry import list_indicators

    with ctx.store.engine.connect() as conn:
        items = list_indicators(conn, kind=kind.value if kind else None,
                                region=region.upper() if region else None)
    return _page(items, limit, offset)


@router.get("/indicators/conflicts", response_model=IndicatorPageModel)
def conflicts(ctx: Context, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Indicators contradicted by another source (same kind, place and date)."""
    from tally.recruit.registry import conflicts as find

    with ctx.store.engine.connect() as conn:
        items = find(conn)
    return _page(items, limit, offset)


@router.get("/bonus-wage", response_model=BonusWageModel)
def bonus_wage(ctx: Context) -> dict[str, Any]:
    """Sign-up bonus in years of the region's average wage, per region and date."""
    from tally.recruit.ratio import bonus_to_wage

    with ctx.store.engine.connect() as conn:
        return bonus_to_wage(conn).to_dict()


@router.get("/deaths-income", response_model=DeathsIncomeModel)
def deaths_income(ctx: Context, grade: Grade = "all") -> dict[str, Any]:
    """Deaths per capita by region against mean income, with Pearson and Spearman."""
    from tally.recruit.correlation import deaths_vs_income

    with ctx.store.engine.connect() as conn:
        return deaths_vs_income(conn, grade=grade).to_dict()


@router.get("/channels", response_model=ChannelsModel)
def channels(ctx: Context, grade: Grade = "all") -> dict[str, Any]:
    """Channel mix by month of death around the federal bonus increase; foreign nationals."""
    from tally.recruit.channels import channel_mix, foreign_nationals

    with ctx.store.engine.connect() as conn:
        mix = channel_mix(conn, grade=grade)
        foreign = foreign_nationals(conn, grade=grade)
    return {"mix": mix.to_dict(), "foreign_nationals": [f.to_dict() for f in foreign]}


@router.get("/model", response_model=ScenarioRunModel, response_model_exclude_unset=True)
def model(
    metric: Literal["yearly_cost", "budget_share"] = "yearly_cost",
    pct: Annotated[float, Query(gt=0, lt=100, description="± percent per input")] = 10.0,
) -> dict[str, Any]:
    """The shipped default scenario: yearly cost, budget share, variants, and the inputs
    ranked by how much ±``pct`` moves ``metric`` (a tornado, largest swing first)."""
    from tally.recruit.flows import simulate
    from tally.recruit.sensitivity import sensitivity
    from tally.web.recruit.routes import default_scenario

    base = default_scenario()
    return {
        "result": simulate(base).to_dict(),
        "variants": {v: simulate(base.variant(v)).to_dict() for v in base.variants},
        "sensitivity": sensitivity(base, pct=pct, metric=metric).to_dict(),
    }
