"""The reproductions of issue 11 against the API: each hostile value is a 4xx whose
Japanese message names the field, never a 500 nor a value read as something else."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hojokin.rules import service
from hojokin.rules.company import parse_company
from hojokin.rules.plan import parse_plan
from tests.loops import recorded
from tests.rules.examples import TOKYO

# The company of issue 11's reproductions.
C: dict[str, Any] = {
    "legal_form": "corporation",
    "industry": "manufacturing",
    "capital_yen": 1,
    "employees": 5,
    "founded_on": "2015-04-01",
    "head_office_prefecture": "東京都",
}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
SEVERAL_FRAMES = "hokkaido-keiei-jizokuka-rinji-tokubetsu-shienkin"
PLAN = {"years": [{"fiscal_year": 2024}]}


def refused(response: Any, field: str) -> str:
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid" and error["field"] == field, error
    assert error["message"].startswith(f"{field}: ") and JAPANESE.search(error["message"])
    message: str = error["message"]
    return message


@pytest.mark.parametrize("share", ["1e-10000000", "1e-5000", "1e-5", "0x1", "3/2", "-0.5"])
def test_share_with_an_exponent_or_out_of_range_is_refused(client: TestClient, share: str) -> None:
    # Fraction("1e-10000000") computed 10**10000000 on the event loop (7–15 s), and
    # str(Fraction("1e-5000")) exceeded the int-to-text limit (a 500).
    company = C | {"large_enterprise_ownership": {"single_max": share}}
    response = client.post("/api/v1/check", json={"company": company})
    message = refused(response, "company.large_enterprise_ownership.single_max")
    assert "0 から 1 まで" in message


@pytest.mark.parametrize(("share", "read"), [("1/3", "1/3"), ("0.5", "1/2"), ("50%", "1/2")])
def test_share_as_people_write_it(share: str, read: str) -> None:
    company = parse_company(C | {"large_enterprise_ownership": {"single_max": share}})
    assert str(company.large_enterprise_ownership.single_max) == read


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("capital_yen", True),
        ("employees", False),
        ("capital_yen", 10**30),
        ("capital_yen", -1),
        ("capital_yen", 1.5),
        ("capital_yen", "1e10"),
        ("employees", "①"),
        ("employees", 10_000_001),
    ],
)
def test_integers_are_integers_within_bounds(client: TestClient, field: str, value: Any) -> None:
    response = client.post("/api/v1/check", json={"company": C | {field: value}})
    refused(response, f"company.{field}")


@pytest.mark.parametrize("value", [True, 0, 10])
def test_tokyo_theme_is_an_integer_within_bounds(client: TestClient, value: Any) -> None:
    # A program fact (catalog/facts.yaml), read into `facts` from the top level too.
    for company in (
        C | {"zero_emission_theme": value},
        C | {"facts": {"zero_emission_theme": value}},
    ):
        response = client.post("/api/v1/check", json={"company": company})
        assert "fact 'zero_emission_theme'" in refused(response, "company.facts")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("partner_investment_yen", True),
        ("ineligible_expenses_yen", 10**30),
    ],
)
def test_plan_integers_too(client: TestClient, field: str, value: Any) -> None:
    body = {"program_id": TOKYO, "frame": "zero-emission", "company": C, "plan": PLAN}
    body["plan"] = PLAN | {field: value}
    refused(client.post("/api/v1/estimate", json=body), f"plan.{field}")


def test_a_10000_digit_integer_is_refused_by_its_field(client: TestClient) -> None:
    # Python's json refuses more than 4,300 digits for the whole body; read_json lets the
    # field say it is too large instead.
    body = json.dumps({"company": C}).replace('"employees": 5', '"employees": ' + "9" * 10_000)
    response = client.post(
        "/api/v1/check", content=body, headers={"content-type": "application/json"}
    )
    assert "数が大きすぎます" in refused(response, "company.employees")
    negative = body.replace('"employees": 9', '"employees": -9')
    response = client.post(
        "/api/v1/check", content=negative, headers={"content-type": "application/json"}
    )
    refused(response, "company.employees")


def test_a_string_with_half_a_surrogate_pair_is_not_json(client: TestClient) -> None:
    body = json.dumps({"company": C | {"municipality": "X"}}).replace('"X"', '"\\ud800"')
    response = client.post(
        "/api/v1/check", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_json"


@pytest.mark.parametrize("frame", ["", " ", "\u0000", "x" * 200])
def test_estimate_with_an_empty_or_unknown_frame(client: TestClient, frame: str) -> None:
    body = {"program_id": SEVERAL_FRAMES, "frame": frame, "company": C, "plan": PLAN}
    refused(client.post("/api/v1/estimate", json=body), "frame")


@pytest.mark.parametrize(
    ("founded_on", "shown"),
    [
        ("1926-12-24", "大正15年12月24日"),
        ("1912-07-29", "明治45年7月29日"),
        ("大正元年7月30日", "大正元年7月30日"),
    ],
)
def test_a_company_founded_before_showa(client: TestClient, founded_on: str, shown: str) -> None:
    response = client.post(
        "/api/v1/check", json={"company": C | {"founded_on": founded_on}, "program_id": TOKYO}
    )
    assert response.status_code == 200
    assert shown in response.text  # the founding requirement quotes the date in 和暦


@pytest.mark.parametrize(
    ("founded_on", "says"),
    [
        ("0001-01-01", "明治元年1月25日（1868年1月25日）から2100年12月31日まで"),
        ("1868-01-01", "明治元年1月25日（1868年1月25日）から2100年12月31日まで"),
        ("2101-01-01", "2100年12月31日まで"),
        ("1900-02-29", "1900-02-29という日はありません"),
        ("令和2年²月1日", "日付として読めません"),
    ],
)
def test_dates_outside_the_eras_or_impossible(
    client: TestClient, founded_on: str, says: str
) -> None:
    response = client.post("/api/v1/check", json={"company": C | {"founded_on": founded_on}})
    assert says in refused(response, "company.founded_on")


def test_plan_values_are_read_as_the_form_reads_them() -> None:
    plan = parse_plan({"years": [{"fiscal_year": "令和7年度", "expenses": {"rent": "4,000万円"}}]})
    assert plan.years[0].fiscal_year == 2025 and plan.years[0].expenses == {"rent": 40_000_000}


@pytest.mark.parametrize("year", ["1988", "昭和60年度", "令和99年度", 2101, True, "²⁰²⁵"])
def test_fiscal_years_outside_1989_2100_or_misspelt(client: TestClient, year: Any) -> None:
    body = {"program_id": TOKYO, "frame": "zero-emission", "company": C, "plan": PLAN}
    body["plan"] = {"years": [{"fiscal_year": year}]}
    refused(client.post("/api/v1/estimate", json=body), "plan.years[0].fiscal_year")


def test_the_estimate_runs_off_the_event_loop(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its cost grows with the plan (about 100 ms for the largest body): other requests
    # go on being answered meanwhile.
    loops: list[bool] = []
    monkeypatch.setattr(service, "estimate", recorded(service.estimate, loops))
    body = {"program_id": TOKYO, "frame": "zero-emission", "company": C, "plan": PLAN}
    assert client.post("/api/v1/estimate", json=body).status_code == 200
    assert loops == [False]


@pytest.mark.parametrize("query", ["fiscal_year", "offset", "limit", "min_cap_yen"])
def test_query_integers_beyond_any_size_are_named_in_japanese(
    client: TestClient, query: str
) -> None:
    response = client.get("/api/v1/programs", params={query: "9" * 5000})
    assert response.status_code == 422
    assert response.json()["error"] == {
        "code": "invalid",
        "message": f"{query}: 数が大きすぎます",
        "field": query,
    }
