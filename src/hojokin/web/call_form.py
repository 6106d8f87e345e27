"""The office's form of a call (公募回): the program frame, the code and name, the two
periods as JST date and time to the second, the slots' length and capacity.

Dates arrive from `<input type="datetime-local" step="1">` (`2024-11-13T09:00:00`, the
seconds left out when they are 00). Each is read here as an instant in Japan; a date
that does not exist (2月30日) is said in words by its field, never passed on. What the
service then refuses (`Invalid` naming a field: an end before its start, a code in
use) is shown by the same field, the form keeping what was typed."""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from hojokin.accounts.errors import ServiceError
from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import Program, ScheduleItem
from hojokin.catalog.status import JST
from hojokin.web.fields import FieldProblem, FormState, read_count
from hojokin.workflow import schedule
from hojokin.workflow.records import Call, Source
from hojokin.workflow.schedule import CallPlan

DATES = ("window_start", "window_end", "booking_start", "booking_end")
LABELS = {
    "frame": "制度と枠",
    "mode": "作成の方法",
    "code": "公募回コード",
    "name": "公募回の名前",
    "window_start": "申請書提出期間（開始）",
    "window_end": "申請書提出期間（終了）",
    "booking_start": "予約受付期間（開始）",
    "booking_end": "予約受付期間（終了）",
    "slot_minutes": "面談枠の長さ（分）",
    "slot_capacity": "面談枠の定員",
}
# A service's field that the form does not show is said at the field that decides it.
_SERVICE_FIELDS = {"program_id": "frame", "frame_id": "frame", "issuer_id": "frame"}
_LOCAL = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?")
FIRST_YEAR, LAST_YEAR = 2000, 2099
# The schedule lines a call made from the catalog reads (`schedule.from_catalog`).
SCHEDULED = (schedule.PERIOD_LABEL, schedule.BOOKING_LABEL, schedule.WINDOW_LABEL)


def read_jst(text: str) -> datetime:
    """`2024-11-13T09:00:00` (or without the seconds) as that instant in Japan."""
    typed = unicodedata.normalize("NFKC", text).strip()
    if not typed:
        raise FieldProblem("日時を入力してください")
    found = _LOCAL.fullmatch(typed)
    if found is None:
        raise FieldProblem(
            "日時は「2024-11-13T09:00:00」の形（年-月-日T時:分:秒）で入力してください"
        )
    year, month, day, hour, minute, second = (int(g or 0) for g in found.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise FieldProblem(f"年は {FIRST_YEAR}～{LAST_YEAR} の範囲で入力してください")
    if not 1 <= month <= 12:
        raise FieldProblem(f"{month}月という月はありません")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise FieldProblem(
            f"{year}年{month}月{day}日という日はありません（{month}月は{last}日まで）"
        )
    if hour > 23 or minute > 59 or second > 59:
        raise FieldProblem("時刻は 00:00:00～23:59:59 の範囲で入力してください")
    return datetime(year, month, day, hour, minute, second, tzinfo=JST)


def local_value(at: datetime) -> str:
    """The value of a datetime-local input: the instant in Japan, to the second."""
    return at.astimezone(JST).strftime("%Y-%m-%dT%H:%M:%S")


def _whole(default: int) -> Callable[[str], int]:
    def read(text: str) -> int:
        return default if not text.strip() else read_count(text)

    return read


@dataclass(frozen=True)
class FrameChoice:
    value: str  # program id / frame id
    label: str
    program: Program


@dataclass(frozen=True)
class FrameChoices:
    """The frames a call can be opened for: first those whose program's schedule gives
    the call's dates (制度データの日程で作成), then every other, by explicit dates."""

    scheduled: list[FrameChoice]
    others: list[FrameChoice]

    def find(self, value: str) -> FrameChoice | None:
        return next((c for c in [*self.scheduled, *self.others] if c.value == value), None)


def has_schedule(program: Program) -> bool:
    labels = {item.label for item in program.schedule}
    return schedule.WINDOW_LABEL in labels and schedule.BOOKING_LABEL in labels


def schedule_lines(program: Program) -> list[ScheduleItem]:
    """The cited schedule lines a call made from the catalog takes its dates from."""
    return [item for item in program.schedule if item.label in SCHEDULED]


def frame_choices(catalog: Catalog) -> FrameChoices:
    scheduled: list[FrameChoice] = []
    others: list[FrameChoice] = []
    for program in sorted(catalog.programs.values(), key=lambda p: p.id):
        for frame in program.frames:
            label = program.name if frame.name == program.name else f"{program.name}／{frame.name}"
            choice = FrameChoice(f"{program.id}/{frame.id}", label, program)
            (scheduled if has_schedule(program) else others).append(choice)
    return FrameChoices(scheduled, others)


def call_form(found: Call) -> FormState:
    """The form of a stored call, for editing it."""
    values = {
        "frame": f"{found.program_id}/{found.frame_id}",
        "code": found.code,
        "name": found.name,
        "slot_minutes": str(found.slot_minutes),
        "slot_capacity": str(found.slot_capacity),
    } | {name: local_value(getattr(found, name)) for name in DATES}
    return FormState({k: [v] for k, v in values.items()})


@dataclass(frozen=True)
class Settings:
    """What both ways of opening a call read: the code, the name and the slots."""

    code: str
    name: str
    slot_minutes: int
    slot_capacity: int


def read_settings(form: FormState) -> Settings | None:
    minutes = form.read(
        "slot_minutes", LABELS["slot_minutes"], _whole(schedule.DEFAULT_SLOT_MINUTES)
    )
    capacity = form.read(
        "slot_capacity", LABELS["slot_capacity"], _whole(schedule.DEFAULT_SLOT_CAPACITY)
    )
    if minutes is None or capacity is None:
        return None
    return Settings(form.value("code"), form.value("name"), minutes, capacity)


def read_dates(form: FormState) -> tuple[datetime, datetime, datetime, datetime] | None:
    """The four instants, each read (and each problem said) even when one fails."""
    read = [form.read(name, LABELS[name], read_jst) for name in DATES]
    if any(at is None for at in read):
        return None
    window_start, window_end, booking_start, booking_end = read
    assert window_start and window_end and booking_start and booking_end
    return window_start, window_end, booking_start, booking_end


def plan_of(
    program_id: str,
    frame_id: str,
    settings: Settings,
    dates: tuple[datetime, datetime, datetime, datetime],
    sources: tuple[Source, ...] = (),
) -> CallPlan:
    window_start, window_end, booking_start, booking_end = dates
    return CallPlan(
        program_id,
        frame_id,
        settings.code,
        settings.name,
        window_start,
        window_end,
        booking_start,
        booking_end,
        settings.slot_minutes,
        settings.slot_capacity,
        sources,
    )


def refused_field(form: FormState, exc: ServiceError, shown: tuple[str, ...]) -> None:
    """The service's refusal by the field it names (or the frame's, when the form does
    not show that field)."""
    name = _SERVICE_FIELDS.get(exc.field or "", exc.field or "")
    if name not in shown:
        name = "frame" if "frame" in shown else shown[0]
    form.add(name, LABELS[name], exc.message)
