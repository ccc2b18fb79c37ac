from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tally.publish.persons import PersonFilter, get_person, list_persons
from tally.store import Store


def _names(store: Store, flt: PersonFilter) -> set[str | None]:
    with store.engine.connect() as conn:
        return {p.last_name for p in list_persons(conn, flt).items}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Иванов", {"Иванов"}),
        ("иванов пётр", {"Иванов"}),
        ("ИВАНОВ петр", {"Иванов"}),  # case and ё folded
        ("ivanov", {"Иванов"}),  # Latin transliteration of a Cyrillic name
        ("Ivan", {"Иванов", "Ёлкин"}),  # prefix: Ivanov and Ivan Yolkin
        ("елкин", {"Ёлкин"}),
        ("yelkin", {"Ёлкин"}),
        ("rahimov", {"Rahimov"}),
        ("RAHIM", {"Rahimov"}),
        ("цыренов баир олегович", {"Цыренов"}),
        ("Петров", set()),
        ("!!!", set()),
    ],
)
def test_search_any_script_and_case(filled: Store, query: str, expected: set[str]) -> None:
    assert _names(filled, PersonFilter(query)) == expected


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (PersonFilter(region="RU-BU"), {"Иванов", "Ёлкин"}),
        (PersonFilter("ivan", channel="volunteer"), {"Ёлкин"}),
        (PersonFilter(grade="reported"), set()),
        (PersonFilter(grade="confirmed", region="RU-TY"), {"Цыренов"}),
    ],
)
def test_filters(filled: Store, flt: PersonFilter, expected: set[str]) -> None:
    assert _names(filled, flt) == expected


def test_paging(filled: Store) -> None:
    with filled.engine.connect() as conn:
        first = list_persons(conn, PersonFilter(), page=1, per_page=2)
        third = list_persons(conn, PersonFilter(), page=3, per_page=2)
    assert len(first.items) == 2 and first.has_more
    assert len(third.items) == 1 and not third.has_more


def test_search_page_and_person_page(app: FastAPI, sqlite_filled: Store) -> None:
    client = TestClient(app)
    html = client.get("/search", params={"q": "ivanov", "lang": "en"}).text
    assert "Иванов Пётр Сергеевич" in html
    with sqlite_filled.engine.connect() as conn:
        pid = list_persons(conn, PersonFilter("ivanov")).items[0].id
        person = get_person(conn, pid)
    assert person is not None
    page = client.get(f"/persons/{pid}?lang=en").text
    assert "Иванов Пётр Сергеевич" in page and "confirmed" in page
    sha = person.sources[0].document_sha256
    assert f'href="/documents/{sha}"' in page
    assert 'href="https://example.org/a"' in page
    doc = client.get(f"/documents/{sha}")
    assert doc.status_code == 200
    assert doc.headers["content-type"].startswith("text/plain")
    assert doc.headers["content-security-policy"].startswith("sandbox")
    assert doc.headers["x-content-type-options"] == "nosniff"
    assert "Иванов" in doc.content.decode("utf-8")


@pytest.mark.parametrize(("path", "status"),
                         [("/documents/" + "0" * 64, 404), ("/documents/not-a-sha", 422),
                          ("/persons/999999", 404), ("/persons/abc", 422)])
def test_missing_things(app: FastAPI, path: str, status: int) -> None:
    assert TestClient(app).get(path).status_code == status
