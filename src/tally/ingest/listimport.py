"""Import a person list (CSV/TSV/XLSX/JSON/JSONL) by a mapping: every row a Document and a
Mention, in one transaction.

- Idempotent: a row whose bytes are already stored for that record adds nothing.
- Versioned: a record id whose row changed gets a new version; the old mention is superseded.
- All-or-nothing: the first bad row aborts the import and nothing is stored, unless
  ``skip_bad_rows`` is set, in which case every skipped row is reported.
- Streaming: rows are read and written in batches; memory stays flat.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, and_, func, select

from tally.ingest.errors import InputError, RowProblem, problem
from tally.ingest.listwrite import ListWriter
from tally.ingest.mapping import Mapping
from tally.ingest.prepare import prepared_batches
from tally.ingest.readers import guess_format, read_rows
from tally.model import SourceType
from tally.store import Store
from tally.store import sources as source_repo
from tally.store.bulk import indexes_set_aside, written_behind
from tally.store.objects import file_sha256
from tally.store.schema import documents, mentions
from tally.verify import audit

MEDIA_TYPES = {
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "jsonl": "application/x-ndjson",
}

#: a first import of at least this many rows (estimated from the file size at BYTES_PER_ROW)
#: loads with the indexes set aside and builds them at the end, when the store holds no more
#: than four times as many mentions already (store.bulk.indexes_set_aside)
BULK_ROWS = 50_000
BYTES_PER_ROW = 200


@dataclass
class ImportReport:
    source: str
    file_sha256: str
    rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped: list[RowProblem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "file_sha256": self.file_sha256,
            "rows": self.rows,
            "added": self.added,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "skipped": len(self.skipped),
        }


def import_list(
    store: Store,
    path: Path,
    source: str,
    mapping: Mapping,
    *,
    fmt: str | None = None,
    encoding: str | None = None,
    source_type: SourceType | None = None,
    skip_bad_rows: bool = False,
    actor: str = "cli",
    on_bytes: Callable[[int], None] | None = None,
    parallel: bool | None = None,
) -> ImportReport:
    """Import ``path`` into ``store`` as source ``source``; see the module docstring."""
    fmt = fmt or guess_format(path)
    header, _rows = read_rows(path, fmt, encoding)
    del _rows  # only the header is needed here; the rows are read by prepared_batches
    missing = mapping.check_header(header)
    if missing:
        raise InputError(
            problem(path, 1, None, f"the mapping names column(s) {missing} not in the file"),
            f"the file has: {header}",
        )
    file_sha = file_sha256(path)
    created_object = not store.objects.has(file_sha)
    store.objects.put_file(path, file_sha)
    report = ImportReport(source, file_sha)
    try:
        # a large import writes gigabytes: to disk as it goes, not all at the commit
        with written_behind(store.engine), store.engine.begin() as conn:
            source_id = source_repo.get_or_create(
                conn,
                source,
                type=source_type or mapping.source_type or SourceType.UNKNOWN,
                distinct_persons=mapping.distinct_persons,
                confirms=mapping.confirms,
            )
            now = datetime.now(UTC)
            _file_document(conn, source_id, file_sha, path, fmt, now)
            bulk = not _has_mentions(conn, source_id) and _bulk_load(conn, path)
            writer = ListWriter(conn, source_id, file_sha, now, path, skip_bad_rows, bulk)
            staged = bulk and conn.dialect.name == "sqlite"  # rows go as databases
            batches = prepared_batches(
                path, fmt, encoding, mapping, skip_bad_rows, parallel, staged=staged
            )
            with indexes_set_aside(conn, (documents,) if bulk else ()):
                with indexes_set_aside(conn, (mentions,) if bulk else ()):
                    for batch in batches:
                        report.rows += batch.rows
                        writer.counts.skipped.extend(batch.skipped)
                        if batch.staged is not None:
                            writer.write_staged(
                                batch.staged, batch.staged_rows, batch.staged_columns
                            )
                        else:
                            writer.write(batch.items)
                        if on_bytes is not None:
                            on_bytes(batch.nbytes)
                    if staged:
                        writer.release_stage()
                if bulk:  # with the mentions' indexes back, before the documents' unique one
                    writer.drop_repeats()
            report.added, report.changed = writer.counts.added, writer.counts.changed
            report.unchanged, report.skipped = writer.counts.unchanged, writer.counts.skipped
            audit.append(
                conn,
                actor,
                "import.list",
                source,
                {
                    **report.as_dict(),
                    "file": path.name,
                    "skipped_rows": [str(p) for p in report.skipped],
                },
            )
    except BaseException:
        if created_object:
            store.objects.path(file_sha).unlink(missing_ok=True)
        raise
    return report


def _bulk_load(conn: Connection, path: Path) -> bool:
    """Is this file big enough, against what is stored, to load without look-ups (and, on
    SQLite, with its indexes set aside)?"""
    rows = path.stat().st_size // BYTES_PER_ROW  # a low guess: list rows are rarely shorter
    if rows < BULK_ROWS:
        return False
    stored = conn.execute(select(func.coalesce(func.max(mentions.c.id), 0))).scalar_one()
    return rows * 4 >= int(stored)


def _has_mentions(conn: Connection, source_id: int) -> bool:
    found = conn.execute(select(mentions.c.id).where(mentions.c.source_id == source_id).limit(1))
    return found.first() is not None


def _file_document(
    conn: Connection, source_id: int, sha: str, path: Path, fmt: str, now: datetime
) -> None:
    exists = conn.execute(
        select(documents.c.id).where(
            and_(documents.c.source_id == source_id, documents.c.sha256 == sha)
        )
    ).first()
    if exists is None:
        conn.execute(
            documents.insert().values(
                sha256=sha,
                source_id=source_id,
                media_type=MEDIA_TYPES[fmt],
                title=path.name,
                imported_at=now,
                size=path.stat().st_size,
                content=None,
                locator="file",
            )
        )
