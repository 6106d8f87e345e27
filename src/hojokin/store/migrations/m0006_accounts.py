"""Accounts of the program office's workflow: issuers (program offices), applicant
companies, users with their roles, API tokens, and the append-only audit trail.

The audit trail refuses UPDATE and DELETE in the database itself (a trigger on each
dialect), so that no code path, present or future, can rewrite history.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
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

VERSION = 6
NAME = "accounts: issuer, company, app_user, api_token, audit_event"

_APPEND_ONLY = "audit_event is append-only"
_SQLITE_TRIGGERS = [
    f"CREATE TRIGGER audit_event_no_{verb.lower()} BEFORE {verb} ON audit_event "
    f"BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END"
    for verb in ("UPDATE", "DELETE")
]
_POSTGRESQL_TRIGGERS = [
    "CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN RAISE EXCEPTION '{_APPEND_ONLY}'; END $$",
    "CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
    "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()",
]


def upgrade(conn: Connection) -> None:
    meta = MetaData()
    Table(
        "issuer",
        meta,
        Column("id", Integer, primary_key=True),
        Column("name", Text, nullable=False, unique=True),
        Column("prefecture", Text, nullable=False),
        Column("created_at", Time, nullable=False),
    )
    Table(
        "company",
        meta,
        Column("id", Integer, primary_key=True),
        Column("name", Text, nullable=False),
        Column("created_at", Time, nullable=False),
    )
    Table(
        "app_user",
        meta,
        Column("id", Integer, primary_key=True),
        # Stored lower-cased: unique whatever case it was typed in.
        Column("email", Key, nullable=False, unique=True),
        Column("display_name", Text, nullable=False),
        Column("password_hash", Text, nullable=False),
        Column("role", Key, nullable=False),
        Column("issuer_id", Integer, ForeignKey("issuer.id")),
        Column("company_id", Integer, ForeignKey("company.id")),
        Column("disabled", Boolean, nullable=False),
        Column("failed_signins", Integer, nullable=False),
        Column("locked_until", Time),
        Column("created_at", Time, nullable=False),
        # Each role's tenant, held by the database too.
        CheckConstraint(
            "(role = 'admin' AND issuer_id IS NULL AND company_id IS NULL)"
            " OR (role IN ('staff', 'reviewer') AND issuer_id IS NOT NULL AND company_id IS NULL)"
            " OR (role = 'applicant' AND company_id IS NOT NULL AND issuer_id IS NULL)",
            name="ck_app_user_tenant",
        ),
    )
    token = Table(
        "api_token",
        meta,
        Column("id", Integer, primary_key=True),
        Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False),
        Column("name", Text, nullable=False),
        # SHA-256 of the secret, hex: the secret itself is shown once and never stored.
        Column("secret_sha256", Key, nullable=False, unique=True),
        Column("created_at", Time, nullable=False),
        Column("last_used_at", Time),
        Column("revoked_at", Time),
    )
    Index("ix_api_token_user", token.c.user_id)
    audit = Table(
        "audit_event",
        meta,
        Column("id", Integer, primary_key=True),
        Column("at", Time, nullable=False),
        Column("actor_id", Integer),  # the user; none for the command line or no one
        Column("actor_name", Text, nullable=False),
        Column("actor_role", Key, nullable=False),
        Column("action", Key, nullable=False),
        Column("object_type", Key, nullable=False),
        Column("object_id", Key),
        # The object's tenants, so that staff read their own issuer's history.
        Column("issuer_id", Integer),
        Column("company_id", Integer),
        Column("before", Text),
        Column("after", Text),
        Column("request_id", Key),
        Column("outcome", Key, nullable=False),
        Column("reason", Text),
    )
    Index("ix_audit_event_issuer", audit.c.issuer_id, audit.c.id)
    meta.create_all(conn)
    triggers = _POSTGRESQL_TRIGGERS if conn.dialect.name == "postgresql" else _SQLITE_TRIGGERS
    for statement in triggers:
        conn.exec_driver_sql(statement)
