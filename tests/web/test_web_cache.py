"""The dashboard's caches: invalidated by a decision and an import, ETag revalidation,
figures shared between worker processes, and read-only public connections."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tally.ingest.listimport import import_list
from tally.ingest.mapping import load_mapping
from tally.link.exact import link_exact
from tally.publish.persons import PersonFilter, list_persons
from tally.store import Store
from tally.verify import decisions
from tally.verify import grade as grading
from tally.web import create_app
from tally.web.figures import FigureCache

from .conftest import DENOMINATORS, MAPPING

Embedded = Callable[[str], dict[str, Any]]


def _confirmed(client: TestClient, embedded: Embedded) -> int:
    return int(embedded(client.get("/").text)["headline"]["by_grade"]["confirmed"])


def _import_more(store: Store, folder: Path) -> None:
    data = folder / "more.csv"
    data.write_text("id,last,first,patronymic,born,died,region,channel,citizenship,url\n"
                    "9,Дамбаев,Баир,,1990,2023-03-01,RU-BU,volunteer,RU,\n", encoding="utf-8")
    mapping = folder / "more.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    import_list(store, data, "second-list", load_mapping(mapping))
    link_exact(store)
    grading.grade_all(store)


def test_dashboard_follows_decisions_and_imports(filled: Store, tmp_path: Path,
                                                 embedded: Embedded) -> None:
    client = TestClient(create_app(filled, denominators=DENOMINATORS))
    before = _confirmed(client, embedded)
    assert before > 0 and _confirmed(client, embedded) == before  # cached, same answer
    with filled.engine.connect() as conn:
        victim = next(p.id for p in list_persons(conn, PersonFilter(grade="confirmed")).items)
    with filled.engine.begin() as conn:
        decisions.record(conn, "discount", "tester", person_id=victim, reason="wrong person")
    assert _confirmed(client, embedded) == before - 1
    _import_more(filled, tmp_path)
    assert _confirmed(client, embedded) == before


def test_etag_and_cache_control(filled: Store, tmp_path: Path) -> None:
    client = TestClient(create_app(filled, denominators=DENOMINATORS))
    first = client.get("/?lang=en")
    etag = first.headers["etag"]
    assert first.status_code == 200 and "max-age" in first.headers["cache-control"]
    again = client.get("/?lang=en", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/?lang=ru").headers["etag"] != etag  # one per language
    _import_more(filled, tmp_path)
    fresh = client.get("/?lang=en", headers={"If-None-Match": etag})
    assert fresh.status_code == 200 and fresh.headers["etag"] != etag


def test_figures_computed_once_for_all_workers(filled: Store, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    first = FigureCache(filled.engine, folder, DENOMINATORS)
    second = FigureCache(filled.engine, folder, DENOMINATORS)
    a, b = first.get(), second.get()
    assert (first.computed, second.computed) == (1, 0)  # the second read the first's file
    assert a.chart_data() == b.chart_data()
    assert len(list(folder.glob("dashboard-*.pickle"))) == 1
    other = FigureCache(filled.engine, folder, None)  # other denominators: other figures
    other.get()
    assert other.computed == 1
    _import_more(filled, tmp_path)
    assert second.get().headline.by_grade != b.headline.by_grade
    assert second.computed == 1


def test_public_connections_are_read_only(filled: Store) -> None:
    app = create_app(filled)
    with TestClient(app):
        reader = app.state.tally.reader
        assert reader is not filled.engine
        with pytest.raises(DBAPIError), reader.begin() as conn:
            conn.execute(text("DELETE FROM persons"))
    with filled.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM persons")).scalar_one() > 0
