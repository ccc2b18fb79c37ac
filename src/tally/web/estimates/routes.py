"""The estimates page: the named count beside the estimate, its interval, method and
assumptions. The handler only asks the service for :mod:`tally.estimate.panel`'s figures."""

from __future__ import annotations

import math
from functools import cache
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader

from tally.web.context import WebContext
from tally.web.deps import context
from tally.web.estimates.locales import EstimatesTranslator, number
from tally.web.estimates.service import EstimatesService, service
from tally.web.i18n import pick
from tally.web.rendering import render

router = APIRouter(include_in_schema=False)


@cache
def _env() -> Environment:
    return Environment(
        loader=ChoiceLoader([PackageLoader("tally.web.estimates"), PackageLoader("tally.web"),
                             PackageLoader("tally.publish")]),
        autoescape=True,
    )


def _bound(value: float) -> str:
    return "∞" if math.isinf(value) else number(value)


@router.get("/estimates", response_class=HTMLResponse)
def estimates_page(
    request: Request,
    ctx: Annotated[WebContext, Depends(context)],
    svc: Annotated[EstimatesService, Depends(service)],
) -> HTMLResponse:
    panel = svc.panel(ctx.version())
    t = EstimatesTranslator(pick(request.query_params.get("lang")))
    response = render(
        request, _env(), "estimates.html", t=t, panel=panel, data=panel.to_dict(),
        num=number, bound=_bound, level=f"{svc.settings.level:.0%}",
        terms=t.value([" × ".join(term) for term in panel.interactions]),
    )
    if panel.second_status == "pending":
        response.headers["Cache-Control"] = "no-store"
    return response
