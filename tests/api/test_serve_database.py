"""`hojokin serve --workers 2` on PostgreSQL: its pooled connections terminated under it
(a database restart, an idle-connection killer) cost no request, and /readyz says so."""

from __future__ import annotations

import json
import urllib.parse
import uuid
from pathlib import Path

import pytest

from tests.databases import PG_URL, application_url, terminate_backends
from tests.running import database_url, served


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
        status, body = server.get("/readyz")
        assert status == 200 and json.loads(body)["checks"]["database"] == {"ok": True}
