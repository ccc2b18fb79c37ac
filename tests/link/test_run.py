"""The store-level probabilistic linker: decisions as constraints, stable ids, incremental."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import select

from tally.link import files as files_
from tally.link import queue
from tally.link.files import LinkFiles
from tally.link.run import RunOptions, link_probabilistic
from tally.settings import Settings
from tally.store import Store, open_store
from tally.store.schema import decisions, person_mentions

from .conftest import add_mentions

SERGEI = [
    {"last_name": "Иванов", "first_name": "Сергей", "patronymic": "Петрович",
     "birth_date": "1990-03-04", "death_date": "2023-05-14", "region": "RU-BU"},
    {"last_name": "Ivanov", "first_name": "Sergey", "patronymic": "Petrovich",
     "birth_date": "1990-03-04", "death_date": "2023-05-15", "region": "RU-BU"},
    {"full_name": "Серёжа Иванов", "birth_date": "1990", "death_date": "2023-05",
     "region": "RU-BU"},
]
OTHERS = [
    {"last_name": "Петров", "first_name": "Алексей", "birth_date": "1985-01-01",
     "death_date": "2022-10-01", "region": "RU-DA"},
    {"last_name": "Сидоров", "first_name": "Олег", "birth_date": "1971",
     "death_date": "2024-02-11", "region": "RU-TY"},
    {"region": "RU-BU", "birth_date": "1990-03-04", "death_date": "2023-05-14"},  # no name
]


def persons(st: Store) -> dict[int, int]:
    with st.engine.connect() as conn:
        return dict(conn.execute(select(person_mentions.c.mention_id,
                                        person_mentions.c.person_id)).all())


def decide(st: Store, kind: str, a: int, b: int) -> None:
    with st.engine.begin() as conn:
        conn.execute(decisions.insert().values(kind=kind, mention_a=a, mention_b=b,
                                               user="test", created_at=datetime.now(UTC)))


def test_cross_script_and_diminutive_mentions_become_one_person(store: Store) -> None:
    ids = add_mentions(store, "a", SERGEI) + add_mentions(store, "b", OTHERS)
    report = link_probabilistic(store)
    who = persons(store)
    assert who[ids[0]] == who[ids[1]] == who[ids[2]]
    assert len({who[i] for i in ids[3:]}) == 3
    assert who[ids[5]] != who[ids[0]]  # no name: never merged on dates and region alone
    assert report.persons == 4
    assert LinkFiles(store.settings.data_dir).pairs.exists()


def test_decisions_are_replayed_and_ids_kept(store: Store) -> None:
    ids = add_mentions(store, "a", SERGEI[:2]) + add_mentions(store, "b", OTHERS[:2])
    link_probabilistic(store)
    decide(store, "different", ids[0], ids[1])
    decide(store, "same", ids[2], ids[3])
    link_probabilistic(store)
    second = persons(store)
    assert second[ids[0]] != second[ids[1]]
    assert second[ids[2]] == second[ids[3]]
    new = add_mentions(store, "c", [SERGEI[2]])
    link_probabilistic(store)  # incremental: only the new mention is scored
    third = persons(store)
    assert third[ids[0]] != third[ids[1]]
    assert third[ids[2]] == third[ids[3]]
    assert third[new[0]] in {third[ids[0]], third[ids[1]]}
    assert third[ids[0]] == second[ids[0]]  # the grown cluster kept its person id


def test_distinct_persons_list_rows_never_merge(store: Store) -> None:
    ids = add_mentions(store, "official", SERGEI[:2], distinct=True)
    link_probabilistic(store, RunOptions(full=True))
    who = persons(store)
    assert who[ids[0]] != who[ids[1]]


def test_review_queue_orders_uncertain_pairs(store: Store) -> None:
    add_mentions(store, "a", SERGEI + OTHERS)
    link_probabilistic(store)
    items = queue.review_queue(store, floor=0.0, ceiling=1.01)
    assert items, "scored pairs must appear in a queue spanning every probability"
    assert [i.priority for i in items] == sorted((i.priority for i in items), reverse=True)


@pytest.mark.parametrize(("p", "a", "b", "merged", "expected"), [
    (0.5, 1, 1, False, 2.0), (0.9, 3, 1, False, 0.8), (0.5, 4, 4, True, 4.0),
    (1.0, 5, 5, False, 0.0),
])
def test_priority(p: float, a: int, b: int, merged: bool, expected: float) -> None:
    assert queue.priority(p, a, b, merged) == pytest.approx(expected)


@pytest.mark.postgres
def test_same_result_on_postgres(pg_store: Store) -> None:
    ids = add_mentions(pg_store, "a", SERGEI) + add_mentions(pg_store, "b", OTHERS)
    decide(pg_store, "different", ids[0], ids[2])
    link_probabilistic(pg_store)
    who = persons(pg_store)
    assert who[ids[0]] == who[ids[1]]
    assert who[ids[2]] != who[ids[0]]


def _three_runs(st: Store) -> tuple[list[int], Any, Any, Any]:
    """A run, then two incremental ones adding a mention each: (ids, persons, caches)."""
    ids = add_mentions(st, "a", SERGEI[:2]) + add_mentions(st, "b", OTHERS)
    link_probabilistic(st)
    ids += add_mentions(st, "c", [SERGEI[2]])
    link_probabilistic(st)
    ids += add_mentions(st, "d", [{**OTHERS[0], "death_date": "2022-10"}])
    report = link_probabilistic(st)
    assert report.persons == 4
    files = LinkFiles(st.settings.data_dir)
    return ids, persons(st), files.load_frame(files.features), files.load_frame(files.pairs)


@pytest.mark.parametrize("backend", ["store", "pg_store"])
def test_incremental_runs_append_to_the_caches(backend: str,
                                               request: pytest.FixtureRequest) -> None:
    st: Store = request.getfixturevalue(backend)
    ids, who, _features, _pairs = _three_runs(st)
    files = LinkFiles(st.settings.data_dir)
    assert len(files.parts(files.features)) == len(files.parts(files.pairs)) == 2
    assert who[ids[0]] == who[ids[1]] == who[ids[5]] and who[ids[2]] == who[ids[6]]


def test_appended_caches_match_rewritten_ones(tmp_path: Path, store: Store,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    appended = _three_runs(store)
    monkeypatch.setattr(files_, "MAX_PARTS", 0)  # every run writes the caches whole
    whole = _three_runs(open_store(Settings(data_dir=tmp_path / "whole"), create=True))
    files = LinkFiles(tmp_path / "whole")
    assert not files.parts(files.features) and not files.parts(files.pairs)
    assert appended[1] == whole[1]
    pd.testing.assert_frame_equal(appended[2], whole[2])
    pd.testing.assert_frame_equal(appended[3], whole[3])
