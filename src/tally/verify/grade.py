"""Grade persons from the store with the YAML rules (:mod:`tally.verify.rules`).

Reads each person's evidence (current mentions, their sources and documents; mentions a
reviewer discounted are left out) and the reviewers' decisions, grades with
:func:`tally.verify.grading.grade_person`, writes ``persons.grade``/``grade_reason`` and the
per-fact grades, and appends one audit event per changed grade.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from tally.link import lineage
from tally.model import PERSON_FIELDS
from tally.store import Store
from tally.store.schema import decisions, documents, mentions, person_mentions, persons, sources
from tally.verify import audit
from tally.verify.auditlog import Event, append_many
from tally.verify.evidence import Evidence, name_span
from tally.verify.grading import PersonGrade, Review, grade_person
from tally.verify.rules import Rules, load_rules
from tally.verify.tables import fact_grades


def grade_one(
    source_types: set[str],
    confirming_lists: bool,
    n_sources: int,
    review: str | None,
    rules: Rules | None = None,
) -> tuple[str, str]:
    """(grade, reason) from a summary: the types of the sources, whether one is a confirming
    list, how many independent sources, and the reviewer's confirm/discount if any."""
    rules = rules or load_rules()
    types = sorted(source_types) or ["unknown"]
    evidence = [
        Evidence(
            mention_id=i,
            source_id=i,
            source_type=types[i % len(types)],
            source_confirms=confirming_lists and i == 0,
        )
        for i in range(max(n_sources, len(types)))
    ]
    rev = Review(review, "reviewer") if review in ("confirm", "discount") else None
    result = grade_person(evidence, rules, rev)
    return result.grade.value, result.reason


def _discounted_successors(conn: Connection) -> list[int]:
    """Current versions of discounted mentions that were re-extracted since."""
    named = conn.execute(select(decisions.c.mention_a).where(
        decisions.c.kind == "discount", decisions.c.deleted_at.is_(None),
        decisions.c.mention_a.is_not(None), decisions.c.person_id.is_(None))).scalars()
    return sorted({c for m, c in lineage.current_of(conn, named).items() if c not in (m, None)})


def _evidence(conn: Connection, pids: list[int] | None) -> dict[int, list[Evidence]]:
    discounted = select(decisions.c.mention_a).where(
        decisions.c.kind == "discount",
        decisions.c.deleted_at.is_(None),
        decisions.c.mention_a.is_not(None),
    )
    query = (
        select(
            person_mentions.c.person_id,
            mentions,
            sources.c.type.label("stype"),
            sources.c.confirms.label("sconfirms"),
            documents.c.url.label("doc_url"),
            documents.c.text.label("doc_text"),
        )
        .join(mentions, mentions.c.id == person_mentions.c.mention_id)
        .join(sources, sources.c.id == mentions.c.source_id)
        .join(documents, documents.c.id == mentions.c.document_id)
        .where(mentions.c.superseded_at.is_(None), mentions.c.id.not_in(discounted),
               mentions.c.id.not_in(_discounted_successors(conn)))
        .order_by(person_mentions.c.person_id, mentions.c.id)
    )
    if pids is not None:
        query = query.where(person_mentions.c.person_id.in_(pids))
    out: dict[int, list[Evidence]] = defaultdict(list)
    for row in conn.execute(query):
        m = row._mapping
        urls = [u for u in json.loads(m["urls"] or "[]") if isinstance(u, str)]
        if m["doc_url"]:
            urls.append(m["doc_url"])
        facts = {c: str(m[c]) for c in PERSON_FIELDS if m[c] is not None}
        out[int(m["person_id"])].append(
            Evidence(
                mention_id=int(m["id"]),
                source_id=int(m["source_id"]),
                source_type=m["stype"],
                source_confirms=bool(m["sconfirms"]),
                urls=tuple(urls),
                text=m["doc_text"],
                name_span=name_span(json.loads(m["spans"] or "{}")),
                facts=facts,
            )
        )
    return out


def _reviews(
    conn: Connection, pids: list[int] | None
) -> tuple[dict[int, Review], dict[int, dict[str, tuple[str, str]]]]:
    query = (
        select(
            decisions.c.person_id,
            decisions.c.kind,
            decisions.c.user,
            decisions.c.reason,
            decisions.c.prop,
            decisions.c.value,
        )
        .where(
            decisions.c.deleted_at.is_(None),
            decisions.c.person_id.is_not(None),
            decisions.c.kind.in_(("confirm", "discount", "correct")),
        )
        .order_by(decisions.c.created_at, decisions.c.id)
    )
    if pids is not None:
        query = query.where(decisions.c.person_id.in_(pids))
    reviews: dict[int, Review] = {}
    corrections: dict[int, dict[str, tuple[str, str]]] = defaultdict(dict)
    for pid, kind, user, reason, prop, value in conn.execute(query):
        if kind == "correct":
            if prop and value is not None:
                corrections[pid][prop] = (value, user)
        else:
            reviews[pid] = Review(kind, user, reason)
    return reviews, corrections


def grade_persons(
    conn: Connection, pids: Iterable[int] | None, actor: str, rules: Rules | None = None
) -> dict[str, int]:
    """Regrade the given live persons (all when ``pids`` is None) inside the caller's
    transaction; returns counts per grade among them."""
    rules = rules or load_rules()
    ids = None if pids is None else sorted(set(pids))
    live = select(persons.c.id, persons.c.grade).where(persons.c.merged_into.is_(None))
    if ids is not None:
        live = live.where(persons.c.id.in_(ids))
    before = {int(pid): g for pid, g in conn.execute(live)}
    evidence = _evidence(conn, ids)
    reviews, corrections = _reviews(conn, ids)
    now = datetime.now(UTC)
    results: dict[int, PersonGrade] = {}
    for pid in before:
        results[pid] = grade_person(
            evidence.get(pid, []), rules, reviews.get(pid), corrections.get(pid)
        )
    _write(conn, results, before, actor, now)
    return dict(Counter(r.grade.value for r in results.values()))


def _write(
    conn: Connection,
    results: dict[int, PersonGrade],
    before: dict[int, str],
    actor: str,
    now: datetime,
) -> None:
    rows = [
        {"pid": pid, "grade": r.grade.value, "grade_reason": r.reason} for pid, r in results.items()
    ]
    stmt = (
        update(persons)
        .where(persons.c.id == bindparam("pid"))
        .values(grade=bindparam("grade"), grade_reason=bindparam("grade_reason"))
    )
    for i in range(0, len(rows), 20_000):
        conn.execute(stmt, rows[i : i + 20_000])
    pids = list(results)
    for i in range(0, len(pids), 20_000):
        conn.execute(delete(fact_grades).where(fact_grades.c.person_id.in_(pids[i : i + 20_000])))
    facts = [
        {
            "person_id": pid,
            "prop": f.prop,
            "grade": f.grade.value,
            "value": f.value,
            "reason": f.reason,
            "updated_at": now,
        }
        for pid, r in results.items()
        for f in r.facts.values()
    ]
    for i in range(0, len(facts), 20_000):
        conn.execute(insert(fact_grades), facts[i : i + 20_000])
    events: list[Event] = [
        (
            actor,
            "grade.change",
            f"person:{pid}",
            {"from": before[pid], "to": r.grade.value, "reason": r.reason},
        )
        for pid, r in results.items()
        if before[pid] != r.grade.value
    ]
    append_many(conn, events)


def grade_all(store: Store, actor: str = "cli", rules: Rules | None = None) -> dict[str, int]:
    """Recompute every live person's grade; returns counts per grade."""
    with store.engine.begin() as conn:
        counts = grade_persons(conn, None, actor, rules)
        audit.append(
            conn, actor, "grade.run", None, {**counts, "at": datetime.now(UTC).isoformat()}
        )
    return counts
