"""The tamper-evident audit log: every change is an event chained by hash to the one before.

``hash = sha256(prev_hash + canonical JSON of (seq, ts, actor, action, subject, payload))``.
Editing, deleting or reordering any event breaks the chain at that point, and
:func:`verify_chain` says where.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, select

from tally.store.schema import audit_events

GENESIS = "0" * 64


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _ts_text(ts: datetime) -> str:
    if ts.tzinfo is None:  # SQLite returns naive datetimes; they were stored as UTC
        ts = ts.replace(tzinfo=UTC)
    return ts.astimezone(UTC).isoformat(timespec="microseconds")


def event_hash(
    prev_hash: str,
    seq: int,
    ts: datetime,
    actor: str,
    action: str,
    subject: str | None,
    payload: str,
) -> str:
    body = canonical([seq, _ts_text(ts), actor, action, subject, payload])
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def append(
    conn: Connection, actor: str, action: str, subject: str | None, payload: dict[str, Any]
) -> str:
    """Append one event inside the caller's transaction; returns its hash."""
    last = conn.execute(
        select(audit_events.c.seq, audit_events.c.hash)
        .order_by(audit_events.c.seq.desc())
        .limit(1)
        .with_for_update()
    ).first()
    seq = (last.seq + 1) if last else 1
    prev = last.hash if last else GENESIS
    ts = datetime.now(UTC)
    body = canonical(payload)
    digest = event_hash(prev, seq, ts, actor, action, subject, body)
    conn.execute(
        audit_events.insert().values(
            seq=seq,
            ts=ts,
            actor=actor,
            action=action,
            subject=subject,
            payload=body,
            prev_hash=prev,
            hash=digest,
        )
    )
    return digest


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    problem: str


def verify_chain(conn: Connection) -> list[ChainProblem]:
    """Walk the log in order; report every event whose link or content does not check."""
    problems: list[ChainProblem] = []
    prev = GENESIS
    expected_seq = 1
    rows = conn.execute(select(audit_events).order_by(audit_events.c.seq))
    for row in rows:
        if row.seq != expected_seq:
            problems.append(ChainProblem(row.seq, f"expected event {expected_seq}: missing"))
        if row.prev_hash != prev:
            problems.append(ChainProblem(row.seq, "does not follow the event before it"))
        digest = event_hash(
            row.prev_hash, row.seq, row.ts, row.actor, row.action, row.subject, row.payload
        )
        if digest != row.hash:
            problems.append(ChainProblem(row.seq, "content was changed after it was written"))
        prev = row.hash
        expected_seq = row.seq + 1
    return problems


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(audit_events)).scalar_one())
