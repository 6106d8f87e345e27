"""Today's account tables, for queries (`store.migrations.m0006_accounts` creates them)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Integer, MetaData, String, Table, Text

from hojokin.store.columns import UtcTime

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
web_session = Table(
    "web_session",
    meta,
    Column("id", Integer, primary_key=True),
    Column("secret_sha256", String),
    Column("user_id", Integer),
    Column("csrf_token", String),
    Column("created_at", UtcTime),
    Column("last_seen_at", UtcTime),
    Column("expires_at", UtcTime),
    Column("revoked_at", UtcTime),
)
password_reset = Table(
    "password_reset",
    meta,
    Column("id", Integer, primary_key=True),
    Column("token_sha256", String),
    Column("user_id", Integer),
    Column("created_at", UtcTime),
    Column("expires_at", UtcTime),
    Column("used_at", UtcTime),
)
client_attempt = Table(
    "client_attempt",
    meta,
    Column("id", Integer, primary_key=True),
    Column("bucket", String),
    Column("client", String),
    Column("at", UtcTime),
)
