"""Every endpoint of /api/v1, with good and bad input: bad input is a 4xx with
`{"error": {"code", "message", "field"}}` naming the field in Japanese, never a 500."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hojokin.catalog.kinds import KINDS
from hojokin.catalog.loader import Catalog
from tests.rules.examples import COMPANY_FILE

TOKYO = "tokyo-zeroemi-innovation"
TOYAMA = "toyama-gijutsu-kaihatsu-josei"


def error(response: Any, status: int, field: str | None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "field"}
    assert body["error"]["field"] == field
    return dict(body["error"])


def test_search_done_means(client: TestClient) -> None:
    hanro = client.get("/api/v1/programs", params={"q": "販路開拓"}).json()
    assert all(item["prefecture"] == "富山県" for item in hanro["items"][:4])
    assert all("販路開拓" in item["name"] for item in hanro["items"][:4])
    suiso = client.get("/api/v1/programs", params={"q": "水素"}).json()
    assert [i["id"] for i in suiso["items"][:2]] == [
        "hokkaido-suiso-sangyoka-sokushin",
        "hokkaido-suiso-shakai-suishin",
    ]
    zero = client.get("/api/v1/programs", params={"q": "ゼロエミッション"}).json()
    assert zero["items"][0]["id"] == TOKYO


def test_list_shape_filters_and_paging(client: TestClient) -> None:
    body = client.get("/api/v1/programs", params={"limit": 2, "offset": 1}).json()
    assert body["total"] > 100 and len(body["items"]) == 2
    first = body["items"][0]
    assert {"id", "name", "issuer", "prefecture", "fiscal_year", "kind", "frames", "source"} <= set(
        first
    )
    filtered = client.get(
        "/api/v1/programs",
        params={"prefecture": "富山", "kind": "grant", "fiscal_year": 2022, "limit": 100},
    ).json()
    assert filtered["total"] == len(filtered["items"]) > 0
    assert all(i["prefecture"] == "富山県" and i["kind"] == "grant" for i in filtered["items"])
    assert [i["id"] for i in client.get("/api/v1/programs?open_on=2024-07-01").json()["items"]] == [
        TOKYO
    ]
    capped = client.get("/api/v1/programs", params={"min_cap_yen": 500_000_000}).json()
    assert TOKYO in [i["id"] for i in capped["items"]]
    sized = client.get("/api/v1/programs", params={"size": "large", "limit": 100}).json()
    assert "hokkaido-shokibo-jigyosha-kinkyu-shien" not in [i["id"] for i in sized["items"]]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "bonus"}, "kind"),
        ({"fiscal_year": "令和4"}, "fiscal_year"),
        ({"fiscal_year": 1800}, "fiscal_year"),
        ({"open_on": "2024-13-01"}, "open_on"),
        ({"min_cap_yen": -1}, "min_cap_yen"),
        ({"min_cap_yen": 10**30}, "min_cap_yen"),
        ({"size": "huge"}, "size"),
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"offset": -1}, "offset"),
        ({"prefecture": "ほげ県"}, "prefecture"),
        ({"q": "あ" * 201}, "q"),
        ({"q": " ".join("abcdefghijk")}, "q"),
    ],
)
def test_list_bad_input(client: TestClient, params: dict[str, Any], field: str) -> None:
    err = error(client.get("/api/v1/programs", params=params), 422, field)
    assert err["code"] == "invalid"
    assert err["message"].startswith(f"{field}: ")


def test_show_program_with_every_term(client: TestClient) -> None:
    body = client.get(f"/api/v1/programs/{TOYAMA}").json()
    assert body["id"] == TOYAMA
    assert body["detail"]["frames"][0]["cap"]["yen"] == 10_000_000
    assert body["detail"]["frames"][0]["cap"]["cite"]["quote"]


def test_show_unknown_program(client: TestClient) -> None:
    err = error(client.get("/api/v1/programs/no-such-program"), 404, "program_id")
    assert err["code"] == "program_not_found"
    assert "no-such-program" in err["message"]


def test_check_every_program_and_one(client: TestClient) -> None:
    every = client.post("/api/v1/check", json={"company": COMPANY_FILE})
    assert every.status_code == 200
    assert len(every.json()) > 100
    one = client.post("/api/v1/check", json={"company": COMPANY_FILE, "program_id": TOKYO}).json()
    assert {c["frame_id"] for c in one} == {"zero-emission", "university-general"}
    assert all(c["program_id"] == TOKYO and "documents" in c for c in one)


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({}, 422, "company"),
        ({"company": COMPANY_FILE | {"legal_form": "kabushiki"}}, 422, "company.legal_form"),
        ({"company": COMPANY_FILE | {"capital_yen": -5}}, 422, "company.capital_yen"),
        ({"company": COMPANY_FILE | {"founded_on": "昔"}}, 422, "company.founded_on"),
        ({"company": COMPANY_FILE | {"facts": {"no_such_fact": True}}}, 422, "company.facts"),
        ({"company": COMPANY_FILE | {"extra": 1}}, 422, "company.extra"),
        ({"company": "株式会社"}, 422, "company"),
        ({"company": COMPANY_FILE, "program_id": "nope"}, 404, "program_id"),
        ({"company": COMPANY_FILE, "unknown": 1}, 422, "unknown"),
    ],
)
def test_check_bad_input(client: TestClient, body: dict[str, Any], status: int, field: str) -> None:
    err = error(client.post("/api/v1/check", json=body), status, field)
    assert field in err["message"] or status == 404


def test_bad_json_and_wrong_shapes(client: TestClient) -> None:
    headers = {"content-type": "application/json"}
    err = error(client.post("/api/v1/check", content=b'{"company": ', headers=headers), 400, None)
    assert err["code"] == "invalid_json"
    error(client.post("/api/v1/check", json=[1, 2]), 422, None)
    error(client.get("/api/v1/check"), 405, None)
    error(client.get("/api/v1/nothing"), 404, None)


def test_body_size_limit(client: TestClient) -> None:
    big = {"company": COMPANY_FILE | {"name": "あ" * 200_000}}
    err = error(client.post("/api/v1/check", json=big), 413, None)
    assert err["code"] == "too_large"


TOKYO_PLAN = {
    "partner_investment_yen": 200_000_000,
    "years": [
        {"fiscal_year": 2025, "expenses": {"materials": 10_000_000, "equipment": 30_000_000}}
    ],
}


def test_estimate(client: TestClient) -> None:
    body = {"program_id": TOYAMA, "company": COMPANY_FILE | {"head_office_prefecture": "富山県"}}
    plan = {"years": [{"fiscal_year": 2022, "eligible_expenses_yen": 30_000_000}]}
    result = client.post("/api/v1/estimate", json=body | {"plan": plan}).json()
    # ⌊30,000,000 × 1/2⌋ = 15,000,000, cut to the 10,000,000 cap.
    assert result["grant_yen"] == 10_000_000
    assert result["limits_applied"]


def test_an_unknown_frame_is_named_with_the_frames_there_are(client: TestClient) -> None:
    body = {"program_id": TOKYO, "frame": "存在しない枠", "company": COMPANY_FILE}
    err = error(client.post("/api/v1/estimate", json=body | {"plan": TOKYO_PLAN}), 422, "frame")
    assert err["message"].startswith(f"frame: {TOKYO} に枠「存在しない枠」はありません。枠: ")
    assert "zero-emission（ゼロエミッション枠）" in err["message"]
    assert "hojokin" not in err["message"].removeprefix(f"frame: {TOKYO}")  # no CLI advice


def test_estimate_frame_by_name(client: TestClient) -> None:
    body = {"program_id": TOKYO, "frame": "ゼロエミッション枠", "company": COMPANY_FILE}
    response = client.post("/api/v1/estimate", json=body | {"plan": TOKYO_PLAN})
    assert response.status_code == 200, response.text
    assert response.json()["frame_name"] == "ゼロエミッション枠"


@pytest.mark.parametrize(
    ("changes", "status", "field"),
    [
        ({"program_id": TOKYO, "frame": None}, 422, "frame"),
        ({"program_id": TOKYO, "frame": "存在しない枠"}, 422, "frame"),
        ({"program_id": "nope"}, 404, "program_id"),
        ({"plan": {"years": []}}, 422, "plan.years"),
        (
            {"plan": {"years": [{"fiscal_year": 2025, "expenses": {"materials": 1.5}}]}},
            422,
            "plan.years[0].expenses.materials",
        ),
        ({"plan": {"years": [{"fiscal_year": 2025}], "facts": {"x": 1}}}, 422, "plan.facts"),
        # a total the frame would ignore: Tokyo counts by expense category
        (
            {"plan": {"years": [{"fiscal_year": 2025, "eligible_expenses_yen": 900_000_000}]}},
            422,
            "plan.years[0].eligible_expenses_yen",
        ),
        ({"company": {}}, 422, "company.legal_form"),
    ],
)
def test_estimate_bad_input(
    client: TestClient, changes: dict[str, Any], status: int, field: str
) -> None:
    body = {
        "program_id": TOKYO,
        "frame": "zero-emission",
        "company": COMPANY_FILE,
        "plan": TOKYO_PLAN,
    }
    error(client.post("/api/v1/estimate", json=body | changes), status, field)


def test_openapi_is_published(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api/v1/programs",
        "/api/v1/programs/{program_id}",
        "/api/v1/check",
        "/api/v1/estimate",
        "/api/v1/me",
        "/api/v1/calls",
        "/api/v1/calls/{call_id}",
        "/api/v1/calls/{call_id}/publish",
        "/api/v1/calls/{call_id}/close",
        "/api/v1/calls/{call_id}/applications",
        "/api/v1/slots/{slot_id}/bookings",
        "/api/v1/bookings/{booking_id}",
        "/api/v1/bookings/{booking_id}/cancel",
        "/api/v1/bookings/{booking_id}/attend",
        "/api/v1/bookings/{booking_id}/absent",
        "/api/v1/applications",
        "/api/v1/applications/export.csv",
        "/api/v1/applications/{application_id}",
        "/api/v1/applications/{application_id}/submit",
        "/api/v1/applications/{application_id}/receipt",
        "/api/v1/applications/{application_id}/withdraw",
        "/api/v1/applications/{application_id}/accept",
        "/api/v1/applications/{application_id}/document-requests",
        "/api/v1/applications/{application_id}/history",
        "/api/v1/applications/{application_id}/documents",
        "/api/v1/applications/{application_id}/documents/complete",
        "/api/v1/documents/{document_id}",
    }
    # Every workflow operation is named in Japanese and says that it needs a token.
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            assert not operation["summary"].isascii(), path
            if path not in ("/api/v1/programs", "/api/v1/programs/{program_id}",
                            "/api/v1/check", "/api/v1/estimate"):  # fmt: skip
                assert operation["security"] == [{"HTTPBearer": []}], path
                assert "401" in operation["responses"], path
    upload = spec["paths"]["/api/v1/applications/{application_id}/documents"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]


@pytest.mark.parametrize(
    ("today", "status", "deadline"),
    [
        (date(2024, 6, 1), "upcoming", "2024-11-12"),
        (date(2024, 7, 1), "open", "2024-11-12"),
        (date(2024, 11, 13), "open", "2024-11-22"),
        (date(2026, 11, 30), "closed", None),
    ],
)
def test_program_status_on_each_day(
    client: TestClient,
    on_day: Callable[[date], None],
    today: date,
    status: str,
    deadline: str | None,
) -> None:
    on_day(today)
    listed = client.get("/api/v1/programs", params={"q": "ゼロエミッション"}).json()["items"][0]
    shown = client.get(f"/api/v1/programs/{TOKYO}").json()
    for item in (listed, shown):
        assert (item["status"], item["deadline"]) == (status, deadline)


def test_status_of_a_report_and_of_a_plan_without_window(
    client: TestClient, on_day: Callable[[date], None]
) -> None:
    on_day(date(2022, 6, 1))
    hokkaido = client.get("/api/v1/programs", params={"prefecture": "北海道", "limit": 100})
    assert {i["status"] for i in hokkaido.json()["items"]} == {"reported"}
    # Toyama's 令和4年度 plan names no window: under way in its 年度, status unknown.
    assert client.get(f"/api/v1/programs/{TOYAMA}").json()["status"] is None
    on_day(date(2023, 4, 1))
    assert client.get(f"/api/v1/programs/{TOYAMA}").json()["status"] == "closed"


def test_listed_json_is_not_frozen_across_days(
    client: TestClient, on_day: Callable[[date], None]
) -> None:
    # The list serialises each program once per app; the day in Japan changes its status.
    for today, status in ((date(2024, 7, 1), "open"), (date(2024, 11, 23), "closed")):
        on_day(today)
        items = client.get("/api/v1/programs", params={"q": "ゼロエミッション"}).json()["items"]
        assert items[0]["status"] == status


def test_status_filter_sort_and_use_purpose(
    client: TestClient, on_day: Callable[[date], None]
) -> None:
    on_day(date(2024, 7, 1))
    open_now = client.get("/api/v1/programs", params={"status": "open"}).json()
    assert open_now["total"] == 1 and open_now["items"][0]["id"] == TOKYO
    by_cap = client.get("/api/v1/programs", params={"sort": "cap", "limit": 3}).json()["items"]
    assert [i["id"] for i in by_cap[:2]] == [TOKYO, "toyama-genki-toyama-venture-fund"]
    purpose = "事業を引き継ぎたい"
    found = client.get("/api/v1/programs", params={"use_purpose": purpose, "limit": 100}).json()
    assert found["total"] == 4
    assert all(purpose in i["use_purpose"].split(" / ") for i in found["items"])


def test_bad_sort_and_status_are_422_in_japanese(client: TestClient) -> None:
    body = error(client.get("/api/v1/programs", params={"sort": "price"}), 422, "sort")
    assert body["message"].startswith("sort: 次のいずれかを指定してください")
    assert "'deadline'" in body["message"] and "'newest'" in body["message"]
    body = error(client.get("/api/v1/programs", params={"status": "soon"}), 422, "status")
    assert "'open'" in body["message"] and "'reported'" in body["message"]


def test_openapi_lists_the_sorts_and_statuses(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    params = {p["name"]: p for p in spec["paths"]["/api/v1/programs"]["get"]["parameters"]}
    assert params["sort"]["schema"]["enum"] == ["relevance", "deadline", "cap", "newest"]
    assert params["sort"]["schema"]["default"] == "relevance"
    status_schema = params["status"]["schema"]["anyOf"][0]
    assert set(status_schema["enum"]) == {"upcoming", "open", "closed", "reported"}


def test_kind_filter_takes_every_kind_and_finds_exactly_its_programs(
    client: TestClient, seed_catalog: Catalog
) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    params = {p["name"]: p for p in spec["paths"]["/api/v1/programs"]["get"]["parameters"]}
    assert params["kind"]["schema"]["anyOf"][0]["enum"] == list(KINDS)
    for kind in ("information", "matching", "public_project"):
        expected = {p.id for p in seed_catalog.programs.values() if p.kind == kind}
        body = client.get("/api/v1/programs", params={"kind": kind, "limit": 100}).json()
        assert body["total"] == len(expected) > 0
        assert {i["id"] for i in body["items"]} == expected
        assert all(i["kind"] == kind for i in body["items"])


def test_unknown_kind_names_the_value_and_the_kinds(client: TestClient) -> None:
    body = error(client.get("/api/v1/programs", params={"kind": "lottery"}), 422, "kind")
    assert body["message"].startswith("kind: 次のいずれかを指定してください")
    assert "'matching'" in body["message"] and "'public_project'" in body["message"]
    assert body["message"].endswith("（指定値: 'lottery'）")
    # A long or unprintable value is quoted short and escaped.
    body = error(client.get("/api/v1/programs", params={"kind": "\u202e" + "x" * 200}), 422, "kind")
    assert "\u202e" not in body["message"] and "\\u202e" in body["message"]
    assert body["message"].endswith("…）") and "x" * 50 not in body["message"]
