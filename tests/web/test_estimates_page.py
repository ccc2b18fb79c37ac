"""The /estimates page: renders in both languages, embeds exactly the panel's figures."""

from __future__ import annotations

import csv
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tally.estimate.lcmcr import LcmcrSettings
from tally.estimate.panel import PanelSettings, build_panel
from tally.ingest.listimport import import_list
from tally.ingest.mapping import load_mapping
from tally.link.exact import link_exact
from tally.settings import Settings
from tally.store import Store, open_store
from tally.verify.grade import grade_all
from tally.web import create_app

SURNAMES = ("Орлов", "Зайцев", "Волков", "Лебедев", "Козлов", "Егоров", "Павлов", "Семёнов")
FIRST = ("Артём", "Борис", "Виктор", "Глеб", "Денис", "Евгений", "Игорь", "Кирилл")
MAPPING = """\
id: id
distinct_persons: true
fields: {last_name: last, first_name: first, birth_date: born}
date_formats: ["%Y-%m-%d"]
"""
FAST = PanelSettings(lcmcr=LcmcrSettings(chains=2, burnin=200, samples=60, thinning=2))
RULES = {  # which of the 64 persons each list holds: overlapping, not independent
    "Мемориал-Бурятия": lambda i: i % 2 == 0 or i % 7 == 0,
    "Region news": lambda i: i % 3 == 0 or (i % 2 == 0 and i % 5 == 0),
    "VK": lambda i: i % 5 in (0, 1) or i % 9 == 0,
}


def _store(folder: Path, lists: tuple[str, ...]) -> Store:
    store = open_store(Settings(data_dir=folder / "data"), create=True)
    (folder / "map.yaml").write_text(MAPPING, encoding="utf-8")
    mapping = load_mapping(folder / "map.yaml")
    for k, name in enumerate(lists):
        path = folder / f"list{k}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["id", "last", "first", "born"])
            for i in range(64):
                if RULES[name](i):
                    born = f"198{i % 10}-0{1 + i % 9}-1{i % 10}"
                    writer.writerow([i, SURNAMES[i % 8], FIRST[i // 8], born])
        import_list(store, path, name, mapping)
    link_exact(store)
    grade_all(store)
    return store


@pytest.fixture
def three(tmp_path: Path) -> Iterator[Store]:
    store = _store(tmp_path, tuple(RULES))
    yield store
    store.engine.dispose()


def _client(store: Store) -> TestClient:
    app = create_app(store)
    app.state.estimates_settings = FAST
    return TestClient(app)


def _data(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="data-estimates">(.*?)</script>',
                      html, re.S)
    assert match, "the page embeds its figures"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def _until_done(client: TestClient, lang: str) -> str:
    deadline = time.monotonic() + 25
    while True:
        response = client.get(f"/estimates?lang={lang}")
        assert response.status_code == 200
        if _data(response.text)["second_status"] != "pending" or time.monotonic() > deadline:
            return response.text
        time.sleep(0.2)


def test_page_embeds_the_panel_and_shows_it(three: Store) -> None:
    client = _client(three)
    first = client.get("/estimates?lang=en")
    assert first.status_code == 200
    assert "Content-Security-Policy" in first.headers
    html = _until_done(client, "en")
    data = _data(html)
    expected = json.loads(json.dumps(build_panel(three, FAST).to_dict()))
    assert data == expected
    assert data["second_status"] == "done" and data["estimate"]["N"] > data["named"]
    assert f'<span class="big" id="est-named">{data["named"]:,}</span>' in html
    assert f'id="est-total">{data["estimate"]["N"]:,.0f}<' in html
    assert f'{data["estimate"]["lower"]:,.0f} – {data["estimate"]["upper"]:,.0f}' in html
    assert "profile-likelihood interval" in html and data["estimate"]["model"] in html
    assert "The deaths the lists describe are one fixed set" in html
    assert "linked by: exact match of name and birth date" in html
    # capture patterns: one row per pattern, plus the estimated row for "on none of these lists"
    rows = re.findall(r'<tr>(?:<td>✓?</td>){3}<td class="num">([\d,]+)</td></tr>', html)
    assert [int(r.replace(",", "")) for r in rows] == [p["count"] for p in data["patterns"]]
    assert "on none of these lists (estimated)" in html
    for item in data["lists"]:
        assert f"<td>{item['name']}</td><td class=\"num\">{item['size']}</td>" in html


def test_page_in_russian_and_linked_from_the_dashboard(three: Store) -> None:
    client = _client(three)
    assert 'href="/estimates?lang=ru">Оценки</a>' in client.get("/?lang=ru").text
    assert 'href="/estimates?lang=en">Estimates</a>' in client.get("/?lang=en").text
    html = _until_done(client, "ru")
    assert "поимённо: людей в базе" in html and "Что предполагает оценка" in html
    assert "Мемориал-Бурятия" in html
    assert _data(html) == _data(client.get("/estimates?lang=en").text)


def test_page_refuses_with_two_sources(tmp_path: Path) -> None:
    store = _store(tmp_path, ("VK", "Region news"))
    try:
        html = _client(store).get("/estimates?lang=en").text
        data = _data(html)
        assert data["refusal"]["code"] == "too_few_lists" and data["estimate"] is None
        assert "Estimation needs at least 3 sources" in html
        assert "the database has 2 (Region news and VK)" in html
        assert 'id="est-total"' not in html and f'id="est-named">{data["named"]}<' in html
        ru = _client(store).get("/estimates?lang=ru").text
        assert "Для оценки нужно не меньше 3 источников" in ru
    finally:
        store.engine.dispose()
