"""Submitting an application: the checks of the call (window, booking, eligibility,
documents), then the 受付番号 and the receipt, once.

A submission is idempotent: the application's row is locked (PostgreSQL `FOR UPDATE`;
SQLite writes one transaction at a time), so a retried or concurrent submit waits for
the first and then finds its receipt, which it returns — whatever key it carries. The
key is required so that a client's retry is told from a first attempt (`replayed`).
A 受付番号 is the call's code and the call's next number (`ZE2024-00001`), counted
on the call's row; the database holds each number once per call."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from hojokin.accounts.errors import Invalid
from hojokin.accounts.permissions import Actor
from hojokin.catalog.loader import Catalog
from hojokin.workflow import mails
from hojokin.workflow.applications import (
    call_of_application,
    move,
    reach_application,
)
from hojokin.workflow.assessment import Assessment, ChecklistItem, assess
from hojokin.workflow.errors import NotReady, Problem
from hojokin.workflow.office import Office
from hojokin.workflow.records import Application, Call, Receipt
from hojokin.workflow.rows import active_booking, documents_of, load_application, load_receipt
from hojokin.workflow.states import APPLICATION_MACHINE, APPLICATION_STATUS_LABELS, step
from hojokin.workflow.tables import application, call, receipt
from hojokin.workflow.times import window_problem

_KEY = re.compile(r"[\x21-\x7e]{1,128}")


@dataclass(frozen=True)
class Submission:
    receipt: Receipt
    replayed: bool  # submitted before (this key's retry, or another key): its receipt


def document_title(entry: ChecklistItem) -> str:
    number = entry.status.document.number
    return f"No.{number} {entry.status.document.title}" if number else entry.status.document.title


# Where the application page's form asks a program fact, by the fact's file: the page's
# own headings, so that a refusal sends the applicant to the question as it is asked
# there (`tests/web/test_withdraw_and_wording.py` holds the page to them).
FACT_SECTIONS = {
    "company": "事業者情報の「制度ごとの確認事項」",
    "plan": "事業計画の「計画についての確認事項」",
}


def _input_words(name: str, catalog: Catalog) -> str:
    """An input a conditional document waits for, as the application page asks it: the
    question and where the form has it (a client reads the input's name, as the company
    and plan files name it, from the problem's `inputs`)."""
    fact = catalog.facts.get(name.removeprefix("facts."))
    if name.startswith("facts.") and fact is not None:
        return f"「{fact.question}」（{FACT_SECTIONS[fact.scope]}）"
    return name


def problems(
    of_call: Call, assessment: Assessment, held: bool, catalog: Catalog, now: datetime
) -> list[Problem]:
    """Every check of `application.submit` that fails now, in the transition's order."""
    found_problems: list[Problem] = []
    if problem := window_problem(of_call, now):
        found_problems.append(Problem("window_closed", problem))
    if not held:
        found_problems.append(
            Problem(
                "no_booking",
                "受付・確認面談の予約がありません。予約のない申請は受け付けられません",
            )
        )
    if assessment.company is None:
        found_problems.append(Problem("no_company", "事業者情報が入力されていません"))
    if assessment.plan is None:
        found_problems.append(Problem("no_plan", "事業計画が入力されていません"))
    if assessment.check is not None and assessment.verdict == "ineligible":
        for finding in assessment.check.reasons:
            if finding.truth is False:
                said = finding.source.quote if finding.source else finding.code
                found_problems.append(
                    Problem("ineligible", f"申請要件を満たしていません:「{said}」", finding=finding)
                )
    for entry in assessment.checklist:
        if entry.documents:
            continue
        title = document_title(entry)
        if entry.status.status == "required":
            found_problems.append(
                Problem("missing_document", f"{title} が提出されていません", entry.item)
            )
        elif entry.status.status == "conditional" and entry.status.missing:
            asked = "、".join(_input_words(m, catalog) for m in entry.status.missing)
            found_problems.append(
                Problem(
                    "undecided_document",
                    f"{title} が必要かどうか決まりません。次に回答してください: {asked}",
                    entry.item,
                    entry.status.missing,
                )
            )
    return found_problems


def to_confirm(assessment: Assessment) -> tuple[str, ...]:
    """What the rules could not decide and the office checks: requirements that wait
    for an answer or are not encoded, and documents no answer decides."""
    found: list[str] = []
    if assessment.check is not None:
        for finding in assessment.check.warnings:
            if finding.truth is None and finding.code in ("needs_fact", "not_encoded"):
                found.append(finding.source.quote if finding.source else finding.code)
    for entry in assessment.checklist:
        if entry.status.status == "conditional" and not entry.documents:
            condition = entry.status.document.condition or ""
            found.append(f"{document_title(entry)}（{condition}）")
    return tuple(found)


def _notice(confirm: tuple[str, ...]) -> str:
    if not confirm:
        return "申請要件の確認で、要件を満たさない項目や確認が必要な項目はありませんでした。"
    return (
        f"申請要件のうち {len(confirm)} 件は要確認です"
        "（要件を満たさないという判定ではありません）。"
        "申請は受け付けました。事務局が面談等で確認します。"
    )


class Submissions:
    def __init__(self, office: Office) -> None:
        self.office = office
        self.guard = office.guard

    def submit(self, actor: Actor, application_id: int, idempotency_key: str) -> Submission:
        """Submit the application: `NotReady` listing every check that fails, else its
        receipt (the first one, when it was submitted before). The company's users are
        mailed the receipt."""
        if not _KEY.fullmatch(idempotency_key):
            raise Invalid(
                "idempotency_key: 1～128 文字の英数字・記号で指定してください", "idempotency_key"
            )
        with self.guard.unit() as conn:
            current = reach_application(
                self.office, conn, actor, "application.submit", application_id
            )[0]
            found = self._locked(conn, application_id)
            earlier = load_receipt(conn, application_id)
            if earlier is not None:
                return Submission(earlier, True)
            step(APPLICATION_MACHINE, "application.submit", found.status, APPLICATION_STATUS_LABELS)
            of_call = call_of_application(conn, found)
            program, frame = self.office.frame(of_call.program_id, of_call.frame_id)
            catalog = self.office.catalog()
            documents = documents_of(conn, application_id)
            assessment = assess(catalog, program, frame, found, documents)
            now = self.office.now()
            held = active_booking(conn, found.call_id, found.company_id) is not None
            failed = problems(of_call, assessment, held, catalog, now)
            if failed:
                raise NotReady(failed)
            made = self._issue(conn, of_call, found, assessment, idempotency_key)
            move(self.office, conn, current, "application.submit", found, submitted_at=now)
            subject, body = mails.receipt_issued(of_call, made)
            mails.to_company(conn, found.company_id, subject, body, now)
        return Submission(made, False)

    def _locked(self, conn: Connection, application_id: int) -> Application:
        """The application, its row locked until the transaction ends."""
        conn.execute(
            select(application.c.id).where(application.c.id == application_id).with_for_update()
        )
        found = load_application(conn, application_id)
        assert found is not None
        return found

    def _issue(
        self,
        conn: Connection,
        of_call: Call,
        found: Application,
        assessment: Assessment,
        key: str,
    ) -> Receipt:
        seq = conn.execute(
            update(call)
            .where(call.c.id == of_call.id)
            .values(receipts=call.c.receipts + 1)
            .returning(call.c.receipts)
        ).scalar_one()
        confirm = to_confirm(assessment)
        made = Receipt(
            f"{of_call.code}-{seq:05d}",
            found.id,
            of_call.id,
            self.office.now(),
            assessment.verdict or "",
            confirm,
            tuple(
                f"{document_title(entry)}: {d.file_name}（{d.size:,} バイト、SHA-256 {d.sha256}）"
                for entry in assessment.checklist
                for d in entry.documents
            ),
            _notice(confirm),
        )
        detail = {
            "verdict": made.verdict,
            "to_confirm": list(made.to_confirm),
            "documents": list(made.documents),
            "notice": made.notice,
        }
        values = {
            "application_id": found.id,
            "call_id": of_call.id,
            "seq": seq,
            "number": made.number,
            "idempotency_key": key,
            "submitted_at": made.submitted_at,
            "detail": json.dumps(detail, ensure_ascii=False),
        }
        conn.execute(insert(receipt).values(values))
        return made

    def receipt(self, actor: Actor, application_id: int) -> Receipt | None:
        """The application's receipt, once submitted."""
        with self.guard.unit(write=False) as conn:
            reach_application(self.office, conn, actor, "application.read", application_id)
            return load_receipt(conn, application_id)
