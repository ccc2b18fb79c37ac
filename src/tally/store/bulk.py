"""Fast bulk inserts through the DBAPI's executemany, for imports of millions of rows.

SQLAlchemy's per-row parameter processing costs more than SQLite's insert itself at this
scale. Here the statement text is built once with the driver's positional placeholders,
rows are passed as tuples, a column's type conversion runs only where the driver needs one
(SQLite: datetimes, booleans), and ids are allocated up front instead of selected back.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, DateTime, Engine, LargeBinary, Table, func, select, text


def allocate_ids(conn: Connection, table: Table, n: int) -> list[int]:
    """``n`` fresh primary keys for ``table``.

    SQLite: max(id)+1 onward — safe because the caller's transaction already holds SQLite's
    write lock (it has written before calling). PostgreSQL: the table's sequence.
    """
    if n == 0:
        return []
    if conn.dialect.name == "postgresql":
        seq = conn.execute(
            text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}
        ).scalar_one()
        rows = conn.execute(
            text("SELECT nextval(CAST(:s AS regclass)) FROM generate_series(1, :n)"),
            {"s": seq, "n": n},
        )
        return [int(r[0]) for r in rows]
    start = int(conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1
    return list(range(start, start + n))


def _mark(conn: Connection) -> str:
    """The driver's positional placeholder (sqlite3: ``?``, psycopg: ``%s``)."""
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def insert_sql(conn: Connection, table: Table, columns: Sequence[str]) -> str:
    mark = _mark(conn)
    prep = conn.dialect.identifier_preparer
    cols = ", ".join(prep.quote(c) for c in columns)
    return (
        f"INSERT INTO {prep.quote(table.name)} ({cols}) VALUES ({', '.join([mark] * len(columns))})"
    )


def _sqlite_datetime(value: datetime) -> str:
    return value.isoformat(" ")


def _processor(conn: Connection, table: Table, column: str) -> Callable[[Any], Any] | None:
    """What turns a value of ``table.column`` into the driver's form; None: nothing."""
    kind = table.c[column].type
    if isinstance(kind, LargeBinary):  # bytes go through as they are
        return None
    if isinstance(kind, DateTime) and conn.dialect.name == "sqlite":
        return _sqlite_datetime  # what sqlite3's own adapter would store
    proc: Callable[[Any], Any] | None = kind.bind_processor(conn.dialect)
    return proc


def driver_value(conn: Connection, table: Table, column: str, value: Any) -> Any:
    """``value`` as the driver takes it for ``table.column`` (e.g. a datetime on SQLite)."""
    proc = _processor(conn, table, column)
    return value if value is None or proc is None else proc(value)


def bulk_insert(
    conn: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    ready: bool = False,
) -> None:
    """Insert rows given as value tuples in ``columns`` order.

    ``ready``: the values are already as the driver takes them (constants passed through
    :func:`driver_value`; texts, numbers, booleans and bytes need nothing) — the rows go to
    the driver untouched, the fastest path.
    """
    if ready:
        batch = rows if isinstance(rows, list) else list(rows)
        if batch:
            conn.exec_driver_sql(insert_sql(conn, table, columns), batch)
        return
    params = _driver_rows(conn, table, columns, rows)
    if params:
        conn.exec_driver_sql(insert_sql(conn, table, columns), params)


def _driver_rows(
    conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> list[Sequence[Any]]:
    """``rows`` with each value as the driver takes it for its column."""
    procs = [
        (i, proc)
        for i, c in enumerate(columns)
        if (proc := _processor(conn, table, c)) is not None
    ]
    if not procs:
        return [tuple(r) for r in rows]
    last: dict[int, tuple[Any, Any]] = {}  # column -> (input, output): constants once

    def convert(row: Sequence[Any]) -> Sequence[Any]:
        values = list(row)
        for i, proc in procs:
            value = values[i]
            if value is None:
                continue
            cached = last.get(i)
            if cached is not None and cached[0] is value:
                values[i] = cached[1]
            else:
                values[i] = out = proc(value)
                last[i] = (value, out)
        return tuple(values)

    return [convert(r) for r in rows]


def bulk_update(
    conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """``UPDATE table SET columns WHERE id = ...`` for rows given as (values..., id) tuples,
    through the driver's executemany (SQLAlchemy's per-row parameter work cost more than
    the update itself for 50,000 person views)."""
    mark = _mark(conn)
    prep = conn.dialect.identifier_preparer
    sets = ", ".join(f"{prep.quote(c)} = {mark}" for c in columns)
    params = _driver_rows(conn, table, [*columns, "id"], rows)
    if params:
        conn.exec_driver_sql(
            f"UPDATE {prep.quote(table.name)} SET {sets} WHERE {prep.quote('id')} = {mark}",
            params,
        )


@contextmanager
def indexes_set_aside(conn: Connection, tables: Sequence[Table]) -> Iterator[list[str]]:
    """Drop the secondary indexes of ``tables`` now and build them again on leaving.

    A bulk load into an index is random writes into a B-tree larger than the page cache; a
    load followed by one sorted index build is several times cheaper. SQLite only, where DDL
    is part of the caller's transaction: readers keep seeing the indexes of the last commit,
    and if the load fails the rollback restores them (nothing is rebuilt on an exception).
    A unique index that the loaded rows would break fails the rebuild, and so the load.
    Yields the names of the indexes set aside (none on other databases).
    """
    if conn.dialect.name != "sqlite":
        yield []
        return
    marks = ", ".join("?" for _ in tables)
    found = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({marks}) ORDER BY name",
        tuple(t.name for t in tables),
    ).all()
    for name, _sql in found:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield [str(name) for name, _sql in found]
    for _name, sql in found:
        conn.exec_driver_sql(str(sql))


@contextmanager
def written_behind(engine: Engine, every: float = 0.5) -> Iterator[None]:
    """While a long SQLite transaction writes and commits, flush the database's files (the
    write-ahead log and the database itself) to disk every ``every`` seconds from a
    background thread.

    A large transaction spills its pages into the WAL file as it goes, and its commit's
    checkpoint copies them into the database file; the kernel keeps both in memory (up to a
    tenth of the RAM, on Linux's defaults) until the checkpoint's fsync calls — then
    gigabytes are written while the import waits. Written behind, that I/O overlaps the
    import's work. What is stored, and when it is durable, do not change. Nothing happens on
    other databases or in-memory SQLite.
    """
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:" or path.startswith("file:"):
        yield
        return
    stop = threading.Event()

    def flush() -> None:
        while not stop.wait(every):
            for name in (f"{path}-wal", path):
                try:
                    fd = os.open(name, os.O_RDONLY)
                except OSError:
                    continue  # not created yet
                try:
                    os.fsync(fd)
                except OSError:
                    pass
                finally:
                    os.close(fd)

    worker = threading.Thread(target=flush, name="sqlite-write-behind", daemon=True)
    worker.start()
    try:
        yield
    finally:
        stop.set()
        worker.join()
