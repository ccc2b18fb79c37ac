"""Bulk-load helpers: indexes set aside and rebuilt, rollback restores them, values ready."""

from __future__ import annotations

import os
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, select
from sqlalchemy.exc import IntegrityError

from tally.store import Store
from tally.store.bulk import bulk_insert, driver_value, indexes_set_aside, written_behind
from tally.store.schema import documents, mentions, sources


def _indexes(conn: Connection) -> set[str]:
    rows = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND tbl_name IN ('documents', 'mentions')"
    )
    return {r[0] for r in rows}


def _source(conn: Connection) -> int:
    now = datetime.now(UTC)
    conn.execute(sources.insert().values(id=1, name="s", type="official", created_at=now))
    return 1


def _doc(conn: Connection, i: int, sha: str) -> tuple[object, ...]:
    now = driver_value(conn, documents, "imported_at", datetime.now(UTC))
    return (i, sha, 1, "application/json", now, 1, b"x")


COLS = ("id", "sha256", "source_id", "media_type", "imported_at", "size", "content")


def test_indexes_are_set_aside_and_rebuilt(sqlite_store: Store) -> None:
    with sqlite_store.engine.begin() as conn:
        before = _indexes(conn)
        assert "uq_documents_sha256_source_id" in before and "ix_mentions_name_key" in before
        _source(conn)
        with indexes_set_aside(conn, (documents, mentions)) as aside:
            assert set(aside) == before and _indexes(conn) == set()
            bulk_insert(
                conn, documents, COLS, [_doc(conn, i, f"{i:064x}") for i in range(1, 4)], ready=True
            )
        assert _indexes(conn) == before
        assert (
            conn.execute(
                select(documents.c.id).where(documents.c.sha256 == f"{2:064x}")
            ).scalar_one()
            == 2
        )


def test_a_failed_load_leaves_the_indexes_as_they_were(sqlite_store: Store) -> None:
    with pytest.raises(RuntimeError), sqlite_store.engine.begin() as conn:
        _source(conn)
        with indexes_set_aside(conn, (documents,)):
            raise RuntimeError("the load failed")
    with sqlite_store.engine.connect() as conn:
        assert "uq_documents_sha256_source_id" in _indexes(conn)
        assert conn.execute(select(sources.c.id)).first() is None


def test_rows_that_break_a_unique_index_fail_its_rebuild(sqlite_store: Store) -> None:
    with pytest.raises(IntegrityError), sqlite_store.engine.begin() as conn:
        _source(conn)
        with indexes_set_aside(conn, (documents,)):
            rows = [_doc(conn, 1, "a" * 64), _doc(conn, 2, "a" * 64)]
            bulk_insert(conn, documents, COLS, rows, ready=True)
    with sqlite_store.engine.connect() as conn:
        assert conn.execute(select(documents.c.id)).first() is None
        assert "uq_documents_sha256_source_id" in _indexes(conn)


def test_only_sqlite_sets_indexes_aside(store: Store) -> None:
    with store.engine.begin() as conn, indexes_set_aside(conn, (documents,)) as aside:
        expected = ["uq_documents_sha256_source_id"] if conn.dialect.name == "sqlite" else []
        assert aside == expected


@pytest.mark.parametrize(
    ("column", "value", "sqlite"),
    [
        ("created_at", datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), "2026-01-02 03:04:05+00:00"),
        ("is_officer", True, 1),
        ("last_name", "Иванов", "Иванов"),
        ("age", None, None),
    ],
)
def test_driver_value(sqlite_store: Store, column: str, value: object, sqlite: object) -> None:
    with sqlite_store.engine.connect() as conn:
        assert driver_value(conn, mentions, column, value) == sqlite


def _flushed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Files fsync'd from now on, by name."""
    seen: list[str] = []
    real = os.fsync

    def record(fd: int) -> None:
        seen.append(os.path.basename(os.readlink(f"/proc/self/fd/{fd}")))
        real(fd)

    monkeypatch.setattr(os, "fsync", record)
    return seen


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to name files")
def test_a_long_sqlite_transaction_is_written_behind(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _flushed(monkeypatch)
    db = Path(str(sqlite_store.engine.url.database)).name
    with written_behind(sqlite_store.engine, every=0.01), sqlite_store.engine.begin() as conn:
        _source(conn)
        deadline = time.monotonic() + 5
        while not {db, f"{db}-wal"} <= set(seen) and time.monotonic() < deadline:
            time.sleep(0.01)
    assert {db, f"{db}-wal"} <= set(seen)
    count = len(seen)
    time.sleep(0.05)
    assert len(seen) == count  # the flushing stopped with the block
    with sqlite_store.engine.connect() as conn:
        assert conn.execute(select(sources.c.name)).scalars().all() == ["s"]


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_nothing_is_written_behind_without_a_file(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _flushed(monkeypatch)
    threads = threading.active_count()
    with written_behind(create_engine(url), every=0.001):
        assert threading.active_count() == threads
        time.sleep(0.02)
    assert seen == []


@pytest.mark.postgres
def test_nothing_is_written_behind_on_postgresql(
    postgres_schema_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _flushed(monkeypatch)
    engine = create_engine(postgres_schema_url)
    threads = threading.active_count()
    with written_behind(engine, every=0.001):
        assert threading.active_count() == threads
        time.sleep(0.02)
    engine.dispose()
    assert seen == []
