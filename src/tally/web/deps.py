"""Request dependencies: the app's context and template environment."""

from __future__ import annotations

from typing import cast

from fastapi import Request
from jinja2 import Environment

from tally.web.context import WebContext


def context(request: Request) -> WebContext:
    return cast(WebContext, request.app.state.tally)


def templates(request: Request) -> Environment:
    return cast(Environment, request.app.state.templates)
