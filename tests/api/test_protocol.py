"""Issue 11, reproductions 8 and 9 in process: protocol errors in the documented shape,
request ids, the concurrency limit, the body deadline, one log line per request and per
error."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from starlette.types import Message, Receive, Scope, Send

from hojokin.api.app import create_app
from hojokin.api.limits import BodyLimit
from hojokin.catalog.loader import Catalog
from hojokin.server import run
from hojokin.server.guards import Guard
from hojokin.server.logs import JsonFormatter
from hojokin.server.protocol import HeaderDeadline
from hojokin.server.settings import Settings
from tests.api.test_hostile_input import C
from tests.conftest import TEST_SETTINGS
from tests.running import HOJOKIN, free_port


def test_405_says_which_methods_the_path_takes(client: TestClient) -> None:
    response = client.delete("/api/v1/check")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.json()["error"]["code"] == "method_not_allowed"


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PUT", "/check", "GET, HEAD, POST"),
        ("DELETE", "/programs/tokyo-zeroemi-innovation/estimate", "GET, HEAD, POST"),
        ("POST", "/api/v1/programs", "GET, HEAD"),
    ],
)
def test_405_names_every_method_of_the_path(
    client: TestClient, method: str, path: str, allow: str
) -> None:
    json = {"Content-Type": "application/json"}  # past the 415 of a non-JSON API post
    response = client.request(method, path, content=b"{}", headers=json)
    assert response.status_code == 405 and response.headers["allow"] == allow
    if path.startswith("/api/"):
        assert response.json()["error"]["code"] == "method_not_allowed"
    else:  # a person's page, in Japanese
        assert response.headers["content-type"].startswith("text/html")
        assert "このメソッドは使えません" in response.text


@pytest.mark.parametrize(
    "path", ["/", "/check", "/api/v1/programs?q=水素", "/programs/tokyo-zeroemi-innovation"]
)
def test_head_is_answered_as_get_without_a_body(client: TestClient, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-length"] == got.headers["content-length"]


def test_probes_answer_any_host(client: TestClient) -> None:
    # Load balancers probe by IP address; the pages still refuse an unknown Host.
    for path in ("/healthz", "/readyz"):
        assert client.get(path, headers={"Host": "10.1.2.3:8000"}).status_code == 200
    assert client.get("/", headers={"Host": "10.1.2.3:8000"}).status_code == 400


@pytest.mark.parametrize(
    "content_type", [None, "text/plain", "application/x-www-form-urlencoded", "application/jsonx"]
)
def test_an_api_post_that_is_not_json_is_415(client: TestClient, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/api/v1/check", content=json.dumps({"company": C}), headers=headers)
    assert response.status_code == 415
    error = response.json()["error"]
    assert error["code"] == "unsupported_media_type" and "application/json" in error["message"]


@pytest.mark.parametrize("content_type", ["application/json", "application/json; charset=UTF-8"])
def test_json_with_or_without_charset_is_read(client: TestClient, content_type: str) -> None:
    response = client.post(
        "/api/v1/check", content=json.dumps({"company": C}), headers={"Content-Type": content_type}
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("body", "why"),
    [(b'{"company": "\xff\xfe"}', "UTF-8 ではありません"), (b"[" * 100_000, "入れ子が深すぎます")],
)
def test_unreadable_json_is_invalid_json(client: TestClient, body: bytes, why: str) -> None:
    response = client.post(
        "/api/v1/check", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "invalid_json",
        "message": f"本文が JSON として読めません（{why}）",
        "field": None,
    }


@pytest.mark.parametrize(
    ("given", "echoed"),
    [("abc-123_X.y", True), ("x" * 65, False), ("a b", False), ("<x>", False), ("", False)],
)
def test_the_request_id_is_echoed_when_sane(client: TestClient, given: str, echoed: bool) -> None:
    response = client.get("/api/v1/programs", params={"limit": 1}, headers={"X-Request-ID": given})
    request_id = response.headers["x-request-id"]
    if echoed:
        assert request_id == given
    else:
        assert request_id != given and len(request_id) == 32 and request_id.isalnum()


def _lines(caplog: pytest.LogCaptureFixture, name: str) -> list[dict[str, Any]]:
    formatter = JsonFormatter()
    return [json.loads(formatter.format(r)) for r in caplog.records if r.name == name]


def test_an_unhandled_error_is_a_500_logged_once_and_the_connection_closed(
    seed_db: Engine, seed_catalog: Catalog, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(seed_db, seed_catalog, settings=TEST_SETTINGS)

    def broken() -> None:
        raise ZeroDivisionError("boom")

    app.add_api_route("/api/v1/broken", broken)
    caplog.set_level(logging.INFO, logger="hojokin")
    with TestClient(app) as client:
        response = client.get("/api/v1/broken", headers={"X-Request-ID": "req-500"})
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal"
    assert response.headers["connection"] == "close"
    assert response.headers["x-request-id"] == "req-500"
    assert response.headers["x-content-type-options"] == "nosniff"
    [error] = _lines(caplog, "hojokin.error")
    assert error["request_id"] == "req-500" and error["level"] == "error"
    assert error["error_type"] == "ZeroDivisionError" and error["error"] == "boom"
    assert error["traceback"].startswith("Traceback") and ", in broken\n" in error["traceback"]
    assert error["traceback"].endswith("ZeroDivisionError: boom\n")
    [request] = _lines(caplog, "hojokin.request")
    assert request["request_id"] == "req-500" and request["status"] == 500
    for line in (error, request):
        assert datetime.fromisoformat(line["ts"]).tzinfo is not None
        assert isinstance(line["pid"], int)
        assert line["method"] == "GET" and line["path"] == "/api/v1/broken"


def test_a_request_is_one_log_line(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="hojokin")
    response = client.get("/api/v1/programs", params={"limit": 1}, headers={"X-Request-ID": "one"})
    [line] = [x for x in _lines(caplog, "hojokin.request") if x["request_id"] == "one"]
    assert response.status_code == line["status"] == 200
    assert line["method"] == "GET" and line["path"] == "/api/v1/programs"
    assert line["duration_ms"] >= 0 and line["level"] == "info"


async def _call(app: Any, path: str) -> tuple[list[Message], bytes]:
    scope: Scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "headers": [(b"host", b"127.0.0.1")],
    }
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent, b"".join(m.get("body", b"") for m in sent)


def test_beyond_max_concurrency_the_guard_answers_503_at_once() -> None:
    release = asyncio.Event()

    async def slow(scope: Scope, receive: Receive, send: Send) -> None:
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    guard = Guard(slow, Settings(max_concurrency=2))

    async def scenario() -> list[tuple[list[Message], bytes]]:
        held = [asyncio.create_task(_call(guard, "/api/v1/programs")) for _ in range(2)]
        await asyncio.sleep(0)
        # Without the limit these would wait for `release` too: the timeout fails them.
        refused = [
            await asyncio.wait_for(_call(guard, "/api/v1/programs"), 5),
            await asyncio.wait_for(_call(guard, "/"), 5),
        ]
        release.set()
        return [*refused, *await asyncio.gather(*held)]

    api, page, *served = asyncio.run(scenario())
    for sent, _body in (api, page):
        assert sent[0]["status"] == 503
        assert (b"retry-after", b"1") in sent[0]["headers"]
    assert json.loads(api[1])["error"]["code"] == "busy"
    assert "混み合っています" in page[1].decode()
    assert [sent[0]["status"] for sent, _ in served] == [200, 200]
    assert guard.active == 0
    # Once they are done, the next request is served.
    assert asyncio.run(_call(guard, "/"))[0][0]["status"] == 200


def test_a_body_that_does_not_arrive_in_time_is_408() -> None:
    async def never_complete() -> Message:
        await asyncio.sleep(0.01)
        return {"type": "http.request", "body": b"{", "more_body": True}

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        raise AssertionError("the app must not see a request whose body never came")

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    limit = BodyLimit(app, limit=1024 * 1024, timeout=0.2)
    scope: Scope = {"type": "http", "method": "POST", "path": "/api/v1/check", "headers": []}
    asyncio.run(limit(scope, never_complete, send))
    assert sent[0]["status"] == 408 and (b"connection", b"close") in sent[0]["headers"]
    error = json.loads(sent[1]["body"])["error"]
    assert error["code"] == "timeout" and "0.2 秒以内に届きませんでした" in error["message"]


def test_uvicorn_runs_with_the_settings_timeouts_and_logs() -> None:
    settings = Settings(header_timeout_s=3.0, keep_alive_s=4.0, shutdown_timeout_s=7.0)
    options = run.options(settings)
    assert options["http"].func is HeaderDeadline
    assert options["http"].keywords == {"header_timeout": 3.0}
    assert options["timeout_keep_alive"] == 4 and options["timeout_graceful_shutdown"] == 7
    assert options["access_log"] is False
    assert options["log_config"]["formatters"]["json"]["()"] is JsonFormatter


def test_settings_travel_to_the_workers_through_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    given = Settings(max_concurrency=7, header_timeout_s=1.5, allowed_hosts=("a.example",))
    for name, value in given.environ().items():
        monkeypatch.setenv(name, value)
    read = Settings.from_env()
    assert read.max_concurrency == 7 and read.header_timeout_s == 1.5
    assert "a.example" in read.allowed_hosts
    monkeypatch.setenv("HOJOKIN_BODY_TIMEOUT_S", "soon")
    with pytest.raises(ValueError, match="HOJOKIN_BODY_TIMEOUT_S: 数値で指定してください"):
        Settings.from_env()
    for bad in ("0", "-1", "nan", "inf"):
        monkeypatch.setenv("HOJOKIN_BODY_TIMEOUT_S", bad)
        with pytest.raises(ValueError, match="0 より大きい有限の値"):
            Settings.from_env()


def test_serve_names_a_bad_limit_in_the_environment() -> None:
    env = os.environ | {"HOJOKIN_HEADER_TIMEOUT_S": "10秒"}
    result = subprocess.run(
        [str(HOJOKIN), "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "HOJOKIN_HEADER_TIMEOUT_S: 数値で指定してください" in result.stderr
    assert "Traceback" not in result.stderr
