"""中小企業基本法: capital OR employees within the industry's row; 小規模 by employees."""

from __future__ import annotations

import pytest

from hojokin.rules.company import Company
from hojokin.rules.size import classify_size


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
