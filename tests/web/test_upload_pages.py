"""The application page's upload under the upload limit, not the small body limit of
the other forms: a file of a megabyte is stored, one over HOJOKIN_UPLOAD_MAX_MB is
refused on the page in the files' words, and the page and the API read a file's name
alike."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from hojokin.catalog.loader import Catalog
from hojokin.files import FileStore
from hojokin.files.store import MEGABYTE
from hojokin.workflow.service import Workflow
from hojokin.workflow.tables import application_document
from tests.accounts.conftest import engine
from tests.accounts.web import Site, make_site, sign_in, token_of
from tests.accounts.world import CLI
from tests.files.samples import pdf
from tests.web.test_pages import text
from tests.workflow.world import Office, jst, make_office

__all__ = ["engine"]  # the accounts' fixture: a new migrated database of each dialect

LIMIT_MB = 2  # the test's HOJOKIN_UPLOAD_MAX_MB: small, yet far above the body limit


@pytest.fixture
def office(engine: Engine, seed_catalog: Catalog, tmp_path: Path) -> Office:
    made = make_office(engine, seed_catalog, tmp_path / "unused")
    store = FileStore(tmp_path / "files", LIMIT_MB * MEGABYTE)
    flow = Workflow(engine, lambda: seed_catalog, store, clock=made.world.clock)
    return Office(made.world, flow)


@pytest.fixture
def site(office: Office, seed_catalog: Catalog, tmp_path: Path) -> Site:
    made = make_site(office.world, seed_catalog, upload_max_mb=LIMIT_MB,
                     files_dir=tmp_path / "files")  # fmt: skip
    made.app.state.workflow = office.flow  # the world's clock
    return made


@pytest.fixture
def client(site: Site) -> Iterator[TestClient]:
    browser = site.client()
    assert sign_in(browser, "applicant_1@example.jp").status_code == 303
    yield browser


@pytest.fixture
def page(office: Office) -> str:
    call = office.tokyo_call()
    office.at(jst(2024, 10, 1, 10))
    draft = office.flow.applications.start(office.actor("applicant_1"), call.id)
    return f"/applications/{draft.id}"


def _kept(engine: Engine, files: Path) -> tuple[int, int]:
    with engine.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(application_document)).scalar_one()
    return int(rows), sum(1 for p in files.rglob("*") if p.is_file())


def _upload(client: TestClient, page: str, name: str, data: bytes) -> object:
    token = token_of(client.get(page))
    return client.post(f"{page}/documents", data={"csrf_token": token, "item": "1"},
                       files={"file": (name, data, "application/pdf")},
                       follow_redirects=False)  # fmt: skip


def _padded(size: int) -> bytes:
    """A PDF of exactly `size` bytes (a comment after its end)."""
    head = pdf() + b"%"
    return head + b"0" * (size - len(head))


def test_a_megabyte_pdf_is_stored_and_listed(
    client: TestClient, page: str, site: Site, engine: Engine, tmp_path: Path
) -> None:
    body_limit = site.app.state.settings.max_body_bytes
    data = _padded(MEGABYTE)
    assert len(data) >= 4 * body_limit
    taken = _upload(client, page, "事業計画書.pdf", data)
    assert taken.status_code == 303, text(taken.text)  # type: ignore[attr-defined]
    assert _kept(engine, tmp_path / "files") == (1, 1)
    shown = text(client.get(f"{page}?done=uploaded").text)
    assert "書類をアップロードしました" in shown
    assert "事業計画書.pdf （1,048,576 バイト）" in shown


@pytest.mark.parametrize(
    ("size", "said"),
    [
        # Over the limit by a byte: the body passes, the file read is one byte too many.
        (LIMIT_MB * MEGABYTE + 1, f"「大.pdf」は大きすぎます（上限 {LIMIT_MB} MB）"),
        # Far over: refused from the declared length, before any of it is read.
        (3 * LIMIT_MB * MEGABYTE, f"ファイルは大きすぎます（上限 {LIMIT_MB} MB）"),
    ],
    ids=["by a byte", "far over"],
)
def test_a_file_over_the_upload_limit_is_refused_on_the_page(
    client: TestClient, page: str, engine: Engine, tmp_path: Path, size: int, said: str
) -> None:
    refused = _upload(client, page, "大.pdf", _padded(size))
    assert refused.status_code == 413  # type: ignore[attr-defined]
    shown = text(refused.text)  # type: ignore[attr-defined]
    assert said in shown
    # The application's own page, with its upload form, not a bare error.
    assert "提出書類" in shown and "下書き保存" in shown
    assert _kept(engine, tmp_path / "files") == (0, 0)


def test_a_file_over_the_limit_streamed_without_a_length_is_refused_as_it_arrives(
    client: TestClient, page: str, engine: Engine, tmp_path: Path
) -> None:
    token = token_of(client.get(page))
    boundary = "hojokinboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="item"\r\n\r\n1\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="大.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()

    def chunks() -> Iterator[bytes]:
        # No Content-Length: only the count of what arrives can stop it.
        yield head
        for _ in range(4 * LIMIT_MB):
            yield b"0" * MEGABYTE
        yield f"\r\n--{boundary}--\r\n".encode()

    refused = client.post(
        f"{page}/documents",
        content=chunks(),
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        follow_redirects=False,
    )
    assert refused.status_code == 413
    assert refused.headers["connection"] == "close"
    assert f"ファイルは大きすぎます（上限 {LIMIT_MB} MB）" in text(refused.text)
    assert _kept(engine, tmp_path / "files") == (0, 0)


def test_the_other_forms_keep_the_small_body_limit(
    client: TestClient, page: str, site: Site
) -> None:
    body_limit = site.app.state.settings.max_body_bytes
    token = token_of(client.get(page))
    big = {"csrf_token": token, "name": "あ" * body_limit}
    saved = client.post(f"{page}/save", data=big, follow_redirects=False)
    assert saved.status_code == 413
    assert "リクエストの本文が大きすぎます" in text(saved.text)
    # As multipart, with a file, to a form that takes none: the same small limit.
    sent = client.post(f"{page}/save", data={"csrf_token": token},
                       files={"file": ("a.pdf", _padded(MEGABYTE))},
                       follow_redirects=False)  # fmt: skip
    assert sent.status_code == 413


NAMES = [
    # Old browsers send the whole Windows path: the name is its last part.
    ("C:\\Users\\x\\計画書.pdf", "計画書.pdf"),
    ("計画書.pdf", "計画書.pdf"),
    # Anything else with a folder in it is refused, never cut down to a guess.
    ("Users\\x\\計画書.pdf", None),
    ("../計画書.pdf", None),
]


@pytest.mark.parametrize(("sent", "kept"), NAMES, ids=[n for n, _ in NAMES])
def test_the_page_and_the_api_read_a_file_name_alike(
    client: TestClient, page: str, site: Site, office: Office, sent: str, kept: str | None
) -> None:
    user = office.world.users["applicant_1"]
    secret = office.world.accounts.create_token(CLI, user.id, "テスト")[1]
    api = site.client()
    url = f"/api/v1{page}/documents"
    sent_file = {"file": (sent, pdf(), "application/pdf")}
    by_api = api.post(url, headers={"Authorization": f"Bearer {secret}"}, data={"item": "1"},
                      files=sent_file)  # fmt: skip
    by_page = _upload(client, page, sent, pdf())
    application_id = int(page.rsplit("/", 1)[1])
    view = office.flow.applications.view(office.actor("applicant_1"), application_id)
    names = [d.file_name for entry in view.assessment.checklist for d in entry.documents]
    if kept is None:
        assert by_api.status_code == 422
        assert by_page.status_code == 422  # type: ignore[attr-defined]
        said = "ファイル名にフォルダの指定"
        assert said in by_api.json()["error"]["message"]
        assert said in text(by_page.text)  # type: ignore[attr-defined]
        assert names == []
    else:
        assert by_api.status_code == 201 and by_api.json()["file_name"] == kept
        assert by_page.status_code == 303  # type: ignore[attr-defined]
        assert names == [kept, kept]
