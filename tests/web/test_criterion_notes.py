"""A criterion's note (the catalog's reading of a source that does not name the area)
is shown with the requirement: on the check results and on the program page."""

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
