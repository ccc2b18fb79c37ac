"""Archived documents, served as inert plain text (never as HTML)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path
from fastapi.responses import Response

from tally.publish.persons import document_bytes
from tally.web.context import WebContext
from tally.web.deps import context

router = APIRouter(include_in_schema=False)

DOCUMENT_HEADERS = {
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": "inline",
    "Referrer-Policy": "no-referrer",
}


@router.get("/documents/{sha256}")
def document(
    sha256: Annotated[str, Path(pattern="^[0-9a-f]{64}$")],
    ctx: Annotated[WebContext, Depends(context)],
) -> Response:
    with ctx.reader.connect() as conn:
        data = document_bytes(conn, ctx.store.objects, sha256)
    if data is None:
        raise HTTPException(404, "no such document")
    return Response(data, media_type="text/plain; charset=utf-8", headers=DOCUMENT_HEADERS)
