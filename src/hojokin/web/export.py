"""The check results to keep: one row per frame, as CSV (for any tool) and as Excel.

Yen are whole numbers (Excel sums and sorts them; the CSV has no separators), dates are
dates, the reasons are the page's sentences. The CSV is written by `views.sheets`, as
every export's is.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from hojokin.catalog.kinds import KIND_LABELS
from hojokin.views.sheets import Cell, csv_file
from hojokin.web.results import Line, Result, Results
from hojokin.web.xlsx import workbook

COLUMNS = (
    ("事業名", 40),
    ("枠", 24),
    ("実施機関", 28),
    ("年度", 8),
    ("種類", 12),
    ("判定", 10),
    ("上限額（円）", 16),
    ("下限額（円）", 16),
    ("状況", 18),
    ("締切", 12),
    ("理由", 80),
    ("制度のページ", 50),
)
HEADER = tuple(name for name, _ in COLUMNS)


def _sentence(item: Line) -> str:
    text = f"{item.text}（{item.shows}）" if item.shows else item.text
    if item.parts:
        text += "：" + "／".join(_sentence(p) for p in item.parts if p.state != "pass")
    return text


def reason(result: Result) -> str:
    """Why the frame has its verdict, in the page's sentences."""
    if result.failing:
        return "満たさない要件: " + "／".join(_sentence(x) for x in result.failing)
    if result.questions:
        return "確認が必要: " + "／".join(_sentence(x) for x in result.questions)
    if result.not_encoded:
        return result.notes[0]
    if any(w.code == "needs_plan" for w in result.match.check.warnings):
        # Without a plan, rules such as the support period or partner investment are not
        # judged yet: "all met" would claim more than the check knows.
        return "会社の要件はすべて満たしています（計画の要件は金額の試算で判定）"
    return "すべての要件を満たしています"


def rows(results: Results, program_url: Callable[[str], str]) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    for r in results:
        program = r.program
        out.append(
            [
                program.name,
                r.match.check.frame.name,
                program.issuer,
                program.fiscal_year,
                KIND_LABELS[program.kind],
                r.verdict,
                r.match.max_amount.yen,
                r.floor.yen,
                r.status_label,
                r.deadline,
                reason(r),
                program_url(program.id),
            ]
        )
    return out


def to_csv(table: list[list[Cell]]) -> bytes:
    return csv_file(HEADER, table)


def attachment(fallback: str, name: str) -> dict[str, str]:
    """The headers of a file to keep, never shown inline: `fallback` is an ASCII name
    for old clients, `name` the Japanese one (`server.guards` adds nosniff to every
    answer)."""
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return {"Content-Disposition": disposition}


def to_xlsx(table: list[list[Cell]]) -> bytes:
    return workbook("判定結果", HEADER, table, widths=[w for _, w in COLUMNS])
