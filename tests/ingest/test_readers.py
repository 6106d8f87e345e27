"""Each reader turns its format into the lines a person reads, tables as tab-separated rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from hojokin.ingest.formats import read_document
from hojokin.ingest.html import html_lines
from hojokin.ingest.pdf import tidy

from .documents import LINES, TITLE, write_docx, write_html, write_pdf, write_text


def _nonblank(lines: tuple[str, ...]) -> list[str]:
    return [line for line in lines if line.strip()]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "euc_jis_2004"])
def test_text_keeps_every_line_in_any_japanese_encoding(tmp_path: Path, encoding: str) -> None:
    source = read_document(write_text(tmp_path / "call.txt", encoding))
    assert source.format == "text"
    assert source.lines == LINES  # line numbers are what citations count


def test_pdf_text_layer_and_table_rows(tmp_path: Path) -> None:
    source = read_document(write_pdf(tmp_path / "call.pdf"))
    lines = _nonblank(source.lines)
    assert source.format == "pdf"
    assert [tidy(line) for line in LINES if line] == lines[: len(_nonblank(LINES))]
    assert lines[-2:] == ["区分\t助成率\t上限額", "一般枠\t1/2以内\t2,000千円"]


def test_pdf_spaces_between_japanese_characters_are_dropped() -> None:
    assert tidy("令和6 年6 月13 日  上限額 500 千円") == "令和6年6月13日上限額500千円"
    assert tidy("Web サイト 2 件") == "Web サイト2件"


def test_docx_paragraphs_tables_and_title(tmp_path: Path) -> None:
    source = read_document(write_docx(tmp_path / "call.docx"))
    assert source.format == "docx"
    assert source.declared_title == TITLE
    assert _nonblank(source.lines) == [
        *(line for line in LINES if line),
        "区分\t助成率\t上限額",
        "一般枠\t1/2以内\t2,000千円",
    ]


def test_html_drops_scripts_and_styles_and_keeps_rows(tmp_path: Path) -> None:
    source = read_document(write_html(tmp_path / "detail.html"))
    assert source.format == "html"
    assert source.declared_title == TITLE
    assert source.lines == (
        *(line for line in LINES if line),
        "区分\t助成率\t上限額",
        "一般枠\t1/2以内\t2,000千円",
    )
    assert not any("9,999" in line for line in source.lines)


def test_html_without_a_doctype_is_known_by_its_name(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text("<p>" + "</p><p>".join(LINES) + "</p>", encoding="utf-8")
    assert read_document(path).format == "html"


def test_html_block_elements_inside_a_cell_stay_in_the_row() -> None:
    lines, title = html_lines(
        "<table><tr><td><p>上限額</p><p>500千円</p></td><td>1/2</td></tr></table>"
    )
    assert lines == ("上限額 500千円\t1/2",)
    assert title is None
