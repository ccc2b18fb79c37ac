"""Mention lineages: the versions of one mention, so decisions follow it to its newest version.

A mention is never rewritten: a changed list row or a re-extracted post gets a new version and
the old one is superseded. The versions of one mention form a lineage: a list record is
identified by ``(source_id, record_key)``, a person in a post by ``(document_id, ordinal)``
(re-extraction keeps the ordinal of the person it matched; see :mod:`tally.extract.rerun`).

Decisions keep naming the mention a reviewer saw; they are resolved through the lineage when
they are applied (:func:`current_of`), so no decision row is ever rewritten. A lineage whose
every version is superseded was retired (the extractor no longer finds that person): its
decisions cannot be applied, and :func:`current_of` says so with None.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import Connection, select

from tally.store.schema import mentions, person_mentions

_CHUNK = 5_000


def _chunks(values: Iterable[int]) -> Iterator[list[int]]:
    batch: list[int] = []
    for v in values:
        batch.append(v)
        if len(batch) >= _CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def current_of(conn: Connection, ids: Iterable[int]) -> dict[int, int | None]:
    """Each mention id -> the current version of its lineage (itself when current), or None
    when the lineage was retired. Ids of no mention are left out."""
    out: dict[int, int | None] = {}
    by_record: dict[tuple[int, str], list[int]] = {}
    by_slot: dict[tuple[int, int], list[int]] = {}
    cols = (mentions.c.id, mentions.c.superseded_at, mentions.c.source_id,
            mentions.c.record_key, mentions.c.document_id, mentions.c.ordinal)
    for chunk in _chunks(sorted(set(ids))):
        for mid, gone, sid, key, doc, ordinal in conn.execute(
                select(*cols).where(mentions.c.id.in_(chunk))):
            if gone is None:
                out[mid] = mid
            elif key is not None:
                by_record.setdefault((sid, key), []).append(mid)
            else:
                by_slot.setdefault((doc, ordinal), []).append(mid)
    for (sid, key), olds in by_record.items():  # few: one query per changed list record
        found = conn.execute(select(mentions.c.id).where(
            mentions.c.source_id == sid, mentions.c.record_key == key,
            mentions.c.superseded_at.is_(None))).scalar()
        out.update((m, found) for m in olds)
    docs = sorted({doc for doc, _ in by_slot})
    current: dict[tuple[int, int], int] = {}
    for chunk in _chunks(docs):
        rows = conn.execute(select(mentions.c.document_id, mentions.c.ordinal, mentions.c.id)
                            .where(mentions.c.document_id.in_(chunk),
                                   mentions.c.record_key.is_(None),
                                   mentions.c.superseded_at.is_(None)))
        current.update(((doc, ordinal), mid) for doc, ordinal, mid in rows)
    for slot, olds in by_slot.items():
        out.update((m, current.get(slot)) for m in olds)
    return out


def resolve_pair(resolved: dict[int, int | None], a: int, b: int) -> tuple[int, int] | None:
    """The current mentions of a pair decision, or None when it cannot be applied."""
    ra, rb = resolved.get(a), resolved.get(b)
    if ra is None or rb is None or ra == rb:
        return None
    return ra, rb


def all_versions(conn: Connection, ids: Iterable[int]) -> set[int]:
    """The given mention ids and every other version of their lineages."""
    out = set(ids)
    slots: set[tuple[int, int]] = set()
    records: set[tuple[int, str]] = set()
    for chunk in _chunks(sorted(out)):
        for doc, ordinal, sid, key in conn.execute(
                select(mentions.c.document_id, mentions.c.ordinal, mentions.c.source_id,
                       mentions.c.record_key).where(mentions.c.id.in_(chunk))):
            if key is None:
                slots.add((doc, ordinal))
            else:
                records.add((sid, key))
    for doc, ordinal in slots:
        out.update(conn.execute(select(mentions.c.id).where(
            mentions.c.document_id == doc, mentions.c.ordinal == ordinal,
            mentions.c.record_key.is_(None))).scalars())
    for sid, key in records:
        out.update(conn.execute(select(mentions.c.id).where(
            mentions.c.source_id == sid, mentions.c.record_key == key)).scalars())
    return out


def inherited_persons(conn: Connection, only: Iterable[int] | None = None
                      ) -> list[tuple[int, int]]:
    """(current mention, person) for new versions of post mentions not linked yet: the person
    of the newest earlier version of the same (document, ordinal) that has one. ``only``:
    just for these mentions."""
    old = mentions.alias("old")
    query = (
        select(mentions.c.id, person_mentions.c.person_id)
        .join(old, (old.c.document_id == mentions.c.document_id)
              & (old.c.ordinal == mentions.c.ordinal)
              & (old.c.version < mentions.c.version)
              & old.c.record_key.is_(None))
        .join(person_mentions, person_mentions.c.mention_id == old.c.id)
        .where(mentions.c.superseded_at.is_(None), mentions.c.version > 1,
               mentions.c.record_key.is_(None))
        .order_by(mentions.c.id, old.c.version.desc())
    )
    queries = [query] if only is None else [
        query.where(mentions.c.id.in_(chunk)) for chunk in _chunks(sorted(set(only)))]
    rows = (row for q in queries for row in conn.execute(q))
    out: list[tuple[int, int]] = []
    seen: set[int] = set()
    for mid, pid in rows:
        if mid not in seen:
            seen.add(mid)
            out.append((int(mid), int(pid)))
    return out
