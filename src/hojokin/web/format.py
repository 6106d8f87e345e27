"""How the web pages write dates, fiscal years, amounts and citations.

Every date appears in 和暦 and 西暦 and every amount with 万円/億円 and in 円, so that
people who read either form, and screen readers, get the figure unambiguously.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from hojokin import ja
from hojokin.catalog.primitives import Citation
from hojokin.catalog.schema import Period


def yen_text(yen: int | None) -> str:
    """1億5,000万円（150,000,000円）; below 1万円 the 円 figure alone; None is —."""
    if yen is None:
        return "—"
    if yen < 10_000:
        return f"{yen:,}円"
    return f"{ja.format_amount(yen, 'oku')}（{yen:,}円）"


def yen_short(yen: int | None) -> str:
    """The 万円/億円 form alone, for headlines next to which the full form is written."""
    if yen is None:
        return "—"
    return ja.format_amount(yen, "oku") if yen >= 10_000 else f"{yen:,}円"


def date_text(d: date) -> str:
    """令和6年6月13日（2024年6月13日）."""
    return f"{ja.format_wareki(d)}（{ja.format_western(d)}）"


def period_text(period: Period) -> str:
    """Both ends in 和暦, then both in 西暦; 頃 where the source says approximately."""
    about = "頃" if period.approximate else ""
    wareki = f"{ja.format_wareki(period.start)}～{ja.format_wareki(period.end)}{about}"
    return f"{wareki}（{ja.format_western(period.start)}～{ja.format_western(period.end)}）"


def fiscal_year_text(fy: int) -> str:
    """令和6年度（2024年度）."""
    return f"{ja.format_fiscal_year(fy)}（{fy}年度）"


def share_text(share: Fraction) -> str:
    """A rate as written in calls (2/3) with its percentage where it is a whole one."""
    percent = share * 100
    if percent.denominator == 1:
        return f"{share}（{percent}%）"
    return str(share)


def lines_text(cite: Citation) -> str:
    """58行目, 253〜255行目."""
    if cite.line_start == cite.line_end:
        return f"{cite.line_start}行目"
    return f"{cite.line_start}〜{cite.line_end}行目"
