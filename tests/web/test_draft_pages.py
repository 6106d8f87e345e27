"""制度データの取り込み: staff upload a document, its drafts are stored with its text,
and a draft's review page shows each value with its quote beside the text with the
cited lines marked. Staff reach their own issuer's drafts only (another's is not
found), applicants and reviewers none; a file that gives no draft is refused at the
form in Japanese with nothing stored; every upload and refusal is audited."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from hojokin.drafts.service import Drafts
from hojokin.drafts.tables import program_draft, source_document
from hojokin.files import FileStore
from hojokin.files.store import MEGABYTE
from tests.accounts.conftest import engine
from tests.accounts.web import Site, token_of
from tests.files.samples import pdf, png
from tests.workflow.world import Office

__all__ = ["engine"]  # the accounts' fixture: a new migrated database of each dialect

TEXT = "\n".join(
    (
        "令和6年度 販路開拓支援事業 募集要項",
        "",
        "1 目的",
        "",
        "都内の中小企業者が行う新たな販路の開拓に要する経費の一部を補助します。",
        "",
        "2 補助内容",
        "",
        "・ 補助率 1/2以内",
        "・ 補助上限額 500万円",
        "・ 申請受付期間 令和6年5月1日（水）～令和6年6月28日（金）",
        "",
        "3 お問い合わせ",
        "",
        "公益財団法人東京都中小企業振興公社 電話 000-0000-0000",
    )
).encode()
RATE_LINE, CAP_LINE = 9, 10
HTML = (
    "<html><head><title>ものづくり販路開拓支援事業 募集要項</title></head><body>"
    "<h1>ものづくり販路開拓支援事業</h1>"
    "<p>都内の中小企業者が行う新たな販路の開拓に要する経費の一部を補助します。</p>"
    "<ul><li>補助率 1/2以内</li><li>補助上限額 500万円</li></ul></body></html>"
).encode()
SOURCES = "/office/sources"
_DRAFT_LINK = re.compile(r'href="/office/drafts/([0-9]+)"')


@pytest.fixture
def files(tmp_path: Path) -> Path:
    return tmp_path / "sources"


@pytest.fixture
def drafts(site: Site, office: Office, engine: Engine, files: Path) -> Drafts:
    service = Drafts(engine, FileStore(files, 2 * MEGABYTE), clock=office.world.clock)
    site.app.state.drafts = service
    return service


def _upload(
    client: TestClient,
    name: str,
    data: bytes,
    *,
    token: str | None = None,
    fields: dict[str, str] | None = None,
) -> Any:
    csrf = token if token is not None else token_of(client.get(SOURCES))
    return client.post(
        SOURCES,
        data={"csrf_token": csrf, **(fields or {})},
        files={"file": (name, data, "application/octet-stream")},
        follow_redirects=False,
    )


def _stored(engine: Engine, files: Path) -> tuple[int, int, int]:
    with engine.connect() as conn:
        sources = conn.execute(select(func.count()).select_from(source_document)).scalar_one()
        made = conn.execute(select(func.count()).select_from(program_draft)).scalar_one()
    return int(sources), int(made), sum(1 for p in files.rglob("*") if p.is_file())


def _draft_ids(client: TestClient) -> list[int]:
    return [int(i) for i in _DRAFT_LINK.findall(client.get(SOURCES).text)]


def test_staff_upload_a_text_and_review_its_draft_beside_the_marked_lines(
    browsers: dict[str, TestClient], drafts: Drafts, office: Office, engine: Engine, files: Path
) -> None:
    staff = browsers["staff_a"]
    assert "制度データの取り込み" in staff.get("/office/calls").text  # in the header
    sent = _upload(staff, "hanro.txt", TEXT)
    assert sent.status_code == 303
    listing = staff.get(sent.headers["location"])
    assert "文書を取り込み、制度データの下書きを作成しました" in listing.text
    assert "hanro.txt" in listing.text and "下書き" in listing.text
    assert _stored(engine, files) == (1, 1, 1)
    with engine.connect() as conn:
        row = conn.execute(select(source_document)).one()
        draft_row = conn.execute(select(program_draft)).one()
    assert row.issuer_id == office.world.issuer_a and row.uploaded_by == "staff_a@example.jp"
    assert (files / row.sha256[:2] / row.sha256[2:4] / row.sha256).read_bytes() == TEXT
    assert draft_row.status == "draft"

    [draft_id] = _draft_ids(staff)
    review = staff.get(f"/office/drafts/{draft_id}")
    assert review.status_code == 200
    page = review.text
    # The values with their quotes and links to their lines.
    assert "500万円" in page and "1/2" in page
    assert f'<q>500万円</q> <a href="#L{CAP_LINE}">{CAP_LINE}行目</a>' in page
    assert f'<q>1/2</q> <a href="#L{RATE_LINE}">{RATE_LINE}行目</a>' in page
    assert "未記載" in page  # e.g. the 下限額 the text does not state
    # The text with line ids, the cited lines marked and the others not.
    assert (
        f'<li id="L{CAP_LINE}" value="{CAP_LINE}" class="cited"><mark>・ 補助上限額 500万円</mark>'
        in page
    )
    assert f'<li id="L{RATE_LINE}" value="{RATE_LINE}" class="cited"><mark>' in page
    assert '<li id="L3" value="3">1 目的</li>' in page

    [done] = [r for r in office.audit_rows() if r.action == "draft.create"]
    assert (done.outcome, done.issuer_id, done.object_type) == (
        "done",
        row.issuer_id,
        "source_document",
    )
    assert "hanro.txt" in done.after and TEXT.decode()[:20] not in done.after


def test_an_html_document_gives_its_draft_too(
    browsers: dict[str, TestClient], drafts: Drafts, engine: Engine, files: Path
) -> None:
    staff = browsers["staff_a"]
    refused = _upload(staff, "call.html", HTML)
    assert refused.status_code == 422
    assert "年度が本文から読み取れません。「年度」の欄で指定してください" in refused.text
    assert _stored(engine, files) == (0, 0, 0)
    assert _upload(staff, "call.html", HTML, fields={"fiscal_year": "2025"}).status_code == 303
    [draft_id] = _draft_ids(staff)
    page = staff.get(f"/office/drafts/{draft_id}").text
    assert '<q>500万円</q> <a href="#L4">4行目</a>' in page
    assert '<li id="L4" value="4" class="cited"><mark>補助上限額 500万円</mark>' in page


def test_another_issuers_staff_find_no_draft_and_the_administrator_reads_it(
    browsers: dict[str, TestClient], drafts: Drafts, office: Office
) -> None:
    assert _upload(browsers["staff_a"], "hanro.txt", TEXT).status_code == 303
    [draft_id] = _draft_ids(browsers["staff_a"])
    other = browsers["staff_b"]
    assert other.get(f"/office/drafts/{draft_id}").status_code == 404
    assert other.get("/office/drafts/999999").status_code == 404
    assert "hanro.txt" not in other.get(SOURCES).text
    assert browsers["admin"].get(f"/office/drafts/{draft_id}").status_code == 200
    concealed = [r for r in office.audit_rows() if r.action == "draft.read"]
    assert [(r.outcome, r.reason, r.actor_name) for r in concealed] == [
        ("refused", "other_tenant", "staff_b@example.jp")
    ]


@pytest.mark.parametrize("who", ["applicant_1", "reviewer_a"])
def test_applicants_and_reviewers_are_refused(
    browsers: dict[str, TestClient],
    drafts: Drafts,
    office: Office,
    engine: Engine,
    files: Path,
    who: str,
) -> None:
    assert _upload(browsers["staff_a"], "hanro.txt", TEXT).status_code == 303
    [draft_id] = _draft_ids(browsers["staff_a"])
    client = browsers[who]
    account = client.get("/account")
    assert "制度データの取り込み" not in account.text  # not in the header
    assert client.get(SOURCES).status_code == 403
    assert client.get(f"/office/drafts/{draft_id}").status_code == 403
    token = token_of(account)
    assert _upload(client, "hanro.txt", TEXT, token=token).status_code == 403
    assert _stored(engine, files) == (1, 1, 1)
    refused = [
        r
        for r in office.audit_rows()
        if r.outcome == "refused" and r.actor_name == f"{who}@example.jp"
    ]
    assert {r.action for r in refused} == {"draft.read", "draft.create"}


def test_a_wrong_csrf_token_is_refused_and_stores_nothing(
    browsers: dict[str, TestClient], drafts: Drafts, engine: Engine, files: Path
) -> None:
    assert _upload(browsers["staff_a"], "hanro.txt", TEXT, token="forged").status_code == 403
    assert _stored(engine, files) == (0, 0, 0)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "「empty.txt」は空のファイルです"),
        ("scan.pdf", pdf(), "PDFに文字情報がありません（画像だけのPDFです）"),
        (
            "photo.png",
            png(),
            "対応していない形式のファイルです（PDF、HTML、DOCX、テキストに対応しています）",
        ),
        (
            "notes.txt",
            b"only english text, no japanese at all here",
            "日本語の文書ではないようです",
        ),
    ],
)
def test_a_file_that_gives_no_draft_is_refused_at_the_form(
    browsers: dict[str, TestClient],
    drafts: Drafts,
    engine: Engine,
    files: Path,
    name: str,
    data: bytes,
    message: str,
) -> None:
    refused = _upload(browsers["staff_a"], name, data)
    assert refused.status_code == 422
    assert '<div class="error-summary" role="alert" id="upload-error">' in refused.text
    assert message in refused.text
    assert _stored(engine, files) == (0, 0, 0)


def test_the_administrator_names_the_issuer(
    browsers: dict[str, TestClient], drafts: Drafts, office: Office, engine: Engine
) -> None:
    admin = browsers["admin"]
    assert 'name="issuer_id"' in admin.get(SOURCES).text
    issuer_b = str(office.world.issuer_b)
    sent = _upload(admin, "hanro.txt", TEXT, fields={"issuer_id": issuer_b})
    assert sent.status_code == 303
    with engine.connect() as conn:
        assert (
            conn.execute(select(source_document.c.issuer_id)).scalar_one() == office.world.issuer_b
        )
    assert "hanro.txt" in browsers["staff_b"].get(SOURCES).text
    assert "hanro.txt" not in browsers["staff_a"].get(SOURCES).text


def test_a_file_over_the_upload_limit_is_refused_at_the_form(
    browsers: dict[str, TestClient], drafts: Drafts, engine: Engine, files: Path
) -> None:
    """The upload streams past the small body limit of the other forms (a 1 MB text is
    read) and stops at the file store's limit (2 MB here), said at the form."""
    staff = browsers["staff_a"]
    padded = TEXT + b"\n" + "。".encode() * (MEGABYTE // 3)
    assert _upload(staff, "hanro.txt", padded).status_code == 303
    refused = _upload(staff, "big.txt", TEXT + b"\n" + b"x" * (3 * MEGABYTE))
    assert refused.status_code == 413
    assert "「big.txt」は大きすぎます（上限 2 MB）。" in refused.text
    assert 'id="upload-error"' in refused.text
    assert _stored(engine, files) == (1, 1, 1)
