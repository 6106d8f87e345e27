"""The office's story through /api/v1 on each database: staff open and publish a call,
applicants book, save a draft (read back with its estimate and checklist), upload the
documents and submit with an Idempotency-Key (the same receipt again, also for two
requests at once); staff record the interview, ask for a document, read the history,
accept and export. Uploads that are refused store nothing."""

from __future__ import annotations

import csv
import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from hojokin.accounts.tables import company
from hojokin.workflow.tables import application_document, receipt
from tests.files.samples import pdf, png, xlsx, xlsx_bomb
from tests.workflow.profiles import COMPANY, PLAN
from tests.workflow.story import REQUIRED
from tests.workflow.world import FRAME, MAX_UPLOAD, PROGRAM, jst

from .workflow_app import Served, served

__all__ = ["served"]  # the fixture: a fresh world of each dialect


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _upload(served: Served, who: str, application_id: int, item: Any, name: str, data: bytes,
            kind: str = "application/pdf") -> Any:  # fmt: skip
    files = {"file": (name, data, kind)}
    url = f"/api/v1/applications/{application_id}/documents"
    return served.call(who, "POST", url, data={"item": str(item)}, files=files)


def _actions(body: dict[str, Any]) -> list[str]:
    return [a["action"] for a in body["actions"]]


def _draft(served: Served) -> tuple[int, int, int]:
    """Staff open and publish the call; company 1 books a slot and starts a draft."""
    served.office.at(jst(2024, 6, 1, 10))
    opened = {"program_id": PROGRAM, "frame_id": FRAME, "code": "ze2024", "slot_capacity": 2}
    made = _ok(served.call("staff_a", "POST", "/api/v1/calls", json=opened), 201)
    assert made["code"] == "ZE2024" and made["status"] == "draft" and made["slots"]
    assert "call.publish" in _actions(made)
    assert _ok(served.call("applicant_1", "GET", "/api/v1/calls"))["items"] == []
    _ok(served.call("staff_a", "POST", f"/api/v1/calls/{made['id']}/publish", json={}))
    served.office.at(jst(2024, 10, 1, 10))
    call = _ok(served.call("applicant_1", "GET", f"/api/v1/calls/{made['id']}"))
    slot = call["slots"][9]
    assert slot["places_left"] == 2 and _actions(call) == []
    booked = _ok(served.call("applicant_1", "POST", f"/api/v1/slots/{slot['id']}/bookings",
                             json={}), 201)  # fmt: skip
    assert booked["status_label"] == "予約済" and _actions(booked) == ["booking.cancel"]
    after = _ok(served.call("applicant_2", "GET", f"/api/v1/calls/{made['id']}"))
    assert after["slots"][9]["places_left"] == 1
    draft = _ok(served.call("applicant_1", "POST", f"/api/v1/calls/{made['id']}/applications",
                            json={}))  # fmt: skip
    return made["id"], booked["id"], draft["id"]


def test_the_office_story_over_http(served: Served) -> None:
    call_id, booking_id, draft_id = _draft(served)
    url = f"/api/v1/applications/{draft_id}"
    saved = _ok(served.call("applicant_1", "PATCH", url, json={"company": COMPANY, "plan": PLAN}))
    assert saved["verdict"] is not None and saved["assessment"]["grant_yen"] == 1_000_000_000
    assert saved["booking"]["id"] == booking_id
    assert saved["checklist"][0]["document"]["status"] == "required"
    for item in REQUIRED:
        _ok(_upload(served, "applicant_1", draft_id, item, f"書類{item}.pdf", pdf()), 201)
    served.office.at(jst(2024, 11, 13, 9))
    key = {"Idempotency-Key": "first-try"}
    first = _ok(served.call("applicant_1", "POST", f"{url}/submit", json={}, headers=key), 201)
    again = _ok(served.call("applicant_1b", "POST", f"{url}/submit", json={}, headers=key), 200)
    assert first == again and first["number"] == "ZE2024-00001"
    assert _ok(served.call("applicant_1", "GET", f"{url}/receipt")) == first
    frozen = served.call("applicant_1", "PATCH", url, json={"plan": PLAN})
    assert frozen.status_code == 409 and "提出済" in frozen.json()["error"]["message"]

    served.office.at(jst(2024, 11, 14, 10, 5))
    attended = _ok(served.call("staff_a", "POST", f"/api/v1/bookings/{booking_id}/attend",
                               json={}))  # fmt: skip
    assert attended["status"] == "attended"
    asked = _ok(served.call("staff_a", "POST", f"{url}/document-requests",
                            json={"message": "見積書を追加してください"}), 201)  # fmt: skip
    assert asked["completed_at"] is None
    view = _ok(served.call("applicant_1", "GET", url))
    assert view["status"] == "documents_requested"
    assert _actions(view) == ["document.upload", "application.complete_documents",
                              "application.withdraw"]  # fmt: skip
    # The workbook's entries carry the time it is written: the bytes sent are kept.
    estimate_sheet = xlsx()
    extra = _ok(_upload(served, "applicant_1", draft_id, 18, "見積書.xlsx", estimate_sheet,
                        "application/vnd.ms-excel"), 201)  # fmt: skip
    _ok(served.call("applicant_1", "POST", f"{url}/documents/complete", json={}))
    accepted = _ok(served.call("staff_a", "POST", f"{url}/accept", json={}))
    assert accepted["status_label"] == "受付完了"

    wanted = {"status": "accepted", "call_id": call_id, "frame": FRAME}
    inbox = _ok(served.call("staff_a", "GET", "/api/v1/applications", params=wanted))
    assert inbox["total"] == 1 and inbox["items"][0]["receipt_number"] == "ZE2024-00001"
    assert _ok(served.call("staff_a", "GET", "/api/v1/applications",
                           params={"status": "draft"}))["total"] == 0  # fmt: skip
    history = _ok(served.call("staff_a", "GET", f"{url}/history"))["items"]
    assert {"application.submit", "application.accept", "document.upload"} <= {
        e["action"] for e in history}  # fmt: skip
    exported = served.call("staff_a", "GET", "/api/v1/applications/export.csv")
    assert exported.headers["content-type"] == "text/csv; charset=utf-8"
    assert "filename*=UTF-8''" in exported.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][0] == "受付番号" and rows[1][:2] == ["ZE2024-00001", "受付完了"]

    download = served.call("staff_a", "GET", f"/api/v1/documents/{extra['id']}")
    assert download.status_code == 200 and download.content == estimate_sheet
    assert download.headers["content-type"] == extra["media_type"]
    assert download.headers["content-disposition"] == (
        f'attachment; filename="document-{extra["id"]}.xlsx"; '
        "filename*=UTF-8''%E8%A6%8B%E7%A9%8D%E6%9B%B8.xlsx"
    )
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["cache-control"] == "private, no-store"
    assert served.call("staff_b", "GET", f"/api/v1/documents/{extra['id']}").status_code == 404
    assert served.call("applicant_2", "GET", f"/api/v1/documents/{extra['id']}").status_code == 404


def test_submit_needs_its_key_and_names_every_problem(served: Served) -> None:
    _, _, draft_id = _draft(served)
    url = f"/api/v1/applications/{draft_id}/submit"
    keyless = served.call("applicant_1", "POST", url, json={})
    assert keyless.status_code == 422 and keyless.json()["error"]["field"] == "Idempotency-Key"
    refused = served.call("applicant_1", "POST", url, json={}, headers={"Idempotency-Key": "k"})
    assert refused.status_code == 409
    codes = [p["code"] for p in refused.json()["problems"]]
    assert codes[:3] == ["window_closed", "no_company", "no_plan"]
    assert "申請を提出できません" in refused.json()["error"]["message"]


def test_two_submits_at_once_give_one_receipt(served: Served) -> None:
    _, _, draft_id = _draft(served)
    url = f"/api/v1/applications/{draft_id}"
    _ok(served.call("applicant_1", "PATCH", url, json={"company": COMPANY, "plan": PLAN}))
    for item in REQUIRED:
        _ok(_upload(served, "applicant_1", draft_id, item, f"書類{item}.pdf", pdf()), 201)
    served.office.at(jst(2024, 11, 13, 9))

    def submit(key: str) -> Any:
        return served.call("applicant_1", "POST", f"{url}/submit", json={},
                           headers={"Idempotency-Key": key})  # fmt: skip

    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(submit, ["same", "same"]))
    assert sorted(a.status_code for a in answers) == [200, 201]
    assert answers[0].json() == answers[1].json()
    with served.flow.office.guard.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(receipt)).scalar_one() == 1


def _kept(served: Served) -> tuple[int, list[Path]]:
    with served.flow.office.guard.engine.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(application_document)).scalar_one()
    files = [p for p in served.files.rglob("*") if p.is_file()] if served.files.exists() else []
    return rows, files


BAD_UPLOADS = [
    ("wrong type", 1, "メモ.txt", b"plain text", "text/plain", 422, "受け付けられない種類"),
    ("zero bytes", 1, "空.pdf", b"", "application/pdf", 422, "空のファイル"),
    ("PDF named .xlsx", 1, "表.xlsx", pdf(), "application/pdf", 422, "拡張子（.xlsx）と中身"),
    ("path", 1, "../../etc/passwd.pdf", pdf(), "application/pdf", 422, "フォルダの指定"),
    ("control", 1, "a\u202egpj.pdf", pdf(), "application/pdf", 422, "制御文字"),
    ("item 0", 0, "a.pdf", pdf(), "application/pdf", 422, "書類の番号は 1～"),
    ("item text", "一", "a.pdf", pdf(), "application/pdf", 422, "整数で"),
    ("zip bomb", 1, "bomb.xlsx", xlsx_bomb(12 * 1024 * 1024), "application/vnd.ms-excel", 422,
     "圧縮率が異常です"),
    ("too large", 1, "大.pdf", pdf() + b"0" * MAX_UPLOAD, "application/pdf", 413, "大きすぎます"),
    ("far too large", 1, "大.pdf", b"%PDF-" + b"0" * (MAX_UPLOAD * 3), "application/pdf", 413,
     "大きすぎます"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("item", "name", "data", "kind", "status", "said"),
    [case[1:] for case in BAD_UPLOADS],
    ids=[case[0] for case in BAD_UPLOADS],
)
def test_a_refused_upload_is_named_and_nothing_is_kept(
    served: Served, item: Any, name: str, data: bytes, kind: str, status: int, said: str
) -> None:
    _, _, draft_id = _draft(served)
    before = _kept(served)
    refused = _upload(served, "applicant_1", draft_id, item, name, data, kind)
    assert refused.status_code == status, refused.text
    assert said in refused.json()["error"]["message"]
    assert _kept(served) == before


def test_uploads_without_a_file_or_as_json_are_refused(served: Served) -> None:
    _, _, draft_id = _draft(served)
    url = f"/api/v1/applications/{draft_id}/documents"
    no_file = served.call("applicant_1", "POST", url, data={"item": "1"}, files={"x": ("a", b"")})
    assert no_file.status_code == 422 and no_file.json()["error"]["field"] == "file"
    assert served.call("applicant_1", "POST", url, json={"item": 1}).status_code == 422
    other = _upload(served, "applicant_2", draft_id, 1, "a.png", png(), "image/png")
    assert other.status_code == 404
    staff = _upload(served, "staff_a", draft_id, 1, "a.png", png(), "image/png")
    assert staff.status_code == 403
    assert _kept(served)[0] == 0


@pytest.mark.parametrize(
    "name", ["=cmd|' /C calc'!A0", "@SUM(1+1)*cmd", "+81 3", "-2+3", "\t=1+1", "\r=1+1"]
)
def test_the_api_export_keeps_a_formula_as_text(served: Served, name: str) -> None:
    # The company's name is whatever its registration says; the export must not let a
    # spreadsheet run it.
    _draft(served)
    with served.office.flow.office.guard.engine.begin() as conn:
        conn.execute(
            update(company).where(company.c.id == served.office.world.company_1).values(name=name)
        )
    exported = served.call("staff_a", "GET", "/api/v1/applications/export.csv")
    assert exported.status_code == 200
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"), newline="")))
    assert rows[1][4] == "'" + name
