"""The audit chain detects edited, deleted and reordered events, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import delete, update

from tally.store import Store
from tally.store.schema import audit_events
from tally.verify.audit import append, verify_chain


def _fill(store: Store, n: int = 5) -> None:
    with store.engine.begin() as conn:
        for i in range(n):
            append(conn, "tester", "test.event", f"s{i}", {"i": i, "text": "Иванов"})


def test_intact_chain_verifies(store: Store) -> None:
    _fill(store)
    with store.engine.connect() as conn:
        assert verify_chain(conn) == []


def test_edited_payload_is_found(store: Store) -> None:
    _fill(store)
    with store.engine.begin() as conn:
        conn.execute(update(audit_events).where(audit_events.c.seq == 3).values(payload='{"i":99}'))
    with store.engine.connect() as conn:
        problems = verify_chain(conn)
    assert [p.seq for p in problems] == [3]
    assert "changed" in problems[0].problem


def test_deleted_event_is_found(store: Store) -> None:
    _fill(store)
    with store.engine.begin() as conn:
        conn.execute(delete(audit_events).where(audit_events.c.seq == 2))
    with store.engine.connect() as conn:
        problems = verify_chain(conn)
    assert problems and problems[0].seq == 3
    assert any("missing" in p.problem for p in problems)


def test_reordered_events_are_found(store: Store) -> None:
    _fill(store)
    with store.engine.begin() as conn:
        conn.execute(update(audit_events).where(audit_events.c.seq == 2).values(seq=100))
        conn.execute(update(audit_events).where(audit_events.c.seq == 4).values(seq=2))
        conn.execute(update(audit_events).where(audit_events.c.seq == 100).values(seq=4))
    with store.engine.connect() as conn:
        problems = verify_chain(conn)
    assert {p.seq for p in problems} >= {2}


def test_edited_actor_is_found(store: Store) -> None:
    _fill(store)
    with store.engine.begin() as conn:
        conn.execute(update(audit_events).where(audit_events.c.seq == 5).values(actor="mallory"))
    with store.engine.connect() as conn:
        assert [p.seq for p in verify_chain(conn)] == [5]
