"""Stores for the stats tests: SQLite in a temp folder, and PostgreSQL in a fresh schema."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tally.settings import Settings
from tally.store import Store, open_store
from tally.store.schema import persons

PG_URL = os.environ.get("TALLY_TEST_POSTGRES_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")

AddPerson = Callable[..., int]


def _pg_schema_store(tmp: Path) -> Iterator[Store]:
    schema = f"tally_stats_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # server not running
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {exc}")
    url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    store = open_store(Settings(data_dir=tmp, database_url=url), create=True)
    try:
        yield store
    finally:
        store.engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        yield open_store(Settings(data_dir=tmp_path), create=True)
    else:
        yield from _pg_schema_store(tmp_path)


@pytest.fixture
def add_person(store: Store) -> AddPerson:
    """Insert one persons row directly (the person view as the pipeline would leave it)."""

    def add(**values: Any) -> int:
        now = datetime.now(UTC)
        row = {"created_at": now, "updated_at": now, "grade": "confirmed", "n_mentions": 1,
               "n_sources": 1, **values}
        with store.engine.begin() as conn:
            pk = conn.execute(persons.insert().values(**row)).inserted_primary_key
        assert pk is not None
        return int(pk[0])

    return add
