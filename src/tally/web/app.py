"""The app factory. Routers come from small modules, one per page group; the reviewer
workspace and login add theirs the same way (``tally.web.review``, ``tally.web.auth``)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from tally.stats import Denominators
from tally.store import Store
from tally.web import estimates, recruit
from tally.web.api import persons as api_persons
from tally.web.api import recruit as api_recruit
from tally.web.api import stats as api_stats
from tally.web.context import WebContext
from tally.web.figures import Warmer
from tally.web.pages import dashboard, documents, persons, search
from tally.web.rendering import environment

ROUTERS = (dashboard.router, search.router, persons.router, documents.router,
           api_persons.router, api_stats.router, api_recruit.router, recruit.router,
           estimates.router)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
    return HTMLResponse(f"<!doctype html><title>{exc.status_code}</title>"
                        f"<h1>{exc.status_code}</h1>", status_code=exc.status_code)


def _lifespan(warm_every: float | None) -> Callable[[FastAPI], Any]:
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        ctx: WebContext = app.state.tally
        warmer = Warmer(ctx.figures.get, warm_every) if warm_every else None
        if warmer is not None:
            warmer.start()
        try:
            yield
        finally:
            if warmer is not None:
                warmer.stop()
            ctx.close()

    return lifespan


def create_app(
    store: Store,
    *,
    denominators: Denominators | None = None,
    geojson: Path | None = None,
    warm_every: float | None = None,
) -> FastAPI:
    """A new app over ``store``. ``denominators`` default to the gazetteer's shipped ones;
    ``geojson`` adds a choropleth map of the regions in that file. With ``warm_every``
    (seconds), a background thread recomputes the dashboard's figures that often when the
    data changed, so visitors do not wait for them (``tally serve`` turns this on)."""
    app = FastAPI(
        lifespan=_lifespan(warm_every),
        title="Tally public API",
        description="Read-only access to named persons and the counts made from them.",
        version="1",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the Swagger UI loads scripts from a CDN: not served
        redoc_url=None,
    )
    if denominators is None:
        denominators = Denominators.shipped()
    app.state.tally = WebContext(store, denominators, geojson)
    app.state.templates = environment()
    app.mount("/static", StaticFiles(directory=str(files("tally.web").joinpath("static"))),
              name="static")
    for router in ROUTERS:
        app.include_router(router)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    from tally.web import auth, review  # login and the reviewer workspace

    auth.install(app)
    review.install(app)
    return app
