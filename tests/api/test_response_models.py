"""The response models describe the JSON every /api/v1 route sends, exactly: the
OpenAPI document carries each shape, and real answers on the seed catalog are those
shapes, field for field, and the same JSON as the CLI's (docs/contract.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel, TypeAdapter

from hojokin.api.models import CheckJSON, EstimateJSON, ProgramDetail, ProgramList
from hojokin.catalog.loader import Catalog
from hojokin.rules import service
from hojokin.rules.company import parse_company
from hojokin.rules.plan import parse_plan
from hojokin.views.checks import check_json, estimate_json
from hojokin.views.programs import program_json_on
from tests.rules.examples import COMPANY_FILE

TOKYO = "tokyo-zeroemi-innovation"
TOKYO_PLAN = {
    "partner_investment_yen": 200_000_000,
    "years": [
        {"fiscal_year": 2025, "expenses": {"materials": 10_000_000, "equipment": 30_000_000}}
    ],
}
TOYAMA = "toyama-gijutsu-kaihatsu-josei"
TOYAMA_PLAN = {"years": [{"fiscal_year": 2022, "eligible_expenses_yen": 30_000_000}]}
TOYAMA_COMPANY = COMPANY_FILE | {"head_office_prefecture": "富山県"}


def _schema_of(openapi: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    """The 200 answer's schema, its references resolved one level."""
    answer = openapi["paths"][path][method]["responses"]["200"]
    schema: dict[str, Any] = answer["content"]["application/json"]["schema"]
    if schema.get("type") == "array":
        schema = schema["items"]
    name = schema["$ref"].rpartition("/")[2]
    found: dict[str, Any] = openapi["components"]["schemas"][name]
    return found


def test_openapi_documents_every_answer(client: TestClient) -> None:
    openapi = client.get("/api/v1/openapi.json").json()
    check = _schema_of(openapi, "/api/v1/check", "post")
    assert {"program_id", "frame_id", "eligible", "reasons", "warnings", "documents"} <= set(
        check["properties"]
    )
    estimate = _schema_of(openapi, "/api/v1/estimate", "post")
    assert {"grant_yen", "by_year", "rate", "floor_expenses_yen", "limits_applied"} <= set(
        estimate["properties"]
    )
    assert {"total", "items"} <= set(_schema_of(openapi, "/api/v1/programs", "get")["properties"])
    detail = _schema_of(openapi, "/api/v1/programs/{program_id}", "get")
    assert {"id", "frames", "status", "deadline", "detail"} <= set(detail["properties"])
    # The check's array is documented as one, of those objects.
    answer = openapi["paths"]["/api/v1/check"]["post"]["responses"]["200"]
    assert answer["content"]["application/json"]["schema"]["type"] == "array"


def _exactly(shape: type[BaseModel] | TypeAdapter[Any], body: Any) -> None:
    """`body` is `shape`: no field missing or extra (extra="forbid"), every type right,
    and read back it is the same JSON (an absent optional field stays absent)."""
    adapter = shape if isinstance(shape, TypeAdapter) else TypeAdapter(shape)
    read = adapter.validate_python(body)
    assert adapter.dump_python(read, mode="json", exclude_unset=True) == body


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 100},
        {"q": "ゼロエミッション"},
        {"prefecture": "富山", "kind": "grant", "limit": 100, "offset": 3},
        {"status": "reported", "sort": "deadline", "limit": 100},
    ],
)
def test_program_lists_are_the_documented_shape(
    client: TestClient, seed_catalog: Catalog, params: dict[str, Any]
) -> None:
    body = client.get("/api/v1/programs", params=params).json()
    _exactly(ProgramList, body)
    today = client.app.state.today()  # type: ignore[attr-defined]
    for item in body["items"]:
        assert item == program_json_on(seed_catalog, seed_catalog.programs[item["id"]], today)


def test_program_detail_is_the_documented_shape(
    client: TestClient, seed_catalog: Catalog, on_day: Any
) -> None:
    on_day(date(2024, 7, 1))
    for program_id in (TOKYO, TOYAMA):
        body = client.get(f"/api/v1/programs/{program_id}").json()
        _exactly(ProgramDetail, body)
        program = seed_catalog.programs[program_id]
        assert body == program_json_on(seed_catalog, program, date(2024, 7, 1), detail=True)


def test_check_answers_are_the_documented_shape_and_the_cli_json(
    sqlite_client: TestClient, seed_catalog: Catalog
) -> None:
    for company in (COMPANY_FILE, TOYAMA_COMPANY, COMPANY_FILE | {"facts": {}}):
        body = sqlite_client.post("/api/v1/check", json={"company": company}).json()
        _exactly(TypeAdapter(list[CheckJSON]), body)
        profile = parse_company(company, "company", seed_catalog.facts)
        checks = service.check_company(seed_catalog, profile)
        assert body == [check_json(c) for c in checks]
    # A note (the catalog's reading of an implicit source) is there only where one is.
    notes = [f for c in body for f in c["reasons"] + c["warnings"] if "note" in f]
    assert notes and len(notes) < sum(len(c["reasons"] + c["warnings"]) for c in body)


@pytest.mark.parametrize(
    ("program_id", "company", "plan"),
    [(TOKYO, COMPANY_FILE, TOKYO_PLAN), (TOYAMA, TOYAMA_COMPANY, TOYAMA_PLAN)],
)
def test_estimate_answers_are_the_documented_shape_and_the_cli_json(
    sqlite_client: TestClient,
    seed_catalog: Catalog,
    program_id: str,
    company: dict[str, Any],
    plan: dict[str, Any],
) -> None:
    program = seed_catalog.programs[program_id]
    frame = program.frames[0]
    asked = {"program_id": program_id, "frame": frame.id, "company": company, "plan": plan}
    body = sqlite_client.post("/api/v1/estimate", json=asked).json()
    _exactly(EstimateJSON, body)
    facts = seed_catalog.facts
    result = service.estimate(
        program, frame, parse_company(company, "company", facts), parse_plan(plan, "plan", facts)
    )
    assert body == estimate_json(result)
