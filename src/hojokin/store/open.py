"""Opening the database for use: migrate, then (re)load the catalog when it changed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from hojokin.catalog.loader import default_root, load_catalog
from hojokin.store.engine import make_engine
from hojokin.store.load import catalog_digest, store_catalog, stored_state
from hojokin.store.migrate import migrate


def sync_catalog(engine: Engine, root: Path | None = None) -> bool:
    """Load the catalog folder into the database when the database is empty or holds
    another version of it; returns whether it loaded. A broken catalog raises
    CatalogError and leaves the stored one as it was."""
    root = root or default_root()
    digest = catalog_digest(root)
    state = stored_state(engine)
    if state.get("digest") == digest and state.get("root") == str(root):
        return False
    store_catalog(engine, load_catalog(root), digest)
    return True


def open_store(url: str | None = None, root: Path | None = None) -> Engine:
    """An engine on a migrated database holding the current catalog."""
    engine = make_engine(url)
    migrate(engine)
    sync_catalog(engine, root)
    return engine
