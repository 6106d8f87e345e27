"""The office's world for the workflow's tests: the accounts' world (Tokyo's office A
and Toyama's office B, companies 1 and 2, a user of each role on each side), a second
user of company 1, the seed catalog, and the Tokyo call's dates on the clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from hojokin.accounts.permissions import Actor
from hojokin.catalog.loader import Catalog
from hojokin.catalog.status import JST
from hojokin.files import FileStore
from hojokin.mail.tables import mail_outbox
from hojokin.workflow.office import Policy
from hojokin.workflow.records import Call
from hojokin.workflow.service import Workflow
from tests.accounts.world import World, make_world

PROGRAM = "tokyo-zeroemi-innovation"
MAX_UPLOAD = 1024 * 1024
FRAME = "zero-emission"


def jst(*parts: int) -> datetime:
    """An instant given as JST: jst(2024, 11, 13, 10) is 11月13日 10:00 in Tokyo."""
    return datetime(*parts, tzinfo=JST)  # type: ignore[misc]


@dataclass
class Office:
    world: World
    flow: Workflow

    def actor(self, name: str) -> Actor:
        return self.world.actor(name)

    def at(self, when: datetime) -> None:
        self.world.clock.now = when

    def audit_rows(self) -> list[Any]:
        return self.world.audit_rows()

    def mails(self) -> list[Any]:
        with self.flow.office.guard.engine.connect() as conn:
            return list(conn.execute(select(mail_outbox).order_by(mail_outbox.c.id)))

    def tokyo_call(self, code: str = "ZE2024", capacity: int = 1, publish: bool = True) -> Call:
        """The Tokyo call of the seed catalog, opened by office A's staff (published)."""
        self.at(jst(2024, 6, 1, 10))
        staff = self.actor("staff_a")
        made = self.flow.calls.create_from_catalog(
            staff, PROGRAM, FRAME, code, slot_capacity=capacity
        )
        return self.flow.calls.publish(staff, made.id) if publish else made


def make_office(
    engine: Engine, catalog: Catalog, files: Path, policy: Policy | None = None
) -> Office:
    world = make_world(engine)
    world.add("applicant_1b", "applicant", company_id=world.company_1)
    store = FileStore(files, MAX_UPLOAD)
    flow = Workflow(engine, lambda: catalog, store, clock=world.clock, policy=policy)
    return Office(world, flow)
