"""The file store: each accepted kind stored by its digest, each refusal storing
nothing, one copy per content, digests checked before the file system is asked."""

from __future__ import annotations

import hashlib
import multiprocessing
import stat
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hojokin.files import FileRejected, FileStore, StoredFile
from hojokin.files.kinds import kind_of
from hojokin.files.store import MEGABYTE
from tests.files import samples

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ACCEPTED_LIST = "PDF、Excel（.xlsx）、Word（.docx）、PNG 画像、JPEG 画像"


@pytest.fixture
def store(tmp_path: Path) -> FileStore:
    return FileStore(tmp_path / "files", MEGABYTE)


def stored_files(root: Path) -> list[Path]:
    """Every file under `root`, temporary ones included."""
    return sorted(p for p in root.rglob("*") if not p.is_dir()) if root.exists() else []


@pytest.mark.parametrize(
    ("make", "name", "kind", "media_type"),
    [
        (samples.pdf, "事業計画書.pdf", "pdf", "application/pdf"),
        (samples.xlsx, "経費明細.xlsx", "xlsx", XLSX),
        (samples.docx, "誓約書.docx", "docx", DOCX),
        (samples.png, "図面.png", "png", "image/png"),
        (samples.jpeg, "写真.jpg", "jpeg", "image/jpeg"),
        (samples.jpeg, "写真.JPEG", "jpeg", "image/jpeg"),
    ],
)
def test_each_accepted_kind_is_stored_under_its_digest(
    store: FileStore, make: Callable[[], bytes], name: str, kind: str, media_type: str
) -> None:
    data = make()
    digest = hashlib.sha256(data).hexdigest()
    stored = store.put(name, data)
    assert stored == StoredFile(digest, len(data), media_type, kind, name)
    path = store.root / digest[:2] / digest[2:4] / digest
    assert stored_files(store.root) == [path]
    assert path.read_bytes() == data
    assert stat.S_IMODE(path.stat().st_mode) & 0o222 == 0  # nobody may write it
    assert store.exists(digest)
    with store.open(digest) as read:
        assert read.read() == data


def test_the_display_name_is_folded_and_the_extension_read_in_any_case(store: FileStore) -> None:
    # Full-width letters and brackets made half-width, half-width kana full-width, a
    # kana and its combining voiced mark composed (NFKC).
    stored = store.put("　ＡＢＣ事業計画ｶﾞ・か\u3099（案）.ＰＤＦ ", samples.pdf())
    assert stored.name == "ABC事業計画ガ・が(案).PDF"
    assert stored.kind == "pdf"


def test_the_same_content_is_stored_once(store: FileStore) -> None:
    data = samples.pdf()
    first = store.put("申請書.pdf", data)
    second = store.put("申請書_再提出.pdf", data)
    assert first.sha256 == second.sha256 and second.name == "申請書_再提出.pdf"
    assert len(stored_files(store.root)) == 1


def _put(root: Path, index: int) -> str:
    return FileStore(root, MEGABYTE).put(f"申請書{index}.pdf", samples.pdf()).sha256


def test_processes_putting_the_same_content_at_once_leave_one_whole_file(tmp_path: Path) -> None:
    root = tmp_path / "files"
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:
        digests = set(pool.map(_put, [root] * 16, range(16)))
    (digest,) = digests
    assert [p.name for p in stored_files(root)] == [digest]
    with FileStore(root, MEGABYTE).open(digest) as read:
        assert read.read() == samples.pdf()


def test_a_write_that_fails_leaves_no_file_behind(
    store: FileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("hojokin.files.store.os.fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        store.put("申請書.pdf", samples.pdf())
    assert stored_files(store.root) == []
    monkeypatch.undo()
    assert store.exists(store.put("申請書.pdf", samples.pdf()).sha256)


HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # .doc and .xls before 2007
# [Content_Types].xml far beyond what a package needs: it is read no further.
BLOATED = samples.zipped({"[Content_Types].xml": " " * 20_000_000, "word/document.xml": ""})
ENTITIES = samples.zipped(
    {
        "[Content_Types].xml": '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaa">]><t>&a;</t>',
        "word/document.xml": "",
    }
)


@pytest.mark.parametrize(
    ("name", "data", "code", "words"),
    [
        ("経費明細.xlsx", samples.pdf(), "extension_mismatch", [".xlsx", "PDF", ".pdf"]),
        ("事業計画書", samples.pdf(), "extension_mismatch", ["なし", "PDF"]),
        ("写真.png", samples.jpeg(), "extension_mismatch", [".png", "JPEG 画像", ".jpg"]),
        ("誓約書.xlsx", samples.docx(), "extension_mismatch", [".xlsx", "Word（.docx）"]),
        ("報告書.pdf", HTML, "unsupported_type", ["報告書.pdf", ACCEPTED_LIST]),
        ("図.svg", SVG, "unsupported_type", [ACCEPTED_LIST]),
        ("setup.pdf", b"MZ\x90\x00\x03" + bytes(60), "unsupported_type", [ACCEPTED_LIST]),
        ("旧形式.xls", OLE2, "unsupported_type", [ACCEPTED_LIST]),
        ("メモ.txt", "申請の控え".encode(), "unsupported_type", [ACCEPTED_LIST]),
        ("圧縮.docx", samples.zipped({"a.txt": "x"}), "unsupported_type", ["ZIP"]),
        ("マクロ.docx", samples.docx(samples.DOCM_MAIN), "unsupported_type", ["Excel・Word"]),
        ("壊れ.xlsx", samples.xlsx()[:200], "unsupported_type", ["壊れている"]),
        ("暗号.docx", samples.docx(encrypted=True), "unsupported_type", ["読めない"]),
        ("符号.docx", samples.docx(encoding="Shift_JIS"), "unsupported_type", ["ZIP"]),
        ("不明.docx", samples.docx(encoding="x-unknown"), "unsupported_type", ["ZIP"]),
        ("爆弾.docx", BLOATED, "unsupported_type", ["ZIP"]),
        ("実体.docx", ENTITIES, "unsupported_type", ["ZIP"]),
        ("空.pdf", b"", "empty", ["空.pdf", "0 バイト"]),
        ("大きい.pdf", samples.pdf() + bytes(MEGABYTE), "too_large", ["上限 1 MB"]),
        ("../申請書.pdf", samples.pdf(), "name_path", ["フォルダ"]),
        ("書類/申請書.pdf", samples.pdf(), "name_path", ["フォルダ"]),
        ("書類\\申請書.pdf", samples.pdf(), "name_path", ["フォルダ"]),
        ("C:申請書.pdf", samples.pdf(), "name_path", ["フォルダ"]),
        ("．．／申請書.pdf", samples.pdf(), "name_path", ["フォルダ"]),  # full-width
        ("申請\x00書.pdf", samples.pdf(), "name_control", ["制御文字"]),
        ("申請書\u202efdp.exe", samples.pdf(), "name_control", ["制御文字"]),
        ("..", samples.pdf(), "name_dots", ["「.」"]),
        (" ... ", samples.pdf(), "name_dots", ["「.」"]),
        ("", samples.pdf(), "name_empty", ["空"]),
        ("\u3000", samples.pdf(), "name_empty", ["空"]),
        ("あ" * 197 + ".pdf", samples.pdf(), "name_too_long", ["201 文字", "200 文字以内"]),
    ],
)
def test_a_refused_file_says_why_and_stores_nothing(
    store: FileStore, name: str, data: bytes, code: str, words: list[str]
) -> None:
    with pytest.raises(FileRejected) as refused:
        store.put(name, data)
    assert refused.value.code == code
    for word in words:
        assert word in refused.value.message
    assert str(refused.value) == refused.value.message
    assert stored_files(store.root) == []


@pytest.mark.parametrize(
    ("unpacked", "words"),
    [
        (101 * MEGABYTE, ["展開すると大きすぎます", "上限 100 MB"]),
        (12 * MEGABYTE, ["圧縮率が異常です", "展開後 12 MB"]),
    ],
)
def test_a_zip_bomb_is_refused_by_its_declared_sizes(
    tmp_path: Path, unpacked: int, words: list[str]
) -> None:
    bomb = samples.xlsx_bomb(unpacked)
    assert len(bomb) < MEGABYTE  # small on disk: the upload limit does not stop it
    store = FileStore(tmp_path, 10 * MEGABYTE)
    with pytest.raises(FileRejected) as refused:
        store.put("bomb.xlsx", bomb)
    assert refused.value.code == "unpacks_too_large"
    assert "「bomb.xlsx」" in refused.value.message
    for word in words:
        assert word in refused.value.message
    assert stored_files(store.root) == []


def test_a_workbook_with_some_compressible_content_is_kept(tmp_path: Path) -> None:
    # Under the ratio's floor, however well it compresses.
    store = FileStore(tmp_path, 10 * MEGABYTE)
    assert store.put("表.xlsx", samples.xlsx_bomb(5 * MEGABYTE)).kind == "xlsx"


@settings(max_examples=300)
@given(
    st.sampled_from([samples.docx(), samples.xlsx()]),
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=4),
)
def test_a_damaged_package_is_refused_or_typed_never_an_error(
    package: bytes, changes: list[tuple[int, int]]
) -> None:
    damaged = bytearray(package)
    for at, value in changes:
        damaged[at % len(damaged)] = value
    try:
        assert kind_of("書類.docx", bytes(damaged)) in ("docx", "xlsx")
    except FileRejected as refused:
        # A damaged directory may declare sizes no real package has.
        assert refused.code in ("unsupported_type", "unpacks_too_large")


def test_a_limit_not_in_whole_megabytes_is_said_in_bytes(tmp_path: Path) -> None:
    data = samples.pdf() + bytes(1000)
    with pytest.raises(FileRejected, match=f"{len(data):,} バイト、上限 1,000 バイト"):
        FileStore(tmp_path, 1000).put("申請書.pdf", data)
    with pytest.raises(ValueError, match="positive"):
        FileStore(tmp_path, 0)


@pytest.mark.parametrize(
    "digest",
    [
        "../" * 21 + "a",
        "/etc/passwd",
        "0" * 63,
        "0" * 65,
        "0" * 64 + "\n",
        "A" * 64,  # stored lower-case only
        "g" * 64,
        "０" * 64,  # full-width digits are no hex
        "",
    ],
)
def test_a_malformed_digest_is_not_found_without_a_look(
    store: FileStore, digest: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.put("申請書.pdf", samples.pdf())

    def no_look(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the file system was asked")

    monkeypatch.setattr(Path, "open", no_look)
    monkeypatch.setattr(Path, "is_file", no_look)
    with pytest.raises(FileNotFoundError, match="SHA-256"):
        store.open(digest)
    assert not store.exists(digest)


def test_an_unknown_digest_is_not_found(store: FileStore) -> None:
    unknown = hashlib.sha256(b"never stored").hexdigest()
    with pytest.raises(FileNotFoundError):
        store.open(unknown)
    assert not store.exists(unknown)
