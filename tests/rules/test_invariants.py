"""Properties every estimate keeps, whatever the plan: caps hold, the rate bounds the
grant, more cost never means less grant, and the share-limit total is the largest."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from hojokin.rules.amounts import INT, Amount
from hojokin.rules.grant_steps import largest_total
from hojokin.rules.service import estimate
from tests.rules.examples import TOKYO, company, frame, plan, program

CATEGORIES = [
    "materials",
    "outsourcing",
    "personnel",
    "rent",
    "equipment",
    "ip",
    "exhibition",
    "event",
    "pr_tools",
    "ads",
]
yen = st.integers(min_value=0, max_value=2_000_000_000)
expenses = st.fixed_dictionaries({c: yen for c in CATEGORIES})
frames = st.sampled_from(["zero-emission", "university-general"])


def tokyo(frame_id: str, spent: dict[str, int]) -> Amount:
    project = plan({"fiscal_year": 2025, "expenses": spent}, partner_investment_yen=10**13)
    return estimate(
        program(TOKYO), frame(TOKYO, frame_id), company(zero_emission_theme=1), project
    ).amount


@settings(max_examples=150, deadline=None)
@given(frames, expenses)
def test_grant_within_caps_and_rate(frame_id: str, spent: dict[str, int]) -> None:
    f = frame(TOKYO, frame_id)
    result = tokyo(frame_id, spent)
    assert f.cap is not None and f.rate is not None
    assert 0 <= result.grant_yen <= f.cap.yen
    assert result.grant_yen <= result.by_year[0].grant_yen <= f.per_year_caps[0].yen
    rate = f.rate.value
    assert result.grant_yen <= sum(spent.values()) * rate.numerator // rate.denominator
    by = result.by_year[0].by_category
    assert sum(by.values()) == result.grant_yen
    # The share limits hold on the year's total.
    total = result.grant_yen
    assert by["personnel"] <= total // 5
    assert by["exhibition"] + by["event"] + by["pr_tools"] + by["ads"] <= total // 4


@settings(max_examples=150, deadline=None)
@given(
    frames, expenses, st.sampled_from(CATEGORIES), st.integers(min_value=1, max_value=500_000_000)
)
def test_more_cost_never_lowers_the_grant(
    frame_id: str, spent: dict[str, int], category: str, more: int
) -> None:
    raised = spent | {category: spent[category] + more}
    assert tokyo(frame_id, raised).grant_yen >= tokyo(frame_id, spent).grant_yen


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=0, max_value=300),
    st.lists(
        st.tuples(
            st.integers(0, 300),
            # shares summing past 1 too: the descent's upper bounds must hold for any table
            st.sampled_from([Fraction(1, 5), Fraction(1, 4), Fraction(1, 10), Fraction(2, 3)]),
        ),
        max_size=3,
    ),
)
def test_largest_total_is_the_largest_feasible(
    free: int, groups: list[tuple[int, Fraction]]
) -> None:
    def feasible(t: int) -> bool:
        return t <= free + sum(min(r, t * s.numerator // s.denominator) for r, s in groups)

    best = max(t for t in range(free + sum(r for r, _ in groups) + 1) if feasible(t))
    assert largest_total(free, groups, INT) == best
