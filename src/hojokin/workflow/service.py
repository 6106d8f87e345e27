"""The workflow service: one object for the CLI, the API and the web, its parts named
by the domain (`calls`, `bookings`, …). Every call takes the `Actor`."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine

from hojokin.accounts.guard import Clock, Guard
from hojokin.accounts.service import utc_now
from hojokin.catalog.loader import Catalog
from hojokin.workflow.bookings import Bookings
from hojokin.workflow.calls import Calls
from hojokin.workflow.office import Office, Policy


class Workflow:
    def __init__(
        self,
        engine: Engine,
        catalog: Callable[[], Catalog],
        *,
        clock: Clock = utc_now,
        policy: Policy | None = None,
    ) -> None:
        self.office = Office(Guard(engine, clock), catalog, policy or Policy())
        self.calls = Calls(self.office)
        self.bookings = Bookings(self.office)
