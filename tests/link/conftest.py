"""Stores for linkage tests: SQLite in a temp dir, and PostgreSQL in a fresh schema."""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tally.model import SourceType
from tally.settings import Settings
from tally.store import Store, open_store
from tally.store import sources as store_sources
from tally.store.schema import documents, mentions

PG_URL = os.environ.get("TALLY_TEST_POSTGRES_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(Settings(data_dir=tmp_path), create=True)


@pytest.fixture(scope="session")
def pg_schema_url() -> Iterator[str]:
    schema = f"tally_link_{uuid.uuid4().hex[:8]}"
    try:
        admin = create_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"PostgreSQL not reachable at {PG_URL} ({type(exc).__name__}); "
                    "set TALLY_TEST_POSTGRES_URL")
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def pg_store(pg_schema_url: str, tmp_path: Path) -> Store:
    st = open_store(Settings(data_dir=tmp_path, database_url=pg_schema_url), create=True)
    with st.engine.begin() as conn:
        for table in ("audit_events", "statements", "person_mentions", "decisions", "persons",
                      "link_runs", "mentions", "documents", "sources"):
            conn.execute(text(f"DELETE FROM {table}"))
    return st


def add_mentions(st: Store, source: str, rows: list[dict[str, Any]],
                 distinct: bool = False) -> list[int]:
    """Insert one document per row and its mention; returns mention ids."""
    now = datetime.now(UTC)
    ids = []
    with st.engine.begin() as conn:
        sid = store_sources.get_or_create(conn, source, type=SourceType.UNKNOWN,
                                          distinct_persons=distinct)
        for row in rows:
            body = repr((source, sorted(row.items()), uuid.uuid4().hex)).encode()
            doc = conn.execute(documents.insert().values(
                sha256=hashlib.sha256(body).hexdigest(), source_id=sid, media_type="text/plain",
                imported_at=now, size=len(body), content=body))
            pk = doc.inserted_primary_key
            assert pk is not None
            m = conn.execute(mentions.insert().values(
                document_id=int(pk[0]), source_id=sid, ordinal=0, created_at=now, **row))
            mpk = m.inserted_primary_key
            assert mpk is not None
            ids.append(int(mpk[0]))
    return ids
