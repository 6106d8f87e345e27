"""The workflow's pages without a browser: each page for every role and the other
tenant, CSRF on every form, uploads refused in Japanese with nothing stored, the
submit's idempotency key, the office's list, actions and exports."""

from __future__ import annotations

import csv
import io
import re
import zipfile

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from hojokin.views.sheets import csv_file
from hojokin.web.application_form import stored_form
from hojokin.workflow.records import Application
from hojokin.workflow.tables import application_document
from tests.accounts.web import token_of
from tests.files.samples import pdf
from tests.web.conftest import ROLES
from tests.web.test_pages import text
from tests.workflow.story import Ready, ready
from tests.workflow.world import Office, jst

FIRST_DOCUMENT = "申請前確認書(Word ファイル) 原本"
# A <form> after a <p> opened and not closed: the parser would close the <p> early.
_FORM_IN_P = re.compile(r"<p\b(?:(?!</p>).)*?<form\b", re.S)


def saved_fields(application: Application) -> dict[str, str]:
    """The application form's single fields as its page fills them from what is stored."""
    stored = stored_form(application.company, application.plan).data
    return {name: values[0] for name, values in stored.items() if len(values) == 1}


def _post(client: TestClient, page: str, action: str, data: dict[str, str] | None = None,
          **kwargs: object) -> object:  # fmt: skip
    token = token_of(client.get(page))
    return client.post(action, data={"csrf_token": token, **(data or {})},
                       follow_redirects=False, **kwargs)  # type: ignore[arg-type]  # fmt: skip


def test_each_page_for_each_role(office: Office, browsers: dict[str, TestClient]) -> None:
    made = ready(office)
    office.at(jst(2024, 11, 13, 10))
    app_id, call_id = made.application.id, made.call.id
    pages = {
        "calls": "/calls",
        "call": f"/calls/{call_id}",
        "application": f"/applications/{app_id}",
        "cancel": f"/bookings/{made.booking.id}/cancel",
        "inbox": "/office/applications",
    }
    seen = {(who, name): browsers[who].get(path, follow_redirects=False).status_code
            for who in [*ROLES, "anonymous"] for name, path in pages.items()}  # fmt: skip
    for name, path in pages.items():
        assert seen[("anonymous", name)] == 303
        answer = browsers["anonymous"].get(path, follow_redirects=False)
        assert answer.headers["location"].startswith("/signin?next=/")
    # The company's own users and the issuer's staff see the application; the other
    # company, the other issuer and a reviewer get the page of a missing one.
    for who in ("applicant_1", "applicant_1b", "staff_a", "admin"):
        assert seen[(who, "application")] == 200, who
    for who in ("applicant_2", "staff_b"):
        assert seen[(who, "application")] == 404, who
        assert "申請は見つかりませんでした" in text(browsers[who].get(pages["application"]).text)
    # A reviewer reaches no application yet (assignments come with the review).
    assert seen[("reviewer_a", "application")] == 403
    # A published call is every applicant's; another issuer's staff do not see it.
    assert seen[("applicant_2", "call")] == 200 and seen[("staff_b", "call")] == 404
    assert seen[("reviewer_a", "calls")] == 403
    assert seen[("applicant_2", "cancel")] == 404 and seen[("staff_a", "cancel")] == 200
    # The list: each issuer's staff their own applications; it is no applicant's (their
    # own company's applications are on 公募一覧), and the service refuses them.
    assert seen[("staff_a", "inbox")] == 200 and seen[("staff_b", "inbox")] == 200
    for who in ("applicant_1", "applicant_2", "reviewer_a"):
        assert seen[(who, "inbox")] == 403, who
    refused = text(browsers["applicant_1"].get(pages["inbox"]).text)
    assert "申請一覧の閲覧" in refused and "権限がありません" in refused
    assert browsers["applicant_1"].get("/office/applications/export?format=csv").status_code == 403
    own = text(browsers["applicant_1"].get(pages["calls"]).text)
    assert "自社の申請" in own and "下書き" in own
    assert "まだ申請はありません" in text(browsers["applicant_2"].get(pages["calls"]).text)
    assert "株式会社一" in browsers["staff_a"].get("/office/applications").text
    assert "株式会社一" not in browsers["staff_b"].get("/office/applications").text
    # The header offers each role what it may use.
    header = {who: browsers[who].get("/account").text for who in ROLES}
    assert "公募一覧" in header["applicant_1"] and "申請一覧" not in header["applicant_1"]
    assert "申請一覧" in header["staff_a"] and "公募一覧" in header["staff_a"]
    assert "公募一覧" not in header["reviewer_a"] and "申請一覧" not in header["reviewer_a"]


def test_the_call_page_shows_the_calendar_and_full_slots(
    office: Office, browsers: dict[str, TestClient]
) -> None:
    call = office.tokyo_call()
    office.at(jst(2024, 10, 1, 10))
    page = text(browsers["applicant_1"].get(f"/calls/{call.id}").text)
    assert "11月13日（水）" in page and "11月16日" not in page  # a Saturday
    assert "11月13日（水）09:00～10:00" in page and "残り 1 枠" in page
    first = office.flow.calls.slots(office.actor("applicant_1"), call.id)[0]
    booked = _post(browsers["applicant_2"], f"/calls/{call.id}", f"/calls/{call.id}/book",
                   {"slot_id": str(first.id)})  # fmt: skip
    assert booked.status_code == 303  # type: ignore[attr-defined]
    after = text(browsers["applicant_1"].get(f"/calls/{call.id}").text)
    assert "満席" in after
    mine = text(browsers["applicant_2"].get(f"/calls/{call.id}?done=booked").text)
    assert "面談を予約しました" in mine and "ご予約中の受付・確認面談" in mine
    # A second booking is refused in words; cancelling asks first, then frees the place.
    again = _post(browsers["applicant_2"], f"/calls/{call.id}", f"/calls/{call.id}/book",
                  {"slot_id": str(first.id + 1)})  # fmt: skip
    assert again.status_code == 409  # type: ignore[attr-defined]
    assert "すでに予約があります" in text(again.text)  # type: ignore[attr-defined]
    booking = office.flow.bookings.of_call(office.actor("applicant_2"), call.id)[0]
    confirm = browsers["applicant_2"].get(f"/bookings/{booking.id}/cancel")
    assert "辞退する" in confirm.text
    gone = _post(browsers["applicant_2"], f"/bookings/{booking.id}/cancel",
                 f"/bookings/{booking.id}/cancel")  # fmt: skip
    assert gone.status_code == 303  # type: ignore[attr-defined]
    assert "満席" not in text(browsers["applicant_1"].get(f"/calls/{call.id}").text)
    # Once a slot has begun it takes no booking, and says so rather than its places.
    office.at(jst(2024, 11, 13, 9, 30))
    begun = text(browsers["applicant_1"].get(f"/calls/{call.id}").text)
    assert begun.count("受付終了") == 1 and begun.count("残り 1 枠") == 63


def test_every_form_needs_its_csrf_token(office: Office, browsers: dict[str, TestClient]) -> None:
    made = ready(office)
    app_id = made.application.id
    forms = [
        f"/calls/{made.call.id}/book",
        f"/calls/{made.call.id}/apply",
        f"/bookings/{made.booking.id}/cancel",
        f"/applications/{app_id}/save",
        f"/applications/{app_id}/submit",
        f"/applications/{app_id}/documents",
        f"/applications/{app_id}/complete",
        f"/applications/{app_id}/withdraw",
        f"/applications/{app_id}/accept",
        f"/applications/{app_id}/request-documents",
        f"/bookings/{made.booking.id}/attend",
        f"/bookings/{made.booking.id}/absent",
    ]
    before = office.flow.applications.get(office.actor("applicant_1"), app_id)
    for path in forms:
        for who in ("applicant_1", "staff_a"):
            answer = browsers[who].post(path, data={"csrf_token": "wrong"})
            assert answer.status_code == 403, path
            assert "何も変更していません" in text(answer.text)
    assert office.flow.applications.get(office.actor("applicant_1"), app_id) == before


def _stored(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(select(func.count()).select_from(application_document)).scalar_one()
        )


def test_bad_uploads_are_refused_in_japanese_and_nothing_is_stored(
    office: Office, browsers: dict[str, TestClient], engine: Engine
) -> None:
    call = office.tokyo_call()
    office.at(jst(2024, 10, 1, 10))
    draft = office.flow.applications.start(office.actor("applicant_1"), call.id)
    page = f"/applications/{draft.id}"
    client = browsers["applicant_1"]
    before = _stored(engine)
    for name, body, said in (
        ("申請書.pdf", b"<html><script>alert(1)</script></html>", "PDF"),
        ("申請書.exe", b"MZ\x90\x00", "PDF"),
        ("空.pdf", b"", "ファイル"),
    ):
        refused = _post(client, page, f"{page}/documents", {"item": "1"},
                        files={"file": (name, body)})  # fmt: skip
        assert refused.status_code == 422, name  # type: ignore[attr-defined]
        assert said in text(refused.text)  # type: ignore[attr-defined]
    for item in ("999", "abc", "１", "9" * 30, "-1", ""):
        wrong = _post(client, page, f"{page}/documents", {"item": item},
                      files={"file": ("a.pdf", pdf())})  # fmt: skip
        assert wrong.status_code == 422, item  # type: ignore[attr-defined]
        shown = text(wrong.text)  # type: ignore[attr-defined]
        assert "書類の番号は 1～18 で指定してください" in shown, item
        assert "ファイルを選んでください" not in shown, item
    assert _stored(engine) == before
    taken = _post(client, page, f"{page}/documents", {"item": "1"},
                  files={"file": ("申請書.pdf", pdf())})  # fmt: skip
    assert taken.status_code == 303 and _stored(engine) == before + 1  # type: ignore[attr-defined]
    # Another company cannot add to it.
    other = _post(browsers["applicant_2"], "/calls", f"{page}/documents", {"item": "1"},
                  files={"file": ("a.pdf", pdf())})  # fmt: skip
    assert other.status_code == 404 and _stored(engine) == before + 1  # type: ignore[attr-defined]


def _submit_twice(client: TestClient, page: str) -> None:
    """Submit with the form's key, then again as a double click: one receipt."""
    form = client.get(page).text
    key = re.search(r'name="idempotency_key" value="([^"]+)"', form)
    assert key is not None
    data = {"csrf_token": token_of(client.get(page)), "idempotency_key": key.group(1)}
    first = client.post(f"{page}/submit", data=data, follow_redirects=False)
    again = client.post(f"{page}/submit", data=data, follow_redirects=False)
    assert first.status_code == again.status_code == 303
    assert first.headers["location"] == again.headers["location"] == f"{page}/receipt"


def _submitted(office: Office, browsers: dict[str, TestClient]) -> tuple[Ready, str]:
    made = ready(office)
    office.at(jst(2024, 11, 13, 10))
    page = f"/applications/{made.application.id}"
    _submit_twice(browsers["applicant_1"], page)
    return made, page


def test_the_application_is_saved_submitted_and_its_receipt_printed(
    office: Office, browsers: dict[str, TestClient]
) -> None:
    made = ready(office)
    office.at(jst(2024, 11, 12, 10))
    page = f"/applications/{made.application.id}"
    client = browsers["applicant_1"]
    shown = client.get(page).text
    # The saved profile and plan fill the forms; the estimate and checklist are shown.
    assert 'value="100000000"' in shown and 'value="600000000"' in shown
    assert "交付見込額" in text(shown) and "該当する場合に必要" not in text(shown)
    # The checklist once, with the uploaded files' remove forms outside any paragraph.
    assert shown.count(f">{FIRST_DOCUMENT}</th>") == 1
    assert "削除" in shown and not _FORM_IN_P.search(shown)
    # Saving the form as shown keeps what was stored; a bad value is named at its field.
    fields = saved_fields(made.application)
    saved = _post(client, page, f"{page}/save", fields)
    assert saved.status_code == 303  # type: ignore[attr-defined]
    after = office.flow.applications.get(office.actor("applicant_1"), made.application.id)
    assert after.company == made.application.company and after.plan == made.application.plan
    bad = _post(client, page, f"{page}/save", fields | {"capital": "たくさん"})
    assert bad.status_code == 422  # type: ignore[attr-defined]
    assert "資本金（出資の総額）" in text(bad.text)  # type: ignore[attr-defined]
    # Before the window opens, submitting names the problem and issues nothing.
    early = _post(client, page, f"{page}/submit", {"idempotency_key": "early-1"})
    assert early.status_code == 422  # type: ignore[attr-defined]
    assert "申請書提出期間" in text(early.text)  # type: ignore[attr-defined]
    office.at(jst(2024, 11, 13, 10))
    made_page = client.get(page).text
    assert "提出する" in made_page
    _submit_twice(client, page)
    receipt = text(client.get(f"{page}/receipt").text)
    assert "受付番号 ZE2024-00001" in receipt and "2024年11月13日（水）10:00:00" in receipt
    assert "SHA-256" in receipt and "ゼロエミッション" in receipt
    # Submitted: no form to edit or submit any more.
    frozen = client.get(page).text
    assert "下書き保存" not in frozen and "提出する" not in frozen
    assert browsers["applicant_2"].get(f"{page}/receipt").status_code == 404


def test_a_fiscal_year_that_is_not_one_year_is_refused_at_its_field(
    office: Office, browsers: dict[str, TestClient]
) -> None:
    made = ready(office)
    office.at(jst(2024, 11, 12, 10))
    page = f"/applications/{made.application.id}"
    client = browsers["applicant_1"]
    fields = saved_fields(made.application)
    assert "y1_fy" in fields
    for typed in ("2027-2028", "-1999", "FY2027", "--2027", "+2027"):
        bad = _post(client, page, f"{page}/save", fields | {"y1_fy": typed})
        assert bad.status_code == 422, typed  # type: ignore[attr-defined]
        shown = text(bad.text)  # type: ignore[attr-defined]
        assert "1年度目の年度" in shown and "年度を西暦か和暦で入力してください" in shown
    after = office.flow.applications.get(office.actor("applicant_1"), made.application.id)
    assert after.plan == made.application.plan
    saved = _post(client, page, f"{page}/save", fields | {"y1_fy": "令和6年度"})
    assert saved.status_code == 303  # type: ignore[attr-defined]


def test_withdrawing_says_and_does_that_the_booking_goes_too(
    office: Office, browsers: dict[str, TestClient]
) -> None:
    made = ready(office)
    page = f"/applications/{made.application.id}"
    client = browsers["applicant_1"]
    asked = text(client.get(f"{page}/withdraw").text)
    assert "受付・確認面談の予約（11月14日（木）10:00～11:00）も取り消されます" in asked
    gone = _post(client, f"{page}/withdraw", f"{page}/withdraw")
    assert gone.status_code == 303  # type: ignore[attr-defined]
    booking = office.flow.bookings.get(office.actor("staff_a"), made.booking.id)
    assert booking.status == "cancelled"


def test_the_office_lists_acts_and_exports(office: Office, browsers: dict[str, TestClient]) -> None:
    made, page = _submitted(office, browsers)
    staff = browsers["staff_a"]
    listed = text(staff.get("/office/applications?status=submitted&sort=number").text)
    assert "ZE2024-00001" in listed and "株式会社一" in listed
    assert "ZE2024-00001" not in text(staff.get("/office/applications?status=accepted").text)
    assert staff.get("/office/applications?status=nonsense").status_code == 400
    # The office's page: history in JST, and only the actions allowed now.
    shown = text(staff.get(page).text)
    assert "申請の提出" in shown and "2024年11月13日（水）10:00:00" in shown
    assert "受付完了にする" in shown and "面談済にする" not in shown  # before the interview
    assert staff.get(page).text.count(f">{FIRST_DOCUMENT}</th>") == 1
    document = office.flow.applications.view(office.actor("staff_a"), made.application.id)
    first = document.assessment.checklist[0].documents[0]
    download = staff.get(f"/files/{first.id}")
    assert download.status_code == 200 and download.content == pdf()
    assert download.headers["content-disposition"].startswith("attachment;")
    assert download.headers["x-content-type-options"] == "nosniff"
    assert browsers["applicant_2"].get(f"/files/{first.id}").status_code == 404
    office.at(jst(2024, 11, 14, 10, 30))
    attended = _post(staff, page, f"/bookings/{made.booking.id}/attend",
                     {"application_id": str(made.application.id)})  # fmt: skip
    assert attended.status_code == 303  # type: ignore[attr-defined]
    accepted = _post(staff, page, f"{page}/accept")
    assert accepted.status_code == 303  # type: ignore[attr-defined]
    assert "受付完了" in text(staff.get(f"{page}?done=accepted").text)
    # Another issuer's staff and the applicant cannot accept.
    assert _post(browsers["staff_b"], "/calls", f"{page}/accept").status_code == 404  # type: ignore[attr-defined]
    assert _post(browsers["applicant_1"], page, f"{page}/accept").status_code == 403  # type: ignore[attr-defined]
    csv_file = staff.get("/office/applications/export?format=csv&status=accepted")
    assert csv_file.content.startswith(b"\xef\xbb\xbf")
    assert csv_file.headers["content-disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(csv_file.content.decode("utf-8-sig"))))
    assert rows[0][0] == "受付番号" and rows[1][0] == "ZE2024-00001" and len(rows) == 2
    xlsx = staff.get("/office/applications/export?format=xlsx")
    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as book:
        assert "ZE2024-00001" in book.read("xl/worksheets/sheet1.xml").decode()
    assert staff.get("/office/applications/export?format=pdf").status_code == 400
    assert browsers["reviewer_a"].get("/office/applications/export?format=csv").status_code == 403


def test_the_interview_is_recorded_absent_from_the_list_or_the_application(
    office: Office, browsers: dict[str, TestClient]
) -> None:
    made, page = _submitted(office, browsers)
    staff = browsers["staff_a"]
    office.at(jst(2024, 11, 14, 10, 30))
    # The other issuer's staff and the applicant are refused.
    for who, status in (("staff_b", 404), ("applicant_1", 403)):
        refused = _post(browsers[who], "/calls", f"/bookings/{made.booking.id}/absent")
        assert refused.status_code == status, who  # type: ignore[attr-defined]
    absent = _post(staff, "/office/applications", f"/bookings/{made.booking.id}/absent")
    assert absent.status_code == 303  # type: ignore[attr-defined]
    assert absent.headers["location"] == "/office/applications?done=absent"  # type: ignore[attr-defined]
    shown = text(staff.get(f"{page}?done=absent").text)
    assert "欠席" in shown and "辞退" in shown
    booking = office.flow.bookings.get(office.actor("staff_a"), made.booking.id)
    assert booking.status == "absent"


def test_removing_a_file_is_named_as_such_when_refused(
    office: Office, browsers: dict[str, TestClient]
) -> None:
    made, page = _submitted(office, browsers)
    view = office.flow.applications.view(office.actor("applicant_1"), made.application.id)
    first = view.assessment.checklist[0].documents[0]
    frozen = _post(browsers["applicant_1"], page, f"/files/{first.id}/remove")
    assert frozen.status_code == 409  # type: ignore[attr-defined]
    shown = text(frozen.text)  # type: ignore[attr-defined]
    assert "「提出済」の状態では書類の削除はできません" in shown and "下書き保存" not in shown
    for who in ("staff_a", "reviewer_a"):
        refused = _post(browsers[who], "/calls", f"/files/{first.id}/remove")
        assert refused.status_code == 403, who  # type: ignore[attr-defined]
        shown = text(refused.text)  # type: ignore[attr-defined]
        assert "書類の削除" in shown and "下書き保存" not in shown, who


def test_the_office_asks_for_documents_and_the_applicant_adds_them(
    office: Office, browsers: dict[str, TestClient]
) -> None:
    page = _submitted(office, browsers)[1]
    staff, applicant = browsers["staff_a"], browsers["applicant_1"]
    empty = _post(staff, page, f"{page}/request-documents", {"message": "  "})
    assert empty.status_code == 422  # type: ignore[attr-defined]
    asked = _post(staff, page, f"{page}/request-documents", {"message": "見積書を追加してください"})
    assert asked.status_code == 303  # type: ignore[attr-defined]
    shown = text(applicant.get(page).text)
    assert "見積書を追加してください" in shown and "アップロード" in shown
    assert "追加書類を提出" in shown and "下書き保存" not in shown
    added = _post(applicant, page, f"{page}/documents", {"item": "6"},
                  files={"file": ("見積書.pdf", pdf())})  # fmt: skip
    assert added.status_code == 303  # type: ignore[attr-defined]
    completed = _post(applicant, page, f"{page}/complete")
    assert completed.status_code == 303  # type: ignore[attr-defined]
    assert "提出済" in text(applicant.get(page).text)


def test_a_formula_in_a_cell_is_text_in_the_csv() -> None:
    data = csv_file(["=名前"], [["=1+1"], ["+81"], ["-2"], ["@SUM(A1)"], ["株式会社一"], [5]])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["'=名前"], ["'=1+1"], ["'+81"], ["'-2"], ["'@SUM(A1)"], ["株式会社一"], ["5"]]


def test_an_id_past_the_database_column_is_a_missing_page(browsers: dict[str, TestClient]) -> None:
    # The ids are 32-bit columns: PostgreSQL refuses a larger one in a query, so the
    # service answers "not found" before it asks.
    far = 2**31
    for who, path in [
        ("applicant_1", f"/applications/{far}"),
        ("applicant_1", f"/applications/{far}/receipt"),
        ("applicant_1", f"/applications/{far}/withdraw"),
        ("applicant_1", f"/bookings/{far}/cancel"),
        ("applicant_1", f"/files/{far}"),
        ("staff_a", f"/applications/{far}"),
        ("staff_a", f"/files/{far}"),
    ]:
        response = browsers[who].get(path)
        assert response.status_code == 404, (who, path, response.text[:200])
    for path in (f"/applications/{far}/withdraw", f"/applications/{far}/complete",
                 f"/files/{far}/remove"):  # fmt: skip
        response = _post(browsers["applicant_1"], "/calls", path)
        assert response.status_code == 404, (path, response.text[:200])  # type: ignore[attr-defined]


def test_an_address_whose_id_is_not_a_number_is_the_missing_page(
    browsers: dict[str, TestClient],
) -> None:
    for path in ("/calls/abc", "/applications/1x", "/files/-", "/office/calls/%E4%B8%80"):
        response = browsers["staff_a"].get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html")
        assert "見つかりません" in response.text
    # The API keeps its JSON answers.
    assert "error" in browsers["staff_a"].get("/api/v1/calls/abc").json()
