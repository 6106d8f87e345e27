"""The audit trail: written in the transaction of its change, append-only in the
database itself, and free of secrets."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import Engine, delete, select, text, update
from sqlalchemy.exc import DBAPIError

from hojokin.accounts import audit, service
from hojokin.accounts.audit import Event
from hojokin.accounts.errors import Duplicate, Invalid, NotFound, SignInFailed
from hojokin.accounts.passwords import Passwords
from hojokin.accounts.service import NewUser
from hojokin.accounts.tables import api_token, app_user, audit_event

from .world import CLI, PASSWORD, World


def _count(engine: Engine, table: Any) -> int:
    with engine.connect() as conn:
        return len(conn.execute(select(table)).all())


def test_each_change_is_recorded_with_its_object_before_and_after(world: World) -> None:
    reviewer = world.users["reviewer_a2"]
    world.accounts.disable_user(world.actor("staff_a"), reviewer.id)
    last = world.audit_rows()[-1]
    assert (last.action, last.object_type, last.object_id) == (
        "user.disable",
        "user",
        str(reviewer.id),
    )
    assert (last.actor_id, last.actor_role, last.outcome) == (
        world.users["staff_a"].id,
        "staff",
        "done",
    )
    assert (last.issuer_id, last.request_id, last.at) == (
        world.issuer_a,
        "req-staff_a",
        world.clock.now,
    )
    assert '"disabled": false' in last.before and '"disabled": true' in last.after


def test_the_command_line_is_recorded_by_its_os_user(world: World) -> None:
    first = world.audit_rows()[0]
    assert (first.actor_id, first.actor_name, first.actor_role) == (None, "cli:tester", "cli")
    assert first.action == "issuer.create" and '"prefecture": "東京都"' in first.after


def test_a_failure_after_the_change_rolls_back_change_and_record(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    users, events = _count(world.accounts.engine, app_user), len(world.audit_rows())

    def record_then_fail(conn: Any, event: Event, at: Any) -> None:
        audit.record(conn, event, at)
        raise RuntimeError("the process dies after writing both")

    monkeypatch.setattr(service.audit, "record", record_then_fail)
    new = NewUser("late@example.jp", PASSWORD, "admin")
    with pytest.raises(RuntimeError):
        world.accounts.create_user(CLI, new)
    monkeypatch.undo()
    assert _count(world.accounts.engine, app_user) == users
    assert len(world.audit_rows()) == events


def test_the_database_refuses_to_update_or_delete_the_audit_trail(world: World) -> None:
    engine = world.accounts.engine
    rows = len(world.audit_rows())
    for statement in (
        update(audit_event).values(outcome="done"),
        update(audit_event).where(audit_event.c.id == 1).values(actor_name="someone else"),
        delete(audit_event),
        delete(audit_event).where(audit_event.c.id == 1),
    ):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(statement)
    if engine.dialect.name == "postgresql":
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text("TRUNCATE audit_event"))
    assert len(world.audit_rows()) == rows
    assert world.audit_rows()[0].actor_name == "cli:tester"


def test_secrets_are_never_written_to_the_audit_trail(world: World) -> None:
    password = "an unusual passphrase 7731"
    user = world.accounts.create_user(CLI, NewUser("secret@example.jp", password, "admin"))
    token, secret = world.accounts.create_token(CLI, user.id, "集計")
    world.accounts.revoke_token(CLI, token.id)
    world.accounts.sign_in("secret@example.jp", password)
    with pytest.raises(SignInFailed):
        world.accounts.sign_in("secret@example.jp", "a wrong guess for this")
    with pytest.raises(SignInFailed):  # a password typed into the email field
        world.accounts.sign_in("a wrong guess in the wrong field", password)
    with world.accounts.engine.connect() as conn:
        stored_hash = conn.execute(select(app_user.c.password_hash).where(app_user.c.id == user.id))
        digest = conn.execute(select(api_token.c.secret_sha256)).scalars().all()
        hashed = stored_hash.scalar_one()
    written = " ".join(str(tuple(row)) for row in world.audit_rows())
    for leaked in (password, "a wrong guess", hashed, secret, *digest):
        assert leaked not in written
    states = [json.loads(s) for row in world.audit_rows() for s in (row.before, row.after) if s]
    assert not any(audit.SECRET_KEYS & state.keys() for state in states)


def test_the_audit_writer_drops_secret_keys_whatever_it_is_given(world: World) -> None:
    event = Event(CLI, "user.create", "user", 1, service.Target(), after={"password": "x" * 20})
    with world.accounts.engine.begin() as conn:
        audit.record(conn, event, world.clock.now)
    assert world.audit_rows()[-1].after == "{}"


def test_bad_input_is_refused_before_anything_is_written(world: World) -> None:
    events = len(world.audit_rows())
    cases = [
        (Invalid, NewUser("not an email", PASSWORD, "admin")),
        (Invalid, NewUser("x@example.jp", "short", "admin")),
        (Invalid, NewUser("x@example.jp", PASSWORD, "boss")),
        (Invalid, NewUser("x@example.jp", PASSWORD, "staff")),
        (Invalid, NewUser("x@example.jp", PASSWORD, "applicant")),
        (Invalid, NewUser("x@example.jp", PASSWORD, "admin", issuer_id=world.issuer_a)),
        (Invalid, NewUser("x@example.jp", PASSWORD, "staff", company_id=world.company_1)),
        (NotFound, NewUser("x@example.jp", PASSWORD, "staff", issuer_id=999)),
        (NotFound, NewUser("x@example.jp", PASSWORD, "applicant", company_id=999)),
        (Duplicate, NewUser("ADMIN@Example.JP", PASSWORD, "admin")),
        (Duplicate, NewUser("ａｄｍｉｎ＠ｅｘａｍｐｌｅ．ｊｐ", PASSWORD, "admin")),
    ]
    for error, new in cases:
        with pytest.raises(error):
            world.accounts.create_user(CLI, new)
    with pytest.raises(Invalid, match="都道府県"):
        world.accounts.create_issuer(CLI, "どこかの事務局", "火星")
    with pytest.raises(Duplicate):
        world.accounts.create_issuer(CLI, "東京都中小企業振興公社", "東京都")
    with pytest.raises(Invalid):
        world.accounts.create_company(CLI, "  ")
    with pytest.raises(Invalid, match="自分"):
        world.accounts.disable_user(world.actor("admin"), world.users["admin"].id)
    assert len(world.audit_rows()) == events


def test_the_default_hasher_is_argon2id_and_the_hash_is_all_that_is_stored(
    engine: Engine,
) -> None:
    accounts = service.Accounts(engine)  # the production hasher
    user = accounts.create_user(CLI, NewUser("root@example.jp", PASSWORD, "admin"))
    with engine.connect() as conn:
        row = conn.execute(select(app_user).where(app_user.c.id == user.id)).one()
    assert row.password_hash.startswith("$argon2id$")
    assert PASSWORD not in " ".join(str(v) for v in row)
    assert Passwords().verify(row.password_hash, PASSWORD)
    assert accounts.sign_in("root@example.jp", PASSWORD).user_id == user.id
