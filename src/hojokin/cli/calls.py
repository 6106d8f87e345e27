"""`hojokin call`: open, list and publish calls (公募回) on the configured database,
acting as the command line (`cli:<OS user>` in the audit trail, an administrator's
rights). Times are read as JST unless they carry their own offset."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from hojokin.accounts.permissions import Actor
from hojokin.catalog.loader import Catalog, CatalogError, load_catalog
from hojokin.catalog.status import JST
from hojokin.cli.acting import on_database
from hojokin.cli.console import JsonOption, fail, out, print_json, read_settings
from hojokin.rules.service import UnknownProgramError
from hojokin.views.wording import unknown_text
from hojokin.views.workflow import call_json
from hojokin.workflow import schedule
from hojokin.workflow.records import Call
from hojokin.workflow.schedule import CallPlan
from hojokin.workflow.service import Workflow
from hojokin.workflow.states import CALL_STATUS_LABELS
from hojokin.workflow.times import jst_full

call_app = typer.Typer(help="公募回の作成・一覧・公開", no_args_is_help=True)

# The option that gave the field a refusal names.
_OPTIONS = {
    "program_id": "--program",
    "frame_id": "--frame",
    "code": "--code",
    "name": "--name",
    "issuer_id": "--issuer",
    "window_start": "--window-start",
    "window_end": "--window-end",
    "booking_start": "--booking-start",
    "booking_end": "--booking-end",
    "slot_minutes": "--slot-minutes",
    "slot_capacity": "--slot-capacity",
}
_TIMES = ("window_start", "window_end", "booking_start", "booking_end")
CatalogOption = Annotated[
    Path | None,
    typer.Option("--catalog", help="制度データのフォルダ（既定: $HOJOKIN_CATALOG 又は ./catalog）"),
]
TimeOption = Annotated[str | None, typer.Option(help="日時（例 2024-11-13T09:00、日本時間）")]


@contextmanager
def _workflow(root: Path | None) -> Iterator[tuple[Workflow, Actor]]:
    folder = root if root is not None else read_settings().catalog_root

    @cache
    def catalog() -> Catalog:
        """Loaded when a command first needs it (listing and publishing do not)."""
        try:
            return load_catalog(folder)
        except CatalogError as exc:
            fail(f"制度データを読み込めません (catalog cannot be loaded)\n{exc}")

    with on_database(_OPTIONS) as (settings, engine, actor):
        try:
            flow = Workflow(
                engine, catalog, settings.file_store(), policy=settings.workflow_policy()
            )
            yield flow, actor
        except UnknownProgramError as exc:
            fail(unknown_text(exc))


def _instant(text: str, field: str) -> datetime:
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        fail(f"{_OPTIONS[field]} {text!r} は日時（例 2024-11-13T09:00）ではありません")
    return at if at.tzinfo is not None else at.replace(tzinfo=JST)


def _summary(flow: Workflow, actor: Actor, made: Call) -> None:
    slots = flow.calls.slots(actor, made.id)
    out.print(
        f"公募回を作成しました: ID {made.id} {made.code}（{CALL_STATUS_LABELS[made.status]}）",
        highlight=False,
    )
    out.print(Text(made.name))
    out.print(f"申請書提出期間: {jst_full(made.window_start)}～{jst_full(made.window_end)}")
    out.print(f"予約受付期間: {jst_full(made.booking_start)}～{jst_full(made.booking_end)}")
    out.print(f"面談枠: {len(slots)}枠（{made.slot_minutes}分・定員{made.slot_capacity}）")
    for source in made.sources:
        out.print(Text(f"根拠: {source.quote}（{source.doc} {source.lines[0]}行）"))


@call_app.command("create")
def create(
    program: Annotated[str, typer.Option("--program", help="制度 ID")],
    frame: Annotated[str, typer.Option("--frame", help="枠 ID 又は枠の名前")],
    code: Annotated[str, typer.Option("--code", help="受付番号の頭に付くコード（例 ZE2024）")],
    from_catalog: Annotated[
        bool,
        typer.Option("--from-catalog", help="日程を制度データのスケジュール（出典付き）から取る"),
    ] = False,
    issuer: Annotated[int | None, typer.Option("--issuer", help="実施機関 ID")] = None,
    name: Annotated[str, typer.Option("--name", help="公募回の名前（既定: 制度・枠・年度）")] = "",
    window_start: TimeOption = None,
    window_end: TimeOption = None,
    booking_start: TimeOption = None,
    booking_end: TimeOption = None,
    slot_minutes: Annotated[
        int, typer.Option(help="面談枠の長さ（分）")
    ] = schedule.DEFAULT_SLOT_MINUTES,
    slot_capacity: Annotated[
        int, typer.Option(help="面談枠ごとの定員")
    ] = schedule.DEFAULT_SLOT_CAPACITY,
    catalog: CatalogOption = None,
) -> None:
    """Open a call (準備中) with its interview slots; publish it with `call publish`."""
    given = dict(zip(_TIMES, (window_start, window_end, booking_start, booking_end), strict=True))
    if from_catalog and any(v is not None for v in given.values()):
        fail("--from-catalog と日時（--window-start など）は一緒に指定できません")
    missing = [_OPTIONS[f] for f, v in given.items() if v is None]
    if not from_catalog and missing:
        fail(f"日時を指定するか --from-catalog を付けてください（不足: {'、'.join(missing)}）")
    with _workflow(catalog) as (flow, actor):
        if from_catalog:
            made = flow.calls.create_from_catalog(
                actor, program, frame, code, issuer,
                name=name, slot_minutes=slot_minutes, slot_capacity=slot_capacity,
            )  # fmt: skip
        else:
            at = {f: _instant(v, f) for f, v in given.items() if v is not None}
            plan = CallPlan(
                program, frame, code, name,
                at["window_start"], at["window_end"], at["booking_start"], at["booking_end"],
                slot_minutes, slot_capacity,
            )  # fmt: skip
            made = flow.calls.create(actor, plan, issuer)
        _summary(flow, actor, made)


@call_app.command("list")
def list_calls(as_json: JsonOption = False, catalog: CatalogOption = None) -> None:
    """Every call, newest first."""
    with _workflow(catalog) as (flow, actor):
        calls = flow.calls.list_calls(actor)
    if as_json:
        print_json([call_json(c) for c in calls])
        return
    table = Table(title=f"公募回 {len(calls)}件")
    for column in ("ID", "コード", "名前", "制度・枠", "状態", "申請書提出期間", "予約締切"):
        table.add_column(column, overflow="fold")
    for c in calls:
        table.add_row(
            str(c.id),
            c.code,
            Text(c.name),
            Text(f"{c.program_id} {c.frame_id}"),
            CALL_STATUS_LABELS[c.status],
            f"{jst_full(c.window_start)}～{jst_full(c.window_end)}",
            jst_full(c.booking_end),
        )
    out.print(table)


@call_app.command("publish")
def publish(
    call_id: Annotated[int, typer.Argument(metavar="CALL_ID")], catalog: CatalogOption = None
) -> None:
    """Publish a call: applicants see it and may book from its booking period on."""
    with _workflow(catalog) as (flow, actor):
        done = flow.calls.publish(actor, call_id)
    out.print(f"公募回 ID {done.id}（{done.code}）を公開しました", highlight=False)
