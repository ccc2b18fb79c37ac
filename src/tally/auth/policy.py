"""The one permission policy: which role may do what.

Route handlers never check roles themselves; they declare the action they perform and
:func:`can` (or the FastAPI dependency in :mod:`tally.web.auth.deps`) decides. ``None`` is the
public: anyone without a login, who sees only published, redacted data.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    REVIEWER = "reviewer"
    VIEWER = "viewer"


class Action(StrEnum):
    VIEW_PUBLIC = "view_public"  # published persons, redacted; the methodology
    VIEW_INTERNAL = "view_internal"  # unpublished persons, grades and reasons, the queue
    VIEW_UNREDACTED = "view_unredacted"  # document text with relatives' names and phones
    DECIDE_PAIR = "decide_pair"  # same / different / not sure
    CONFIRM = "confirm"
    DISCOUNT = "discount"
    CORRECT = "correct"
    EXPORT_EVIDENCE = "export_evidence"
    MANAGE_USERS = "manage_users"


_REVIEW = frozenset({Action.DECIDE_PAIR, Action.CONFIRM, Action.DISCOUNT, Action.CORRECT})

#: role -> allowed actions (``None``: the public, without a login)
MATRIX: dict[Role | None, frozenset[Action]] = {
    None: frozenset({Action.VIEW_PUBLIC}),
    Role.VIEWER: frozenset({Action.VIEW_PUBLIC, Action.VIEW_INTERNAL}),
    Role.REVIEWER: frozenset({Action.VIEW_PUBLIC, Action.VIEW_INTERNAL, Action.VIEW_UNREDACTED})
    | _REVIEW,
    Role.ADMIN: frozenset(Action),
}


def can(role: Role | str | None, action: Action | str) -> bool:
    """May ``role`` (None = the public) perform ``action``? Unknown roles may do nothing."""
    try:
        key = Role(role) if role is not None else None
        act = Action(action)
    except ValueError:
        return False
    return act in MATRIX[key]
