"""Users: add, change password, change role, look up. Every change appends an audit event.

Passwords never appear in events or logs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from argon2 import PasswordHasher
from sqlalchemy import Connection, select

from tally.auth.passwords import hash_password
from tally.auth.policy import Role
from tally.auth.tables import sessions, users
from tally.verify import audit


class UserError(ValueError):
    """A user operation that cannot be done (unknown user, duplicate name, bad role)."""


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: Role
    active: bool


def _row_user(row: object) -> User:
    return User(int(row.id), str(row.username), Role(row.role), bool(row.active))  # type: ignore[attr-defined]


def _valid_name(username: str) -> str:
    name = username.strip()
    if not name or len(name) > 100 or any(c.isspace() for c in name):
        raise UserError("a username is 1-100 characters without spaces")
    return name


def get(conn: Connection, username: str) -> User | None:
    row = conn.execute(select(users).where(users.c.username == username)).first()
    return _row_user(row) if row is not None else None


def get_by_id(conn: Connection, user_id: int) -> User | None:
    row = conn.execute(select(users).where(users.c.id == user_id)).first()
    return _row_user(row) if row is not None else None


def password_hash(conn: Connection, username: str) -> str | None:
    return conn.execute(
        select(users.c.password_hash).where(users.c.username == username, users.c.active)
    ).scalar_one_or_none()


def add(conn: Connection, username: str, password: str, role: Role, actor: str,
        hasher: PasswordHasher | None = None) -> User:
    name = _valid_name(username)
    if get(conn, name) is not None:
        raise UserError(f"user {name!r} exists already")
    now = datetime.now(UTC)
    result = conn.execute(users.insert().values(
        username=name, password_hash=hash_password(password, hasher), role=Role(role).value,
        active=True, created_at=now, updated_at=now))
    pk = result.inserted_primary_key
    assert pk is not None
    audit.append(conn, actor, "user.add", f"user:{name}", {"role": Role(role).value})
    return User(int(pk[0]), name, Role(role), True)


def set_password(conn: Connection, username: str, password: str, actor: str,
                 hasher: PasswordHasher | None = None) -> None:
    user = _require(conn, username)
    conn.execute(users.update().where(users.c.id == user.id).values(
        password_hash=hash_password(password, hasher), updated_at=datetime.now(UTC)))
    _revoke_all(conn, user.id)
    audit.append(conn, actor, "user.passwd", f"user:{user.username}", {})


def set_role(conn: Connection, username: str, role: Role, actor: str) -> None:
    user = _require(conn, username)
    conn.execute(users.update().where(users.c.id == user.id).values(
        role=Role(role).value, updated_at=datetime.now(UTC)))
    _revoke_all(conn, user.id)
    audit.append(conn, actor, "user.role", f"user:{user.username}",
                 {"from": user.role.value, "to": Role(role).value})


def set_active(conn: Connection, username: str, active: bool, actor: str) -> None:
    user = _require(conn, username)
    conn.execute(users.update().where(users.c.id == user.id).values(
        active=active, updated_at=datetime.now(UTC)))
    if not active:
        _revoke_all(conn, user.id)
    audit.append(conn, actor, "user.active", f"user:{user.username}", {"active": active})


def _require(conn: Connection, username: str) -> User:
    user = get(conn, username)
    if user is None:
        raise UserError(f"no user {username!r}")
    return user


def _revoke_all(conn: Connection, user_id: int) -> None:
    """A new password or role ends every open session of the user."""
    conn.execute(sessions.update().where(sessions.c.user_id == user_id,
                                         sessions.c.revoked_at.is_(None))
                 .values(revoked_at=datetime.now(UTC)))
