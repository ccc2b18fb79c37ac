"""FastAPI dependencies over :mod:`tally.auth.policy`: who is asking, may they, is the form
theirs (CSRF). Route handlers declare an action; they never look at roles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, cast

from fastapi import Depends, Form, HTTPException, Request

from tally.auth import sessions
from tally.auth.policy import Action, Role, can
from tally.web.auth.config import AuthSettings
from tally.web.deps import context


class LoginRequired(Exception):
    """Raised for a page that needs a login when nobody is logged in (-> redirect)."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


def auth_settings(request: Request) -> AuthSettings:
    return cast(AuthSettings, request.app.state.auth_settings)


def current_session(request: Request) -> sessions.Session | None:
    cached = getattr(request.state, "tally_session", False)
    if cached is not False:
        return cast(sessions.Session | None, cached)
    token = request.cookies.get(auth_settings(request).cookie_name)
    found = None
    if token:
        with context(request).store.engine.connect() as conn:
            found = sessions.lookup(conn, token)
    request.state.tally_session = found
    return found


def role_of(session: sessions.Session | None) -> Role | None:
    return session.user.role if session is not None else None


Viewer = Annotated[sessions.Session | None, Depends(current_session)]


def require(action: Action) -> Callable[..., sessions.Session | None]:
    """A dependency that lets the request through only when the policy allows ``action``."""

    def check(request: Request, session: Viewer) -> sessions.Session | None:
        if can(role_of(session), action):
            return session
        if session is None:
            if request.method == "GET":
                raise LoginRequired(str(request.url.path) + (
                    f"?{request.url.query}" if request.url.query else ""))
            raise HTTPException(401, "log in first")
        raise HTTPException(403, "your role may not do this")

    return check


def require_form(action: Action) -> Callable[..., sessions.Session]:
    """For POST forms: the policy allows ``action`` and the CSRF token is the session's."""
    allowed = require(action)

    def check(request: Request, session: Viewer,
              csrf: Annotated[str, Form()] = "") -> sessions.Session:
        allowed(request, session)
        if session is None or not sessions.csrf_ok(session, csrf):
            raise HTTPException(403, "the form expired or did not come from this site")
        return session

    return check
