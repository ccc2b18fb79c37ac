"""Helpers shared by the ingest tests: what prepared batches hold."""

from __future__ import annotations

import sqlite3
from typing import Any

from tally.ingest import stage
from tally.ingest.prepare import STAGE_COLUMNS, Batch


def flat(batch: Batch) -> list[tuple[Any, ...]]:
    """A batch's rows as stored: (document values, mention values) flattened."""
    if batch.staged is None:
        return [(*p[3], *p[4]) for p in batch.items]
    db = sqlite3.connect(":memory:")
    db.deserialize(batch.staged)
    rows = db.execute(f"SELECT * FROM {stage.TABLE} ORDER BY rowid").fetchall()
    assert len(rows) == batch.staged_rows
    # a staged batch holds only the columns the mapping can fill: the others are NULL
    return [
        tuple(dict(zip(batch.staged_columns, r, strict=True)).get(c) for c in STAGE_COLUMNS)
        for r in rows
    ]


def rows_of(batches: list[Batch]) -> tuple[int, int, list[int], list[tuple[Any, ...]]]:
    """What batches hold, however the rows were cut into batches."""
    return (
        sum(b.rows for b in batches),
        sum(b.nbytes for b in batches),
        [p.line or 0 for b in batches for p in b.skipped],
        [row for b in batches for row in flat(b)],
    )
