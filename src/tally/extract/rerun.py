"""Re-extract stored documents (``tally reextract``), e.g. after the extractor improved.

Reads the stored ``text`` of every post or page (all sources, or one), runs the extractor
again, and writes what changed as new versions of the mentions; then ``tally link`` as usual.

- A person found again (:mod:`tally.extract.rematch`: same name key or overlapping name span)
  continues its mention's lineage: unchanged facts leave the mention untouched; changed facts
  add version ``n + 1`` of the same (document, ordinal) and supersede version ``n``.
- A new person gets the next free ordinal of the document; a person no longer found is
  retired (superseded without a successor). Nothing is deleted or rewritten.
- Decisions are never rewritten: they are resolved through the lineage when applied
  (:mod:`tally.link.lineage`), and persons keep their ids through re-linkage. A decision that
  cannot be applied any more (its mention, or every mention of its person, was retired) stays
  in the table and is listed in the report.
- All-or-nothing (one transaction) and audited (``extract.rerun``); ``dry_run`` computes the
  same report and rolls back.

List rows (documents without text) are not re-extracted; re-import the list instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, func, select, update

import tally.extract
from tally.extract.rematch import Stored, match, same_facts
from tally.extract.rerun_decisions import Unresolved, review_decisions
from tally.ingest.postimport import mention_row, published_date
from tally.store import Store
from tally.store.schema import documents, mentions, sources
from tally.verify import audit

BATCH = 200


class RerunError(ValueError):
    """Nothing to re-extract as asked (e.g. an unknown source)."""


@dataclass
class RerunReport:
    source: str | None
    dry_run: bool = False
    documents: int = 0
    unchanged: int = 0
    new_versions: int = 0
    added: int = 0
    retired: int = 0
    carried: int = 0
    not_carried: list[Unresolved] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "documents": self.documents,
            "unchanged": self.unchanged,
            "new_versions": self.new_versions,
            "added": self.added,
            "retired": self.retired,
            "decisions_carried": self.carried,
            "decisions_not_carried": [u.as_dict() for u in self.not_carried],
        }


def _source_id(conn: Connection, name: str | None) -> int | None:
    if name is None:
        return None
    sid = conn.execute(select(sources.c.id).where(sources.c.name == name)).scalar()
    if sid is None:
        raise RerunError(f"no source named {name!r}")
    return int(sid)


def count_documents(store: Store, source: str | None = None) -> int:
    """How many documents :func:`reextract` would read (for a progress bar)."""
    with store.engine.connect() as conn:
        query = select(func.count()).select_from(documents).where(documents.c.text.is_not(None))
        sid = _source_id(conn, source)
        if sid is not None:
            query = query.where(documents.c.source_id == sid)
        return int(conn.execute(query).scalar_one())


def _batches(conn: Connection, source_id: int | None) -> Iterator[Sequence[Any]]:
    last = 0
    while True:
        query = (select(documents.c.id, documents.c.source_id, documents.c.text,
                        documents.c.published_at, documents.c.captured_at)
                 .where(documents.c.text.is_not(None), documents.c.id > last)
                 .order_by(documents.c.id).limit(BATCH))
        if source_id is not None:
            query = query.where(documents.c.source_id == source_id)
        rows = conn.execute(query).all()
        if not rows:
            return
        yield rows
        last = int(rows[-1].id)


def _stored(conn: Connection, doc_ids: list[int]) -> dict[int, list[Stored]]:
    """document id -> the newest version of each of its ordinals."""
    newest: dict[tuple[int, int], Any] = {}
    for row in conn.execute(select(mentions).where(
            mentions.c.document_id.in_(doc_ids), mentions.c.record_key.is_(None))
            .order_by(mentions.c.document_id, mentions.c.ordinal, mentions.c.version)):
        newest[(row.document_id, row.ordinal)] = row
    out: dict[int, list[Stored]] = {d: [] for d in doc_ids}
    for (doc, ordinal), row in newest.items():
        out[doc].append(Stored(int(row.id), int(ordinal), int(row.version),
                               row.superseded_at is None, dict(row._mapping)))
    return out


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


@dataclass
class _Writes:
    supersede: list[int] = field(default_factory=list)
    insert: list[dict[str, Any]] = field(default_factory=list)


def _document(doc: Any, stored: list[Stored], lang: str, now: datetime,
              report: RerunReport, writes: _Writes) -> None:
    when = published_date(doc.published_at) or _day(doc.captured_at)
    result = tally.extract.extract(doc.text, lang=lang, published=when)
    found = [mention_row(f) for f in result.persons]
    pairs = match(stored, found)
    next_ordinal = max((s.ordinal for s in stored), default=-1) + 1
    continued = set(pairs.values())
    for i, row in enumerate(found):
        j = pairs.get(i)
        if j is not None and stored[j].current and same_facts(stored[j].row, row):
            report.unchanged += 1
            continue
        if j is None:
            ordinal, version = next_ordinal, 1
            next_ordinal += 1
            report.added += 1
        else:
            old = stored[j]
            ordinal, version = old.ordinal, old.version + 1
            if old.current:
                writes.supersede.append(old.id)
            report.new_versions += 1
        writes.insert.append({**row, "document_id": doc.id, "source_id": doc.source_id,
                              "ordinal": ordinal, "record_key": None, "version": version,
                              "superseded_at": None, "created_at": now})
    for j, old in enumerate(stored):
        if old.current and j not in continued:
            writes.supersede.append(old.id)
            report.retired += 1


def reextract(
    store: Store,
    *,
    source: str | None = None,
    lang: str = "auto",
    dry_run: bool = False,
    actor: str = "cli",
    on_document: Callable[[], None] | None = None,
) -> RerunReport:
    """Re-extract the stored documents of ``source`` (all when None); see the module doc."""
    if lang not in ("auto", "ru", "en"):
        raise ValueError(f"lang must be ru, en or auto, not {lang!r}")
    report = RerunReport(source, dry_run)
    now = datetime.now(UTC)
    affected: list[int] = []
    with store.engine.connect() as conn:
        trans = conn.begin()
        try:
            source_id = _source_id(conn, source)
            for batch in _batches(conn, source_id):
                stored = _stored(conn, [int(d.id) for d in batch])
                writes = _Writes()
                for doc in batch:
                    _document(doc, stored[int(doc.id)], lang, now, report, writes)
                    report.documents += 1
                    if on_document is not None:
                        on_document()
                if writes.supersede:
                    conn.execute(update(mentions).where(mentions.c.id.in_(writes.supersede))
                                 .values(superseded_at=now))
                    affected.extend(writes.supersede)
                if writes.insert:
                    conn.execute(mentions.insert(), writes.insert)
            report.carried, report.not_carried = review_decisions(conn, affected)
            if not dry_run:
                audit.append(conn, actor, "extract.rerun", source or "*", report.as_dict())
        except BaseException:
            trans.rollback()
            raise
        if dry_run:
            trans.rollback()
        else:
            trans.commit()
    return report
