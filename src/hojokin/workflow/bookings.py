"""Bookings of the 受付・確認面談: first come, first served (申込順), one active booking
per company and call, cancelled (辞退) by the applicant before the cut-off, and
recorded by the office as held (面談済) or missed (欠席, which withdraws the
application: 留意事項⑤). An application withdrawn (辞退) gives its booking back.

A place is taken by one conditional UPDATE of the slot's counter (`booked < capacity`):
PostgreSQL locks the slot's row for it, and a second request re-reads the counter after
the first commits; SQLite's write transactions run one at a time (`store.engine.writing`).
The database's own check keeps `booked <= capacity` whatever happens, and its partial
unique index one active booking per company and call."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from hojokin.accounts.audit import Event
from hojokin.accounts.errors import Concealed, Invalid, NotFound
from hojokin.accounts.permissions import Action, Actor, Target, allowed
from hojokin.accounts.tables import company
from hojokin.workflow import mails
from hojokin.workflow.calls import NO_SLOT, reach_call
from hojokin.workflow.errors import Conflict
from hojokin.workflow.office import Office
from hojokin.workflow.records import Booking, Call
from hojokin.workflow.rows import (
    active_booking,
    application_of_company,
    bookings_of_call,
    load_booking,
    load_call,
    load_slot,
)
from hojokin.workflow.states import (
    ACTIVE_BOOKING,
    APPLICATION_MACHINE,
    BOOKING_MACHINE,
    BOOKING_STATUS_LABELS,
    CALL_STATUS_LABELS,
    BookingStatus,
    Transition,
    next_status,
    step,
    transition_of,
)
from hojokin.workflow.tables import application, booking, call_slot
from hojokin.workflow.times import (
    booking_period_problem,
    booking_problem,
    cancel_deadline,
    jst,
    second,
)

NO_BOOKING = "予約が見つかりません"


class Bookings:
    def __init__(self, office: Office) -> None:
        self.office = office
        self.guard = office.guard

    def book(self, actor: Actor, slot_id: int, company_id: int | None = None) -> Booking:
        """Take a place in a slot for the actor's company (an administrator or the
        command line names the company); the company's users are mailed the booking."""
        now = self.office.now()
        with self.guard.unit() as conn:
            current = self.guard.require(conn, actor, "booking.create", "booking")
            company_id = current.company_id if company_id is None else company_id
            if company_id is None:
                raise Invalid("予約する事業者を指定してください", "company_id")
            slot = load_slot(conn, slot_id)
            of_call = None if slot is None else load_call(conn, slot.call_id)
            if slot is None or of_call is None:
                raise NotFound(NO_SLOT, "slot_id")
            target = Target(issuer_id=of_call.issuer_id, company_id=company_id)
            if not allowed(current, "call.read", of_call.target):
                event = Event(
                    actor, "booking.create", "call_slot", slot_id, target, "refused", "other_tenant"
                )
                raise Concealed(NO_SLOT, event, "slot_id")
            current = self.guard.require(
                conn, actor, "booking.create", "call_slot", slot_id, target
            )
            if conn.execute(select(company.c.id).where(company.c.id == company_id)).first() is None:
                raise NotFound(f"事業者 {company_id} は登録されていません", "company_id")
            self._bookable(conn, of_call, company_id, slot.starts_at, now)
            taken = conn.execute(
                update(call_slot)
                .where(
                    call_slot.c.id == slot_id,
                    call_slot.c.closed_at.is_(None),
                    call_slot.c.booked < call_slot.c.capacity,
                )
                .values(booked=call_slot.c.booked + 1)
            )
            if taken.rowcount != 1:
                closed = slot.closed_at is not None
                raise Conflict(
                    f"{jst(slot.starts_at)} の面談枠は"
                    f"{'締め切られています' if closed else '満席です'}。別の枠をお選びください"
                )
            values = {
                "slot_id": slot_id,
                "call_id": of_call.id,
                "issuer_id": of_call.issuer_id,
                "company_id": company_id,
                "status": "booked",
                "created_at": now,
                "changed_at": now,
            }
            try:
                new_id = conn.execute(insert(booking).values(values).returning(booking.c.id))
            except IntegrityError:
                raise Conflict(_already(None)) from None  # another request of the company won
            made = load_booking(conn, new_id.scalar_one())
            assert made is not None
            event = Event(current, "booking.create", "booking", made.id, made.target)
            self.guard.record(conn, event, None, made)
            subject, body = mails.booking_confirmed(
                of_call, made, cancel_deadline(made, self.office.policy)
            )
            mails.to_company(conn, company_id, subject, body, now)
        return made

    def _bookable(
        self, conn: Connection, of_call: Call, company_id: int, starts_at: datetime, now: datetime
    ) -> None:
        if of_call.status != "published":
            label = CALL_STATUS_LABELS[of_call.status]
            raise Conflict(f"この公募回（{label}）は予約を受け付けていません")
        if problem := booking_period_problem(of_call, now):
            raise Conflict(problem)
        if second(now) >= starts_at:
            raise Conflict(f"{jst(starts_at)} の面談枠は開始時刻を過ぎています")
        held = active_booking(conn, of_call.id, company_id)
        if held is not None:
            raise Conflict(_already(held))
        missed = select(booking.c.id).where(
            booking.c.call_id == of_call.id,
            booking.c.company_id == company_id,
            booking.c.status == "absent",
        )
        if conn.execute(missed).first() is not None:
            raise Conflict("面談を欠席され辞退扱いとなっているため、この公募回には予約できません")

    def cancel(self, actor: Actor, booking_id: int) -> Booking:
        """辞退: the applicant gives the place back, until `Policy.cancel_before` before
        the interview."""
        return self._move(actor, booking_id, "booking.cancel")

    def attend(self, actor: Actor, booking_id: int) -> Booking:
        """面談済: the office held the interview."""
        return self._move(actor, booking_id, "booking.attend")

    def mark_absent(self, actor: Actor, booking_id: int) -> Booking:
        """欠席: the company did not come; its application is withdrawn with it and the
        company is told."""
        return self._move(actor, booking_id, "booking.mark_absent")

    def _move(self, actor: Actor, booking_id: int, action: Action) -> Booking:
        now = self.office.now()
        with self.guard.unit() as conn:
            current = self._reach(conn, actor, action, booking_id)
            before = load_booking(conn, booking_id)
            assert before is not None
            transition = step(BOOKING_MACHINE, action, before.status, BOOKING_STATUS_LABELS)
            for check in transition.checks:
                if problem := booking_problem(check, before, now, self.office.policy):
                    raise Conflict(problem)
            after = _change(self.office, conn, current, action, before, transition, now)
            if after.status == "absent":
                self._withdraw_application(conn, current, after)
        return after

    def _withdraw_application(self, conn: Connection, current: Actor, missed: Booking) -> None:
        of_call = load_call(conn, missed.call_id)
        assert of_call is not None
        before = application_of_company(conn, missed.call_id, missed.company_id)
        transition = None
        if before is not None:
            transition = transition_of(APPLICATION_MACHINE, "booking.mark_absent", before.status)
        if before is not None and transition is not None:
            status = next_status(transition, before.status)
            now = self.office.now()
            mine = application.c.id == before.id
            conn.execute(update(application).where(mine).values(status=status, updated_at=now))
            after = application_of_company(conn, missed.call_id, missed.company_id)
            assert after is not None
            event = Event(current, "booking.mark_absent", "application", before.id, after.target)
            self.guard.record(conn, event, before.audited(), after.audited())
        subject, body = mails.booking_missed(of_call, missed)
        mails.to_company(conn, missed.company_id, subject, body, self.office.now())

    def _reach(self, conn: Connection, actor: Actor, action: Action, booking_id: int) -> Actor:
        def target() -> Target | None:
            found = load_booking(conn, booking_id)
            return None if found is None else found.target

        return self.guard.reach(conn, actor, action, "booking", booking_id, target, NO_BOOKING)

    def get(self, actor: Actor, booking_id: int) -> Booking:
        with self.guard.unit(write=False) as conn:
            self._reach(conn, actor, "booking.read", booking_id)
            found = load_booking(conn, booking_id)
        assert found is not None
        return found

    def of_call(self, actor: Actor, call_id: int) -> list[Booking]:
        """The call's bookings that `actor` may read, in slot order: the office sees
        every company's, an applicant their own company's."""
        with self.guard.unit(write=False) as conn:
            current = reach_call(self.guard, conn, actor, "call.read", call_id)
            return [
                b
                for b in bookings_of_call(conn, call_id)
                if allowed(current, "booking.read", b.target)
            ]


def _change(
    office: Office,
    conn: Connection,
    current: Actor,
    action: Action,
    before: Booking,
    transition: Transition[BookingStatus],
    now: datetime,
) -> Booking:
    """Take `transition` from the booking's status, freeing its place when it no longer
    holds one, audited as `action`; the booking after."""
    status = next_status(transition, before.status)
    mine = booking.c.id == before.id
    conn.execute(update(booking).where(mine).values(status=status, changed_at=now))
    if status not in ACTIVE_BOOKING:
        slot = call_slot.c.id == before.slot_id
        conn.execute(update(call_slot).where(slot).values(booked=call_slot.c.booked - 1))
    after = load_booking(conn, before.id)
    assert after is not None
    event = Event(current, action, "booking", before.id, after.target)
    office.guard.record(conn, event, before, after)
    return after


def release_with_application(
    office: Office, conn: Connection, current: Actor, call_id: int, company_id: int
) -> Booking | None:
    """The company's booking for the call given back with its withdrawn application (in
    the caller's transaction), or None when none is held that can be (a held interview
    stays 面談済). Never withdraws the application: that is the caller's change."""
    held = active_booking(conn, call_id, company_id)
    if held is None:
        return None
    transition = transition_of(BOOKING_MACHINE, "application.withdraw", held.status)
    if transition is None:
        return None
    return _change(office, conn, current, "application.withdraw", held, transition, office.now())


def _already(held: Booking | None) -> str:
    when = "" if held is None else f"（{jst(held.starts_at)}）"
    return (
        f"この公募回にはすでに予約があります{when}。"
        "日時を変える場合は、先に今の予約を辞退してください"
    )
