from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from hojokin.api.app import create_app
from hojokin.catalog.loader import Catalog, load_catalog
from hojokin.load import catalog_digest, store_catalog
from hojokin.server.settings import LOCAL_HOSTS, Settings
from hojokin.store.migrate import migrate

from .databases import DIALECTS, empty_database

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "catalog"
# TestClient sends "Host: testserver".
TEST_SETTINGS = Settings(allowed_hosts=(*LOCAL_HOSTS, "testserver"))


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A private copy of the seed catalog that a test may break."""
    target = tmp_path / "catalog"
    shutil.copytree(CATALOG, target)
    return target


@pytest.fixture(scope="session")
def seed_catalog() -> Catalog:
    return load_catalog(CATALOG)


@pytest.fixture(scope="session", params=DIALECTS)
def seed_db(
    request: pytest.FixtureRequest, seed_catalog: Catalog, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """A migrated database of each dialect holding the seed catalog (read-only for tests)."""
    with empty_database(request.param, tmp_path_factory.mktemp("db")) as engine:
        migrate(engine)
        store_catalog(engine, seed_catalog, catalog_digest(CATALOG))
        yield engine


@pytest.fixture(scope="session")
def app(seed_db: Engine, seed_catalog: Catalog) -> FastAPI:
    """The whole application (API and web UI) on each test database, answering to the
    test client's Host name."""
    return create_app(seed_db, seed_catalog, settings=TEST_SETTINGS)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def on_day(client: TestClient) -> Iterator[Callable[[date], None]]:
    """Judge statuses on a given day (the app reads today in Japan from app.state.today;
    monkeypatch would delete a Starlette State attribute on undo)."""
    state = client.app.state  # type: ignore[attr-defined]
    before = state.today

    def on(today: date) -> None:
        state.today = lambda: today

    yield on
    state.today = before


@pytest.fixture(scope="session")
def sqlite_client(
    seed_catalog: Catalog, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """The app on SQLite only, for what is read in memory (forms, company and plan
    bodies), where a second database would send the same requests again."""
    with empty_database("sqlite", tmp_path_factory.mktemp("db")) as engine:
        migrate(engine)
        store_catalog(engine, seed_catalog, catalog_digest(CATALOG))
        app = create_app(engine, seed_catalog, settings=TEST_SETTINGS)
        with TestClient(app) as test_client:
            yield test_client
