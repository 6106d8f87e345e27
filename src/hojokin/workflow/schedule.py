"""What a call is made of, and a call made from the catalog's cited schedule.

The Tokyo call's schedule (募集要項, first table) names three periods: 募集期間, the
申請受付予約期間 (bookings) and the 申請書提出期間 (submissions), each on weekdays 9時から
17時まで. A call made from the catalog takes the last two as its booking period and its
submission window, from 9:00 JST of the first day to 17:00 JST of the last, and keeps
all three with their citations."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from itertools import islice

from hojokin.accounts.errors import Invalid
from hojokin.catalog.schema import Frame, Program, ScheduleItem
from hojokin.ja.text import TextRefused, single_line
from hojokin.workflow.calendar import CLOSES, OPENS, at_jst, slot_times
from hojokin.workflow.records import Source

WINDOW_LABEL = "申請書提出期間"
BOOKING_LABEL = "申請受付予約期間"
PERIOD_LABEL = "募集期間"
DEFAULT_SLOT_MINUTES = 60
DEFAULT_SLOT_CAPACITY = 1
MIN_SLOT_MINUTES, MAX_SLOT_MINUTES = 10, 480
MAX_SLOT_CAPACITY = 1000
MAX_CALL_NAME = 200
# A call's slots are made, stored and listed on its pages all at once, so a call is
# bounded: a year's submission window and booking period hold any real 公募回 (the
# Tokyo call's are weeks long), and no more slots than a page can list.
MAX_PERIOD = timedelta(days=366)
MAX_SLOTS = 2000
# The instants a call may name: the calendar of holidays and the web form read these
# years, and year 1 or 9999 is a typo (or an attack) whose zone arithmetic overflows.
FIRST_YEAR, LAST_YEAR = 2000, 2099
TIME_LABELS = {
    "window_start": "申請書提出期間の始まり",
    "window_end": "申請書提出期間の終わり",
    "booking_start": "予約受付期間の始まり",
    "booking_end": "予約受付期間の終わり",
}
_CODE = re.compile(r"[A-Z0-9][A-Z0-9-]{1,15}")


@dataclass(frozen=True)
class CallPlan:
    """A call as staff set it up: `code` prefixes its 受付番号 (`ZE2024-00001`); an
    empty `name` becomes the program's with the frame's and the fiscal year's."""

    program_id: str
    frame_id: str
    code: str
    name: str
    window_start: datetime
    window_end: datetime
    booking_start: datetime
    booking_end: datetime
    slot_minutes: int = DEFAULT_SLOT_MINUTES
    slot_capacity: int = DEFAULT_SLOT_CAPACITY
    sources: tuple[Source, ...] = ()


def call_code(text: str) -> str:
    """A call's code as stored: full-width folded, upper case; Invalid unless 2–16
    letters, digits and hyphens."""
    code = unicodedata.normalize("NFKC", text).strip().upper()
    if not _CODE.fullmatch(code):
        raise Invalid(
            f"公募回コードは英数字とハイフンの 2～16 文字にしてください（「{_shown(text)}」）",
            "code",
        )
    return code


def _shown(text: str) -> str:
    """`text` as a message quotes it: control and format characters (a newline, a
    right-to-left mark) as their code points, at most 20 characters."""
    quoted = "".join(
        f"U+{ord(ch):04X}" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text
    )
    return quoted if len(quoted) <= 20 else quoted[:19] + "…"


def checked(plan: CallPlan) -> CallPlan:
    """`plan` with its code and name cleaned; Invalid naming the field that is wrong."""
    for field, label in TIME_LABELS.items():
        value: datetime = getattr(plan, field)
        if value.tzinfo is None:
            raise Invalid(f"{label}: 日時にはタイムゾーン（+09:00 など）を付けてください", field)
        # The year as written, before any zone arithmetic (which year 1 overflows).
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise Invalid(
                f"{label}は {FIRST_YEAR}～{LAST_YEAR} 年の日時にしてください（{value.year} 年）",
                field,
            )
    if plan.window_end <= plan.window_start:
        raise Invalid("申請書提出期間の終わりが始まりより前です", "window_end")
    if plan.booking_end <= plan.booking_start:
        raise Invalid("予約受付期間の終わりが始まりより前です", "booking_end")
    if plan.booking_end > plan.window_end:
        raise Invalid("予約の締切は申請書提出期間の終わりまでにしてください", "booking_end")
    days = MAX_PERIOD.days
    if plan.window_end - plan.window_start > MAX_PERIOD:
        raise Invalid(f"申請書提出期間は {days} 日以内にしてください", "window_end")
    if plan.booking_end - plan.booking_start > MAX_PERIOD:
        raise Invalid(f"予約受付期間は {days} 日以内にしてください", "booking_end")
    if not MIN_SLOT_MINUTES <= plan.slot_minutes <= MAX_SLOT_MINUTES:
        raise Invalid(
            f"面談枠の長さは {MIN_SLOT_MINUTES}～{MAX_SLOT_MINUTES} 分にしてください",
            "slot_minutes",
        )
    if not 1 <= plan.slot_capacity <= MAX_SLOT_CAPACITY:
        raise Invalid(f"面談枠の定員は 1～{MAX_SLOT_CAPACITY} にしてください", "slot_capacity")
    _count_slots(plan)
    try:
        name = single_line(plan.name, "公募回の名前", MAX_CALL_NAME)
    except TextRefused as exc:
        raise Invalid(str(exc), "name") from None
    return replace(plan, code=call_code(plan.code), name=name)


def _count_slots(plan: CallPlan) -> None:
    """Invalid unless the window holds 1 to `MAX_SLOTS` slots; counted one by one and
    no further than one past the bound, so that a refused call costs no more."""
    times = slot_times(plan.window_start, plan.window_end, plan.slot_minutes)
    count = sum(1 for _ in islice(times, MAX_SLOTS + 1))
    if count == 0:
        raise Invalid(
            "申請書提出期間に面談枠が 1 つもありません（平日 9:00～17:00、祝日を除く）",
            "window_start",
        )
    if count > MAX_SLOTS:
        raise Invalid(
            f"面談枠が {MAX_SLOTS} を超えます。申請書提出期間を短くするか、"
            "面談枠を長くしてください",
            "window_end",
        )


def default_name(program: Program, frame: Frame) -> str:
    return f"{program.name}（{frame.name}・{program.fiscal_year}年度）"


def _item(program: Program, label: str) -> ScheduleItem:
    for item in program.schedule:
        if item.label == label:
            return item
    raise Invalid(
        f"「{program.name}」のスケジュールに「{label}」がないため、公募回の日程を読み取れません。"
        "日時を指定して作成してください",
        "program_id",
    )


def _source(item: ScheduleItem) -> Source:
    cite = item.period.cite
    return Source(item.label, cite.doc, cite.lines, cite.quote, item.period.note)


def from_catalog(
    program: Program,
    frame: Frame,
    code: str,
    *,
    name: str = "",
    slot_minutes: int = DEFAULT_SLOT_MINUTES,
    slot_capacity: int = DEFAULT_SLOT_CAPACITY,
) -> CallPlan:
    """The call of `program`'s cited schedule (see the module's note)."""
    window, booking = _item(program, WINDOW_LABEL), _item(program, BOOKING_LABEL)
    period = next((i for i in program.schedule if i.label == PERIOD_LABEL), None)
    return CallPlan(
        program.id,
        frame.id,
        code,
        name,
        at_jst(window.period.start, OPENS),
        at_jst(window.period.end, CLOSES),
        at_jst(booking.period.start, OPENS),
        at_jst(booking.period.end, CLOSES),
        slot_minutes,
        slot_capacity,
        tuple(_source(i) for i in (period, booking, window) if i is not None),
    )
