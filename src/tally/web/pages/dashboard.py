"""The dashboard: headline counts, charts, maps (each with its table and JSON data).

Rendered once per data version, language and map mode, then served from memory with an
``ETag`` (a revalidation is answered ``304 Not Modified``) and ``Cache-Control``."""

from __future__ import annotations

import hashlib
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment

from tally.publish import charts
from tally.web.context import WebContext
from tally.web.deps import context, templates
from tally.web.i18n import pick, region_names
from tally.web.rendering import SECURITY_HEADERS, render

router = APIRouter(include_in_schema=False)
#: Browsers and proxies may reuse the page for a minute, then revalidate with its ETag
#: (a 304 costs the server one data-version lookup).
CACHE_HEADERS = {"Cache-Control": "public, max-age=60", "Vary": "Accept-Encoding"}


def _etag(key: tuple[object, ...]) -> str:
    return '"' + hashlib.sha256(repr(key).encode()).hexdigest()[:32] + '"'


def _cached(body: bytes, etag: str) -> HTMLResponse:
    return HTMLResponse(body, headers={**SECURITY_HEADERS, **CACHE_HEADERS, "ETag": etag})


@router.get("/", response_class=HTMLResponse)
def dashboard_page(
    request: Request,
    ctx: Annotated[WebContext, Depends(context)],
    env: Annotated[Environment, Depends(templates)],
    map_mode: Annotated[Literal["count", "rate"], Query(alias="map")] = "count",
) -> Response:
    from tally.gazetteer import tile_grid

    lang = pick(request.query_params.get("lang"))
    version = ctx.version()
    key = ("dashboard", version, lang, map_mode, request.url.query)
    etag = _etag(key)
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers={**CACHE_HEADERS, "ETag": etag})
    body = ctx.cached_page(key)
    if body is not None:
        return _cached(body, etag)
    dash = ctx.dashboard(version)
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
    return _cached(bytes(page.body), etag)
