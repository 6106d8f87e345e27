"""Accounts and the mail outbox as the API and the CLI's `--json` show them: never a
secret (a mail is shown only to the administrator)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hojokin.accounts.records import AuditEntry, Token, User
from hojokin.mail.outbox import Entry


def time_json(at: datetime | None) -> str | None:
    return None if at is None else at.isoformat()


def user_json(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "email": user.email,
        "display_name": user.display_name,
        "role": user.role,
        "issuer_id": user.issuer_id,
        "company_id": user.company_id,
        "disabled": user.disabled,
        "locked_until": time_json(user.locked_until),
        "created_at": time_json(user.created_at),
    }


def token_json(token: Token) -> dict[str, Any]:
    return {
        "id": token.id,
        "user_id": token.user_id,
        "name": token.name,
        "created_at": time_json(token.created_at),
        "last_used_at": time_json(token.last_used_at),
        "revoked_at": time_json(token.revoked_at),
    }


def audit_json(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": time_json(entry.at),
        "actor_id": entry.actor_id,
        "actor_name": entry.actor_name,
        "actor_role": entry.actor_role,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "issuer_id": entry.issuer_id,
        "company_id": entry.company_id,
        "before": entry.before,
        "after": entry.after,
        "request_id": entry.request_id,
        "outcome": entry.outcome,
        "reason": entry.reason,
    }


def outbox_json(entry: Entry) -> dict[str, Any]:
    """A mail of the outbox, whole: the administrator reads it when none is sent."""
    return {
        "id": entry.id,
        "to": entry.mail.to,
        "subject": entry.mail.subject,
        "body": entry.mail.body,
        "created_at": time_json(entry.created_at),
        "attempts": entry.attempts,
        "last_error": entry.last_error,
        "sent_at": time_json(entry.sent_at),
        "failed_at": time_json(entry.failed_at),
    }
