"""収益納付: the part of a year's profit from the funded product that goes back to the issuer.

Tokyo's call, 12(3) (003_cf133d2ac19737cc.txt lines 470-479):

    基準納付額 = (当該年度収益額 − 控除額) × (補助金額 / 総事業費)
    当該年度収益額 = 補助事業売上高 − (製品仕入高 + 製造原価 + 販管費)
    控除額 = 補助事業年度の自己負担額 × 0.2
    総事業費 = 補助事業年度から当該年度までの補助事業に係る総経費

and the payments together never exceed the grant (納付額は補助金交付額が上限).
Yen below one are cut (円未満切り捨て), as for every other amount here.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Payback:
    profit_yen: int  # 当該年度収益額
    deduction_yen: int  # 控除額
    base_yen: int  # 基準納付額 (0 when the profit does not exceed the deduction)
    payable_yen: int  # what is due this year after the cap


def revenue_payback(
    *,
    sales_yen: int,
    purchases_yen: int,
    manufacturing_cost_yen: int,
    sga_yen: int,
    self_paid_yen: int,
    grant_yen: int,
    total_cost_yen: int,
    paid_before_yen: int = 0,
    deduction_share: Fraction = Fraction(1, 5),
) -> Payback:
    if total_cost_yen <= 0:
        raise ValueError("総事業費 must be positive")
    if min(grant_yen, self_paid_yen, paid_before_yen) < 0:
        raise ValueError("grant, self-paid cost and earlier payments are never negative")
    profit = sales_yen - (purchases_yen + manufacturing_cost_yen + sga_yen)
    deduction = self_paid_yen * deduction_share.numerator // deduction_share.denominator
    base = max(0, (profit - deduction) * grant_yen // total_cost_yen)
    payable = min(base, max(0, grant_yen - paid_before_yen))
    return Payback(profit, deduction, base, payable)
