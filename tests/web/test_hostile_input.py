"""The web reproductions of issue 11: the 500s and the misread amounts, with the values
of the issue."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from hojokin.rules import service
from hojokin.web.check_groups import find_matches
from tests.loops import recorded
from tests.rules.examples import TOKYO, catalog
from tests.web.test_pages import COMPANY_FORM, text

UNICODE_DIGITS = ["①", "²", "፩", "٣"]
NINES = "9" * 5000


@pytest.mark.parametrize("value", [*UNICODE_DIGITS, NINES])
def test_query_numbers_in_other_digits_are_ignored_not_500(client: TestClient, value: str) -> None:
    # The search runs without the filter and says so: a 400 naming it, with results.
    for query, label in (("page", "ページ"), ("fiscal_year", "年度"), ("min_cap_yen", "上限額")):
        page = client.get("/", params={query: value})
        assert page.status_code == 400, query
        assert "使わずに検索しました" in page.text and label in page.text.split("使わずに")[1]
    document = next(iter(catalog().documents))
    for query in ("from", "to"):
        page = client.get(f"/documents/{document}", params={query: value})
        assert page.status_code == 200, query


@pytest.mark.parametrize("value", [*UNICODE_DIGITS, NINES])
def test_form_counts_in_other_digits_are_field_errors(client: TestClient, value: str) -> None:
    page = client.post("/check", data=COMPANY_FORM | {"employees": value})
    assert page.status_code == 422
    assert "常時使用する従業員数: " in text(page.text)


@pytest.mark.parametrize(
    ("founded_on", "shown"),
    [
        ("1926-12-24", "大正15年12月24日"),
        ("1912-07-29", "明治45年7月29日"),
        ("明治33年2月28日", "明治33年2月28日"),
    ],
)
def test_a_company_founded_before_showa_gets_its_results(
    client: TestClient, founded_on: str, shown: str
) -> None:
    page = client.post("/check", data=COMPANY_FORM | {"founded_on": founded_on})
    assert page.status_code == 200
    assert shown in text(page.text)


@pytest.mark.parametrize("founded_on", ["0001-01-01", "1868-01-01", "1900-02-29", "明治元年"])
def test_dates_before_meiji_or_impossible_are_field_errors(
    client: TestClient, founded_on: str
) -> None:
    page = client.post("/check", data=COMPANY_FORM | {"founded_on": founded_on})
    assert page.status_code == 422
    assert "設立日・開業日: " in text(page.text)


def test_share_with_an_exponent_is_a_field_error(client: TestClient) -> None:
    page = client.post("/check", data=COMPANY_FORM | {"share_single_max": "1e-5000"})
    assert page.status_code == 422
    assert "最も多く出資する大企業1社の出資比率: 0から100までの数で入力してください" in text(
        page.text
    )


@pytest.mark.parametrize("capital", ["1e10", "3e8", "0x10", "1/2", "abc12", "1 2"])
def test_amounts_are_read_whole_or_refused(client: TestClient, capital: str) -> None:
    # Once read as 10円, 8, 10, 2, 12 and 2: capital 1e10 was judged 中小企業者.
    page = client.post("/check", data=COMPANY_FORM | {"capital": capital})
    assert page.status_code == 422
    assert "資本金（出資の総額）: " in text(page.text)
    estimate = client.post(
        f"/programs/{TOKYO}/estimate",
        data=COMPANY_FORM | {"frame": "zero-emission", "y1_fy": "2025", "y1_materials": capital},
    )
    assert estimate.status_code == 422
    assert "1年度目 " in text(estimate.text)


def test_posted_pages_compute_off_the_event_loop(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Judging the whole catalog and rendering it takes a few hundred milliseconds.
    loops: list[bool] = []
    monkeypatch.setattr("hojokin.web.pages.find_matches", recorded(find_matches, loops))
    monkeypatch.setattr(service, "estimate", recorded(service.estimate, loops))
    assert client.post("/check", data=COMPANY_FORM).status_code == 200
    export = client.post("/check/export", data=COMPANY_FORM | {"format": "csv"})
    assert export.status_code == 200
    form = COMPANY_FORM | {"frame": "zero-emission", "y1_fy": "2025", "y1_materials": "3億"}
    assert client.post(f"/programs/{TOKYO}/estimate", data=form).status_code == 200
    assert loops == [False, False, False]
