"""Signing in and out on the web: the session cookie and its flags, a new id at each
sign-in, logout and disabling that end sessions, idle and absolute expiry, `next`
that stays on this site, the lock-out as the page says it, and the throttle."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, select

from hojokin.accounts.service import SIGN_IN_FAILED, SignInPolicy
from hojokin.accounts.tables import web_session
from hojokin.catalog.loader import Catalog

from .web import CSRF, SESSION, Site, make_site, sign_in, token_of
from .world import CLI, World, make_world


@pytest.fixture
def site(engine: Engine, seed_catalog: Catalog) -> Site:
    world = make_world(engine, SignInPolicy(max_failures=3, lockout=timedelta(minutes=10)))
    return make_site(world, seed_catalog, signin_lockout_s=600.0)


def _sessions(world: World) -> list[object]:
    with world.accounts.engine.connect() as conn:
        return list(conn.execute(select(web_session).order_by(web_session.c.id)))


def test_sign_in_sets_a_secure_httponly_lax_session_cookie(site: Site) -> None:
    client = site.client()
    response = sign_in(client, "applicant_1@example.jp")
    assert response.status_code == 303 and response.headers["location"] == "/account"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith(f"{SESSION}="))
    flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"secure", "httponly", "path", "max-age"} <= flags and "domain" not in flags
    assert "samesite=lax" in cookie.lower() and "path=/" in cookie.lower()
    # Only the SHA-256 of the id is stored.
    [row] = _sessions(site.world)
    secret = client.cookies[SESSION]
    assert secret not in (row.secret_sha256, row.csrf_token) and len(row.secret_sha256) == 64
    page = client.get("/account")
    assert page.status_code == 200
    assert "ログイン中" in page.text and "applicant_1" in page.text
    assert "申請者（事業者）" in page.text and "株式会社一" in page.text


def test_each_sign_in_gets_a_new_session_id_and_ends_the_one_before(site: Site) -> None:
    client = site.client()
    client.cookies.set(SESSION, "planted-by-someone-else", domain="testserver.local")
    sign_in(client, "staff_a@example.jp")
    first = client.cookies[SESSION]
    assert first != "planted-by-someone-else"
    sign_in(client, "staff_a@example.jp")
    second = client.cookies[SESSION]
    assert second != first
    revoked = [row.revoked_at is not None for row in _sessions(site.world)]
    assert revoked == [True, False]
    old = site.client()
    old.cookies.set(SESSION, first, domain="testserver.local")
    assert old.get("/account", follow_redirects=False).status_code == 303


def test_sign_out_revokes_the_session(site: Site) -> None:
    client = site.client()
    sign_in(client, "reviewer_a@example.jp")
    secret = client.cookies[SESSION]
    account = client.get("/account")
    response = client.post(
        "/signout", data={"csrf_token": token_of(account)}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert SESSION not in client.cookies
    replay = site.client()
    replay.cookies.set(SESSION, secret, domain="testserver.local")
    gone = replay.get("/account", follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"] == "/signin?next=/account"
    last = site.world.audit_rows()[-1]
    assert (last.action, last.outcome) == ("user.sign_out", "done")


def test_a_wrong_password_gets_one_message_and_the_lock_out_says_when(site: Site) -> None:
    client = site.client()
    for _ in range(3):
        page = sign_in(client, "staff_b@example.jp", "wrong password!")
        assert page.status_code == 401 and SIGN_IN_FAILED in page.text
        assert "10分たってから" in page.text
        assert "wrong password!" not in page.text  # never sent back
    # Locked now, the right password too; an unknown address reads the same.
    locked = sign_in(client, "staff_b@example.jp")
    unknown = sign_in(client, "nobody@example.jp")
    assert locked.status_code == unknown.status_code == 401
    assert locked.text.replace("staff_b", "nobody") == unknown.text.replace(
        token_of(unknown), token_of(locked)
    )
    reasons = [r.reason for r in site.world.audit_rows() if r.action == "user.sign_in"]
    assert reasons[-2:] == ["locked", "unknown_email"]
    site.world.clock.advance(timedelta(minutes=10))
    assert sign_in(client, "staff_b@example.jp").status_code == 303
    assert not _sessions(site.world)[0].revoked_at


def test_empty_fields_are_named_at_their_fields(site: Site) -> None:
    client = site.client()
    form = client.get("/signin")
    page = client.post("/signin", data={"email": "", "password": "", "csrf_token": token_of(form)})
    assert page.status_code == 422
    assert "メールアドレスを入力してください" in page.text
    assert "パスワードを入力してください" in page.text


@pytest.mark.parametrize(
    ("given", "landing"),
    [
        ("/account/password", "/account/password"),
        ("/programs/x?from=1", "/programs/x?from=1"),
        ("//evil.example/", "/account"),
        ("/\\evil.example/", "/account"),
        ("https://evil.example/account", "/account"),
        ("javascript:alert(1)", "/account"),
        ("/a\r\nSet-Cookie: x=1", "/account"),
    ],
)
def test_next_only_leads_to_a_path_of_this_site(site: Site, given: str, landing: str) -> None:
    response = sign_in(site.client(), "admin@example.jp", next_path=given)
    assert response.status_code == 303
    assert response.headers["location"] == landing


def test_a_page_that_needs_sign_in_sends_there_and_back(site: Site) -> None:
    client = site.client()
    response = client.get("/account/password", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?next=/account/password"
    form = client.get(response.headers["location"])
    assert 'name="next" value="/account/password"' in form.text
    assert (
        sign_in(client, "admin@example.jp", next_path="/account/password").headers["location"]
        == "/account/password"
    )


def test_sessions_end_when_idle_or_old(site: Site) -> None:
    client = site.client()
    sign_in(client, "applicant_2@example.jp")
    clock = site.world.clock
    for _ in range(11):  # a request every 59 minutes keeps it alive for 11 hours
        clock.advance(timedelta(minutes=59))
        assert client.get("/account", follow_redirects=False).status_code == 200
    clock.advance(timedelta(minutes=59))  # 11 h 48 min: alive; 12 h: over
    assert client.get("/account", follow_redirects=False).status_code == 200
    clock.advance(timedelta(minutes=11))
    assert client.get("/account", follow_redirects=False).status_code == 200
    clock.advance(timedelta(minutes=1))
    assert client.get("/account", follow_redirects=False).status_code == 303
    other = site.client()
    sign_in(other, "applicant_2@example.jp")
    clock.advance(timedelta(hours=1))  # idle an hour
    assert other.get("/account", follow_redirects=False).status_code == 303


def test_disabling_a_user_ends_their_sessions(site: Site) -> None:
    client = site.client()
    sign_in(client, "reviewer_b@example.jp")
    user = site.world.users["reviewer_b"]
    site.world.accounts.disable_user(CLI, user.id)
    assert all(row.revoked_at for row in _sessions(site.world))
    assert client.get("/account", follow_redirects=False).status_code == 303


def test_the_header_says_who_is_signed_in_on_every_page(site: Site) -> None:
    client = site.client()
    anonymous = client.get("/signin")
    assert "ログイン中" not in anonymous.text and 'href="/signin"' in anonymous.text
    sign_in(client, "staff_a2@example.jp")
    page = client.get("/password/forgot")
    assert 'ログイン中: <a href="/account">staff_a2</a>' in page.text
    assert 'action="/signout"' in page.text


def test_the_throttle_answers_429_with_retry_after(engine: Engine, seed_catalog: Catalog) -> None:
    site = make_site(make_world(engine), seed_catalog, client_attempts_per_min=3)
    client = site.client()
    for _ in range(3):
        assert sign_in(client, "admin@example.jp", "wrong wrong wrong").status_code == 401
    refused = sign_in(client, "admin@example.jp")
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "60"
    assert "しばらくお待ちください" in refused.text
    last = site.world.audit_rows()[-1]
    assert (last.action, last.outcome, last.reason, last.actor_name) == (
        "user.sign_in",
        "refused",
        "throttled",
        "client:testclient",
    )
    # The reset request form has its own count; a minute later sign-in opens again.
    forgot = client.get("/password/forgot")
    data = {"email": "admin@example.jp", "csrf_token": token_of(forgot)}
    assert client.post("/password/forgot", data=data).status_code == 200
    site.world.clock.advance(timedelta(seconds=30))
    assert sign_in(client, "admin@example.jp").headers["retry-after"] == "30"
    site.world.clock.advance(timedelta(seconds=30))
    assert sign_in(client, "admin@example.jp").status_code == 303
    assert CSRF in client.cookies
