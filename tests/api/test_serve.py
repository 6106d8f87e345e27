"""`hojokin serve`: the one process (or several workers) that serves the pages and the API."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.parse
from pathlib import Path

import pytest

from tests.running import HOJOKIN, free_port, served


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_answers_pages_and_api(tmp_path: Path, workers: int) -> None:
    with served(f"sqlite:///{tmp_path}/serve.sqlite3", tmp_path, workers=workers) as server:
        query = urllib.parse.quote("ゼロエミッション")
        status, body = server.get(f"/api/v1/programs?q={query}")
        assert status == 200
        assert json.loads(body)["items"][0]["id"] == "tokyo-zeroemi-innovation"
        assert "使える支援制度を調べる" in server.get("/")[1].decode()


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
