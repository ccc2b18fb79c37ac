"""A small seeder: sources, documents, mentions and persons inserted directly."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest

from tally.store import Store
from tally.store.schema import documents, mentions, person_mentions, persons, sources


@dataclass
class Seeder:
    store: Store
    sources: dict[str, int] = field(default_factory=dict)

    def source(self, name: str, type: str = "unknown", confirms: bool = False) -> int:
        if name not in self.sources:
            with self.store.engine.begin() as conn:
                r = conn.execute(sources.insert().values(
                    name=name, type=type, confirms=confirms, distinct_persons=False,
                    created_at=datetime.now(UTC)))
                self.sources[name] = int(r.inserted_primary_key[0])  # type: ignore[index]
        return self.sources[name]

    def mention(self, source: str, text: str, *, url: str | None = None,
                stype: str = "unknown", prob: float | None = None, person: int | None = None,
                **facts: Any) -> tuple[int, int]:
        """Insert a document and one mention (linked to ``person`` or a new person)."""
        sid = self.source(source, stype)
        now = datetime.now(UTC)
        raw = text.encode()
        name = facts.get("full_name") or " ".join(
            str(facts[k]) for k in ("last_name", "first_name") if facts.get(k))
        start = text.find(name) if name else -1
        spans = {"full_name": [start, start + len(name)]} if start >= 0 else {}
        with self.store.engine.begin() as conn:
            doc = conn.execute(documents.insert().values(
                sha256=hashlib.sha256(raw).hexdigest(), source_id=sid,
                media_type="text/plain", url=url, imported_at=now, size=len(raw),
                content=raw, text=text)).inserted_primary_key[0]  # type: ignore[index]
            mid = conn.execute(mentions.insert().values(
                document_id=doc, source_id=sid, ordinal=0, version=1, created_at=now,
                spans=json.dumps(spans), **facts)).inserted_primary_key[0]  # type: ignore[index]
            if person is None:
                person = conn.execute(persons.insert().values(
                    created_at=now, updated_at=now, grade="reported", n_mentions=0,
                    n_sources=0, **{k: v for k, v in facts.items() if k in (
                        "last_name", "first_name", "patronymic", "birth_date",
                        "death_date", "region")})).inserted_primary_key[0]  # type: ignore[index]
            conn.execute(person_mentions.insert().values(
                mention_id=mid, person_id=person, match_probability=prob))
        return int(mid), int(person)


@pytest.fixture
def seed(store: Store) -> Seeder:
    return Seeder(store)
