"""What the benchmarks that drive `hojokin serve` share: starting it on a database,
waiting until it answers, the percentiles and the machine line they print."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def machine() -> str:
    return (
        f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}"
    )


def wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"the server did not answer within {seconds:.0f} s")


@contextmanager
def served(
    port: int, workers: int, environ: dict[str, str], ready_path: str = "/api/v1/programs?limit=1"
) -> Iterator[subprocess.Popen[bytes]]:
    """`hojokin serve` on loopback with `environ` added, up and answering; stopped
    (SIGTERM, then waited for) on exit."""
    command = [str(ROOT / ".venv" / "bin" / "hojokin"), "serve", "--host", HOST]
    command += ["--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(
        command, env=os.environ | environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_until_up(f"http://{HOST}:{port}{ready_path}", server)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=60)
