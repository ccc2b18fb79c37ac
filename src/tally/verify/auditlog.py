"""Appending many audit events at once (a grading run changes thousands of grades).

The same chain as :func:`tally.verify.audit.append`, one query for the head instead of one
per event.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from tally.store.schema import audit_events
from tally.verify.audit import GENESIS, canonical, event_hash

Event = tuple[str, str, str | None, dict[str, Any]]  # actor, action, subject, payload


def append_many(conn: Connection, events: Sequence[Event]) -> None:
    if not events:
        return
    last = conn.execute(
        select(audit_events.c.seq, audit_events.c.hash)
        .order_by(audit_events.c.seq.desc()).limit(1).with_for_update()
    ).first()
    seq = last.seq if last else 0
    prev = last.hash if last else GENESIS
    ts = datetime.now(UTC)
    rows = []
    for actor, action, subject, payload in events:
        seq += 1
        body = canonical(payload)
        digest = event_hash(prev, seq, ts, actor, action, subject, body)
        rows.append({"seq": seq, "ts": ts, "actor": actor, "action": action,
                     "subject": subject, "payload": body, "prev_hash": prev, "hash": digest})
        prev = digest
    for i in range(0, len(rows), 20_000):
        conn.execute(insert(audit_events), rows[i:i + 20_000])
