"""The review workspace over HTTP: login, CSRF, the policy on every route, highlights,
redaction for viewers, escaping. On SQLite and PostgreSQL where it matters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tally.auth import users
from tally.auth.policy import Action, Role, can
from tally.store import Store
from tally.store.schema import decisions
from tally.web import create_app
from tally.web.auth.config import AuthSettings

from ..verify.conftest import Seeder

PW = "correct horse battery"
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PHONE = "+7 (912) 345-67-89"
XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">'


@dataclass
class World:
    store: Store
    person: int
    a: int
    b: int


@pytest.fixture
def world(store: Store) -> World:
    seed = Seeder(store)
    a, pid = seed.mention("tg-a", f"Погиб Иванов Сергей Петрович. Мать просит звонить {PHONE}. "
                          f"{XSS}", last_name="Иванов", first_name="Сергей",
                          full_name="Иванов Сергей Петрович", death_date="2023-05-14",
                          region="RU-BU")
    b, _ = seed.mention("tg-b", "Иванов Сергей погиб 2 июня", last_name="Иванов",
                        first_name="Сергей", full_name="Иванов Сергей", death_date="2023-06-02",
                        region="RU-BU", prob=0.6, person=pid)
    with store.engine.begin() as conn:
        for role in Role:
            users.add(conn, role.value, PW, role, "test", FAST)
    return World(store, pid, a, b)


@pytest.fixture
def client(world: World) -> Iterator[TestClient]:
    app = create_app(world.store)
    app.state.auth_settings = AuthSettings(cookie_secure=False)
    with TestClient(app, follow_redirects=False) as c:
        yield c


def login(client: TestClient, username: str, password: str = PW) -> int:
    form = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert csrf is not None
    r = client.post("/login", data={"username": username, "password": password,
                                    "csrf": csrf.group(1), "next": "/review/queue"})
    return r.status_code


def csrf_of(client: TestClient, path: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert m is not None
    return m.group(1)


def _n_decisions(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(decisions)).scalar_one())


def test_login_sets_a_safe_cookie(client: TestClient) -> None:
    assert login(client, "reviewer", "wrong password!") == 401
    form = client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
    r = client.post("/login", data={"username": "reviewer", "password": PW, "csrf": token,
                                    "next": "//evil.example/x"})
    assert r.status_code == 303 and r.headers["location"] == "/review/queue"
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith("tally_session"))
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    assert client.get("/review/queue").status_code == 200


def test_login_form_needs_its_csrf_token(client: TestClient) -> None:
    client.get("/login")
    r = client.post("/login", data={"username": "reviewer", "password": PW, "csrf": "forged"})
    assert r.status_code == 403 and "tally_session" not in r.headers.get("set-cookie", "")


def test_secure_cookie_by_default(world: World) -> None:
    with TestClient(create_app(world.store), base_url="https://testserver",
                    follow_redirects=False) as c:
        assert login(c, "reviewer") == 303
        cookie = [h for h in c.cookies.jar if h.name == "tally_session"]
        assert cookie and cookie[0].secure


def test_login_rate_limit(client: TestClient) -> None:
    codes = [login(client, "reviewer", "wrong password!") for _ in range(6)]
    assert codes[:5] == [401] * 5 and codes[5] == 429
    assert login(client, "reviewer") == 429  # even the right password, for a while


ROUTES: list[tuple[str, str, Action]] = [
    ("GET", "/review/queue", Action.VIEW_INTERNAL),
    ("GET", "/review/persons/{pid}", Action.VIEW_INTERNAL),
    ("GET", "/methodology", Action.VIEW_PUBLIC),
    ("POST", "/review/pairs", Action.DECIDE_PAIR),
    ("POST", "/review/persons/{pid}/confirm", Action.CONFIRM),
    ("POST", "/review/persons/{pid}/discount", Action.DISCOUNT),
    ("POST", "/review/persons/{pid}/correct", Action.CORRECT),
]


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: r or "public")
def test_every_route_follows_the_policy(world: World, client: TestClient,
                                        role: Role | None) -> None:
    csrf = ""
    if role is not None:
        assert login(client, role.value) == 303
        csrf = csrf_of(client, "/methodology")
    for method, path, action in ROUTES:
        url = path.format(pid=world.person)
        if method == "GET":
            r = client.get(url)
        else:
            r = client.post(url, data={"csrf": csrf, "a": world.a, "b": world.b,
                                       "kind": "unsure", "reason": "проверено",
                                       "prop": "death_date", "value": "2023-05-14"})
        allowed = can(role, action)
        assert (r.status_code in (200, 303) and "/login" not in r.headers.get("location", "")
                ) is allowed, (role, method, path, r.status_code)
        if not allowed:
            assert r.status_code in ((303, 401) if role is None else (403,))


def test_posts_need_the_session_csrf(world: World, client: TestClient) -> None:
    assert login(client, "reviewer") == 303
    url = f"/review/persons/{world.person}/confirm"
    assert client.post(url, data={}).status_code == 403
    assert client.post(url, data={"csrf": "forged"}).status_code == 403
    assert _n_decisions(world.store) == 0
    assert client.post(url, data={"csrf": csrf_of(client, url.rsplit("/", 1)[0])}
                       ).status_code == 303
    assert _n_decisions(world.store) == 1


def test_queue_shows_pair_with_highlights(world: World, client: TestClient) -> None:
    assert login(client, "reviewer") == 303
    page = client.get("/review/queue").text
    assert re.search(r'<mark class="hl" data-field="full_name"[^>]*>Иванов Сергей Петрович</mark>',
                     page)
    assert "0.60" in page and 'class="disagree"' in page and PHONE in page
    csrf = csrf_of(client, "/review/queue")
    r = client.post("/review/pairs", data={"csrf": csrf, "a": world.a, "b": world.b,
                                           "kind": "same"})
    assert r.status_code == 303
    assert 'id="queue-empty"' in client.get("/review/queue").text


def test_viewer_sees_redacted_text_and_no_actions(world: World, client: TestClient) -> None:
    assert login(client, "viewer") == 303
    page = client.get(f"/review/persons/{world.person}").text
    assert PHONE not in page and "[телефон]" in page
    assert 'id="confirm-form"' not in page and 'id="correct-form"' not in page


def test_person_page_shows_facts_conflicts_and_decisions(world: World,
                                                         client: TestClient) -> None:
    from tally.verify.grade import grade_all

    grade_all(world.store)
    assert login(client, "reviewer") == 303
    url = f"/review/persons/{world.person}"
    csrf = csrf_of(client, url)
    r = client.post(url + "/correct", data={"csrf": csrf, "prop": "death_date",
                                           "value": "2023-05-14", "reason": "некролог"})
    assert r.status_code == 303
    r = client.post(url + "/correct", data={"csrf": csrf, "prop": "death_date",
                                           "value": "14 мая"})
    assert r.status_code == 400
    page = client.get(url).text
    assert 'data-prop="death_date"' in page and "2023-06-02" in page
    assert "corrected by reviewer reviewer" in page and "некролог" in page


def test_untrusted_text_is_escaped(world: World, client: TestClient) -> None:
    assert login(client, "reviewer") == 303
    for url in ("/review/queue", f"/review/persons/{world.person}"):
        page = client.get(url).text
        assert "<script>window.__xss" not in page and "<img src=x" not in page
        assert "&lt;script&gt;window.__xss" in page
