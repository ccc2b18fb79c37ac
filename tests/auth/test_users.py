"""Users, passwords (argon2), sessions, CSRF and login rate limits, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from tally.auth import login, ratelimit, sessions, users
from tally.auth.passwords import WeakPassword, hash_password, verify_password
from tally.auth.policy import Role
from tally.auth.tables import sessions as sessions_table
from tally.auth.tables import users as users_table
from tally.store import Store
from tally.store.schema import audit_events
from tally.verify.audit import verify_chain

PW = "correct horse battery"
#: cheap argon2 parameters for tests (verification reads them from the hash)
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def test_argon2_hash_round_trip() -> None:
    h = hash_password(PW)
    assert h.startswith("$argon2id$") and PW not in h
    assert verify_password(h, PW) and not verify_password(h, PW + "x")
    assert not verify_password("not a hash", PW)
    with pytest.raises(WeakPassword):
        hash_password("short")


def test_user_changes_are_audited(store: Store) -> None:
    with store.engine.begin() as conn:
        users.add(conn, "olga", PW, Role.REVIEWER, "admin", FAST)
        with pytest.raises(users.UserError):
            users.add(conn, "olga", PW, Role.VIEWER, "admin", FAST)
    with store.engine.begin() as conn:
        users.set_role(conn, "olga", Role.ADMIN, "admin")
        users.set_password(conn, "olga", PW + "!", "admin", FAST)
        stored = conn.execute(select(users_table.c.password_hash)).scalar_one()
        actions = list(conn.execute(select(audit_events.c.action, audit_events.c.payload)
                                    .order_by(audit_events.c.seq)))
        assert verify_chain(conn) == []
    assert [a for a, _ in actions] == ["user.add", "user.role", "user.passwd"]
    assert all(PW not in p for _, p in actions) and PW not in stored
    with store.engine.begin() as conn:
        assert users.get(conn, "olga").role is Role.ADMIN  # type: ignore[union-attr]
        assert login.login(conn, "olga", PW, "1.2.3.4").token is None
        assert login.login(conn, "olga", PW + "!", "1.2.3.4").token is not None


def test_sessions_store_only_a_hash_and_end(store: Store) -> None:
    with store.engine.begin() as conn:
        user = users.add(conn, "olga", PW, Role.REVIEWER, "admin", FAST)
        token = sessions.create(conn, user)
        row = conn.execute(select(sessions_table)).one()
        assert token not in (row.token_hash, row.csrf_token)
        s = sessions.lookup(conn, token)
        assert s is not None and s.user.username == "olga"
        assert sessions.csrf_ok(s, s.csrf_token)
        assert not sessions.csrf_ok(s, "forged") and not sessions.csrf_ok(s, None)
        assert sessions.lookup(conn, token, now=datetime.now(UTC) + timedelta(days=1)) is None
        assert sessions.lookup(conn, "guess") is None
        users.set_role(conn, "olga", Role.VIEWER, "admin")  # ends open sessions
        assert sessions.lookup(conn, token) is None


def test_rate_limit_per_account_and_ip(store: Store) -> None:
    limits = ratelimit.Limits(per_account=3, per_ip=5)
    with store.engine.begin() as conn:
        users.add(conn, "olga", PW, Role.REVIEWER, "admin", FAST)
        users.add(conn, "ivan", PW, Role.REVIEWER, "admin", FAST)
        for _ in range(3):
            assert login.login(conn, "olga", "wrong", "10.0.0.1", limits).token is None
        refused = login.login(conn, "olga", PW, "10.0.0.2", limits)
        assert refused.token is None and "account" in (refused.error or "")
        # another account from another address still works
        assert login.login(conn, "ivan", PW, "10.0.0.3", limits).token is not None
        for _ in range(2):  # 3 + 2 = 5 failures from 10.0.0.1
            login.login(conn, "ivan", "wrong", "10.0.0.1", limits)
        blocked = login.login(conn, "nobody", "x", "10.0.0.1", limits)
        assert "address" in (blocked.error or "")
        later = datetime.now(UTC) + timedelta(hours=1)
        assert ratelimit.blocked(conn, "olga", "10.0.0.1", limits, now=later) is None


def test_unknown_user_and_inactive_user(store: Store) -> None:
    with store.engine.begin() as conn:
        assert login.login(conn, "ghost", PW, "127.0.0.1").error == "wrong username or password"
        users.add(conn, "olga", PW, Role.REVIEWER, "admin", FAST)
        token = login.login(conn, "olga", PW, "127.0.0.1").token
        users.set_active(conn, "olga", False, "admin")
        assert sessions.lookup(conn, token) is None
        assert login.login(conn, "olga", PW, "127.0.0.1").token is None
