from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from hojokin.web import web_app
from tests.rules.examples import catalog


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(web_app(catalog())) as test_client:
        yield test_client
