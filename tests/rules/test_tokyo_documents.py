"""Tokyo's 申請に必要な書類 (別紙1-1 lines 533-566, 別紙1-2 lines 568-600) for one company.

Without a plan (`check`) the documents that hang on plan facts are 該当する場合に必要; a
plan that states the fact decides them. The sample company is a Tokyo manufacturer
(株式会社) founded 2015-04-01.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from hojokin.catalog.schema import Frame, RequiredDocument
from hojokin.rules.company_row import company_row
from hojokin.rules.documents import DocumentStatus, document_status
from hojokin.rules.service import check_company, estimate
from hojokin.views.requirements import document_condition, document_reason
from tests.rules.examples import TOKYO, company, frame, plan, program

ZERO, GENERAL = "zero-emission", "university-general"


def checked(frame_id: str, **changes: Any) -> list[DocumentStatus]:
    """The documents `check` lists for the sample company with `changes` (no plan)."""
    checks = check_company([program(TOKYO)], company(**changes))
    return next(c for c in checks if c.frame.id == frame_id).documents


def estimated(frame_id: str, facts: dict[str, Any], **changes: Any) -> list[DocumentStatus]:
    """The documents `estimate` lists for a plan whose facts are `facts`."""
    result = estimate(program(TOKYO), frame(TOKYO, frame_id), company(**changes), plan(facts=facts))
    return result.check.documents


def status(documents: list[DocumentStatus], number: int, part: str = "") -> str:
    """The status of document No.`number`; `part` picks one of its parts by a phrase."""
    [match] = [
        d for d in documents if d.document.number == number and part in (d.document.part or "")
    ]
    return match.status


def test_sample_company_without_a_plan_zero_emission_checklist() -> None:
    # A 株式会社: the 法人 part of No.3 and No.5; no facts: No.4, 7, 11, 12 undecided;
    # No.14 「提出は任意」.
    assert [(d.document.number, d.status) for d in checked(ZERO)] == [
        (1, "required"),
        (2, "required"),
        (3, "required"),
        (3, "not_required"),
        (4, "conditional"),
        (5, "required"),
        (5, "not_required"),
        (6, "required"),
        (7, "conditional"),
        (7, "conditional"),
        (7, "conditional"),
        (8, "required"),
        (9, "required"),
        (10, "required"),
        (11, "conditional"),
        (12, "conditional"),
        (13, "required"),
        (14, "optional"),
    ]


def test_university_letters_make_no9_required_in_the_general_frame() -> None:
    documents = checked(GENERAL, university_venture=["イ"])
    assert status(documents, 9) == "required"
    [no9] = [d for d in documents if d.document.number == 9]
    assert document_reason(no9) == "大学発ベンチャー区分: イ"
    assert no9.document.cite.line_start == 579


def test_without_letters_no9_is_not_required() -> None:
    # 区分C 一般区分: no letter ア–エ, so there is nothing to prove.
    assert status(checked(GENERAL), 9) == "not_required"


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"equipment_item_over_1m": True}, "required"),
        ({"equipment_item_over_1m": False}, "not_required"),
        ({}, "conditional"),
    ],
)
def test_quotes_follow_equipment_over_1m(facts: dict[str, Any], expected: str) -> None:
    # 見積書の写し(2社以上): No.11 of 別紙1-1, No.10 of 別紙1-2.
    assert status(estimated(ZERO, facts), 11) == expected
    assert status(estimated(GENERAL, facts), 10) == expected


def test_quotes_are_conditional_without_a_plan_and_say_what_is_missing() -> None:
    [quotes] = [d for d in checked(ZERO) if d.document.number == 11]
    assert quotes.status == "conditional"
    assert quotes.missing == ("facts.equipment_item_over_1m",)
    assert document_reason(quotes) == "未入力のため判定できません: facts.equipment_item_over_1m"
    condition = document_condition(quotes)
    assert condition is not None and "100 万円(税抜)以上" in condition


@pytest.mark.parametrize(
    ("filed", "licensed", "expected"),
    [
        (True, False, "required"),
        (False, True, "required"),
        (True, True, "required"),
        (False, False, "not_required"),
    ],
)
def test_patent_copies_when_filed_held_or_licensed(
    filed: bool, licensed: bool, expected: str
) -> None:
    facts = {"industrial_property_filed_or_held": filed, "license_from_other_company": licensed}
    assert status(estimated(ZERO, facts), 12) == expected
    assert status(estimated(GENERAL, facts), 11) == expected


def test_one_patent_answer_can_decide_alone() -> None:
    # Either fact makes the copies required, so "yes" to one decides without the other;
    # "no" to one leaves it open until the other is answered.
    assert status(estimated(ZERO, {"industrial_property_filed_or_held": True}), 12) == "required"
    assert status(estimated(ZERO, {"license_from_other_company": False}), 12) == "conditional"


def test_investment_completed_asks_for_the_contract_and_payment_proof() -> None:
    documents = estimated(ZERO, {"investment_completed": True, "investment_split_payment": False})
    assert status(documents, 7, "契約書の写し") == "required"
    assert status(documents, 7, "意向確認書") == "not_required"
    assert status(documents, 7, "出資等分割支払確認書") == "not_required"


def test_investment_not_completed_and_split_asks_for_both_forms() -> None:
    documents = estimated(ZERO, {"investment_completed": False, "investment_split_payment": True})
    assert status(documents, 7, "契約書の写し") == "not_required"
    assert status(documents, 7, "別紙 31「意向確認書」") == "required"
    assert status(documents, 7, "別紙 32「出資等分割支払確認書」") == "required"


def test_general_frame_names_its_own_annex_numbers() -> None:
    # 別紙1-2 No.7: the same forms are 別紙29 and 別紙30 there.
    documents = estimated(
        GENERAL, {"investment_completed": False, "investment_split_payment": True}
    )
    assert status(documents, 7, "別紙 29「意向確認書」") == "required"
    assert status(documents, 7, "別紙 30「出資等分割支払確認書」") == "required"


def test_split_payment_alone_decides_only_its_own_part() -> None:
    documents = estimated(ZERO, {"investment_split_payment": True})
    assert status(documents, 7, "出資等分割支払確認書") == "required"
    assert status(documents, 7, "意向確認書") == "conditional"


def test_company_in_its_first_fiscal_period_needs_no_tax_return() -> None:
    # Founded 2023-12-01, six months before the 基準日 2024-06-01 (都内で創業し1年未満).
    young = {"founded_on": "2023-12-01"}
    assert status(estimated(ZERO, {"first_fiscal_period": True}, **young), 4) == "not_required"
    # The founding date alone does not decide it: a first period may close within months.
    assert status(checked(ZERO, **young), 4) == "conditional"


def test_tax_return_is_required_once_a_return_was_filed() -> None:
    assert status(estimated(ZERO, {"first_fiscal_period": False}), 4) == "required"


def test_a_fact_of_the_company_file_decides_without_a_plan() -> None:
    documents = checked(GENERAL, facts={"first_fiscal_period": True})
    assert status(documents, 4) == "not_required"


@pytest.mark.parametrize(
    ("legal_form", "corporate", "sole"),
    [
        ("corporation", "required", "not_required"),
        ("npo", "required", "not_required"),
        ("sole_proprietor", "not_required", "required"),
    ],
)
def test_registry_and_tax_certificates_follow_the_legal_form(
    legal_form: str, corporate: str, sole: str
) -> None:
    documents = checked(ZERO, legal_form=legal_form)
    for number in (3, 5):
        assert status(documents, number, "【法人】") == corporate
        assert status(documents, number, "【個人事業主】") == sole


def test_supplementary_material_is_optional_whatever_the_plan() -> None:
    assert status(estimated(ZERO, {"equipment_item_over_1m": True}), 14) == "optional"
    assert status(checked(GENERAL), 13) == "optional"


def test_each_frame_cites_its_own_table() -> None:
    lines = {f.id: {d.cite.line_start for d in f.required_documents} for f in program(TOKYO).frames}
    assert min(lines[ZERO]) == 536 and max(lines[ZERO]) == 551
    assert min(lines[GENERAL]) == 571 and max(lines[GENERAL]) == 585


CITE = {"doc": "003_cf133d2ac19737cc.txt", "lines": 551, "quote": "提出は任意"}


def test_an_optional_document_cannot_also_be_conditional() -> None:
    when = {"fact": {"name": "equipment_item_over_1m", "equals": True}}
    with pytest.raises(ValidationError, match="optional"):
        RequiredDocument.model_validate(
            {"name": "補足資料", "optional": True, "required_when": when, "cite": CITE}
        )


@pytest.mark.parametrize("parts", [[None, "別紙 31"], ["別紙 31", "別紙 31"]])
def test_documents_sharing_a_number_name_different_parts(parts: list[str | None]) -> None:
    documents = [
        {"number": 7, "name": "出資等を証明する書類", "part": p, "cite": CITE} for p in parts
    ]
    with pytest.raises(ValidationError, match="documents numbered 7"):
        Frame.model_validate({"id": "main", "name": "枠", "required_documents": documents})


def test_a_condition_no_field_can_decide_says_why_in_the_areas_words() -> None:
    # A 石狩振興局 office anywhere: a branch in 北海道 may or may not be in 石狩, and no
    # field asks a branch's town, so nothing is missing and the area says why.
    when = {"area": {"subprefectures": ["石狩振興局"], "of": "any_office"}}
    document = RequiredDocument.model_validate(
        {"name": "石狩の事業所の資料", "required_when": when, "cite": CITE}
    )
    row = company_row(company(municipality="千代田区", branch_prefectures=["北海道"]))
    found = document_status(document, row)
    assert found.status == "conditional" and found.missing == ()
    reason = document_reason(found)
    assert reason is not None and "判定できません" in reason
