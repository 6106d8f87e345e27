"""The app over the workflow's world (tests/workflow/world.py) for the API's tests: a
fresh database of each dialect, a token for each user, the service on the world's
clock, and the Tokyo call published with a booking and a draft of company 1."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from hojokin.api.app import create_app
from hojokin.catalog.loader import Catalog
from hojokin.load import catalog_digest, store_catalog
from hojokin.store.migrate import migrate
from hojokin.workflow.service import Workflow
from tests.accounts.world import CLI
from tests.conftest import CATALOG, TEST_SETTINGS
from tests.databases import DIALECTS, empty_database
from tests.workflow.profiles import COMPANY, PLAN
from tests.workflow.world import Office, jst, make_office

# Every caller of the matrix: a user of each role and tenant, no token, a revoked one.
CALLERS = (
    "applicant_1",
    "applicant_1b",
    "applicant_2",
    "staff_a",
    "staff_b",
    "reviewer_a",
    "admin",
    "anonymous",
    "revoked",
)


@dataclass
class Served:
    office: Office
    client: TestClient
    files: Path
    tokens: dict[str, str] = field(default_factory=dict)

    def auth(self, caller: str) -> dict[str, str]:
        if caller == "anonymous":
            return {}
        return {"Authorization": f"Bearer {self.tokens[caller]}"}

    def call(self, caller: str, method: str, path: str, **kwargs: Any) -> Any:
        headers = self.auth(caller) | kwargs.pop("headers", {})
        return self.client.request(method, path, headers=headers, **kwargs)

    @property
    def flow(self) -> Workflow:
        return self.office.flow


def serve(engine: Engine, catalog: Catalog, files: Path) -> Iterator[Served]:
    migrate(engine)
    store_catalog(engine, catalog, catalog_digest(CATALOG))
    office = make_office(engine, catalog, files)
    app = create_app(engine, catalog, settings=replace(TEST_SETTINGS, files_dir=files))
    # The service on the world's clock: the tests move time through the call's dates.
    app.state.workflow = office.flow
    with TestClient(app) as client:
        served = Served(office, client, files)
        accounts = office.world.accounts
        for name, user in office.world.users.items():
            if name == "disabled_a":  # no token can be made for a disabled user
                continue
            served.tokens[name] = accounts.create_token(CLI, user.id, "テスト")[1]
        revoked, secret = accounts.create_token(CLI, office.world.users["applicant_1"].id, "失効")
        accounts.revoke_token(CLI, revoked.id)
        served.tokens["revoked"] = secret
        yield served


@dataclass(frozen=True)
class Scene:
    call_id: int
    slot_id: int
    booking_id: int
    application_id: int


def scene(served: Served, code: str) -> Scene:
    """A published call of office A with a booking and a saved draft of company 1, the
    clock on the booking period's first day."""
    office = served.office
    made = office.tokyo_call(code, capacity=3)
    office.at(jst(2024, 10, 1, 10))
    applicant = office.actor("applicant_1")
    slot = office.flow.calls.slots(applicant, made.id)[0]
    held = office.flow.bookings.book(applicant, slot.id)
    draft = office.flow.applications.start(applicant, made.id)
    office.flow.applications.save(applicant, draft.id, company=COMPANY, plan=PLAN)
    return Scene(made.id, slot.id, held.id, draft.id)


@pytest.fixture(params=DIALECTS)
def served(
    request: pytest.FixtureRequest, seed_catalog: Catalog, tmp_path: Path
) -> Iterator[Served]:
    """A fresh world of each dialect for one test (the matrix shares one per module)."""
    with empty_database(request.param, tmp_path) as engine:
        yield from serve(engine, seed_catalog, tmp_path / "files")
