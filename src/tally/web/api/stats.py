"""``/api/stats/...``: every figure of :mod:`tally.stats`, with what it counts and as of."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query

from tally import stats
from tally.stats.regions import region_codes
from tally.web.api.models import CrossTabModel, HeadlineModel, RateTableModel, TallyModel
from tally.web.api.persons import GRADE_PATTERN
from tally.web.context import WebContext
from tally.web.deps import context

router = APIRouter(prefix="/api/stats", tags=["stats"])

OneWay = Literal["region", "channel", "age", "citizenship", "officer", "day", "week", "month"]
Cross = Literal["region-channel", "month-channel", "week-channel"]


def stats_filter(
    grade: Annotated[str, Query(pattern=GRADE_PATTERN)] = "confirmed",
    date_from: date | None = None,
    date_to: date | None = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
) -> stats.StatsFilter:
    try:
        return stats.StatsFilter(grade, date_from, date_to, source)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc


Filter = Annotated[stats.StatsFilter, Depends(stats_filter)]
Context = Annotated[WebContext, Depends(context)]
BAD_FILTER: dict[int | str, dict[str, Any]] = {422: {"description": "Bad filter"}}


@router.get("/headline", response_model=HeadlineModel)
def headline(ctx: Context) -> dict[str, Any]:
    return ctx.dashboard().headline.to_dict()


@router.get("/region/per-capita", response_model=RateTableModel,
            responses={**BAD_FILTER, 404: {"description": "No denominators configured"}})
def per_capita(ctx: Context, flt: Filter) -> dict[str, Any]:
    if ctx.denominators is None:
        raise HTTPException(404, "this server has no denominators")
    with ctx.reader.connect() as conn:
        tally = stats.by_region(conn, flt, region_codes())
    return stats.per_capita(tally, ctx.denominators).to_dict()


@router.get("/crosstab/{kind}", response_model=CrossTabModel, responses=BAD_FILTER)
def crosstab(kind: Cross, ctx: Context, flt: Filter) -> dict[str, Any]:
    with ctx.reader.connect() as conn:
        if kind == "region-channel":
            return stats.by_region_channel(conn, flt).to_dict()
        if kind == "month-channel":
            return stats.by_month_channel(conn, flt).to_dict()
        return stats.by_date_channel(conn, flt, "week").to_dict()


@router.get("/{kind}", response_model=TallyModel, responses=BAD_FILTER)
def oneway(kind: OneWay, ctx: Context, flt: Filter) -> dict[str, Any]:
    with ctx.reader.connect() as conn:
        if kind == "region":
            return stats.by_region(conn, flt, region_codes()).to_dict()
        if kind in ("day", "week", "month"):
            return stats.by_death_date(conn, flt, kind).to_dict()
        simple = {"channel": stats.by_channel, "age": stats.by_age,
                  "citizenship": stats.by_citizenship, "officer": stats.officers}
        return simple[kind](conn, flt).to_dict()
