"""The `hojokin` command line. Commands and JSON are fixed in docs/contract.md.

Exit status: 0 when the command ran, 1 when `catalog validate` found problems or a
`catalog test` case failed, 2 for bad input (unknown program, bad option value,
unreadable catalog, malformed case file) with the problem named on stderr, never a
traceback.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.progress import Progress
from rich.table import Table
from rich.text import Text
from sqlalchemy.exc import SQLAlchemyError

from hojokin.catalog import status
from hojokin.catalog.facts_table import facts_json, facts_markdown
from hojokin.catalog.kinds import KINDS
from hojokin.catalog.loader import Catalog, CatalogError, load_catalog
from hojokin.catalog.validate import citations, validate
from hojokin.catalog.vocabulary import COMPANY_SIZES, STATUSES
from hojokin.cli.admin import admin_app
from hojokin.cli.calls import call_app
from hojokin.cli.check_tables import check_detail, check_table, estimate_detail, screen_summary
from hojokin.cli.console import JsonOption, err, fail, out, print_json, read_settings
from hojokin.cli.demo import demo
from hojokin.cli.ingest import run_ingest
from hojokin.cli.jgrants import export_app, import_app
from hojokin.cli.program_tables import program_table, render_program
from hojokin.cli.worker import run_worker
from hojokin.load import store_catalog
from hojokin.rules import service
from hojokin.rules.company import load_company
from hojokin.rules.company_table import TableError, read_companies, rule_frame
from hojokin.rules.input_files import InputError
from hojokin.rules.plan import load_plan
from hojokin.rules.screen import frame_tests, plan_problem, screen
from hojokin.search.query import MAX_LOCAL_LIMIT, SORTS
from hojokin.search.request import QueryError, program_query
from hojokin.search.service import search_programs
from hojokin.search.text import query_words
from hojokin.store.engine import make_engine
from hojokin.store.migrate import migrate
from hojokin.store.snapshot import LiveCatalog
from hojokin.views import cases as worked
from hojokin.views.checks import check_json, estimate_json
from hojokin.views.programs import program_json_on
from hojokin.views.wording import unknown_text

app = typer.Typer(
    help="hojokin: 中小企業向け支援制度の検索・要件確認・金額試算",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
programs_app = typer.Typer(help="支援制度の一覧・詳細・検索", no_args_is_help=True)
catalog_app = typer.Typer(
    help="制度データファイルの検証、確認事項（facts）の一覧、事例の実行", no_args_is_help=True
)
app.add_typer(programs_app, name="programs")
app.add_typer(catalog_app, name="catalog")

app.add_typer(admin_app, name="admin")
app.add_typer(call_app, name="call")
app.command("demo")(demo)
app.command("worker")(run_worker)
app.command("ingest")(run_ingest)
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")

CatalogOption = Annotated[
    Path | None,
    typer.Option("--catalog", help="catalog folder (default: $HOJOKIN_CATALOG or ./catalog)"),
]


def _root(given: Path | None) -> Path:
    """`--catalog`, else the folder the settings name."""
    return given if given is not None else read_settings().catalog_root


def _catalog(root: Path | None) -> Catalog:
    try:
        return load_catalog(_root(root))
    except CatalogError as exc:
        fail(f"制度データを読み込めません (catalog cannot be loaded)\n{exc}")


TodayOption = Annotated[
    str | None,
    typer.Option("--today", help="状況（募集中など）を判断する日 YYYY-MM-DD（既定: 日本の今日）"),
]


def _today(text: str | None) -> date:
    if text is None:
        return status.today_jst()
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"--today {text!r} は日付（YYYY-MM-DD）ではありません")


@programs_app.command("list")
def programs_list(
    issuer: Annotated[
        str | None, typer.Option(help="実施機関・都道府県（部分一致）で絞り込む")
    ] = None,
    kind: Annotated[str | None, typer.Option(help=f"種類: {', '.join(KINDS)}")] = None,
    as_json: JsonOption = False,
    catalog: CatalogOption = None,
    today: TodayOption = None,
) -> None:
    """List programs."""
    if kind is not None and kind not in KINDS:
        fail(f"--kind {kind!r} は不明な種類です。使える値: {', '.join(KINDS)}")
    day = _today(today)
    loaded = _catalog(catalog)
    programs = list(loaded)
    if issuer:
        programs = [p for p in programs if issuer in p.issuer or issuer in p.prefecture]
    if kind:
        programs = [p for p in programs if p.kind == kind]
    if as_json:
        print_json([program_json_on(loaded, p, day) for p in programs])
    else:
        out.print(program_table(programs, f"支援制度 {len(programs)}件", loaded, day))


@programs_app.command("show")
def programs_show(
    program_id: Annotated[str, typer.Argument(metavar="PROGRAM_ID")],
    as_json: JsonOption = False,
    catalog: CatalogOption = None,
    today: TodayOption = None,
) -> None:
    """Show one program with every term and its source."""
    day = _today(today)
    loaded = _catalog(catalog)
    program = loaded.get(program_id)
    if program is None:
        fail(
            f"制度 {program_id!r} は見つかりません（`hojokin programs list` で一覧を確認できます）"
        )
    if as_json:
        print_json(program_json_on(loaded, program, day, detail=True))
        return
    render_program(out, program, loaded, day)


# The options whose names differ from the search's fields (QueryError.field).
_SEARCH_OPTIONS = {"q": "", "min_cap_yen": "--min-cap"}


@programs_app.command("search")
def programs_search(
    query: Annotated[str, typer.Argument(metavar="QUERY")],
    limit: Annotated[int, typer.Option(help=f"最大件数（{MAX_LOCAL_LIMIT} まで）")] = 20,
    prefecture: Annotated[str | None, typer.Option(help="都道府県（東京 / 東京都）")] = None,
    kind: Annotated[str | None, typer.Option(help=f"種類: {', '.join(KINDS)}")] = None,
    fiscal_year: Annotated[int | None, typer.Option(help="年度（西暦、令和4年度 → 2022）")] = None,
    open_on: Annotated[str | None, typer.Option(help="この日（YYYY-MM-DD）に募集中の事業")] = None,
    min_cap: Annotated[int | None, typer.Option(help="上限額がこの額（円）以上")] = None,
    size: Annotated[
        str | None, typer.Option(help=f"会社の規模: {', '.join(COMPANY_SIZES)}")
    ] = None,
    status_: Annotated[
        str | None,
        typer.Option("--status", help=f"状況: {', '.join(STATUSES)}（--today の日に）"),
    ] = None,
    use_purpose: Annotated[str | None, typer.Option(help="利用目的（jGrants の語彙）")] = None,
    sort: Annotated[str, typer.Option(help=f"並び順: {', '.join(SORTS)}")] = "relevance",
    as_json: JsonOption = False,
    catalog: CatalogOption = None,
    today: TodayOption = None,
) -> None:
    """Search programs by name, targets, purposes and description (docs/search.md)."""
    if not query_words(query):
        # Only spaces, ー, ・ or characters no text holds: nothing to search for.
        fail("検索語が空です（文字として読める語がありません）")
    day_today = _today(today)
    try:
        day = None if open_on is None else date.fromisoformat(open_on)
    except ValueError:
        fail(f"--open-on {open_on!r} は日付（YYYY-MM-DD）ではありません")
    try:
        request = program_query(
            query,
            prefecture=prefecture,
            kind=kind,
            fiscal_year=fiscal_year,
            open_on=day,
            min_cap_yen=min_cap,
            size=size,
            status=status_,
            use_purpose=use_purpose,
            sort=sort,
            today=day_today,
            limit=limit,
            max_limit=MAX_LOCAL_LIMIT,
        )
    except QueryError as exc:
        option = _SEARCH_OPTIONS.get(exc.field, f"--{exc.field.replace('_', '-')}")
        fail(f"{option} {exc.message}" if option else exc.message)
    loaded = _catalog(catalog)
    # The API's search engine on a private in-memory copy of this catalog: the same SQL
    # gives the same programs in the same order, and the CLI needs no database set up.
    engine = make_engine("sqlite://")
    migrate(engine)
    store_catalog(engine, loaded, digest="")
    live = LiveCatalog(engine, loaded)
    found = search_programs(live, live.current(), request).programs
    if as_json:
        print_json([program_json_on(loaded, p, day_today) for p in found])
    elif not found:  # an empty table would leave the reader guessing: say so (exit 0)
        typer.echo(f"「{query}」に該当する制度はありません")
    else:
        out.print(program_table(found, f"「{query}」の検索結果 {len(found)}件", loaded, day_today))


@catalog_app.command("validate")
def catalog_validate(catalog: CatalogOption = None) -> None:
    """Check every program file and every citation against its source text."""
    loaded, problems = validate(_root(catalog))
    if problems:
        for problem in problems:
            err.print(str(problem), highlight=False, markup=False, soft_wrap=True)
        err.print(f"[bold red]{len(problems)} problem(s)[/] in the catalog at {loaded.root}")
        raise typer.Exit(1)
    cites = sum(len(citations(p)) for p in loaded)
    out.print(
        f"catalog OK: {len(loaded)} programs, {len(loaded.documents)} documents, "
        f"{cites} citations, all match their sources"
    )


@catalog_app.command("facts")
def catalog_facts(as_json: JsonOption = False, catalog: CatalogOption = None) -> None:
    """Print the fact vocabulary: the table of docs/facts.md, or JSON with --json."""
    loaded = _catalog(catalog)
    if as_json:
        print_json(facts_json(loaded))
    else:
        sys.stdout.write(facts_markdown(loaded))


def _shown(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


@catalog_app.command("test")
def catalog_test(as_json: JsonOption = False, catalog: CatalogOption = None) -> None:
    """Run the worked examples kept with the program files (`*.cases.yaml`); exit 1 when
    one differs from what check/estimate say."""
    loaded = _catalog(catalog)
    try:
        outcomes = [worked.run_case(c) for c in worked.load_cases(loaded)]
    except CatalogError as exc:
        fail(f"事例ファイルに誤りがあります (malformed case file)\n{exc}")
    failed = [o for o in outcomes if not o.passed]
    if as_json:
        print_json([worked.outcome_json(o) for o in outcomes])
    else:
        table = Table(title=f"事例 {len(outcomes)}件: 合格 {len(outcomes) - len(failed)}件")
        table.add_column("結果", no_wrap=True)
        table.add_column("事業・枠", style="cyan", overflow="fold", ratio=2)
        table.add_column("事例", overflow="fold", ratio=3)
        table.add_column("違い（期待 → 実際）", overflow="fold", ratio=3)
        for o in outcomes:
            diff = "\n".join(
                f"{d.field}: {_shown(d.expected)} → {_shown(d.actual)}" for d in o.differences
            )
            table.add_row(
                "[green]合格[/]" if o.passed else "[bold red]不合格[/]",
                f"{o.case.program.id} {o.case.frame.id}",
                Text(o.case.entry.name),
                Text(diff),
            )
        out.print(table)
    if failed:
        err.print(f"[bold red]{len(failed)}件の事例が不合格です[/]", highlight=False)
        raise typer.Exit(1)


CompanyOption = Annotated[
    Path, typer.Option("--company", help="company file (JSON or YAML, docs/contract.md)")
]


def _unknown(exc: service.UnknownProgramError) -> str:
    advice = "（hojokin programs search で探せます）" if exc.program is None else ""
    return unknown_text(exc) + advice


@app.command("check")
def check(
    company: CompanyOption,
    program: Annotated[str | None, typer.Option("--program", help="one program id")] = None,
    as_json: JsonOption = False,
    catalog: CatalogOption = None,
) -> None:
    """Check a company against every program frame (or one program), with reasons."""
    loaded = _catalog(catalog)
    try:
        profile = load_company(company, loaded.facts)
        programs = [service.find_program(loaded, program)] if program else list(loaded)
    except InputError as exc:
        fail(str(exc))
    except service.UnknownProgramError as exc:
        fail(_unknown(exc))
    checks = service.check_company(programs, profile)
    if as_json:
        print_json([check_json(c) for c in checks])
    elif program:
        for c in checks:
            check_detail(out, c)
    else:
        check_table(out, checks)


@app.command("estimate")
def estimate(
    program: Annotated[str, typer.Option("--program", help="program id")],
    company: CompanyOption,
    plan: Annotated[Path, typer.Option("--plan", help="plan file (JSON or YAML)")],
    frame: Annotated[
        str | None, typer.Option("--frame", help="frame id or its Japanese name")
    ] = None,
    as_json: JsonOption = False,
    catalog: CatalogOption = None,
) -> None:
    """Estimate the grant for a plan: by year and category, with every limit applied."""
    loaded = _catalog(catalog)
    try:
        chosen = service.find_program(loaded, program)
        frames = service.select_frames(chosen, frame)
        profile = load_company(company, loaded.facts)
        project = load_plan(plan, loaded.facts)
        results = [service.estimate(chosen, f, profile, project) for f in frames]
    except InputError as exc:
        fail(str(exc))
    except service.UnknownProgramError as exc:
        fail(_unknown(exc))
    if as_json:
        data = [estimate_json(r) for r in results]
        print_json(data[0] if len(data) == 1 else data)
        return
    for result in results:
        estimate_detail(out, result)


synth_app = typer.Typer(help="合成データの生成", no_args_is_help=True)
app.add_typer(synth_app, name="synth")


def _write_table(table: pl.DataFrame, path: Path) -> None:
    try:
        if path.suffix == ".parquet":
            table.write_parquet(path)
        elif path.suffix == ".csv":
            table.write_csv(path)
        else:
            fail(f"{path}: 出力ファイルは .csv か .parquet にしてください")
    except OSError as exc:
        fail(f"{path}: 書き込めません ({exc.strerror})")


@app.command("screen")
def screen_command(
    companies: Annotated[
        Path, typer.Option("--companies", help="company table (.csv or .parquet)")
    ],
    out_path: Annotated[Path, typer.Option("--out", help="result table (.csv or .parquet)")],
    catalog: CatalogOption = None,
) -> None:
    """Screen every company of a table against every program frame (docs/company-table.md)."""
    loaded = _catalog(catalog)
    tests = frame_tests(loaded)
    try:
        table = read_companies(companies)
        rows = rule_frame(table, loaded.facts)
        plan_problem(rows, tests)
    except TableError as exc:
        fail(f"{companies}: {exc}")
    with Progress(console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task(f"{len(tests)}枠で判定中", total=rows.height)
        result = screen(rows, tests, lambda n: bar.advance(task, n))
    ids = table["id"] if "id" in table.columns else pl.Series("id", range(1, table.height + 1))
    _write_table(pl.concat([ids.alias("id").to_frame(), result], how="horizontal"), out_path)
    out.print(f"{rows.height:,}社 × {len(tests)}枠 → {out_path}")
    out.print(screen_summary(result, tests))


@synth_app.command("companies")
def synth_companies_command(
    n: Annotated[int, typer.Option("--n", min=0, help="number of companies")],
    out_path: Annotated[Path, typer.Option("--out", help="output (.csv or .parquet)")],
    seed: Annotated[int, typer.Option(help="random seed")] = 0,
) -> None:
    """Generate a synthetic population of companies (docs/synthetic-companies.md)."""
    from hojokin.synth import synth_companies

    _write_table(synth_companies(n, seed=seed), out_path)
    out.print(f"{n:,}社 → {out_path}")


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="待ち受けるアドレス")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="ポート")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="ワーカープロセス数")] = 1,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(help="受け付ける Host 名（localhost 以外で公開するとき。複数可）"),
    ] = None,
    catalog: CatalogOption = None,
) -> None:
    """Serve the web UI and the API (/api/v1) on the database ($HOJOKIN_DATABASE_URL or
    var/hojokin.sqlite3), migrated and loaded with the catalog when it changed."""
    from hojokin.server import logs, run

    logs.configure()

    settings = read_settings()
    if catalog is not None:
        settings = replace(settings, catalog_root=catalog)
    if allowed_host:
        try:
            settings = replace(settings, allowed_hosts=settings.allowed_hosts + tuple(allowed_host))
        except ValueError as exc:  # an insecure cookie for a public host name
            fail(str(exc))
    try:
        folder = run.prepare(settings)
    except CatalogError as exc:
        fail(f"制度データを読み込めません (catalog cannot be loaded)\n{exc}")
    except SQLAlchemyError as exc:
        fail(f"データベースを開けません: {settings.database_url} ({exc.__class__.__name__}: {exc})")
    logs.server.info(
        "hojokin: http://%s:%d/ （API: http://%s:%d/api/v1/docs）", host, port, host, port
    )
    run.serve(settings, host, port, workers, folder)


def main() -> None:
    app()
