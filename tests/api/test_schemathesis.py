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
    assert len(operations) == 4
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
