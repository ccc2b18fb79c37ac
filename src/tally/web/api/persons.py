"""``/api/persons`` and ``/api/sources``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from tally.publish.persons import MAX_PER_PAGE, PersonFilter, get_person, list_persons, list_sources
from tally.stats.filters import GRADES
from tally.web.api.models import PersonModel, PersonPageModel, SourceModel
from tally.web.context import WebContext
from tally.web.deps import context

router = APIRouter(prefix="/api", tags=["persons"])
GRADE_PATTERN = "^(" + "|".join(GRADES) + ")$"


@router.get("/persons", response_model=PersonPageModel)
def persons(
    ctx: Annotated[WebContext, Depends(context)],
    q: Annotated[str | None, Query(max_length=200, description="Names, any script")] = None,
    region: Annotated[str | None, Query(max_length=10)] = None,
    channel: Annotated[str | None, Query(max_length=20)] = None,
    grade: Annotated[str, Query(pattern=GRADE_PATTERN)] = "all",
    page: Annotated[int, Query(ge=1, le=10_000, description="Page number (slower when "
                               "deep; prefer `after`)")] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 50,
    after: Annotated[int | None, Query(ge=0, le=2**62, description="Persons with a lower "
                                       "id than this (the previous page's `next_after`)")
                     ] = None,
    count: Annotated[bool, Query(description="Count the matches (up to 1,000)")] = False,
) -> dict[str, Any]:
    with ctx.reader.connect() as conn:
        return list_persons(conn, PersonFilter(q, region, channel, grade), page,
                            per_page, after=after, count=count).to_dict()


@router.get("/persons/{person_id}", response_model=PersonModel,
            responses={404: {"description": "No such person"}})
def person(
    person_id: Annotated[int, Path(ge=1, le=2**62)],
    ctx: Annotated[WebContext, Depends(context)],
) -> dict[str, Any]:
    with ctx.reader.connect() as conn:
        found = get_person(conn, person_id)
    if found is None:
        raise HTTPException(404, "no such person")
    return found.to_dict()


@router.get("/sources", response_model=list[SourceModel])
def sources(ctx: Annotated[WebContext, Depends(context)]) -> list[dict[str, Any]]:
    with ctx.reader.connect() as conn:
        return [s.to_dict() for s in list_sources(conn)]
