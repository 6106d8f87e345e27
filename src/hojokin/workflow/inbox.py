"""The office's side of applications: the list of its issuer's applications, filtered
and sorted, with the rows of its export; 受付完了 after the 確認面談; requests for more
documents (mailed to the company); an application's history from the audit trail.
The list is the office's (`application.list`): an applicant's pages show only their own
company's applications, read with `application.read` on that company."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import Connection, Select, insert, select
from sqlalchemy.sql import ColumnElement

from hojokin.accounts import audit
from hojokin.accounts.errors import Invalid
from hojokin.accounts.permissions import Actor, Target, allowed, grant_of
from hojokin.accounts.records import AuditEntry
from hojokin.accounts.tables import company
from hojokin.ja.text import MAX_MESSAGE_CHARS, TextRefused, multi_line
from hojokin.workflow import mails
from hojokin.workflow.applications import call_of_application, move, reach_application
from hojokin.workflow.errors import Conflict
from hojokin.workflow.office import Office
from hojokin.workflow.records import Application, DocumentRequest
from hojokin.workflow.rows import active_booking, application_of, requests_of
from hojokin.workflow.states import (
    APPLICATION_STATUS_LABELS,
    BOOKING_STATUS_LABELS,
    ApplicationStatus,
)
from hojokin.workflow.tables import application, booking, call, call_slot, document_request, receipt
from hojokin.workflow.times import jst_full

Sort = Literal["submitted", "deadline", "number"]
SORTS: tuple[Sort, ...] = get_args(Sort)
SORT_LABELS: dict[Sort, str] = {
    "submitted": "提出日時順",
    "deadline": "締切順",
    "number": "受付番号順",
}
MAX_MESSAGE = MAX_MESSAGE_CHARS


@dataclass(frozen=True)
class InboxFilter:
    status: ApplicationStatus | None = None
    call_id: int | None = None
    frame_id: str | None = None
    sort: Sort = "submitted"


@dataclass(frozen=True)
class InboxRow:
    """One application as the list shows it."""

    application: Application
    call_code: str
    call_name: str
    frame_id: str
    deadline: datetime  # the call's window end
    company_name: str
    interview: datetime | None  # the active booking's start


def _order(sort: Sort) -> list[ColumnElement[object]]:
    """Nulls last on both databases (a draft has no submission time nor number)."""
    column = {
        "submitted": application.c.submitted_at,
        "deadline": call.c.window_end,
        "number": receipt.c.number,
    }[sort]
    return [column.is_(None), column, application.c.id]


def _rows(conn: Connection, query: Select[tuple[object, ...]]) -> list[InboxRow]:
    return [
        InboxRow(
            application_of(r),
            r.call_code,
            r.call_name,
            r.frame_id,
            r.window_end,
            r.company_name,
            r.interview,
        )
        for r in conn.execute(query)
    ]


class Inbox:
    def __init__(self, office: Office) -> None:
        self.office = office
        self.guard = office.guard

    def _query(self, wanted: InboxFilter) -> Select[tuple[object, ...]]:
        interview = (
            select(call_slot.c.starts_at)
            .join(booking, booking.c.slot_id == call_slot.c.id)
            .where(
                booking.c.call_id == application.c.call_id,
                booking.c.company_id == application.c.company_id,
                booking.c.status.in_(("booked", "attended")),
            )
            .scalar_subquery()
        )
        query = (
            select(
                application,
                receipt.c.number.label("receipt_number"),
                call.c.code.label("call_code"),
                call.c.name.label("call_name"),
                call.c.frame_id,
                call.c.window_end,
                company.c.name.label("company_name"),
                interview.label("interview"),
            )
            .join(call, call.c.id == application.c.call_id)
            .join(company, company.c.id == application.c.company_id)
            .outerjoin(receipt, receipt.c.application_id == application.c.id)
            .order_by(*_order(wanted.sort))
        )
        if wanted.status is not None:
            query = query.where(application.c.status == wanted.status)
        if wanted.call_id is not None:
            query = query.where(application.c.call_id == wanted.call_id)
        if wanted.frame_id is not None:
            query = query.where(call.c.frame_id == wanted.frame_id)
        return query

    def list_applications(self, actor: Actor, wanted: InboxFilter | None = None) -> list[InboxRow]:
        """The office's list: the applications of the staff's issuer (every issuer's
        for an administrator), filtered and sorted as `wanted` says."""
        with self.guard.unit(write=False) as conn:
            current = self.guard.require(conn, actor, "application.list", "application")
            query = self._query(wanted or InboxFilter())
            grant = grant_of(current, "application.list")
            if grant is not None and grant.scope == "issuer":
                query = query.where(application.c.issuer_id == current.issuer_id)
            found = _rows(conn, query)
        return [r for r in found if allowed(current, "application.list", r.application.target)]

    def of_own_company(self, actor: Actor, wanted: InboxFilter | None = None) -> list[InboxRow]:
        """The applications of the applicant's own company, filtered and sorted as the
        office's list; staff and reviewers are refused (an administrator, of no company,
        gets none)."""
        with self.guard.unit(write=False) as conn:
            target = Target(company_id=actor.company_id)
            current = self.guard.require(
                conn, actor, "application.read", "application", None, target
            )
            query = self._query(wanted or InboxFilter())
            found = _rows(conn, query.where(application.c.company_id == current.company_id))
        return [r for r in found if allowed(current, "application.read", r.application.target)]

    def visible_to(self, actor: Actor, wanted: InboxFilter | None = None) -> list[InboxRow]:
        """What a list of applications shows this actor: an applicant their own company's,
        anyone else the office's list (refused where the role may not read it)."""
        if actor.company_id is not None:
            return self.of_own_company(actor, wanted)
        return self.list_applications(actor, wanted)

    def export_rows(self, actor: Actor, wanted: InboxFilter | None = None) -> list[list[str]]:
        """The list as a table for CSV or Excel: a header, then one row per
        application, every value text (times in JST)."""
        header = [
            "受付番号", "状態", "公募回", "枠", "事業者", "面談日時", "提出日時", "締切", "申請ID",
        ]  # fmt: skip
        table = [header]
        for row in self.list_applications(actor, wanted):
            found = row.application
            table.append(
                [
                    found.receipt_number or "",
                    APPLICATION_STATUS_LABELS[found.status],
                    row.call_code,
                    row.frame_id,
                    row.company_name,
                    "" if row.interview is None else jst_full(row.interview),
                    "" if found.submitted_at is None else jst_full(found.submitted_at),
                    jst_full(row.deadline),
                    str(found.id),
                ]
            )
        return table

    def accept(self, actor: Actor, application_id: int) -> Application:
        """受付完了: the office received the application at the 受付・確認面談 (which
        must be recorded as held first)."""
        with self.guard.unit() as conn:
            current, before = reach_application(
                self.office, conn, actor, "application.accept", application_id
            )
            held = active_booking(conn, before.call_id, before.company_id)
            if before.status == "submitted" and (held is None or held.status != "attended"):
                shown = "予約なし" if held is None else BOOKING_STATUS_LABELS[held.status]
                raise Conflict(
                    f"受付・確認面談が面談済として記録されていないため、受付完了にできません（{shown}）"
                )
            return move(self.office, conn, current, "application.accept", before)

    def request_documents(self, actor: Actor, application_id: int, message: str) -> DocumentRequest:
        """Ask the company for more documents (③): the application waits for them
        (書類追加依頼中), and the company's users are mailed `message`."""
        try:
            text = multi_line(message, "依頼の内容", MAX_MESSAGE)
        except TextRefused as exc:
            raise Invalid(str(exc), "message") from None
        with self.guard.unit() as conn:
            current, before = reach_application(
                self.office, conn, actor, "application.request_documents", application_id
            )
            after = move(self.office, conn, current, "application.request_documents", before)
            values = {
                "application_id": application_id,
                "message": text,
                "requested_by": current.name,
                "requested_at": self.office.now(),
            }
            conn.execute(insert(document_request).values(values))
            made = requests_of(conn, application_id)[-1]
            of_call = call_of_application(conn, after)
            subject, body = mails.documents_requested(of_call, after.receipt_number, text)
            mails.to_company(conn, after.company_id, subject, body, self.office.now())
        return made

    def history(self, actor: Actor, application_id: int) -> list[AuditEntry]:
        """Every audited event of the application, oldest first: its changes, uploads,
        downloads, and the refusals of those who tried what they may not."""
        with self.guard.unit(write=False) as conn:
            reach_application(self.office, conn, actor, "application.history", application_id)
            return audit.of_object(conn, "application", application_id)
