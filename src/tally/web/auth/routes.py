"""Log in and log out."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tally.auth import login as login_service
from tally.auth import ratelimit, sessions
from tally.web.auth.config import AuthSettings
from tally.web.auth.deps import Viewer, auth_settings
from tally.web.context import WebContext
from tally.web.deps import context
from tally.web.review.rendering import page

router = APIRouter(include_in_schema=False)
LOGIN_CSRF = "tally_login_csrf"


def _safe_next(value: str | None) -> str:
    """Only local paths: never redirect to another site after login."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/review/queue"


def _login_page(request: Request, settings: AuthSettings, error: str | None = None,
                status: int = 200, next_url: str = "") -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    response = page(request, "login.html", status=status, error=error, csrf=token,
                    next_url=_safe_next(next_url))
    response.set_cookie(LOGIN_CSRF, token, httponly=True, samesite="lax",
                    secure=settings.cookie_secure, path="/login")
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, settings: Annotated[AuthSettings, Depends(auth_settings)],
               next: str = "") -> HTMLResponse:
    return _login_page(request, settings, next_url=next)


@router.post("/login")
def login_submit(
    request: Request,
    settings: Annotated[AuthSettings, Depends(auth_settings)],
    ctx: Annotated[WebContext, Depends(context)],
    username: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1000)],
    csrf: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    expected = request.cookies.get(LOGIN_CSRF)
    if not expected or not secrets.compare_digest(expected, csrf):
        return _login_page(request, settings, "the form expired; try again", 403, next)
    limits = ratelimit.Limits(settings.login_max_per_account, settings.login_max_per_ip,
                              timedelta(minutes=settings.login_window_minutes))
    ip = request.client.host if request.client else "unknown"
    with ctx.store.engine.begin() as conn:
        result = login_service.login(conn, username, password, ip, limits)
    if result.token is None:
        status = 429 if "too many" in (result.error or "") else 401
        return _login_page(request, settings, result.error, status, next)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(settings.cookie_name, result.token, httponly=True, samesite="lax",
                        secure=settings.cookie_secure, max_age=int(
                            sessions.LIFETIME.total_seconds()), path="/")
    response.delete_cookie(LOGIN_CSRF, path="/login")
    return response


@router.post("/logout")
def logout(
    request: Request,
    session: Viewer,
    settings: Annotated[AuthSettings, Depends(auth_settings)],
    ctx: Annotated[WebContext, Depends(context)],
    csrf: Annotated[str, Form()] = "",
) -> Response:
    token = request.cookies.get(settings.cookie_name)
    if session is None or token is None:
        return RedirectResponse("/", status_code=303)
    if not sessions.csrf_ok(session, csrf):
        raise HTTPException(403, "the form expired or did not come from this site")
    with ctx.store.engine.begin() as conn:
        sessions.revoke(conn, token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(settings.cookie_name, path="/")
    return response
