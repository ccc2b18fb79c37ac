"""Incremental store writes: only persons whose membership changed are rewritten."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tally.link import persist
from tally.settings import Settings
from tally.store import Store, open_store
from tally.store.schema import link_runs, person_mentions, persons, statements

from .conftest import add_mentions


def _rows(st: Store) -> dict[int, tuple[int, int]]:
    """mention id -> (person id, link run id)."""
    with st.engine.connect() as conn:
        q = select(person_mentions.c.mention_id, person_mentions.c.person_id,
                   person_mentions.c.link_run_id)
        return {m: (p, r) for m, p, r in conn.execute(q)}


def _save(st: Store, groups: list[set[int]], run: int) -> dict[int, int]:
    """Save as link run number ``run`` (1, 2, ...); rows carry the run's id."""
    with st.engine.begin() as conn:
        pk = conn.execute(link_runs.insert().values(started_at=datetime.now(UTC),
                                                    method="test")).inserted_primary_key
        assert pk is not None
        RUNS[run] = int(pk[0])
        return persist.save(conn, groups, int(pk[0]))


RUNS: dict[int, int] = {}


def _people(n: int) -> list[dict[str, str]]:
    return [{"last_name": f"Фамилия{i}", "first_name": "Иван", "death_date": "2023-01-01"}
            for i in range(n)]


@pytest.mark.parametrize("backend", ["store", "pg_store"])
def test_second_save_rewrites_only_changed_clusters(backend: str,
                                                   request: pytest.FixtureRequest) -> None:
    st: Store = request.getfixturevalue(backend)
    ids = add_mentions(st, "list", _people(6))
    first = _save(st, [{ids[0], ids[1]}, {ids[2]}, {ids[3]}, {ids[4]}, {ids[5]}], 1)
    new = add_mentions(st, "news", _people(2))
    second = _save(st, [{ids[0], ids[1]}, {ids[2], new[0]}, {ids[3]}, {ids[4]}, {ids[5]},
                        {new[1]}], 2)
    rows = _rows(st)
    # untouched persons keep their rows from run 1; the grown one and the new one are run 2
    assert {m for m, (_p, run) in rows.items() if run == RUNS[2]} == {ids[2], new[0], new[1]}
    assert all(second[m] == first[m] for m in ids)
    assert second[new[0]] == first[ids[2]]
    with st.engine.connect() as conn:
        n = dict(conn.execute(select(persons.c.id, persons.c.n_mentions)).all())
        facts = conn.execute(select(statements.c.person_id, statements.c.mention_id)
                             .where(statements.c.prop == "last_name")).all()
    assert n[first[ids[2]]] == 2 and n[first[ids[0]]] == 2 and n[second[new[1]]] == 1
    assert {m for _p, m in facts} == set(ids) | set(new)


def test_a_split_rewrites_both_parts_and_drops_nothing(store: Store) -> None:
    ids = add_mentions(store, "list", _people(3))
    first = _save(store, [set(ids)], 1)
    second = _save(store, [{ids[0], ids[1]}, {ids[2]}], 2)
    rows = _rows(store)
    assert set(rows) == set(ids)
    assert second[ids[0]] == first[ids[0]] and second[ids[2]] != first[ids[0]]
    assert {run for _p, run in rows.values()} == {RUNS[2]}


def _state(st: Store) -> tuple[dict[int, tuple[int, int]], list[tuple[Any, ...]], int]:
    """(membership rows, persons as (id, merged_into, n_mentions, n_sources), statements)."""
    with st.engine.connect() as conn:
        people = [tuple(r) for r in conn.execute(
            select(persons.c.id, persons.c.merged_into, persons.c.n_mentions,
                   persons.c.n_sources, persons.c.last_name).order_by(persons.c.id))]
        facts = len(conn.execute(select(statements.c.id)).all())
    return _rows(st), people, facts


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.lists(st.integers(0, 4), min_size=8, max_size=8),
       moved=st.sets(st.integers(0, 7), max_size=4),
       second=st.lists(st.integers(0, 5), min_size=11, max_size=11))
def test_saving_only_the_changed_mentions_writes_what_saving_all_does(
        tmp_path_factory: pytest.TempPathFactory, first: list[int], moved: set[int],
        second: list[int]) -> None:
    """8 old mentions in clusters ``first``; 3 new ones; the old mentions in ``moved`` and
    the new ones are clustered again (``second``), the rest of each old cluster stays as it
    was: a scoped save equals a whole one."""
    stores, results = [], []
    for scoped in (False, True):
        s = open_store(Settings(data_dir=tmp_path_factory.mktemp("st")), create=True)
        ids = add_mentions(s, "list", _people(8))
        before = [{ids[i] for i, c in enumerate(first) if c == k} for k in range(5)]
        _save(s, [g for g in before if g], 1)
        ids += add_mentions(s, "news", _people(3))
        changed = {ids[i] for i in moved} | set(ids[8:])
        kept = [g - changed for g in before if g - changed]
        labels = {m: second[i] for i, m in enumerate(ids) if m in changed}
        fresh = [{m for m, c in labels.items() if c == k} for k in range(6)]
        groups = kept + [g for g in fresh if g]
        with s.engine.begin() as conn:
            pk = conn.execute(link_runs.insert().values(
                started_at=datetime.now(UTC), method="test")).inserted_primary_key
            assert pk is not None
            out = persist.save(conn, groups, int(pk[0]), {m: 0.9 for m in changed},
                               changed=changed if scoped else None)
        results.append({m: out[m] for m in changed})
        stores.append(_state(s))
        s.engine.dispose()
    assert results[0] == results[1]
    assert stores[0] == stores[1]


def test_an_incremental_save_leaves_untouched_person_views_alone(store: Store) -> None:
    ids = add_mentions(store, "list", _people(6))
    first = _save(store, [{i} for i in ids], 1)
    with store.engine.connect() as conn:
        before = dict(conn.execute(select(persons.c.id, persons.c.updated_at)).all())
    new = add_mentions(store, "news", _people(1))
    with store.engine.begin() as conn:
        pk = conn.execute(link_runs.insert().values(started_at=datetime.now(UTC),
                                                    method="test")).inserted_primary_key
        assert pk is not None
        # the new mention joins two persons into one; the reclustered group is "changed"
        persist.save(conn, [{ids[0], ids[1], new[0]}, *({i} for i in ids[2:])], int(pk[0]),
                     changed={ids[0], ids[1], new[0]})
    with store.engine.connect() as conn:
        after = dict(conn.execute(select(persons.c.id, persons.c.updated_at)).all())
    touched = {first[ids[0]], first[ids[1]]}
    assert all(after[p] != before[p] for p in touched)
    # the scoped write sees two persons of six: not "most persons" (then all are rebuilt)
    assert {p: after[p] for p in before if p not in touched} == {
        p: v for p, v in before.items() if p not in touched}
