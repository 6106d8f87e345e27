"""Programs as a person reads them in a terminal: a list in a table, and one program's
terms in tables, each with its 根拠."""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.table import Table

from hojokin import ja
from hojokin.catalog.kinds import KIND_LABELS
from hojokin.catalog.loader import Catalog
from hojokin.catalog.primitives import Citation
from hojokin.catalog.schema import Program, Text
from hojokin.catalog.status import standing
from hojokin.views.terms import cap_label, criterion_notes, period_label, rate_label, term_rows


def _basis(cite: Citation) -> str:
    lines = str(cite.line_start)
    if cite.line_end != cite.line_start:
        lines += f"–{cite.line_end}"
    return f"{cite.doc} {lines}行: 「{cite.quote}」"


def _texts(console: Console, title: str, texts: list[Text]) -> None:
    if texts:
        console.print(f"[bold]{title}[/]")
        for t in texts:
            console.print(f"  ・{t.text}", highlight=False)


def _standing(program: Program, catalog: Catalog, today: date) -> str:
    """The status on `today` with the deadline ahead, and what a report's entry is."""
    found = standing(catalog, program, today)
    text = f"状況: {found.label}（{ja.format_wareki(today)}現在）"
    if found.deadline is not None:
        text += f" 締切 {ja.format_wareki(found.deadline)}（{found.deadline.isoformat()}）"
    if found.status == "reported":
        text += " — 実績報告に載った実施済みの取組で、募集中の制度ではありません"
    return text


def render_program(console: Console, program: Program, catalog: Catalog, today: date) -> None:
    doc = catalog.documents.get(program.source.doc)
    console.print(f"[bold]{program.name}[/]  ({program.id})", highlight=False)
    department = f" {program.department.text}" if program.department else ""
    console.print(
        f"{program.issuer}{department} / {ja.format_fiscal_year(program.fiscal_year)} / "
        f"{KIND_LABELS[program.kind]}",
        highlight=False,
    )
    console.print(_standing(program, catalog, today), highlight=False)
    if program.description:
        console.print(program.description.text, highlight=False)
    _texts(console, "取組内容", program.activities)
    for frame in program.frames:
        table = Table(title=frame.name, show_lines=True)
        table.add_column("項目")
        table.add_column("内容")
        table.add_column("根拠", overflow="fold")
        for row in term_rows(frame):
            table.add_row(row.label, row.text, _basis(row.cite))
        if table.row_count:
            console.print(table)
        _texts(console, f"{frame.name} の対象", frame.targets)
        for note, cite in criterion_notes(program, frame):
            basis = f"（{_basis(cite)}）" if cite else ""
            console.print(f"  判定上の解釈: {note}{basis}", highlight=False)
        for d in frame.required_documents:
            condition = f"（{d.condition}）" if d.condition else ""
            console.print(f"  提出書類 {d.number or ''} {d.title}{condition}", highlight=False)
        _texts(console, "備考", frame.notes)
    _texts(console, "備考", program.notes)
    for item in program.schedule:
        console.print(f"日程: {item.label} {period_label(item.period)}", highlight=False)
    title = doc.title if doc else program.source.doc
    console.print(f"出典: {title}（{_basis(program.source)}）", highlight=False)


def _status_cell(catalog: Catalog, program: Program, today: date) -> str:
    found = standing(catalog, program, today)
    if found.deadline is None:
        return found.label
    return f"{found.label}（締切 {ja.format_wareki(found.deadline)}）"


def program_table(programs: list[Program], title: str, catalog: Catalog, today: date) -> Table:
    table = Table(title=title)
    # Every column may fold so that a narrow terminal (or a pipe, 80 columns) keeps them all.
    table.add_column("ID", style="cyan", overflow="fold", ratio=3, min_width=10)
    table.add_column("事業名", overflow="fold", ratio=3, min_width=8)
    table.add_column("実施", overflow="fold", ratio=2, min_width=6)
    table.add_column("種類", overflow="fold", ratio=1, min_width=4)
    table.add_column("補助率", overflow="fold", ratio=1, min_width=4)
    table.add_column("上限額", overflow="fold", ratio=2, min_width=6)
    table.add_column("状況", overflow="fold", ratio=2, min_width=4)
    for p in programs:
        frame = p.frames[0]
        more = f"（他{len(p.frames) - 1}枠）" if len(p.frames) > 1 else ""
        who = p.department.text if p.department else p.prefecture
        table.add_row(
            p.id,
            p.name,
            f"{who} {ja.format_fiscal_year(p.fiscal_year)}",
            KIND_LABELS[p.kind],
            rate_label(frame) + more,
            cap_label(frame),
            _status_cell(catalog, p, today),
        )
    return table
