"""Import posts and pages into the store, extracting the persons each one reports killed.

- One transaction per file: a bad post (or any error half-way) refuses the whole file, and
  nothing is stored: no source, document, mention or audit event, and no object file.
- Idempotent: a post whose bytes are already stored for the source is skipped (its mentions
  are kept; use re-extraction to refresh them).
- Each post is a Document: its raw bytes (inline when small, else in the object store), and
  ``text``, the exact text extraction read, so mention spans index into it. Counts given
  without names, and where a post was forwarded from, are kept as the document's note.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from tally.ingest.posts import Post, read_posts
from tally.model import MentionFacts, PartialDate, SourceType
from tally.names.normal import name_key
from tally.store import Store
from tally.store import sources as source_repo
from tally.store.objects import file_sha256
from tally.store.schema import documents, mentions
from tally.verify import audit

INLINE_BYTES = 64 * 1024


@dataclass
class PostReport:
    source: str
    posts: int = 0
    added: int = 0
    unchanged: int = 0
    persons: int = 0
    notes: int = 0
    per_post: list[tuple[str, int]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "posts": self.posts,
            "added": self.added,
            "unchanged": self.unchanged,
            "persons": self.persons,
            "notes": self.notes,
        }


def published_date(value: str | None) -> date | None:
    """The day of an ISO date or datetime; None for a partial date (a year or a month)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def mention_row(facts: MentionFacts) -> dict[str, Any]:
    """Mention columns from extracted facts."""

    def text(v: Any) -> Any:
        return str(v) if isinstance(v, PartialDate) else v

    return {
        "full_name": facts.full_name,
        "last_name": facts.last_name,
        "first_name": facts.first_name,
        "patronymic": facts.patronymic,
        "name_key": name_key(facts.last_name, facts.first_name, facts.patronymic),
        "birth_date": text(facts.birth_date),
        "death_date": text(facts.death_date),
        "age": facts.age,
        "region": facts.region,
        "settlement": facts.settlement,
        "unit": facts.unit,
        "rank": facts.rank,
        "is_officer": facts.is_officer,
        "channel": facts.channel.value if facts.channel else None,
        "citizenship": facts.citizenship,
        "urls": json.dumps(facts.urls) if facts.urls else None,
        "spans": json.dumps({k: list(v) for k, v in facts.spans.items()}),
        "confidence": json.dumps(facts.confidence),
    }


def import_posts(
    store: Store,
    path: Path,
    source: str,
    *,
    fmt: str | None = None,
    source_type: SourceType = SourceType.UNKNOWN,
    lang: str = "auto",
    actor: str = "cli",
    on_post: Callable[[], None] | None = None,
) -> PostReport:
    """Import every post of ``path`` as source ``source``; see the module docstring.

    Raises :class:`~tally.ingest.errors.InputError` naming the place of the first bad post.
    """
    from tally.extract import extract

    if lang not in ("auto", "ru", "en"):
        raise ValueError(f"lang must be ru, en or auto, not {lang!r}")
    posts = read_posts(path, fmt)  # an unknown format or an empty file fails here
    report = PostReport(source)
    created: list[str] = []
    now = datetime.now(UTC)
    try:
        with store.engine.begin() as conn:
            source_id = source_repo.get_or_create(conn, source, type=source_type)
            for post in posts:
                report.posts += 1
                sha = hashlib.sha256(post.raw).hexdigest()
                if _exists(conn, source_id, sha):
                    report.unchanged += 1
                    continue
                when = published_date(post.published) or published_date(post.captured)
                result = extract(post.text, lang=lang, published=when)
                note = "; ".join(n for n in (post.note, *result.notes) if n) or None
                doc_id = _store_document(store, conn, source_id, sha, post, now, created, note)
                rows = [
                    {
                        **mention_row(f),
                        "document_id": doc_id,
                        "source_id": source_id,
                        "ordinal": i,
                        "record_key": None,
                        "version": 1,
                        "superseded_at": None,
                        "created_at": now,
                    }
                    for i, f in enumerate(result.persons)
                ]
                if rows:
                    conn.execute(mentions.insert(), rows)
                report.added += 1
                report.persons += len(rows)
                report.notes += bool(result.notes)
                report.per_post.append((post.locator, len(rows)))
                if on_post:
                    on_post()
            payload = {**report.as_dict(), "file": path.name, "file_sha256": file_sha256(path)}
            audit.append(conn, actor, "import.posts", source, payload)
    except BaseException:
        for sha in created:
            store.objects.path(sha).unlink(missing_ok=True)
        raise
    return report


def _exists(conn: Connection, source_id: int, sha: str) -> bool:
    return (
        conn.execute(
            select(documents.c.id).where(
                documents.c.source_id == source_id, documents.c.sha256 == sha
            )
        ).first()
        is not None
    )


def _store_document(
    store: Store,
    conn: Connection,
    source_id: int,
    sha: str,
    post: Post,
    now: datetime,
    created: list[str],
    note: str | None,
) -> int:
    inline = len(post.raw) <= INLINE_BYTES
    if not inline and not store.objects.has(sha):
        store.objects.put_bytes(post.raw)
        created.append(sha)
    result = conn.execute(
        documents.insert().values(
            sha256=sha,
            source_id=source_id,
            media_type=post.media_type,
            url=post.url,
            title=post.title,
            published_at=post.published,
            captured_at=_datetime(post.captured),
            imported_at=now,
            size=len(post.raw),
            content=post.raw if inline else None,
            locator=post.locator,
            note=note,
            text=post.text,
        )
    )
    pk = result.inserted_primary_key
    assert pk is not None
    return int(pk[0])
