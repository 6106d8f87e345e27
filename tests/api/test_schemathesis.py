"""Property-based requests generated from the published OpenAPI document (schemathesis):
whatever they send, the API answers without a server error (5xx), and every refusal has
the error shape."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis import Case, GenerationMode
from schemathesis.openapi.loaders import from_asgi

from hojokin.api.app import OPENAPI_URL
from hojokin.catalog.loader import Catalog
from tests.databases import empty_database

from .workflow_app import Served, scene, serve

EXAMPLES_PER_OPERATION = 30


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_server_error(app: FastAPI, mode: GenerationMode) -> None:
    schema = from_asgi(OPENAPI_URL, app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 30
    for operation in operations:

        @given(case=operation.as_strategy(mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def answers_without_5xx(case: Case) -> None:
            response = case.call()
            assert response.status_code < 500, (case.method, case.formatted_path, response.text)
            if response.status_code >= 400:
                assert set(response.json()["error"]) == {"code", "message", "field"}

        answers_without_5xx()


def test_generated_bodies_reach_inside_company_and_plan(app: FastAPI) -> None:
    # Company and plan are validated by the file parsers, but the schema describes their
    # fields and bounds, so schemathesis generates values for each of them.
    schemas = app.openapi()["components"]["schemas"]
    company = schemas["CheckRequest"]["properties"]["company"]
    assert company["properties"]["capital_yen"]["maximum"] == 10 * 10**12
    assert "single_max" in company["properties"]["large_enterprise_ownership"]["properties"]
    plan = schemas["EstimateRequest"]["properties"]["plan"]
    year = plan["properties"]["years"]["items"]
    assert year["properties"]["fiscal_year"].items() >= {"minimum": 1989, "maximum": 2100}.items()


# The workflow's operations, which answer an anonymous caller 401 before reading a
# thing: generated again with the tokens of an applicant and of the call's staff, so
# that their inputs reach the service.
WORKFLOW = ("/api/v1/calls", "/api/v1/slots", "/api/v1/bookings", "/api/v1/applications",
            "/api/v1/documents")  # fmt: skip


@pytest.fixture(scope="module")
def workflow_served(
    tmp_path_factory: pytest.TempPathFactory, seed_catalog: Catalog
) -> Iterator[Served]:
    """The workflow's world with its Tokyo call, a booking and a draft of company 1."""
    folder = tmp_path_factory.mktemp("fuzz")
    with empty_database("sqlite", folder) as engine:
        for served in serve(engine, seed_catalog, folder / "files"):
            scene(served, "FZ2024")
            yield served


@pytest.mark.parametrize("caller", ["applicant_1", "staff_a"])
def test_no_server_error_for_signed_in_callers(workflow_served: Served, caller: str) -> None:
    schema = from_asgi(OPENAPI_URL, workflow_served.client.app)
    operations = [
        result.ok() for result in schema.get_all_operations()
        if result.ok().path.startswith(WORKFLOW)
    ]  # fmt: skip
    assert len(operations) >= 20
    headers = workflow_served.auth(caller)
    for operation in operations:

        @given(case=operation.as_strategy(GenerationMode.POSITIVE))
        @settings(
            max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def answers_without_5xx(case: Case) -> None:
            response = case.call(headers=headers)
            assert response.status_code < 500, (case.method, case.formatted_path, response.text)
            assert response.status_code != 401  # the token went with every case
            if response.status_code >= 400 and "json" in response.headers["content-type"]:
                assert set(response.json()["error"]) == {"code", "message", "field"}

        answers_without_5xx()
