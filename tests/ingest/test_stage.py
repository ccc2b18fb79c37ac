"""Staged rows: a batch as a SQLite database, loaded into the writer's transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine

from tally.ingest import stage

COLUMNS = ("t", "n", "b", "flag", "empty")
ROWS = [
    ("Иванов", 7, b"\x00{\"a\":1}", True, None),
    ("", 0, b"", False, None),
    ("line 3", -1, b"\xff", None, "x"),
]


def _read(conn, sql: str) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    return [tuple(r) for r in conn.exec_driver_sql(sql).all()]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (ROWS, [(1, "Иванов", 7, b"\x00{\"a\":1}", 1, None), (2, "", 0, b"", 0, None),
                (3, "line 3", -1, b"\xff", None, "x")]),
        ([], []),
    ],
    ids=["values as bound", "no rows"],
)
def test_staged_rows_read_back_in_order_inside_a_transaction(
    tmp_path: Path, rows: list[tuple[object, ...]], expected: list[tuple[object, ...]]
) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'w.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE kept (t)")
        conn.exec_driver_sql("INSERT INTO kept VALUES ('before')")
        stage.load(conn, stage.build(COLUMNS, rows))
        got = _read(conn, f"SELECT rowid, * FROM {stage.SCHEMA}.{stage.TABLE} ORDER BY rowid")
        assert got == expected
        conn.exec_driver_sql(f"INSERT INTO kept SELECT t FROM {stage.SCHEMA}.{stage.TABLE}")
    with engine.connect() as conn:
        assert _read(conn, "SELECT count(*) FROM kept") == [(1 + len(rows),)]


def test_a_second_load_replaces_the_first_and_release_empties(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'w.db'}")
    table = f"{stage.SCHEMA}.{stage.TABLE}"
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE kept (t)")
        stage.load(conn, stage.build(COLUMNS, ROWS))
        stage.load(conn, stage.build(COLUMNS, ROWS[:1]))
        assert _read(conn, f"SELECT t FROM {table}") == [("Иванов",)]
        stage.release(conn)
        assert _read(conn, f"SELECT count(*) FROM {table}") == [(0,)]


def test_staging_needs_sqlite() -> None:
    class Fake:
        class connection:  # mimics SQLAlchemy's attribute
            driver_connection = object()

    with pytest.raises(TypeError, match="SQLite"):
        stage.load(Fake(), b"")  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(),
            st.integers(min_value=-(2**63), max_value=2**63 - 1),
            st.binary(),
            st.none() | st.booleans(),
            st.none() | st.text(),
        ),
        max_size=30,
    )
)
def test_any_rows_survive_staging(
    rows: list[tuple[str, int, bytes, bool | None, str | None]],
) -> None:
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        stage.load(conn, stage.build(COLUMNS, rows))
        got = _read(conn, f"SELECT * FROM {stage.SCHEMA}.{stage.TABLE} ORDER BY rowid")
    expected = [(t, n, b, None if f is None else int(f), e) for t, n, b, f, e in rows]
    assert got == expected
