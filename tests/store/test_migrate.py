"""The migration runner's transactions on SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

from hojokin.store.engine import make_engine


def test_a_failed_migration_leaves_no_ddl_behind_on_sqlite(tmp_path: Path) -> None:
    # Python's sqlite3 would commit a CREATE on its own; the engine opens the transaction.
    engine = make_engine(f"sqlite:///{tmp_path}/ddl.sqlite3")
    with pytest.raises(RuntimeError), engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        conn.exec_driver_sql("CREATE INDEX ix_half_done ON half_done (x)")
        raise RuntimeError("the migration fails after its DDL")
    with engine.connect() as conn:
        names = conn.exec_driver_sql("SELECT name FROM sqlite_master").scalars().all()
    assert "half_done" not in names and "ix_half_done" not in names
    engine.dispose()
