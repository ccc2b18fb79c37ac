"""Render-check of the recruitment pages in headless Chromium (Playwright)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tally.store import Store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
pytestmark = pytest.mark.browser


@pytest.fixture
def server(store: Store) -> Iterator[str]:
    if not CHROMIUM.exists() and os.environ.get("CI") != "true":
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium to run browser checks")
    pytest.importorskip("playwright")
    import uvicorn

    from tally.web import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "the test server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def test_model_page_renders_and_form_recalculates(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("response", lambda r: errors.append(f"{r.status} {r.url}")
                if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{server}/recruit/model")
        before = page.inner_text("#headline-cost")
        assert page.locator("#chart-tornado rect").count() >= 10
        page.fill("#in-monthly_salary", "400000")
        page.click("button[type=submit]")
        page.wait_for_load_state()
        after = page.inner_text("#headline-cost")
        assert before != after and "bn RUB" in after
        # a slider mirrors its field; releasing it recalculates the page
        slider = page.locator('input.slider[data-for="in-monthly_salary"]')
        top = float(slider.get_attribute("max") or 0)
        with page.expect_navigation():
            slider.evaluate(
                "s => { s.value = s.max; s.dispatchEvent(new Event('input'));"
                " s.dispatchEvent(new Event('change')); }"
            )
        assert float(page.input_value("#in-monthly_salary")) == top
        assert page.inner_text("#headline-cost") not in (before, after)
        page.screenshot(path=str(tmp_path / "model.png"), full_page=True)
        for path in ("/recruit/indicators", "/recruit/bonus-wage", "/recruit/deaths-income",
                     "/recruit/channels", "/recruit/named"):
            response = page.goto(f"{server}{path}")
            assert response is not None and response.status == 200
            assert page.locator("h1").count() == 1
        browser.close()
    assert errors == []
