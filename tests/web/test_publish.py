"""Publishing a reviewed draft (公開): it becomes a program of the stored catalog,
found by search and shown on its page at once, as version 1; an edit published again
is version 2 with what changed; withdrawing it (公開停止) takes it out of the catalog
and search at once, with the reason kept. The folder's next load keeps it. Staff of
the draft's issuer and the administrator publish; another issuer's staff find nothing,
applicants and reviewers are refused; each publication is audited."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from hojokin.catalog.loader import Catalog
from hojokin.drafts.publishing import Publishing
from hojokin.drafts.service import Drafts
from hojokin.drafts.tables import program_version
from hojokin.files import FileStore
from hojokin.load import restore_published, store_catalog
from hojokin.store.snapshot import read_snapshot
from hojokin.workflow.records import Call
from hojokin.workflow.schedule import CallPlan
from hojokin.workflow.service import Workflow
from tests.accounts.conftest import engine
from tests.accounts.web import Site, token_of
from tests.web.test_draft_edit import _edit
from tests.web.test_draft_pages import TEXT, _draft_ids, _upload, drafts, files
from tests.workflow.world import Office, jst

__all__ = ["drafts", "engine", "files"]

_REVISION = re.compile(r'name="revision" value="([0-9a-f]+)"')


@pytest.fixture
def publishing(site: Site, office: Office, engine: Engine, seed_catalog: Catalog) -> Publishing:
    """The seed catalog stored in the site's database, as `hojokin serve` stores it."""
    store_catalog(engine, seed_catalog, "seed")
    service = Publishing(engine, restore_published, clock=office.world.clock)
    site.app.state.publishing = service
    site.app.state.live.refresh()
    return service


def _reviewed(browsers: dict[str, TestClient]) -> tuple[int, str]:
    """A draft of staff A's issuer, and its program id."""
    assert _upload(browsers["staff_a"], "hanro.txt", TEXT).status_code == 303
    [draft_id] = _draft_ids(browsers["staff_a"])
    page = browsers["staff_a"].get(f"/office/drafts/{draft_id}").text
    return draft_id, _program_id(page)


def _program_id(page: str) -> str:
    start = page.index('<th scope="row">ID</th>')
    cell = page[start:].split("<td>", 1)[1]
    return cell.split("<", 1)[0].strip()


def _publish(
    client: TestClient, draft_id: int, checked: bool = True, token: str = "", page: Any = None
) -> Any:
    """Press 公開 on the draft's review page (`page`: one shown earlier, else now)."""
    shown = page or client.get(f"/office/drafts/{draft_id}")
    revision = _REVISION.search(shown.text)
    data = {
        "csrf_token": token or token_of(shown),
        "revision": revision[1] if revision else "",
        **({"checked": "yes"} if checked else {}),
    }
    return client.post(f"/office/drafts/{draft_id}/publish", data=data, follow_redirects=False)


def _unpublish(client: TestClient, program_id: str, reason: str, token: str = "") -> Any:
    csrf = token or token_of(client.get(f"/office/programs/{program_id}/versions"))
    return client.post(
        f"/office/programs/{program_id}/unpublish",
        data={"csrf_token": csrf, "reason": reason},
        follow_redirects=False,
    )


def _found(client: TestClient, query: str) -> list[str]:
    body = client.get("/api/v1/programs", params={"q": query, "limit": 100}).json()
    return [item["id"] for item in body["items"]]


def _versions(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(select(program_version).order_by(program_version.c.id)))


def test_a_published_draft_is_searchable_at_once_versioned_and_withdrawn(
    browsers: dict[str, TestClient],
    drafts: Drafts,
    publishing: Publishing,
    office: Office,
    engine: Engine,
) -> None:
    staff, anyone = browsers["staff_a"], browsers["anonymous"]
    draft_id, program_id = _reviewed(browsers)
    assert program_id.startswith("tokyo-hanro-")
    assert "この制度はまだ公開していません" in staff.get(f"/office/drafts/{draft_id}").text
    assert program_id not in _found(anyone, "販路開拓")
    assert anyone.get(f"/programs/{program_id}").status_code == 404

    # Published: version 1, on its page and in search at once.
    sent = _publish(staff, draft_id)
    assert sent.status_code == 303
    assert (
        sent.headers["location"] == f"/office/programs/{program_id}/versions?done=draft_published"
    )
    history = staff.get(sent.headers["location"]).text
    assert "制度データを公開しました" in history
    assert "第1版: 公開" in history and "新規公開" in history and "hanro.txt" in history
    assert program_id in _found(anyone, "販路開拓")
    shown = anyone.get(f"/programs/{program_id}")
    assert shown.status_code == 200 and "販路開拓支援事業" in shown.text
    detail = anyone.get(f"/api/v1/programs/{program_id}").json()
    assert detail["detail"]["frames"][0]["cap"]["yen"] == 5_000_000
    assert "この下書きの内容で公開中です（第1版" in staff.get(f"/office/drafts/{draft_id}").text
    assert program_id in staff.get("/office/sources").text  # 公開した制度

    # Nothing changed: nothing to publish.
    again = _publish(staff, draft_id)
    assert again.status_code == 422 and "公開中の第1版と同じ内容です" in again.text

    # An edit, published again: version 2 says what changed.
    assert _edit(staff, draft_id, "frames[0].cap", "300万円").status_code == 303
    review = staff.get(f"/office/drafts/{draft_id}").text
    assert "公開後に編集した値があります。公開すると第2版になります" in review
    assert _publish(staff, draft_id).status_code == 303
    history = staff.get(f"/office/programs/{program_id}/versions").text
    assert "第2版: 公開" in history
    assert '<th scope="row">枠 1 › 上限額</th><td>500万円</td><td>300万円</td>' in history
    detail = anyone.get(f"/api/v1/programs/{program_id}").json()
    cap = detail["detail"]["frames"][0]["cap"]
    assert cap["yen"] == 3_000_000 and cap["note"].startswith("事務局の入力")

    # Withdrawn: a reason is required; then gone from search and its page at once.
    empty = _unpublish(staff, program_id, "  ")
    assert empty.status_code == 422 and "公開停止の理由" in empty.text
    assert program_id in _found(anyone, "販路開拓")
    gone = _unpublish(staff, program_id, "上限額の誤りを確認中のため")
    assert gone.status_code == 303
    assert program_id not in _found(anyone, "販路開拓")
    assert anyone.get(f"/programs/{program_id}").status_code == 404
    history = staff.get(f"/office/programs/{program_id}/versions").text
    assert "第3版: 公開停止" in history and "上限額の誤りを確認中のため" in history
    assert "公開を停止する" not in history
    assert "（公開停止中）" in staff.get("/office/sources").text

    # Published again from the draft: version 4, compared with version 2.
    assert _publish(staff, draft_id).status_code == 303
    assert program_id in _found(anyone, "販路開拓")
    history = staff.get(f"/office/programs/{program_id}/versions").text
    assert "第4版: 公開" in history and "前に公開した版と同じ内容で再び公開" in history

    rows = _versions(engine)
    assert [(r.version, r.action) for r in rows] == [
        (1, "publish"),
        (2, "publish"),
        (3, "unpublish"),
        (4, "publish"),
    ]
    assert {r.actor for r in rows} == {"staff_a@example.jp"}
    assert json.loads(rows[1].changes) == [
        {
            "path": "frames[0].cap",
            "before": json.loads(rows[0].program)["frames"][0]["cap"],
            "after": json.loads(rows[1].program)["frames"][0]["cap"],
        }
    ]
    audited = [r for r in office.audit_rows() if r.action == "draft.publish"]
    assert [(r.outcome, r.object_type) for r in audited] == [("done", "program_version")] * 4
    assert json.loads(audited[2].after)["reason"] == "上限額の誤りを確認中のため"
    assert "review" not in json.loads(rows[0].program)


def test_the_folders_next_load_keeps_the_published_programs(
    browsers: dict[str, TestClient],
    drafts: Drafts,
    publishing: Publishing,
    engine: Engine,
    seed_catalog: Catalog,
) -> None:
    draft_id, program_id = _reviewed(browsers)
    assert _publish(browsers["staff_a"], draft_id).status_code == 303
    store_catalog(engine, seed_catalog, "the folder changed")
    stored = read_snapshot(engine).catalog
    assert program_id in stored.programs and len(stored) == len(seed_catalog) + 1
    assert stored.programs[program_id].source.doc in stored.documents
    assert stored.programs[program_id].review is None
    # The folder's own programs are all there still, and nothing twice.
    assert set(seed_catalog.programs) <= set(stored.programs)


def test_only_the_drafts_issuer_and_the_administrator_publish(
    browsers: dict[str, TestClient],
    drafts: Drafts,
    publishing: Publishing,
    office: Office,
    engine: Engine,
) -> None:
    draft_id, program_id = _reviewed(browsers)
    for who, status in (("staff_b", 404), ("applicant_1", 403), ("reviewer_a", 403)):
        client = browsers[who]
        own = token_of(client.get("/account"))
        assert _publish(client, draft_id, token=own).status_code == status, who
    assert _versions(engine) == []
    assert _publish(browsers["admin"], draft_id).status_code == 303
    history = f"/office/programs/{program_id}/versions"
    assert browsers["staff_b"].get(history).status_code == 404
    assert browsers["applicant_1"].get(history).status_code == 403
    assert program_id not in browsers["staff_b"].get("/office/sources").text
    own = token_of(browsers["staff_b"].get("/account"))
    assert _unpublish(browsers["staff_b"], program_id, "誤り", token=own).status_code == 404
    own = token_of(browsers["reviewer_a"].get("/account"))
    assert _unpublish(browsers["reviewer_a"], program_id, "誤り", token=own).status_code == 403
    assert [r.action for r in _versions(engine)] == ["publish"]
    refused = [r for r in office.audit_rows() if r.action == "draft.publish"]
    assert sorted(r.outcome for r in refused).count("refused") == 5
    anonymous = browsers["anonymous"].post(
        f"/office/drafts/{draft_id}/publish", follow_redirects=False
    )
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/signin")
    assert [r.action for r in _versions(engine)] == ["publish"]


def prepared_call(
    site: Site, office: Office, engine: Engine, folder: Path, program_id: str
) -> tuple[Workflow, Call]:
    """A call staff A prepares (準備中) for the program, on the catalog served now."""
    live = site.app.state.live
    flow = Workflow(
        engine,
        lambda: live.current().catalog,
        FileStore(folder / "call-files", 1024 * 1024),
        clock=office.world.clock,
    )
    office.at(jst(2024, 4, 1, 10))
    dates = (jst(2024, 5, 1, 9), jst(2024, 6, 28, 17), jst(2024, 5, 1, 9), jst(2024, 5, 2, 17))
    plan = CallPlan(program_id, "main", "HANRO", "", *dates)
    return flow, flow.calls.create(office.actor("staff_a"), plan)


def test_a_call_still_open_for_the_program_stops_its_withdrawal(
    browsers: dict[str, TestClient],
    drafts: Drafts,
    publishing: Publishing,
    office: Office,
    site: Site,
    engine: Engine,
    tmp_path: Path,
) -> None:
    draft_id, program_id = _reviewed(browsers)
    assert _publish(browsers["staff_a"], draft_id).status_code == 303
    flow, prepared = prepared_call(site, office, engine, tmp_path, program_id)
    staff = office.actor("staff_a")
    call = flow.calls.publish(staff, prepared.id)
    refused = _unpublish(browsers["staff_a"], program_id, "誤り")
    assert refused.status_code == 409 and "受付を終了してから公開停止してください" in refused.text
    assert program_id in _found(browsers["anonymous"], "販路開拓")
    flow.calls.close(staff, call.id)
    assert _unpublish(browsers["staff_a"], program_id, "誤り").status_code == 303


def test_the_review_notes_are_checked_before_publishing(
    browsers: dict[str, TestClient], drafts: Drafts, publishing: Publishing, engine: Engine
) -> None:
    # The reviewer's name for a program the text does not call so is a review note.
    draft_id, _ = _reviewed(browsers)
    staff = browsers["staff_a"]
    assert _edit(staff, draft_id, "name", "新しい名前の事業").status_code == 303
    unchecked = _publish(staff, draft_id, checked=False)
    assert unchecked.status_code == 422
    assert "確認欄にチェックしてください" in unchecked.text
    assert _versions(engine) == []
    assert _publish(staff, draft_id).status_code == 303
    assert (
        "新しい名前の事業"
        in staff.get(f"/office/programs/{_versions(engine)[0].program_id}/versions").text
    )
