"""Every service action tried by every role, on its own tenant's objects and on
another's: allowed or refused exactly as the table below says (written out here, not
read from `permissions.PERMISSIONS`), and every refusal audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine

from hojokin.accounts.errors import Refused
from hojokin.accounts.permissions import Actor
from hojokin.accounts.service import NewUser

from .world import CLI, PASSWORD, World, make_world

ACTORS = (
    "cli",
    "admin",
    "staff_a",
    "staff_b",
    "reviewer_a",
    "applicant_1",
    "disabled_a",
)
Operation = Callable[[World, Actor], Any]


def _new(world: World, role: str, **tenant: Any) -> NewUser:
    return NewUser(f"new-{role}-{len(world.audit_rows())}@example.jp", PASSWORD, role, **tenant)


def _token_of(world: World, name: str) -> int:
    token, _ = world.accounts.create_token(CLI, world.users[name].id, "既存")
    return token.id


OPERATIONS: dict[str, tuple[Operation, set[str]]] = {
    "create an issuer": (
        lambda w, a: w.accounts.create_issuer(a, "新しい事務局", "大阪府"),
        {"cli", "admin"},
    ),
    "create a company": (
        lambda w, a: w.accounts.create_company(a, "株式会社新"),
        {"cli", "admin"},
    ),
    "create an administrator": (
        lambda w, a: w.accounts.create_user(a, _new(w, "admin")),
        {"cli", "admin"},
    ),
    "create a reviewer of issuer A": (
        lambda w, a: w.accounts.create_user(a, _new(w, "reviewer", issuer_id=w.issuer_a)),
        {"cli", "admin", "staff_a"},
    ),
    "create a reviewer of issuer B": (
        lambda w, a: w.accounts.create_user(a, _new(w, "reviewer", issuer_id=w.issuer_b)),
        {"cli", "admin", "staff_b"},
    ),
    "create staff of issuer A": (
        lambda w, a: w.accounts.create_user(a, _new(w, "staff", issuer_id=w.issuer_a)),
        {"cli", "admin"},
    ),
    "create an applicant of company 1": (
        lambda w, a: w.accounts.create_user(a, _new(w, "applicant", company_id=w.company_1)),
        {"cli", "admin"},
    ),
    "disable a reviewer of issuer A": (
        lambda w, a: w.accounts.disable_user(a, w.users["reviewer_a2"].id),
        {"cli", "admin", "staff_a"},
    ),
    "disable staff of issuer A": (
        lambda w, a: w.accounts.disable_user(a, w.users["staff_a2"].id),
        {"cli", "admin"},
    ),
    "disable an applicant": (
        lambda w, a: w.accounts.disable_user(a, w.users["applicant_2"].id),
        {"cli", "admin"},
    ),
    "read a reviewer of issuer A": (
        lambda w, a: w.accounts.get_user(a, w.users["reviewer_a"].id),
        {"cli", "admin", "staff_a", "reviewer_a"},
    ),
    "read staff of issuer B": (
        lambda w, a: w.accounts.get_user(a, w.users["staff_b"].id),
        {"cli", "admin", "staff_b"},
    ),
    "read applicant 1": (
        lambda w, a: w.accounts.get_user(a, w.users["applicant_1"].id),
        {"cli", "admin", "applicant_1"},
    ),
    "read applicant 1 by email": (
        lambda w, a: w.accounts.find_user(a, "APPLICANT_1@example.jp"),
        {"cli", "admin", "applicant_1"},
    ),
    "list users": (lambda w, a: w.accounts.list_users(a), {"cli", "admin", "staff_a", "staff_b"}),
    "create a token of reviewer A": (
        lambda w, a: w.accounts.create_token(a, w.users["reviewer_a"].id, "集計"),
        {"cli", "admin", "reviewer_a"},
    ),
    "create a token of applicant 1": (
        lambda w, a: w.accounts.create_token(a, w.users["applicant_1"].id, "集計"),
        {"cli", "admin", "applicant_1"},
    ),
    "create a token of staff A": (
        lambda w, a: w.accounts.create_token(a, w.users["staff_a"].id, "集計"),
        {"cli", "admin", "staff_a"},
    ),
    "revoke a token of reviewer A": (
        lambda w, a: w.accounts.revoke_token(a, _token_of(w, "reviewer_a")),
        {"cli", "admin", "staff_a", "reviewer_a"},
    ),
    "revoke a token of staff B": (
        lambda w, a: w.accounts.revoke_token(a, _token_of(w, "staff_b")),
        {"cli", "admin", "staff_b"},
    ),
    "revoke a token of applicant 1": (
        lambda w, a: w.accounts.revoke_token(a, _token_of(w, "applicant_1")),
        {"cli", "admin", "applicant_1"},
    ),
    "read the audit trail": (
        lambda w, a: w.accounts.audit_trail(a),
        {"cli", "admin", "staff_a", "staff_b"},
    ),
}


@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_allowed_or_refused_and_audited(engine: Engine, operation: str, who: str) -> None:
    world = make_world(engine)
    act, allowed = OPERATIONS[operation]
    actor = world.actor(who)
    before = len(world.audit_rows())
    if who in allowed:
        act(world, actor)
        assert all(row.outcome == "done" for row in world.audit_rows()[before:])
        return
    with pytest.raises(Refused) as refused:
        act(world, actor)
    assert refused.value.message  # a Japanese sentence for the front end
    last = world.audit_rows()[-1]
    assert (last.outcome, last.actor_id, last.actor_role) == ("refused", actor.user_id, actor.role)
    assert last.request_id == actor.request_id
    reasons = {"actor_disabled"} if who == "disabled_a" else {"not_allowed", "no_grant"}
    assert last.reason in reasons


def test_every_refusal_names_what_was_refused(world: World) -> None:
    with pytest.raises(Refused) as refused:
        world.accounts.create_issuer(world.actor("staff_a"), "勝手な事務局", "東京都")
    assert refused.value.message == "この操作（実施機関の登録）を行う権限がありません"
    with pytest.raises(Refused) as disabled:
        world.accounts.list_users(world.actor("disabled_a"))
    assert disabled.value.message == "このアカウントは無効になっているため操作できません"


def test_staff_list_only_their_issuers_staff_and_reviewers(world: World) -> None:
    names = {u.display_name for u in world.accounts.list_users(world.actor("staff_a"))}
    assert names == {"staff_a", "staff_a2", "reviewer_a", "reviewer_a2", "disabled_a"}
    names_b = {u.display_name for u in world.accounts.list_users(world.actor("staff_b"))}
    assert names_b == {"staff_b", "reviewer_b"}
    everyone = world.accounts.list_users(world.actor("admin"))
    assert len(everyone) == len(world.users)


def test_staff_read_only_their_issuers_audit_trail(world: World) -> None:
    # The refusal of staff B touching issuer A's reviewer is issuer A's history.
    with pytest.raises(Refused):
        world.accounts.disable_user(world.actor("staff_b"), world.users["reviewer_a"].id)
    seen_a = world.accounts.audit_trail(world.actor("staff_a"), limit=1000)
    assert seen_a and {e.issuer_id for e in seen_a} == {world.issuer_a}
    assert any(e.outcome == "refused" and e.actor_name == "staff_b@example.jp" for e in seen_a)
    seen_b = world.accounts.audit_trail(world.actor("staff_b"), limit=1000)
    assert {e.issuer_id for e in seen_b} == {world.issuer_b}
    every = world.accounts.audit_trail(world.actor("admin"), limit=1000)
    assert len(every) == len(world.audit_rows())
    assert [e.id for e in every] == sorted((e.id for e in every), reverse=True)


def test_an_actor_disabled_after_signing_in_is_refused_at_once(world: World) -> None:
    staff = world.actor("staff_a")
    world.accounts.create_user(staff, _new(world, "reviewer", issuer_id=world.issuer_a))
    world.accounts.disable_user(CLI, staff.user_id or 0)
    with pytest.raises(Refused):
        world.accounts.create_user(staff, _new(world, "reviewer", issuer_id=world.issuer_a))


def test_a_stale_role_in_the_actor_is_not_trusted(world: World) -> None:
    # The actor claims to be an administrator; the database says reviewer.
    claimed = world.actor("reviewer_a")
    forged = Actor(claimed.user_id, "admin", claimed.name)
    with pytest.raises(Refused):
        world.accounts.create_issuer(forged, "偽の事務局", "東京都")
