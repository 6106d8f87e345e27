"""What staff and applicants type, refused in the service whatever the front end: a
call bounded in time and slots (a far year hung the server, year 1 was a 500), and
names and messages without line breaks where there is one line, control or invisible
characters, or unbounded length — each refusal in Japanese, naming the field, with
nothing stored. On SQLite and PostgreSQL (NUL in text is a DataError there)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from hojokin.accounts.errors import Invalid
from hojokin.catalog.status import JST
from hojokin.workflow import schedule
from hojokin.workflow.errors import InvalidProfile
from hojokin.workflow.schedule import CallPlan

from .profiles import COMPANY
from .story import ready
from .world import FRAME, PROGRAM, Office, jst

HOSTILE_LINES = [
    ("件名\r\nBcc: victim@example.com", "U+000D"),
    ("a\x00b", "U+0000"),
    ("請求書\u202efdp.exe", "U+202E"),
]


def _plan(**changes: object) -> CallPlan:
    plan = CallPlan(
        PROGRAM, FRAME, "ZE-TEST", "試験の回",
        jst(2024, 11, 13, 9), jst(2024, 11, 22, 17), jst(2024, 6, 13, 9), jst(2024, 11, 12, 17),
    )  # fmt: skip
    return replace(plan, **changes)


def _refused(office: Office, plan: CallPlan, field: str, words: str) -> None:
    with pytest.raises(Invalid) as refused:
        office.flow.calls.create(office.actor("staff_a"), plan)
    assert refused.value.field == field
    assert words in refused.value.message, refused.value.message
    assert office.flow.calls.list_calls(office.actor("admin")) == []


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        # The hostile tester's: a window to the year 9999 hung the server making slots.
        ({"window_end": datetime(9999, 12, 31, 23, 59, 59, tzinfo=JST),
          "booking_end": datetime(9999, 12, 30, 17, tzinfo=JST)},
         "window_end", "申請書提出期間の終わりは 2000～2099 年の日時にしてください（9999 年）"),
        # Year 1 overflowed the zone arithmetic (a 500).
        ({"window_start": datetime(1, 1, 1, tzinfo=JST)},
         "window_start", "申請書提出期間の始まりは 2000～2099 年"),
        ({"booking_start": datetime(1999, 12, 31, 23, tzinfo=UTC)},
         "booking_start", "予約受付期間の始まりは 2000～2099 年"),
        ({"window_end": jst(2100, 1, 4, 17), "booking_end": jst(2099, 1, 4, 17)},
         "window_end", "申請書提出期間の終わりは 2000～2099 年"),
        # Within the years, a period is at most a year.
        ({"window_end": jst(2025, 11, 14, 17)}, "window_end", "申請書提出期間は 366 日以内"),
        ({"booking_start": jst(2023, 11, 12, 9)}, "booking_end", "予約受付期間は 366 日以内"),
        # 10-minute slots for three months: 48 a day on some 60 office days.
        ({"window_start": jst(2024, 9, 2, 9), "booking_end": jst(2024, 8, 30, 17),
          "slot_minutes": 10},
         "window_end", f"面談枠が {schedule.MAX_SLOTS} を超えます"),
    ],
)  # fmt: skip
def test_a_call_is_bounded_in_time_and_slots(
    office: Office, changes: dict[str, object], field: str, words: str
) -> None:
    _refused(office, _plan(**changes), field, words)


def test_a_year_long_call_within_the_bounds_is_made(office: Office) -> None:
    # 2025年度 whole, in half-day slots: some 240 office days, two slots each.
    plan = _plan(
        window_start=jst(2025, 4, 1, 9),
        window_end=jst(2026, 3, 31, 17),
        booking_start=jst(2025, 3, 1, 9),
        booking_end=jst(2026, 3, 1, 17),
        slot_minutes=240,
    )
    assert plan.window_end - plan.window_start <= schedule.MAX_PERIOD
    made = office.flow.calls.create(office.actor("staff_a"), plan)
    slots = office.flow.calls.slots(office.actor("staff_a"), made.id)
    assert 400 < len(slots) <= schedule.MAX_SLOTS


def test_slots_are_counted_no_further_than_the_bound(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = []

    def slot_times(
        start: datetime, end: datetime, minutes: int
    ) -> Iterator[tuple[datetime, datetime]]:  # a slot every minute, without end
        at = start
        while True:
            counted.append(at)
            yield at, at + timedelta(minutes=minutes)
            at += timedelta(minutes=1)

    monkeypatch.setattr(schedule, "slot_times", slot_times)
    _refused(office, _plan(), "window_end", "面談枠が")
    assert len(counted) == schedule.MAX_SLOTS + 1


@pytest.mark.parametrize(("name", "shown"), HOSTILE_LINES)
def test_a_call_name_is_one_line_of_visible_characters(
    office: Office, name: str, shown: str
) -> None:
    _refused(
        office, _plan(name=name), "name", f"公募回の名前に改行・制御文字・見えない文字（{shown}）"
    )


def test_a_call_name_is_bounded_and_the_edit_is_checked_alike(office: Office) -> None:
    _refused(office, _plan(name="名" * 201), "name", "公募回の名前は 200 文字以内")
    staff = office.actor("staff_a")
    made = office.flow.calls.create(staff, _plan(name=" Cafe\u0301の回 "))
    assert made.name == "Caféの回"  # NFC, stripped
    with pytest.raises(Invalid) as refused:
        office.flow.calls.update(staff, made.id, _plan(name="件名\r\nBcc: x@example.com"))
    assert refused.value.field == "name"
    assert office.flow.calls.get(staff, made.id).name == made.name


@pytest.mark.parametrize(
    ("name", "words"),
    [
        *(
            (name, f"会社名・屋号に改行・制御文字・見えない文字（{shown}）")
            for name, shown in HOSTILE_LINES
        ),
        ("株" * 100_000, "会社名・屋号は 200 文字以内にしてください（100000 文字）"),
    ],
)
def test_a_company_name_is_one_line_of_visible_characters(
    office: Office, name: str, words: str
) -> None:
    call = office.tokyo_call()
    applicant = office.actor("applicant_1")
    draft = office.flow.applications.start(applicant, call.id)
    with pytest.raises(InvalidProfile) as refused:
        office.flow.applications.save(applicant, draft.id, company=COMPANY | {"name": name})
    message = refused.value.message
    assert refused.value.field == "company" and words in message
    # The refused value is quoted short, without pydantic's prefix.
    assert len(message) < 300 and "Value error" not in message
    assert office.flow.applications.get(applicant, draft.id).company is None
    saved = office.flow.applications.save(
        applicant, draft.id, company=COMPANY | {"name": " 株式会社一 "}
    )
    assert saved.company is not None and saved.company["name"] == "株式会社一"


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ("書類を\x00追加してください", "依頼の内容に制御文字・見えない文字（U+0000）"),
        ("書類を\u202e追加してください", "依頼の内容に制御文字・見えない文字（U+202E）"),
        ("あ" * 2001, "依頼の内容は 2000 文字以内"),
        (" \r\n ", "依頼の内容を入力してください"),
    ],
)
def test_a_document_request_refuses_controls_and_keeps_its_lines(
    office: Office, message: str, words: str
) -> None:
    app_id = ready(office).application.id
    applicant, staff = office.actor("applicant_1"), office.actor("staff_a")
    office.at(jst(2024, 11, 13, 10))
    office.flow.submissions.submit(applicant, app_id, "submit-1")
    mails = len(office.mails())
    with pytest.raises(Invalid) as refused:
        office.flow.inbox.request_documents(staff, app_id, message)
    assert refused.value.field == "message" and words in refused.value.message
    assert office.flow.applications.view(staff, app_id).requests == ()
    assert office.flow.applications.get(staff, app_id).status == "submitted"
    assert len(office.mails()) == mails
    made = office.flow.inbox.request_documents(staff, app_id, "1行目\r\n2行目")
    assert made.message == "1行目\n2行目"
