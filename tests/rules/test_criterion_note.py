"""A criterion's note travels with its finding into the check/estimate JSON."""

from __future__ import annotations

from hojokin.rules.requirements import Nationwide, OfficesShown
from hojokin.rules.service import Finding, check_company
from hojokin.views.checks import finding_json
from tests.rules.examples import company, program

HIDAKA_READING = (
    "本文は対象地域を書いていませんが、日高振興局の事業のため、"
    "その管内に事業所がある事業者を対象と解しています"
)


def test_the_area_reading_is_in_the_reason_json() -> None:
    (checked,) = check_company(
        [program("hokkaido-hidaka-shoku-brand-kyoka")], company(head_office_prefecture="東京都")
    )
    (area,) = [finding_json(r) for r in checked.reasons if r.code == "area"]
    assert area["passed"] is False
    assert area["note"] == HIDAKA_READING


def test_a_reason_without_a_note_has_no_note_field() -> None:
    assert "note" not in finding_json(
        Finding("area", True, None, True, Nationwide(), OfficesShown("東京都", ()))
    )
