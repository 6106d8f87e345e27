"""`hojokin import jgrants` and `hojokin export jgrants`: jGrants records to drafts and
our programs to jGrants records (README, "Turning a document into program data")."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import Progress

from hojokin.catalog.loader import CatalogError, load_catalog
from hojokin.cli.console import err, fail, out, read_settings
from hojokin.ingest.errors import IngestError
from hojokin.ingest.jgrants import Hints, import_records, parse_records, read_records
from hojokin.ingest.jgrants_api import API, fetch
from hojokin.ingest.jgrants_export import export
from hojokin.ingest.service import value_counts, write_all

import_app = typer.Typer(
    help="他のシステムの記録から制度データの下書きを作ります", no_args_is_help=True
)
export_app = typer.Typer(help="制度データを他のシステムの形式で書き出します", no_args_is_help=True)


def _save(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@import_app.command("jgrants")
def import_jgrants(
    file: Annotated[
        Path,
        typer.Argument(
            help="jGrants API の応答（一覧・詳細）の JSON。--url では取得した記録をここに保存します"
        ),
    ],
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="文書と制度の下書きを書き出すカタログのフォルダ"),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option("--url", help=f"jGrants API の一覧または詳細の URL（例 {API}/subsidies?…）"),
    ] = None,
    issuer: Annotated[
        str | None, typer.Option("--issuer", help="実施機関（記録にないため）")
    ] = None,
    prefecture: Annotated[
        str | None,
        typer.Option("--prefecture", help="都道府県（記録・公募要領から読み取れない場合）"),
    ] = None,
    fiscal_year: Annotated[
        int | None, typer.Option("--fiscal-year", help="年度の西暦（受付日時がない場合）")
    ] = None,
) -> None:
    """jGrants の補助金の記録（と添付の公募要領）から、根拠の行を引用した
    制度データの下書きを作ります。"""
    try:
        with Progress(console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task("jGrants の記録を取得中", total=None)

            def step(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            if url is not None:
                if file.exists():
                    raise IngestError(
                        f"{file} は既にあります。"
                        "取得した記録を保存する新しいファイル名を指定してください"
                    )
                data = fetch(url, step)
                records = parse_records(data, url)
                _save(file, data)
            else:
                records = read_records(file)
            bar.update(task, description="下書きを作成中", completed=0, total=None)
            hints = Hints(issuer, prefecture, fiscal_year)
            items = import_records(records, file.name, hints, step)
        if out_dir is not None:
            written = write_all(items, out_dir)
    except IngestError as exc:
        fail(escape(exc.message))
    programs = [p for item in items for p in item.programs]
    if out_dir is None:
        for item in items:
            for program in item.programs:
                counts = value_counts(program)
                notes = len(program.review.notes) if program.review else 0
                out.print(
                    f"{escape(program.name)}（{escape(item.document.name)}）: "
                    f"金額 {counts['amounts']}、率 {counts['rates']}、期間 {counts['dates']}、"
                    f"確認事項 {notes}",
                    highlight=False,
                )
        out.print(
            f"記録 {len(records)} 件、制度 {len(programs)} 件。"
            "書き出すには --out DIR を指定してください",
            highlight=False,
        )
        return
    out.print(
        f"{len(programs)} 件の制度の下書きと {len(items)} 件の文書を書き出しました: "
        f"{escape(str(out_dir))}（{len(written)} ファイル）。"
        "確認後、review の項目を削除してください",
        highlight=False,
    )


@export_app.command("jgrants")
def export_jgrants(
    catalog: Annotated[
        Path | None,
        typer.Option("--catalog", help="catalog folder (default: $HOJOKIN_CATALOG or ./catalog)"),
    ] = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="書き出す JSON ファイル（既定: 標準出力）")
    ] = None,
) -> None:
    """制度データを jGrants API の詳細の形（result の配列）の JSON で書き出します。"""
    root = catalog if catalog is not None else read_settings().catalog_root
    try:
        loaded = load_catalog(root)
    except CatalogError as exc:
        fail(f"制度データを読み込めません (catalog cannot be loaded)\n{escape(str(exc))}")
    text = json.dumps(export(loaded), ensure_ascii=False, indent=2) + "\n"
    if out_file is None:
        sys.stdout.write(text)
        return
    try:
        _save(out_file, text.encode())
    except OSError as exc:
        fail(escape(f"{out_file} に書き込めません（{exc.strerror}）"))
    err.print(f"{len(loaded)} 件の制度を書き出しました: {escape(str(out_file))}", highlight=False)
