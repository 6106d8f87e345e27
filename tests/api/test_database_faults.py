"""Database faults: an unreachable database is a 503 with Retry-After (a Japanese page
on the web) while what needs no database keeps working, and connections the database
dropped are replaced without a failed request."""

from __future__ import annotations

import shutil
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from hojokin.api.app import create_app
from hojokin.api.errors import database_unavailable
from hojokin.catalog.loader import Catalog
from hojokin.load import catalog_digest, store_catalog
from hojokin.server import offload
from hojokin.store import engine as engine_module
from hojokin.store.engine import make_engine, scratch_database
from hojokin.store.migrate import migrate
from tests.api.test_api import TOKYO, TOKYO_PLAN
from tests.conftest import CATALOG, TEST_SETTINGS
from tests.databases import PG_URL, application_url, terminate_backends
from tests.rules.examples import COMPANY_FILE

UNAVAILABLE = {
    "error": {
        "code": "unavailable",
        "message": "データベースに接続できません。しばらくしてからもう一度お試しください",
        "field": None,
    }
}


@pytest.fixture(params=["postgresql_refused", "sqlite_gone"])
def down(
    request: pytest.FixtureRequest, tmp_path: Path, seed_catalog: Catalog
) -> Iterator[TestClient]:
    """The app, its catalog in memory, on a database that cannot be reached: a
    PostgreSQL server refusing connections, or a SQLite file whose folder is gone (a
    volume unmounted under the running server)."""
    if request.param == "postgresql_refused":
        engine = make_engine("postgresql://nobody@127.0.0.1:1/none")
    else:
        folder = tmp_path / "volume"
        engine = make_engine(f"sqlite:///{folder / 'hojokin.sqlite3'}")
        migrate(engine)
        store_catalog(engine, seed_catalog, catalog_digest(CATALOG))
    app = create_app(engine, seed_catalog, settings=TEST_SETTINGS)
    if request.param == "sqlite_gone":
        engine.dispose()
        shutil.rmtree(folder)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    engine.dispose()


def test_an_outage_is_a_503_with_retry_after(down: TestClient) -> None:
    api = down.get("/api/v1/programs", params={"q": "ゼロエミッション"})
    assert api.status_code == 503 and api.json() == UNAVAILABLE
    assert api.headers["retry-after"] == "5"
    page = down.get("/", params={"q": "ゼロエミッション"})
    assert page.status_code == 503 and page.headers["retry-after"] == "5"
    assert page.headers["content-type"].startswith("text/html")
    assert "ただいま利用できません" in page.text and "Traceback" not in page.text


def test_what_needs_no_database_keeps_working(down: TestClient) -> None:
    assert down.get(f"/api/v1/programs/{TOKYO}").status_code == 200
    assert down.get(f"/programs/{TOKYO}").status_code == 200
    check = down.post("/api/v1/check", json={"company": COMPANY_FILE, "program_id": TOKYO})
    assert check.status_code == 200, check.text
    body = {"program_id": TOKYO, "frame": "ゼロエミッション枠", "company": COMPANY_FILE}
    body["plan"] = TOKYO_PLAN
    assert down.post("/api/v1/estimate", json=body).status_code == 200


def test_only_unreachable_databases_are_unavailable() -> None:
    cause = Exception("driver's words")
    assert database_unavailable(OperationalError("SELECT 1", None, cause))
    assert database_unavailable(DBAPIError("SELECT 1", None, cause, connection_invalidated=True))
    # A constraint broken is a fault of ours, not an outage: it stays a 500.
    assert not database_unavailable(IntegrityError("INSERT", None, cause))


def test_other_database_errors_stay_500s(tmp_path: Path, seed_catalog: Catalog) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'broken.sqlite3'}")

    def broken(*_: object) -> None:
        raise IntegrityError("SELECT", None, Exception("a fault of ours"))

    app = create_app(engine, seed_catalog, settings=TEST_SETTINGS)
    engine.dispose()
    event.listen(engine, "connect", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        for path in ("/api/v1/programs?q=水素", "/?q=水素"):
            response = client.get(path)
            assert response.status_code == 500 and "retry-after" not in response.headers
        assert client.get("/api/v1/programs?q=水素").json()["error"]["code"] == "internal"
    engine.dispose()


@pytest.mark.skipif(PG_URL is None, reason="HOJOKIN_TEST_DATABASE_URL is not set")
def test_terminated_backends_cost_no_request(tmp_path: Path, seed_catalog: Catalog) -> None:
    assert PG_URL is not None
    name = f"hojokin-test-{uuid.uuid4().hex[:12]}"
    with scratch_database(application_url(PG_URL, name), tmp_path) as engine:
        migrate(engine)
        store_catalog(engine, seed_catalog, catalog_digest(CATALOG))
        with TestClient(create_app(engine, seed_catalog, settings=TEST_SETTINGS)) as client:
            # Five connections in the pool, as after a burst of requests.
            held = [engine.connect() for _ in range(5)]
            for conn in held:
                conn.close()
            assert client.get("/api/v1/programs?q=水素").status_code == 200
            assert terminate_backends(name) >= 5
            statuses = [
                client.get(path).status_code
                for _ in range(10)
                for path in ("/api/v1/programs?q=ゼロエミッション", "/?q=販路開拓")
            ]
            assert statuses == [200] * 20


def test_a_database_that_never_answers_fails_in_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "CONNECT_TIMEOUT_S", 2)  # libpq's least
    failed: list[OperationalError] = []

    def connect(engine: Engine) -> None:
        try:
            engine.connect().close()
        except OperationalError as exc:
            failed.append(exc)

    # A server that takes the connection and never says a word (packets dropped on the
    # way look the same to the client).
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        engine = make_engine(f"postgresql://nobody@127.0.0.1:{silent.getsockname()[1]}/none")
        attempt = threading.Thread(target=connect, args=(engine,), daemon=True)
        attempt.start()
        attempt.join(timeout=10)
        assert failed and database_unavailable(failed[0])
    engine.dispose()


def test_a_connect_timeout_in_the_url_is_kept() -> None:
    default = make_engine("postgresql://nobody@127.0.0.1:1/none")
    given = make_engine("postgresql://nobody@127.0.0.1:1/none?connect_timeout=30")
    assert default.url.query["connect_timeout"] == str(engine_module.CONNECT_TIMEOUT_S)
    assert given.url.query["connect_timeout"] == "30"


@pytest.mark.skipif(PG_URL is None, reason="HOJOKIN_TEST_DATABASE_URL is not set")
def test_a_database_that_stops_answering_is_a_503_not_a_stalled_worker(
    tmp_path: Path, seed_catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert PG_URL is not None
    with scratch_database(PG_URL, tmp_path) as engine:
        migrate(engine)
        store_catalog(engine, seed_catalog, catalog_digest(CATALOG))
        app = create_app(engine, seed_catalog, settings=TEST_SETTINGS)
        engine.dispose()
        # From now on a connection takes 3 s to open, far past the reads' deadline.
        event.listen(engine, "connect", lambda *_: time.sleep(3))
        monkeypatch.setattr(offload, "DATABASE_WAIT_S", 0.3)
        with TestClient(app) as client:
            api = client.get("/api/v1/programs?q=水素")
            assert api.status_code == 503 and api.headers["retry-after"] == "5"
            assert api.json() == UNAVAILABLE
            page = client.get("/?q=水素")
            assert page.status_code == 503 and "データベースに接続できない" in page.text
            # The worker goes on answering what needs no database meanwhile.
            assert client.get("/healthz").status_code == 200
            assert client.get("/api/v1/programs/tokyo-zeroemi-innovation").status_code == 200
        time.sleep(3)  # the abandoned connection attempts end before the schema goes


@pytest.mark.skipif(PG_URL is None, reason="HOJOKIN_TEST_DATABASE_URL is not set")
def test_tables_gone_from_postgresql_are_a_503_until_they_are_back(
    tmp_path: Path, seed_catalog: Catalog
) -> None:
    with scratch_database(PG_URL, tmp_path) as engine:
        migrate(engine)
        store_catalog(engine, seed_catalog, catalog_digest(CATALOG))
        with engine.connect() as conn:
            schema = conn.exec_driver_sql("SELECT current_schema()").scalar_one()
        app = create_app(engine, seed_catalog, settings=TEST_SETTINGS)
        with TestClient(app) as client:
            assert client.get("/api/v1/programs?q=水素").status_code == 200
            with engine.begin() as conn:  # a schema renamed under the running server
                conn.exec_driver_sql(f'ALTER SCHEMA "{schema}" RENAME TO "{schema}_away"')
            try:
                response = client.get("/api/v1/programs?q=水素")
                assert response.status_code == 503 and response.json() == UNAVAILABLE
                assert client.get("/?q=水素").status_code == 503
                ready = client.get("/readyz")
                assert ready.status_code == 503 and not ready.json()["checks"]["database"]["ok"]
            finally:
                with engine.begin() as conn:
                    conn.exec_driver_sql(f'ALTER SCHEMA "{schema}_away" RENAME TO "{schema}"')
            assert client.get("/api/v1/programs?q=水素").status_code == 200
            assert client.get("/readyz").status_code == 200
