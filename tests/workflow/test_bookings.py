"""Booking the 受付・確認面談: first come, first served, one active booking per company
and call, 辞退 before the cut-off, 面談済 and 欠席 recorded by the office, and the mail
each sends."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from hojokin.accounts.errors import Concealed, Invalid, Refused, ServiceError
from hojokin.accounts.permissions import Actor
from hojokin.catalog.loader import Catalog
from hojokin.server.settings import Settings
from hojokin.workflow.errors import Conflict
from hojokin.workflow.office import Policy
from hojokin.workflow.tables import booking, call_slot

from .world import Office, jst, make_office

CLI = Actor.command_line("tester")


def test_an_applicant_books_and_both_users_of_the_company_are_mailed(office: Office) -> None:
    call = office.tokyo_call()
    office.at(jst(2024, 10, 1, 10, 30))
    slot = office.flow.calls.slots(office.actor("applicant_1"), call.id)[9]  # 11/14 10:00
    booked = office.flow.bookings.book(office.actor("applicant_1"), slot.id)
    assert (booked.status, booked.company_id, booked.starts_at) == (
        "booked", office.world.company_1, jst(2024, 11, 14, 10)
    )  # fmt: skip
    assert office.flow.calls.slots(office.actor("staff_a"), call.id)[9].places_left == 0
    mails = office.mails()
    assert [m.to_address for m in mails] == ["applicant_1@example.jp", "applicant_1b@example.jp"]
    assert mails[0].subject.endswith("受付・確認面談のご予約を承りました")
    assert "面談日時: 11月14日（木）10:00～11:00" in mails[0].body
    # the cut-off, a day before the interview
    assert "2024年11月13日（水）10:00:00 までに" in mails[0].body
    last = office.audit_rows()[-1]
    assert (last.action, last.outcome, last.company_id) == (
        "booking.create", "done", office.world.company_1
    )  # fmt: skip


def test_a_full_slot_a_second_booking_and_a_closed_call(office: Office) -> None:
    call = office.tokyo_call()
    office.at(jst(2024, 10, 1, 10))
    slots = office.flow.calls.slots(office.actor("staff_a"), call.id)
    office.flow.bookings.book(office.actor("applicant_1"), slots[0].id)
    with pytest.raises(Conflict, match="満席"):
        office.flow.bookings.book(office.actor("applicant_2"), slots[0].id)
    with pytest.raises(Conflict, match="すでに予約があります（11月13日（水）09:00）"):
        office.flow.bookings.book(office.actor("applicant_1b"), slots[1].id)
    office.flow.calls.close_slot(office.actor("staff_a"), slots[2].id)
    with pytest.raises(Conflict, match="締め切られています"):
        office.flow.bookings.book(office.actor("applicant_2"), slots[2].id)
    office.flow.calls.close(office.actor("staff_a"), call.id)
    with pytest.raises(Conflict, match="（終了）は予約を受け付けていません"):
        office.flow.bookings.book(office.actor("applicant_2"), slots[3].id)


def test_bookings_open_and_close_to_the_second(office: Office) -> None:
    call = office.tokyo_call()
    slot = office.flow.calls.slots(office.actor("staff_a"), call.id)[0]
    office.at(jst(2024, 11, 12, 17, 0, 1))
    with pytest.raises(Conflict, match=r"予約の受付期間.*の外"):
        office.flow.bookings.book(office.actor("applicant_1"), slot.id)
    office.at(jst(2024, 6, 13, 8, 59, 59))
    with pytest.raises(Conflict, match="予約の受付期間"):
        office.flow.bookings.book(office.actor("applicant_1"), slot.id)
    office.at(jst(2024, 11, 12, 17, 0, 0) + timedelta(microseconds=999_999))
    assert office.flow.bookings.book(office.actor("applicant_1"), slot.id).status == "booked"


def test_cancel_before_the_cut_off_frees_the_place(office: Office) -> None:
    call = office.tokyo_call()
    office.at(jst(2024, 10, 1, 10))
    slot = office.flow.calls.slots(office.actor("staff_a"), call.id)[0]  # 11/13 9:00
    first = office.flow.bookings.book(office.actor("applicant_1"), slot.id)
    office.at(jst(2024, 11, 12, 9))  # the cut-off: a day before, to the second
    cancelled = office.flow.bookings.cancel(office.actor("applicant_1b"), first.id)
    assert cancelled.status == "cancelled"
    assert office.flow.calls.slots(office.actor("staff_a"), call.id)[0].places_left == 1
    with pytest.raises(Conflict, match="「辞退」の状態では予約の辞退はできません"):
        office.flow.bookings.cancel(office.actor("applicant_1"), first.id)
    second = office.flow.bookings.book(office.actor("applicant_2"), slot.id)
    office.at(jst(2024, 11, 12, 9, 0, 1))
    with pytest.raises(Conflict, match=r"辞退の締切（2024年11月12日（火）09:00:00）を過ぎています"):
        office.flow.bookings.cancel(office.actor("applicant_2"), second.id)


def test_a_missed_interview_withdraws_and_bars_booking_again(office: Office) -> None:
    call = office.tokyo_call()
    office.at(jst(2024, 10, 1, 10))
    slots = office.flow.calls.slots(office.actor("staff_a"), call.id)
    mine = office.flow.bookings.book(office.actor("applicant_1"), slots[0].id)
    theirs = office.flow.bookings.book(office.actor("applicant_2"), slots[1].id)
    staff = office.actor("staff_a")
    with pytest.raises(Conflict, match="開始（11月13日（水）09:00）前"):
        office.flow.bookings.mark_absent(staff, mine.id)
    office.at(jst(2024, 11, 13, 9, 30))
    absent = office.flow.bookings.mark_absent(staff, mine.id)
    assert absent.status == "absent"
    assert office.mails()[-1].subject.endswith("受付・確認面談の欠席について")
    office.at(jst(2024, 11, 13, 10, 5))
    assert office.flow.bookings.attend(staff, theirs.id).status == "attended"
    with pytest.raises(Conflict, match="「面談済」の状態では欠席の記録はできません"):
        office.flow.bookings.mark_absent(staff, theirs.id)


def test_a_withdrawn_application_gives_its_place_back(office: Office) -> None:
    call = office.tokyo_call()
    office.at(jst(2024, 10, 1, 10))
    staff, applicant = office.actor("staff_a"), office.actor("applicant_1")
    slot = office.flow.calls.slots(staff, call.id)[0]  # 11/13 9:00, one place
    mine = office.flow.bookings.book(applicant, slot.id)
    draft = office.flow.applications.start(applicant, call.id)
    office.at(jst(2024, 11, 12, 12))  # past the booking's own cut-off: withdrawal still frees it
    before = len(office.audit_rows())
    assert office.flow.applications.withdraw(office.actor("applicant_1b"), draft.id).status == (
        "withdrawn"
    )
    assert office.flow.bookings.get(applicant, mine.id).status == "cancelled"
    assert office.flow.calls.slots(staff, call.id)[0].places_left == 1
    rows = office.audit_rows()[before:]
    assert [(r.action, r.object_type, r.outcome) for r in rows] == [
        ("application.withdraw", "application", "done"),
        ("application.withdraw", "booking", "done"),
    ]
    assert (json.loads(rows[1].before)["status"], json.loads(rows[1].after)["status"]) == (
        "booked", "cancelled"
    )  # fmt: skip
    taken = office.flow.bookings.book(office.actor("applicant_2"), slot.id)
    assert taken.status == "booked"


def test_a_held_interview_stays_on_record_when_the_application_is_withdrawn(
    office: Office,
) -> None:
    call = office.tokyo_call()
    office.at(jst(2024, 10, 1, 10))
    staff, applicant = office.actor("staff_a"), office.actor("applicant_1")
    slot = office.flow.calls.slots(staff, call.id)[0]
    mine = office.flow.bookings.book(applicant, slot.id)
    draft = office.flow.applications.start(applicant, call.id)
    office.at(jst(2024, 11, 13, 10, 5))
    office.flow.bookings.attend(staff, mine.id)
    office.flow.applications.withdraw(applicant, draft.id)
    assert office.flow.bookings.get(applicant, mine.id).status == "attended"
    assert office.audit_rows()[-1].object_type == "application"


def test_who_reads_which_bookings(office: Office) -> None:
    call = office.tokyo_call()
    office.at(jst(2024, 10, 1, 10))
    slots = office.flow.calls.slots(office.actor("staff_a"), call.id)
    mine = office.flow.bookings.book(office.actor("applicant_1"), slots[0].id)
    office.flow.bookings.book(office.actor("applicant_2"), slots[1].id)
    assert [b.id for b in office.flow.bookings.of_call(office.actor("applicant_1"), call.id)] == [
        mine.id
    ]
    assert len(office.flow.bookings.of_call(office.actor("staff_a"), call.id)) == 2
    with pytest.raises(Concealed, match="公募回が見つかりません"):
        office.flow.bookings.of_call(office.actor("staff_b"), call.id)
    with pytest.raises(Concealed, match="予約が見つかりません"):
        office.flow.bookings.get(office.actor("applicant_2"), mine.id)
    with pytest.raises(Refused):
        office.flow.bookings.get(office.actor("reviewer_a"), mine.id)


def test_the_command_line_books_for_a_named_company(office: Office) -> None:
    call = office.tokyo_call()
    office.at(jst(2024, 10, 1, 10))
    slot = office.flow.calls.slots(CLI, call.id)[0]
    with pytest.raises(Invalid, match="事業者を指定"):
        office.flow.bookings.book(CLI, slot.id)
    made = office.flow.bookings.book(CLI, slot.id, office.world.company_2)
    assert made.company_id == office.world.company_2
    with pytest.raises(Refused):  # an applicant books for its own company only
        office.flow.bookings.book(office.actor("applicant_1"), slot.id, office.world.company_2)


def _race(office: Office, attempts: list[tuple[int, int]]) -> list[str]:
    """Book every (slot, company) at once from many threads; each outcome's kind."""

    def attempt(pair: tuple[int, int]) -> str:
        try:
            office.flow.bookings.book(CLI, pair[0], pair[1])
        except ServiceError as exc:
            return exc.code
        return "booked"

    with ThreadPoolExecutor(max_workers=16) as pool:
        return list(pool.map(attempt, attempts))


def test_a_race_of_many_companies_for_few_places(office: Office) -> None:
    call = office.tokyo_call(capacity=3)
    office.at(jst(2024, 10, 1, 10))
    slots = office.flow.calls.slots(CLI, call.id)[:2]  # 6 places
    companies = [office.world.accounts.create_company(CLI, f"株式会社{n}").id for n in range(40)]
    outcomes = _race(office, [(slots[n % 2].id, c) for n, c in enumerate(companies)])
    assert outcomes.count("booked") == 6 and set(outcomes) == {"booked", "conflict"}
    with office.flow.office.guard.engine.connect() as conn:
        counted = conn.execute(
            select(booking.c.slot_id, func.count()).group_by(booking.c.slot_id)
        ).all()
        counters = conn.execute(select(call_slot.c.booked).where(call_slot.c.call_id == call.id))
        assert sorted(n for _, n in counted) == [3, 3]
        assert sum(counters.scalars()) == 6


def test_a_race_of_one_company_for_many_slots_books_once(office: Office) -> None:
    call = office.tokyo_call(capacity=5)
    office.at(jst(2024, 10, 1, 10))
    slots = office.flow.calls.slots(CLI, call.id)[:20]
    outcomes = _race(office, [(s.id, office.world.company_1) for s in slots])
    assert outcomes.count("booked") == 1 and outcomes.count("conflict") == 19
    with office.flow.office.guard.engine.connect() as conn:
        assert conn.execute(select(func.sum(call_slot.c.booked))).scalar_one() == 1


def test_the_cut_off_is_set_in_the_environment() -> None:
    assert Settings().workflow_policy() == Policy(timedelta(hours=24))
    tuned = Settings.from_env({"HOJOKIN_BOOKING_CANCEL_HOURS": "2.5"})
    assert tuned.workflow_policy() == Policy(timedelta(hours=2, minutes=30))
    for bad in ("0", "-1", "1e300", "nan", "一日"):
        with pytest.raises(ValueError, match="HOJOKIN_BOOKING_CANCEL_HOURS"):
            Settings.from_env({"HOJOKIN_BOOKING_CANCEL_HOURS": bad})


def test_a_shorter_cut_off_lets_a_cancel_come_later(
    engine: Engine, seed_catalog: Catalog, tmp_path: Path
) -> None:
    office = make_office(engine, seed_catalog, tmp_path, Policy(timedelta(hours=1)))
    call = office.tokyo_call()
    office.at(jst(2024, 10, 1, 10))
    slot = office.flow.calls.slots(office.actor("staff_a"), call.id)[0]  # 11/13 9:00
    held = office.flow.bookings.book(office.actor("applicant_1"), slot.id)
    office.at(jst(2024, 11, 13, 8))
    assert office.flow.bookings.cancel(office.actor("applicant_1"), held.id).status == "cancelled"
