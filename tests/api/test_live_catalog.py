"""Every worker serves one consistent catalog: a change of the catalog folder reaches all
of them within seconds, a request never mixes two loads, a broken folder leaves the last
good catalog serving, and a restarted worker agrees with the others."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
import urllib.parse
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hojokin.api.app import create_app
from hojokin.catalog.loader import load_catalog
from hojokin.load import open_store, store_catalog
from hojokin.store.migrate import migrate
from tests.conftest import CATALOG, TEST_SETTINGS
from tests.databases import DIALECTS, empty_database
from tests.running import HOJOKIN, Server, database_url, free_port, served

PROGRAM = "tokyo-zeroemi-innovation"
FILE = Path("programs/tokyo/2024") / f"{PROGRAM}.yaml"
OLD_NAME = "ゼロエミッション東京の実現等に向けたイノベーション促進事業"
NEW_WORD = "試験用改名"
NEW_NAME = f"{NEW_WORD}イノベーション促進事業"
COPY = "tokyo-zeroemi-copy"
POLL = {"HOJOKIN_CATALOG_POLL_S": "0.2"}

Answer = tuple[str, int, bytes]  # path, status, body


def q(text: str) -> str:
    return urllib.parse.quote(text)


def rename(catalog: Path, name: str) -> None:
    path = catalog / FILE
    text = path.read_text()
    old = next(line for line in text.splitlines() if line.startswith("name: "))
    path.write_text(text.replace(old, f"name: {name}", 1))


@pytest.fixture(scope="module", params=DIALECTS)
def running(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, Path]]:
    """One server per dialect for the module's tests (each start takes seconds), on a
    copy of the seed catalog that `folder` puts back after each test."""
    tmp = tmp_path_factory.mktemp("live")
    catalog = tmp / "catalog"
    shutil.copytree(CATALOG, catalog)
    with database_url(request.param, tmp) as url:
        args = ("--catalog", str(catalog))
        with served(url, tmp, workers=2, args=args, env=POLL) as server:
            yield server, catalog


@pytest.fixture
def server(running: tuple[Server, Path]) -> Server:
    return running[0]


@pytest.fixture
def folder(running: tuple[Server, Path]) -> Iterator[Path]:
    """The served catalog folder; the seed's files again after the test, served."""
    server, catalog = running
    yield catalog
    shutil.copy(CATALOG / FILE, catalog / FILE)
    (catalog / FILE.parent / f"{COPY}.yaml").unlink(missing_ok=True)
    settle(server, [f"/api/v1/programs/{PROGRAM}"], showing(OLD_NAME))
    settle(server, [f"/api/v1/programs/{COPY}"], lambda answer: answer[1] == 404)


def answers(server: Server, paths: list[str], times: int) -> list[Answer]:
    """Each path `times` times, eight at once, so that both workers answer."""
    asked = [p for _ in range(times) for p in paths]
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(lambda p: (p, *server.get(p)), asked))


def settle(server: Server, paths: list[str], good: Callable[[Answer], bool]) -> None:
    """Wait until 10 rounds of `paths` all answer `good`; no answer meanwhile may be a 5xx.
    A load takes a few seconds and each worker's poll 2 s more; the bound is generous
    for a busy CI machine (a load there took 8 s)."""
    deadline = time.monotonic() + 60
    while True:
        got = answers(server, paths, 10)
        assert all(status < 500 for _, status, _ in got), [a[:2] for a in got if a[1] >= 500]
        if all(good(a) for a in got):
            return
        assert time.monotonic() < deadline, [a[:2] for a in got if not good(a)]
        time.sleep(0.1)


def consistently(server: Server, paths: list[str], good: Callable[[Answer], bool]) -> None:
    """40 more rounds of `paths`, every answer `good`."""
    got = answers(server, paths, 40)
    bad = [a[:2] for a in got if not good(a)]
    assert not bad, bad


def showing(name: str) -> Callable[[Answer], bool]:
    """Every answer is a 200 naming `name`: a search, the API's program or its page."""

    def good(answer: Answer) -> bool:
        path, status, body = answer
        if status != 200:
            return False
        if path.startswith("/api/v1/programs?"):
            items = json.loads(body)["items"]
            return [i["name"] for i in items if i["id"] == PROGRAM] == [name]
        return name in body.decode()

    return good


def named_paths(word: str) -> list[str]:
    return [f"/api/v1/programs?q={q(word)}", f"/api/v1/programs/{PROGRAM}", f"/programs/{PROGRAM}"]


def test_a_renamed_program_reaches_every_worker(server: Server, folder: Path) -> None:
    consistently(server, named_paths("ゼロエミッション")[:2], showing(OLD_NAME))
    rename(folder, NEW_NAME)
    settle(server, named_paths(NEW_WORD), showing(NEW_NAME))
    consistently(server, named_paths(NEW_WORD), showing(NEW_NAME))
    assert "Traceback" not in server.log_text()


def test_an_added_program_is_found_and_served_then_gone(server: Server, folder: Path) -> None:
    original = (folder / FILE).read_text()
    added = folder / FILE.parent / f"{COPY}.yaml"
    added.write_text(original.replace(f"id: {PROGRAM}\n", f"id: {COPY}\n", 1))
    paths = [f"/api/v1/programs?q={q('ゼロエミッション')}", f"/api/v1/programs/{COPY}"]

    def found(answer: Answer) -> bool:
        path, status, body = answer
        if status != 200:
            return False
        return path.endswith(COPY) or COPY in [i["id"] for i in json.loads(body)["items"]]

    settle(server, paths, found)
    consistently(server, paths, found)
    added.unlink()

    def gone(answer: Answer) -> bool:
        path, status, body = answer
        if path.endswith(COPY):
            return status == 404
        return status == 200 and COPY not in [i["id"] for i in json.loads(body)["items"]]

    settle(server, [*paths, f"/programs/{COPY}"], gone)
    consistently(server, [*paths, f"/programs/{COPY}"], gone)


def catalog_lines(server: Server, since: int = 0) -> list[str]:
    """The log's lines naming the file the tests break, after its first `since` chars."""
    return [line for line in server.log_text()[since:].splitlines() if str(FILE) in line]


def test_a_broken_file_keeps_the_last_good_catalog(server: Server, folder: Path) -> None:
    path = folder / FILE
    original = path.read_text()
    since = len(server.log_text())
    path.write_text(original.replace(f"name: {OLD_NAME}", "name: [閉じていない", 1))
    deadline = time.monotonic() + 60
    while not catalog_lines(server, since):
        assert time.monotonic() < deadline, server.log_text()
        time.sleep(0.1)
    consistently(server, named_paths("ゼロエミッション")[:2], showing(OLD_NAME))
    time.sleep(1)  # five more looks at the unchanged broken folder: said once only
    (line,) = catalog_lines(server, since)
    assert "not loaded" in line
    log = server.log_text()
    assert "Traceback" not in log
    # Repaired (with a new name): loaded and served by every worker.
    path.write_text(original.replace(f"name: {OLD_NAME}", f"name: {NEW_NAME}", 1))
    settle(server, named_paths(NEW_WORD), showing(NEW_NAME))
    assert "Traceback" not in server.log_text()


def test_serve_starts_on_the_stored_catalog_when_the_folder_is_broken(
    tmp_path: Path, catalog_copy: Path
) -> None:
    args = ("--catalog", str(catalog_copy))
    url = f"sqlite:///{tmp_path / 'kept.sqlite3'}"
    open_store(url, catalog_copy).dispose()  # as an earlier `serve` left it
    path = catalog_copy / FILE
    original = path.read_text()
    path.write_text(original.replace(f"name: {OLD_NAME}", "name: [閉じていない", 1))
    # A database holding no catalog has nothing to serve: serve refuses to start.
    empty = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    result = subprocess.run(
        [str(HOJOKIN), "serve", "--port", str(free_port()), *args],
        env=os.environ | {"HOJOKIN_DATABASE_URL": empty},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "制度データを読み込めません" in result.stderr and str(FILE) in result.stderr
    # One worker: uvicorn runs it in this process, beside the folder's watch.
    with served(url, tmp_path, workers=1, args=args, env=POLL) as again:
        consistently(again, named_paths("ゼロエミッション")[:2], showing(OLD_NAME))
        time.sleep(1)
        assert len(catalog_lines(again)) == 1 and "Traceback" not in again.log_text()
        path.write_text(original.replace(f"name: {OLD_NAME}", f"name: {NEW_NAME}", 1))
        settle(again, named_paths(NEW_WORD), showing(NEW_NAME))


def workers_of(server: Server) -> list[int]:
    """The pids of the worker processes uvicorn spawned."""
    children = subprocess.run(
        ["ps", "--ppid", str(server.process.pid), "-o", "pid="],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [
        int(pid) for pid in children if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]


def test_a_killed_worker_serves_what_the_others_do(server: Server, folder: Path) -> None:
    first = workers_of(server)[0]
    rename(folder, NEW_NAME)
    # As soon as one answer shows the new load stored, a worker dies.
    path = f"/api/v1/programs?q={q(NEW_WORD)}"
    deadline = time.monotonic() + 60
    while server.get(path)[0] != 200 or not json.loads(server.get(path)[1])["items"]:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(first, signal.SIGKILL)
    got = answers(server, [path], 100)
    assert all(status == 200 for _, status, _ in got), [a[:2] for a in got]
    assert all(showing(NEW_NAME)(a) for a in got)
    settle(server, named_paths(NEW_WORD), showing(NEW_NAME))
    assert first not in workers_of(server)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_search_of_a_newer_load_maps_ids_with_that_load(
    dialect: str, tmp_path: Path, catalog_copy: Path
) -> None:
    with empty_database(dialect, tmp_path) as engine:
        migrate(engine)
        store_catalog(engine, load_catalog(catalog_copy), "first")
        # No poll during the test: only search can notice the new load.
        app = create_app(engine, settings=replace(TEST_SETTINGS, catalog_poll_s=3600))
        with TestClient(app) as client:
            assert client.get(f"/api/v1/programs/{COPY}").status_code == 404
            original = (catalog_copy / FILE).read_text()
            (catalog_copy / FILE.parent / f"{COPY}.yaml").write_text(
                original.replace(f"id: {PROGRAM}\n", f"id: {COPY}\n", 1)
            )
            rename(catalog_copy, NEW_NAME)
            store_catalog(engine, load_catalog(catalog_copy), "second")  # behind its back
            found = client.get("/api/v1/programs", params={"q": NEW_WORD})
            assert found.status_code == 200
            assert [i["name"] for i in found.json()["items"]] == [NEW_NAME]
            listed = client.get("/api/v1/programs", params={"q": "ゼロエミッション"}).json()
            assert COPY in [i["id"] for i in listed["items"]]
            assert client.get(f"/api/v1/programs/{COPY}").json()["name"] == OLD_NAME
            assert NEW_NAME in client.get(f"/programs/{PROGRAM}").text
            # The search page too: its cards are of the load its search read.
            rename(catalog_copy, f"{NEW_NAME}第二版")
            store_catalog(engine, load_catalog(catalog_copy), "third")
            page = client.get("/", params={"q": "第二版"})
            assert page.status_code == 200 and f"{NEW_NAME}第二版" in page.text


@pytest.mark.parametrize("dialect", DIALECTS)
def test_an_app_reads_the_stored_catalog_never_the_folder(
    dialect: str, tmp_path: Path, catalog_copy: Path
) -> None:
    with database_url(dialect, tmp_path) as url:
        open_store(url, catalog_copy).dispose()
        # A worker restarted while the folder is gone (or broken) starts all the same.
        missing = replace(
            TEST_SETTINGS, database_url=url, catalog_root=tmp_path / "gone", catalog_poll_s=3600
        )
        app = create_app(settings=missing)
        with TestClient(app) as client:
            found = client.get("/api/v1/programs", params={"q": "ゼロエミッション"})
            assert found.status_code == 200 and found.json()["items"][0]["name"] == OLD_NAME
        app.state.live.engine.dispose()
