"""Import indicators from a CSV/TSV/XLSX/JSON file by a mapping, in one transaction.

- Evidence: the file is archived (content-addressed) and each row becomes a Document whose
  bytes are the row's cells, as the list importer does.
- All-or-nothing: every row is converted before anything is written; the first bad row
  aborts the import with an error naming file, line and column, and nothing is stored.
- Idempotent: a row already stored for the source adds nothing.
- Audited: every import appends an ``import.indicators`` event to the audit chain.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from tally.ingest.convert import row_bytes
from tally.ingest.errors import InputError, problem
from tally.ingest.readers import RawRow, guess_format, read_rows
from tally.recruit.convert import IndicatorConverter, IndicatorRow
from tally.recruit.mapping import IndicatorMapping
from tally.recruit.tables import indicators
from tally.store import Store
from tally.store import sources as source_repo
from tally.store.objects import file_sha256
from tally.store.schema import documents
from tally.verify import audit


@dataclass
class IndicatorImportReport:
    source: str
    file_sha256: str
    rows: int = 0
    added: int = 0
    unchanged: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "file_sha256": self.file_sha256, "rows": self.rows,
                "added": self.added, "unchanged": self.unchanged}


def convert_all(
    path: Path, mapping: IndicatorMapping, encoding: str | None = None
) -> list[tuple[RawRow, IndicatorRow]]:
    """Every row converted, or InputError for the first bad one."""
    header, rows = read_rows(path, guess_format(path), encoding)
    missing = mapping.check_header(header)
    if missing:
        raise InputError(
            problem(path, 1, None, f"the mapping names column(s) {missing} not in the file"),
            f"the file has: {header}",
        )
    convert = IndicatorConverter(mapping, path)
    out: list[tuple[RawRow, IndicatorRow]] = []
    for row in rows:
        result = convert(row)
        if not isinstance(result, IndicatorRow):
            raise InputError(result, "fix the row or the mapping; nothing was imported")
        out.append((row, result))
    if not out:
        raise InputError(problem(path, None, None, "the file has no rows"))
    return out


def import_indicators(
    store: Store,
    path: Path,
    mapping: IndicatorMapping,
    *,
    source: str | None = None,
    encoding: str | None = None,
    actor: str = "cli",
) -> IndicatorImportReport:
    """Import ``path`` as indicators; see the module docstring."""
    name = source or mapping.source
    if not name:
        raise InputError(problem(path, None, None, "no source name"),
                         "give `source:` in the mapping or --source")
    converted = convert_all(path, mapping, encoding)
    file_sha = file_sha256(path)
    created_object = not store.objects.has(file_sha)
    store.objects.put_file(path, file_sha)
    report = IndicatorImportReport(name, file_sha, rows=len(converted))
    try:
        with store.engine.begin() as conn:
            source_id = source_repo.get_or_create(conn, name, type=mapping.source_type)
            now = datetime.now(UTC)
            _file_document(conn, source_id, file_sha, path, now)
            for raw, row in converted:
                _store_row(conn, source_id, file_sha, raw, row, report, now)
            audit.append(conn, actor, "import.indicators", name,
                         {**report.to_dict(), "file": path.name})
    except BaseException:
        if created_object:
            store.objects.path(file_sha).unlink(missing_ok=True)
        raise
    return report


def _file_document(
    conn: Connection, source_id: int, sha: str, path: Path, now: datetime
) -> None:
    exists = conn.execute(
        select(documents.c.id).where(documents.c.source_id == source_id,
                                     documents.c.sha256 == sha)
    ).first()
    if exists is None:
        conn.execute(documents.insert().values(
            sha256=sha, source_id=source_id, media_type="text/csv", title=path.name,
            imported_at=now, size=path.stat().st_size, content=None, locator="file",
        ))


def _store_row(
    conn: Connection, source_id: int, file_sha: str, raw: RawRow, row: IndicatorRow,
    report: IndicatorImportReport, now: datetime,
) -> None:
    content = row_bytes(raw)
    sha = hashlib.sha256(content).hexdigest()
    doc = conn.execute(
        select(documents.c.id).where(documents.c.source_id == source_id,
                                     documents.c.sha256 == sha)
    ).first()
    if doc is None:
        result = conn.execute(documents.insert().values(
            sha256=sha, source_id=source_id, media_type="application/json",
            url=row.source_url, imported_at=now, size=len(content), content=content,
            parent_sha256=file_sha, locator=f"line {raw.line}",
        ))
        pk = result.inserted_primary_key
        assert pk is not None
        document_id = int(pk[0])
    else:
        document_id = int(doc.id)
        seen = conn.execute(
            select(indicators.c.id).where(indicators.c.document_id == document_id)
        ).first()
        if seen is not None:
            report.unchanged += 1
            return
    conn.execute(indicators.insert().values(
        **row.as_values(), source_id=source_id, document_id=document_id, created_at=now,
    ))
    report.added += 1
