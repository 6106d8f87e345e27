"""A program's terms in Japanese for people: the labels both the CLI and the web show."""

from __future__ import annotations

from dataclasses import dataclass

from hojokin import ja
from hojokin.catalog.primitives import Citation
from hojokin.catalog.schema import Count, Frame, Money, Period, Program, Rate
from hojokin.ja import yen_label


def frame_title(program: Program, frame: Frame) -> str:
    """The program's name, and the frame's after it when the program has several."""
    if len(program.frames) == 1:
        return program.name
    return f"{program.name}／{frame.name}"


def rate_label(frame: Frame) -> str:
    rate = frame.effective_rate
    labels = [] if rate is None else [str(rate)]
    labels += [f"{v.label} {v.rate.value}" for v in frame.variants if v.rate is not None]
    return "、".join(labels) or "—"


def cap_label(frame: Frame) -> str:
    money = frame.cap or frame.fixed
    labels = [] if money is None else [yen_label(money.yen)]
    for v in frame.variants:
        other = v.cap or v.fixed
        if other is not None:
            labels.append(f"{v.label} {yen_label(other.yen)}")
        if v.cap_multiplier is not None:
            labels.append(f"{v.label} ×{v.cap_multiplier.value}")
    return "、".join(labels) or "—"


def period_label(period: Period) -> str:
    """A period in 和暦, with 頃 where the text says it is approximate."""
    about = "頃" if period.approximate else ""
    return f"{ja.format_wareki(period.start)}～{ja.format_wareki(period.end)}{about}"


@dataclass(frozen=True)
class TermRow:
    """One figure of a frame's terms with its citation; `yen` and `period` keep the value
    itself so that each view can write it its own way (the web page adds 西暦 and 円)."""

    label: str
    text: str
    cite: Citation
    yen: int | None = None
    period: Period | None = None
    note: str | None = None  # the value's note (`is_office_input`: the office's, not cited)


def term_rows(frame: Frame) -> list[TermRow]:
    """Every figure of a frame's terms, in the order people read a call's 補助内容."""
    names = {c.id: c.name for c in frame.categories}
    rows: list[TermRow] = []

    def categories(ids: list[str]) -> str:
        return "・".join(names.get(i, i) for i in ids)

    def add(label: str, value: Money | Rate | Count | None, unit: str = "") -> None:
        if isinstance(value, Money):
            text = yen_label(value.yen)
            rows.append(TermRow(label, text, value.cite, yen=value.yen, note=value.note))
        elif isinstance(value, Rate):
            rows.append(TermRow(label, str(value.value), value.cite, note=value.note))
        elif isinstance(value, Count):
            about = "程度" if value.approximate else ""
            text = f"{value.value}{unit}{about}"
            rows.append(TermRow(label, text, value.cite, note=value.note))

    add("補助率・助成率", frame.rate)
    add("自己負担", frame.self_pay_share)
    add("上限額", frame.cap)
    add("下限額", frame.floor)
    add("定額", frame.fixed)
    for year_cap in frame.per_year_caps:
        label = f"{year_cap.from_year}年度目以降の上限"
        rows.append(TermRow(label, yen_label(year_cap.yen), year_cap.cite, yen=year_cap.yen))
    for cap in frame.category_caps:
        per = "（年度あたり）" if cap.per_year else ""
        label = f"{categories(cap.categories)}の上限{per}"
        rows.append(TermRow(label, yen_label(cap.yen), cap.cite, yen=cap.yen))
    for share in frame.share_limits:
        label = f"{categories(share.categories)}の割合上限"
        rows.append(TermRow(label, str(share.max_share), share.cite))
    for v in frame.variants:
        add(f"{v.label}: 補助率", v.rate)
        add(f"{v.label}: 上限額", v.cap)
        add(f"{v.label}: 下限額", v.floor)
        add(f"{v.label}: 定額", v.fixed)
        add(f"{v.label}: 上限額の倍率", v.cap_multiplier)
    add("採択予定件数", frame.expected_awards, "件")
    add("最長支援年数", frame.max_support_years, "年")
    add("出資等の下限（総事業費比）", frame.partner_investment_min_share)
    add("保証料（年率）", frame.fee_rate)
    add("保証割合", frame.coverage)
    add("償還期間", frame.repayment_years, "年以内")
    for label, period in (
        ("支援期間", frame.support_period),
        ("申請期間", frame.application_window),
    ):
        if period is not None:
            text = period_label(period)
            rows.append(TermRow(label, text, period.cite, period=period, note=period.note))
    return rows


def criterion_notes(program: Program, frame: Frame) -> list[tuple[str, Citation | None]]:
    """The notes of the frame's requirements (the program's and its own), with their basis:
    how the catalog read a source that does not say it outright, shown with the terms."""
    return [(c.note, c.cite) for c in (*program.eligibility, *frame.eligibility) if c.note]
