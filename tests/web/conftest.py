"""Fixtures the web tests share: Debian's Chromium once per module, and the workflow's
office (the accounts' world, the seed catalog, a file store) served as the site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, sync_playwright
from sqlalchemy import Engine

from hojokin.catalog.loader import Catalog
from tests.accounts.conftest import engine
from tests.accounts.web import Site, make_site, sign_in
from tests.web.browser import launch
from tests.workflow.world import Office, make_office

# A signed-in browser of each of these, for the workflow pages' tests.
ROLES = ("applicant_1", "applicant_1b", "applicant_2", "staff_a", "staff_b", "reviewer_a", "admin")

__all__ = ["engine"]  # the accounts' fixture: a new migrated database of each dialect


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def office(engine: Engine, seed_catalog: Catalog, tmp_path: Path) -> Office:
    return make_office(engine, seed_catalog, tmp_path / "files")


@pytest.fixture
def site(office: Office, seed_catalog: Catalog) -> Site:
    made = make_site(office.world, seed_catalog)
    made.app.state.workflow = office.flow  # the world's clock and file store
    return made


@pytest.fixture
def browsers(site: Site) -> Iterator[dict[str, TestClient]]:
    """A signed-in browser of each of `ROLES`, and an anonymous one."""
    clients = {}
    for who in ROLES:
        client = site.client()
        assert sign_in(client, f"{who}@example.jp").status_code == 303
        clients[who] = client
    clients["anonymous"] = site.client()
    yield clients
