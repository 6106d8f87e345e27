"""Where a program stands today: 募集予定, 募集中, 募集終了, or 実施済み（実績報告）.

A program known only from a results report (a document of kind `report`) describes
measures carried out, not a call anyone can answer: it is `reported`. Otherwise the
application windows decide (a frame's `application_window`, or a schedule item that
names one, such as Tokyo's 申請書提出期間 or Toyama's 募集期間). A program whose
document gives no window is judged by its 年度: past → closed, not begun → upcoming,
under way → unknown (None), since a plan that names no window does not say it is open.

Today is the date in Japan (JST, UTC+9, no daylight saving): a deadline of 3月31日
ends at midnight in Tokyo, wherever the server runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from hojokin import ja
from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import Period, Program
from hojokin.catalog.vocabulary import STATUS_LABELS, Status

JST = timezone(timedelta(hours=9), "JST")

# Schedule items that are application windows although the file lists them under
# `schedule` (Tokyo's 申請書提出期間, Toyama's 募集期間 …).
WINDOW_WORDS = ("募集", "申請", "受付", "公募")


def today_jst(now: datetime | None = None) -> date:
    """The date in Japan at `now` (default: the current instant)."""
    return (now or datetime.now(UTC)).astimezone(JST).date()


@dataclass(frozen=True)
class Window:
    """An application window: `key` is the frame id, or `schedule-N` for a schedule item."""

    key: str
    period: Period


def windows(program: Program) -> list[Window]:
    """Application windows: each frame's, and schedule items that name one."""
    out = [Window(f.id, f.application_window) for f in program.frames if f.application_window]
    for i, item in enumerate(program.schedule):
        if any(word in item.label for word in WINDOW_WORDS):
            out.append(Window(f"schedule-{i}", item.period))
    return out


def program_status(program: Program, document_kind: str, today: date) -> Status | None:
    """The program's status on `today` (a JST date); None when the data cannot tell."""
    if document_kind == "report":
        return "reported"
    periods = [w.period for w in windows(program)]
    if periods:
        if any(p.start <= today <= p.end for p in periods):
            return "open"
        if any(p.start > today for p in periods):
            return "upcoming"
        return "closed"
    fiscal_year = ja.fiscal_year_range(program.fiscal_year)
    if today > fiscal_year.end:
        return "closed"
    if today < fiscal_year.start:
        return "upcoming"
    return None


def deadline(program: Program, today: date) -> date | None:
    """The last day of the window open on `today`, else of the next one; None if neither."""
    ends = [w.period.end for w in windows(program) if w.period.end >= today]
    return min(ends, default=None)


@dataclass(frozen=True)
class Standing:
    """A program's status on a day, with the deadline ahead (if any)."""

    status: Status | None
    deadline: date | None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


def standing(catalog: Catalog, program: Program, today: date) -> Standing:
    """`program`'s status and deadline on `today`, its document's kind read from `catalog`."""
    document = catalog.documents.get(program.source.doc)
    kind = document.kind if document else ""
    return Standing(program_status(program, kind, today), deadline(program, today))
