"""The state machines of calls, bookings and applications, declared once as data.

Each transition names the permission action that moves it (`accounts.permissions`),
the statuses it leaves, the status it reaches (None: it stays, as a draft saved again
does) and the checks that must pass. The service applies a change only through these
tables (`step`), and `allowed_actions` reads the same tables, so that pages and the
API offer only what the service would do.

The words are the Tokyo call's (募集要項 9): an application is 下書き until submitted
(提出済); after submission it can never be edited (留意事項①), only completed with the
documents the office asks for (③: 追加資料の提出を求めることがあります); the office
marks it 受付完了 after the 受付・確認面談. A booking is 予約済 until the applicant
cancels it (辞退) before the cut-off, or the office records the interview as held
(面談済) or missed (欠席), and a missed interview counts as 辞退 of the application
(⑤: 指定日時にお越しにならない場合、申請は辞退されたものとみなします); an application
withdrawn (辞退) takes its booking with it, since the interview is for the application.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

from hojokin.accounts.permissions import ACTION_LABELS, Action
from hojokin.workflow.errors import Conflict

CallStatus = Literal["draft", "published", "closed"]
CALL_STATUS_LABELS: dict[CallStatus, str] = {
    "draft": "準備中",
    "published": "公開",
    "closed": "終了",
}
BookingStatus = Literal["booked", "cancelled", "absent", "attended"]
BOOKING_STATUS_LABELS: dict[BookingStatus, str] = {
    "booked": "予約済",
    "cancelled": "辞退",
    "absent": "欠席（辞退扱い）",
    "attended": "面談済",
}
# A booking that holds its place: the company's one per call.
ACTIVE_BOOKING: tuple[BookingStatus, ...] = ("booked", "attended")
ApplicationStatus = Literal["draft", "submitted", "documents_requested", "accepted", "withdrawn"]
APPLICATION_STATUS_LABELS: dict[ApplicationStatus, str] = {
    "draft": "下書き",
    "submitted": "提出済",
    "documents_requested": "書類追加依頼中",
    "accepted": "受付完了",
    "withdrawn": "辞退",
}

Check = Literal[
    "before_cutoff",
    "slot_started",
    "window_open",
    "booking_held",
    "eligible",
    "documents_complete",
    "documents_added",
    "interview_held",
]
CHECK_LABELS: dict[Check, str] = {
    "before_cutoff": "面談の開始前の締切までであること",
    "slot_started": "面談の開始時刻を過ぎていること",
    "window_open": "申請書提出期間中であること",
    "booking_held": "受付・確認面談の予約があること",
    "eligible": "申請要件を満たさない項目がないこと",
    "documents_complete": "必要な書類がすべてそろっていること",
    "documents_added": "依頼を受けて書類を追加したこと",
    "interview_held": "受付・確認面談が済んでいること",
}
# Checks that read only the object and the clock: `allowed_actions` runs them too, so
# that no page offers a cancel after the cut-off. The others are run when the action
# is done, and a refusal names each failed one.
TIMED_CHECKS: frozenset[Check] = frozenset({"before_cutoff", "slot_started", "window_open"})

S = TypeVar("S", bound=str)


@dataclass(frozen=True)
class Transition(Generic[S]):
    action: Action
    sources: tuple[S, ...]
    target: S | None  # None: the status stays
    checks: tuple[Check, ...] = ()
    # Done as the consequence of another object's transition (that object's action),
    # never offered on this object itself.
    consequence: bool = False


CALL_MACHINE: tuple[Transition[CallStatus], ...] = (
    Transition("call.update", ("draft",), None),
    Transition("call.publish", ("draft",), "published"),
    Transition("call.close", ("published",), "closed"),
    Transition("slot.close", ("draft", "published"), None),
)
BOOKING_MACHINE: tuple[Transition[BookingStatus], ...] = (
    Transition("booking.cancel", ("booked",), "cancelled", ("before_cutoff",)),
    Transition("booking.attend", ("booked",), "attended", ("slot_started",)),
    Transition("booking.mark_absent", ("booked",), "absent", ("slot_started",)),
    # The 受付・確認面談 exists only for the application: withdrawing it gives the place
    # back, at any time (the cut-off is for a company that still applies). An interview
    # already held (面談済) stays on record.
    Transition("application.withdraw", ("booked",), "cancelled", consequence=True),
)
_OPEN: tuple[ApplicationStatus, ...] = ("draft", "submitted", "documents_requested")
APPLICATION_MACHINE: tuple[Transition[ApplicationStatus], ...] = (
    Transition("application.update", ("draft",), None),
    Transition("document.upload", ("draft", "documents_requested"), None),
    # A submitted application keeps every file, even while the office asks for more.
    Transition("document.remove", ("draft",), None),
    Transition(
        "application.submit",
        ("draft",),
        "submitted",
        ("window_open", "booking_held", "eligible", "documents_complete"),
    ),
    Transition("application.request_documents", ("submitted",), "documents_requested"),
    Transition(
        "application.complete_documents",
        ("documents_requested",),
        "submitted",
        ("documents_added",),
    ),
    Transition("application.accept", ("submitted",), "accepted", ("interview_held",)),
    Transition("application.withdraw", _OPEN, "withdrawn"),
    # A missed interview withdraws the application with the booking (⑤).
    Transition("booking.mark_absent", _OPEN, "withdrawn", consequence=True),
)


def transition_of(
    machine: tuple[Transition[S], ...], action: Action, status: S
) -> Transition[S] | None:
    """The transition `action` takes from `status`, if any."""
    for transition in machine:
        if transition.action == action and status in transition.sources:
            return transition
    return None


def step(
    machine: tuple[Transition[S], ...], action: Action, status: S, labels: dict[S, str]
) -> Transition[S]:
    """The transition `action` takes from `status`; `Conflict` naming the status when
    there is none."""
    transition = transition_of(machine, action, status)
    if transition is None:
        raise Conflict(f"「{labels[status]}」の状態では{ACTION_LABELS[action]}はできません")
    return transition


def next_status(transition: Transition[S], status: S) -> S:
    return status if transition.target is None else transition.target
