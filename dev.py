#!/usr/bin/env python3
"""Set up the project's virtual environment from the lock file, then run a job.

    python3 dev.py run      # set up, validate the catalog, then serve the web UI and API
                            # (http://127.0.0.1:8000/) on the embedded SQLite database
    python3 dev.py test     # set up, then lint, type-check and run the whole test suite

Only the standard library is used here, so this works on a fresh machine with Python 3.11+.
The environment is rebuilt when requirements.lock or pyproject.toml change.
The browser tests drive Debian's Chromium: as root, setup installs the Debian packages
chromium and fonts-ipaexfont-gothic (Japanese text in screenshots) when they are missing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".hojokin-lock-digest"
INPUTS = (ROOT / "requirements.lock", ROOT / "pyproject.toml")
CHROMIUM = Path("/usr/bin/chromium")
JAPANESE_FONT = Path("/usr/share/fonts/opentype/ipaexfont-gothic")
SYSTEM_PACKAGES = ("chromium", "fonts-ipaexfont-gothic")


def _digest() -> str:
    h = hashlib.sha256()
    for path in INPUTS:
        h.update(path.read_bytes())
    return h.hexdigest()


def _run(*args: str | Path) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True)


def system_packages() -> None:
    """Debian's Chromium for the browser tests (never a browser download), and a font."""
    if CHROMIUM.exists() and JAPANESE_FONT.exists():
        return
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("apt-get") is None:
        print(
            f"note: {CHROMIUM} or the Japanese font is missing; the browser tests need them: "
            f"apt-get install -y {' '.join(SYSTEM_PACKAGES)}",
            file=sys.stderr,
        )
        return
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", *SYSTEM_PACKAGES]):
        print("+", " ".join(command), flush=True)
        subprocess.run(command, check=True, env=env)


def setup() -> None:
    if STAMP.exists() and STAMP.read_text() == _digest():
        return
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py itself may run on an older python3
        sys.exit(f"hojokin needs Python 3.11 or newer, this is {sys.version.split()[0]}")
    venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    pip = (BIN / "python", "-m", "pip", "--disable-pip-version-check", "-q")
    _run(*pip, "install", "--require-hashes", "-r", "requirements.lock")
    _run(*pip, "install", "--no-deps", "-e", ".")
    STAMP.write_text(_digest())


def main(argv: list[str]) -> int:
    job = argv[1] if len(argv) > 1 else ""
    jobs = {
        "run": [
            [BIN / "hojokin", "catalog", "validate"],
            [BIN / "hojokin", "demo"],
            [BIN / "hojokin", "serve", *argv[2:]],
        ],
        "test": [
            [BIN / "ruff", "check", "src", "tests", "bench", "scripts", "dev.py"],
            [BIN / "ruff", "format", "--check", "src", "tests", "bench", "scripts", "dev.py"],
            [BIN / "mypy"],
            [BIN / "pytest", *argv[2:]],
        ],
        "setup": [],
    }
    if job not in jobs:
        print(__doc__, file=sys.stderr)
        return 2
    setup()
    if job == "run":
        # The embedded default serves plain http://127.0.0.1, where a browser would
        # not send a Secure cookie back; `hojokin serve` refuses this for a public name.
        os.environ.setdefault("HOJOKIN_COOKIE_SECURE", "0")
    if job in ("test", "setup"):  # only the browser tests need them; `run` serves without
        system_packages()
    for command in jobs[job]:
        try:
            _run(*command)
        except subprocess.CalledProcessError as exc:
            return exc.returncode or 1
        except KeyboardInterrupt:  # Ctrl-C stops `run`'s server: no traceback for that
            return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
