"""Check and estimate results for people: Japanese, with the source of every reason."""

from __future__ import annotations

import polars as pl
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from hojokin.catalog.primitives import Citation
from hojokin.catalog.vocabulary import DOCUMENT_NEED_LABELS, VERDICT_LABELS, Verdict
from hojokin.ja import format_fiscal_year, yen_label
from hojokin.rules.documents import DocumentStatus
from hojokin.rules.screen import FrameTest, grant_column
from hojokin.rules.service import Finding, FrameCheck, FrameEstimate, frame_verdict
from hojokin.views.requirements import document_condition, document_reason
from hojokin.views.terms import frame_title
from hojokin.views.wording import finding_message, limit_text

_VERDICT_MARKS: dict[Verdict, str] = {
    "ineligible": "[red]×",
    "to_confirm": "[yellow]△",
    "not_encoded": "[yellow]△",
    "eligible": "[green]○",
}


def _verdict(check: FrameCheck) -> str:
    verdict = frame_verdict(check)
    return f"{_VERDICT_MARKS[verdict]} {VERDICT_LABELS[verdict]}[/]"


def _where(source: Citation | None) -> str:
    if source is None:
        return ""
    lines = (
        str(source.line_start)
        if source.line_start == source.line_end
        else f"{source.line_start}-{source.line_end}"
    )
    return f"{source.doc}:{lines}"


def check_table(console: Console, checks: list[FrameCheck]) -> None:
    table = Table(title=f"要件確認 {len(checks)}枠")
    table.add_column("事業・枠", overflow="fold", ratio=3, min_width=10)
    table.add_column("判定", overflow="fold", ratio=1, min_width=6)
    table.add_column("理由（満たさない要件・注意）", overflow="fold", ratio=5, min_width=12)
    for c in checks:
        failing = [finding_message(r) for r in c.reasons if not r.passed]
        failing += [finding_message(w) for w in c.warnings if w.code not in ("note", "not_encoded")]
        if not failing and c.verdict is None:  # nothing else undecided: the data is the gap
            failing = [finding_message(w) for w in c.warnings if w.code == "not_encoded"]
        shown = escape(failing[0]) if failing else "全ての要件を満たしています"
        more = f"（他{len(failing) - 1}件）" if len(failing) > 1 else ""
        name = escape(frame_title(c.program, c.frame))
        table.add_row(f"{name}\n[cyan]{c.program.id}[/]", _verdict(c), shown + more)
    console.print(table)


def _findings(console: Console, title: str, findings: list[Finding]) -> None:
    if not findings:
        return
    console.print(f"[bold]{title}[/]")
    for f in findings:
        where = _where(f.source)
        said = escape(finding_message(f))
        console.print(f"  {said}" + (f"  [dim]根拠 {escape(where)}[/]" if where else ""))


def _requirements(console: Console, check: FrameCheck) -> None:
    console.rule(f"{_names(check)}  {_verdict(check)}")
    _findings(console, "理由", check.reasons)
    _findings(console, "注意", check.warnings)


def _names(check: FrameCheck) -> str:
    # Catalog text is data, not markup: a bracket in a name must print as written.
    return escape(f"{check.program.name}／{check.frame.name}")


_STATUS_STYLES = {
    "required": "bold",
    "not_required": "dim",
    "conditional": "yellow",
    "optional": "cyan",
}


def _document_row(d: DocumentStatus) -> tuple[str, ...]:
    doc = d.document
    status = f"[{_STATUS_STYLES[d.status]}]{DOCUMENT_NEED_LABELS[d.status]}[/]"
    why = escape(document_condition(d) or "")
    reason = document_reason(d)
    if reason:
        why += f"\n[dim]{escape(reason)}[/]"
    number = "" if doc.number is None else str(doc.number)
    cells = (escape(doc.title), escape(doc.copies or ""), escape(doc.form or ""))
    return number, *cells, status, why, _where(doc.cite)


def documents_table(console: Console, check: FrameCheck) -> None:
    if not check.documents:
        return
    table = Table(title=escape(f"提出書類（{check.frame.name}）"), show_lines=True)
    table.add_column("No.", justify="right")
    table.add_column("書類", overflow="fold", ratio=4, min_width=10)
    table.add_column("部数")
    table.add_column("様式")
    table.add_column("要否", min_width=6)
    table.add_column("条件・理由", overflow="fold", ratio=4, min_width=10)
    table.add_column("根拠", overflow="fold", ratio=1)
    for d in check.documents:
        table.add_row(*_document_row(d))
    console.print(table)


def check_detail(console: Console, check: FrameCheck) -> None:
    _requirements(console, check)
    documents_table(console, check)


def _computation(estimate: FrameEstimate) -> Table:
    """Each year and category: expense × rate = request, then what the limits left."""
    amount, names = estimate.amount, {c.id: c.name for c in estimate.check.frame.categories}
    table = Table(title="計算の内訳" if estimate.check.eligible else "計算の内訳（参考）")
    table.add_column("年度・経費区分", overflow="fold")
    table.add_column("補助対象経費 × 補助率", justify="right")
    table.add_column("上限等の適用後", justify="right")
    for year in amount.by_year:
        if year.outside_period:
            table.add_row(
                format_fiscal_year(year.fiscal_year), "支援期間外のため計上しません", "0円"
            )
        for category, expense in year.expenses.items():
            requested = year.requested.get(category, 0)
            if not (expense or requested or year.by_category.get(category)):
                continue
            table.add_row(
                escape(
                    f"{format_fiscal_year(year.fiscal_year)} {names.get(category, '補助対象経費')}"
                ),
                f"{yen_label(expense)} × {amount.rate} = {yen_label(requested)}",
                yen_label(year.by_category.get(category, 0)),
            )
    return table


def estimate_detail(console: Console, estimate: FrameEstimate) -> None:
    check, amount = estimate.check, estimate.amount
    console.rule(f"{_names(check)}  {_verdict(check)}")
    if check.eligible:
        console.print(f"[bold]交付見込額（上限）: {yen_label(amount.grant_yen)}[/]")
    else:
        console.print("[bold]交付見込額: なし（対象外）[/] 計算上の額は内訳に参考として示します")
    _findings(console, "理由", check.reasons)
    _findings(console, "注意", check.warnings)
    if amount.rate is None:
        console.print(f"定額: {yen_label(amount.grant_yen)}")
    else:
        console.print(_computation(estimate))
    table = Table()
    table.add_column("年度")
    table.add_column("対象経費", justify="right")
    table.add_column("交付申請額" if check.eligible else "計算上の額", justify="right")
    for year in amount.by_year:
        table.add_row(
            format_fiscal_year(year.fiscal_year),
            yen_label(sum(year.expenses.values())),
            yen_label(year.grant_yen),
        )
    console.print(table)
    if amount.limits:
        console.print("[bold]適用された上限等[/]")
        for limit in amount.limits:
            cut = escape(f"{limit_text(limit)}: {yen_label(limit.reduced_by_yen)}減額")
            console.print(f"  {cut}  [dim]根拠 {_where(limit.source)}[/]")
    documents_table(console, check)


def screen_summary(result: pl.DataFrame, tests: list[FrameTest]) -> Table:
    """The frames with the most eligible companies: eligible, to be confirmed, grants."""
    with_plan = bool(tests) and grant_column(tests[0]) in result.columns
    figures = []
    for test in tests:
        verdict = result[test.column]
        grant = result.filter(verdict)[grant_column(test)].sum() if with_plan else None
        figures.append((test, int(verdict.sum() or 0), verdict.null_count(), grant))
    figures.sort(key=lambda f: (-f[1], -f[2]))
    summary = Table(title="対象となる会社の数（上位20枠）")
    summary.add_column("事業・枠", overflow="fold")
    summary.add_column("対象", justify="right")
    summary.add_column("要確認（facts 未入力・要件未データ化）", justify="right")
    if with_plan:
        summary.add_column("対象の交付見込額合計", justify="right")
    for test, eligible, unknown, grant in figures[:20]:
        cells = [escape(frame_title(test.program, test.frame)), f"{eligible:,}", f"{unknown:,}"]
        summary.add_row(*cells, *([yen_label(int(grant or 0))] if with_plan else []))
    return summary
