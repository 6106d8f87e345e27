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
from datetime import datetime

from hojokin.accounts.errors import Invalid
from hojokin.catalog.schema import Frame, Program, ScheduleItem
from hojokin.workflow.calendar import CLOSES, OPENS, at_jst
from hojokin.workflow.records import Source

WINDOW_LABEL = "申請書提出期間"
BOOKING_LABEL = "申請受付予約期間"
PERIOD_LABEL = "募集期間"
DEFAULT_SLOT_MINUTES = 60
DEFAULT_SLOT_CAPACITY = 1
MIN_SLOT_MINUTES, MAX_SLOT_MINUTES = 10, 480
MAX_SLOT_CAPACITY = 1000
MAX_CALL_NAME = 200
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
    for field in ("window_start", "window_end", "booking_start", "booking_end"):
        if getattr(plan, field).tzinfo is None:
            raise Invalid(f"{field}: 日時にはタイムゾーン（+09:00 など）を付けてください", field)
    if plan.window_end <= plan.window_start:
        raise Invalid("申請書提出期間の終わりが始まりより前です", "window_end")
    if plan.booking_end <= plan.booking_start:
        raise Invalid("予約受付期間の終わりが始まりより前です", "booking_end")
    if plan.booking_end > plan.window_end:
        raise Invalid("予約の締切は申請書提出期間の終わりまでにしてください", "booking_end")
    if not MIN_SLOT_MINUTES <= plan.slot_minutes <= MAX_SLOT_MINUTES:
        raise Invalid(
            f"面談枠の長さは {MIN_SLOT_MINUTES}～{MAX_SLOT_MINUTES} 分にしてください",
            "slot_minutes",
        )
    if not 1 <= plan.slot_capacity <= MAX_SLOT_CAPACITY:
        raise Invalid(f"面談枠の定員は 1～{MAX_SLOT_CAPACITY} にしてください", "slot_capacity")
    name = plan.name.strip()
    if not name or len(name) > MAX_CALL_NAME:
        raise Invalid(f"公募回の名前は 1～{MAX_CALL_NAME} 文字にしてください", "name")
    return replace(plan, code=call_code(plan.code), name=name)


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
