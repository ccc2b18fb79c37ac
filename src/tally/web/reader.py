"""The engine public pages read through: read-only, one per server process.

SQLite: a second engine on the same file whose connections are ``query_only`` (the file is
in WAL mode, so readers never block the importer or a reviewer's write, nor each other)
with a memory map for the hot pages. PostgreSQL: a connection pool whose sessions are
read-only and never start parallel workers (on a busy web server, parallel plans add
latency). Reviewer and login writes keep using the store's own engine.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event

from tally.store import Store

SQLITE_READ_PRAGMAS = (
    "PRAGMA query_only=ON",
    "PRAGMA busy_timeout=30000",
    "PRAGMA cache_size=-65536",  # 64 MiB
    "PRAGMA mmap_size=1073741824",  # 1 GiB of address space, shared with the page cache
    "PRAGMA temp_store=MEMORY",
)
POSTGRES_READ_SETUP = (
    "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
    "SET max_parallel_workers_per_gather = 0",
)


def _setup(statements: tuple[str, ...]) -> Any:
    def run(dbapi_connection: Any, _record: Any) -> None:
        autocommit = getattr(dbapi_connection, "autocommit", None)
        if autocommit is False:  # psycopg: SET outside a transaction, then back
            dbapi_connection.autocommit = True
        cursor = dbapi_connection.cursor()
        for statement in statements:
            cursor.execute(statement)
        cursor.close()
        if autocommit is False:
            dbapi_connection.autocommit = False

    return run


def read_engine(store: Store, pool_size: int = 8) -> Engine:
    """A new read-only engine on ``store``'s database (create it in each process)."""
    url = store.engine.url
    if store.dialect == "sqlite" and url.database in (None, "", ":memory:"):
        return store.engine  # one in-memory database: nothing else can open it
    if store.dialect == "sqlite":
        engine = create_engine(url, pool_size=pool_size, max_overflow=pool_size)
        event.listen(engine, "connect", _setup(SQLITE_READ_PRAGMAS))
        return engine
    engine = create_engine(url, pool_pre_ping=True, pool_size=pool_size,
                           max_overflow=pool_size)
    event.listen(engine, "connect", _setup(POSTGRES_READ_SETUP))
    return engine
