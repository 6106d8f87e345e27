"""Applications: one per company and call, a draft saved as often as the applicant
likes (the company profile and the plan, validated as the rules read them), read with
the live estimate and checklist, withdrawn (辞退) until the office accepts it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, insert, update

from hojokin.accounts.audit import Event
from hojokin.accounts.errors import Invalid
from hojokin.accounts.permissions import Action, Actor, Target
from hojokin.workflow.assessment import Assessment, assess, read_company, read_plan
from hojokin.workflow.bookings import release_with_application
from hojokin.workflow.calls import reach_call
from hojokin.workflow.errors import Conflict
from hojokin.workflow.office import Office
from hojokin.workflow.records import Application, Booking, Call, DocumentRequest, Receipt
from hojokin.workflow.rows import (
    active_booking,
    application_of_company,
    documents_of,
    load_application,
    load_call,
    load_receipt,
    requests_of,
)
from hojokin.workflow.states import (
    APPLICATION_MACHINE,
    APPLICATION_STATUS_LABELS,
    CALL_STATUS_LABELS,
    next_status,
    step,
)
from hojokin.workflow.tables import application

NO_APPLICATION = "申請が見つかりません"


def reach_application(
    office: Office, conn: Connection, actor: Actor, action: Action, application_id: int
) -> tuple[Actor, Application]:
    """The current actor and the application, when they may do `action` to it."""

    def target() -> Target | None:
        found = load_application(conn, application_id)
        return None if found is None else found.target

    current = office.guard.reach(
        conn, actor, action, "application", application_id, target, NO_APPLICATION
    )
    found = load_application(conn, application_id)
    assert found is not None
    return current, found


def move(
    office: Office,
    conn: Connection,
    current: Actor,
    action: Action,
    before: Application,
    **values: Any,
) -> Application:
    """Take `action`'s transition from the application's status (`Conflict` when it
    has none), with `values` written too, audited; the application after."""
    transition = step(APPLICATION_MACHINE, action, before.status, APPLICATION_STATUS_LABELS)
    values |= {"status": next_status(transition, before.status), "updated_at": office.now()}
    conn.execute(update(application).where(application.c.id == before.id).values(values))
    after = load_application(conn, before.id)
    assert after is not None
    event = Event(current, action, "application", before.id, after.target)
    office.guard.record(conn, event, before.audited(), after.audited())
    return after


def call_of_application(conn: Connection, found: Application) -> Call:
    of_call = load_call(conn, found.call_id)
    assert of_call is not None
    return of_call


@dataclass(frozen=True)
class ApplicationView:
    """An application with everything its page shows: the call, the company's booking,
    the rules' reading (estimate, checklist with uploads), the office's requests for
    documents and, once submitted, the receipt."""

    application: Application
    call: Call
    booking: Booking | None
    assessment: Assessment
    requests: tuple[DocumentRequest, ...]
    receipt: Receipt | None


class Applications:
    def __init__(self, office: Office) -> None:
        self.office = office
        self.guard = office.guard

    def _of_company(
        self,
        conn: Connection,
        actor: Actor,
        action: Action,
        call_id: int,
        company_id: int | None,
    ) -> tuple[Actor, Call, int]:
        """The current actor, the call they may read and the company whose application
        they may `action` (their own, unless an administrator names one)."""
        current = reach_call(self.guard, conn, actor, "call.read", call_id)
        # The role first: staff are refused, not asked which company.
        current = self.guard.require(conn, current, action, "application")
        company_id = current.company_id if company_id is None else company_id
        if company_id is None:
            raise Invalid("申請する事業者を指定してください", "company_id")
        of_call = load_call(conn, call_id)
        assert of_call is not None
        target = Target(issuer_id=of_call.issuer_id, company_id=company_id)
        current = self.guard.require(conn, actor, action, "application", target=target)
        return current, of_call, company_id

    def start(self, actor: Actor, call_id: int, company_id: int | None = None) -> Application:
        """The company's application to a published call: the one there is, or a new
        draft (an administrator or the command line names the company)."""
        with self.guard.unit() as conn:
            current, of_call, company_id = self._of_company(
                conn, actor, "application.create", call_id, company_id
            )
            existing = application_of_company(conn, call_id, company_id)
            if existing is not None:
                return existing
            if of_call.status != "published":
                label = CALL_STATUS_LABELS[of_call.status]
                raise Conflict(f"この公募回（{label}）は申請を受け付けていません")
            now = self.office.now()
            values = {
                "call_id": call_id,
                "issuer_id": of_call.issuer_id,
                "company_id": company_id,
                "status": "draft",
                "created_at": now,
                "updated_at": now,
            }
            new_id = conn.execute(
                insert(application).values(values).returning(application.c.id)
            ).scalar_one()
            made = load_application(conn, new_id)
            assert made is not None
            event = Event(current, "application.create", "application", new_id, made.target)
            self.guard.record(conn, event, None, made.audited())
        return made

    def save(
        self,
        actor: Actor,
        application_id: int,
        *,
        company: Mapping[str, Any] | None = None,
        plan: Mapping[str, Any] | None = None,
    ) -> Application:
        """Save the draft's company profile, plan or both (None leaves one as it is);
        `InvalidProfile` names the field the rules refuse, and nothing is saved."""
        if company is None and plan is None:
            raise Invalid("保存する事業者情報又は事業計画を指定してください", "company")
        with self.guard.unit() as conn:
            current, before = reach_application(
                self.office, conn, actor, "application.update", application_id
            )
            # frozen once submitted (留意事項①): said before the input is looked at
            step(
                APPLICATION_MACHINE, "application.update", before.status, APPLICATION_STATUS_LABELS
            )
            of_call = call_of_application(conn, before)
            program, frame = self.office.frame(of_call.program_id, of_call.frame_id)
            catalog = self.office.catalog()
            values: dict[str, Any] = {}
            if company is not None:
                values["company_profile"] = _json(read_company(company, catalog))
            if plan is not None:
                values["plan"] = _json(read_plan(plan, catalog, program, frame))
            return move(self.office, conn, current, "application.update", before, **values)

    def get(self, actor: Actor, application_id: int) -> Application:
        with self.guard.unit(write=False) as conn:
            return reach_application(self.office, conn, actor, "application.read", application_id)[
                1
            ]

    def of_company(
        self, actor: Actor, call_id: int, company_id: int | None = None
    ) -> Application | None:
        """The company's application to the call, if it has started one."""
        with self.guard.unit(write=False) as conn:
            company_id = self._of_company(conn, actor, "application.read", call_id, company_id)[2]
            return application_of_company(conn, call_id, company_id)

    def view(self, actor: Actor, application_id: int) -> ApplicationView:
        """The application with its call, booking, estimate, checklist and receipt."""
        with self.guard.unit(write=False) as conn:
            found = reach_application(self.office, conn, actor, "application.read", application_id)[
                1
            ]
            of_call = call_of_application(conn, found)
            booking = active_booking(conn, found.call_id, found.company_id)
            documents = documents_of(conn, application_id)
            requests = tuple(requests_of(conn, application_id))
            receipt = load_receipt(conn, application_id)
        program, frame = self.office.frame(of_call.program_id, of_call.frame_id)
        assessment = assess(self.office.catalog(), program, frame, found, documents)
        return ApplicationView(found, of_call, booking, assessment, requests, receipt)

    def withdraw(self, actor: Actor, application_id: int) -> Application:
        """辞退: the application goes no further (a submitted one keeps its 受付番号), and
        its booking of the 受付・確認面談 is given back with it."""
        with self.guard.unit() as conn:
            current, before = reach_application(
                self.office, conn, actor, "application.withdraw", application_id
            )
            after = move(self.office, conn, current, "application.withdraw", before)
            release_with_application(self.office, conn, current, before.call_id, before.company_id)
            return after


def _json(model: BaseModel) -> str:
    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
