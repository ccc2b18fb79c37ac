"""Write prepared list rows: a Document (the row's bytes) and a Mention each, versioned.

Two ways, the same result:

- **checked** (the default): each batch looks up the stored current mention of its record
  ids, so an unchanged row adds nothing, a changed row becomes the next version of its
  record, and a record id met twice in the file with different data is a bad row.
- **bulk** (a large first import of a source): nothing is stored for the source yet, so
  there is nothing to look up; rows are written as they come — on SQLite with the indexes
  set aside (:func:`tally.store.bulk.indexes_set_aside`), copied from the readers' staged
  databases by ``INSERT ... SELECT`` (:meth:`ListWriter.write_staged`); on PostgreSQL,
  which keeps them, a batch holding a row met earlier in the file breaks the unique index
  on documents and is written again the checked way (inside a savepoint). Record ids met
  twice are found afterwards in one indexed query (:meth:`ListWriter.drop_repeats`) and
  resolved exactly as the checked way would: a repeat of the same row adds nothing, a repeat
  with other data is a bad row (refused, or skipped with ``skip_bad_rows``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, func, select
from sqlalchemy.exc import IntegrityError

from tally.ingest import stage
from tally.ingest.errors import InputError, RowProblem, problem
from tally.ingest.prepare import (
    DOC_VALUE_COLUMNS,
    MENTION_VALUE_COLUMNS,
    STAGE_COLUMNS,
    Prepared,
)
from tally.store.bulk import allocate_ids, bulk_insert, driver_value
from tally.store.schema import documents, mentions

DOC_COLUMNS = ("id", "source_id", "media_type", "imported_at", "parent_sha256", *DOC_VALUE_COLUMNS)
MENTION_INSERT = (
    "id",
    "document_id",
    "source_id",
    "ordinal",
    "created_at",
    "version",
    *MENTION_VALUE_COLUMNS,
)
ROW_MEDIA_TYPE = "application/json"
_TWICE = "record id {key!r} appears twice with different data"
_TWICE_HINT = "fix the ids, or pass --skip-bad-rows to keep the first only"


@dataclass
class Counts:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped: list[RowProblem] = field(default_factory=list)


@dataclass
class ListWriter:
    conn: Connection
    source_id: int
    file_sha: str
    now: datetime
    path: Path
    skip: bool
    bulk: bool
    counts: Counts = field(default_factory=Counts)

    def __post_init__(self) -> None:
        self._now = driver_value(self.conn, mentions, "created_at", self.now)
        if self.conn.dialect.name == "postgresql":
            # the planner's row counts are those of the last ANALYZE, not of this growing
            # transaction: on a first import it takes the tables for empty and scans them
            # for every batch's look-ups (quadratic); the indexes answer them directly
            self.conn.exec_driver_sql("SET LOCAL enable_seqscan = off")

    def write(self, batch: list[Prepared]) -> None:
        """Store one batch of prepared rows."""
        if self.bulk and self.conn.dialect.name != "postgresql":
            self._insert_all(batch)  # the unique indexes are set aside: repeats found later
            return
        if self.bulk:  # PostgreSQL keeps its indexes: a row repeated exactly breaks one
            try:
                with self.conn.begin_nested():
                    self._insert_all(batch)
                return
            except IntegrityError:
                pass  # an identical row met earlier in the file: look this batch up
        existing = self._current(batch)
        seen: dict[str, str] = {}
        fresh: list[tuple[Prepared, int]] = []
        superseded: list[int] = []
        for p in batch:
            line, key, row_sha = p[0], p[1], p[2]
            if key in seen:
                if seen[key] == row_sha:
                    self.counts.unchanged += 1
                else:
                    self._bad(line, key)
                continue
            seen[key] = row_sha
            old = existing.get(key)
            if old is None:
                self.counts.added += 1
                fresh.append((p, 1))
                continue
            mid, sha, version, parent = old
            if sha == row_sha:
                self.counts.unchanged += 1
            elif parent == self.file_sha:  # met earlier in this very file
                self._bad(line, key)
            else:
                superseded.append(mid)
                fresh.append((p, version + 1))
                self.counts.changed += 1
        if fresh:
            self._insert(fresh, superseded, self._stored_documents(fresh))

    def write_staged(
        self, data: bytes, count: int, columns: tuple[str, ...] = STAGE_COLUMNS
    ) -> None:
        """Bulk on SQLite: store ``count`` rows staged by a reader (:mod:`tally.ingest.stage`)
        in ``columns`` (the document values, then some of the mention values) with two
        ``INSERT ... SELECT``: no Python object per row on this side."""
        if count == 0:
            return
        if columns[: len(DOC_VALUE_COLUMNS)] != DOC_VALUE_COLUMNS:
            raise ValueError(f"staged rows need the document values first: {columns}")
        values = ", ".join(columns[len(DOC_VALUE_COLUMNS) :])
        conn, table = self.conn, f"{stage.SCHEMA}.{stage.TABLE}"
        stage.load(conn, data)
        first_doc = allocate_ids(conn, documents, 1)[0] - 1  # + rowid, which counts from 1
        conn.exec_driver_sql(
            f"INSERT INTO documents ({', '.join(DOC_COLUMNS)}) "
            f"SELECT rowid + ?, ?, ?, ?, ?, {', '.join(DOC_VALUE_COLUMNS)} FROM {table}",
            (first_doc, self.source_id, ROW_MEDIA_TYPE, self._now, self.file_sha),
        )
        first_mention = allocate_ids(conn, mentions, 1)[0] - 1
        conn.exec_driver_sql(
            f"INSERT INTO mentions ({', '.join(MENTION_INSERT[:6])}, {values}) "
            f"SELECT rowid + ?, rowid + ?, ?, 0, ?, 1, {values} FROM {table}",
            (first_mention, first_doc, self.source_id, self._now),
        )
        self.counts.added += count

    def release_stage(self) -> None:
        """Free the last staged rows' memory (SQLite)."""
        if self.conn.dialect.name == "sqlite":
            stage.release(self.conn)

    def _bad(self, line: int | None, key: str) -> None:
        found = problem(self.path, line, None, _TWICE.format(key=key))
        if not self.skip:
            raise InputError(found, _TWICE_HINT)
        self.counts.skipped.append(found)

    def _current(self, batch: list[Prepared]) -> dict[str, tuple[int, str, int, str | None]]:
        """The current mention of each record id in ``batch``, with its document's hash and
        parent: two index look-ups (a join lets PostgreSQL's planner, blind to the rows this
        import added, scan the tables)."""
        found = self.conn.execute(
            select(
                mentions.c.record_key, mentions.c.id, mentions.c.version, mentions.c.document_id
            ).where(
                mentions.c.source_id == self.source_id,
                mentions.c.record_key.in_({p[1] for p in batch}),
                mentions.c.superseded_at.is_(None),
            )
        ).all()
        if not found:
            return {}
        docs = {
            did: (sha, parent)
            for did, sha, parent in self.conn.execute(
                select(documents.c.id, documents.c.sha256, documents.c.parent_sha256).where(
                    documents.c.id.in_([row[3] for row in found])
                )
            )
        }
        return {key: (mid, *docs[did][:1], v, docs[did][1]) for key, mid, v, did in found}

    def _stored_documents(self, fresh: list[tuple[Prepared, int]]) -> dict[str, int]:
        """Documents of this source already holding some of these rows' bytes (a row that
        changed and changed back)."""
        query = select(documents.c.sha256, documents.c.id).where(
            documents.c.source_id == self.source_id,
            documents.c.sha256.in_([p[2] for p, _ in fresh]),
        )
        return {sha: did for sha, did in self.conn.execute(query)}

    def _insert_all(self, batch: list[Prepared]) -> None:
        """Bulk: every row is a new record (version 1) with a new document."""
        conn, sid, now = self.conn, self.source_id, self._now
        ids = allocate_ids(conn, documents, len(batch))
        head = (sid, ROW_MEDIA_TYPE, now, self.file_sha)
        docs = [(i, *head, *p[3]) for i, p in zip(ids, batch, strict=True)]
        bulk_insert(conn, documents, DOC_COLUMNS, docs, ready=True)
        mids = allocate_ids(conn, mentions, len(batch))
        rest = (sid, 0, now, 1)
        rows = [(m, d, *rest, *p[4]) for m, d, p in zip(mids, ids, batch, strict=True)]
        bulk_insert(conn, mentions, MENTION_INSERT, rows, ready=True)
        self.counts.added += len(batch)

    def _insert(
        self, fresh: list[tuple[Prepared, int]], superseded: list[int], doc_ids: dict[str, int]
    ) -> None:
        conn, sid, now = self.conn, self.source_id, self._now
        new_docs = [p for p, _ in fresh if p[2] not in doc_ids]
        ids = allocate_ids(conn, documents, len(new_docs))
        head = (sid, ROW_MEDIA_TYPE, now, self.file_sha)
        doc_rows: list[tuple[Any, ...]] = [
            (i, *head, *p[3]) for i, p in zip(ids, new_docs, strict=True)
        ]
        bulk_insert(conn, documents, DOC_COLUMNS, doc_rows, ready=True)
        if superseded:
            conn.execute(
                mentions.update()
                .where(mentions.c.id.in_(superseded))
                .values(superseded_at=self.now)
            )
        if doc_ids:
            doc_ids.update(zip((p[2] for p in new_docs), ids, strict=True))
            targets = [doc_ids[p[2]] for p, _ in fresh]
        else:
            targets = ids
        mids = allocate_ids(conn, mentions, len(fresh))
        mention_rows: list[tuple[Any, ...]] = [
            (mid, did, sid, 0, now, version, *p[4])
            for mid, did, (p, version) in zip(mids, targets, fresh, strict=True)
        ]
        bulk_insert(conn, mentions, MENTION_INSERT, mention_rows, ready=True)

    def drop_repeats(self) -> None:
        """After a bulk load: keep the first row of every record id met more than once; a
        later identical row is unchanged, a later different one a bad row."""
        repeated = (
            select(mentions.c.record_key)
            .where(mentions.c.source_id == self.source_id)
            .group_by(mentions.c.record_key)
            .having(func.count() > 1)
        )
        rows = self.conn.execute(
            select(mentions.c.id, mentions.c.record_key, documents.c.id, documents.c.sha256)
            .join(documents, documents.c.id == mentions.c.document_id)
            .where(mentions.c.source_id == self.source_id, mentions.c.record_key.in_(repeated))
            .order_by(mentions.c.id)
        ).all()
        first: dict[str, str] = {}
        drop_mentions: list[int] = []
        drop_documents: list[int] = []
        for mid, key, did, sha in rows:
            if key not in first:
                first[key] = sha
                continue
            drop_mentions.append(mid)
            drop_documents.append(did)
            self.counts.added -= 1
            if first[key] == sha:
                self.counts.unchanged += 1
            else:
                self._bad(self._line(did), key)
        for chunk in range(0, len(drop_mentions), 500):
            part = slice(chunk, chunk + 500)
            self.conn.execute(delete(mentions).where(mentions.c.id.in_(drop_mentions[part])))
            self.conn.execute(delete(documents).where(documents.c.id.in_(drop_documents[part])))
        self.counts.skipped.sort(key=lambda p: p.line or 0)

    def _line(self, document_id: int) -> int | None:
        locator = self.conn.execute(
            select(documents.c.locator).where(documents.c.id == document_id)
        ).scalar_one()
        return int(locator.removeprefix("line ")) if locator.startswith("line ") else None
