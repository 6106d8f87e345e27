"""A criterion's note (the catalog's reading of a source that does not name the area)
is shown with the requirement: on the check results and on the program page; and the
requirements read as sentences there, without the CLI's ○×？ marks."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.test_pages import COMPANY_FORM, text

HOKKAIDO_READING = (
    "本文は対象地域を書いていませんが、北海道の事業のため、"
    "道内に事業所がある事業者を対象と解しています"
)
HIDAKA_READING = (
    "本文は対象地域を書いていませんが、日高振興局の事業のため、"
    "その管内に事業所がある事業者を対象と解しています"
)


def test_check_results_show_the_area_reading(client: TestClient) -> None:
    page = client.post("/check", data=COMPANY_FORM | {"head_office_prefecture": "北海道"})
    assert page.status_code == 200
    assert f'<small class="basis-note">{HOKKAIDO_READING}</small>' in page.text


def test_program_page_shows_the_area_reading(client: TestClient) -> None:
    page = client.get("/programs/hokkaido-hidaka-shoku-brand-kyoka")
    assert page.status_code == 200
    shown = text(page.text)
    assert "判定上の解釈" in shown and HIDAKA_READING in shown


def test_estimate_page_says_no_raw_marks(client: TestClient) -> None:
    # The 休業協力 program's restaurant branch is undecided without facts: its parts were
    # shown as 「？ 主な業態: 飲食店 であること」.
    form = COMPANY_FORM | {"head_office_prefecture": "北海道", "y1_total": "100万円"}
    page = client.post(
        "/programs/hokkaido-kyugyo-kyoryoku-kansen-risk-teigen-shien/estimate", data=form
    )
    shown = text(page.text)
    assert "未確認: 主な業態が飲食店であること" in shown
    assert "？ " not in shown and "○ " not in shown
