"""FollowTheMoney export: one ``Person`` entity per live person, as JSON lines.

Property mapping: ``name`` (full name), ``firstName``, ``lastName``, ``fatherName``
(patronymic), ``birthDate``/``deathDate`` (partial dates kept at their precision),
``nationality`` (citizenship), ``country`` (region's country), ``address`` (settlement),
``position`` (rank), ``sourceUrl`` (evidence URLs), ``notes`` (grade and channel).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from tally.publish.exports import PERSON_COLUMNS, batches, persons_query
from tally.store import Store
from tally.store.schema import mentions, person_mentions

ID_PREFIX = "tally-person-"


def _urls(conn: Connection, ids: Sequence[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    stmt = (select(person_mentions.c.person_id, mentions.c.urls)
            .join(mentions, mentions.c.id == person_mentions.c.mention_id)
            .where(person_mentions.c.person_id.in_(ids), mentions.c.urls.is_not(None)))
    for pid, urls in conn.execute(stmt):
        try:
            values = json.loads(urls)
        except ValueError:
            continue
        if isinstance(values, list):
            out[pid].extend(str(u) for u in values if str(u).startswith(("http://", "https://")))
    return out


def entity(person: dict[str, Any], urls: Iterable[str]) -> dict[str, Any]:
    """The FtM entity dict of one person row (``PERSON_COLUMNS`` keys)."""
    from followthemoney import model

    proxy = model.make_entity("Person")
    proxy.id = f"{ID_PREFIX}{person['id']}"
    parts = [person.get(k) for k in ("last_name", "first_name", "patronymic")]
    name = " ".join(p for p in parts if p)
    proxy.add("name", name or f"Person {person['id']}")
    proxy.add("lastName", person.get("last_name"))
    proxy.add("firstName", person.get("first_name"))
    proxy.add("fatherName", person.get("patronymic"))
    proxy.add("birthDate", person.get("birth_date"))
    proxy.add("deathDate", person.get("death_date"))
    citizenship = person.get("citizenship")
    if citizenship:
        proxy.add("nationality", str(citizenship).lower())
    region = person.get("region")
    if region:
        proxy.add("country", str(region).split("-", 1)[0].lower())
    proxy.add("address", person.get("settlement"))
    proxy.add("position", person.get("rank"))
    proxy.add("sourceUrl", sorted(set(urls)))
    notes = [f"grade: {person['grade']}"]
    if person.get("channel"):
        notes.append(f"recruitment channel: {person['channel']}")
    if region:
        notes.append(f"region: {region}")
    proxy.add("notes", "; ".join(notes))
    data: dict[str, Any] = proxy.to_dict()
    return data


def entities(store: Store) -> Iterator[dict[str, Any]]:
    with store.engine.connect() as conn, store.engine.connect() as side:
        for part in batches(conn, persons_query()):
            rows = [dict(zip(PERSON_COLUMNS, r, strict=True)) for r in part]
            urls = _urls(side, [r["id"] for r in rows])
            for row in rows:
                yield entity(row, urls.get(row["id"], []))


def export(store: Store, out: Path) -> int:
    """Write the entities of every live person to ``out`` (JSON lines); returns how many."""
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for data in entities(store):
            fh.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    return n
