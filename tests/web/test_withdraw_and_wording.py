"""The applicant's 辞退 of an application from its page (asked first, CSRF-checked, the
other company's a missing page), and a refused submit naming an unanswered question as
the application page's form asks it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from hojokin.workflow.submission import FACT_SECTIONS
from tests.accounts.web import Site, sign_in, token_of
from tests.accounts.world import CLI
from tests.web.test_pages import text
from tests.workflow.profiles import COMPANY, PLAN
from tests.workflow.story import ready
from tests.workflow.world import Office, jst


@pytest.fixture
def browsers(site: Site) -> Iterator[dict[str, TestClient]]:
    clients = {}
    for who in ("applicant_1", "applicant_2", "staff_a"):
        client = site.client()
        assert sign_in(client, f"{who}@example.jp").status_code == 303
        clients[who] = client
    yield clients


def _status(office: Office, application_id: int) -> str:
    return office.flow.applications.get(office.actor("applicant_1"), application_id).status


def test_an_applicant_withdraws_after_confirming(
    office: Office, browsers: dict[str, TestClient]
) -> None:
    made = ready(office)
    office.at(jst(2024, 11, 13, 10))
    page = f"/applications/{made.application.id}"
    client = browsers["applicant_1"]
    shown = client.get(page).text
    assert f'href="{page}/withdraw"' in shown and "申請の辞退" in text(shown)
    # The office's page offers no 辞退: it is the applicant's.
    assert f"{page}/withdraw" not in browsers["staff_a"].get(page).text
    confirm = client.get(f"{page}/withdraw")
    assert confirm.status_code == 200
    asked = text(confirm.text)
    assert "への申請を辞退します" in asked and "辞退は取り消せません" in asked
    assert f'action="{page}/withdraw"' in confirm.text
    gone = client.post(f"{page}/withdraw", data={"csrf_token": token_of(confirm)},
                       follow_redirects=False)  # fmt: skip
    assert gone.status_code == 303 and gone.headers["location"] == f"{page}?done=withdrawn"
    assert _status(office, made.application.id) == "withdrawn"
    after = text(client.get(gone.headers["location"]).text)
    assert "申請を辞退しました" in after and "状態 辞退" in after
    assert f"{page}/withdraw" not in client.get(page).text
    # Asked again: it cannot be, said in words, with no form to send.
    again = client.get(f"{page}/withdraw")
    assert "今は辞退できません（状態: 辞退）" in text(again.text)
    assert f'action="{page}/withdraw"' not in again.text
    refused = client.post(f"{page}/withdraw", data={"csrf_token": token_of(again)},
                          follow_redirects=False)  # fmt: skip
    assert refused.status_code == 409


def test_withdrawing_is_refused_to_others_and_without_the_token(
    office: Office, browsers: dict[str, TestClient]
) -> None:
    made = ready(office)
    page = f"/applications/{made.application.id}"
    other = browsers["applicant_2"]
    # Another company's application is a missing one, asked or sent.
    assert other.get(f"{page}/withdraw").status_code == 404
    token = token_of(other.get("/calls"))
    sent = other.post(f"{page}/withdraw", data={"csrf_token": token}, follow_redirects=False)
    assert sent.status_code == 404
    assert "申請は見つかりませんでした" in text(sent.text)
    # The staff may not withdraw for the applicant.
    staff = browsers["staff_a"]
    by_staff = staff.post(f"{page}/withdraw", data={"csrf_token": token_of(staff.get(page))},
                          follow_redirects=False)  # fmt: skip
    assert by_staff.status_code == 403
    # The company's own user with a wrong token: refused, nothing changed.
    wrong = browsers["applicant_1"].post(f"{page}/withdraw", data={"csrf_token": "wrong"},
                                         follow_redirects=False)  # fmt: skip
    assert wrong.status_code == 403 and "何も変更していません" in text(wrong.text)
    assert _status(office, made.application.id) == "draft"


QUESTION = "「設備導入費に1件100万円(税抜)以上の機械装置・工具器具の購入がありますか」"


def test_a_refused_submit_names_the_question_as_the_form_asks_it(
    office: Office, browsers: dict[str, TestClient], site: Site
) -> None:
    made = ready(office)
    applicant = office.actor("applicant_1")
    office.flow.applications.save(applicant, made.application.id, company=COMPANY,
                                  plan=dict(PLAN, facts={}))  # fmt: skip
    office.at(jst(2024, 11, 13, 10))
    page = f"/applications/{made.application.id}"
    client = browsers["applicant_1"]
    form = client.get(page)
    # The page asks the fact with this question under this heading of its plan form.
    assert "計画についての確認事項" in FACT_SECTIONS["plan"]
    assert "<legend>計画についての確認事項（任意）</legend>" in form.text
    assert QUESTION.strip("「」") in text(form.text)
    data = {"csrf_token": token_of(form), "idempotency_key": "wording-1"}
    refused = client.post(f"{page}/submit", data=data, follow_redirects=False)
    assert refused.status_code == 422
    shown = text(refused.text)
    said = f"{QUESTION}（事業計画の「計画についての確認事項」）"
    asked = f"No.11 見積書の写し(2社以上) が必要かどうか決まりません。次に回答してください: {said}"
    assert asked in shown
    assert "facts." not in shown and "equipment_item_over_1m" not in shown
    # The API says the same, and names the input for programs in `inputs`.
    user = office.world.users["applicant_1"]
    secret = office.world.accounts.create_token(CLI, user.id, "テスト")[1]
    answer = site.client().post(
        f"/api/v1{page}/submit",
        json={},
        headers={"Authorization": f"Bearer {secret}", "Idempotency-Key": "wording-2"},
    )
    assert answer.status_code == 409
    problems = answer.json()["problems"]
    [equipment] = [p for p in problems if p["inputs"] == ["facts.equipment_item_over_1m"]]
    assert equipment["code"] == "undecided_document" and equipment["message"] == asked
