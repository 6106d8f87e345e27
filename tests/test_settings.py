"""The settings: read from the environment in one place (`Settings.from_env`) and passed
down to the CLI's commands, `hojokin serve` and the app."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hojokin.accounts.service import SignInPolicy
from hojokin.catalog.loader import DEFAULT_ROOT
from hojokin.cli import app
from hojokin.server.settings import LOCAL_HOSTS, Settings
from hojokin.store.engine import DEFAULT_URL
from tests.conftest import CATALOG

SRC = Path(__file__).resolve().parents[1] / "src" / "hojokin"
READS = re.compile(r"os\.environ(?!\.update)|getenv|environ\.get")


def test_from_env_reads_every_variable_with_its_default() -> None:
    empty = Settings.from_env({})
    assert (empty.catalog_root, empty.database_url) == (DEFAULT_ROOT, DEFAULT_URL)
    assert empty.allowed_hosts == LOCAL_HOSTS and empty == Settings()
    # An empty variable counts as unset, as the shell's `VAR= hojokin …` means.
    assert Settings.from_env({"HOJOKIN_CATALOG": "", "HOJOKIN_DATABASE_URL": ""}) == empty
    given = Settings.from_env(
        {
            "HOJOKIN_CATALOG": "/srv/catalog",
            "HOJOKIN_DATABASE_URL": "postgresql://db/hojokin",
            "HOJOKIN_ALLOWED_HOSTS": "hojokin.example",
            "HOJOKIN_MAX_CONCURRENCY": "7",
        }
    )
    assert given.catalog_root == Path("/srv/catalog")
    assert given.database_url == "postgresql://db/hojokin"
    assert given.allowed_hosts == (*LOCAL_HOSTS, "hojokin.example")
    assert given.max_concurrency == 7
    assert Settings.from_env(given.environ()) == given


def test_the_sign_in_lock_out_is_set_in_the_environment() -> None:
    assert Settings().signin_policy() == SignInPolicy(5, timedelta(minutes=15))
    tuned = Settings.from_env(
        {"HOJOKIN_SIGNIN_MAX_FAILURES": "3", "HOJOKIN_SIGNIN_LOCKOUT_S": "60"}
    )
    assert tuned.signin_policy() == SignInPolicy(3, timedelta(minutes=1))
    with pytest.raises(ValueError, match="HOJOKIN_SIGNIN_MAX_FAILURES"):
        Settings.from_env({"HOJOKIN_SIGNIN_MAX_FAILURES": "0"})


def test_only_the_settings_read_the_environment() -> None:
    readers = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if READS.search(path.read_text(encoding="utf-8"))
    ]
    assert readers == ["server/settings.py"]


def test_the_cli_takes_the_catalog_folder_from_the_settings(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = tmp_path / "nowhere"
    env = {"HOJOKIN_CATALOG": str(missing)}
    refused = runner.invoke(app, ["programs", "list", "--json"], env=env)
    assert refused.exit_code == 2 and "catalog folder not found" in refused.stderr
    assert str(missing) in refused.stderr
    # --catalog wins over the environment.
    listed = runner.invoke(app, ["programs", "list", "--json", "--catalog", str(CATALOG)], env=env)
    assert listed.exit_code == 0, listed.stderr
    validated = runner.invoke(app, ["catalog", "validate"], env=env)
    assert validated.exit_code == 1 and str(missing) in validated.stderr
    bad = runner.invoke(app, ["programs", "list"], env={"HOJOKIN_MAX_BODY_BYTES": "many"})
    assert bad.exit_code == 2 and "HOJOKIN_MAX_BODY_BYTES" in bad.stderr
