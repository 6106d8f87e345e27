"""A small world of accounts for the service's tests: two issuers, two companies, a
user of each role on each side, and a clock the tests move."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import Engine, select

from hojokin.accounts.passwords import Passwords
from hojokin.accounts.permissions import Actor
from hojokin.accounts.records import User
from hojokin.accounts.service import Accounts, NewUser, SignInPolicy
from hojokin.accounts.tables import audit_event

PASSWORD = "correct horse battery staple"
START = datetime(2026, 4, 1, 0, 0, tzinfo=UTC)
# argon2id with the least work, so that a test makes hundreds of hashes quickly.
CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
CLI = Actor.command_line("tester")


@dataclass
class Clock:
    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, by: timedelta) -> None:
        self.now += by


@dataclass
class World:
    accounts: Accounts
    clock: Clock
    issuer_a: int
    issuer_b: int
    company_1: int
    company_2: int
    users: dict[str, User] = field(default_factory=dict)

    def add(self, name: str, role: str, **tenant: Any) -> User:
        email = f"{name}@example.jp"
        user = self.accounts.create_user(CLI, NewUser(email, PASSWORD, role, name, **tenant))
        self.users[name] = user
        return user

    def actor(self, name: str) -> Actor:
        if name == "cli":
            return CLI
        u = self.users[name]
        return Actor(u.id, u.role, u.email, u.issuer_id, u.company_id, request_id=f"req-{name}")

    def audit_rows(self) -> list[Any]:
        with self.accounts.engine.connect() as conn:
            return list(conn.execute(select(audit_event).order_by(audit_event.c.id)))


def make_world(engine: Engine, policy: SignInPolicy | None = None) -> World:
    clock = Clock()
    accounts = Accounts(engine, policy=policy, clock=clock, passwords=Passwords(CHEAP))
    a = accounts.create_issuer(CLI, "東京都中小企業振興公社", "東京都").id
    b = accounts.create_issuer(CLI, "富山県新世紀産業機構", "富山").id
    c1 = accounts.create_company(CLI, "株式会社一").id
    c2 = accounts.create_company(CLI, "株式会社二").id
    world = World(accounts, clock, a, b, c1, c2)
    world.add("admin", "admin")
    world.add("staff_a", "staff", issuer_id=a)
    world.add("staff_a2", "staff", issuer_id=a)
    world.add("staff_b", "staff", issuer_id=b)
    world.add("reviewer_a", "reviewer", issuer_id=a)
    world.add("reviewer_a2", "reviewer", issuer_id=a)
    world.add("reviewer_b", "reviewer", issuer_id=b)
    world.add("applicant_1", "applicant", company_id=c1)
    world.add("applicant_2", "applicant", company_id=c2)
    disabled = world.add("disabled_a", "staff", issuer_id=a)
    accounts.disable_user(CLI, disabled.id)
    return world
