"""Property-based requests generated from the published OpenAPI document (schemathesis):
whatever they send, the API answers without a server error (5xx), and every refusal has
the error shape."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis import Case, GenerationMode
from schemathesis.openapi.loaders import from_asgi

from hojokin.api.app import OPENAPI_URL

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
