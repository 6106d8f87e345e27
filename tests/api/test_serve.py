"""`hojokin serve`: the one process (or several workers) that serves the pages and the API."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

HOJOKIN = Path(sys.executable).parent / "hojokin"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def fetch(url: str, server: subprocess.Popen[bytes]) -> bytes:
    for _ in range(600):
        assert server.poll() is None, "the server exited"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                body: bytes = response.read()
                return body
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_answers_pages_and_api(tmp_path: Path, workers: str) -> None:
    port = free_port()
    env = os.environ | {"HOJOKIN_DATABASE_URL": f"sqlite:///{tmp_path}/serve.sqlite3"}
    command = [str(HOJOKIN), "serve", "--port", str(port), "--workers", workers]
    server = subprocess.Popen(command, env=env, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        query = urllib.parse.quote("ゼロエミッション")
        found = json.loads(fetch(f"{base}/api/v1/programs?q={query}", server))
        assert found["items"][0]["id"] == "tokyo-zeroemi-innovation"
        assert "使える支援制度を調べる" in fetch(f"{base}/", server).decode()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_names_a_database_it_cannot_open() -> None:
    # Nothing listens on port 1: the connection is refused at once.
    env = os.environ | {"HOJOKIN_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"}
    result = subprocess.run(
        [str(HOJOKIN), "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "データベースを開けません" in result.stderr and "Traceback" not in result.stderr
