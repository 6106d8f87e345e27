"""Issue 11, reproductions 5, 7, 8 (logs) and 9 (SIGTERM) against a real `hojokin serve
--workers 2` on each database: sockets that never finish their headers or body, the
allowed-host option, one JSON log line per request, and a graceful shutdown."""

from __future__ import annotations

import http.client
import json
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.test_hostile_input import C
from tests.databases import DIALECTS
from tests.running import Server, database_url, served

SHORT = {"HOJOKIN_HEADER_TIMEOUT_S": "1", "HOJOKIN_BODY_TIMEOUT_S": "1"}


@pytest.fixture(scope="module", params=DIALECTS)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("served")
    with database_url(request.param, folder) as url:
        args = ("--allowed-host", "hojokin.example")
        with served(url, folder, workers=2, args=args, env=SHORT) as running:
            yield running


def _connect(server: Server) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.port), timeout=10)


def _response(sock: socket.socket) -> http.client.HTTPResponse:
    response = http.client.HTTPResponse(sock)
    response.begin()
    return response


def _closed_by_server(sock: socket.socket) -> bool:
    try:
        return sock.recv(1024) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def test_sockets_without_complete_headers_are_closed(server: Server) -> None:
    sockets = [_connect(server) for _ in range(200)]
    for i, sock in enumerate(sockets):
        # Half of them send part of a request, the others nothing at all.
        if i % 2:
            sock.sendall(b"GET /api/v1/programs HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: ")
    for sock in sockets:
        sock.settimeout(8)  # the deadline is 1 s; 8 s leaves room for a loaded machine
    try:
        assert all(_closed_by_server(sock) for sock in sockets)
    finally:
        for sock in sockets:
            sock.close()
    assert server.get("/api/v1/programs?limit=1")[0] == 200


def test_a_body_that_stops_short_is_408(server: Server) -> None:
    with _connect(server) as sock:
        sock.sendall(
            b"POST /api/v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
            b'{"company":'
        )
        response = _response(sock)
        assert response.status == 408
        assert response.getheader("connection") == "close"
        assert json.loads(response.read())["error"]["code"] == "timeout"


@pytest.mark.parametrize(
    ("host", "status"),
    [("hojokin.example", 200), ("hojokin.example:443", 200), ("evil.example", 400)],
)
def test_allowed_host_option(server: Server, host: str, status: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", "/api/v1/programs?limit=1", headers={"Host": host})
    assert connection.getresponse().status == status
    connection.close()


def _log_lines(server: Server) -> list[dict[str, object]]:
    lines = [json.loads(line) for line in server.log_text().splitlines() if line.strip()]
    assert all(isinstance(line, dict) for line in lines)
    return lines


def test_a_request_is_one_json_log_line(server: Server) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", "/api/v1/programs?limit=1", headers={"X-Request-ID": "served-1"})
    response = connection.getresponse()
    response.read()
    connection.close()
    assert response.getheader("x-request-id") == "served-1"
    deadline = time.monotonic() + 30
    while not (mine := [x for x in _log_lines(server) if x.get("request_id") == "served-1"]):
        assert time.monotonic() < deadline, server.log_text()
        time.sleep(0.05)
    [line] = mine
    assert {"ts", "level", "pid", "method", "path", "status", "duration_ms"} <= set(line)
    assert line["status"] == 200 and line["path"] == "/api/v1/programs"
    # Every line the server wrote is JSON (uvicorn's and the parent's too), with a time.
    assert all(str(x["ts"]).endswith("+00:00") for x in _log_lines(server))
    assert any(x["logger"] == "uvicorn.error" for x in _log_lines(server))


@pytest.mark.parametrize("dialect", DIALECTS)
def test_sigterm_finishes_the_request_in_flight_and_refuses_new_ones(
    dialect: str, tmp_path: Path
) -> None:
    body = json.dumps({"company": C}).encode()
    with database_url(dialect, tmp_path) as url, served(url, tmp_path, workers=2) as server:
        with _connect(server) as sock:
            sock.sendall(
                b"POST /api/v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body[:10]
            )
            time.sleep(0.5)  # the request is in a worker, waiting for the rest of its body
            server.process.send_signal(signal.SIGTERM)
            time.sleep(2)  # the supervisor passes the signal on within 0.5 s
            with pytest.raises(ConnectionRefusedError):
                socket.create_connection(("127.0.0.1", server.port), timeout=5).close()
            sock.sendall(body[10:])
            response = _response(sock)
            assert response.status == 200, response.read()
            assert json.loads(response.read())  # every frame, checked
        assert server.process.wait(timeout=30) == 0
