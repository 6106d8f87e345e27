from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine

from hojokin.api.app import create_app
from hojokin.catalog.loader import Catalog

with warnings.catch_warnings():
    # Starlette's TestClient warns that it prefers httpx2; httpx is what it runs on here.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="session")
def app(seed_db: Engine, seed_catalog: Catalog) -> FastAPI:
    return create_app(seed_db, seed_catalog)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client
