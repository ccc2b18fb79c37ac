"""The review workspace: the queue of uncertain pairs, the editor's person page, actions.

Handlers parse input, ask the policy (through dependencies) and call the library
(:mod:`tally.verify.workspace`, :mod:`tally.verify.decisions`); they hold no SQL and no role
checks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, cast

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection

from tally.auth.policy import Action, can
from tally.auth.sessions import Session
from tally.model import PERSON_FIELDS
from tally.verify import decisions, workspace
from tally.verify.queue import QueuePair, pending_pairs
from tally.verify.rules import Rules
from tally.web.auth.deps import require, require_form, role_of
from tally.web.context import WebContext
from tally.web.deps import context
from tally.web.review.rendering import page

router = APIRouter(include_in_schema=False)
QueueSource = Callable[[Connection, int], list[QueuePair]]
QUEUE_WINDOW = 200
PersonId = Annotated[int, Path(ge=1, le=2**62)]
MentionId = Annotated[int, Form(ge=1, le=2**62)]


def _queue(request: Request) -> QueueSource:
    return cast(QueueSource, getattr(request.app.state, "review_queue", pending_pairs))


def _rules(request: Request) -> Rules | None:
    return cast(Rules | None, getattr(request.app.state, "grade_rules", None))


def _may(session: Session | None) -> dict[str, bool]:
    role = role_of(session)
    return {a.value: can(role, a) for a in Action}


@router.get("/review/queue", response_class=HTMLResponse)
def queue_page(
    request: Request,
    ctx: Annotated[WebContext, Depends(context)],
    session: Annotated[Session | None, Depends(require(Action.VIEW_INTERNAL))],
    i: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> HTMLResponse:
    may = _may(session)
    with ctx.store.engine.connect() as conn:
        pairs = _queue(request)(conn, QUEUE_WINDOW)
        i = min(i, max(len(pairs) - 1, 0))
        view = None
        if pairs:
            p = pairs[i]
            view = workspace.pair_view(conn, p.mention_a, p.mention_b, p.probability,
                                       redacted=not may["view_unredacted"])
    return page(request, "queue.html", view=view, i=i, n=len(pairs), may=may,
                session=session)


@router.post("/review/pairs")
def decide_pair(
    request: Request,
    ctx: Annotated[WebContext, Depends(context)],
    session: Annotated[Session, Depends(require_form(Action.DECIDE_PAIR))],
    a: MentionId,
    b: MentionId,
    kind: Annotated[str, Form(pattern="^(same|different|unsure)$")],
    i: Annotated[int, Form(ge=0, le=10_000)] = 0,
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    with ctx.store.engine.begin() as conn:
        try:
            decisions.record(conn, kind, session.user.username, mention_a=a, mention_b=b,
                             reason=reason, rules=_rules(request))
        except decisions.DecisionError as exc:
            raise HTTPException(400, str(exc)) from exc
    return RedirectResponse(f"/review/queue?i={i}&lang={_lang(request)}", status_code=303)


@router.get("/review/persons/{person_id}", response_class=HTMLResponse)
def person_page(
    request: Request,
    person_id: PersonId,
    ctx: Annotated[WebContext, Depends(context)],
    session: Annotated[Session | None, Depends(require(Action.VIEW_INTERNAL))],
) -> HTMLResponse:
    may = _may(session)
    with ctx.store.engine.connect() as conn:
        view = workspace.person_view(conn, person_id, redacted=not may["view_unredacted"])
    if view is None:
        raise HTTPException(404, "no such person")
    return page(request, "person_review.html", p=view, may=may, session=session,
                facts=PERSON_FIELDS)


def _person_action(request: Request, ctx: WebContext, person_id: int, session: Session,
                   kind: str, **fields: str | None) -> Response:
    with ctx.store.engine.begin() as conn:
        try:
            decisions.record(conn, kind, session.user.username, person_id=person_id,
                             rules=_rules(request), **fields)  # type: ignore[arg-type]
        except decisions.DecisionError as exc:
            raise HTTPException(400, str(exc)) from exc
    return RedirectResponse(f"/review/persons/{person_id}?lang={_lang(request)}",
                            status_code=303)


@router.post("/review/persons/{person_id}/confirm")
def confirm(
    request: Request, person_id: PersonId, ctx: Annotated[WebContext, Depends(context)],
    session: Annotated[Session, Depends(require_form(Action.CONFIRM))],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    return _person_action(request, ctx, person_id, session, "confirm", reason=reason)


@router.post("/review/persons/{person_id}/discount")
def discount(
    request: Request, person_id: PersonId, ctx: Annotated[WebContext, Depends(context)],
    session: Annotated[Session, Depends(require_form(Action.DISCOUNT))],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    return _person_action(request, ctx, person_id, session, "discount", reason=reason)


@router.post("/review/persons/{person_id}/correct")
def correct(
    request: Request, person_id: PersonId, ctx: Annotated[WebContext, Depends(context)],
    session: Annotated[Session, Depends(require_form(Action.CORRECT))],
    prop: Annotated[str, Form(max_length=40)],
    value: Annotated[str, Form(max_length=200)],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    return _person_action(request, ctx, person_id, session, "correct", prop=prop,
                          value=value, reason=reason)


@router.get("/methodology", response_class=HTMLResponse)
def methodology(
    request: Request,
    session: Annotated[Session | None, Depends(require(Action.VIEW_PUBLIC))],
) -> HTMLResponse:
    from tally.verify.rules import load_rules

    rules = _rules(request) or load_rules()
    return page(request, "methodology.html", rules=rules, session=session,
                may=_may(session))


def _lang(request: Request) -> str:
    from tally.web.i18n import pick

    return pick(request.query_params.get("lang"))
