"""Bad input gets a clear Japanese message and exit 2, and the output folder is untouched."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from hojokin.cli import app

from .documents import LINES, write_image_pdf, write_pdf, write_text

runner = CliRunner()


def _ingest(path: Path, out: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["ingest", str(path), "--out", str(out)], env={"COLUMNS": "300"})
    return result.exit_code, result.stderr


def _files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*"))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "keep.txt").write_text("前からあるファイル", encoding="utf-8")
    return folder


def _refused(path: Path, out: Path, words: str) -> None:
    before = _files(out)
    code, err = _ingest(path, out)
    assert code == 2
    assert words in err
    assert "Traceback" not in err
    assert _files(out) == before


def test_encrypted_pdf(tmp_path: Path, out: Path) -> None:
    _refused(
        write_pdf(tmp_path / "locked.pdf", password="secret"), out, "パスワードで保護されたPDF"
    )


def test_image_only_pdf(tmp_path: Path, out: Path) -> None:
    image = tmp_path / "scan.png"
    Image.new("RGB", (200, 100), "white").save(image)
    _refused(write_image_pdf(tmp_path / "scan.pdf", image), out, "画像だけのPDF")


def test_broken_pdf(tmp_path: Path, out: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    _refused(path, out, "PDF")


def test_empty_file(tmp_path: Path, out: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    _refused(path, out, "ファイルが空です")


def test_a_100_mb_file_is_refused_by_its_size(tmp_path: Path, out: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as f:  # sparse: nothing of it is read
        f.truncate(100 * 1024 * 1024)
    _refused(path, out, "ファイルが大きすぎます")


def test_html_cut_off_inside_a_tag(tmp_path: Path, out: Path) -> None:
    path = tmp_path / "cut.html"
    path.write_text("<html><body><p>" + "".join(LINES) + '</p><div class="', encoding="utf-8")
    _refused(path, out, "HTMLが壊れている")


def test_html_with_an_unclosed_script(tmp_path: Path, out: Path) -> None:
    path = tmp_path / "script.html"
    path.write_text("<html><body><p>" + "".join(LINES) + "</p><script>var a = 1;", encoding="utf-8")
    _refused(path, out, "<script> が閉じていません")


def test_non_japanese_document(tmp_path: Path, out: Path) -> None:
    path = tmp_path / "english.txt"
    path.write_text(
        "Grant for small businesses. The cap is 5,000,000 yen.\n" * 20, encoding="utf-8"
    )
    _refused(path, out, "日本語の文書ではない")


def test_unknown_type(tmp_path: Path, out: Path) -> None:
    path = tmp_path / "sheet.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    _refused(path, out, "対応していない形式")


def test_binary_text(tmp_path: Path, out: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(b"\x00\x01\x02" * 100)
    _refused(path, out, "バイナリ")


def test_a_missing_file(tmp_path: Path, out: Path) -> None:
    _refused(tmp_path / "nothing.pdf", out, "ファイルを開けません")


def test_a_file_already_in_the_catalog_is_not_overwritten(tmp_path: Path, out: Path) -> None:
    path = write_text(tmp_path / "call.txt")
    assert _ingest(path, out)[0] == 0
    _refused(path, out, "既にあります")


@pytest.mark.parametrize(
    ("option", "words"),
    [
        (["--prefecture", "架空県"], "--prefecture: 都道府県名として読めません"),
        (["--fiscal-year", "1800"], "--fiscal-year: 年度は1989年度から"),
    ],
)
def test_bad_options(tmp_path: Path, out: Path, option: list[str], words: str) -> None:
    before = _files(out)
    path = write_text(tmp_path / "call.txt")
    result = runner.invoke(app, ["ingest", str(path), "--out", str(out), *option])
    assert result.exit_code == 2
    assert words in result.stderr
    assert _files(out) == before
