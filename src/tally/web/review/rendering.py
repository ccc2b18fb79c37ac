"""Templates of the review workspace and login: ours first, then the app's base layout."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader

from tally.web.i18n import pick
from tally.web.rendering import render
from tally.web.review.locales import ReviewTranslator


def environment() -> Environment:
    return Environment(
        loader=ChoiceLoader([PackageLoader("tally.web.review"), PackageLoader("tally.web.auth"),
                             PackageLoader("tally.web"), PackageLoader("tally.publish")]),
        autoescape=True,
    )


def page(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    env: Environment = request.app.state.review_templates
    lang = pick(request.query_params.get("lang"))
    response = render(request, env, name, status=status, t=ReviewTranslator(lang), **values)
    response.headers["Cache-Control"] = "no-store"
    return response
