"""The account service's records, as it hands them out: never a password hash nor a
token's digest."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row

from hojokin.accounts.permissions import Role, Target

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


@dataclass(frozen=True)
class Issuer:
    id: int
    name: str
    prefecture: str
    created_at: datetime

    @classmethod
    def of(cls, row: Row[Any]) -> Issuer:
        return cls(row.id, row.name, row.prefecture, row.created_at)


@dataclass(frozen=True)
class Company:
    id: int
    name: str
    created_at: datetime

    @classmethod
    def of(cls, row: Row[Any]) -> Company:
        return cls(row.id, row.name, row.created_at)


@dataclass(frozen=True)
class User:
    id: int
    email: str
    display_name: str
    role: Role
    issuer_id: int | None
    company_id: int | None
    disabled: bool
    failed_signins: int
    locked_until: datetime | None
    created_at: datetime

    @classmethod
    def of(cls, row: Row[Any]) -> User:
        return cls(
            row.id,
            row.email,
            row.display_name,
            row.role,
            row.issuer_id,
            row.company_id,
            row.disabled,
            row.failed_signins,
            row.locked_until,
            row.created_at,
        )

    @property
    def target(self) -> Target:
        return Target(self.issuer_id, self.company_id, self.id, self.role)


@dataclass(frozen=True)
class Token:
    id: int
    user_id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def of(cls, row: Row[Any]) -> Token:
        return cls(row.id, row.user_id, row.name, row.created_at, row.last_used_at, row.revoked_at)


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor_id: int | None
    actor_name: str
    actor_role: str
    action: str
    object_type: str
    object_id: str | None
    issuer_id: int | None
    company_id: int | None
    before: Any
    after: Any
    request_id: str | None
    outcome: str
    reason: str | None


def snapshot(record: DataclassInstance | Mapping[str, Any]) -> dict[str, Any]:
    """A record as the audit trail keeps it before and after a change (a mapping: a
    record the caller cut down, as a digest for a long body)."""
    return dict(record) if isinstance(record, Mapping) else asdict(record)
