"""Hostile text typed into the workflow's forms (the call form's name, the company's
name, the office's request for documents): said in Japanese at the field, with nothing
stored, on each database."""

from __future__ import annotations

from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import Engine

from tests.accounts.web import token_of
from tests.web.test_call_pages import _by_dates, _calls, _field_error
from tests.web.test_pages import text
from tests.web.test_workflow_pages import saved_fields
from tests.workflow.story import ready
from tests.workflow.world import Office, jst

HOSTILE = [
    ("件名\r\nBcc: victim@example.com", "U+000D"),
    ("a\x00b", "U+0000"),
    ("請求書\u202efdp.exe", "U+202E"),
]


def _post(client: TestClient, page: str, action: str, data: dict[str, str]) -> Response:
    token = token_of(client.get(page))
    return client.post(action, data={"csrf_token": token, **data}, follow_redirects=False)


def test_a_call_name_with_a_line_break_or_an_invisible_character_is_refused(
    office: Office, browsers: dict[str, TestClient], engine: Engine
) -> None:
    staff = browsers["staff_a"]
    before = _calls(engine)
    for name, shown in HOSTILE:
        answer = _by_dates(office, staff, name=name)
        assert answer.status_code == 422, text(answer.text)
        said = _field_error(answer.text, "name")
        assert f"公募回の名前に改行・制御文字・見えない文字（{shown}）は使えません" in said
    # A window to the year 2099 is within the form's years, yet not one call.
    far = _by_dates(office, staff, window_end="2099-12-31T17:00:00")
    assert far.status_code == 422
    assert "366 日以内" in _field_error(far.text, "window_end")
    assert _calls(engine) == before


def test_a_company_name_is_refused_at_its_field(
    office: Office, browsers: dict[str, TestClient]
) -> None:
    made = ready(office)
    office.at(jst(2024, 11, 12, 10))
    page = f"/applications/{made.application.id}"
    client = browsers["applicant_1"]
    fields = saved_fields(made.application)
    for name, shown in [*HOSTILE, ("x" * 201, "")]:
        bad = _post(client, page, f"{page}/save", fields | {"name": name})
        assert bad.status_code == 422, name
        said = _field_error(bad.text, "name")
        assert "会社名・屋号" in said and shown in said, said
    after = office.flow.applications.get(office.actor("applicant_1"), made.application.id)
    assert after.company == made.application.company


def test_a_request_for_documents_with_a_control_character_is_refused(
    office: Office, browsers: dict[str, TestClient]
) -> None:
    made = ready(office)
    office.at(jst(2024, 11, 13, 10))
    page = f"/applications/{made.application.id}"
    applicant, staff = browsers["applicant_1"], browsers["staff_a"]
    submitted = _post(applicant, page, f"{page}/submit", {"idempotency_key": "web-1"})
    assert submitted.status_code == 303, text(submitted.text)
    bad = _post(staff, page, f"{page}/request-documents", {"message": "見積書を\x00追加"})
    assert bad.status_code == 422
    assert "依頼の内容に制御文字・見えない文字（U+0000）は使えません" in text(bad.text)
    assert "見積書を" not in text(applicant.get(page).text)
    staff_actor = office.actor("staff_a")
    assert office.flow.applications.view(staff_actor, made.application.id).requests == ()
