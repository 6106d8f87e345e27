"""The audit trail: one row per change or refusal, written by the service in the
transaction of what it records, and never updated or deleted (the database's
triggers refuse both; `store.migrations.m0006_accounts`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Connection, insert, select

from hojokin.accounts.permissions import Action, Actor, Target
from hojokin.accounts.records import AuditEntry
from hojokin.accounts.tables import audit_event

Outcome = Literal["done", "refused"]
# What a person does to their own account, signed in or not: no grant is needed, so
# these are not `Action`s of the permission table.
OwnAction = Literal[
    "user.sign_in",
    "user.sign_out",
    "user.password_change",
    "user.password_reset_request",
    "user.password_reset",
    "request.csrf",
]
# Keys that hold a secret or what opens one: dropped from every record, whatever
# the caller passed.
SECRET_KEYS = frozenset({"password", "password_hash", "secret", "secret_sha256"})
# Who acts when no one is signed in yet (a sign-in attempt).
ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class Event:
    actor: Actor | None  # None: someone not signed in (`actor_name` says who they said)
    action: Action | OwnAction
    object_type: str
    object_id: int | None
    target: Target
    outcome: Outcome = "done"
    reason: str | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    actor_name: str = ""
    request_id: str | None = None


def _json(data: dict[str, Any] | None) -> str | None:
    if data is None:
        return None
    kept = {k: v for k, v in data.items() if k not in SECRET_KEYS}
    return json.dumps(kept, ensure_ascii=False, sort_keys=True, default=_plain)


def _plain(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def record(conn: Connection, event: Event, at: datetime) -> None:
    actor = event.actor
    conn.execute(
        insert(audit_event).values(
            at=at,
            actor_id=actor.user_id if actor else None,
            actor_name=actor.name if actor else event.actor_name,
            actor_role=actor.role if actor else ANONYMOUS,
            action=event.action,
            object_type=event.object_type,
            object_id=None if event.object_id is None else str(event.object_id),
            issuer_id=event.target.issuer_id,
            company_id=event.target.company_id,
            before=_json(event.before),
            after=_json(event.after),
            request_id=event.request_id or (actor.request_id if actor else None),
            outcome=event.outcome,
            reason=event.reason,
        )
    )


def recent(conn: Connection, limit: int, issuer_id: int | None = None) -> list[AuditEntry]:
    """The newest `limit` entries, newest first; only `issuer_id`'s objects when given."""
    query = select(audit_event).order_by(audit_event.c.id.desc()).limit(limit)
    if issuer_id is not None:
        query = query.where(audit_event.c.issuer_id == issuer_id)
    return [_entry(row) for row in conn.execute(query)]


def of_object(conn: Connection, object_type: str, object_id: int) -> list[AuditEntry]:
    """Every entry of one object, oldest first: its history."""
    query = select(audit_event).where(
        audit_event.c.object_type == object_type, audit_event.c.object_id == str(object_id)
    )
    return [_entry(row) for row in conn.execute(query.order_by(audit_event.c.id))]


def _entry(row: Any) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        at=row.at,
        actor_id=row.actor_id,
        actor_name=row.actor_name,
        actor_role=row.actor_role,
        action=row.action,
        object_type=row.object_type,
        object_id=row.object_id,
        issuer_id=row.issuer_id,
        company_id=row.company_id,
        before=None if row.before is None else json.loads(row.before),
        after=None if row.after is None else json.loads(row.after),
        request_id=row.request_id,
        outcome=row.outcome,
        reason=row.reason,
    )
