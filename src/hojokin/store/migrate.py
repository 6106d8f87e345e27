"""Apply the versioned migrations in order, recording each in `schema_version`."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, func, insert, select

from hojokin.store.migrations import MIGRATIONS

_meta = MetaData()
schema_version = Table(
    "schema_version",
    _meta,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", String(40), nullable=False),
)


def current_version(engine: Engine) -> int:
    _meta.create_all(engine)
    with engine.connect() as conn:
        version: int = conn.execute(
            select(func.coalesce(func.max(schema_version.c.version), 0))
        ).scalar_one()
        return version


def migrate(engine: Engine) -> list[int]:
    """Apply every migration newer than the database, each in its own transaction (DDL
    included: both databases roll it back), and return the versions applied."""
    applied = []
    for migration in sorted(MIGRATIONS, key=lambda m: m.VERSION):
        if current_version(engine) >= migration.VERSION:
            continue
        with engine.begin() as conn:
            migration.upgrade(conn)
            conn.execute(
                insert(schema_version).values(
                    version=migration.VERSION,
                    name=migration.NAME,
                    applied_at=datetime.now(UTC).isoformat(timespec="seconds"),
                )
            )
        applied.append(migration.VERSION)
    return applied
