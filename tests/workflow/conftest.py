from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from hojokin.catalog.loader import Catalog
from hojokin.store.migrate import migrate
from tests.databases import DIALECTS, empty_database

from .world import Office, make_office


@pytest.fixture(params=DIALECTS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A new migrated database of each dialect."""
    with empty_database(request.param, tmp_path) as db:
        migrate(db)
        yield db


@pytest.fixture
def office(engine: Engine, seed_catalog: Catalog, tmp_path: Path) -> Office:
    return make_office(engine, seed_catalog, tmp_path / "files")
