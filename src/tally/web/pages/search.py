"""Search names in any script and case, with region, channel and grade filters."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment

from tally.publish.persons import PersonFilter, list_persons
from tally.stats.filters import GRADES
from tally.stats.oneway import KNOWN_CHANNELS
from tally.web.context import WebContext
from tally.web.deps import context, templates
from tally.web.i18n import pick, region_names
from tally.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    ctx: Annotated[WebContext, Depends(context)],
    env: Annotated[Environment, Depends(templates)],
    q: Annotated[str | None, Query(max_length=200)] = None,
    region: Annotated[str | None, Query(max_length=10)] = None,
    channel: Annotated[str | None, Query(max_length=20)] = None,
    grade: Annotated[str, Query(pattern="^(" + "|".join(GRADES) + ")$")] = "all",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    after: Annotated[int | None, Query(ge=0, le=2**62)] = None,
) -> HTMLResponse:
    flt = PersonFilter(q or None, region or None, channel or None, grade)
    with ctx.reader.connect() as conn:
        result = list_persons(conn, flt, page, after=after)
    names = region_names(pick(request.query_params.get("lang")))
    query = {k: v for k, v in request.query_params.items() if k not in ("page", "after")}

    def page_url(cursor: int | None) -> str:
        """The next page (after ``cursor``) or, with None, the first page."""
        extra = {} if cursor is None else {"after": cursor}
        return f"/search?{urlencode({**query, **extra})}"

    return render(
        request, env, "search.html", result=result, q=q, region=region, channel=channel,
        grade=grade, grades=GRADES, channels=[*KNOWN_CHANNELS, "unknown"],
        region_options=sorted(names.items(), key=lambda kv: kv[1]), page_url=page_url,
        after=after,
    )
