"""The settings, read once from the environment (and the command line's options), then
passed down: the CLI, `hojokin serve` and the app factory take them from here, and no
other module reads the environment.

$HOJOKIN_CATALOG (the catalog folder, default `catalog/` of the checkout),
$HOJOKIN_DATABASE_URL (default the SQLite file `var/hojokin.sqlite3` of the checkout),
$HOJOKIN_FILES_DIR (uploaded files; default a `files` folder beside the SQLite file),
$HOJOKIN_ALLOWED_HOSTS, the limits of `TUNABLE`, the cookies' $HOJOKIN_COOKIE_SECURE,
the links in mail ($HOJOKIN_PUBLIC_URL), the cut-off of a booking's cancel
($HOJOKIN_BOOKING_CANCEL_HOURS) and the SMTP server of `hojokin worker`
(`TEXTS`: $HOJOKIN_SMTP_HOST … ; none, the default, keeps mail in the outbox)."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import make_url

from hojokin.accounts.service import SignInPolicy
from hojokin.accounts.sessions import SessionPolicy
from hojokin.accounts.signin import Throttle
from hojokin.catalog.loader import DEFAULT_ROOT
from hojokin.files import FileStore
from hojokin.files.store import MEGABYTE
from hojokin.mail.smtp import SECURITIES, SmtpConfig
from hojokin.store.engine import DEFAULT_PATH, DEFAULT_URL
from hojokin.workflow.office import Policy

# Host names the server answers to unless told more (`--allowed-host`,
# $HOJOKIN_ALLOWED_HOSTS): links and redirects are built from the Host header, so an
# unknown one is refused rather than echoed.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def _hosts(value: str | None) -> tuple[str, ...]:
    extra = tuple(h.strip() for h in (value or "").split(",") if h.strip())
    return LOCAL_HOSTS + tuple(h for h in extra if h not in LOCAL_HOSTS)


# Limits a deployment (or a test) may set in the environment; `hojokin serve` passes
# them on to its workers the same way.
TUNABLE = {
    "max_body_bytes": "HOJOKIN_MAX_BODY_BYTES",
    "max_concurrency": "HOJOKIN_MAX_CONCURRENCY",
    "header_timeout_s": "HOJOKIN_HEADER_TIMEOUT_S",
    "body_timeout_s": "HOJOKIN_BODY_TIMEOUT_S",
    "keep_alive_s": "HOJOKIN_KEEP_ALIVE_S",
    "shutdown_timeout_s": "HOJOKIN_SHUTDOWN_TIMEOUT_S",
    "catalog_poll_s": "HOJOKIN_CATALOG_POLL_S",
    "signin_max_failures": "HOJOKIN_SIGNIN_MAX_FAILURES",
    "signin_lockout_s": "HOJOKIN_SIGNIN_LOCKOUT_S",
    "session_idle_s": "HOJOKIN_SESSION_IDLE_S",
    "session_max_s": "HOJOKIN_SESSION_MAX_S",
    "reset_token_s": "HOJOKIN_RESET_TOKEN_S",
    "client_attempts_per_min": "HOJOKIN_CLIENT_ATTEMPTS_PER_MIN",
    "smtp_port": "HOJOKIN_SMTP_PORT",
    "worker_poll_s": "HOJOKIN_WORKER_POLL_S",
    "upload_max_mb": "HOJOKIN_UPLOAD_MAX_MB",
    "booking_cancel_hours": "HOJOKIN_BOOKING_CANCEL_HOURS",
}
# A booking's cut-off further back than this is a typo, not a policy.
MAX_CANCEL_HOURS = 24 * 365
# Settings given as text, passed on as they are.
TEXTS = {
    "public_url": "HOJOKIN_PUBLIC_URL",
    "smtp_host": "HOJOKIN_SMTP_HOST",
    "smtp_security": "HOJOKIN_SMTP_SECURITY",
    "smtp_user": "HOJOKIN_SMTP_USER",
    "smtp_password": "HOJOKIN_SMTP_PASSWORD",
    "mail_from": "HOJOKIN_MAIL_FROM",
}
_SWITCH = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}


def _tuned(environ: Mapping[str, str]) -> dict[str, Any]:
    tuned: dict[str, Any] = {}
    for name, variable in TUNABLE.items():
        if (text := environ.get(variable)) is not None:
            kind = type(getattr(Settings, name))
            try:
                tuned[name] = kind(text)
            except ValueError:
                raise ValueError(f"{variable}: 数値で指定してください（{text!r}）") from None
            if not 0 < tuned[name] < math.inf:  # also refuses nan
                raise ValueError(f"{variable}: 0 より大きい有限の値で指定してください（{text!r}）")
    return tuned


def _switch(environ: Mapping[str, str], variable: str, default: bool) -> bool:
    text = environ.get(variable, "").strip().lower()
    if not text:
        return default
    if text not in _SWITCH:
        raise ValueError(f"{variable}: 1 か 0 で指定してください（{text!r}）")
    return _SWITCH[text]


def _texts(environ: Mapping[str, str]) -> dict[str, Any]:
    return {name: text for name, variable in TEXTS.items() if (text := environ.get(variable))}


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_URL
    catalog_root: Path = DEFAULT_ROOT
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS
    max_body_bytes: int = 256 * 1024  # a company and a plan are a few KB
    # Requests handled at once per worker; beyond it the server answers 503 at once
    # instead of queueing without bound.
    max_concurrency: int = 200
    header_timeout_s: float = 10.0  # a request's headers must arrive within this
    body_timeout_s: float = 30.0  # and its body within this
    keep_alive_s: float = 5.0
    shutdown_timeout_s: float = 30.0  # in-flight requests get this long after SIGTERM
    catalog_poll_s: float = 2.0  # how often a catalog change is looked for
    # Wrong passwords in a row that lock an account, and for how long.
    signin_max_failures: int = 5
    signin_lockout_s: float = 15 * 60.0
    # A web session ends after this long without a request, and this long after sign-in.
    session_idle_s: float = 60 * 60.0
    session_max_s: float = 12 * 60 * 60.0
    reset_token_s: float = 60 * 60.0  # a password-reset link works this long, once
    # Sign-in and reset-request posts one client address may make per minute.
    client_attempts_per_min: int = 10
    # Cookies only over HTTPS: off (HOJOKIN_COOKIE_SECURE=0) only for the embedded
    # default, served on http://127.0.0.1 to no other host name.
    cookie_secure: bool = True
    public_url: str = "http://127.0.0.1:8000"  # where the links in mail lead
    smtp_host: str = ""  # none: the worker leaves mail in the outbox
    smtp_port: int = 587
    smtp_security: str = "starttls"
    smtp_user: str = ""
    smtp_password: str = field(default="", repr=False)
    mail_from: str = "hojokin@localhost"
    worker_poll_s: float = 10.0  # how often `hojokin worker` looks for mail
    # Where uploads are kept; None: a `files` folder beside the SQLite database (for
    # PostgreSQL, beside the embedded default's).
    files_dir: Path | None = None
    upload_max_mb: int = 10  # the largest file one may upload
    # An applicant cancels a booking until this long before the interview.
    booking_cancel_hours: float = 24.0

    def __post_init__(self) -> None:
        if not self.cookie_secure and set(self.allowed_hosts) - set(LOCAL_HOSTS):
            raise ValueError(
                "HOJOKIN_COOKIE_SECURE=0 は 127.0.0.1 など自分のマシンだけで使うときに"
                "限られます（Host 名を追加するときは HTTPS で公開してください）"
            )
        if self.booking_cancel_hours > MAX_CANCEL_HOURS:
            raise ValueError(
                f"HOJOKIN_BOOKING_CANCEL_HOURS: {MAX_CANCEL_HOURS} 時間（1 年）以内で"
                f"指定してください（{self.booking_cancel_hours}）"
            )
        if self.smtp_security not in SECURITIES:
            raise ValueError(
                f"HOJOKIN_SMTP_SECURITY: {', '.join(SECURITIES)} のどれかで指定してください"
                f"（{self.smtp_security!r}）"
            )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ, **overrides: Any) -> Settings:
        """The settings `environ` gives (an empty variable counts as not set); raises
        ValueError naming a limit that is not a positive number."""
        settings = cls(
            database_url=environ.get("HOJOKIN_DATABASE_URL") or DEFAULT_URL,
            catalog_root=Path(environ.get("HOJOKIN_CATALOG") or DEFAULT_ROOT),
            allowed_hosts=_hosts(environ.get("HOJOKIN_ALLOWED_HOSTS")),
            files_dir=Path(found) if (found := environ.get("HOJOKIN_FILES_DIR")) else None,
            cookie_secure=_switch(environ, "HOJOKIN_COOKIE_SECURE", cls.cookie_secure),
            **_tuned(environ),
            **_texts(environ),
        )
        return replace(settings, **overrides)

    def signin_policy(self) -> SignInPolicy:
        return SignInPolicy(self.signin_max_failures, timedelta(seconds=self.signin_lockout_s))

    def session_policy(self) -> SessionPolicy:
        return SessionPolicy(
            timedelta(seconds=self.session_idle_s), timedelta(seconds=self.session_max_s)
        )

    def throttle(self) -> Throttle:
        return Throttle(self.client_attempts_per_min, timedelta(minutes=1))

    def smtp(self) -> SmtpConfig | None:
        """The SMTP server mail is sent through; None when none is set."""
        if not self.smtp_host:
            return None
        security = next(s for s in SECURITIES if s == self.smtp_security)
        return SmtpConfig(
            self.smtp_host,
            self.smtp_port,
            self.mail_from,
            security,
            self.smtp_user,
            self.smtp_password,
        )

    def files_root(self) -> Path:
        """The folder uploads are kept in."""
        if self.files_dir is not None:
            return self.files_dir
        url = make_url(self.database_url)
        database = url.database if url.get_backend_name() == "sqlite" else None
        if not database or database == ":memory:":
            database = str(DEFAULT_PATH)
        return Path(database).parent / "files"

    def file_store(self) -> FileStore:
        return FileStore(self.files_root(), self.upload_max_mb * MEGABYTE)

    def workflow_policy(self) -> Policy:
        return Policy(cancel_before=timedelta(hours=self.booking_cancel_hours))

    def environ(self) -> dict[str, str]:
        """The environment from which a worker's `from_env` reads these settings."""
        tuned = {variable: str(getattr(self, name)) for name, variable in TUNABLE.items()}
        texts = {variable: getattr(self, name) for name, variable in TEXTS.items()}
        return (
            tuned
            | texts
            | {
                "HOJOKIN_COOKIE_SECURE": "1" if self.cookie_secure else "0",
                "HOJOKIN_CATALOG": str(self.catalog_root),
                "HOJOKIN_DATABASE_URL": self.database_url,
                "HOJOKIN_ALLOWED_HOSTS": ",".join(self.allowed_hosts),
                "HOJOKIN_FILES_DIR": str(self.files_dir) if self.files_dir else "",
            }
        )
