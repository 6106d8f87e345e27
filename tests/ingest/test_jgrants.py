"""`hojokin import jgrants` and `export jgrants`: records in the public API's shape (a
list and two details, one with a 公募要領 PDF made here), from a file or served by a
local HTTP server, become drafts that pass `catalog validate`; export and import again
keep the title, cap, rate text and window; bad input writes nothing."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from hojokin.catalog.loader import load_catalog
from hojokin.catalog.status import today_jst
from hojokin.catalog.validate import validate
from hojokin.cli import app
from hojokin.ingest.jgrants import Hints, import_records, parse_records

from .documents import write_pdf

runner = CliRunner()
TODAY = today_jst()
START = TODAY - timedelta(days=10)
END = TODAY + timedelta(days=30)
# 15:00 UTC is midnight in Japan: the window ends on END in Japan time, not the day before.
END_UTC = f"{(END - timedelta(days=1)).isoformat()}T15:00:00Z"
A = "a0WJ200000TESTAAA"
B = "a0WJ200000TESTBBB"


def _response(records: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "metadata": {"type": "application/json", "resultset": {"count": len(records)}},
        "result": records,
    }


def _pdf_base64(tmp_path: Path) -> str:
    return base64.b64encode(write_pdf(tmp_path / "youryou.pdf").read_bytes()).decode()


def detail_a(pdf: str | None) -> dict[str, Any]:
    return {
        "id": A,
        "name": "S-00001111",
        "title": "ものづくり省力化設備導入補助金",
        "subsidy_catch_phrase": "研究開発 & 試作 <特別枠> の省力化設備を支援します。",
        "detail": (
            "<h2>事業の概要</h2><p>県内の中小企業者が行う研究開発 &amp; 試作 &lt;特別枠&gt; の"
            "経費の一部を補助します。</p><p>問合せ先 電話 076-000-0000</p>"
        ),
        "use_purpose": "設備整備・IT導入をしたい / 生産性を向上させたい",
        "industry": "製造業 / 建設業",
        "target_area_search": "富山県",
        "target_area_detail": "富山県内に事業所を有すること",
        "target_number_of_employees": "従業員数の制約なし",
        "subsidy_rate": "1/2以内",
        "subsidy_max_limit": 5000000,
        "acceptance_start_datetime": f"{START.isoformat()}T09:00:00+09:00",
        "acceptance_end_datetime": f"{END.isoformat()}T17:00:00+09:00",
        "project_end_deadline": f"{(END + timedelta(days=180)).isoformat()}T23:59:59+09:00",
        "request_reception_presence": "有",
        "is_enable_multiple_request": False,
        "front_subsidy_detail_page_url": f"https://www.jgrants-portal.go.jp/subsidy/{A}",
        "application_guidelines": [] if pdf is None else [{"name": "公募要領.pdf", "data": pdf}],
        "outline_of_grant": [],
        "application_form": [],
    }


def detail_b() -> dict[str, Any]:
    return {
        "id": B,
        "name": "S-00002222",
        "title": "事業承継・引継ぎ補助金",
        "detail": "<p>事業承継を契機とした新たな取組を支援します。</p>",
        "use_purpose": "事業を引き継ぎたい",
        "target_area_search": "全国",
        "target_number_of_employees": "従業員数の制約なし",
        "subsidy_rate": "1/2（小規模事業者は2/3）",
        "subsidy_max_limit": 6000000,
        "acceptance_start_datetime": f"{START.isoformat()}T00:00:00+09:00",
        "acceptance_end_datetime": END_UTC,
        "application_guidelines": [],
    }


def listed(record: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "id",
        "name",
        "title",
        "target_area_search",
        "subsidy_max_limit",
        "acceptance_start_datetime",
        "acceptance_end_datetime",
        "target_number_of_employees",
    )
    return {k: record.get(k) for k in keys}


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _import(*args: str) -> Any:
    return runner.invoke(app, ["import", "jgrants", *args], env={"COLUMNS": "300"})


def _programs(folder: Path) -> dict[str, dict[str, Any]]:
    result = runner.invoke(app, ["programs", "list", "--json", "--catalog", str(folder)])
    assert result.exit_code == 0, result.stderr
    return {p["name"]: p for p in json.loads(result.stdout)}


def _validates(folder: Path) -> None:
    result = runner.invoke(app, ["catalog", "validate", "--catalog", str(folder)])
    assert result.exit_code == 0, result.stdout + result.stderr


def test_detail_records_become_valid_drafts_with_cap_and_window(tmp_path: Path) -> None:
    source = _write(tmp_path / "details.json", _response([detail_a(_pdf_base64(tmp_path))]))
    out = tmp_path / "catalog"
    result = _import(str(source), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    _validates(out)
    programs = _programs(out)
    program = programs["ものづくり省力化設備導入補助金"]
    assert program["frames"][0]["cap_yen"] == 5_000_000
    assert program["frames"][0]["rate"] == "1/2"
    assert program["status"] == "open"
    assert program["deadline"] == END.isoformat()
    assert program["prefecture"] == "富山県"
    assert program["use_purpose"] == "設備整備・IT導入をしたい / 生産性を向上させたい"
    # The attached 公募要領 went through `ingest` as a document of its own.
    assert "ものづくり試作開発支援事業" in programs
    assert (out / "documents" / "jgrants-a0wj200000testaaa-guidelines-1.txt").exists()


def test_each_value_cites_the_line_of_its_field(tmp_path: Path) -> None:
    source = _write(tmp_path / "a.json", _response([detail_a(None)]))
    out = tmp_path / "catalog"
    assert _import(str(source), "--out", str(out)).exit_code == 0
    catalog = load_catalog(out)
    (program,) = list(catalog)
    lines = catalog.documents[f"jgrants-{A.lower()}.txt"].lines
    frame = program.frames[0]
    assert frame.cap is not None and frame.rate is not None
    assert lines[frame.cap.cite.line_start - 1].startswith("subsidy_max_limit: 5000000")
    assert lines[frame.rate.cite.line_start - 1] == "subsidy_rate: 1/2以内"
    window = frame.application_window
    assert window is not None and (window.start, window.end) == (START, END)
    assert lines[window.cite.line_start - 1].startswith("acceptance_start_datetime: ")
    area = program.eligibility[0]
    assert area.area is not None and area.area.prefectures == ["富山県"]
    assert area.cite is not None and lines[area.cite.line_start - 1] == "target_area_search: 富山県"
    # The record names no issuer: it stays empty, with a question for the reviewer.
    assert program.issuer == ""
    assert program.review is not None
    assert any("実施機関" in note for note in program.review.notes)


def test_an_ambiguous_rate_is_a_note_and_a_utc_end_is_read_in_japan_time(tmp_path: Path) -> None:
    source = _write(tmp_path / "b.json", _response([detail_b()]))
    out = tmp_path / "catalog"
    assert _import(str(source), "--out", str(out)).exit_code == 0
    _validates(out)
    (program,) = list(load_catalog(out))
    frame = program.frames[0]
    assert frame.rate is None
    assert program.review is not None
    assert any("1/2（小規模事業者は2/3）" in note for note in program.review.notes)
    assert frame.application_window is not None
    assert frame.application_window.end == END
    assert program.prefecture == "全国"
    assert program.eligibility[0].area is not None
    assert program.eligibility[0].area.nationwide


def test_a_detail_text_that_differs_from_the_record_is_a_note(tmp_path: Path) -> None:
    record = detail_a(None)
    record["detail"] = "<p>補助上限額 300万円</p><p>補助率 2/3以内</p>"
    source = _write(tmp_path / "a.json", _response([record]))
    out = tmp_path / "catalog"
    assert _import(str(source), "--out", str(out)).exit_code == 0
    _validates(out)
    (program,) = list(load_catalog(out))
    frame = program.frames[0]
    assert frame.cap is not None and frame.cap.yen == 5_000_000
    assert frame.rate is not None and frame.rate.cite.quote == "1/2以内"
    assert program.review is not None
    notes = "\n".join(program.review.notes)
    assert "上限額（本文" in notes and "記録の subsidy_max_limit と異なります" in notes
    assert "記録の subsidy_rate と異なります" in notes


class _Api(BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, bytes]] = {}
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        path = self.path.split("?")[0]
        body = self.pages.get(path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body or b'{"message": "not found"}')

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def api(tmp_path: Path) -> Iterator[str]:
    base = "/exp/v1/public/subsidies"
    a, b = detail_a(_pdf_base64(tmp_path)), detail_b()

    def page(data: object) -> bytes:
        return json.dumps(data, ensure_ascii=False).encode()

    _Api.pages = {
        base: page(_response([listed(a), listed(b)])),
        f"{base}/id/{A}": page(_response([a])),
        f"{base}/id/{B}": page(_response([b])),
    }
    _Api.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Api)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_url_fetches_the_list_and_each_detail(api: str, tmp_path: Path) -> None:
    saved = tmp_path / "fetched.json"
    out = tmp_path / "catalog"
    result = _import(
        str(saved), "--url", f"{api}?keyword=補助金&sort=created_date&order=DESC&acceptance=1",
        "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert [p.split("?")[0].rsplit("/", 1)[-1] for p in _Api.seen] == ["subsidies", A, B]
    _validates(out)
    programs = _programs(out)
    assert programs["事業承継・引継ぎ補助金"]["frames"][0]["cap_yen"] == 6_000_000
    assert programs["ものづくり省力化設備導入補助金"]["deadline"] == END.isoformat()
    # What was fetched is kept, and imports again from the file alone.
    records = json.loads(saved.read_text(encoding="utf-8"))["result"]
    assert [r["id"] for r in records] == [A, B]
    assert "detail" in records[0]
    again = _import(str(saved))
    assert again.exit_code == 0, again.stderr
    assert "制度 3 件" in again.stdout


def test_a_url_that_does_not_answer_is_refused_and_nothing_saved(tmp_path: Path) -> None:
    saved = tmp_path / "fetched.json"
    result = _import(str(saved), "--url", "http://127.0.0.1:9/exp/v1/public/subsidies")
    assert result.exit_code == 2
    assert "接続できません" in result.stderr
    assert not saved.exists()


def _export(folder: Path, target: Path) -> list[dict[str, Any]]:
    result = runner.invoke(
        app, ["export", "jgrants", "--catalog", str(folder), "--out", str(target)]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["metadata"]["resultset"]["count"] == len(data["result"])
    records: list[dict[str, Any]] = data["result"]
    return records


def test_export_then_import_keeps_title_cap_rate_text_and_window(tmp_path: Path) -> None:
    source = _write(tmp_path / "a.json", _response([detail_a(None)]))
    first = tmp_path / "first"
    assert _import(str(source), "--out", str(first)).exit_code == 0
    (exported,) = _export(first, tmp_path / "export.json")
    assert exported["title"] == "ものづくり省力化設備導入補助金"
    assert exported["subsidy_max_limit"] == 5_000_000
    assert exported["subsidy_rate"] == "1/2以内"
    assert exported["acceptance_start_datetime"] == f"{START.isoformat()}T00:00:00+09:00"
    assert exported["acceptance_end_datetime"] == f"{END.isoformat()}T23:59:59+09:00"
    assert exported["target_area_search"] == "富山県"
    # The record's text is HTML again, escaped.
    assert "&amp; 試作 &lt;特別枠&gt;" in exported["detail"]
    assert "<特別枠>" not in exported["detail"]

    second = tmp_path / "second"
    result = _import(str(tmp_path / "export.json"), "--out", str(second))
    assert result.exit_code == 0, result.stderr
    _validates(second)
    (again,) = _export(second, tmp_path / "again.json")
    for key in (
        "title",
        "subsidy_max_limit",
        "subsidy_rate",
        "acceptance_start_datetime",
        "acceptance_end_datetime",
        "target_area_search",
        "use_purpose",
    ):
        assert again[key] == exported[key], key


def test_export_of_the_seed_catalog_gives_every_program() -> None:
    result = runner.invoke(app, ["export", "jgrants"])
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)["result"]
    catalog, _ = validate(Path("catalog"))
    assert len(records) == len(catalog)
    zeroemi = next(r for r in records if r["id"] == "tokyo-zeroemi-innovation")
    assert zeroemi["target_area_search"] == "東京都"
    assert isinstance(zeroemi["subsidy_max_limit"], int)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "catalog"
    (folder / "documents").mkdir(parents=True)
    (folder / "documents" / "index.yaml").write_text("{}\n", encoding="utf-8")
    return folder


def _refused(source: Path, out: Path, words: str) -> None:
    before = sorted(out.rglob("*"))
    result = _import(str(source), "--out", str(out))
    assert result.exit_code == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(out.rglob("*")) == before


def test_broken_json(tmp_path: Path, out: Path) -> None:
    source = tmp_path / "broken.json"
    source.write_text('{"result": [{"title": "補助金"', encoding="utf-8")
    _refused(source, out, "JSON として読めません")


def test_a_record_without_title(tmp_path: Path, out: Path) -> None:
    record = detail_b()
    del record["title"]
    source = _write(tmp_path / "untitled.json", _response([detail_a(None), record]))
    _refused(source, out, f"2 件目の記録（id: {B}）に title がありません")


def test_base64_that_is_not_a_pdf(tmp_path: Path, out: Path) -> None:
    text = base64.b64encode("公募要領".encode() * 10).decode()
    source = _write(tmp_path / "notpdf.json", _response([detail_a(text)]))
    _refused(source, out, "添付「公募要領.pdf」は PDF ではありません")


def test_data_that_is_not_base64(tmp_path: Path, out: Path) -> None:
    source = _write(tmp_path / "garbled.json", _response([detail_a("%%% not base64 %%%")]))
    _refused(source, out, "Base64 として読めません")


def test_a_100_mb_file_is_refused_by_its_size(tmp_path: Path, out: Path) -> None:
    source = tmp_path / "huge.json"
    with source.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    _refused(source, out, "ファイルが大きすぎます")


def test_not_a_jgrants_response(tmp_path: Path, out: Path) -> None:
    source = _write(tmp_path / "other.json", {"items": [1, 2]})
    _refused(source, out, "jGrants の応答")


def test_a_record_already_imported_is_refused_whole(tmp_path: Path, out: Path) -> None:
    source = _write(tmp_path / "a.json", _response([detail_a(None)]))
    assert _import(str(source), "--out", str(out)).exit_code == 0
    both = _write(tmp_path / "both.json", _response([detail_b(), detail_a(None)]))
    _refused(both, out, "既にあります")


def test_without_out_a_summary_is_printed(tmp_path: Path) -> None:
    source = _write(tmp_path / "b.json", _response([detail_b()]))
    result = _import(str(source))
    assert result.exit_code == 0, result.stderr
    assert "事業承継・引継ぎ補助金" in result.stdout
    assert "確認事項" in result.stdout
    assert sorted(tmp_path.iterdir()) == [source]


def test_dates_without_a_year_ask_for_one(tmp_path: Path, out: Path) -> None:
    record = detail_b()
    del record["acceptance_start_datetime"], record["acceptance_end_datetime"]
    source = _write(tmp_path / "undated.json", _response([record]))
    _refused(source, out, "--fiscal-year")
    result = _import(str(source), "--out", str(out), "--fiscal-year", "2025")
    assert result.exit_code == 0, result.stderr
    (program,) = list(load_catalog(out))
    assert program.fiscal_year == 2025


def test_progress_is_reported_for_every_record_and_attachment(tmp_path: Path) -> None:
    data = json.dumps(_response([detail_a(_pdf_base64(tmp_path)), detail_b()]))
    records = parse_records(data.encode(), "records.json")
    steps: list[tuple[int, int]] = []
    items = import_records(records, "records.json", Hints(), lambda d, t: steps.append((d, t)))
    assert steps == [(1, 3), (2, 3), (3, 3)]
    assert [i.source.format for i in items] == ["jgrants", "pdf", "jgrants"]
