"""The Tokyo call as the office runs it, told as a story: the call opened from the
catalog, a booking, the application prepared and submitted in the window for a
受付番号, the office asking for one more document, the interview held and the
application accepted; and the edges of the window, to the second."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from hojokin.accounts.errors import Concealed
from hojokin.workflow.errors import Conflict, NotReady
from hojokin.workflow.inbox import InboxFilter
from tests.files.samples import pdf

from .profiles import COMPANY
from .story import ready
from .world import Office, jst


def test_the_office_runs_the_tokyo_call(office: Office) -> None:
    story = ready(office)
    applicant, staff = office.actor("applicant_1"), office.actor("staff_a")
    app_id = story.application.id
    assert office.flow.allowed_actions(applicant, story.application) == (
        "application.update",
        "document.upload",
        "document.remove",
        "application.withdraw",
    )  # fmt: skip (the window is not open yet: no submit offered)

    # 11月13日（水）10:00: submitted in the window, with an idempotency key.
    office.at(jst(2024, 11, 13, 10))
    assert "application.submit" in office.flow.allowed_actions(applicant, story.application)
    done = office.flow.submissions.submit(applicant, app_id, "submit-1")
    receipt = done.receipt
    assert (receipt.number, done.replayed, receipt.verdict) == ("ZE2024-00001", False, "eligible")
    assert len(receipt.documents) == 11 and receipt.to_confirm == ()
    assert receipt.documents[0].startswith("No.1 申請前確認書(Word ファイル) 原本: 書類1.pdf（")
    mail = office.mails()[-1]
    assert mail.subject.endswith("申請を受け付けました（受付番号 ZE2024-00001）")
    assert "提出日時: 2024年11月13日（水）10:00:00" in mail.body

    # A retry gives the same receipt back, whatever its key; the application is frozen.
    again = office.flow.submissions.submit(applicant, app_id, "submit-1")
    other = office.flow.submissions.submit(office.actor("applicant_1b"), app_id, "submit-2")
    assert again.receipt == other.receipt == receipt and again.replayed and other.replayed
    with pytest.raises(Conflict, match="「提出済」の状態では申請の下書き保存はできません"):
        office.flow.applications.save(applicant, app_id, company=COMPANY)

    # The office's list: Tokyo's staff see it, Toyama's see nothing.
    [row] = office.flow.inbox.list_applications(staff, InboxFilter(status="submitted"))
    assert (row.application.receipt_number, row.company_name) == ("ZE2024-00001", "株式会社一")
    assert row.interview == jst(2024, 11, 14, 10)
    assert office.flow.inbox.list_applications(office.actor("staff_b")) == []

    # 15:00: the office asks for one more document (③); the applicant adds it.
    office.at(jst(2024, 11, 13, 15))
    office.flow.inbox.request_documents(
        staff, app_id, "直近期の納税証明書の原本を追加してください。"
    )
    assert "直近期の納税証明書" in office.mails()[-1].body
    with pytest.raises(Conflict, match="依頼を受けた書類がまだ追加されていません"):
        office.flow.documents.complete(applicant, app_id)
    added = office.flow.documents.upload(applicant, app_id, 6, "納税証明書.pdf", pdf())
    assert added.request_id is not None
    assert office.flow.documents.complete(applicant, app_id).status == "submitted"

    # 11月14日（木）10:00: the interview is held, and the office accepts the application.
    with pytest.raises(Conflict, match="面談済として記録されていない"):
        office.flow.inbox.accept(staff, app_id)
    office.at(jst(2024, 11, 14, 10, 5))
    office.flow.bookings.attend(staff, story.booking.id)
    assert office.flow.inbox.accept(staff, app_id).status == "accepted"

    # Staff read the application's history: every change, upload and download.
    _, stream = office.flow.documents.download(staff, added.id)
    with stream:
        assert stream.read() == pdf()
    history = [e.action for e in office.flow.inbox.history(staff, app_id)]
    assert history[:2] == ["application.create", "application.update"]
    assert history.count("document.upload") == 12
    assert history[-6:] == [
        "application.submit",
        "application.request_documents",
        "document.upload",
        "application.complete_documents",
        "application.accept",
        "document.download",
    ]
    rows = office.flow.inbox.export_rows(staff)
    assert rows[0][:3] == ["受付番号", "状態", "公募回"]
    assert rows[1][:2] == ["ZE2024-00001", "受付完了"]
    with pytest.raises(Concealed):
        office.flow.documents.download(office.actor("applicant_2"), added.id)


def test_the_last_second_of_the_window_is_in_and_the_next_is_out(office: Office) -> None:
    first = ready(office, "applicant_1", slot=1)
    late = ready(office, "applicant_2", slot=2, call=first.call)
    office.at(jst(2024, 11, 22, 17, 0, 0))
    done = office.flow.submissions.submit(office.actor("applicant_1"), first.application.id, "a")
    assert done.receipt.submitted_at == jst(2024, 11, 22, 17)
    office.at(jst(2024, 11, 22, 17, 0, 1))
    with pytest.raises(NotReady) as refused:
        office.flow.submissions.submit(office.actor("applicant_2"), late.application.id, "b")
    assert [p.code for p in refused.value.problems] == ["window_closed"]
    office.at(jst(2024, 11, 13, 8, 59, 59))
    with pytest.raises(NotReady):
        office.flow.submissions.submit(office.actor("applicant_2"), late.application.id, "b")
    office.at(jst(2024, 11, 13, 9))
    assert (
        office.flow.submissions.submit(
            office.actor("applicant_2"), late.application.id, "b"
        ).receipt.number
        == "ZE2024-00002"
    )


def test_concurrent_submits_give_one_receipt(office: Office) -> None:
    story = ready(office)
    office.at(jst(2024, 11, 13, 10))
    keys = [f"key-{n % 3}" for n in range(12)]

    def submit(key: str) -> tuple[str, bool]:
        done = office.flow.submissions.submit(
            office.actor("applicant_1"), story.application.id, key
        )
        return done.receipt.number, done.replayed

    with ThreadPoolExecutor(max_workers=12) as pool:
        outcomes = list(pool.map(submit, keys))
    assert {number for number, _ in outcomes} == {"ZE2024-00001"}
    assert sorted(replayed for _, replayed in outcomes) == [False] + [True] * 11
    submits = [r for r in office.audit_rows() if r.action == "application.submit"]
    assert len(submits) == 1


def test_no_booking_no_application(office: Office) -> None:
    story = ready(office)
    applicant = office.actor("applicant_1")
    office.at(jst(2024, 11, 12, 9))
    office.flow.bookings.cancel(applicant, story.booking.id)
    office.at(jst(2024, 11, 13, 10))
    with pytest.raises(NotReady) as refused:
        office.flow.submissions.submit(applicant, story.application.id, "k")
    assert [p.code for p in refused.value.problems] == ["no_booking"]


def test_a_missed_interview_withdraws_the_submitted_application(office: Office) -> None:
    story = ready(office)
    office.at(jst(2024, 11, 13, 10))
    office.flow.submissions.submit(office.actor("applicant_1"), story.application.id, "k")
    office.at(jst(2024, 11, 14, 11))
    office.flow.bookings.mark_absent(office.actor("staff_a"), story.booking.id)
    after = office.flow.applications.get(office.actor("staff_a"), story.application.id)
    assert (after.status, after.receipt_number) == ("withdrawn", "ZE2024-00001")
    history = office.flow.inbox.history(office.actor("staff_a"), story.application.id)
    assert (history[-1].action, history[-1].after["status"]) == ("booking.mark_absent", "withdrawn")


def test_要確認_is_kept_for_the_office_not_refused(office: Office) -> None:
    story = ready(office)
    applicant = office.actor("applicant_1")
    facts = {k: v for k, v in COMPANY["facts"].items() if k != "tokyo_business_continuation"}
    office.flow.applications.save(
        applicant, story.application.id, company=COMPANY | {"facts": facts}
    )
    office.at(jst(2024, 11, 13, 10))
    receipt = office.flow.submissions.submit(applicant, story.application.id, "k").receipt
    assert receipt.verdict == "to_confirm"
    assert receipt.to_confirm == ("補助事業の成果を活用し、都内で引き続き事業を営む予定であること",)
    assert "1 件は要確認です（要件を満たさないという判定ではありません）" in receipt.notice
