"""Search and paging against brute force: keyset pages, offsets, capped counts, prefixes."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tally.publish import search_index, search_query
from tally.publish.person_list import PersonFilter, count_capped, list_persons
from tally.publish.search_text import index_text, nominative_candidates, query_terms
from tally.settings import Settings
from tally.store import Store, open_store
from tally.store.schema import persons

LAST = ["Иванов", "Ивашов", "Петров", "Цыренов", "Ондар", "Сидоров", "Rahimov", "Ёлкин"]
FIRST = ["Иван", "Игорь", "Пётр", "Баир", "Сергей", "Dilshod", None]
PATR = ["Иванович", "Сергеевич", "Петрович", None]
REGIONS = ["RU-BU", "RU-TY", None]
N = 80


@pytest.fixture
def search_store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    """N persons with names from small pools (some merged away), indexed."""
    store = open_store(Settings(data_dir=tmp_path / "data", database_url=db_url), create=True)
    rng = random.Random(3)
    now = datetime.now(UTC)
    rows = [{"id": i, "created_at": now, "updated_at": now, "n_mentions": 1, "n_sources": 1,
             "grade": rng.choice(["confirmed", "reported"]), "last_name": rng.choice(LAST),
             "first_name": rng.choice(FIRST), "patronymic": rng.choice(PATR),
             "region": rng.choice(REGIONS), "channel": rng.choice(["volunteer", None])}
            for i in range(1, N + 1)]
    with store.engine.begin() as conn:
        conn.execute(persons.insert(), rows)
        conn.execute(persons.update().where(persons.c.id.in_([5, 17])).values(merged_into=1))
    search_index.refresh(store)
    yield store
    store.engine.dispose()


def brute(store: Store, flt: PersonFilter) -> list[int]:
    """Ids matching ``flt`` the slow, obvious way: every query word starts an index word."""
    words = query_terms(flt.query or "")
    with store.engine.connect() as conn:
        rows = conn.execute(persons.select().where(persons.c.merged_into.is_(None))).all()
    out = []
    for r in rows:
        names = index_text([r.last_name, r.first_name, r.patronymic]).split()
        if flt.query and not all(any(n.startswith(w) for n in names) for w in words):
            continue
        if flt.grade != "all" and r.grade != flt.grade:
            continue
        if (flt.region and r.region != flt.region) or (flt.channel and r.channel != flt.channel):
            continue
        out.append(r.id)
    return sorted(out, reverse=True)


def walk(store: Store, flt: PersonFilter, per_page: int) -> list[int]:
    """Every page through ``after`` cursors, concatenated."""
    ids: list[int] = []
    after = None
    with store.engine.connect() as conn:
        for _ in range(N + 2):
            page = list_persons(conn, flt, per_page=per_page, after=after)
            ids += [p.id for p in page.items]
            if not page.has_more:
                return ids
            after = page.next_after
    raise AssertionError("paging did not end")


FILTERS = [
    PersonFilter(),
    PersonFilter("иванов"),
    PersonFilter("ива"),  # prefix of иванов, ивашов, иван, иванович
    PersonFilter("ivan"),  # Latin transliteration
    PersonFilter("ИВАНОВ сергеевич"),
    PersonFilter("елкин"),  # ё folded
    PersonFilter("rahim"),
    PersonFilter("и п"),  # one-letter initials
    PersonFilter("zzz"),
    PersonFilter("ива", region="RU-BU"),
    PersonFilter(grade="reported", channel="volunteer"),
    PersonFilter("петров", grade="confirmed"),
]


@pytest.mark.parametrize("flt", FILTERS, ids=repr)
@pytest.mark.parametrize("per_page", [1, 7, 200])
def test_keyset_pages_equal_brute_force(search_store: Store, flt: PersonFilter,
                                        per_page: int) -> None:
    assert walk(search_store, flt, per_page) == brute(search_store, flt)


@pytest.mark.parametrize("flt", FILTERS, ids=repr)
def test_offset_pages_and_capped_count(search_store: Store, flt: PersonFilter) -> None:
    expected = brute(search_store, flt)
    with search_store.engine.connect() as conn:
        second = list_persons(conn, flt, page=2, per_page=5, count=True)
        assert [p.id for p in second.items] == expected[5:10]
        assert second.has_more == (len(expected) > 10)
        assert (second.total, second.total_more) == (len(expected), False)
        assert count_capped(conn, flt, cap=3) == (min(len(expected), 3), len(expected) > 3)
        first = list_persons(conn, flt, per_page=200, count=True)
    assert first.total == len(expected) and not first.has_more


def test_broad_prefixes_become_row_tests(search_store: Store,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """With a tiny expansion limit, "и" and "ива" are broad: answers must not change."""
    monkeypatch.setattr(search_query, "MAX_EXPANSION", 2)
    with search_store.engine.connect() as conn:
        found = search_query.plan(conn, "петров ива")
        alone = search_query.plan(conn, "ива")
    assert found is not None and found.likes == ("% ива%",)
    assert alone is not None and alone.likes == () and alone.match is not None
    for flt in (PersonFilter("петров ива"), PersonFilter("ива"), PersonFilter("и п"),
                PersonFilter("ivan sergeevich")):
        assert walk(search_store, flt, 4) == brute(search_store, flt)


@pytest.mark.parametrize(("query", "empty"), [("иванов", False), ("qqq", True),
                                               ("иванов qqq", True), ("!!!", None)])
def test_plan(search_store: Store, query: str, empty: bool | None) -> None:
    with search_store.engine.connect() as conn:
        found = search_query.plan(conn, query)
    assert (found.empty if found else None) is empty


def test_terms_follow_updates(search_store: Store) -> None:
    with search_store.engine.begin() as conn:
        conn.execute(persons.update().where(persons.c.id == 3).values(last_name="Жамсуев"))
    assert brute(search_store, PersonFilter("жамс")) == [3]
    assert walk(search_store, PersonFilter("жамс"), 5) == []  # not indexed yet
    search_index.update(search_store, [3])
    assert walk(search_store, PersonFilter("жамс"), 5) == [3]
    assert walk(search_store, PersonFilter("zhams"), 5) == [3]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([w for w in LAST + FIRST if w]), min_size=1, max_size=3),
       st.integers(1, 6), st.integers(1, 9))
def test_any_prefixes_equal_brute_force(search_store: Store, names: list[str], cut: int,
                                        per_page: int) -> None:
    query = " ".join(n[:cut] for n in names)
    flt = PersonFilter(query)
    assert walk(search_store, flt, per_page) == brute(search_store, flt)


@pytest.mark.parametrize(("word", "expected"), [
    ("петрова", "петров"), ("петровым", "петров"), ("сергея", "сергей"), ("сергею", "сергей"),
    ("ильи", "илья"), ("никиты", "никита"), ("смирновой", "смирнова"),
    ("ковальского", "ковальский"), ("петровичем", "петрович"), ("ивану", "иван"),
    ("ivanova", "ivanov"), ("sergeya", "sergey"),
])
def test_nominative_candidates(word: str, expected: str) -> None:
    assert expected in nominative_candidates(word)
    assert word not in nominative_candidates(word)


@pytest.mark.parametrize("query", ["Ивана Петрова", "Петрову Ивану", "Ivana Petrova",
                                   "Сергея Иванова", "Петровичем"])
def test_case_forms_find_the_nominative(search_store: Store, query: str) -> None:
    lemmas = {"Ивана": "Иван", "Петрова": "Петров", "Петрову": "Петров", "Ивану": "Иван",
              "Ivana": "Иван", "Petrova": "Петров", "Сергея": "Сергей", "Иванова": "Иванов",
              "Петровичем": "Петрович"}
    wanted = query_terms(" ".join(lemmas[w] for w in query.split()))
    with search_store.engine.connect() as conn:
        found = {p.id for p in list_persons(conn, PersonFilter(query=query), per_page=200).items}
        rows = conn.execute(persons.select().where(persons.c.merged_into.is_(None))).all()
    named = {r.id for r in rows
             if set(wanted) <= set(index_text([r.last_name, r.first_name, r.patronymic]).split())}
    assert named, f"the fixture has no one named {wanted}"
    assert named <= found
