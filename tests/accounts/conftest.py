from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from hojokin.store.migrate import migrate
from tests.databases import DIALECTS, empty_database

from .world import World, make_world


@pytest.fixture(params=DIALECTS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A new migrated database of each dialect."""
    with empty_database(request.param, tmp_path) as db:
        migrate(db)
        yield db


@pytest.fixture
def world(engine: Engine) -> World:
    return make_world(engine)
