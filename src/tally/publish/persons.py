"""The public read model: person lists, person pages, sources and archived documents.

Only published facts leave this module: the person view, its grade and the sources that
name the person. Reviewers, decisions, extraction spans and confidences stay private.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, func, select

from tally.publish.person_list import (
    MAX_PER_PAGE,
    PersonFilter,
    PersonPage,
    PersonSummary,
    count_capped,
    list_persons,
)
from tally.store.schema import documents, mentions, person_mentions, persons, sources

PUBLIC_FIELDS: tuple[str, ...] = (
    "last_name", "first_name", "patronymic", "birth_date", "death_date", "age", "region",
    "settlement", "unit", "rank", "is_officer", "channel", "citizenship",
)
__all__ = ["MAX_PER_PAGE", "PUBLIC_FIELDS", "PersonFilter", "PersonPage", "PersonSummary",
           "PublicPerson", "SourceRef", "SourceSummary", "count_capped", "document_bytes",
           "get_person", "list_persons", "list_sources"]
@dataclass(frozen=True)
class SourceRef:
    source: str
    source_type: str
    document_sha256: str
    url: str | None
    title: str | None
    published_at: str | None
    urls: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["urls"] = list(self.urls)
        return out


@dataclass(frozen=True)
class PublicPerson:
    id: int
    grade: str
    grade_reason: str | None
    facts: dict[str, Any]
    n_sources: int
    merged_into: int | None
    sources: tuple[SourceRef, ...]

    @property
    def display_name(self) -> str:
        parts = (self.facts.get(k) for k in ("last_name", "first_name", "patronymic"))
        return " ".join(p for p in parts if p) or f"#{self.id}"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "grade": self.grade, "grade_reason": self.grade_reason,
                "facts": dict(self.facts), "n_sources": self.n_sources,
                "merged_into": self.merged_into, "name": self.display_name,
                "sources": [s.to_dict() for s in self.sources]}


def _json_list(value: str | None) -> tuple[str, ...]:
    import json

    if not value:
        return ()
    try:
        parsed = json.loads(value)
    except ValueError:
        return ()
    return tuple(str(u) for u in parsed) if isinstance(parsed, list) else ()


def get_person(conn: Connection, person_id: int) -> PublicPerson | None:
    row = conn.execute(select(persons).where(persons.c.id == person_id)).first()
    if row is None:
        return None
    refs = conn.execute(
        select(sources.c.name, sources.c.type, documents.c.sha256, documents.c.url,
               documents.c.title, documents.c.published_at, mentions.c.urls)
        .select_from(person_mentions.join(mentions, mentions.c.id == person_mentions.c.mention_id)
                     .join(documents, documents.c.id == mentions.c.document_id)
                     .join(sources, sources.c.id == mentions.c.source_id))
        .where(person_mentions.c.person_id == person_id, mentions.c.superseded_at.is_(None))
        .order_by(sources.c.name, documents.c.id)
    ).all()
    return PublicPerson(
        row.id, row.grade, row.grade_reason, {f: getattr(row, f) for f in PUBLIC_FIELDS},
        row.n_sources, row.merged_into,
        tuple(SourceRef(r[0], r[1], r[2], r[3], r[4], r[5], _json_list(r[6])) for r in refs),
    )


@dataclass(frozen=True)
class SourceSummary:
    name: str
    type: str
    url: str | None
    confirms: bool
    distinct_persons: bool
    mentions: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def list_sources(conn: Connection) -> list[SourceSummary]:
    counts: dict[int, int] = dict(conn.execute(
        select(mentions.c.source_id, func.count()).where(mentions.c.superseded_at.is_(None))
        .group_by(mentions.c.source_id)).all())
    return [
        SourceSummary(r.name, r.type, r.url, bool(r.confirms), bool(r.distinct_persons),
                      int(counts.get(r.id, 0)))
        for r in conn.execute(select(sources).order_by(sources.c.name))
    ]


def document_bytes(conn: Connection, objects: Any, sha256: str) -> bytes | None:
    """The archived bytes of document ``sha256`` (inline content or the object store)."""
    row = conn.execute(
        select(documents.c.content).where(documents.c.sha256 == sha256).limit(1)).first()
    if row is None:
        return None
    if row.content is not None:
        return bytes(row.content)
    return bytes(objects.get(sha256)) if objects.has(sha256) else None
