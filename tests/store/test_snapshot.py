"""A snapshot is one stored load: its token and its catalog read in one transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection

from hojokin.catalog.loader import Catalog, load_catalog
from hojokin.load import store_catalog
from hojokin.store import snapshot
from hojokin.store.migrate import migrate
from hojokin.store.read import read_catalog_in
from hojokin.store.state import stored_token

from ..databases import DIALECTS, empty_database

PROGRAM = "tokyo-zeroemi-innovation"
FILE = Path("programs/tokyo/2024") / f"{PROGRAM}.yaml"


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_reload_committed_while_reading_is_not_mixed_in(
    dialect: str, tmp_path: Path, catalog_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with empty_database(dialect, tmp_path) as engine:
        migrate(engine)
        store_catalog(engine, load_catalog(catalog_copy), "first")
        with engine.connect() as conn:
            first = stored_token(conn)
        old_name = load_catalog(catalog_copy).programs[PROGRAM].name
        path = catalog_copy / FILE
        path.write_text(path.read_text().replace(f"name: {old_name}", "name: 改名後の事業", 1))
        newer = load_catalog(catalog_copy)
        real = read_catalog_in

        def reload_meanwhile(conn: Connection, state: dict[str, str]) -> Catalog:
            # Another process commits a reload after the token was read, before the rows.
            store_catalog(engine, newer, "second")
            return real(conn, state)

        monkeypatch.setattr(snapshot, "read_catalog_in", reload_meanwhile)
        taken = snapshot.read_snapshot(engine)
        assert taken.token == first
        assert taken.catalog.programs[PROGRAM].name == old_name
        monkeypatch.undo()
        live = snapshot.LiveCatalog(engine)
        assert live.current().catalog.programs[PROGRAM].name == "改名後の事業"
        assert live.refresh() is False  # the stored token is the snapshot's
