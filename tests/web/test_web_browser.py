"""Pages in a real browser (Debian's chromium via Playwright): the numbers in every chart's
data match tally.stats, the map switch works with JavaScript, and reading works without."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from tally import stats
from tally.publish.dashboard import build
from tally.store import Store
from tally.web import create_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
DENOMINATORS = stats.Denominators({"RU-BU": 100_000, "RU-TY": 50_000}, "test denominators")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(sqlite_filled: Store) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(create_app(sqlite_filled, denominators=DENOMINATORS),
                            host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("/usr/bin/chromium is missing on CI (apt-get install chromium)")
        pytest.skip("/usr/bin/chromium is missing: apt-get install chromium to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield instance
        instance.close()


def _data(page: Any, name: str) -> Any:
    return json.loads(page.locator(f"#data-{name}").text_content())


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_dashboard_numbers_match_stats(
    browser: Any, server: str, sqlite_filled: Store, lang: str
) -> None:
    page = browser.new_page()
    page.goto(f"{server}/?lang={lang}")
    with sqlite_filled.engine.connect() as conn:
        expected = build(conn, DENOMINATORS).chart_data()
    for name in ("headline", "weekly", "age", "shares", "foreign", "regions", "rates"):
        assert _data(page, name) == expected[name], name
    assert page.locator("#n-confirmed").inner_text() == f"{expected['headline']['confirmed']:,}"
    assert page.locator("#map-tiles-count").is_visible()
    assert not page.locator("#map-tiles-rate").is_visible()
    page.locator("[data-map-switch=tiles] a[data-mode=rate]").click()
    assert page.locator("#map-tiles-rate").is_visible()
    assert not page.locator("#map-tiles-count").is_visible()
    assert "?map=" not in page.url  # switched in place by the script
    page.close()


def test_search_and_person_pages(browser: Any, server: str) -> None:
    page = browser.new_page()
    page.goto(f"{server}/search?lang=en")
    page.fill("input[name=q]", "IVANOV")
    page.click("button[type=submit]")
    page.locator("#results a").first.click()
    assert "Иванов Пётр Сергеевич" in page.locator("h1").inner_text()
    facts = _data(page, "person")
    assert facts["facts"]["region"] == "RU-BU"
    page.close()


def test_reading_works_without_javascript(browser: Any, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/?lang=en&map=rate")
    assert page.locator("#map-tiles-rate").is_visible()
    assert page.locator("#table-regions").count() == 1
    context.close()
