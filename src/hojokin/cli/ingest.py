"""`hojokin ingest FILE [--out DIR]`: a document to draft program files (docs/ingest.md)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from hojokin.cli.console import err, fail, out
from hojokin.ingest.errors import IngestError
from hojokin.ingest.service import Ingested, ingest, value_counts, write

# A document with fewer programs drafts in a blink, where a bar would only flicker.
LONG_DOCUMENT_PROGRAMS = 20


def run_ingest(
    file: Annotated[Path, typer.Argument(help="PDF、HTML、DOCX またはテキストのファイル")],
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="文書と制度の下書きを書き出すカタログのフォルダ"),
    ] = None,
    issuer: Annotated[
        str | None, typer.Option("--issuer", help="実施機関（本文にない場合）")
    ] = None,
    prefecture: Annotated[
        str | None, typer.Option("--prefecture", help="都道府県（本文から読み取れない場合）")
    ] = None,
    fiscal_year: Annotated[
        int | None, typer.Option("--fiscal-year", help="年度の西暦（本文から読み取れない場合）")
    ] = None,
) -> None:
    """文書（PDF・HTML・DOCX・テキスト）から、根拠の行を引用した制度データの下書きを作ります。"""
    try:
        with Progress(console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task("下書きを作成中", total=None, visible=False)

            def step(done: int, total: int) -> None:
                long = total >= LONG_DOCUMENT_PROGRAMS
                bar.update(task, completed=done, total=total, visible=long)

            result = ingest(
                file,
                issuer=issuer,
                prefecture=prefecture,
                fiscal_year=fiscal_year,
                progress=step,
            )
        if out_dir is not None:
            written = write(result, out_dir)
    except IngestError as exc:
        fail(escape(f"{file}: {exc.message}"))
    if out_dir is None:
        _summary(result)
        return
    out.print(
        f"{len(result.programs)} 件の制度の下書きと文書を書き出しました: {escape(str(out_dir))}"
        f"（{len(written)} ファイル）。確認後、review の項目を削除してください",
        highlight=False,
    )


def _summary(result: Ingested) -> None:
    meta = result.metadata
    out.print(
        f"{escape(meta.title)}（{escape(meta.issuer)}、{meta.prefecture}、{meta.fiscal_year}年度）"
        f": {len(result.source.lines)} 行、制度 {len(result.programs)} 件",
        highlight=False,
    )
    table = Table("事業名", "金額", "率", "期間", "対象者", "確認事項")
    total: Counter[str] = Counter()
    notes = 0
    for program in result.programs:
        counts = value_counts(program)
        total += counts
        count = len(program.review.notes) if program.review else 0
        notes += count
        table.add_row(
            escape(program.name),
            *(str(counts[k]) for k in ("amounts", "rates", "dates", "targets")),
            str(count),
        )
    out.print(table)
    for line in result.skipped:
        out.print(f"下書きにできなかった見出し: {escape(line)}", highlight=False)
    out.print(
        f"合計: 金額 {total['amounts']}、率 {total['rates']}、期間 {total['dates']}、"
        f"対象者 {total['targets']}、確認事項 {notes}。書き出すには --out DIR を指定してください",
        highlight=False,
    )
