"""Prepared list rows handed to the writer as a small SQLite database (SQLite stores only).

A reader process puts a batch of prepared rows into an in-memory SQLite database and sends
its serialized bytes (one buffer: no per-row pickling). The writer loads those bytes into a
schema attached to its own connection and copies the rows with ``INSERT ... SELECT``: the
rows never become Python objects in the writer, and SQLite binds no parameters per row.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

#: the schema name the writer attaches the staged rows under, and their table
SCHEMA = "tally_stage"
TABLE = "rows"
#: a missing value in staged rows: SQLite stores NaN as NULL, and the sqlite3 module binds a
#: float directly where None (like any type but int, float and str) goes through its adapter
#: look-up first
NULL = math.nan
_EMPTY: bytes | None = None


def build(columns: Sequence[str], rows: list[tuple[Any, ...]]) -> bytes:
    """``rows`` (values in ``columns`` order) as the bytes of a SQLite database holding one
    table, TABLE, whose rowids number the rows from 1 in order."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db.execute("PRAGMA page_size=65536")  # fewer pages to split: ~10% cheaper to fill
        db.execute("PRAGMA journal_mode=OFF")
        names = ", ".join(f'"{c}"' for c in columns)
        db.execute(f"CREATE TABLE {TABLE} ({names})")  # no types: values stay as bound
        db.execute("BEGIN")
        db.executemany(
            f"INSERT INTO {TABLE} VALUES ({', '.join('?' for _ in columns)})", rows
        )
        db.execute("COMMIT")
        return db.serialize()
    finally:
        db.close()


def _driver(conn: Connection) -> sqlite3.Connection:
    raw = conn.connection.driver_connection
    if not isinstance(raw, sqlite3.Connection):
        raise TypeError("staged rows need a SQLite connection")
    return raw


def load(conn: Connection, data: bytes) -> None:
    """Make ``data`` (from :func:`build`) readable as ``SCHEMA.TABLE`` on ``conn``, inside
    its open transaction; the previous staged rows are replaced."""
    raw = _driver(conn)
    attached = {row[1] for row in raw.execute("PRAGMA database_list")}
    if SCHEMA not in attached:
        raw.execute(f"ATTACH DATABASE ':memory:' AS {SCHEMA}")
    raw.deserialize(data, name=SCHEMA)


def release(conn: Connection) -> None:
    """Free the memory of the last staged rows (the schema stays attached, empty)."""
    global _EMPTY
    raw = _driver(conn)
    if SCHEMA in {row[1] for row in raw.execute("PRAGMA database_list")}:
        if _EMPTY is None:
            _EMPTY = build(("x",), [])
        raw.deserialize(_EMPTY, name=SCHEMA)
