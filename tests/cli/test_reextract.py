"""``tally reextract`` end to end through the typer app, then ``tally link`` (SQLite and
PostgreSQL)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

import tally.extract
from tally.cli import _build
from tally.extract.result import ExtractionResult
from tally.model import PartialDate
from tally.store import Store
from tally.store.schema import decisions, mentions, person_mentions
from tally.verify.decisions import record

POSTS = ["Погиб младший сержант Кузнецов Алексей Николаевич.",
         "Погиб младший сержант Алексей Николаевич Кузнецов из Курской области.",
         "Погиб ефрейтор Николай Андреевич Васильев."]


@pytest.fixture
def env(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("TALLY_DATA_DIR", str(store.settings.data_dir))
    monkeypatch.setenv("TALLY_DATABASE_URL", store.settings.db_url)
    return store


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(_build(), list(args))
    return result.exit_code, result.output


def _rows(store: Store, table: Any) -> list[tuple[Any, ...]]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(table).order_by(table.c[
            table.primary_key.columns.keys()[0]]))]


def test_reextract_then_link_keeps_decisions(
        env: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in POSTS),
                    encoding="utf-8")
    assert run("import", "posts", str(path), "--source", "news")[0] == 0
    assert run("link", "--method", "exact")[0] == 0
    with env.engine.connect() as conn:
        kuz = [int(m) for m in conn.execute(select(mentions.c.id).where(
            mentions.c.last_name == "Кузнецов").order_by(mentions.c.id)).scalars()]
        vas = conn.execute(select(mentions.c.id).where(mentions.c.last_name == "Васильев")
                           ).scalar_one()
    with env.engine.begin() as conn:
        record(conn, "different", "olga", mention_a=kuz[0], mention_b=kuz[1])
        record(conn, "discount", "olga", mention_a=vas, reason="a duplicate post")
    code, out = run("reextract")
    assert code == 0, out
    assert "3 documents read\nmentions: 3 unchanged, 0 new versions, 0 added, 0 retired" in out
    real = tally.extract.extract

    def improved(text: str, **kwargs: Any) -> ExtractionResult:
        r = real(text, **kwargs)
        if "Васильев" in text:
            return ExtractionResult([], r.notes)
        return ExtractionResult([dataclasses.replace(p, death_date=PartialDate.parse("2023-05"))
                                 for p in r.persons], r.notes)

    monkeypatch.setattr(tally.extract, "extract", improved)
    before = {t.name: _rows(env, t) for t in (mentions, decisions)}
    code, out = run("reextract", "--dry-run")
    assert code == 0 and "dry run" in out
    assert "2 new versions, 0 added, 1 retired" in out
    assert {t.name: _rows(env, t) for t in (mentions, decisions)} == before
    code, out = run("reextract", "--source", "news")
    assert code == 0, out
    assert "0 unchanged, 2 new versions, 0 added, 1 retired" in out
    assert "1 carried over, 1 not carried over" in out
    assert f"(discount): mention {vas} was retired" in out and "tally link" in out
    assert run("link", "--method", "exact")[0] == 0
    with env.engine.connect() as conn:
        current = [int(m) for m in conn.execute(select(mentions.c.id).where(
            mentions.c.superseded_at.is_(None)).order_by(mentions.c.id)).scalars()]
        who = dict(conn.execute(select(person_mentions.c.mention_id,
                                       person_mentions.c.person_id)).all())
    assert len(current) == 2 and set(current).isdisjoint(kuz)
    assert who[current[0]] != who[current[1]]  # the exact linker alone would merge them
    assert _rows(env, decisions) == before["decisions"]
    assert run("audit", "verify")[0] == 0
    code, out = run("reextract", "--source", "nope")
    assert code == 1 and "no source named 'nope'" in out
