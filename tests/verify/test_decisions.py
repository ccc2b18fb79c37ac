"""Decisions are appended, supersede the old one, are audited and regrade the person."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tally.link.exact import link_exact
from tally.store import Store
from tally.store.schema import audit_events, decisions, persons
from tally.verify import decisions as dec
from tally.verify.audit import verify_chain
from tally.verify.grade import grade_all
from tally.verify.queue import QueuePair, pending_pairs
from tally.verify.tables import fact_grades

from .conftest import Seeder


def _grade(store: Store, pid: int) -> tuple[str, str]:
    with store.engine.connect() as conn:
        row = conn.execute(select(persons.c.grade, persons.c.grade_reason)
                           .where(persons.c.id == pid)).one()
    return row.grade, row.grade_reason


def test_confirm_then_discount_supersedes(store: Store, seed: Seeder) -> None:
    _m, pid = seed.mention("a", "Иванов Сергей погиб", last_name="Иванов", first_name="Сергей")
    with store.engine.begin() as conn:
        first = dec.record(conn, "confirm", "olga", person_id=pid)
    assert _grade(store, pid) == ("confirmed", "confirmed by reviewer olga")
    with store.engine.begin() as conn:
        with pytest.raises(dec.DecisionError, match="reason"):
            dec.record(conn, "discount", "ivan", person_id=pid)
        second = dec.record(conn, "discount", "ivan", person_id=pid, reason="он жив, в плену")
    assert second.superseded == [first.id]
    assert _grade(store, pid) == ("discounted", "discounted by reviewer ivan: он жив, в плену")
    with store.engine.connect() as conn:
        rows = conn.execute(select(decisions).order_by(decisions.c.id)).all()
        actions = conn.execute(select(audit_events.c.action, audit_events.c.subject)
                               .order_by(audit_events.c.seq)).all()
        assert verify_chain(conn) == []
    assert [r.deleted_at is not None for r in rows] == [True, False]
    assert (rows[1].user, rows[1].reason) == ("ivan", "он жив, в плену")
    assert ("decision.confirm", f"person:{pid}") in actions
    assert ("decision.discount", f"person:{pid}") in actions
    assert [a for a, _ in actions].count("grade.change") == 2


def test_correct_changes_view_and_fact_grade(store: Store, seed: Seeder) -> None:
    _m, pid = seed.mention("a", "Иванов погиб 14 мая", last_name="Иванов",
                           death_date="2023-05-14")
    seed.mention("b", "Иванов погиб 2 июня", last_name="Иванов", death_date="2023-06-02",
                 person=pid)
    grade_all(store)
    with store.engine.connect() as conn:
        before = conn.execute(select(fact_grades.c.grade).where(
            fact_grades.c.person_id == pid, fact_grades.c.prop == "death_date")).scalar_one()
    assert before == "contested"
    assert _grade(store, pid)[0] == "confirmed"  # the death is confirmed all the same
    with store.engine.begin() as conn:
        with pytest.raises(dec.DecisionError):
            dec.record(conn, "correct", "olga", person_id=pid, prop="death_date",
                       value="14 мая")
        dec.record(conn, "correct", "olga", person_id=pid, prop="death_date",
                   value="2023-05-14", reason="по некрологу")
    with store.engine.connect() as conn:
        view = conn.execute(select(persons.c.death_date).where(persons.c.id == pid)).scalar()
        fact = conn.execute(select(fact_grades).where(
            fact_grades.c.person_id == pid, fact_grades.c.prop == "death_date")).one()
    assert view == "2023-05-14"
    assert (fact.grade, fact.value) == ("confirmed", "2023-05-14")


def test_pair_decisions_leave_queue_and_survive_relinking(store: Store, seed: Seeder) -> None:
    a, pid = seed.mention("a", "Петров Пётр", last_name="Петров", first_name="Пётр")
    b, _ = seed.mention("b", "Петров Петр", last_name="Петров", first_name="Петр", prob=0.6,
                        person=pid)
    with store.engine.connect() as conn:
        assert pending_pairs(conn) == [QueuePair(a, b, 0.6)]
    with store.engine.begin() as conn:
        dec.record(conn, "unsure", "olga", mention_a=b, mention_b=a)
        again = dec.record(conn, "different", "olga", mention_a=a, mention_b=b)
        assert len(again.superseded) == 1
        assert pending_pairs(conn) == []
        with pytest.raises(dec.DecisionError):
            dec.record(conn, "same", "olga", mention_a=a, mention_b=a)
    link_exact(store)
    link_exact(store)
    from tally.link.exact import active_pairs
    with store.engine.connect() as conn:
        assert active_pairs(conn) == ([], [(a, b)])


def test_discounted_mention_leaves_the_evidence(store: Store, seed: Seeder) -> None:
    a, pid = seed.mention("a", "Сидоров", last_name="Сидоров")
    seed.mention("b", "Сидоров", last_name="Сидоров", person=pid)
    grade_all(store)
    assert _grade(store, pid)[0] == "confirmed"
    with store.engine.begin() as conn:
        dec.record(conn, "discount", "olga", mention_a=a, reason="фейковый канал")
    assert _grade(store, pid) == ("reported", "a single unconfirmed source")


def test_grade_all_counts_and_audits_changes(store: Store, seed: Seeder) -> None:
    seed.mention("gov", "Иванов", stype="official", last_name="Иванов")
    seed.mention("tg", "Петров", last_name="Петров")
    seed.mention("tg2", "Сидоров погиб", last_name="Сидоров")
    assert grade_all(store) == {"confirmed": 1, "reported": 2}
    assert grade_all(store) == {"confirmed": 1, "reported": 2}
    with store.engine.connect() as conn:
        changes = conn.execute(select(audit_events.c.subject).where(
            audit_events.c.action == "grade.change")).scalars().all()
        assert verify_chain(conn) == []
    assert len(changes) == 1  # only the official one changed (from the initial "reported")
