"""Login, logout and the permission dependencies for the web app."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from tally.web.auth.config import AuthSettings
from tally.web.auth.deps import LoginRequired
from tally.web.auth.routes import router


async def _to_login(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)
    from urllib.parse import quote

    return RedirectResponse(f"/login?next={quote(exc.next_url, safe='')}", status_code=303)


def install(app: FastAPI, settings: AuthSettings | None = None) -> None:
    app.state.auth_settings = settings or AuthSettings()
    app.include_router(router)
    app.add_exception_handler(LoginRequired, _to_login)
