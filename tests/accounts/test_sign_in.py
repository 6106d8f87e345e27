"""Signing in by email and password: lock-out after failures in a row, unlocked after
the period (an injected clock), disabled accounts refused, every attempt audited."""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine

from hojokin.accounts.errors import SignInFailed
from hojokin.accounts.passwords import Passwords
from hojokin.accounts.service import SIGN_IN_FAILED, Accounts, SignInPolicy
from hojokin.accounts.tables import app_user

from .world import PASSWORD, World, make_world

POLICY = SignInPolicy(max_failures=3, lockout=timedelta(minutes=10))


@pytest.fixture
def world(engine: Engine) -> World:
    return make_world(engine, POLICY)


def _refused(world: World, email: str, password: str) -> str:
    with pytest.raises(SignInFailed) as failed:
        world.accounts.sign_in(email, password)
    assert failed.value.message == SIGN_IN_FAILED  # one message, whatever the cause
    reason: str = world.audit_rows()[-1].reason
    return reason


def test_the_right_password_gives_the_users_actor(world: World) -> None:
    actor = world.accounts.sign_in("Staff_A@Example.jp", PASSWORD, request_id="r1")
    staff = world.users["staff_a"]
    assert (actor.user_id, actor.role, actor.issuer_id, actor.request_id) == (
        staff.id,
        "staff",
        world.issuer_a,
        "r1",
    )
    last = world.audit_rows()[-1]
    assert (last.action, last.outcome, last.actor_id, last.request_id) == (
        "user.sign_in",
        "done",
        staff.id,
        "r1",
    )


def test_failures_in_a_row_lock_the_account_until_the_period_ends(world: World) -> None:
    email = "reviewer_a@example.jp"
    assert _refused(world, email, "wrong password 1") == "wrong_password"
    assert _refused(world, email, "wrong password 2") == "wrong_password"
    assert _refused(world, email, "wrong password 3") == "wrong_password_locked"
    # Locked: even the right password is refused, without its being checked.
    assert _refused(world, email, PASSWORD) == "locked"
    world.clock.advance(timedelta(minutes=9, seconds=59))
    assert _refused(world, email, PASSWORD) == "locked"
    world.clock.advance(timedelta(seconds=1))
    assert world.accounts.sign_in(email, PASSWORD).user_id == world.users["reviewer_a"].id
    user = world.accounts.get_user(world.actor("admin"), world.users["reviewer_a"].id)
    assert (user.failed_signins, user.locked_until) == (0, None)


def test_a_success_resets_the_count(world: World) -> None:
    email = "applicant_1@example.jp"
    for _ in range(2):
        _refused(world, email, "not the password")
    world.accounts.sign_in(email, PASSWORD)
    for _ in range(2):
        assert _refused(world, email, "not the password") == "wrong_password"
    assert world.accounts.sign_in(email, PASSWORD)


def test_after_a_lock_out_the_count_starts_again(world: World) -> None:
    email = "staff_b@example.jp"
    for _ in range(3):
        _refused(world, email, "not the password")
    world.clock.advance(POLICY.lockout)
    assert _refused(world, email, "not the password") == "wrong_password"


def test_unknown_disabled_and_malformed_are_refused_alike(world: World) -> None:
    assert _refused(world, "nobody@example.jp", PASSWORD) == "unknown_email"
    assert world.audit_rows()[-1].actor_name == "nobody@example.jp"
    assert _refused(world, "disabled_a@example.jp", PASSWORD) == "disabled"
    assert _refused(world, "not an address", PASSWORD) == "unknown_email"
    assert world.audit_rows()[-1].actor_name == "(not an email address)"


class CountingHasher(PasswordHasher):
    verified = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        self.verified += 1
        return super().verify(hash, password)


def test_an_unknown_email_costs_a_hash_as_a_known_one_does(world: World) -> None:
    # The time a refusal takes must not tell which accounts exist.
    counting = CountingHasher(time_cost=1, memory_cost=8, parallelism=1)
    accounts = Accounts(world.accounts.engine, policy=POLICY, passwords=Passwords(counting))
    for email, password in [
        ("nobody@example.jp", PASSWORD),
        ("disabled_a@example.jp", PASSWORD),
        ("staff_a@example.jp", "not the password"),
    ]:
        with pytest.raises(SignInFailed):
            accounts.sign_in(email, password)
    assert counting.verified == 3


def test_an_outdated_hash_is_replaced_at_sign_in(world: World) -> None:
    stronger = Accounts(
        world.accounts.engine,
        clock=world.clock,
        passwords=Passwords(PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)),
    )
    stronger.sign_in("admin@example.jp", PASSWORD)
    with world.accounts.engine.connect() as conn:
        stored = conn.execute(app_user.select().where(app_user.c.email == "admin@example.jp")).one()
    assert "m=16,t=2" in stored.password_hash
    assert stronger.sign_in("admin@example.jp", PASSWORD)
