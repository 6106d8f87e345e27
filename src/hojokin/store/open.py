"""Opening the database for use: migrate, then (re)load the catalog when it changed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from hojokin.catalog.loader import default_root, load_catalog
from hojokin.store.engine import make_engine
from hojokin.store.load import catalog_digest, store_catalog, stored_state
from hojokin.store.migrate import migrate

_SETTLE_ATTEMPTS = 3


def sync_catalog(engine: Engine, root: Path | None = None) -> bool:
    """Load the catalog folder into the database when the database is empty or holds
    another version of it; returns whether it loaded. A broken catalog raises
    CatalogError and leaves the stored one as it was."""
    root = root or default_root()
    state = stored_state(engine)
    for _ in range(_SETTLE_ATTEMPTS):
        digest = catalog_digest(root)
        if state.get("digest") == digest and state.get("root") == str(root):
            return False
        catalog = load_catalog(root)
        # A file saved while the folder was read: the catalog read may be of neither
        # version, so it is read again rather than stored under the earlier digest
        # (which would then match the folder and never be loaded over).
        if catalog_digest(root) == digest:
            store_catalog(engine, catalog, digest)
            return True
    # Still changing: stored under no digest, so the next look loads it again.
    store_catalog(engine, catalog, "")
    return True


def open_store(url: str | None = None, root: Path | None = None) -> Engine:
    """An engine on a migrated database holding the current catalog."""
    engine = make_engine(url)
    migrate(engine)
    sync_catalog(engine, root)
    return engine
