"""Public person pages and the sources list."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment

from tally.publish.persons import get_person, list_sources
from tally.web.context import WebContext
from tally.web.deps import context, templates
from tally.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/persons/{person_id}", response_class=HTMLResponse)
def person_page(
    person_id: Annotated[int, Path(ge=1, le=2**62)],
    request: Request,
    ctx: Annotated[WebContext, Depends(context)],
    env: Annotated[Environment, Depends(templates)],
) -> HTMLResponse:
    with ctx.reader.connect() as conn:
        person = get_person(conn, person_id)
    if person is None:
        raise HTTPException(404, "no such person")
    return render(request, env, "person.html", person=person, person_data=person.to_dict())


@router.get("/sources", response_class=HTMLResponse)
def sources_page(
    request: Request,
    ctx: Annotated[WebContext, Depends(context)],
    env: Annotated[Environment, Depends(templates)],
) -> HTMLResponse:
    with ctx.reader.connect() as conn:
        sources = list_sources(conn)
    return render(request, env, "sources.html", sources=sources)
