"""Web sessions as rows: the id the browser holds is a random secret of which only the
SHA-256 is stored, so that the table alone opens no session."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, update

from hojokin.accounts.tables import web_session
from hojokin.accounts.tokens import secret_digest

# A session's last use is written at most this often: not one write per page.
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class SessionPolicy:
    """A session ends after `idle` without a request, and `lifetime` after sign-in
    whatever happens."""

    idle: timedelta = timedelta(hours=1)
    lifetime: timedelta = timedelta(hours=12)


@dataclass(frozen=True)
class Session:
    id: int
    user_id: int
    csrf_token: str  # the synchronizer token its forms carry
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime

    @classmethod
    def of(cls, row: Any) -> Session:
        return cls(
            row.id,
            row.user_id,
            row.csrf_token,
            row.created_at,
            row.last_seen_at,
            row.expires_at,
        )

    def live(self, now: datetime, policy: SessionPolicy) -> bool:
        return now < self.expires_at and now < self.last_seen_at + policy.idle


def open_session(
    conn: Connection, user_id: int, now: datetime, policy: SessionPolicy
) -> tuple[Session, str]:
    """A new session of `user_id` and the secret its cookie holds (a new one at each
    sign-in: an id planted before sign-in never becomes a session)."""
    secret, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    values = {
        "secret_sha256": secret_digest(secret),
        "user_id": user_id,
        "csrf_token": csrf,
        "created_at": now,
        "last_seen_at": now,
        "expires_at": now + policy.lifetime,
    }
    new_id = conn.execute(insert(web_session).values(values).returning(web_session.c.id))
    return Session(new_id.scalar_one(), user_id, csrf, now, now, now + policy.lifetime), secret


def touch(conn: Connection, session: Session, now: datetime) -> None:
    if now - session.last_seen_at >= TOUCH_EVERY:
        mine = web_session.c.id == session.id
        conn.execute(update(web_session).where(mine).values(last_seen_at=now))


def revoke(conn: Connection, session_id: int, now: datetime) -> None:
    mine = (web_session.c.id == session_id) & web_session.c.revoked_at.is_(None)
    conn.execute(update(web_session).where(mine).values(revoked_at=now))


def revoke_all(conn: Connection, user_id: int, now: datetime, keep: int | None = None) -> int:
    """End every open session of `user_id` (but `keep`'s); how many."""
    query = update(web_session).where(
        web_session.c.user_id == user_id, web_session.c.revoked_at.is_(None)
    )
    if keep is not None:
        query = query.where(web_session.c.id != keep)
    return conn.execute(query.values(revoked_at=now)).rowcount
