"""One rule for what a search takes (`hojokin.search.request`), the same on the CLI, the
API and the web: at most 200 characters and at most 10 words, each front end saying so
its own way."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from hojokin.cli import app
from hojokin.search.query import MAX_LIMIT, MAX_LOCAL_LIMIT, MAX_QUERY_CHARS, MAX_WORDS
from hojokin.search.request import QueryError, program_query
from tests.conftest import CATALOG

TOO_LONG = "あ" * (MAX_QUERY_CHARS + 1)
TOO_MANY = " ".join("abcdefghijk")  # 11 words in 21 characters
OVER = [
    (TOO_LONG, f"検索語は {MAX_QUERY_CHARS} 文字までです"),
    (TOO_MANY, f"検索語は {MAX_WORDS} 語までです"),
]


def test_the_limits_are_characters_and_words() -> None:
    assert program_query("あ" * MAX_QUERY_CHARS).text == "あ" * MAX_QUERY_CHARS
    assert program_query(" ".join("abcdefghij")).text == " ".join("abcdefghij")
    for text, message in OVER:
        with pytest.raises(QueryError) as refused:
            program_query(text)
        assert refused.value.field == "q" and refused.value.message.startswith(message)


@pytest.mark.parametrize(
    ("asked", "field"),
    [
        ({"kind": "bonus"}, "kind"),
        ({"size": "huge"}, "size"),
        ({"status": "soon"}, "status"),
        ({"sort": "price"}, "sort"),
        ({"prefecture": "ほげ"}, "prefecture"),
        ({"issuer": "あ" * 101}, "issuer"),
        ({"fiscal_year": 1800}, "fiscal_year"),
        ({"min_cap_yen": -1}, "min_cap_yen"),
        ({"limit": 0}, "limit"),
        ({"limit": MAX_LIMIT + 1}, "limit"),
        ({"offset": -1}, "offset"),
    ],
)
def test_each_filter_is_refused_by_name(asked: dict[str, object], field: str) -> None:
    with pytest.raises(QueryError) as refused:
        program_query("事業", **asked)  # type: ignore[arg-type]
    assert refused.value.field == field


def test_the_cli_may_ask_for_the_whole_catalog() -> None:
    assert program_query(limit=MAX_LOCAL_LIMIT, max_limit=MAX_LOCAL_LIMIT).limit == 1000
    assert program_query(prefecture="東京").prefecture == "東京都"


@pytest.mark.parametrize(("text", "message"), OVER)
def test_the_cli_exits_2(text: str, message: str) -> None:
    args = ["programs", "search", text, "--json", "--catalog", str(CATALOG)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("text", "message"), OVER)
def test_the_api_answers_422(sqlite_client: TestClient, text: str, message: str) -> None:
    response = sqlite_client.get("/api/v1/programs", params={"q": text})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid" and error["field"] == "q"
    assert error["message"].startswith(f"q: {message}")


@pytest.mark.parametrize(("text", "message"), OVER)
def test_the_web_form_shows_it_at_the_field(
    sqlite_client: TestClient, text: str, message: str
) -> None:
    page = sqlite_client.get("/", params={"q": text})
    assert page.status_code == 422
    error = re.search(r'<p class="field-error" id="q-error">(.*?)</p>', page.text)
    assert error is not None and message in error[1]
    assert 'aria-invalid="true"' in page.text
    # The keyword stays in the box to be shortened; no results are listed for it.
    assert f'value="{text}"' in page.text and 'class="card"' not in page.text


def test_the_web_takes_a_keyword_at_the_limit(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/", params={"q": " ".join("abcdefghij")})
    assert page.status_code == 200 and 'id="q-error"' not in page.text
