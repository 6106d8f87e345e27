"""Today's account tables, for queries (`store.migrations.m0006_accounts` creates them)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, Column, DateTime, Dialect, Integer, MetaData, String, Table, Text
from sqlalchemy.types import TypeDecorator


class UtcTime(TypeDecorator[datetime]):
    """An aware UTC instant on both databases: SQLite keeps no zone, so what it gives
    back is read as the UTC that was written."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a stored time must carry its zone")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


meta = MetaData()

issuer = Table(
    "issuer",
    meta,
    Column("id", Integer, primary_key=True),
    Column("name", Text),
    Column("prefecture", Text),
    Column("created_at", UtcTime),
)
company = Table(
    "company",
    meta,
    Column("id", Integer, primary_key=True),
    Column("name", Text),
    Column("created_at", UtcTime),
)
app_user = Table(
    "app_user",
    meta,
    Column("id", Integer, primary_key=True),
    Column("email", String),
    Column("display_name", Text),
    Column("password_hash", Text),
    Column("role", String),
    Column("issuer_id", Integer),
    Column("company_id", Integer),
    Column("disabled", Boolean),
    Column("failed_signins", Integer),
    Column("locked_until", UtcTime),
    Column("created_at", UtcTime),
)
api_token = Table(
    "api_token",
    meta,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer),
    Column("name", Text),
    Column("secret_sha256", String),
    Column("created_at", UtcTime),
    Column("last_used_at", UtcTime),
    Column("revoked_at", UtcTime),
)
audit_event = Table(
    "audit_event",
    meta,
    Column("id", Integer, primary_key=True),
    Column("at", UtcTime),
    Column("actor_id", Integer),
    Column("actor_name", Text),
    Column("actor_role", String),
    Column("action", String),
    Column("object_type", String),
    Column("object_id", String),
    Column("issuer_id", Integer),
    Column("company_id", Integer),
    Column("before", Text),
    Column("after", Text),
    Column("request_id", String),
    Column("outcome", String),
    Column("reason", Text),
)
