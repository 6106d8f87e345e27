"""Passwords: the policy a new one must meet, and argon2id hashes."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
# Hashing cost does not grow with length, but nobody types more; a bound keeps
# megabyte "passwords" out of the hasher.
MAX_LENGTH = 1024


def password_problem(password: str) -> str | None:
    """Why `password` may not be used, in Japanese; None when it may."""
    if len(password) < MIN_LENGTH:
        return f"パスワードは {MIN_LENGTH} 文字以上にしてください（{len(password)} 文字でした）"
    if len(password) > MAX_LENGTH:
        return f"パスワードは {MAX_LENGTH} 文字以内にしてください"
    if not password.strip():
        return "パスワードが空白だけです"
    return None


class Passwords:
    """argon2id (argon2-cffi's defaults unless a test passes a cheaper hasher)."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher()
        self._dummy: str | None = None

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored: str | None, password: str) -> bool:
        """Whether `password` matches `stored`; without a stored hash (no such user) a
        dummy one is checked, so that the answer takes as long either way."""
        if stored is None:
            if self._dummy is None:
                self._dummy = self._hasher.hash("no user has this password")
            stored = self._dummy
            password = f"{password}\0"  # can never match the dummy's password
        try:
            return self._hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored: str) -> bool:
        return self._hasher.check_needs_rehash(stored)
