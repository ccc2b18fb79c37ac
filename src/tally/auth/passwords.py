"""Password hashing with argon2id (argon2-cffi defaults: RFC 9106 low-memory profile).

The cost can be chosen per call (a hasher with other parameters); verification reads the
parameters from the stored hash, and :func:`needs_rehash` tells when a hash is weaker than the
default.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 10

_hasher = PasswordHasher()


class WeakPassword(ValueError):
    """The password is too short to be accepted."""


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"a password needs at least {MIN_LENGTH} characters")


def hash_password(password: str, hasher: PasswordHasher | None = None) -> str:
    check_strength(password)
    return (hasher or _hasher).hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


@cache
def dummy_hash() -> str:
    """A hash to verify against when the user does not exist, so timing does not tell."""
    return _hasher.hash("not-a-real-password-0")
