"""The input reproductions of issue 11 against `hojokin serve --workers 2`, on each
database: every one a 4xx naming the field, from whichever worker answers."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.api.test_hostile_input import SEVERAL_FRAMES, C
from tests.databases import DIALECTS
from tests.running import Server, database_url, served
from tests.web.test_pages import COMPANY_FORM

# A worker busy computing 10**10000000 answered nothing for 7–15 s; a refusal is at once.
TIMEOUT_S = 5
ROUNDS = 4  # enough requests for both workers to answer some


def _post(server: Server, path: str, body: bytes, content_type: str) -> tuple[int, str]:
    request = urllib.request.Request(
        server.base + path, data=body, headers={"content-type": content_type}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _api(server: Server, path: str, body: str) -> dict[str, Any]:
    status, text = _post(server, path, body.encode(), "application/json")
    assert status == 422, text
    error: dict[str, Any] = json.loads(text)["error"]
    return error


def _form(server: Server, path: str, data: dict[str, str]) -> tuple[int, str]:
    return _post(
        server, path, urllib.parse.urlencode(data).encode(), "application/x-www-form-urlencoded"
    )


@pytest.mark.parametrize("dialect", DIALECTS)
def test_reproductions_on_two_workers(dialect: str, tmp_path: Path) -> None:
    share = {"company": C | {"large_enterprise_ownership": {"single_max": "1e-10000000"}}}
    digits = json.dumps({"company": C}).replace('"employees": 5', '"employees": ' + "9" * 10_000)
    frame = {"program_id": SEVERAL_FRAMES, "frame": "", "company": C, "plan": {"years": []}}
    with database_url(dialect, tmp_path) as url, served(url, tmp_path, workers=2) as server:
        for _ in range(ROUNDS):
            error = _api(server, "/api/v1/check", json.dumps(share))
            assert error["field"] == "company.large_enterprise_ownership.single_max"
            error = _api(
                server, "/api/v1/check", json.dumps({"company": C | {"capital_yen": True}})
            )
            assert error["field"] == "company.capital_yen"
            assert _api(server, "/api/v1/check", digits)["field"] == "company.employees"
            assert _api(server, "/api/v1/estimate", json.dumps(frame))["field"] == "frame"
            status, body = server.get("/?page=" + urllib.parse.quote("①"), timeout=TIMEOUT_S)
            assert status == 400 and "使わずに検索しました: ページ" in body.decode()
            status, page = _form(server, "/check", COMPANY_FORM | {"capital": "1e10"})
            assert status == 422 and "資本金（出資の総額）" in page
            status, page = _form(server, "/check", COMPANY_FORM | {"founded_on": "1926-12-24"})
            assert status == 200 and "大正15年12月24日" in page
