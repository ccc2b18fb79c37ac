"""The review workspace in headless Chromium: keyboard review, confirm, roles, no XSS.

Needs Debian's chromium at /usr/bin/chromium (skipped with a message when absent, failed
under CI). Screenshots of the queue and the person page go to $TALLY_SCREENSHOTS (docs/screenshots/
when refreshing the docs; a temporary folder otherwise).
"""

from __future__ import annotations

import json
import os
import re
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update

from tally.auth import users
from tally.auth.policy import Role
from tally.ingest.postimport import import_posts
from tally.store import Store
from tally.store.schema import decisions, mentions, person_mentions, persons
from tally.verify.grade import grade_all
from tally.web import create_app
from tally.web.auth.config import AuthSettings

from ..verify.conftest import Seeder

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
# screenshots go to a temporary folder; set TALLY_SCREENSHOTS=docs/screenshots to refresh the docs
SHOTS = Path(os.environ.get("TALLY_SCREENSHOTS", tempfile.gettempdir() + "/tally-screenshots"))
PW = "correct horse battery"
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
N_PAIRS = 6
XSS_CORPUS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '<svg onload="window.__xss=1"></svg>',
    '<a href="javascript:window.__xss=1">ссылка</a>',
    '"><script>alert(1)</script>',
    "<scr<script>ipt>window.__xss=1</script>",
    '<body onload=alert(1)>',
    "<iframe src=javascript:alert(1)>",
    "</textarea></title><img src=x onerror=alert(1)>",
]


def _chromium_or_skip() -> None:
    if not CHROMIUM.exists():
        message = "needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fill(store: Store, tmp: Path) -> dict[str, Any]:
    seed = Seeder(store)
    pairs = []
    for i in range(N_PAIRS):
        a, pid = seed.mention(f"list-{i}", f"Петров{i} Иван Сергеевич, 1990, Бурятия",
                              last_name=f"Петров{i}", first_name="Иван",
                              full_name=f"Петров{i} Иван Сергеевич", birth_date="1990",
                              region="RU-BU")
        b, _ = seed.mention(f"tg-{i}", f"Погиб Петров{i} Иван, 1990 г.р., из Бурятии",
                            last_name=f"Петров{i}", first_name="Иван",
                            full_name=f"Петров{i} Иван", birth_date="1990", region="RU-BU",
                            prob=0.55 + i / 100, person=pid)
        pairs.append((a, b))
    posts = tmp / "posts.jsonl"
    lines = [json.dumps({"text": f"Погиб рядовой Сидоров Алексей Петрович {x} в зоне СВО. "
                                 "Жена Мария просит звонить +7 (912) 345-67-89.",
                         "url": "https://t.me/chan/" + str(i)}, ensure_ascii=False)
             for i, x in enumerate(XSS_CORPUS)]
    posts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_posts(store, posts, "xss-channel")
    with store.engine.begin() as conn:  # hostile facts too, not only hostile text
        target = conn.execute(select(persons.c.id).order_by(persons.c.id)).scalars().first()
        hostile = conn.execute(select(mentions.c.id).where(
            mentions.c.id.not_in(select(person_mentions.c.mention_id)))).scalars().all()
        conn.execute(update(mentions).where(mentions.c.id.in_(hostile)).values(
            unit=XSS_CORPUS[1], settlement=XSS_CORPUS[2]))
        for mid in hostile:
            conn.execute(person_mentions.insert().values(mention_id=mid, person_id=target,
                                                         match_probability=0.5))
        for role in Role:
            users.add(conn, role.value, PW, role, "test", FAST)
    grade_all(store)
    return {"pairs": pairs, "xss_person": target, "hostile": hostile}


@pytest.fixture
def server(sqlite_store: Store, tmp_path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    import uvicorn

    _chromium_or_skip()
    info = _fill(sqlite_store, tmp_path)
    app = create_app(sqlite_store)
    app.state.auth_settings = AuthSettings(cookie_secure=False)  # plain HTTP on loopback
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", info
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def browser() -> Iterator[Any]:
    _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield b
        finally:
            b.close()


def _login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/login?next=/review/queue")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PW)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/review/queue.*"))


def test_reviewer_clears_queue_with_keyboard_and_confirms(
    server: tuple[str, dict[str, Any]], browser: Any, sqlite_store: Store
) -> None:
    base, info = server
    page = browser.new_page(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _login(page, base, "reviewer")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "review-queue.png"))
    # j / k move without deciding
    assert page.get_attribute("#pair", "data-index") == "0"
    page.keyboard.press("j")
    page.wait_for_function("document.querySelector('#pair').dataset.index === '1'")
    page.keyboard.press("k")
    page.wait_for_function("document.querySelector('#pair').dataset.index === '0'")
    keys = ["s", "d", "u"]
    started = time.monotonic()
    decided = 0
    while page.query_selector("#pair") is not None and decided < 30:
        before = page.get_attribute("#pair", "data-a"), page.get_attribute("#pair", "data-b")
        page.keyboard.press(keys[decided % 3])
        page.wait_for_function(
            "([a, b]) => !document.querySelector('#pair') || "
            "document.querySelector('#pair').dataset.a !== a || "
            "document.querySelector('#pair').dataset.b !== b", arg=list(before))
        decided += 1
    per_pair = (time.monotonic() - started) / max(decided, 1)
    print(f"\nbrowser review: {decided} pairs in {per_pair:.3f} s per pair (keyboard, "
          "page load and decision included; 2-core machine)")
    assert page.query_selector("#queue-empty") is not None
    assert decided >= N_PAIRS and per_pair < 5
    with sqlite_store.engine.connect() as conn:
        kinds = conn.execute(select(decisions.c.kind, decisions.c.user)).all()
    assert {k for k, _ in kinds} == {"same", "different", "unsure"}
    assert {u for _, u in kinds} == {"reviewer"}
    pid = info["pairs"][0][0]
    page.goto(f"{base}/review/persons/{pid}")
    page.fill("#confirm-form input[name=reason]", "некролог администрации")
    page.click("#confirm")
    page.wait_for_selector("#grade")
    assert "reviewer" in page.inner_text("#grade-reason")
    page.goto(f"{base}/review/persons/{info['xss_person']}")
    page.screenshot(path=str(SHOTS / "review-person.png"), full_page=False)
    assert dialogs == []


@pytest.mark.parametrize("who", [None, "viewer"])
def test_viewer_and_public_cannot_decide(server: tuple[str, dict[str, Any]], browser: Any,
                                         who: str | None) -> None:
    base, info = server
    page = browser.new_page(bypass_csp=True)
    if who is None:
        page.goto(f"{base}/review/queue")
        assert "/login" in page.url
        response = page.request.post(f"{base}/review/persons/{info['xss_person']}/confirm",
                                     form={"csrf": "x"})
        assert response.status == 401
        return
    _login(page, base, who)
    assert page.query_selector("#pair") is not None
    assert page.query_selector("form[data-key]") is None
    page.keyboard.press("s")
    page.wait_for_timeout(300)
    assert page.query_selector("#pair") is not None
    page.goto(f"{base}/review/persons/{info['xss_person']}")
    assert page.query_selector("#confirm") is None
    assert "[телефон]" in page.content() and "345-67-89" not in page.content()


def test_no_script_from_posts_runs(server: tuple[str, dict[str, Any]], browser: Any) -> None:
    """With the Content-Security-Policy switched off, so that escaping alone must hold."""
    base, info = server
    page = browser.new_page(bypass_csp=True)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _login(page, base, "reviewer")
    pages = [f"/review/persons/{info['xss_person']}", "/review/queue"]
    for path in pages:
        page.goto(base + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__xss") is None, path
        assert page.evaluate("document.querySelectorAll('main script, main img, main svg, "
                             "main iframe').length") == 0, path
    assert dialogs == []
    html = page.goto(base + pages[0]).text()  # type: ignore[union-attr]
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
