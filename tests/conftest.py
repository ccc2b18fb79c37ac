"""Fixtures shared by every test package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("TALLY_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` (or ``$TALLY_SHARED_DATA``); tests that need it skip when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA} (set TALLY_SHARED_DATA)")
    return SHARED_DATA


# --- the store on SQLite and on PostgreSQL -------------------------------------------------

import uuid  # noqa: E402
from collections.abc import Iterator  # noqa: E402

from tally.settings import Settings  # noqa: E402
from tally.store import Store, open_store  # noqa: E402

POSTGRES_URL = os.environ.get(
    "TALLY_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _postgres_or_skip() -> None:
    import sqlalchemy

    try:
        engine = sqlalchemy.create_engine(POSTGRES_URL)
        with engine.connect():
            pass
        engine.dispose()
    except Exception as exc:
        message = f"PostgreSQL not reachable at {POSTGRES_URL} ({type(exc).__name__})"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " — under CI the PostgreSQL store tests must run")
        pytest.skip(message + "; set TALLY_TEST_POSTGRES_URL")


@pytest.fixture
def postgres_schema_url() -> Iterator[str]:
    """A URL whose search_path is a fresh, empty schema; dropped afterwards."""
    import sqlalchemy

    _postgres_or_skip()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sqlalchemy.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each store test runs twice: on a SQLite file and on a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tally.db'}"
    else:
        yield request.getfixturevalue("postgres_schema_url")


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    """An initialised, empty store (schema at head) with its data dir under tmp_path."""
    s = open_store(Settings(data_dir=tmp_path / "data", database_url=db_url), create=True)
    try:
        yield s
    finally:
        s.engine.dispose()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """An initialised SQLite store only (for tests that are not about the database)."""
    s = open_store(
        Settings(data_dir=tmp_path / "data", database_url=f"sqlite:///{tmp_path / 'tally.db'}"),
        create=True,
    )
    try:
        yield s
    finally:
        s.engine.dispose()
