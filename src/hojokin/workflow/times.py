"""Instants as the office says them (JST, with the weekday) and the checks that read
only an object and the clock (`states.TIMED_CHECKS`).

Deadlines are kept to the second: a request counts at the second it arrives in (its
fraction dropped), so that at 17:00:00 a window ending at 17:00:00 is still open, and
at 17:00:01 it is closed."""

from __future__ import annotations

from datetime import datetime

from hojokin.catalog.status import JST
from hojokin.ja.dates import WEEKDAYS
from hojokin.workflow.office import Policy
from hojokin.workflow.records import Booking, Call
from hojokin.workflow.states import Check


def jst(at: datetime) -> str:
    """`11月13日（水）10:00` in JST."""
    local = at.astimezone(JST)
    return f"{local.month}月{local.day}日（{WEEKDAYS[local.weekday()]}）{local:%H:%M}"


def jst_span(start: datetime, end: datetime) -> str:
    """`11月13日（水）10:00～11:00`: a slot within one day."""
    return f"{jst(start)}～{end.astimezone(JST):%H:%M}"


def jst_full(at: datetime) -> str:
    """`2024年11月13日（水）10:00:00`, to the second, for deadlines."""
    local = at.astimezone(JST)
    return f"{local.year}年{jst(at)}:{local:%S}"


def second(now: datetime) -> datetime:
    return now.replace(microsecond=0)


def within(now: datetime, start: datetime, end: datetime) -> bool:
    return start <= second(now) <= end


def _outside(now: datetime, start: datetime, end: datetime, period: str, verb: str) -> str | None:
    if within(now, start, end):
        return None
    return f"{period}（{jst_full(start)}～{jst_full(end)}）の外のため、{verb}できません"


def window_problem(call: Call, now: datetime) -> str | None:
    return _outside(now, call.window_start, call.window_end, "申請書提出期間", "提出")


def booking_period_problem(call: Call, now: datetime) -> str | None:
    return _outside(now, call.booking_start, call.booking_end, "予約の受付期間", "予約")


def cancel_deadline(booking: Booking, policy: Policy) -> datetime:
    return booking.starts_at - policy.cancel_before


def booking_problem(check: Check, booking: Booking, now: datetime, policy: Policy) -> str | None:
    """Why a timed check of a booking fails now; None when it passes."""
    if check == "before_cutoff" and second(now) > cancel_deadline(booking, policy):
        return (
            f"辞退の締切（{jst_full(cancel_deadline(booking, policy))}）を過ぎています。"
            "事務局へ直接ご連絡ください"
        )
    if check == "slot_started" and second(now) < booking.starts_at:
        return f"面談の開始（{jst(booking.starts_at)}）前のため、まだ記録できません"
    return None
