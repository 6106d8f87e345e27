"""Drafts of the seed documents pass `catalog validate`, and `--out` writes a catalog that
`programs list` and `catalog validate` read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hojokin.catalog.validate import validate
from hojokin.cli import app
from hojokin.ingest.service import ingest, write

from ..conftest import CATALOG
from .documents import write_pdf

runner = CliRunner()
SEEDS = sorted((CATALOG / "documents").glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_drafts_of_each_seed_validate(seed: Path, tmp_path: Path) -> None:
    write(ingest(seed), tmp_path)
    catalog, problems = validate(tmp_path)
    assert problems == []
    assert len(catalog) > 0
    assert all(p.review is not None and p.review.status == "draft" for p in catalog)


def test_out_round_trip_through_programs_list_and_catalog_validate(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "call.pdf")
    out = tmp_path / "catalog"
    written = runner.invoke(app, ["ingest", str(pdf), "--out", str(out)])
    assert written.exit_code == 0, written.stderr
    checked = runner.invoke(app, ["catalog", "validate", "--catalog", str(out)])
    assert checked.exit_code == 0, checked.stdout
    listed = runner.invoke(app, ["programs", "list", "--json", "--catalog", str(out)])
    (program,) = json.loads(listed.stdout)
    assert program["name"] == "ものづくり試作開発支援事業"
    assert program["prefecture"] == "富山県"
    assert program["fiscal_year"] == 2025
    (frame,) = program["frames"]
    assert (frame["rate"], frame["cap_yen"], frame["floor_yen"]) == ("2/3", 3_000_000, 500_000)
    index = (out / "documents" / "index.yaml").read_text(encoding="utf-8")
    assert "origin: call.pdf" in index
    assert "date: '2025-05-12'" in index


def test_without_out_a_summary_is_printed_and_nothing_written(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(SEEDS[0])], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "制度 " in result.stdout and "合計: 金額" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_a_second_document_joins_the_same_catalog(tmp_path: Path) -> None:
    for seed in SEEDS[:2]:
        write(ingest(seed), tmp_path)
    catalog, problems = validate(tmp_path)
    assert problems == []
    assert set(catalog.documents) == {s.name for s in SEEDS[:2]}


def test_a_value_is_cited_from_its_own_line(tmp_path: Path) -> None:
    tokyo = ingest(CATALOG / "documents" / "003_cf133d2ac19737cc.txt")
    (program,) = tokyo.programs
    zero = program.frames[0]
    assert zero.name == "ゼロエミッション枠"
    assert zero.cap is not None and zero.cap.yen == 1_000_000_000
    assert zero.cap.cite.lines == (58, 58) and zero.cap.cite.quote == "10億円"
    assert [c.yen for c in zero.per_year_caps] == [400_000_000, 300_000_000]
    assert zero.support_period is not None and zero.support_period.end.isoformat() == "2028-03-31"


def test_a_heading_that_cannot_be_drafted_is_skipped_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pydantic import BaseModel

    from hojokin.ingest import service

    class Strict(BaseModel):
        n: int

    def refuse(*_: object) -> object:
        return Strict.model_validate({"n": "x"})

    monkeypatch.setattr(service, "build", refuse)
    result = runner.invoke(app, ["ingest", str(write_pdf(tmp_path / "call.pdf"))])
    assert result.exit_code == 2
    assert "支援制度が見つかりませんでした" in result.stderr


def test_required_documents_and_contact_of_a_call() -> None:
    (program,) = ingest(CATALOG / "documents" / "003_cf133d2ac19737cc.txt").programs
    frames = {f.name: f for f in program.frames}
    zero, general = frames["ゼロエミッション枠"], frames["大学発ベンチャー・一般枠"]
    assert [d.number for d in zero.required_documents] == list(range(1, 15))
    assert [d.number for d in general.required_documents] == list(range(1, 14))
    first = zero.required_documents[0]
    assert (first.name, first.copies, first.form) == ("申請前確認書(Word ファイル) 原本", "1", "○")
    assert first.cite.lines == (536, 536)
    assert any("03-6896-1624" in note.text for note in program.notes)


def test_progress_is_reported_for_every_program() -> None:
    seen: list[tuple[int, int]] = []
    result = ingest(SEEDS[0], progress=lambda done, total: seen.append((done, total)))
    total = len(result.programs)
    assert seen == [(i, total) for i in range(1, total + 1)]
