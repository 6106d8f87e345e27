"""A program as a person reads it in a terminal: terms in tables, each with its 根拠."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from hojokin import ja
from hojokin.catalog.base import Citation
from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import Count, Frame, Money, Period, Program, Rate, Text
from hojokin.catalog.views import KIND_LABELS, yen_label


def _basis(cite: Citation) -> str:
    lines = str(cite.line_start)
    if cite.line_end != cite.line_start:
        lines += f"–{cite.line_end}"
    return f"{cite.doc} {lines}行: 「{cite.quote}」"


def _span(period: Period) -> str:
    return f"{ja.format_wareki(period.start)}～{ja.format_wareki(period.end)}"


def _term_rows(frame: Frame) -> list[tuple[str, str, Citation]]:
    rows: list[tuple[str, str, Citation]] = []

    def add(label: str, value: Money | Rate | Count | None, unit: str = "") -> None:
        if isinstance(value, Money):
            rows.append((label, yen_label(value.yen), value.cite))
        elif isinstance(value, Rate):
            rows.append((label, str(value.value), value.cite))
        elif isinstance(value, Count):
            about = "程度" if value.approximate else ""
            rows.append((label, f"{value.value}{unit}{about}", value.cite))

    add("補助率・助成率", frame.rate)
    add("自己負担", frame.self_pay_share)
    add("上限額", frame.cap)
    add("下限額", frame.floor)
    add("定額", frame.fixed)
    for year_cap in frame.per_year_caps:
        rows.append(
            (f"{year_cap.from_year}年度目以降の上限", yen_label(year_cap.yen), year_cap.cite)
        )
    for cap in frame.category_caps:
        per = "（年度あたり）" if cap.per_year else ""
        rows.append((f"{'・'.join(cap.categories)} の上限{per}", yen_label(cap.yen), cap.cite))
    for share in frame.share_limits:
        rows.append((f"{'・'.join(share.categories)} の割合上限", str(share.max_share), share.cite))
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
            rows.append((label, _span(period), period.cite))
    return rows


def _texts(console: Console, title: str, texts: list[Text]) -> None:
    if texts:
        console.print(f"[bold]{title}[/]")
        for t in texts:
            console.print(f"  ・{t.text}", highlight=False)


def render_program(console: Console, program: Program, catalog: Catalog) -> None:
    doc = catalog.documents.get(program.source.doc)
    console.print(f"[bold]{program.name}[/]  ({program.id})", highlight=False)
    department = f" {program.department.text}" if program.department else ""
    console.print(
        f"{program.issuer}{department} / {ja.format_fiscal_year(program.fiscal_year)} / "
        f"{KIND_LABELS[program.kind]}",
        highlight=False,
    )
    if program.description:
        console.print(program.description.text, highlight=False)
    _texts(console, "取組内容", program.activities)
    for frame in program.frames:
        table = Table(title=frame.name, show_lines=True)
        table.add_column("項目")
        table.add_column("内容")
        table.add_column("根拠", overflow="fold")
        for label, value, cite in _term_rows(frame):
            table.add_row(label, value, _basis(cite))
        if table.row_count:
            console.print(table)
        _texts(console, f"{frame.name} の対象", frame.targets)
        for d in frame.required_documents:
            condition = f"（{d.condition}）" if d.condition else ""
            console.print(f"  提出書類 {d.number or ''} {d.title}{condition}", highlight=False)
        _texts(console, "備考", frame.notes)
    _texts(console, "備考", program.notes)
    for item in program.schedule:
        about = "頃" if item.period.approximate else ""
        console.print(f"日程: {item.label} {_span(item.period)}{about}", highlight=False)
    title = doc.title if doc else program.source.doc
    console.print(f"出典: {title}（{_basis(program.source)}）", highlight=False)
