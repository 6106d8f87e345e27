"""Signing in on the web: server-side sessions, one-time password-reset tokens, the
attempts a client made (its throttle, shared by every worker), and the mail outbox.

Secrets are never stored: a session id and a reset token are kept as their SHA-256."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
)

from hojokin.store.migrations.columns import Key, Time

VERSION = 7
NAME = "signin: web_session, password_reset, client_attempt, mail_outbox"


def upgrade(conn: Connection) -> None:
    meta = MetaData()
    Table("app_user", meta, Column("id", Integer, primary_key=True))
    session = Table(
        "web_session",
        meta,
        Column("id", Integer, primary_key=True),
        Column("secret_sha256", Key, nullable=False, unique=True),
        Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False),
        # The synchronizer token of the session's forms (not a credential by itself).
        Column("csrf_token", Key, nullable=False),
        Column("created_at", Time, nullable=False),
        Column("last_seen_at", Time, nullable=False),
        Column("expires_at", Time, nullable=False),  # the absolute end
        Column("revoked_at", Time),
    )
    Index("ix_web_session_user", session.c.user_id)
    reset = Table(
        "password_reset",
        meta,
        Column("id", Integer, primary_key=True),
        Column("token_sha256", Key, nullable=False, unique=True),
        Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False),
        Column("created_at", Time, nullable=False),
        Column("expires_at", Time, nullable=False),
        Column("used_at", Time),
    )
    Index("ix_password_reset_user", reset.c.user_id)
    attempt = Table(
        "client_attempt",
        meta,
        Column("id", Integer, primary_key=True),
        Column("bucket", Key, nullable=False),  # what was tried: sign-in, reset request
        Column("client", Key, nullable=False),  # the client's address
        Column("at", Time, nullable=False),
    )
    Index("ix_client_attempt", attempt.c.bucket, attempt.c.client, attempt.c.at)
    outbox = Table(
        "mail_outbox",
        meta,
        Column("id", Integer, primary_key=True),
        Column("to_address", Text, nullable=False),
        Column("subject", Text, nullable=False),
        Column("body", Text, nullable=False),
        Column("created_at", Time, nullable=False),
        Column("attempts", Integer, nullable=False),
        Column("last_error", Text),
        # Not before this instant: the next try after a failure, or a worker's claim.
        Column("next_attempt_at", Time, nullable=False),
        Column("sent_at", Time),
    )
    Index("ix_mail_outbox_due", outbox.c.sent_at, outbox.c.next_attempt_at)
    meta.create_all(conn, tables=[session, reset, attempt, outbox])
