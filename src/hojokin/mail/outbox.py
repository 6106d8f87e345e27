"""The outbox: a mail is a row written with the change it tells of (so that it is sent
if and only if the change committed), then claimed, sent and marked by the worker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from hojokin.mail.tables import mail_outbox

# An error kept in the row is cut to this: a server may answer at length.
MAX_ERROR = 500


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str  # Japanese plain text


@dataclass(frozen=True)
class Entry:
    id: int
    mail: Mail
    created_at: datetime
    attempts: int
    last_error: str | None
    next_attempt_at: datetime
    sent_at: datetime | None
    # Given up: the mail cannot be sent as it stands (`last_error` says why).
    failed_at: datetime | None = None

    @classmethod
    def of(cls, row: Any) -> Entry:
        mail = Mail(row.to_address, row.subject, row.body)
        return cls(
            row.id,
            mail,
            row.created_at,
            row.attempts,
            row.last_error,
            row.next_attempt_at,
            row.sent_at,
            row.failed_at,
        )


def enqueue(conn: Connection, mail: Mail, at: datetime) -> int:
    """Put `mail` in the outbox inside the caller's transaction; its id."""
    values = {
        "to_address": mail.to,
        "subject": mail.subject,
        "body": mail.body,
        "created_at": at,
        "attempts": 0,
        "next_attempt_at": at,
    }
    new_id: int = conn.execute(
        insert(mail_outbox).values(values).returning(mail_outbox.c.id)
    ).scalar_one()
    return new_id


def entries(engine: Engine, *, unsent_only: bool, limit: int) -> list[Entry]:
    """The newest `limit` mails, newest first; only those not sent yet if asked."""
    query = select(mail_outbox).order_by(mail_outbox.c.id.desc()).limit(limit)
    if unsent_only:
        query = query.where(mail_outbox.c.sent_at.is_(None))
    with engine.connect() as conn:
        return [Entry.of(row) for row in conn.execute(query)]


def claim(engine: Engine, now: datetime, lease: timedelta) -> Entry | None:
    """The oldest mail due now, claimed for `lease`: another worker skips it meanwhile,
    and if this one dies while sending, it is due again when the lease ends. The claim
    is a compare-and-set on `next_attempt_at`, so it holds no lock while mail is sent."""
    due = (
        select(mail_outbox)
        .where(
            mail_outbox.c.sent_at.is_(None),
            mail_outbox.c.failed_at.is_(None),
            mail_outbox.c.next_attempt_at <= now,
        )
        .order_by(mail_outbox.c.next_attempt_at, mail_outbox.c.id)
        .limit(1)
    )
    for _ in range(10):  # another worker may win a row; try the next
        with engine.begin() as conn:
            row = conn.execute(due).first()
            if row is None:
                return None
            taken = conn.execute(
                update(mail_outbox)
                .where(
                    mail_outbox.c.id == row.id,
                    mail_outbox.c.sent_at.is_(None),
                    mail_outbox.c.next_attempt_at == row.next_attempt_at,
                )
                .values(next_attempt_at=now + lease)
            )
            if taken.rowcount == 1:
                return Entry.of(row)
    return None


def mark_sent(engine: Engine, entry_id: int, at: datetime) -> None:
    with engine.begin() as conn:
        mine = mail_outbox.c.id == entry_id
        conn.execute(
            update(mail_outbox)
            .where(mine)
            .values(sent_at=at, attempts=mail_outbox.c.attempts + 1, last_error=None)
        )


def mark_failed(engine: Engine, entry_id: int, error: str, retry_at: datetime) -> None:
    _failure(engine, entry_id, error, next_attempt_at=retry_at)


def mark_given_up(engine: Engine, entry_id: int, error: str, at: datetime) -> None:
    """The mail is never tried again: kept, with `error`, for the administrator."""
    _failure(engine, entry_id, error, failed_at=at)


def _failure(engine: Engine, entry_id: int, error: str, **when: datetime) -> None:
    """One more attempt that failed with `error`, and when (if ever) to try again."""
    with engine.begin() as conn:
        conn.execute(
            update(mail_outbox)
            .where(mail_outbox.c.id == entry_id)
            .values(attempts=mail_outbox.c.attempts + 1, last_error=error[:MAX_ERROR], **when)
        )
