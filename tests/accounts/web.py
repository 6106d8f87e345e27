"""The app on a test's world of accounts, for the sign-in pages' tests: its service and
clock, HTTPS (the cookies are Secure), and helpers to fill the forms."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from hojokin.accounts.signin import SignIn
from hojokin.api.app import create_app
from hojokin.catalog.loader import Catalog
from hojokin.server.settings import Settings
from tests.conftest import TEST_SETTINGS

from .world import PASSWORD, World

SESSION = "__Host-hojokin_session"
CSRF = "__Host-hojokin_csrf"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Site:
    app: FastAPI
    world: World

    def client(self) -> TestClient:
        """A new browser: its own cookies."""
        return TestClient(self.app, base_url="https://testserver")

    @property
    def signin(self) -> SignIn:
        service: SignIn = self.app.state.signin
        return service


def make_site(world: World, catalog: Catalog, **settings: object) -> Site:
    config: Settings = replace(TEST_SETTINGS, **settings)  # type: ignore[arg-type]
    app = create_app(world.accounts.engine, catalog, settings=config)
    app.state.accounts = world.accounts  # the world's clock and cheap hasher
    app.state.signin = SignIn(
        world.accounts,
        config.session_policy(),
        reset_lifetime=timedelta(seconds=config.reset_token_s),
        throttle=config.throttle(),
    )
    return Site(app, world)


def token_of(page: Response) -> str:
    """The CSRF token of the page's main form (the header's sign-out form comes first)."""
    found = _TOKEN.findall(page.text)
    assert found, page.text
    token: str = found[-1]
    return token


def sign_in(
    client: TestClient, email: str, password: str = PASSWORD, next_path: str = ""
) -> Response:
    form = client.get("/signin", params={"next": next_path} if next_path else None)
    data = {"email": email, "password": password, "csrf_token": token_of(form)}
    if next_path:
        data["next"] = next_path
    return client.post("/signin", data=data, follow_redirects=False)
