"""Log in: rate limit, then the password, then a session. One transaction."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from tally.auth import ratelimit, sessions, users
from tally.auth.passwords import dummy_hash, verify_password
from tally.verify import audit


@dataclass(frozen=True)
class LoginResult:
    token: str | None
    error: str | None


def login(conn: Connection, username: str, password: str, ip: str,
          limits: ratelimit.Limits | None = None) -> LoginResult:
    limits = limits or ratelimit.Limits()
    name = username.strip()[:100]
    why = ratelimit.blocked(conn, name, ip, limits)
    if why is not None:
        return LoginResult(None, why)
    stored = users.password_hash(conn, name)
    ok = verify_password(stored or dummy_hash(), password) and stored is not None
    ratelimit.record(conn, name, ip, ok)
    if not ok:
        return LoginResult(None, "wrong username or password")
    user = users.get(conn, name)
    assert user is not None
    audit.append(conn, name, "user.login", f"user:{name}", {"ip": ip})
    return LoginResult(sessions.create(conn, user), None)
