"""The dashboard: headline counts, charts, maps (each with its table and JSON data)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment

from tally.publish import charts
from tally.web.context import WebContext
from tally.web.deps import context, templates
from tally.web.i18n import pick, region_names
from tally.web.rendering import SECURITY_HEADERS, render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def dashboard_page(
    request: Request,
    ctx: Annotated[WebContext, Depends(context)],
    env: Annotated[Environment, Depends(templates)],
    map_mode: Annotated[Literal["count", "rate"], Query(alias="map")] = "count",
) -> HTMLResponse:
    from tally.gazetteer import tile_grid

    lang = pick(request.query_params.get("lang"))
    key = ("dashboard", ctx.version(), lang, map_mode, request.url.query)
    body = ctx.cached_page(key)
    if body is not None:
        return HTMLResponse(body, headers=SECURITY_HEADERS)
    dash = ctx.dashboard()
    names = region_names(lang)
    values = {"count": dash.map_values("count"), "rate": dash.map_values("rate")}
    tiles = {mode: charts.tile_map(tile_grid(), values[mode], names) for mode in values}
    vmax = {mode: max((v for v in vals.values() if v is not None), default=0.0)
            for mode, vals in values.items()}
    page = render(
        request, env, "dashboard.html", dash=dash, data=dash.chart_data(), tiles=tiles,
        map_mode=map_mode, legend=charts.legend(vmax[map_mode]), geo=ctx.shapes(),
        map_values=values,
        css_count=lambda v: charts.scale_class(v, vmax["count"]),
        css_rate=lambda v: charts.scale_class(v, vmax["rate"]),
    )
    ctx.keep_page(key, bytes(page.body))
    return page
