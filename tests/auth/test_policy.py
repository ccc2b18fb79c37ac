"""The whole roles × actions matrix, stated once here and checked against the policy."""

from __future__ import annotations

import itertools

import pytest
from argon2 import PasswordHasher

from tally.auth import login, sessions, users
from tally.auth.policy import Action, Role, can
from tally.store import Store

A = Action
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
EXPECTED: dict[Role | None, set[Action]] = {
    None: {A.VIEW_PUBLIC},
    Role.VIEWER: {A.VIEW_PUBLIC, A.VIEW_INTERNAL},
    Role.REVIEWER: {A.VIEW_PUBLIC, A.VIEW_INTERNAL, A.VIEW_UNREDACTED, A.DECIDE_PAIR,
                    A.CONFIRM, A.DISCOUNT, A.CORRECT},
    Role.ADMIN: set(Action),
}
ROLES: list[Role | None] = [None, *Role]


@pytest.mark.parametrize(("role", "action"), list(itertools.product(ROLES, Action)))
def test_matrix(role: Role | None, action: Action) -> None:
    assert can(role, action) is (action in EXPECTED[role])


@pytest.mark.parametrize("role", ["root", "", "ADMIN", "guest"])
def test_unknown_roles_may_do_nothing(role: str) -> None:
    assert not any(can(role, a) for a in Action)


def test_unknown_action_is_denied() -> None:
    assert not can(Role.ADMIN, "format_disk")


def test_matrix_through_stored_users(store: Store) -> None:
    """Roles as stored and read back from a session give the same answers (both databases)."""
    with store.engine.begin() as conn:
        for role in Role:
            users.add(conn, f"u-{role.value}", "correct horse battery", role, "test", FAST)
    for role in Role:
        with store.engine.begin() as conn:
            result = login.login(conn, f"u-{role.value}", "correct horse battery", "127.0.0.1")
            assert result.token is not None
            session = sessions.lookup(conn, result.token)
        assert session is not None and session.user.role is role
        for action in Action:
            assert can(session.user.role, action) is (action in EXPECTED[role])
