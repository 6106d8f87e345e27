"""What the commands that act on the database share (`hojokin admin`, `hojokin call`):
the configured database, migrated first; the command line's own actor, `cli:<OS
user>` in the audit trail; and the services' refusals and database failures ending the
command with exit 2 and a Japanese message."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from hojokin.accounts.errors import ServiceError
from hojokin.accounts.permissions import Actor
from hojokin.cli.console import fail, read_settings
from hojokin.server.settings import Settings
from hojokin.store.engine import make_engine
from hojokin.store.migrate import migrate


def os_user() -> str:
    try:
        return getpass.getuser()
    except OSError:  # no login name and no passwd entry (some containers)
        return f"uid{os.getuid()}"


@contextmanager
def on_database(options: Mapping[str, str]) -> Iterator[tuple[Settings, Engine, Actor]]:
    """The settings, the migrated database and the command line's actor. `options`
    names the option of each field a refusal may name, so that the message does."""
    settings = read_settings()
    engine = make_engine(settings.database_url)
    try:
        migrate(engine)
        yield settings, engine, Actor.command_line(os_user())
    except ServiceError as exc:
        option = options.get(exc.field or "")
        fail(f"{option}: {exc.message}" if option else exc.message)
    except SQLAlchemyError as exc:
        fail(f"データベースを使えません: {settings.database_url} ({exc.__class__.__name__})")
    finally:
        engine.dispose()
