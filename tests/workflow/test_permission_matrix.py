"""Every workflow action tried by every role, on Tokyo's office (A) and company 1's
objects: done exactly by those the table below says (written out here, not read from
`permissions.PERMISSIONS`); everyone else refused, and never given data. Another
tenant's object is answered as not found, in the words of a missing one; every
refusal is audited with who tried."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import count
from typing import Any

import pytest

from hojokin.accounts.errors import Refused
from hojokin.accounts.permissions import Actor
from hojokin.catalog.loader import Catalog
from hojokin.store.migrate import migrate
from hojokin.workflow.inbox import InboxFilter
from hojokin.workflow.records import Application, Booking, Call, Document
from hojokin.workflow.schedule import CallPlan
from hojokin.workflow.service import Workflow
from tests.databases import DIALECTS, empty_database
from tests.files.samples import pdf

from .profiles import COMPANY
from .story import Ready, ready
from .world import FRAME, PROGRAM, Office, jst, make_office

ACTORS = (
    "cli",
    "admin",
    "staff_a",
    "staff_b",
    "reviewer_a",
    "applicant_1",
    "applicant_2",
    "disabled_a",
)
OFFICE = {"cli", "admin", "staff_a"}
COMPANY_1 = {"cli", "admin", "applicant_1"}
READERS = OFFICE | {"applicant_1"}


@dataclass
class Bench:
    """Makes each test's object afresh in one world: company 1's, in office A's call."""

    office: Office
    codes: Any = field(default_factory=lambda: count(1))

    @property
    def flow(self) -> Workflow:
        return self.office.flow

    def call(self, publish: bool = True) -> Call:
        return self.office.tokyo_call(f"M{next(self.codes)}", publish=publish)

    def booking(self) -> Booking:
        call = self.call()
        self.office.at(jst(2024, 10, 1, 10))
        slot = self.flow.calls.slots(self.office.actor("cli"), call.id)[0]
        return self.flow.bookings.book(self.office.actor("applicant_1"), slot.id)

    def started(self) -> Booking:
        """A booking whose interview (11/13 9:00) has begun."""
        booking = self.booking()
        self.office.at(jst(2024, 11, 13, 9, 30))
        return booking

    def draft(self) -> Application:
        call = self.call()
        return self.flow.applications.start(self.office.actor("applicant_1"), call.id)

    def document(self) -> Document:
        draft = self.draft()
        applicant = self.office.actor("applicant_1")
        return self.flow.documents.upload(applicant, draft.id, 1, "確認書.pdf", pdf())

    def ready(self) -> Ready:
        made = ready(self.office, call=self.call())
        self.office.at(jst(2024, 11, 13, 10))
        return made

    def submitted(self) -> Ready:
        made = self.ready()
        key = f"k{next(self.codes)}"
        self.flow.submissions.submit(self.office.actor("applicant_1"), made.application.id, key)
        return made

    def attended(self) -> Application:
        made = self.submitted()
        self.office.at(jst(2024, 11, 14, 10, 30))
        self.flow.bookings.attend(self.office.actor("staff_a"), made.booking.id)
        return made.application

    def requested(self) -> Application:
        made = self.submitted()
        staff, applicant = self.office.actor("staff_a"), self.office.actor("applicant_1")
        self.flow.inbox.request_documents(staff, made.application.id, "追加をお願いします")
        self.flow.documents.upload(applicant, made.application.id, 6, "追加.pdf", pdf())
        return made.application


def _plan(call: Call) -> CallPlan:
    return CallPlan(
        PROGRAM, FRAME, call.code, "編集した回",
        jst(2024, 11, 13, 9), jst(2024, 11, 15, 17), jst(2024, 6, 13, 9), jst(2024, 11, 12, 17),
    )  # fmt: skip


@dataclass(frozen=True)
class Operation:
    setup: Callable[[Bench], Any]
    act: Callable[[Workflow, Actor, Any, Bench], Any]
    allowed: set[str]
    hidden: set[str] = field(default_factory=set)  # refused as not found


def _company_1(bench: Bench) -> int:
    return bench.office.world.company_1


OPERATIONS: dict[str, Operation] = {
    "open a call of office A": Operation(
        lambda b: None,
        lambda f, a, _, b: f.calls.create_from_catalog(
            a, PROGRAM, FRAME, f"N{next(b.codes)}", b.office.world.issuer_a
        ),
        OFFICE,
    ),
    "read a published call": Operation(
        Bench.call,
        lambda f, a, c, b: f.calls.get(a, c.id),
        OFFICE | {"applicant_1", "applicant_2"},
        {"staff_b"},
    ),
    "read a draft call": Operation(
        lambda b: b.call(publish=False),
        lambda f, a, c, b: f.calls.get(a, c.id),
        OFFICE,
        {"staff_b", "applicant_1", "applicant_2"},
    ),
    "list a call's slots": Operation(
        Bench.call,
        lambda f, a, c, b: f.calls.slots(a, c.id),
        OFFICE | {"applicant_1", "applicant_2"},
        {"staff_b"},
    ),
    "edit a draft call": Operation(
        lambda b: b.call(publish=False),
        lambda f, a, c, b: f.calls.update(a, c.id, _plan(c)),
        OFFICE,
        {"staff_b"},
    ),
    "publish a call": Operation(
        lambda b: b.call(publish=False),
        lambda f, a, c, b: f.calls.publish(a, c.id),
        OFFICE,
        {"staff_b"},
    ),
    "close a call": Operation(
        Bench.call, lambda f, a, c, b: f.calls.close(a, c.id), OFFICE, {"staff_b"}
    ),
    "close a slot": Operation(
        Bench.call,
        lambda f, a, c, b: f.calls.close_slot(
            a, f.calls.slots(Actor.command_line("t"), c.id)[0].id
        ),
        OFFICE,
        {"staff_b"},
    ),
    "book for company 1": Operation(
        lambda b: (b.call(), b.office.at(jst(2024, 10, 1, 10)))[0],
        lambda f, a, c, b: f.bookings.book(
            a, f.calls.slots(Actor.command_line("t"), c.id)[0].id, _company_1(b)
        ),
        COMPANY_1,
    ),
    "read company 1's booking": Operation(
        Bench.booking,
        lambda f, a, bk, b: f.bookings.get(a, bk.id),
        READERS,
        {"staff_b", "applicant_2"},
    ),
    "list a call's bookings": Operation(
        Bench.booking,
        lambda f, a, bk, b: f.bookings.of_call(a, bk.call_id),
        READERS | {"applicant_2"},
        {"staff_b"},
    ),
    "cancel company 1's booking": Operation(
        Bench.booking,
        lambda f, a, bk, b: f.bookings.cancel(a, bk.id),
        COMPANY_1,
        {"applicant_2"},
    ),
    "record the interview as held": Operation(
        Bench.started,
        lambda f, a, bk, b: f.bookings.attend(a, bk.id),
        OFFICE,
        {"staff_b"},
    ),
    "record the interview as missed": Operation(
        Bench.started,
        lambda f, a, bk, b: f.bookings.mark_absent(a, bk.id),
        OFFICE,
        {"staff_b"},
    ),
    "start company 1's application": Operation(
        Bench.call,
        lambda f, a, c, b: f.applications.start(a, c.id, _company_1(b)),
        COMPANY_1,
        {"staff_b"},
    ),
    "find company 1's application to a call": Operation(
        Bench.draft,
        lambda f, a, d, b: f.applications.of_company(a, d.call_id, _company_1(b)),
        READERS,
        {"staff_b"},
    ),
    "read company 1's application": Operation(
        Bench.draft,
        lambda f, a, d, b: f.applications.get(a, d.id),
        READERS,
        {"staff_b", "applicant_2"},
    ),
    "view company 1's application": Operation(
        Bench.draft,
        lambda f, a, d, b: f.applications.view(a, d.id),
        READERS,
        {"staff_b", "applicant_2"},
    ),
    "save company 1's draft": Operation(
        Bench.draft,
        lambda f, a, d, b: f.applications.save(a, d.id, company=COMPANY),
        COMPANY_1,
        {"applicant_2"},
    ),
    "upload a document": Operation(
        Bench.draft,
        lambda f, a, d, b: f.documents.upload(a, d.id, 1, "確認書.pdf", pdf()),
        COMPANY_1,
        {"applicant_2"},
    ),
    "remove a document": Operation(
        Bench.document,
        lambda f, a, doc, b: f.documents.remove(a, doc.id),
        COMPANY_1,
        {"applicant_2"},
    ),
    "download a document": Operation(
        Bench.document,
        lambda f, a, doc, b: f.documents.download(a, doc.id)[1].close(),
        READERS,
        {"staff_b", "applicant_2"},
    ),
    "submit company 1's application": Operation(
        Bench.ready,
        lambda f, a, r, b: f.submissions.submit(a, r.application.id, "key"),
        COMPANY_1,
        {"applicant_2"},
    ),
    "read the receipt": Operation(
        Bench.submitted,
        lambda f, a, r, b: f.submissions.receipt(a, r.application.id),
        READERS,
        {"staff_b", "applicant_2"},
    ),
    "withdraw company 1's application": Operation(
        Bench.draft,
        lambda f, a, d, b: f.applications.withdraw(a, d.id),
        COMPANY_1,
        {"applicant_2"},
    ),
    "accept an application": Operation(
        Bench.attended,
        lambda f, a, app, b: f.inbox.accept(a, app.id),
        OFFICE,
        {"staff_b"},
    ),
    "ask for more documents": Operation(
        lambda b: b.submitted().application,
        lambda f, a, app, b: f.inbox.request_documents(a, app.id, "追加をお願いします"),
        OFFICE,
        {"staff_b"},
    ),
    "hand in the documents asked for": Operation(
        Bench.requested,
        lambda f, a, app, b: f.documents.complete(a, app.id),
        COMPANY_1,
        {"applicant_2"},
    ),
    "read an application's history": Operation(
        Bench.draft,
        lambda f, a, d, b: f.inbox.history(a, d.id),
        OFFICE,
        {"staff_b"},
    ),
    # The office's list is the office's: an applicant is refused it outright.
    "list applications": Operation(
        Bench.draft,
        lambda f, a, d, b: f.inbox.list_applications(a, InboxFilter()),
        OFFICE | {"staff_b"},
    ),
    "export the list": Operation(
        Bench.draft,
        lambda f, a, d, b: f.inbox.export_rows(a),
        OFFICE | {"staff_b"},
    ),
    "list one's own company's applications": Operation(
        Bench.draft,
        lambda f, a, d, b: f.inbox.of_own_company(a),
        {"cli", "admin", "applicant_1", "applicant_2"},
    ),
}


@pytest.fixture(scope="module", params=DIALECTS)
def bench(
    request: pytest.FixtureRequest, seed_catalog: Catalog, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Bench]:
    """One world per database for every operation: each makes its own objects."""
    with empty_database(request.param, tmp_path_factory.mktemp("db")) as engine:
        migrate(engine)
        yield Bench(make_office(engine, seed_catalog, tmp_path_factory.mktemp("files")))


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_every_role_on_every_action(bench: Bench, operation: str) -> None:
    office = bench.office
    spec = OPERATIONS[operation]
    for who in sorted(spec.allowed):
        target = spec.setup(bench)  # afresh: a change may leave it where no other can act
        before = len(office.audit_rows())
        spec.act(office.flow, office.actor(who), target, bench)
        assert all(row.outcome == "done" for row in office.audit_rows()[before:]), who
    target = spec.setup(bench)  # a refusal changes nothing
    for who in (w for w in ACTORS if w not in spec.allowed):
        actor = office.actor(who)
        before = len(office.audit_rows())
        with pytest.raises(Refused) as refused:
            spec.act(office.flow, actor, target, bench)
        expected = "not_found" if who in spec.hidden else "forbidden"
        assert (who, refused.value.code) == (who, expected)
        assert refused.value.message.endswith("見つかりません") == (expected == "not_found")
        rows = office.audit_rows()[before:]
        assert [(r.outcome, r.actor_id, r.actor_role) for r in rows] == [
            ("refused", actor.user_id, actor.role)
        ], who
        reason = {"disabled_a": "actor_disabled"}.get(who)
        assert rows[0].reason == reason or (reason is None and rows[0].reason), who


def test_lists_hold_only_what_each_may_read(office: Office) -> None:
    bench = Bench(office)
    mine = bench.submitted().application
    theirs = ready(office, "applicant_2", slot=3, call=bench.call()).application
    inbox = office.flow.inbox
    seen = {
        who: sorted(r.application.id for r in inbox.list_applications(office.actor(who)))
        for who in ("admin", "staff_a", "staff_b")
    } | {
        who: sorted(r.application.id for r in inbox.of_own_company(office.actor(who)))
        for who in ("applicant_1", "applicant_2")
    }
    assert seen == {
        "admin": sorted([mine.id, theirs.id]),
        "staff_a": sorted([mine.id, theirs.id]),
        "staff_b": [],
        "applicant_1": [mine.id],
        "applicant_2": [theirs.id],
    }
    assert inbox.of_own_company(office.actor("admin")) == []  # of no company
    assert len(office.flow.inbox.export_rows(office.actor("staff_b"))) == 1  # the header
