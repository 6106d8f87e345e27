"""A mail the worker gave up on: one that can never be sent as it stands (a header the
mail library refuses, text no encoding carries) is marked `failed_at`, kept with its
reason for `hojokin admin outbox`, and no longer claimed, so that it neither stops the
worker nor holds back the mail behind it."""

from __future__ import annotations

from sqlalchemy import Connection

from hojokin.store.migrations.columns import Time

VERSION = 9
NAME = "mail_outbox: failed_at"


def upgrade(conn: Connection) -> None:
    kind = Time.compile(dialect=conn.dialect)
    conn.exec_driver_sql(f"ALTER TABLE mail_outbox ADD COLUMN failed_at {kind}")
