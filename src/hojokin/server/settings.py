"""The settings, read once from the environment (and the command line's options), then
passed down: the CLI, `hojokin serve` and the app factory take them from here, and no
other module reads the environment.

$HOJOKIN_CATALOG (the catalog folder, default `catalog/` of the checkout),
$HOJOKIN_DATABASE_URL (default the SQLite file `var/hojokin.sqlite3` of the checkout),
$HOJOKIN_ALLOWED_HOSTS and the limits of `TUNABLE`."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from hojokin.accounts.service import SignInPolicy
from hojokin.catalog.loader import DEFAULT_ROOT
from hojokin.store.engine import DEFAULT_URL

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
}


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

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ, **overrides: Any) -> Settings:
        """The settings `environ` gives (an empty variable counts as not set); raises
        ValueError naming a limit that is not a positive number."""
        settings = cls(
            database_url=environ.get("HOJOKIN_DATABASE_URL") or DEFAULT_URL,
            catalog_root=Path(environ.get("HOJOKIN_CATALOG") or DEFAULT_ROOT),
            allowed_hosts=_hosts(environ.get("HOJOKIN_ALLOWED_HOSTS")),
            **_tuned(environ),
        )
        return replace(settings, **overrides)

    def signin_policy(self) -> SignInPolicy:
        return SignInPolicy(self.signin_max_failures, timedelta(seconds=self.signin_lockout_s))

    def environ(self) -> dict[str, str]:
        """The environment from which a worker's `from_env` reads these settings."""
        tuned = {variable: str(getattr(self, name)) for name, variable in TUNABLE.items()}
        return tuned | {
            "HOJOKIN_CATALOG": str(self.catalog_root),
            "HOJOKIN_DATABASE_URL": self.database_url,
            "HOJOKIN_ALLOWED_HOSTS": ",".join(self.allowed_hosts),
        }
