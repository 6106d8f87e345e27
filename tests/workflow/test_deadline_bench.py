"""bench/deadline.py at toy size, on SQLite and (when a URL is given) PostgreSQL: every
applicant submits in the call's last seconds while a worker is killed, nothing is lost
or given twice, and the booking race fills the slot to its capacity and no further."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.databases import DIALECTS, PG_URL

BENCH = Path(__file__).resolve().parents[2] / "bench" / "deadline.py"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_last_minute_loses_nothing_and_the_race_fills_the_slot(dialect: str) -> None:
    db = PG_URL if dialect == "postgresql" else "sqlite"
    assert db is not None
    command = [sys.executable, str(BENCH), "--db", db, "--applicants", "8"]
    command += ["--booking-attempts", "40", "--capacity", "7", "--workers", "2"]
    command += ["--last-minute", "12", "--port", str(_free_port())]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    assert figures == figures | {
        "applicants": 8, "submitted": 8, "receipts": 8, "lost": 0, "duplicated": 0,
        "booking_attempts": 40, "capacity": 7, "booked": 7,
    }  # fmt: skip
    assert " killed with " in run.stdout  # a worker was killed, and the server went on
