"""Re-extraction of stored documents: versions, all-or-nothing, and decisions that survive it
and the re-linkage after it (on SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import tally.extract
from tally.extract.rerun import RerunError, reextract
from tally.extract.result import ExtractionResult
from tally.ingest.postimport import import_posts
from tally.link.exact import link_exact
from tally.model import MentionFacts, PartialDate
from tally.store import Store
from tally.store.schema import audit_events, decisions, mentions, person_mentions, persons
from tally.verify.audit import verify_chain
from tally.verify.decisions import history, record
from tally.verify.grade import grade_all

POSTS = {
    "a": ["В зоне СВО погибли младший сержант Алексей Николаевич Кузнецов и рядовой "
          "Павел Сергеевич Морозов из Курской области."],
    "b": ["Погиб младший сержант Кузнецов Алексей Николаевич.",
          "Погиб рядовой Морозов Павел Сергеевич из Курской области."],
    "c": ["Простились с рядовым Иваном Петровичем Сидоровым, уроженцем Бурятии, погибшим 14 мая.",
          "Погиб рядовой Сидорин Иван Петрович.",
          "Погиб ефрейтор Николай Андреевич Васильев."],
}
EXTRA = MentionFacts(full_name="Олег Смирнов", last_name="Смирнов", first_name="Олег",
                     spans={"full_name": (0, 3)})


def _import(store: Store, tmp: Path) -> None:
    for source, texts in POSTS.items():
        path = tmp / f"{source}.jsonl"
        lines = (json.dumps({"text": t, "date": "2023-05-16"}, ensure_ascii=False) for t in texts)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        import_posts(store, path, source)


def _current(store: Store) -> dict[str, int]:
    """last name -> current mention id (one each in these fixtures, except where noted)."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(mentions.c.id, mentions.c.last_name, mentions.c.source_id)
                            .where(mentions.c.superseded_at.is_(None))
                            .order_by(mentions.c.source_id, mentions.c.id)).all()
    out: dict[str, int] = {}
    for mid, last, sid in rows:
        out[f"{last}/{sid}"] = int(mid)
    return out


def _person_of(store: Store) -> dict[int, int]:
    with store.engine.connect() as conn:
        return {int(m): int(p) for m, p in conn.execute(
            select(person_mentions.c.mention_id, person_mentions.c.person_id))}


def _table(store: Store, table: Any) -> list[tuple[Any, ...]]:
    with store.engine.connect() as conn:
        key = table.primary_key.columns.values()[0]
        return [tuple(r) for r in conn.execute(select(table).order_by(key))]


def _person(store: Store, pid: int) -> Any:
    with store.engine.connect() as conn:
        return conn.execute(select(persons).where(persons.c.id == pid)).one()


def _improved(real: Callable[..., ExtractionResult]) -> Callable[..., ExtractionResult]:
    """An "improved extractor": other facts, another order, one more and one fewer person."""

    def fake(text: str, **kwargs: Any) -> ExtractionResult:
        result = real(text, **kwargs)
        if "Васильев" in text:
            return ExtractionResult([], result.notes)  # one person fewer
        if "Кузнецов и рядовой" in text:  # reversed, a new fact, one person more
            moved = [dataclasses.replace(p, death_date=PartialDate.parse("2023-05-01"))
                     for p in reversed(result.persons)]
            return ExtractionResult([*moved, EXTRA], result.notes)
        if "Сидоровым" in text:
            return ExtractionResult([dataclasses.replace(p, unit="в/ч 12345")
                                     for p in result.persons], result.notes)
        return result

    return fake


@pytest.fixture
def linked(store: Store, tmp_path: Path) -> dict[str, Any]:
    """Posts imported and linked, with every kind of decision recorded on them."""
    _import(store, tmp_path)
    link_exact(store)
    m = _current(store)
    kuz_a, kuz_b = m["Кузнецов/1"], m["Кузнецов/2"]
    sid, sidorin, vas = m["Сидоров/3"], m["Сидорин/3"], m["Васильев/3"]
    who = _person_of(store)
    assert who[kuz_a] == who[kuz_b]  # the exact linker merged them: a reviewer splits them
    with store.engine.begin() as conn:
        record(conn, "different", "olga", mention_a=kuz_a, mention_b=kuz_b, reason="namesakes")
        record(conn, "same", "olga", mention_a=sid, mention_b=sidorin, reason="a typo")
        record(conn, "different", "olga", mention_a=vas, mention_b=kuz_a)
    link_exact(store)
    who = _person_of(store)
    morozov, sidorov, kuznetsov = who[m["Морозов/1"]], who[sid], who[kuz_a]
    assert [who[k] for k in who].count(kuznetsov) == 1  # a person of one (re-extracted) post
    with store.engine.begin() as conn:
        record(conn, "correct", "olga", person_id=kuznetsov, prop="unit", value="в/ч 1")
        record(conn, "correct", "olga", person_id=morozov, prop="settlement", value="Курск")
        record(conn, "confirm", "olga", person_id=morozov, reason="relatives")
        record(conn, "discount", "olga", person_id=sidorov, reason="alive, in captivity")
    return {"m": m, "morozov": morozov, "sidorov": sidorov, "kuznetsov": kuznetsov, "vas": vas}


def test_decisions_survive_reextraction_and_relinkage(
        store: Store, linked: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    m = linked["m"]
    before = _table(store, decisions)
    assert len(before) == 7
    monkeypatch.setattr(tally.extract, "extract", _improved(tally.extract.extract))
    report = reextract(store, actor="olga")
    assert (report.documents, report.unchanged, report.new_versions, report.added,
            report.retired) == (6, 3, 3, 1, 1)
    # the decision naming the person no longer found stays, and is listed
    assert [(u.kind, u.mention_a, u.mention_b) for u in report.not_carried] == [
        ("different", m["Кузнецов/1"], m["Васильев/3"])]
    # pairs naming re-extracted Кузнецов/Сидоров, and both persons' decisions
    assert report.carried == 6
    link_exact(store)
    assert _table(store, decisions) == before  # not a row lost, added or changed
    now, who = _current(store), _person_of(store)
    assert now["Кузнецов/1"] != m["Кузнецов/1"] and now["Сидоров/3"] != m["Сидоров/3"]
    assert "Васильев/3" not in now and "Смирнов/1" in now
    assert who[now["Кузнецов/1"]] != who[now["Кузнецов/2"]]  # cannot-link still holds
    assert who[now["Сидоров/3"]] == who[now["Сидорин/3"]]  # must-link still holds
    assert who[now["Морозов/1"]] == who[now["Морозов/2"]] == linked["morozov"]
    assert who[now["Сидоров/3"]] == linked["sidorov"]  # persons keep their ids
    assert who[now["Кузнецов/1"]] == linked["kuznetsov"]  # even with their only mention new
    grade_all(store)
    morozov, sidorov = _person(store, linked["morozov"]), _person(store, linked["sidorov"])
    assert morozov.settlement == "Курск" and morozov.grade == "confirmed"
    assert morozov.death_date == "2023-05-01"  # the new fact reached the person view
    assert sidorov.grade == "discounted" and sidorov.unit == "в/ч 12345"
    kuznetsov = _person(store, linked["kuznetsov"])
    assert (kuznetsov.unit, kuznetsov.death_date, kuznetsov.n_mentions) == (
        "в/ч 1", "2023-05-01", 1)
    with store.engine.connect() as conn:
        seen = {d["id"] for d in history(conn, linked["sidorov"], [now["Сидоров/3"]])}
        assert len(seen) == 2  # the same-person pair on the old version, and the discount
        assert verify_chain(conn) == []
        event = [e for e in _table(store, audit_events) if e[3] == "extract.rerun"]
        assert len(event) == 1 and json.loads(event[0][5])["new_versions"] == 3


def test_new_mentions_keep_ordinals_and_chain_versions(
        store: Store, linked: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tally.extract, "extract", _improved(tally.extract.extract))
    reextract(store)
    with store.engine.connect() as conn:
        rows = conn.execute(select(mentions.c.last_name, mentions.c.ordinal, mentions.c.version,
                                   mentions.c.superseded_at.is_(None))
                            .where(mentions.c.source_id == 1)
                            .order_by(mentions.c.ordinal, mentions.c.version)).all()
    # reversed by the extractor, yet each person continues its own (document, ordinal)
    assert [tuple(r) for r in rows] == [
        ("Кузнецов", 0, 1, False), ("Кузнецов", 0, 2, True),
        ("Морозов", 1, 1, False), ("Морозов", 1, 2, True), ("Смирнов", 2, 1, True)]


def test_same_extractor_changes_nothing(store: Store, linked: dict[str, Any]) -> None:
    tables = (mentions, decisions, person_mentions, persons)
    before = {t.name: _table(store, t) for t in tables}
    report = reextract(store)
    assert (report.documents, report.unchanged, report.new_versions, report.added,
            report.retired) == (6, 7, 0, 0, 0)
    assert report.carried == 0 and report.not_carried == []
    link_exact(store)
    after = {t.name: _table(store, t) for t in tables}
    assert after["mentions"] == before["mentions"]
    assert after["decisions"] == before["decisions"]
    assert after["person_mentions"] == before["person_mentions"]


def test_dry_run_and_failures_store_nothing(
        store: Store, linked: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    tables = (mentions, decisions, audit_events)
    before = {t.name: _table(store, t) for t in tables}
    real = tally.extract.extract
    monkeypatch.setattr(tally.extract, "extract", _improved(real))
    report = reextract(store, dry_run=True)
    assert (report.new_versions, report.added, report.retired) == (3, 1, 1)
    assert len(report.not_carried) == 1
    assert {t.name: _table(store, t) for t in tables} == before
    calls: list[str] = []

    def crashing(text: str, **kwargs: Any) -> ExtractionResult:
        calls.append(text)
        if len(calls) == 5:
            raise RuntimeError("extractor crashed")
        return _improved(real)(text, **kwargs)

    monkeypatch.setattr(tally.extract, "extract", crashing)
    with pytest.raises(RuntimeError, match="crashed"):
        reextract(store)
    assert {t.name: _table(store, t) for t in tables} == before


def test_one_source_only(store: Store, linked: dict[str, Any],
                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tally.extract, "extract", _improved(tally.extract.extract))
    report = reextract(store, source="c")
    assert (report.documents, report.new_versions, report.retired, report.added) == (3, 1, 1, 0)
    now = _current(store)
    assert now["Кузнецов/1"] == linked["m"]["Кузнецов/1"]  # source a was not read
    assert now["Сидоров/3"] != linked["m"]["Сидоров/3"]
    with pytest.raises(RerunError, match="no source named 'zzz'"):
        reextract(store, source="zzz")


def test_a_person_whose_only_mention_is_retired_is_listed(
        store: Store, linked: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    vas = linked["vas"]
    pid = _person_of(store)[vas]
    with store.engine.begin() as conn:
        record(conn, "confirm", "olga", person_id=pid)
    monkeypatch.setattr(tally.extract, "extract", _improved(tally.extract.extract))
    report = reextract(store)
    assert {(u.kind, u.person_id) for u in report.not_carried} == {
        ("different", None), ("confirm", pid)}
    link_exact(store)
    assert _person(store, pid).n_mentions == 0
    assert pid not in set(_person_of(store).values())
    grade_all(store)  # nothing left to count: discounted, the confirmation kept
    assert _person(store, pid).grade == "discounted"
    assert "confirmation by olga is kept" in _person(store, pid).grade_reason
    again = reextract(store)  # still listed on the next run, never dropped silently
    assert len(again.not_carried) == 2 and again.new_versions == 0


def test_decisions_hold_under_the_probabilistic_linker(
        store: Store, linked: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from tally.link.run import link_probabilistic

    monkeypatch.setattr(tally.extract, "extract", _improved(tally.extract.extract))
    reextract(store)
    link_probabilistic(store)
    now, who = _current(store), _person_of(store)
    assert who[now["Кузнецов/1"]] != who[now["Кузнецов/2"]]
    assert who[now["Сидоров/3"]] == who[now["Сидорин/3"]] == linked["sidorov"]
    assert _person(store, linked["sidorov"]).grade == "discounted"
    assert linked["morozov"] in {who[now["Морозов/1"]], who[now["Морозов/2"]]}
    morozov = _person(store, linked["morozov"])
    assert (morozov.settlement, morozov.merged_into) == ("Курск", None)


def test_mention_discount_and_queue_follow_the_new_version(
        store: Store, linked: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from tally.verify.queue import decided_pairs

    m = linked["m"]
    with store.engine.begin() as conn:
        record(conn, "discount", "olga", mention_a=m["Кузнецов/1"], reason="wrong post")
    grade_all(store)
    assert "every mention was discounted" in _person(store, linked["kuznetsov"]).grade_reason
    monkeypatch.setattr(tally.extract, "extract", _improved(tally.extract.extract))
    reextract(store)
    link_exact(store)
    grade_all(store)
    now = _current(store)
    assert "every mention was discounted" in _person(store, linked["kuznetsov"]).grade_reason
    with store.engine.connect() as conn:
        done = decided_pairs(conn)
    new_pair = tuple(sorted((now["Кузнецов/1"], now["Кузнецов/2"])))
    assert new_pair in done  # a decided pair does not come back to the review queue
