"""Issue 11, reproductions 5 and 6: the Host header is checked and never echoed in links,
and every answer carries the security headers; the API docs page loads nothing from
outside."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hojokin.server.guards import SECURITY_HEADERS, relative_location

TOKYO = "tokyo-zeroemi-innovation"
CHECK = {"company": {"legal_form": "corporation"}}


def _answers(client: TestClient) -> dict[str, Any]:
    big = b'{"company": "' + b"x" * 300_000 + b'"}'
    json_type = {"Content-Type": "application/json"}
    return {
        "page": client.get("/"),
        "program page": client.get(f"/programs/{TOKYO}"),
        "missing page": client.get("/no-such-page"),
        "api": client.get("/api/v1/programs", params={"limit": 1}),
        "api 404": client.get("/api/v1/programs/none"),
        "api 422": client.post("/api/v1/check", json=CHECK),
        "api 405": client.delete("/api/v1/check"),
        "api 413": client.post("/api/v1/check", content=big, headers=json_type),
        "api 415": client.post(
            "/api/v1/check", content=b"{}", headers={"Content-Type": "text/plain"}
        ),
        "bad host": client.get("/", headers={"Host": "evil.example"}),
        "static": client.get("/static/style.css"),
        "static redirect": client.get("/static", follow_redirects=False),
        "docs": client.get("/api/v1/docs"),
        "openapi": client.get("/api/v1/openapi.json"),
    }


def test_every_answer_carries_the_security_headers(client: TestClient) -> None:
    for name, response in _answers(client).items():
        for header, value in SECURITY_HEADERS:
            assert response.headers.get(header.decode()) == value.decode(), (name, header)
    policy = dict(SECURITY_HEADERS)[b"content-security-policy"].decode()
    for directive in (
        "default-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "object-src 'none'",
    ):
        assert directive in policy


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example"])
def test_an_unknown_host_is_refused_in_japanese(client: TestClient, host: str) -> None:
    page = client.get("/", headers={"Host": host})
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert "この Host 名では受け付けていません" in page.text and "evil" not in page.text
    api = client.get("/api/v1/programs", headers={"Host": host})
    assert api.status_code == 400
    assert api.json()["error"]["code"] == "bad_host"
    assert "Host" in api.json()["error"]["message"]


@pytest.mark.parametrize("host", ["testserver:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"])
def test_an_allowed_host_with_or_without_port_is_served(client: TestClient, host: str) -> None:
    assert client.get("/api/v1/programs", params={"limit": 1}, headers={"Host": host}).is_success


def test_links_forms_and_redirects_carry_no_host(client: TestClient) -> None:
    for name, response in _answers(client).items():
        urls = re.findall(r'(?:href|action|src)="([^"]*)"', response.text)
        assert all(not re.match(r"[a-z]+://|//", url) for url in urls), (name, urls)
        assert "testserver" not in response.text, name
    # Starlette redirects /static to /static/ with the URL built from the request.
    redirect = client.get("/static", follow_redirects=False)
    assert redirect.status_code == 307 and redirect.headers["location"] == "/static/"
    results = client.post("/check", data={"legal_form": "corporation"})
    assert "testserver" not in results.text


def test_api_docs_is_a_local_japanese_page(client: TestClient) -> None:
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "API リファレンス" in page.text and 'href="/api/v1/openapi.json"' in page.text
    for path, methods in client.get("/api/v1/openapi.json").json()["paths"].items():
        for method, operation in methods.items():
            assert f"{method.upper()} {path}" in page.text
            assert operation["summary"] in page.text
    # Parameters of the search and the fields of a check's body are listed.
    assert "<code>prefecture</code>" in page.text and "<code>company</code>" in page.text
    scripts = re.findall(r'<script[^>]*src="([^"]*)"', page.text)
    assert scripts == ["/static/enhance.js"] and "swagger" not in page.text.lower()
    assert client.get("/docs").status_code == 404


@pytest.mark.parametrize(
    ("location", "relative"),
    [
        ("http://evil.example/static/", "/static/"),
        ("https://evil.example/programs?q=1", "/programs?q=1"),
        ("http://testserver//evil.example/", "/evil.example/"),
        ("/\\evil.example", "/evil.example"),
        ("http://testserver", "/"),
    ],
)
def test_a_redirect_never_leaves_the_site(location: str, relative: str) -> None:
    assert relative_location(b"location", location.encode()) == (b"location", relative.encode())
