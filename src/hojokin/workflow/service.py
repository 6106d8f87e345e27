"""The workflow service: one object for the CLI, the API and the web, its parts named
by the domain (`calls`, `bookings`, `applications`, `documents`, `submissions`,
`inbox`). Every call
takes the `Actor`."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine

from hojokin.accounts.guard import Clock, Guard
from hojokin.accounts.permissions import Action, Actor
from hojokin.accounts.service import utc_now
from hojokin.catalog.loader import Catalog
from hojokin.files import FileStore
from hojokin.workflow.actions import application_actions, booking_actions, call_actions
from hojokin.workflow.applications import Applications
from hojokin.workflow.bookings import Bookings
from hojokin.workflow.calls import Calls
from hojokin.workflow.documents import Documents
from hojokin.workflow.inbox import Inbox
from hojokin.workflow.office import Office, Policy
from hojokin.workflow.records import Application, Booking, Call
from hojokin.workflow.rows import load_call
from hojokin.workflow.submission import Submissions


class Workflow:
    def __init__(
        self,
        engine: Engine,
        catalog: Callable[[], Catalog],
        files: FileStore,
        *,
        clock: Clock = utc_now,
        policy: Policy | None = None,
    ) -> None:
        self.office = Office(Guard(engine, clock), catalog, policy or Policy())
        self.calls = Calls(self.office)
        self.bookings = Bookings(self.office)
        self.applications = Applications(self.office)
        self.submissions = Submissions(self.office)
        self.inbox = Inbox(self.office)
        self.documents = Documents(self.office, files)

    def allowed_actions(
        self, actor: Actor, item: Call | Booking | Application
    ) -> tuple[Action, ...]:
        """The actions `actor` may take on `item` now (`workflow.actions`); none for a
        disabled user."""
        guard = self.office.guard
        with guard.engine.connect() as conn:
            current = guard.acting(conn, actor)
            if current is None:
                return ()
            if isinstance(item, Call):
                return call_actions(current, item)
            now = self.office.now()
            if isinstance(item, Booking):
                return booking_actions(current, item, now, self.office.policy)
            of_call = load_call(conn, item.call_id)
        assert of_call is not None
        return application_actions(current, item, of_call, now)
