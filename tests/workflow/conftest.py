from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from hojokin.catalog.loader import Catalog
from tests.accounts.conftest import engine

from .world import Office, make_office

__all__ = ["engine"]  # the accounts' fixture: a new migrated database of each dialect


@pytest.fixture
def office(engine: Engine, seed_catalog: Catalog, tmp_path: Path) -> Office:
    return make_office(engine, seed_catalog, tmp_path / "files")
