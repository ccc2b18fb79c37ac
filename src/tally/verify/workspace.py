"""What the review workspace shows: a pair of mentions side by side, a person for editors.

Read-only queries; the web layer renders them. Text is redacted unless the caller may see it
unredacted (``redacted=False``); highlights come from the mentions' spans into the original
text, so a redacted text has none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from tally.model import PERSON_FIELDS
from tally.privacy.redact import redact_text
from tally.store.schema import (
    documents,
    mentions,
    person_mentions,
    persons,
    sources,
    statements,
)
from tally.verify import decisions as decision_log
from tally.verify.grading import compatible
from tally.verify.highlight import Piece, pieces
from tally.verify.tables import fact_grades

COMPARED = ("last_name", "first_name", "patronymic", "birth_date", "death_date", "age",
            "region", "settlement", "unit", "rank", "channel", "citizenship")


@dataclass(frozen=True)
class MentionCard:
    id: int
    person_id: int | None
    probability: float | None
    source: str
    source_type: str
    document_id: int
    document_sha256: str
    url: str | None
    published_at: str | None
    facts: dict[str, Any]
    text: list[Piece]  # the document text, highlighted (one plain piece when redacted)
    fields: list[tuple[str, str]]  # a list row's own columns (documents.content JSON)


@dataclass(frozen=True)
class PairView:
    a: MentionCard
    b: MentionCard
    probability: float | None
    agree: list[str]
    disagree: list[tuple[str, Any, Any]]
    only_one: list[str]


@dataclass(frozen=True)
class FactRow:
    prop: str
    values: list[tuple[str, int | None, str | None]]  # value, mention id, source name
    grade: str | None
    chosen: str | None
    reason: str | None
    conflict: bool


@dataclass
class PersonView:
    id: int
    name: str
    grade: str
    grade_reason: str | None
    merged_into: int | None
    view: dict[str, Any]
    facts: list[FactRow] = field(default_factory=list)
    mentions: list[MentionCard] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)


def _content_fields(raw: bytes | None) -> list[tuple[str, str]]:
    if raw is None or len(raw) > 64 * 1024:
        return []
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return []
    if not isinstance(data, dict):
        return []
    return [(str(k), "" if v is None else str(v)) for k, v in data.items()]


def mention_card(conn: Connection, mention_id: int, redacted: bool) -> MentionCard | None:
    row = conn.execute(
        select(mentions, person_mentions.c.person_id, person_mentions.c.match_probability,
               sources.c.name.label("source_name"), sources.c.type.label("source_type"),
               documents.c.sha256, documents.c.url.label("doc_url"), documents.c.text,
               documents.c.content, documents.c.published_at)
        .join(sources, sources.c.id == mentions.c.source_id)
        .join(documents, documents.c.id == mentions.c.document_id)
        .outerjoin(person_mentions, person_mentions.c.mention_id == mentions.c.id)
        .where(mentions.c.id == mention_id)).first()
    if row is None:
        return None
    m = row._mapping
    facts = {f: m[f] for f in ("full_name", *COMPARED) if m[f] is not None}
    text = m["text"] or ""
    if redacted:
        shown: list[Piece] = [(redact_text(text) or "", None)] if text else []
        fields = [(k, redact_text(v) or "") for k, v in _content_fields(m["content"])]
    else:
        shown = pieces(text, json.loads(m["spans"] or "{}"))
        fields = _content_fields(m["content"])
    return MentionCard(
        id=int(m["id"]), person_id=m["person_id"], probability=m["match_probability"],
        source=m["source_name"], source_type=m["source_type"],
        document_id=int(m["document_id"]), document_sha256=m["sha256"], url=m["doc_url"],
        published_at=m["published_at"], facts=facts, text=shown, fields=fields)


def pair_view(conn: Connection, a: int, b: int, probability: float | None,
              redacted: bool) -> PairView | None:
    ca, cb = mention_card(conn, a, redacted), mention_card(conn, b, redacted)
    if ca is None or cb is None:
        return None
    agree, disagree, only = [], [], []
    for f in COMPARED:
        va, vb = ca.facts.get(f), cb.facts.get(f)
        if va is None and vb is None:
            continue
        if va is None or vb is None:
            only.append(f)
        elif compatible(f, str(va), str(vb)):
            agree.append(f)
        else:
            disagree.append((f, va, vb))
    return PairView(ca, cb, probability, agree, disagree, only)


def person_view(conn: Connection, person_id: int, redacted: bool) -> PersonView | None:
    p = conn.execute(select(persons).where(persons.c.id == person_id)).first()
    if p is None:
        return None
    view = {f: getattr(p, f) for f in PERSON_FIELDS}
    name = " ".join(str(v) for v in (p.last_name, p.first_name, p.patronymic) if v) \
        or f"#{p.id}"
    out = PersonView(p.id, name, p.grade, p.grade_reason, p.merged_into, view)
    grades = {r.prop: r for r in conn.execute(
        select(fact_grades).where(fact_grades.c.person_id == person_id))}
    by_prop: dict[str, list[tuple[str, int | None, str | None]]] = {}
    for prop, value, mid, did, src in conn.execute(
        select(statements.c.prop, statements.c.value, statements.c.mention_id,
               statements.c.decision_id, sources.c.name)
        .outerjoin(mentions, mentions.c.id == statements.c.mention_id)
        .outerjoin(sources, sources.c.id == mentions.c.source_id)
        .where(statements.c.person_id == person_id)
        .order_by(statements.c.prop, statements.c.id)):
        by_prop.setdefault(prop, []).append((value, mid, src if did is None else "reviewer"))
    for prop in PERSON_FIELDS:
        values = by_prop.get(prop, [])
        g = grades.get(prop)
        if not values and g is None:
            continue
        distinct = list(dict.fromkeys(v for v, _, _ in values))
        conflict = any(not compatible(prop, x, y) for i, x in enumerate(distinct)
                       for y in distinct[i + 1:])
        out.facts.append(FactRow(prop, values, g.grade if g else None,
                                 g.value if g else view.get(prop),
                                 g.reason if g else None, conflict))
    mids = [int(m) for m in conn.execute(
        select(person_mentions.c.mention_id).where(person_mentions.c.person_id == person_id)
        .order_by(person_mentions.c.mention_id)).scalars()]
    for mid in mids:
        card = mention_card(conn, mid, redacted)
        if card is not None:
            out.mentions.append(card)
    out.decisions = decision_log.history(conn, person_id, mids)
    return out
