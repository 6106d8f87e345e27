"""API tokens: the secret is shown once and stored only as its SHA-256; a revoked
token, or one of a disabled user, opens nothing."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select

from hojokin.accounts.errors import Invalid, SignInFailed
from hojokin.accounts.tables import api_token

from .world import CLI, World


def test_only_the_secrets_digest_is_stored(world: World) -> None:
    token, secret = world.accounts.create_token(CLI, world.users["staff_a"].id, "集計")
    assert secret.startswith("hjk_") and len(secret) > 40
    with world.accounts.engine.connect() as conn:
        row = conn.execute(select(api_token).where(api_token.c.id == token.id)).one()
    assert row.secret_sha256 == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in " ".join(str(v) for v in row)
    _, other_secret = world.accounts.create_token(CLI, world.users["staff_a"].id, "別")
    assert other_secret != secret


def test_a_token_gives_its_users_actor_and_notes_its_use(world: World) -> None:
    owner = world.users["applicant_1"]
    token, secret = world.accounts.create_token(world.actor("applicant_1"), owner.id, "会計")
    assert token.last_used_at is None
    world.clock.advance(timedelta(hours=1))
    actor = world.accounts.token_actor(secret, request_id="r9")
    assert (actor.user_id, actor.role, actor.company_id, actor.request_id) == (
        owner.id,
        "applicant",
        world.company_1,
        "r9",
    )
    with world.accounts.engine.connect() as conn:
        used = conn.execute(select(api_token.c.last_used_at)).scalar_one()
    assert used == world.clock.now


def test_revoked_unknown_and_disabled_tokens_open_nothing(world: World) -> None:
    reviewer = world.users["reviewer_a"]
    token, secret = world.accounts.create_token(CLI, reviewer.id, "一時")
    revoked = world.accounts.revoke_token(world.actor("staff_a"), token.id)
    assert revoked.revoked_at == world.clock.now
    assert world.accounts.revoke_token(CLI, token.id) == revoked  # revoking again: as it was
    for bad in (secret, "hjk_unknown", ""):
        with pytest.raises(SignInFailed, match="失効"):
            world.accounts.token_actor(bad)
    _, kept = world.accounts.create_token(CLI, reviewer.id, "別")
    assert world.accounts.token_actor(kept).user_id == reviewer.id
    world.accounts.disable_user(CLI, reviewer.id)
    with pytest.raises(SignInFailed):
        world.accounts.token_actor(kept)
    with pytest.raises(Invalid, match="無効"):
        world.accounts.create_token(CLI, reviewer.id, "もう一つ")
