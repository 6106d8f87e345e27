"""`hojokin serve --workers 2`: its health checks answer from the workers, and on
PostgreSQL its pooled connections terminated under it (a database restart, an
idle-connection killer) cost no request."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.databases import PG_URL, application_url, terminate_backends
from tests.running import Server, database_url, served


@pytest.mark.skipif(PG_URL is None, reason="HOJOKIN_TEST_DATABASE_URL is not set")
def test_served_workers_survive_terminated_backends(tmp_path: Path) -> None:
    name = f"hojokin-test-{uuid.uuid4().hex[:12]}"
    query = "/api/v1/programs?q=" + urllib.parse.quote("ゼロエミッション")
    with (
        database_url("postgresql", tmp_path) as url,
        served(application_url(url, name), tmp_path, workers=2) as server,
    ):
        # Enough requests that both workers hold pooled connections.
        assert {server.get(query)[0] for _ in range(20)} == {200}
        assert terminate_backends(name) >= 1
        answers = [server.get(query) for _ in range(40)]
        assert [status for status, _ in answers] == [200] * 40, server.log_text()
        assert json.loads(answers[-1][1])["items"][0]["id"] == "tokyo-zeroemi-innovation"
        _healthy(server)


def _healthy(server: Server) -> None:
    """/healthz from a worker (not the parent), /readyz ready, and HEAD without a body."""
    status, body = server.get("/healthz")
    assert status == 200
    health = json.loads(body)
    assert health["status"] == "ok" and health["worker"] != server.process.pid
    status, body = server.get("/readyz")
    assert status == 200 and json.loads(body)["checks"]["database"] == {"ok": True}
    head = urllib.request.Request(server.base + "/readyz", method="HEAD")
    with urllib.request.urlopen(head, timeout=10) as response:
        assert response.status == 200 and response.read() == b""


def test_served_health_checks(tmp_path: Path) -> None:
    with database_url("sqlite", tmp_path) as url, served(url, tmp_path) as server:
        _healthy(server)
