"""The state machines as data: every status has its Japanese label, every transition
leaves and reaches statuses of its machine, and what a page may offer follows them,
the permission table and the clock."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError

from hojokin.accounts.permissions import ACTION_LABELS
from hojokin.workflow import states
from hojokin.workflow.tables import booking, call_slot

from .world import Office, jst

MACHINES: list[tuple[Any, Any, Any]] = [
    (states.CALL_MACHINE, states.CallStatus, states.CALL_STATUS_LABELS),
    (states.BOOKING_MACHINE, states.BookingStatus, states.BOOKING_STATUS_LABELS),
    (states.APPLICATION_MACHINE, states.ApplicationStatus, states.APPLICATION_STATUS_LABELS),
]


@pytest.mark.parametrize(("machine", "status", "labels"), MACHINES)
def test_each_machine_speaks_of_its_own_statuses(machine: Any, status: Any, labels: Any) -> None:
    assert set(labels) == set(get_args(status))
    for transition in machine:
        assert set(transition.sources) <= set(labels)
        assert transition.target is None or transition.target in labels
        assert transition.action in ACTION_LABELS
        assert set(transition.checks) <= set(states.CHECK_LABELS)


def test_offered_actions_follow_status_role_and_clock(office: Office) -> None:
    staff, applicant = office.actor("staff_a"), office.actor("applicant_1")
    draft = office.tokyo_call("DRAFT", publish=False)
    assert office.flow.allowed_actions(staff, draft) == (
        "call.update",
        "call.publish",
        "slot.close",
    )
    assert office.flow.allowed_actions(applicant, draft) == ()
    call = office.tokyo_call()
    assert office.flow.allowed_actions(staff, call) == ("call.close", "slot.close")
    office.at(jst(2024, 10, 1, 10))
    slot = office.flow.calls.slots(applicant, call.id)[0]  # 11/13 9:00
    held = office.flow.bookings.book(applicant, slot.id)
    assert office.flow.allowed_actions(applicant, held) == ("booking.cancel",)
    assert office.flow.allowed_actions(staff, held) == ()  # the interview has not begun
    office.at(jst(2024, 11, 12, 9, 0, 1))  # past the cut-off: no cancel offered
    assert office.flow.allowed_actions(applicant, held) == ()
    office.at(jst(2024, 11, 13, 9))
    assert office.flow.allowed_actions(staff, held) == ("booking.attend", "booking.mark_absent")
    assert office.flow.allowed_actions(office.actor("staff_b"), held) == ()
    assert office.flow.allowed_actions(office.actor("disabled_a"), held) == ()


def test_the_database_holds_capacity_and_one_booking(office: Office) -> None:
    call = office.tokyo_call()
    office.at(jst(2024, 10, 1, 10))
    slots = office.flow.calls.slots(office.actor("staff_a"), call.id)
    held = office.flow.bookings.book(office.actor("applicant_1"), slots[0].id)
    engine = office.flow.office.guard.engine
    with pytest.raises(IntegrityError), engine.begin() as conn:
        full = update(call_slot).where(call_slot.c.id == slots[0].id)
        conn.execute(full.values(booked=call_slot.c.booked + 1))
    row = {
        "slot_id": slots[1].id, "call_id": call.id, "issuer_id": held.issuer_id,
        "company_id": held.company_id, "status": "booked",
        "created_at": held.created_at, "changed_at": held.created_at,
    }  # fmt: skip
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(booking).values(row))
    with engine.begin() as conn:  # a cancelled one does not count
        conn.execute(insert(booking).values(row | {"status": "cancelled"}))
