"""中小企業基本法 §2: a 会社 by capital OR employees within the industry's row, an individual
by employees alone, other bodies not at all; 小規模 by employees."""

from __future__ import annotations

import pytest

from hojokin.catalog.criteria import Criterion
from hojokin.catalog.vocabulary import SizeRequirement
from hojokin.rules.company import Company
from hojokin.rules.company_row import company_row
from hojokin.rules.eligibility import criterion_rule
from hojokin.rules.service import check_company
from hojokin.rules.size import classify_size
from hojokin.views.requirements import shown_text
from hojokin.views.wording import finding_text
from tests.rules import examples


def company(industry: str, capital_yen: int, employees: int) -> Company:
    return Company.model_validate(
        {
            "legal_form": "corporation",
            "industry": industry,
            "capital_yen": capital_yen,
            "employees": employees,
            "founded_on": "2015-04-01",
            "head_office_prefecture": "富山県",
        }
    )


@pytest.mark.parametrize(
    ("industry", "capital_yen", "employees", "size"),
    [
        # manufacturing: 3億円 or 300人; 20人以下 is small
        ("manufacturing", 300_000_000, 301, "sme"),  # capital exactly at the line
        ("manufacturing", 300_000_001, 300, "sme"),  # employees exactly at the line
        ("manufacturing", 300_000_001, 301, "large"),  # both over
        ("manufacturing", 1_000_000_000, 20, "small_business"),  # employees decide 小規模
        ("manufacturing", 10_000_000, 21, "sme"),
        ("other", 300_000_001, 301, "large"),  # other uses the manufacturing row
        # wholesale: 1億円 or 100人; 5人以下 is small
        ("wholesale", 100_000_001, 101, "large"),
        ("wholesale", 100_000_000, 150, "sme"),
        ("wholesale", 5_000_000, 6, "sme"),
        ("wholesale", 5_000_000, 5, "small_business"),
        # services: 5,000万円 or 100人
        ("services", 50_000_001, 100, "sme"),
        ("services", 50_000_001, 101, "large"),
        ("services", 1_000_000, 5, "small_business"),
        # retail: 5,000万円 or 50人
        ("retail", 50_000_001, 51, "large"),
        ("retail", 50_000_000, 80, "sme"),
        ("retail", 3_000_000, 5, "small_business"),
    ],
)
def test_size_by_industry(industry: str, capital_yen: int, employees: int, size: str) -> None:
    assert classify_size(company(industry, capital_yen, employees)) == size


def proprietor(legal_form: str, industry: str, capital_yen: int, employees: int) -> Company:
    return company(industry, capital_yen, employees).model_copy(update={"legal_form": legal_form})


@pytest.mark.parametrize(
    ("industry", "employees", "size"),
    [
        # 個人: employees alone (there is no capital to test). The case: retail, 51.
        ("retail", 50, "sme"),
        ("retail", 51, "large"),
        ("retail", 5, "small_business"),
        ("retail", 6, "sme"),
        ("wholesale", 100, "sme"),
        ("wholesale", 101, "large"),
        ("services", 101, "large"),
        ("manufacturing", 300, "sme"),
        ("manufacturing", 301, "large"),
        ("manufacturing", 20, "small_business"),
        ("manufacturing", 21, "sme"),
    ],
)
def test_sole_proprietor_is_sized_by_employees_alone(
    industry: str, employees: int, size: str
) -> None:
    # capital 0: the company test would call every sole proprietor an SME.
    assert classify_size(proprietor("sole_proprietor", industry, 0, employees)) == size


@pytest.mark.parametrize(
    "legal_form", ["npo", "general_foundation", "general_association", "other"]
)
def test_bodies_other_than_company_or_individual_are_not_sized_by_the_act(legal_form: str) -> None:
    # 中小企業基本法 §2 sizes 会社又は個人 only; a 3-person NPO is not a 中小企業者 by the Act.
    assert classify_size(proprietor(legal_form, "services", 0, 3)) == "large"


@pytest.mark.parametrize(
    ("legal_form", "industry", "capital_yen", "employees", "required", "reason"),
    [
        (
            "sole_proprietor",
            "retail",
            0,
            51,
            "sme",
            "個人事業者・小売業・従業員51人（基準: 従業員50人以下）→ 中小企業者に該当しません",
        ),
        (
            "corporation",
            "retail",
            50_000_001,
            51,
            "sme",
            "会社（株式会社・合同会社等）・小売業・資本金50,000,001円・従業員51人"
            "（基準: 資本金5,000万円以下又は従業員50人以下）→ 中小企業者に該当しません",
        ),
        (
            "corporation",
            "manufacturing",
            100_000_000,
            50,
            "sme",
            "会社（株式会社・合同会社等）・製造業・資本金1億円・従業員50人"
            "（基準: 資本金3億円以下又は従業員300人以下）→ 中小企業者",
        ),
        (
            "corporation",
            "manufacturing",
            100_000_000,
            50,
            "small_business",
            "会社（株式会社・合同会社等）・製造業・資本金1億円・従業員50人"
            "（基準: 従業員20人以下）→ 小規模企業者に該当しません",
        ),
        (
            "sole_proprietor",
            "services",
            0,
            5,
            "small_business",
            "個人事業者・サービス業・従業員5人（基準: 従業員5人以下）→ 小規模企業者",
        ),
        (
            "npo",
            "services",
            0,
            3,
            "sme",
            "特定非営利活動法人・サービス業 → 中小企業基本法の中小企業者は会社又は個人に限られ、"
            "規模では判定しません",
        ),
    ],
)
def test_size_reason_names_legal_form_and_test(
    legal_form: str,
    industry: str,
    capital_yen: int,
    employees: int,
    required: SizeRequirement,
    reason: str,
) -> None:
    row = company_row(proprietor(legal_form, industry, capital_yen, employees))
    rule = criterion_rule(Criterion.model_validate({"size": required}))
    assert shown_text(rule.shows(row)) == reason


def test_check_shows_the_sole_proprietor_as_not_an_sme() -> None:
    # A Toyama program that requires 中小企業者: the 51-person retail proprietor fails it
    # with the reason worded, where it used to read 「資本金0円・従業員51人 → 中小企業者」.
    who = examples.company(
        legal_form="sole_proprietor",
        industry="retail",
        capital_yen=0,
        employees=51,
        head_office_prefecture="富山県",
    )
    sized = [
        (p, f)
        for p in examples.catalog().programs.values()
        for f in p.frames
        for c in (*p.eligibility, *f.eligibility)
        if c.test == "size" and c.size == "sme"
    ]
    assert sized
    program, frame = sized[0]
    (check,) = [c for c in check_company([program], who) if c.frame.id == frame.id]
    assert not check.eligible
    failed = [finding_text(r) for r in check.reasons if not r.passed]
    assert any("従業員51人（基準: 従業員50人以下）→ 中小企業者に該当しません" in m for m in failed)
