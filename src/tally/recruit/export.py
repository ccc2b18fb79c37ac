"""Writing the indicators registry to CSV or JSON, one row at a time.

Each row carries what a reader needs to check it: value (with its range), unit, currency,
place, validity, the source and its URL, the SHA-256 of the stored document the figure was
taken from, the grade and whether another source contradicts it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Connection, select

from tally.recruit.registry import Indicator, list_indicators
from tally.recruit.tables import indicators
from tally.store.schema import documents

FORMATS = ("csv", "json")
COLUMNS = (
    "id", "kind", "value", "low", "high", "unit", "currency", "region", "country", "as_of",
    "valid_from", "valid_to", "published_at", "claim_date", "scope", "citation", "source",
    "source_url", "document_sha256", "locator", "grade", "conflict", "conflicts_with", "note",
)


def export_format(path: Path) -> str:
    """``csv`` or ``json`` from the file's suffix; ValueError for anything else."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValueError(f"{path.name}: the export must end in .csv or .json")
    return suffix


def _document_hashes(conn: Connection) -> dict[int, str]:
    stmt = (select(indicators.c.id, documents.c.sha256)
            .join(documents, documents.c.id == indicators.c.document_id))
    return {int(i): str(sha) for i, sha in conn.execute(stmt)}


def export_rows(conn: Connection, kinds: Iterable[str] = ()) -> Iterator[dict[str, Any]]:
    """The registry's indicators (only ``kinds`` when given), in the registry's order."""
    wanted = set(kinds)
    hashes = _document_hashes(conn)
    for item in list_indicators(conn):
        if not wanted or item.kind in wanted:
            yield _row(item, hashes.get(item.id))


def _row(item: Indicator, sha256: str | None) -> dict[str, Any]:
    data = item.to_dict()
    data["document_sha256"] = sha256
    return {column: data[column] for column in COLUMNS}


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    n = 0
    for row in rows:
        writer.writerow([_cell(row[c]) for c in COLUMNS])
        n += 1
    return n


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def write_json(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A JSON array written element by element (never the whole registry in memory)."""
    n = 0
    out.write("[")
    for row in rows:
        out.write(",\n" if n else "\n")
        out.write(json.dumps(row, ensure_ascii=False))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def export_indicators(conn: Connection, path: Path, kinds: Iterable[str] = ()) -> int:
    """Write the registry to ``path`` (.csv or .json); returns the number of rows."""
    fmt = export_format(path)
    rows = export_rows(conn, kinds)
    with path.open("w", encoding="utf-8", newline="") as out:
        return write_csv(rows, out) if fmt == "csv" else write_json(rows, out)
