"""The foundation's clustering, stable person ids and exact linker (on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tally.ingest.listimport import import_list
from tally.ingest.mapping import Mapping
from tally.link import clusters
from tally.link.exact import link_exact
from tally.link.persist import assign_ids
from tally.store import Store
from tally.store.schema import decisions, mentions, person_mentions, persons, statements
from tally.verify.grade import grade_all, grade_one

MAP = Mapping.model_validate(
    {
        "id": "id",
        "fields": {"full_name": "name", "birth_date": "born", "region": "region"},
        "date_formats": ["%Y-%m-%d", "%Y"],
    }
)
MAP_DISTINCT = Mapping.model_validate({**MAP.model_dump(), "distinct_persons": True})


def _csv(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    path.write_text(
        "id,name,born,region\n" + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8"
    )
    return path


@pytest.mark.parametrize(
    ("must", "cannot", "candidates", "expected"),
    [
        ([], [], [(1, 2, 0.9)], [{1, 2}, {3}]),
        ([], [(1, 2)], [(1, 2, 0.9)], [{1}, {2}, {3}]),
        ([], [(1, 3)], [(1, 2, 0.9), (2, 3, 0.8)], [{1, 2}, {3}]),  # transitive refusal
        ([(1, 3)], [], [], [{1, 3}, {2}]),
        ([(1, 2)], [(2, 3)], [(1, 3, 0.99)], [{1, 2}, {3}]),
    ],
)
def test_constraints(
    must: list[tuple[int, int]],
    cannot: list[tuple[int, int]],
    candidates: list[tuple[int, int, float]],
    expected: list[set[int]],
) -> None:
    got = clusters.build({1: None, 2: None, 3: None}, must, cannot, candidates).groups()
    assert sorted(got, key=min) == expected


@pytest.mark.parametrize(
    ("newest_first", "must", "cannot", "overruled"),
    [
        ([("same", 1, 2), ("different", 2, 3)], [(1, 2)], [(2, 3)], []),
        # newer "different" 1-3 overrules the older "same" decisions chaining 1 to 3
        ([("different", 1, 3), ("same", 3, 4), ("same", 1, 4)], [(3, 4)], [(1, 3)],
         [("same", 1, 4)]),
        # newer "same" decisions join 1 and 3: the older "different" is overruled
        ([("same", 1, 4), ("same", 3, 4), ("different", 1, 3)], [(1, 4), (3, 4)], [],
         [("different", 1, 3)]),
    ],
)
def test_newest_decision_wins(
    newest_first: list[tuple[str, int, int]], must: list[tuple[int, int]],
    cannot: list[tuple[int, int]], overruled: list[tuple[str, int, int]],
) -> None:
    assert clusters.resolve(newest_first) == (must, cannot, overruled)


def test_distinct_groups_never_merge_but_reviewers_can() -> None:
    items = {1: 7, 2: 7, 3: None}
    assert len(clusters.build(items, [], [], [(1, 2, 1.0), (2, 3, 0.9), (1, 3, 0.8)]).groups()) == 2
    assert clusters.build(items, [(1, 2)], [], []).groups() == [{1, 2}, {3}]


@given(
    st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9), st.floats(0, 1)), max_size=40),
    st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=8),
)
@settings(max_examples=200, deadline=None)
def test_cannot_links_always_hold(
    candidates: list[tuple[int, int, float]], cannot: list[tuple[int, int]]
) -> None:
    cannot = [(a, b) for a, b in cannot if a != b]
    groups = clusters.build(dict.fromkeys(range(10)), [], cannot, candidates).groups()
    where = {m: i for i, g in enumerate(groups) for m in g}
    assert all(where[a] != where[b] for a, b in cannot)
    assert sorted(m for g in groups for m in g) == list(range(10))


@pytest.mark.parametrize(
    ("groups", "before", "ids", "retired"),
    [
        ([{1, 2, 3}], {1: 10, 2: 10}, [10], {}),  # grows, keeps its id
        ([{1, 2}, {3}], {1: 10, 2: 10, 3: 10}, [10, None], {}),  # split: larger keeps it
        ([{1, 2, 3}], {1: 10, 2: 10, 3: 11}, [10], {11: 10}),  # merge: the minority retires
        ([{1}, {2}], {}, [None, None], {}),
    ],
)
def test_stable_ids(
    groups: list[set[int]],
    before: dict[int, int],
    ids: list[int | None],
    retired: dict[int, int],
) -> None:
    paired, got_retired = assign_ids(groups, before)
    assert [pid for pid, _ in paired] == ids
    assert got_retired == retired


def test_exact_link_merges_across_lists_and_keeps_ids(store: Store, tmp_path: Path) -> None:
    import_list(
        store,
        _csv(
            tmp_path / "a.csv",
            [
                ("1", "Иванов Сергей Петрович", "1990", "Бурятия"),
                ("2", "Иванов Сергей Петрович", "1985", "Бурятия"),
                ("3", "Петров Пётр Петрович", "1991", "Тыва"),
            ],
        ),
        "a",
        MAP_DISTINCT,
    )
    import_list(
        store,
        _csv(
            tmp_path / "b.csv",
            [
                ("x", "ИВАНОВ Сергей Петрович", "1990", "Бурятия"),
                ("y", "Петров Петр Петрович", "1991", "Тыва"),
                ("z", "Петров Петр Петрович", "1991", "Тыва"),
            ],
        ),
        "b",
        MAP,
    )
    report = link_exact(store)
    assert (report.mentions, report.persons) == (6, 3)
    with store.engine.connect() as conn:
        by_key = dict(
            conn.execute(
                select(mentions.c.record_key, person_mentions.c.person_id).join(person_mentions)
            ).all()
        )
        assert by_key["1"] == by_key["x"] and by_key["3"] == by_key["y"] == by_key["z"]
        ivanov = conn.execute(select(persons).where(persons.c.id == by_key["1"])).one()
        n_statements = conn.execute(select(func.count()).select_from(statements)).scalar_one()
    assert (ivanov.last_name, ivanov.birth_date, ivanov.region, ivanov.n_sources) == (
        "Иванов",
        "1990",
        "RU-BU",
        2,
    )
    assert n_statements == 6 * 5  # last, first, patronymic, birth date, region per mention
    # a reviewer splits y from z: the decision holds on every later run, ids stay
    with store.engine.begin() as conn:
        ids = dict(conn.execute(select(mentions.c.record_key, mentions.c.id)).all())
        conn.execute(
            decisions.insert().values(
                kind="different",
                mention_a=ids["y"],
                mention_b=ids["z"],
                user="r",
                created_at=datetime.now(UTC),
            )
        )
    link_exact(store)
    link_exact(store)
    with store.engine.connect() as conn:
        after = dict(
            conn.execute(
                select(mentions.c.record_key, person_mentions.c.person_id).join(person_mentions)
            ).all()
        )
    assert after["y"] != after["z"] and after["1"] == after["x"] == by_key["1"]
    assert by_key["3"] in (after["y"], after["z"])


def test_mentions_without_names_stay_alone(store: Store, tmp_path: Path) -> None:
    import_list(
        store,
        _csv(tmp_path / "a.csv", [("1", "", "1990", "Бурятия"), ("2", "", "1990", "Бурятия")]),
        "a",
        MAP,
    )
    assert link_exact(store).persons == 2


@pytest.mark.parametrize(
    ("types", "confirms", "n", "review", "grade"),
    [
        ({"local_media"}, False, 1, None, "reported"),
        ({"local_media", "aggregator"}, False, 2, None, "confirmed"),
        ({"relatives"}, False, 1, None, "confirmed"),
        ({"official"}, False, 1, "discount", "discounted"),
        ({"aggregator"}, True, 1, None, "confirmed"),
        ({"unknown"}, False, 1, "confirm", "confirmed"),
    ],
)
def test_grade_rule(
    types: set[str], confirms: bool, n: int, review: str | None, grade: str
) -> None:
    assert grade_one(types, confirms, n, review)[0] == grade


def test_grade_all(store: Store, tmp_path: Path) -> None:
    import_list(
        store,
        _csv(
            tmp_path / "a.csv",
            [("1", "Иванов Иван", "1990", "Бурятия"), ("2", "Петров Пётр", "1990", "Тыва")],
        ),
        "a",
        MAP,
    )
    import_list(
        store, _csv(tmp_path / "b.csv", [("1", "Иванов Иван", "1990", "Бурятия")]), "b", MAP
    )
    link_exact(store)
    assert grade_all(store) == {"confirmed": 1, "reported": 1}
