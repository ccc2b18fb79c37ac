"""The reviewer workspace (queue, editor's person page, actions) and the methodology page."""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from tally.verify.rules import Rules
from tally.web.review.rendering import environment
from tally.web.review.routes import QueueSource, router


def install(app: FastAPI, *, rules: Rules | None = None,
            queue: QueueSource | None = None) -> None:
    """Add the workspace to ``app``. ``queue`` replaces the default review queue source
    (:func:`tally.verify.queue.pending_pairs`), e.g. with the linker's own."""
    app.state.review_templates = environment()
    app.state.grade_rules = rules
    if queue is not None:
        app.state.review_queue = queue
    app.mount("/review/static", StaticFiles(
        directory=str(files("tally.web.review").joinpath("static"))), name="review-static")
    app.include_router(router)
