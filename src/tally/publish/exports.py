"""Streamed exports of persons and statements: CSV, Parquet, JSON Lines.

Rows are read from the database in batches (server-side cursors where the driver has them)
and written as they come, so memory stays flat whatever the size of the store. Only live
(not merged) persons and published fields are exported.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Select, select

from tally.store import Store
from tally.store.schema import mentions, persons, sources, statements

BATCH = 5_000
FORMATS: tuple[str, ...] = ("csv", "parquet", "json")
PERSON_COLUMNS: tuple[str, ...] = (
    "id", "grade", "last_name", "first_name", "patronymic", "birth_date", "death_date",
    "age", "region", "settlement", "unit", "rank", "is_officer", "channel", "citizenship",
    "n_sources",
)
STATEMENT_COLUMNS: tuple[str, ...] = ("id", "person_id", "prop", "value", "source",
                                      "mention_id", "decision_id")


def persons_query() -> Select[Any]:
    return (select(*(persons.c[c] for c in PERSON_COLUMNS))
            .where(persons.c.merged_into.is_(None)).order_by(persons.c.id))


def statements_query() -> Select[Any]:
    return (
        select(statements.c.id, statements.c.person_id, statements.c.prop, statements.c.value,
               sources.c.name, statements.c.mention_id, statements.c.decision_id)
        .select_from(statements.join(persons, persons.c.id == statements.c.person_id)
                     .outerjoin(mentions, mentions.c.id == statements.c.mention_id)
                     .outerjoin(sources, sources.c.id == mentions.c.source_id))
        .where(persons.c.merged_into.is_(None))
        .order_by(statements.c.id)
    )


def batches(conn: Connection, query: Select[Any]) -> Iterator[Sequence[Any]]:
    """Rows of ``query`` in batches, streamed from the server."""
    result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
    yield from result.partitions(BATCH)


@dataclass(frozen=True)
class ExportReport:
    files: dict[str, int]  # file name → rows

    def to_dict(self) -> dict[str, int]:
        return dict(self.files)


def _write_csv(path: Path, columns: Sequence[str], parts: Iterator[Sequence[Any]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for part in parts:
            writer.writerows(["" if v is None else v for v in row] for row in part)
            n += len(part)
    return n


def _write_jsonl(path: Path, columns: Sequence[str], parts: Iterator[Sequence[Any]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for part in parts:
            for row in part:
                fh.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False,
                                    default=str) + "\n")
            n += len(part)
    return n


def _write_parquet(path: Path, columns: Sequence[str], parts: Iterator[Sequence[Any]],
                   types: dict[str, Any]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, types.get(c, pa.string())) for c in columns])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        for part in parts:
            cols = {c: [row[i] for row in part] for i, c in enumerate(columns)}
            writer.write_table(pa.table(cols, schema=schema))
            n += len(part)
    return n


def _parquet_types() -> dict[str, Any]:
    import pyarrow as pa

    return {"id": pa.int64(), "person_id": pa.int64(), "age": pa.int32(),
            "n_sources": pa.int32(), "is_officer": pa.bool_(), "mention_id": pa.int64(),
            "decision_id": pa.int64()}


def export(store: Store, fmt: str, out: Path) -> ExportReport:
    """Write ``persons`` and ``statements`` files of format ``fmt`` into folder ``out``."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}; got {fmt!r}")
    out.mkdir(parents=True, exist_ok=True)
    suffix = {"csv": "csv", "parquet": "parquet", "json": "jsonl"}[fmt]
    files: dict[str, int] = {}
    tables = (("persons", PERSON_COLUMNS, persons_query()),
              ("statements", STATEMENT_COLUMNS, statements_query()))
    with store.engine.connect() as conn:
        for name, columns, query in tables:
            path = out / f"{name}.{suffix}"
            parts = batches(conn, query)
            if fmt == "csv":
                files[path.name] = _write_csv(path, columns, parts)
            elif fmt == "json":
                files[path.name] = _write_jsonl(path, columns, parts)
            else:
                files[path.name] = _write_parquet(path, columns, parts, _parquet_types())
    return ExportReport(files)
