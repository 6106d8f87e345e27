"""The settings: read from the environment in one place (`Settings.from_env`) and passed
down to the CLI's commands, `hojokin serve` and the app."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from starlette.requests import Request
from typer.testing import CliRunner

from hojokin.accounts.service import SignInPolicy
from hojokin.accounts.sessions import SessionPolicy
from hojokin.accounts.signin import Throttle
from hojokin.catalog.loader import DEFAULT_ROOT
from hojokin.cli import app
from hojokin.mail.smtp import SmtpConfig
from hojokin.server.settings import LOCAL_HOSTS, Settings
from hojokin.server.snapshot import files
from hojokin.store.engine import DEFAULT_PATH, DEFAULT_URL
from tests.conftest import CATALOG, TEST_SETTINGS

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


def test_sessions_resets_throttle_and_cookies_are_set_in_the_environment() -> None:
    tuned = Settings.from_env(
        {
            "HOJOKIN_SESSION_IDLE_S": "600",
            "HOJOKIN_SESSION_MAX_S": "3600",
            "HOJOKIN_CLIENT_ATTEMPTS_PER_MIN": "4",
            "HOJOKIN_RESET_TOKEN_S": "900",
            "HOJOKIN_COOKIE_SECURE": "0",
            "HOJOKIN_PUBLIC_URL": "https://hojokin.example",
        }
    )
    assert tuned.session_policy() == SessionPolicy(timedelta(minutes=10), timedelta(hours=1))
    assert tuned.throttle() == Throttle(4, timedelta(minutes=1))
    assert (tuned.reset_token_s, tuned.cookie_secure) == (900.0, False)
    assert tuned.public_url == "https://hojokin.example"
    assert Settings.from_env(tuned.environ()) == tuned
    assert Settings().cookie_secure
    with pytest.raises(ValueError, match="HOJOKIN_COOKIE_SECURE"):
        Settings.from_env({"HOJOKIN_COOKIE_SECURE": "maybe"})
    # Insecure cookies only for the embedded default on this machine.
    with pytest.raises(ValueError, match="HOJOKIN_COOKIE_SECURE=0"):
        Settings.from_env(
            {"HOJOKIN_COOKIE_SECURE": "0", "HOJOKIN_ALLOWED_HOSTS": "hojokin.example"}
        )


def test_smtp_is_set_in_the_environment_and_none_keeps_mail_in_the_outbox() -> None:
    assert Settings().smtp() is None
    given = Settings.from_env(
        {
            "HOJOKIN_SMTP_HOST": "smtp.example.jp",
            "HOJOKIN_SMTP_PORT": "465",
            "HOJOKIN_SMTP_SECURITY": "ssl",
            "HOJOKIN_SMTP_USER": "office",
            "HOJOKIN_SMTP_PASSWORD": "s3cret",
            "HOJOKIN_MAIL_FROM": "office@example.jp",
        }
    )
    assert given.smtp() == SmtpConfig(
        "smtp.example.jp", 465, "office@example.jp", "ssl", "office", "s3cret"
    )
    assert "s3cret" not in repr(given)
    assert Settings.from_env(given.environ()) == given
    with pytest.raises(ValueError, match="HOJOKIN_SMTP_SECURITY"):
        Settings.from_env({"HOJOKIN_SMTP_SECURITY": "tls"})


def test_serve_refuses_insecure_cookies_for_a_public_host_name() -> None:
    result = CliRunner().invoke(
        app,
        ["serve", "--allowed-host", "hojokin.example"],
        env={"HOJOKIN_COOKIE_SECURE": "0"},
    )
    assert result.exit_code == 2 and "HOJOKIN_COOKIE_SECURE=0" in result.output


def test_uploads_are_kept_beside_the_sqlite_file_unless_a_folder_is_given() -> None:
    assert Settings().files_root() == DEFAULT_PATH.parent / "files"
    beside = Settings.from_env({"HOJOKIN_DATABASE_URL": "sqlite:////srv/hojokin/db.sqlite3"})
    assert beside.files_root() == Path("/srv/hojokin/files")
    # No file to stand beside: the embedded default's folder.
    for url in ("postgresql://db/hojokin", "sqlite://", "sqlite:///:memory:"):
        assert Settings(database_url=url).files_root() == DEFAULT_PATH.parent / "files"
    given = Settings.from_env(
        {
            "HOJOKIN_DATABASE_URL": "postgresql://db/hojokin",
            "HOJOKIN_FILES_DIR": "/srv/uploads",
            "HOJOKIN_UPLOAD_MAX_MB": "3",
        }
    )
    store = given.file_store()
    assert (store.root, store.max_bytes) == (Path("/srv/uploads"), 3 * 1024 * 1024)
    assert Settings().file_store().max_bytes == 10 * 1024 * 1024
    assert Settings.from_env(given.environ()) == given
    assert Settings.from_env(Settings().environ()) == Settings()
    with pytest.raises(ValueError, match="HOJOKIN_UPLOAD_MAX_MB"):
        Settings.from_env({"HOJOKIN_UPLOAD_MAX_MB": "0"})


def test_the_app_gives_its_file_store(app: FastAPI) -> None:
    store = files(Request({"type": "http", "app": app}))
    assert store.root == TEST_SETTINGS.files_root()
    assert store.max_bytes == TEST_SETTINGS.upload_max_mb * 1024 * 1024
