"""Login rate limiting, per account and per IP address, from the login_attempts table.

A login is refused (before the password is even checked) when the account or the address had
too many failed attempts within the window. Limits live in :class:`Limits`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, delete, func, select

from tally.auth.tables import login_attempts


@dataclass(frozen=True)
class Limits:
    per_account: int = 5
    per_ip: int = 20
    window: timedelta = timedelta(minutes=15)


def _failures(conn: Connection, column: str, value: str, since: datetime) -> int:
    col = login_attempts.c[column]
    return int(conn.execute(
        select(func.count()).select_from(login_attempts)
        .where(col == value, login_attempts.c.at >= since, login_attempts.c.success.is_(False))
    ).scalar_one())


def blocked(conn: Connection, username: str, ip: str, limits: Limits,
            now: datetime | None = None) -> str | None:
    """Why a login must be refused now, or None when it may be tried."""
    since = (now or datetime.now(UTC)) - limits.window
    if _failures(conn, "username", username, since) >= limits.per_account:
        return "too many failed logins for this account; try again later"
    if _failures(conn, "ip", ip, since) >= limits.per_ip:
        return "too many failed logins from this address; try again later"
    return None


def record(conn: Connection, username: str, ip: str, success: bool,
           now: datetime | None = None) -> None:
    now = now or datetime.now(UTC)
    conn.execute(login_attempts.insert().values(username=username[:100], ip=ip[:64], at=now,
                                                success=success))
    if success:  # a good login clears the account's failures
        conn.execute(delete(login_attempts).where(login_attempts.c.username == username,
                                                   login_attempts.c.success.is_(False)))
