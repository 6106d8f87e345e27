"""Years in business around a reference date, including those who found later (創業予定者)."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from hojokin.catalog.criteria import Criterion
from hojokin.rules.company_row import company_row
from hojokin.rules.eligibility import criterion_rule
from hojokin.rules.service import check_frame
from hojokin.views.requirements import requirement_text, shown_text
from hojokin.views.wording import finding_text
from tests.rules.examples import company, frame, program

WAKUWAKU = "toyama-wakuwaku-challenge-sogyo-shien"


def founding_rule_holds(founded_on: date) -> bool | None:
    # 対象者: 県内で1年以内に創業予定の者 or 創業後3年以内, read from 2022-04-01:
    # founded after 2019-04-01 (3 years before) and by 2023-04-01 (1 year after).
    p = program(WAKUWAKU)
    rule = next(c for c in p.eligibility if c.id == "founded_within_3_years")
    return criterion_rule(rule).holds(company_row(company(founded_on=founded_on)))


@pytest.mark.parametrize(
    ("founded_on", "holds"),
    [
        (date(2019, 4, 1), False),  # exactly 3 years at 2022-04-01: not 「3年以内」 any more
        (date(2019, 4, 2), True),  # 2 years 364 days
        (date(2022, 4, 1), True),  # founded on the reference date
        (date(2022, 10, 1), True),  # founded later in 令和4年度: was refused before founded_by
        (date(2023, 4, 1), True),  # 創業予定: planned exactly 1 year after
        (date(2023, 4, 2), False),  # planned more than 1 year after
    ],
)
def test_wakuwaku_window(founded_on: date, holds: bool) -> None:
    assert founding_rule_holds(founded_on) is holds


def test_a_planned_founding_is_shown_as_planned() -> None:
    p = program(WAKUWAKU)
    row = company_row(
        company(
            founded_on=date(2022, 10, 1),
            head_office_prefecture="富山県",
            facts={"plans_outside_investment": False},
        )
    )
    check = check_frame(p, frame(WAKUWAKU), row, has_plan=False)
    founding = next(r for r in check.reasons if r.code == "founded_within_3_years")
    assert founding.passed
    assert "設立日（予定）: 令和4年10月1日（令和4年4月1日より後）" in finding_text(founding)


def test_founded_by_is_after_the_reference_date_and_for_below_only() -> None:
    with pytest.raises(ValidationError, match="founded_by"):
        Criterion.model_validate(
            {"years_in_business": {"at": "2022-04-01", "below": 3, "founded_by": "2022-01-01"}}
        )
    with pytest.raises(ValidationError, match="founded_by"):
        Criterion.model_validate(
            {"years_in_business": {"at": "2022-04-01", "min": 1, "founded_by": "2023-01-01"}}
        )


def test_industry_criterion() -> None:
    rule = criterion_rule(Criterion.model_validate({"industry": ["manufacturing", "construction"]}))
    assert requirement_text(rule.requirement) == "業種が製造業・建設業であること"
    assert rule.holds(company_row(company(industry="construction"))) is True
    retail = company_row(company(industry="retail"))
    assert rule.holds(retail) is False
    assert shown_text(rule.shows(retail)) == "この会社: 小売業"
