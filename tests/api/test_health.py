"""`/healthz` (the worker answers) and `/readyz` (the database answers and a catalog is
loaded), on each database and with the database down."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from hojokin.api import health
from hojokin.api.app import create_app
from hojokin.catalog.loader import Catalog
from hojokin.load import store_catalog
from hojokin.store.engine import make_engine
from hojokin.store.migrate import migrate
from tests.conftest import TEST_SETTINGS


def test_healthz_answers_for_the_process(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "worker": os.getpid()}
    assert client.head("/healthz").status_code == 200


def test_readyz_checks_database_and_catalog(client: TestClient, seed_catalog: Catalog) -> None:
    token = client.app.state.live.current().token  # type: ignore[attr-defined]
    assert token
    response = client.get("/readyz")
    assert response.status_code == 200, response.text
    assert response.json() == {
        "status": "ok",
        "worker": os.getpid(),
        "checks": {
            "database": {"ok": True},
            "catalog": {"ok": True, "programs": len(seed_catalog), "token": token},
        },
    }
    assert client.head("/readyz").status_code == 200


def _unready(client: TestClient, failed: str) -> dict[str, Any]:
    response = client.get("/readyz")
    assert response.status_code == 503 and response.headers["retry-after"] == "5"
    body: dict[str, Any] = response.json()
    assert body["status"] == "unavailable"
    assert [name for name, check in body["checks"].items() if not check["ok"]] == [failed]
    return body


def test_readyz_without_a_database(seed_catalog: Catalog) -> None:
    engine = make_engine("postgresql://nobody@127.0.0.1:1/none")
    with TestClient(create_app(engine, seed_catalog, settings=TEST_SETTINGS)) as client:
        body = _unready(client, "database")
        assert body["checks"]["database"]["message"].startswith("データベースに接続できません")
        assert client.get("/healthz").status_code == 200


def test_readyz_gives_up_on_a_database_that_hangs(
    tmp_path: Path, seed_catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'slow.sqlite3'}")
    app = create_app(engine, seed_catalog, settings=TEST_SETTINGS)
    engine.dispose()
    # Every new connection takes a second from now on: the check waits a tenth of that.
    event.listen(engine, "connect", lambda *_: time.sleep(1))
    monkeypatch.setattr(health, "READY_TIMEOUT_S", 0.1)
    with TestClient(app) as client:
        body = _unready(client, "database")
        assert body["checks"]["database"]["message"] == "データベースが 0.1 秒以内に応答しません"
    engine.dispose()


def test_readyz_without_programs(seed_db: Any, tmp_path: Path) -> None:
    with TestClient(create_app(seed_db, Catalog(root=tmp_path), settings=TEST_SETTINGS)) as client:
        body = _unready(client, "catalog")
        assert body["checks"]["catalog"] == {
            "ok": False,
            "programs": 0,
            "token": client.app.state.live.current().token,  # type: ignore[attr-defined]
            "message": "支援制度が読み込まれていません",
        }


def test_a_worker_started_while_the_database_is_away_serves_once_it_answers(
    tmp_path: Path, seed_catalog: Catalog
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'away.sqlite3'}")
    migrate(engine)
    store_catalog(engine, seed_catalog, "digest")
    engine.dispose()
    away = True

    def connect(*_: Any) -> None:
        if away:
            raise sqlite3.OperationalError("unable to open database file")

    event.listen(engine, "do_connect", connect)
    # The app starts (no crash loop of workers) and says it is not ready yet.
    with TestClient(create_app(engine, settings=TEST_SETTINGS)) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 503 and ready.headers["retry-after"] == "5"
        checks = ready.json()["checks"]
        assert not checks["database"]["ok"] and checks["catalog"]["programs"] == 0
        for path in ("/api/v1/programs/tokyo-zeroemi-innovation", "/api/v1/programs?q=水素"):
            response = client.get(path)
            assert response.status_code == 503, path
            assert response.json()["error"]["code"] == "unavailable"
        page = client.get("/programs/tokyo-zeroemi-innovation")
        assert page.status_code == 503 and "データベースに接続できない" in page.text
        assert "このままご利用いただけます" not in page.text
        away = False
        client.app.state.live.refresh()  # type: ignore[attr-defined]
        assert client.get("/readyz").status_code == 200
        assert client.get("/api/v1/programs/tokyo-zeroemi-innovation").status_code == 200
    engine.dispose()
