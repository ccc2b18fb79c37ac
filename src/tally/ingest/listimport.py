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

from sqlalchemy import Connection, and_, select

from tally.ingest.errors import InputError, RowProblem, problem
from tally.ingest.mapping import Mapping
from tally.ingest.prepare import MENTION_COLUMNS, Prepared, prepared_batches
from tally.ingest.readers import guess_format, read_rows
from tally.model import SourceType
from tally.store import Store
from tally.store import sources as source_repo
from tally.store.bulk import allocate_ids, bulk_insert
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
        with store.engine.begin() as conn:
            source_id = source_repo.get_or_create(
                conn,
                source,
                type=source_type or mapping.source_type or SourceType.UNKNOWN,
                distinct_persons=mapping.distinct_persons,
                confirms=mapping.confirms,
            )
            now = datetime.now(UTC)
            _file_document(conn, source_id, file_sha, path, fmt, now)
            first = not _has_mentions(conn, source_id)
            for batch in prepared_batches(path, fmt, encoding, mapping, skip_bad_rows, parallel):
                report.rows += batch.rows
                report.skipped.extend(batch.skipped)
                _write_batch(
                    conn, source_id, file_sha, batch.items, report, now, path, skip_bad_rows, first
                )
                if on_bytes is not None:
                    on_bytes(batch.nbytes)
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


def _duplicate(path: Path, p: Prepared, report: ImportReport, skip: bool) -> None:
    found = problem(path, p.line, None, f"record id {p.key!r} appears twice with different data")
    if not skip:
        raise InputError(found, "fix the ids, or pass --skip-bad-rows to keep the first only")
    report.skipped.append(found)


def _write_batch(
    conn: Connection,
    source_id: int,
    file_sha: str,
    batch: list[Prepared],
    report: ImportReport,
    now: datetime,
    path: Path,
    skip: bool,
    first_import: bool,
) -> None:
    existing: dict[str, tuple[int, str, int, str | None]] = {}
    if not first_import:
        query = (
            select(
                mentions.c.record_key,
                mentions.c.id,
                documents.c.sha256,
                mentions.c.version,
                documents.c.parent_sha256,
            )
            .join(documents, documents.c.id == mentions.c.document_id)
            .where(
                mentions.c.source_id == source_id,
                mentions.c.superseded_at.is_(None),
                mentions.c.record_key.in_({p.key for p in batch}),
            )
        )
        for key, mid, sha, version, parent in conn.execute(query):
            existing[key] = (mid, sha, version, parent)
    seen: dict[str, str] = {}
    new_mentions: list[tuple[Prepared, int]] = []
    superseded: list[int] = []
    for p in batch:
        version = 1
        if p.key in seen:
            if seen[p.key] == p.sha:
                report.unchanged += 1
                continue
            _duplicate(path, p, report, skip)
            continue
        seen[p.key] = p.sha
        old = existing.get(p.key)
        if old is None:
            report.added += 1
        else:
            mid, sha, old_version, parent = old
            if sha == p.sha:
                report.unchanged += 1
                continue
            if parent == file_sha:
                _duplicate(path, p, report, skip)
                continue
            superseded.append(mid)
            version = old_version + 1
            report.changed += 1
        new_mentions.append((p, version))
    if new_mentions:
        _insert_new(conn, source_id, new_mentions, superseded, now, file_sha, first_import)


DOC_COLUMNS = (
    "id",
    "sha256",
    "source_id",
    "media_type",
    "imported_at",
    "size",
    "content",
    "parent_sha256",
    "locator",
)
MENTION_INSERT = (
    "id",
    "document_id",
    "source_id",
    "ordinal",
    "record_key",
    "version",
    "created_at",
    "urls",
    *MENTION_COLUMNS,
)


def _insert_new(
    conn: Connection,
    source_id: int,
    new_mentions: list[tuple[Prepared, int]],
    superseded: list[int],
    now: datetime,
    file_sha: str,
    first_import: bool,
) -> None:
    doc_ids: dict[str, int] = {}
    if not first_import:  # a reverted row's bytes may already be stored for this source
        shas = [p.sha for p, _ in new_mentions]
        query = select(documents.c.sha256, documents.c.id).where(
            documents.c.source_id == source_id, documents.c.sha256.in_(shas)
        )
        doc_ids.update((sha, did) for sha, did in conn.execute(query))
    fresh = [p for p, _ in new_mentions if p.sha not in doc_ids]
    ids = allocate_ids(conn, documents, len(fresh))
    doc_ids.update(zip((p.sha for p in fresh), ids, strict=True))
    bulk_insert(
        conn,
        documents,
        DOC_COLUMNS,
        (
            (
                i,
                p.sha,
                source_id,
                "application/json",
                now,
                len(p.content),
                p.content,
                file_sha,
                f"line {p.line}",
            )
            for i, p in zip(ids, fresh, strict=True)
        ),
    )
    if superseded:
        conn.execute(
            mentions.update().where(mentions.c.id.in_(superseded)).values(superseded_at=now)
        )
    mention_ids = allocate_ids(conn, mentions, len(new_mentions))
    bulk_insert(
        conn,
        mentions,
        MENTION_INSERT,
        (
            (
                mid,
                doc_ids[p.sha],
                source_id,
                0,
                p.key,
                version,
                now,
                *p.fields,
            )
            for mid, (p, version) in zip(mention_ids, new_mentions, strict=True)
        ),
    )
