"""Bearer-token authentication and `GET /api/v1/me`, on each test database."""

from __future__ import annotations

import uuid

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import TypeAdapter
from sqlalchemy import select

from hojokin.accounts.permissions import Actor
from hojokin.accounts.records import User
from hojokin.accounts.service import Accounts, NewUser
from hojokin.accounts.tables import api_token
from hojokin.api.me import NO_TOKEN
from hojokin.api.models import UserJSON

CLI = Actor.command_line("tester")
PASSWORD = "correct horse battery staple"


def _accounts(app: FastAPI) -> Accounts:
    accounts: Accounts = app.state.accounts
    return accounts


@pytest.fixture
def staff(app: FastAPI) -> tuple[User, str]:
    """A new staff user of a new issuer, and a token of theirs."""
    accounts = _accounts(app)
    issuer = accounts.create_issuer(CLI, f"事務局 {uuid.uuid4().hex[:8]}", "東京都")
    email = f"{uuid.uuid4().hex[:8]}@example.jp"
    user = accounts.create_user(CLI, NewUser(email, PASSWORD, "staff", "担当", issuer.id))
    _, secret = accounts.create_token(CLI, user.id, "テスト")
    return user, secret


def _refused(response: object, message: str | None = None) -> None:
    assert getattr(response, "status_code", None) == 401
    headers = getattr(response, "headers", {})
    assert headers["www-authenticate"] == "Bearer"
    error = response.json()["error"]
    assert error["code"] == "unauthorized" and error["field"] is None
    if message is not None:
        assert error["message"] == message


def test_me_without_a_token_is_401_in_japanese(client: TestClient) -> None:
    _refused(client.get("/api/v1/me"), NO_TOKEN)
    _refused(client.get("/api/v1/me", headers={"Authorization": "Basic dXNlcjpwYXNz"}), NO_TOKEN)
    _refused(client.get("/api/v1/me", headers={"Authorization": "Bearer "}), NO_TOKEN)
    long = "Bearer " + "x" * 500
    _refused(client.get("/api/v1/me", headers={"Authorization": long}), NO_TOKEN)


def test_me_with_a_wrong_token_is_401(client: TestClient) -> None:
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer hjk_not-a-token"})
    _refused(response, "API トークンが正しくないか、失効しています")


def test_me_gives_the_tokens_user_without_secrets(
    client: TestClient, app: FastAPI, staff: tuple[User, str]
) -> None:
    user, secret = staff
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    body = response.json()
    TypeAdapter(UserJSON).validate_python(body)
    assert body | {"created_at": None} == {
        "id": user.id,
        "email": user.email,
        "display_name": "担当",
        "role": "staff",
        "issuer_id": user.issuer_id,
        "company_id": None,
        "disabled": False,
        "locked_until": None,
        "created_at": None,
    }
    assert "password" not in response.text and secret not in response.text
    tokens = [e for e in _accounts(app).audit_trail(CLI, 1000) if e.object_type == "api_token"]
    assert tokens  # the token's creation is in the trail; its use is on the token
    again = client.get("/api/v1/me", headers={"authorization": f"bearer {secret}"})
    assert again.status_code == 200


def test_a_revoked_token_or_a_disabled_user_is_401(
    client: TestClient, app: FastAPI, staff: tuple[User, str]
) -> None:
    user, secret = staff
    accounts = _accounts(app)
    token, other = accounts.create_token(CLI, user.id, "二本目")
    accounts.revoke_token(CLI, token.id)
    _refused(client.get("/api/v1/me", headers={"Authorization": f"Bearer {other}"}))
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).is_success
    accounts.disable_user(CLI, user.id)
    _refused(client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}))


def test_token_use_is_noted_with_the_time(
    client: TestClient, app: FastAPI, staff: tuple[User, str]
) -> None:
    user, secret = staff
    client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    with _accounts(app).engine.connect() as conn:
        used = conn.execute(
            select(api_token.c.last_used_at).where(api_token.c.user_id == user.id)
        ).scalar_one()
    assert used is not None


def test_openapi_documents_me_and_its_bearer_scheme(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"]["/api/v1/me"]["get"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/UserJSON"
    }
    assert "401" in operation["responses"]
    assert operation["security"] == [{"HTTPBearer": []}]
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert "password_hash" not in spec["components"]["schemas"]["UserJSON"]["properties"]
