"""`hojokin serve` as a real process, on a database of each dialect, for tests of what
only a running server shows: several workers, restarts, signals, timeouts."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from hojokin.store.engine import scratch_database

from .databases import PG_URL

HOJOKIN = Path(sys.executable).parent / "hojokin"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Server:
    base: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path  # everything the server wrote to stderr

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def get(self, path: str, timeout: float = 10) -> tuple[int, bytes]:
        """Status and body of GET `path` (an HTTP error status is returned, not raised)."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def wait_ready(self, path: str = "/api/v1/programs?limit=1", seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server exited:\n{self.log_text()}"
            try:
                if self.get(path, timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"{path} did not answer:\n{self.log_text()}")


@contextmanager
def database_url(dialect: str, folder: Path) -> Iterator[str]:
    """A URL a server process can open: a new SQLite file, or a schema of its own in the
    test PostgreSQL database (named in the URL's options), dropped afterwards."""
    if dialect == "sqlite":
        yield f"sqlite:///{folder / 'served.sqlite3'}"
        return
    assert PG_URL is not None
    with scratch_database(PG_URL, folder) as engine:
        with engine.connect() as conn:
            schema = conn.exec_driver_sql("SELECT current_schema()").scalar_one()
        options = urllib.parse.quote(f"-csearch_path={schema}")
        separator = "&" if "?" in PG_URL else "?"
        yield f"{PG_URL}{separator}options={options}"


@contextmanager
def served(
    url: str,
    folder: Path,
    *,
    workers: int = 2,
    args: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
    ready: bool = True,
) -> Iterator[Server]:
    """`hojokin serve` on `url` with `workers`; stopped with SIGTERM on exit."""
    port = free_port()
    log = folder / f"serve-{port}.log"
    command = [str(HOJOKIN), "serve", "--port", str(port), "--workers", str(workers), *args]
    environment = os.environ | {"HOJOKIN_DATABASE_URL": url} | (env or {})
    with log.open("wb") as sink:
        process = subprocess.Popen(command, env=environment, stderr=sink, stdout=sink)
    server = Server(f"http://127.0.0.1:{port}", port, process, log)
    try:
        if ready:
            server.wait_ready()
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
