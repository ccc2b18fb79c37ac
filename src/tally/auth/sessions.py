"""Sessions: a random token in a cookie; the database keeps only its sha256.

Each session has its own CSRF token, checked on every POST.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, select

from tally.auth import users
from tally.auth.tables import sessions

LIFETIME = timedelta(hours=12)


@dataclass(frozen=True)
class Session:
    user: users.User
    csrf_token: str
    expires_at: datetime


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(conn: Connection, user: users.User, now: datetime | None = None) -> str:
    """Open a session; returns the token for the cookie (shown once, stored hashed)."""
    now = now or datetime.now(UTC)
    token = secrets.token_urlsafe(32)
    conn.execute(sessions.insert().values(
        token_hash=_digest(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32),
        created_at=now, expires_at=now + LIFETIME))
    return token


def _aware(ts: datetime) -> datetime:
    return ts if ts.tzinfo else ts.replace(tzinfo=UTC)


def lookup(conn: Connection, token: str | None, now: datetime | None = None) -> Session | None:
    """The live session of ``token``: not expired, not revoked, its user active."""
    if not token:
        return None
    now = now or datetime.now(UTC)
    row = conn.execute(select(sessions).where(sessions.c.token_hash == _digest(token))).first()
    if row is None or row.revoked_at is not None or _aware(row.expires_at) <= now:
        return None
    user = users.get_by_id(conn, row.user_id)
    if user is None or not user.active:
        return None
    return Session(user, row.csrf_token, _aware(row.expires_at))


def revoke(conn: Connection, token: str) -> None:
    conn.execute(sessions.update().where(sessions.c.token_hash == _digest(token))
                 .values(revoked_at=datetime.now(UTC)))


def csrf_ok(session: Session | None, submitted: str | None) -> bool:
    if session is None or not submitted:
        return False
    return hmac.compare_digest(session.csrf_token, submitted)
