"""CSRF on every state-changing form, changing the password, and resetting it by the
mailed link end to end: request → `worker` through a local SMTP server → the link →
a new password; the token used once, expired tokens refused, other sessions ended."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select

from hojokin.accounts.signin import RESET_PROBLEMS, RESET_SUBJECT
from hojokin.accounts.tables import app_user, password_reset
from hojokin.catalog.loader import Catalog
from hojokin.mail import outbox, worker
from hojokin.mail.tables import mail_outbox
from tests.smtp import smtp_server

from .web import CSRF, SESSION, Site, make_site, sign_in, token_of
from .world import PASSWORD, World, make_world

NEW = "a brand new passphrase"
PUBLIC = "https://hojokin.example.jp"
_LINK = re.compile(re.escape(PUBLIC) + r"(/password/reset/[A-Za-z0-9_-]+)")


@pytest.fixture
def site(engine: Engine, seed_catalog: Catalog) -> Site:
    return make_site(make_world(engine), seed_catalog, public_url=PUBLIC + "/")


def _hash(world: World, name: str) -> str:
    with world.accounts.engine.connect() as conn:
        query = select(app_user.c.password_hash).where(app_user.c.email == f"{name}@example.jp")
        found: str = conn.execute(query).scalar_one()
        return found


def _mail_count(world: World) -> int:
    with world.accounts.engine.connect() as conn:
        count: int = conn.execute(select(func.count()).select_from(mail_outbox)).scalar_one()
        return count


def _refusals(world: World) -> list[tuple[str, str]]:
    return [(r.action, r.reason) for r in world.audit_rows() if r.reason == "csrf"]


# --- CSRF ---------------------------------------------------------------------------


@pytest.mark.parametrize("token", [None, "", "not-the-token"])
def test_signed_in_forms_without_their_token_are_refused(site: Site, token: str | None) -> None:
    client = site.client()
    sign_in(client, "staff_a@example.jp")
    before = _hash(site.world, "staff_a")
    extra = {} if token is None else {"csrf_token": token}
    change = {"current": PASSWORD, "new": NEW, "new2": NEW} | extra
    refused = client.post("/account/password", data=change)
    assert refused.status_code == 403
    assert (
        "この操作は受け付けられませんでした" in refused.text
        and "何も変更していません" in refused.text
    )
    assert _hash(site.world, "staff_a") == before
    assert client.post("/signout", data=extra).status_code == 403
    assert client.get("/account", follow_redirects=False).status_code == 200  # still in
    assert _refusals(site.world) == [
        ("user.password_change", "csrf"),
        ("user.sign_out", "csrf"),
    ]
    last = site.world.audit_rows()[-1]
    assert last.actor_id == site.world.users["staff_a"].id and last.outcome == "refused"


def test_another_sessions_token_is_refused(site: Site) -> None:
    mine, theirs = site.client(), site.client()
    sign_in(mine, "applicant_1@example.jp")
    sign_in(theirs, "applicant_1@example.jp")
    their_token = token_of(theirs.get("/account"))
    assert mine.post("/signout", data={"csrf_token": their_token}).status_code == 403


def test_anonymous_forms_need_the_cookies_token(site: Site) -> None:
    client = site.client()
    form = client.get("/signin")
    token = token_of(form)
    assert client.cookies[CSRF] == token
    login = {"email": "admin@example.jp", "password": PASSWORD}
    assert client.post("/signin", data=login).status_code == 403  # no token
    assert client.post("/signin", data=login | {"csrf_token": "forged"}).status_code == 403
    # A token without its cookie (another browser's, or a forger's) is refused too.
    stranger = site.client()
    assert stranger.post("/signin", data=login | {"csrf_token": token}).status_code == 403
    assert SESSION not in client.cookies and SESSION not in stranger.cookies
    forgot = {"email": "admin@example.jp"}
    assert stranger.post("/password/forgot", data=forgot).status_code == 403
    assert _mail_count(site.world) == 0
    assert [a for a, _ in _refusals(site.world)] == ["user.sign_in"] * 3 + [
        "user.password_reset_request"
    ]
    assert site.world.audit_rows()[-1].actor_name == "client:testclient"
    # The token the cookie holds opens the way.
    response = client.post("/signin", data=login | {"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303


# --- changing the password ---------------------------------------------------------


def test_changing_the_password_keeps_this_session_and_ends_the_others(site: Site) -> None:
    here, elsewhere = site.client(), site.client()
    sign_in(here, "reviewer_a@example.jp")
    sign_in(elsewhere, "reviewer_a@example.jp")
    form = here.get("/account/password")
    token = token_of(form)
    for change, field_message in [
        (
            {"current": "not my password", "new": NEW, "new2": NEW},
            "現在のパスワードが正しくありません",
        ),
        ({"current": PASSWORD, "new": NEW, "new2": NEW + "!"}, "一致しません"),
        ({"current": PASSWORD, "new": "short", "new2": "short"}, "12 文字以上"),
    ]:
        page = here.post("/account/password", data=change | {"csrf_token": token})
        assert page.status_code == 422 and field_message in page.text
        assert PASSWORD not in page.text and NEW not in page.text
    done = here.post(
        "/account/password",
        data={"current": PASSWORD, "new": NEW, "new2": NEW, "csrf_token": token},
    )
    assert done.status_code == 200 and "パスワードを変更しました" in done.text
    assert here.get("/account", follow_redirects=False).status_code == 200
    assert elsewhere.get("/account", follow_redirects=False).status_code == 303
    assert sign_in(site.client(), "reviewer_a@example.jp").status_code == 401
    assert sign_in(site.client(), "reviewer_a@example.jp", NEW).status_code == 303
    changes = [
        (r.outcome, r.reason) for r in site.world.audit_rows() if r.action == "user.password_change"
    ]
    assert changes == [("refused", "wrong_password"), ("refused", "weak_password"), ("done", None)]


# --- resetting a forgotten password ------------------------------------------------


def _request_reset(site: Site, email: str) -> str:
    client = site.client()
    form = client.get("/password/forgot")
    page = client.post("/password/forgot", data={"email": email, "csrf_token": token_of(form)})
    assert page.status_code == 200
    assert "メールを送りました（登録があれば）" in page.text
    return page.text


def test_a_reset_by_the_mailed_link_end_to_end(site: Site) -> None:
    world = site.world
    phone, laptop = site.client(), site.client()
    sign_in(phone, "applicant_2@example.jp")
    sign_in(laptop, "applicant_2@example.jp")
    _request_reset(site, "Applicant_2@Example.jp")
    with smtp_server() as (config, inbox):
        assert worker.drain(world.accounts.engine, config, world.clock).sent == 1
    [mail] = inbox.messages
    assert mail["To"] == "applicant_2@example.jp" and mail["Subject"] == RESET_SUBJECT
    body = mail.get_content()
    assert "2026年04月01日 10時00分（日本時間）" in body  # START + 1 h, in JST
    found = _LINK.search(body)
    assert found, body
    path = found.group(1)
    # Only the token's SHA-256 is stored.
    with world.accounts.engine.connect() as conn:
        stored = conn.execute(select(password_reset.c.token_sha256)).scalar_one()
    assert stored not in path

    browser = site.client()
    form = browser.get(path)
    assert form.status_code == 200 and "新しいパスワードの設定" in form.text
    token = token_of(form)
    mismatch = browser.post(path, data={"new": NEW, "new2": "other", "csrf_token": token})
    assert mismatch.status_code == 422 and "一致しません" in mismatch.text
    done = browser.post(path, data={"new": NEW, "new2": NEW, "csrf_token": token})
    assert done.status_code == 200 and "パスワードを再設定しました" in done.text

    assert sign_in(site.client(), "applicant_2@example.jp").status_code == 401
    assert sign_in(site.client(), "applicant_2@example.jp", NEW).status_code == 303
    for old in (phone, laptop):  # every session before the reset has ended
        assert old.get("/account", follow_redirects=False).status_code == 303
    again = browser.post(
        path,
        data={
            "new": "yet another passphrase",
            "new2": "yet another passphrase",
            "csrf_token": token,
        },
    )
    assert again.status_code == 410 and RESET_PROBLEMS["used"] in again.text
    assert browser.get(path).status_code == 410
    assert sign_in(site.client(), "applicant_2@example.jp", NEW).status_code == 303
    resets = [(r.action, r.outcome, r.reason) for r in world.audit_rows() if "reset" in r.action]
    assert resets == [
        ("user.password_reset_request", "done", None),
        ("user.password_reset", "done", None),
        ("user.password_reset", "refused", "used"),
    ]


def test_a_reset_link_expires(site: Site) -> None:
    _request_reset(site, "staff_b@example.jp")
    [entry] = outbox.entries(site.world.accounts.engine, unsent_only=True, limit=5)
    found = _LINK.search(entry.mail.body)
    assert found
    path = found.group(1)
    client = site.client()
    token = token_of(client.get(path))
    site.world.clock.advance(timedelta(hours=1))
    expired = client.get(path)
    assert expired.status_code == 410 and RESET_PROBLEMS["expired"] in expired.text
    posted = client.post(path, data={"new": NEW, "new2": NEW, "csrf_token": token})
    assert posted.status_code == 410
    assert sign_in(site.client(), "staff_b@example.jp").status_code == 303  # unchanged
    unknown = client.get("/password/reset/not-a-token")
    assert unknown.status_code == 410 and RESET_PROBLEMS["unknown"] in unknown.text
    last = site.world.audit_rows()[-2]
    assert (last.action, last.reason) == ("user.password_reset", "expired")


def test_an_unknown_or_disabled_address_gets_the_same_answer_and_no_mail(site: Site) -> None:
    known = _request_reset(site, "staff_a@example.jp")
    unknown = _request_reset(site, "nobody@example.jp")
    disabled = _request_reset(site, "disabled_a@example.jp")
    no_address = _request_reset(site, "my password 123")
    assert _mail_count(site.world) == 1
    strip = re.compile(r'value="[^"]+"')
    assert strip.sub("", known) == strip.sub("", unknown) == strip.sub("", disabled)
    assert strip.sub("", no_address) == strip.sub("", known)
    rows = [r for r in site.world.audit_rows() if r.action.endswith("request")]
    assert [r.reason for r in rows] == [None, "unknown_email", "disabled", "unknown_email"]
    # What was typed is not kept when it is no address: it may be a password.
    assert [r.actor_name for r in rows] == [
        "staff_a@example.jp",
        "nobody@example.jp",
        "disabled_a@example.jp",
        "(not an email address)",
    ]
