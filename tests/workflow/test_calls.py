"""Calls: the Tokyo call opened from the catalog's cited schedule, its slots on office
days, edits while 準備中, publication, and who sees what."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from hojokin.accounts.errors import Concealed, Duplicate, Invalid, NotFound
from hojokin.rules.service import UnknownProgramError
from hojokin.workflow.errors import Conflict
from hojokin.workflow.schedule import CallPlan

from .world import FRAME, PROGRAM, Office, jst


def test_the_tokyo_call_from_the_catalog(office: Office) -> None:
    call = office.tokyo_call(publish=False)
    assert call.status == "draft" and call.issuer_id == office.world.issuer_a
    assert call.name == (
        "ゼロエミッション東京の実現等に向けたイノベーション促進事業（ゼロエミッション枠・2024年度）"
    )
    # 申請書提出期間 令和6年11月13日（水）～11月22日（金）, 9時から17時まで; the booking
    # period 6月13日～11月12日 likewise.
    assert (call.window_start, call.window_end) == (jst(2024, 11, 13, 9), jst(2024, 11, 22, 17))
    assert (call.booking_start, call.booking_end) == (jst(2024, 6, 13, 9), jst(2024, 11, 12, 17))
    assert [s.label for s in call.sources] == ["募集期間", "申請受付予約期間", "申請書提出期間"]
    window = call.sources[2]
    assert (window.doc, window.lines) == ("003_cf133d2ac19737cc.txt", (11, 11))
    assert window.quote.startswith("申請書提出期間 令和6年11月13日（水）")


def test_slots_fill_office_days_and_skip_weekends(office: Office) -> None:
    call = office.tokyo_call()
    slots = office.flow.calls.slots(office.actor("applicant_1"), call.id)
    days = sorted({s.starts_at.astimezone(jst(2024, 1, 1).tzinfo).date().day for s in slots})
    # 11/16–17 and 11/23 (勤労感謝の日, a Saturday anyway) are off; 8 office days.
    assert days == [13, 14, 15, 18, 19, 20, 21, 22]
    assert len(slots) == 8 * 8  # 9:00–17:00 in hour slots
    assert slots[0].starts_at == jst(2024, 11, 13, 9) and slots[-1].ends_at == jst(2024, 11, 22, 17)
    assert {s.capacity for s in slots} == {1} and {s.places_left for s in slots} == {1}


def test_a_public_holiday_has_no_slot(office: Office) -> None:
    # 2024-11-04 is 振替休日 for 文化の日 (a Sunday): jpholiday knows it.
    office.at(jst(2024, 10, 1, 9))
    plan = CallPlan(
        PROGRAM, FRAME, "HOLIDAY", "祝日をまたぐ回",
        jst(2024, 11, 1, 9), jst(2024, 11, 5, 17), jst(2024, 10, 1, 9), jst(2024, 10, 31, 17),
        slot_minutes=240, slot_capacity=2,
    )  # fmt: skip
    call = office.flow.calls.create(office.actor("staff_a"), plan)
    slots = office.flow.calls.slots(office.actor("staff_a"), call.id)
    assert [s.starts_at for s in slots] == [
        jst(2024, 11, 1, 9), jst(2024, 11, 1, 13), jst(2024, 11, 5, 9), jst(2024, 11, 5, 13)
    ]  # fmt: skip


def _plan(**changes: object) -> CallPlan:
    plan = CallPlan(
        PROGRAM, FRAME, "ZE-TEST", "試験の回",
        jst(2024, 11, 13, 9), jst(2024, 11, 22, 17), jst(2024, 6, 13, 9), jst(2024, 11, 12, 17),
    )  # fmt: skip
    return replace(plan, **changes)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"code": "ぜ"}, "code"),
        ({"code": "X"}, "code"),
        ({"name": "  "}, "name"),
        ({"window_end": jst(2024, 11, 13, 9)}, "window_end"),
        ({"booking_end": jst(2024, 11, 23, 9)}, "booking_end"),
        ({"booking_start": jst(2024, 11, 12, 17)}, "booking_end"),
        ({"slot_minutes": 5}, "slot_minutes"),
        ({"slot_capacity": 0}, "slot_capacity"),
        ({"window_start": datetime(2024, 11, 13, 9)}, "window_start"),
        # a Saturday and Sunday only: no office day, no slot
        ({"window_start": jst(2024, 11, 16, 9), "window_end": jst(2024, 11, 17, 17),
          "booking_end": jst(2024, 11, 15, 17)}, "window_start"),
    ],
)  # fmt: skip
def test_a_bad_call_is_refused_naming_the_field(
    office: Office, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(Invalid) as refused:
        office.flow.calls.create(office.actor("staff_a"), _plan(**changes))
    assert refused.value.field == field and refused.value.message
    assert office.flow.calls.list_calls(office.actor("admin")) == []


def test_an_unknown_program_or_frame_and_a_taken_code(office: Office) -> None:
    staff = office.actor("staff_a")
    with pytest.raises(UnknownProgramError):
        office.flow.calls.create(staff, _plan(program_id="no-such-program"))
    with pytest.raises(UnknownProgramError):
        office.flow.calls.create(staff, _plan(frame_id="no-such-frame"))
    # the frame's Japanese name is taken too, and stored as its id
    made = office.flow.calls.create(staff, _plan(frame_id="ゼロエミッション枠", code="ze-test"))
    assert (made.frame_id, made.code) == (FRAME, "ZE-TEST")
    with pytest.raises(Duplicate):
        office.flow.calls.create(staff, _plan())


def test_refusals_quote_the_code_and_name_the_program_in_words(office: Office) -> None:
    staff = office.actor("staff_a")
    with pytest.raises(Invalid) as refused:
        office.flow.calls.create(staff, _plan(code="A"))
    assert refused.value.message.endswith("（「A」）") and "'" not in refused.value.message
    with pytest.raises(Invalid) as refused:
        office.flow.calls.create(staff, _plan(code="A\u202eB\n"))
    assert "「AU+202EBU+000A」" in refused.value.message
    # A program whose catalog file has no call schedule is named as people know it.
    with pytest.raises(Invalid) as refused:
        office.flow.calls.create_from_catalog(
            staff, "toyama-aluminum-sangyo-seichoryoku-kyoka", "main", "AL-1"
        )
    assert refused.value.message.startswith("「アルミ産業成長力強化戦略推進事業」のスケジュールに")
    assert "toyama-aluminum" not in refused.value.message


def test_staff_edit_a_draft_and_its_slots_follow(office: Office) -> None:
    staff = office.actor("staff_a")
    call = office.tokyo_call(publish=False)
    plan = _plan(code=call.code, slot_minutes=120, slot_capacity=3)
    edited = office.flow.calls.update(staff, call.id, plan)
    assert (edited.slot_minutes, edited.slot_capacity, edited.name) == (120, 3, "試験の回")
    slots = office.flow.calls.slots(staff, call.id)
    assert len(slots) == 8 * 4 and {s.capacity for s in slots} == {3}
    office.flow.calls.publish(staff, call.id)
    with pytest.raises(Conflict, match="「公開」の状態では公募回の編集はできません"):
        office.flow.calls.update(staff, call.id, plan)
    closed = office.flow.calls.close(staff, call.id)
    assert closed.status == "closed" and closed.closed_at == office.world.clock.now
    with pytest.raises(Conflict):
        office.flow.calls.publish(staff, call.id)


def test_who_sees_which_calls(office: Office) -> None:
    draft = office.tokyo_call("DRAFT", publish=False)
    public = office.tokyo_call("PUBLIC")
    seen = {
        name: [c.code for c in office.flow.calls.list_calls(office.actor(name))]
        for name in ("admin", "staff_a", "staff_b", "applicant_1")
    }
    assert seen == {
        "admin": ["PUBLIC", "DRAFT"],
        "staff_a": ["PUBLIC", "DRAFT"],
        "staff_b": [],
        "applicant_1": ["PUBLIC"],
    }
    # A draft, like another issuer's call, is not found: the same words as no call at all.
    with pytest.raises(Concealed) as hidden:
        office.flow.calls.get(office.actor("applicant_1"), draft.id)
    with pytest.raises(NotFound) as missing:
        office.flow.calls.get(office.actor("applicant_1"), 999)
    assert hidden.value.message == missing.value.message == "公募回が見つかりません"
    assert hidden.value.code == missing.value.code == "not_found"
    assert office.flow.calls.get(office.actor("applicant_2"), public.id) == public


def test_staff_close_a_slot(office: Office) -> None:
    call = office.tokyo_call()
    staff = office.actor("staff_a")
    slot = office.flow.calls.slots(staff, call.id)[0]
    closed = office.flow.calls.close_slot(staff, slot.id)
    assert closed.closed_at is not None and closed.places_left == 0
    assert office.flow.calls.close_slot(staff, slot.id) == closed  # once is enough
    with pytest.raises(Concealed, match="面談枠が見つかりません"):
        office.flow.calls.close_slot(office.actor("staff_b"), slot.id)
