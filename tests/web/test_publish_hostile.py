"""Hostile probes of publishing (公開) and withdrawing (公開停止): races, plans with
several programs, odd ids and reasons, reloads of the folder, what the public and the
office read. Written by a hostile review of the first version of publishing; each
test says what a program officer or the public expects."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from hojokin.catalog.loader import Catalog
from hojokin.drafts.publishing import Publishing
from hojokin.drafts.service import Drafts
from hojokin.load import store_catalog
from hojokin.store.snapshot import read_snapshot
from hojokin.workflow.errors import Conflict
from tests.accounts.conftest import engine
from tests.accounts.web import Site, token_of
from tests.rules.examples import COMPANY_FILE
from tests.web.test_draft_edit import _edit
from tests.web.test_draft_pages import TEXT, _draft_ids, _upload, drafts, files
from tests.web.test_publish import (
    _found,
    _publish,
    _reviewed,
    _unpublish,
    _versions,
    prepared_call,
    publishing,
)
from tests.workflow.world import Office

__all__ = ["drafts", "engine", "files", "publishing"]

OTHER = TEXT.replace("販路開拓支援事業".encode(), "海外展示会出展支援事業".encode())


def _race(*jobs: Any) -> list[Any]:
    """Run the jobs at once; what each returned or raised."""
    results: list[Any] = [None] * len(jobs)
    start = threading.Barrier(len(jobs))

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = jobs[i]()
        except Exception as exc:  # the race's outcome, whatever it is
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_two_programs_published_at_once_are_both_in_the_stored_catalog(
    drafts: Drafts, publishing: Publishing, office: Office, engine: Engine
) -> None:
    staff = office.actor("staff_a")
    _, [one] = drafts.upload(staff, "hanro.txt", TEXT)
    _, [two] = drafts.upload(staff, "tenji.txt", OTHER)
    for _ in range(3):
        results = _race(
            lambda: publishing.publish(staff, one.id, True),
            lambda: publishing.publish(staff, two.id, True),
        )
        assert not any(isinstance(r, Exception) for r in results), results
        stored = read_snapshot(engine).catalog
        published = {v.program_id for v in _versions(engine) if v.action == "publish"}
        # Both versions say 公開中: both must be in the catalog served.
        assert published <= set(stored.programs), published - set(stored.programs)
        _race(
            lambda: publishing.unpublish(staff, one.program.id, "確認のため"),
            lambda: publishing.unpublish(staff, two.program.id, "確認のため"),
        )
        stored = read_snapshot(engine).catalog
        assert one.program.id not in stored.programs
        assert two.program.id not in stored.programs


def test_whatever_a_publishing_race_refuses_the_versions_and_catalog_agree(
    drafts: Drafts, publishing: Publishing, office: Office, engine: Engine
) -> None:
    staff = office.actor("staff_a")
    _, [one] = drafts.upload(staff, "hanro.txt", TEXT)
    _, [two] = drafts.upload(staff, "tenji.txt", OTHER)
    for _ in range(5):
        _race(
            lambda: publishing.publish(staff, one.id, True),
            lambda: publishing.publish(staff, two.id, True),
        )
        stored = set(read_snapshot(engine).catalog.programs)
        latest = {v.program_id: v.action for v in _versions(engine)}
        published = {p for p, action in latest.items() if action == "publish"}
        assert published <= stored, published - stored
        assert not ({one.program.id, two.program.id} - published) & stored
        for draft in (one, two):
            if draft.program.id in published:
                publishing.unpublish(staff, draft.program.id, "確認のため")


def test_the_same_draft_published_twice_at_once_is_one_version(
    drafts: Drafts, publishing: Publishing, office: Office, engine: Engine
) -> None:
    staff = office.actor("staff_a")
    _, [one] = drafts.upload(staff, "hanro.txt", TEXT)
    results = _race(*[lambda: publishing.publish(staff, one.id, True)] * 3)
    assert [v.version for v in _versions(engine)] == [1]
    refused = [r for r in results if isinstance(r, Exception)]
    # The ones refused say it is published already, not some other clash.
    assert all("公開中の第1版と同じ内容です" in str(r) for r in refused), refused


PLAN = "\n".join(
    (
        "令和6年度 事業計画",
        "",
        "1 産学官連携推進事業",
        "",
        "産学官が連携し新産業の育成を図る。",
        "",
        "(1) 産学官オープンイノベーション推進事業",
        "",
        "研究グループから研究テーマを公募し、研究開発委託を実施する。",
        "",
        "(2) ものづくり人材育成事業",
        "",
        "企業の技術者を育成する。",
        "",
        "2 創業支援事業",
        "",
        "創業者を支援する。",
    )
).encode()


def _plan(drafts: Drafts, office: Office) -> list[Any]:
    """The drafts of a 事業計画 with programs under programs."""
    _, made = drafts.upload(office.actor("staff_a"), "plan.txt", PLAN, None, 2024)
    return made


def test_withdrawing_a_parent_leaves_no_published_child_without_it(
    browsers: dict[str, TestClient],
    drafts: Drafts,
    publishing: Publishing,
    office: Office,
    engine: Engine,
    seed_catalog: Catalog,
) -> None:
    staff = browsers["staff_a"]
    made = _plan(drafts, office)
    parent, child = made[0], made[1]
    assert child.program.parent == parent.program.id
    # The child first: refused, its parent named.
    refused = _publish(staff, child.id)
    assert refused.status_code == 422 and "上位の事業" in refused.text
    assert _publish(staff, parent.id).status_code == 303
    assert _publish(staff, child.id).status_code == 303
    # The parent is not withdrawn while a part of it is published: the part is named.
    withdrawn = _unpublish(staff, parent.program.id, "事業の見直しのため")
    assert withdrawn.status_code == 409 and child.program.name in withdrawn.text
    stored = read_snapshot(engine).catalog
    assert {parent.program.id, child.program.id} <= set(stored.programs)
    assert _unpublish(staff, child.program.id, "事業の見直しのため").status_code == 303
    assert _unpublish(staff, parent.program.id, "事業の見直しのため").status_code == 303
    stored = read_snapshot(engine).catalog
    assert not {parent.program.id, child.program.id} & set(stored.programs)


def test_a_part_whose_umbrella_the_folder_drops_is_left_out_not_orphaned(
    browsers: dict[str, TestClient],
    drafts: Drafts,
    publishing: Publishing,
    office: Office,
    engine: Engine,
    seed_catalog: Catalog,
) -> None:
    # A published part of a published umbrella: then the umbrella's version is taken
    # out from under it (as a folder taking the umbrella's id would), and the part is
    # left out of the catalog rather than served pointing at nothing.
    staff = browsers["staff_a"]
    made = _plan(drafts, office)
    parent, child = made[0], made[1]
    assert _publish(staff, parent.id).status_code == 303
    assert _publish(staff, child.id).status_code == 303
    some = next(iter(seed_catalog.programs.values()))
    folder = Catalog(
        root=seed_catalog.root,
        documents=dict(seed_catalog.documents),
        facts=seed_catalog.facts,
        programs={
            **seed_catalog.programs,
            parent.program.id: some.model_copy(update={"id": parent.program.id}),
        },
        paths={**seed_catalog.paths, parent.program.id: seed_catalog.paths[some.id]},
    )
    store_catalog(engine, folder, "the folder changed")
    catalog = read_snapshot(engine).catalog
    orphans = [
        p.id for p in catalog.programs.values() if p.parent and p.parent not in catalog.programs
    ]
    assert orphans == []
    assert child.program.id in catalog.programs  # its umbrella id is served (the folder's)
    store_catalog(engine, seed_catalog, "the folder changed back")
    catalog = read_snapshot(engine).catalog
    assert {parent.program.id, child.program.id} <= set(catalog.programs)


WEIRD_IDS = (
    "x" * 5000,
    "東京都の事業",
    "a%2Fb",
    "..%2F..%2Fetc",
    "1' OR '1'='1",
    "%00",
    "%E3%81",  # half a UTF-8 character
)


def test_odd_program_ids_in_the_office_paths_are_not_found(
    browsers: dict[str, TestClient], drafts: Drafts, publishing: Publishing
) -> None:
    staff = browsers["staff_a"]
    draft_id, program_id = _reviewed(browsers)
    assert _publish(staff, draft_id).status_code == 303
    token = token_of(staff.get(f"/office/programs/{program_id}/versions"))
    for odd in WEIRD_IDS:
        shown = staff.get(f"/office/programs/{odd}/versions")
        assert shown.status_code == 404, (odd[:20], shown.status_code)
        sent = staff.post(
            f"/office/programs/{odd}/unpublish",
            data={"csrf_token": token, "reason": "確認"},
            follow_redirects=False,
        )
        assert sent.status_code == 404, (odd[:20], sent.status_code)
    assert program_id in _found(browsers["anonymous"], "販路開拓")


def test_a_withdrawal_reason_with_control_characters_or_too_long_is_refused_at_the_form(
    browsers: dict[str, TestClient], drafts: Drafts, publishing: Publishing, engine: Engine
) -> None:
    staff = browsers["staff_a"]
    draft_id, program_id = _reviewed(browsers)
    assert _publish(staff, draft_id).status_code == 303
    for reason in ("誤り\x00あり", "誤り\nあり", "誤り\u202eあり", "あ" * 10_000, "\u3000\u3000"):
        sent = _unpublish(staff, program_id, reason)
        assert sent.status_code == 422, (reason[:10], sent.status_code)
        assert "公開停止の理由" in sent.text
    assert [v.action for v in _versions(engine)] == ["publish"]


def test_a_forged_or_missing_csrf_token_publishes_and_withdraws_nothing(
    browsers: dict[str, TestClient], drafts: Drafts, publishing: Publishing, engine: Engine
) -> None:
    staff = browsers["staff_a"]
    draft_id, program_id = _reviewed(browsers)
    other = token_of(browsers["staff_b"].get("/account"))
    for token in (other, "x" * 43):
        assert _publish(staff, draft_id, token=token).status_code == 403
    no_token = staff.post(f"/office/drafts/{draft_id}/publish", data={"checked": "yes"})
    assert no_token.status_code == 403
    assert _versions(engine) == []
    assert _publish(staff, draft_id).status_code == 303
    assert _unpublish(staff, program_id, "誤り", token=other).status_code == 403
    assert [v.action for v in _versions(engine)] == ["publish"]


def test_a_published_program_estimates_and_its_page_links_only_what_exists(
    browsers: dict[str, TestClient], drafts: Drafts, publishing: Publishing
) -> None:
    staff, anyone = browsers["staff_a"], browsers["anonymous"]
    draft_id, program_id = _reviewed(browsers)
    assert _edit(staff, draft_id, "frames[0].cap", "300万円").status_code == 303
    assert _publish(staff, draft_id).status_code == 303
    page = anyone.get(f"/programs/{program_id}")
    assert page.status_code == 200
    for link in sorted(set(re.findall(r'href="(/[^"#]*)"', page.text))):
        if link.startswith(("/static", "/signin", "/account")):
            continue
        assert anyone.get(link).status_code == 200, link
    body = {
        "program_id": program_id,
        "company": COMPANY_FILE | {"head_office_prefecture": "東京都"},
    }
    plan = {"years": [{"fiscal_year": 2024, "eligible_expenses_yen": 10_000_000}]}
    estimate = anyone.post("/api/v1/estimate", json=body | {"plan": plan})
    assert estimate.status_code == 200, estimate.text
    # Half of 1,000万円 is 500万円: the reviewer's 300万円 cap holds it to 300万円.
    assert estimate.json()["grant_yen"] == 3_000_000, estimate.text
    checked = anyone.post(
        "/api/v1/check", json={"program_id": program_id, "company": body["company"]}
    )
    assert checked.status_code == 200, checked.text


def test_two_issuers_publishing_the_same_file_keep_their_own_documents(
    drafts: Drafts, publishing: Publishing, office: Office, engine: Engine
) -> None:
    staff_a, staff_b = office.actor("staff_a"), office.actor("staff_b")
    _, [mine] = drafts.upload(staff_a, "hanro.txt", TEXT)
    _, [theirs] = drafts.upload(staff_b, "hanro.txt", TEXT)
    assert mine.program.id != theirs.program.id
    publishing.publish(staff_a, mine.id, True)
    publishing.publish(staff_b, theirs.id, True)
    catalog = read_snapshot(engine).catalog
    for draft, issuer in ((mine, "東京都中小企業振興公社"), (theirs, "富山県新世紀産業機構")):
        program = catalog.programs[draft.program.id]
        assert catalog.documents[program.source.doc].issuer == issuer, draft.program.id
    # Withdrawing one office's program leaves the other's document in place.
    publishing.unpublish(staff_b, theirs.program.id, "誤り")
    catalog = read_snapshot(engine).catalog
    assert catalog.documents[catalog.programs[mine.program.id].source.doc].issuer == (
        "東京都中小企業振興公社"
    )


def test_the_same_file_uploaded_twice_publishes_alternately_as_one_history(
    browsers: dict[str, TestClient], drafts: Drafts, publishing: Publishing, engine: Engine
) -> None:
    staff = browsers["staff_a"]
    first, program_id = _reviewed(browsers)
    assert _upload(staff, "hanro.txt", TEXT).status_code == 303
    second = max(_draft_ids(staff))
    assert second != first
    assert _publish(staff, first).status_code == 303
    assert _edit(staff, second, "frames[0].cap", "300万円").status_code == 303
    page = staff.get(f"/office/drafts/{second}").text
    assert "同じ制度 ID の別の下書きから第1版を公開中です" in page
    assert _publish(staff, second).status_code == 303
    page = staff.get(f"/office/drafts/{first}").text
    assert "同じ制度 ID の別の下書きから第2版を公開中です" in page
    assert _publish(staff, first).status_code == 303  # back to 500万円: version 3
    history = staff.get(f"/office/programs/{program_id}/versions").text
    assert "第3版: 公開" in history
    assert '<th scope="row">枠 1 › 上限額</th><td>300万円</td><td>500万円</td>' in history
    assert [(v.version, v.draft_id) for v in _versions(engine)] == [
        (1, first),
        (2, second),
        (3, first),
    ]
    assert staff.get(f"/programs/{program_id}").status_code == 200


def test_a_published_reviewers_value_does_not_show_the_staff_email_to_the_public(
    browsers: dict[str, TestClient], drafts: Drafts, publishing: Publishing
) -> None:
    staff, anyone = browsers["staff_a"], browsers["anonymous"]
    draft_id, program_id = _reviewed(browsers)
    assert _edit(staff, draft_id, "frames[0].cap", "300万円").status_code == 303
    assert _edit(staff, draft_id, "name", "新しい名前の事業").status_code == 303
    assert _publish(staff, draft_id).status_code == 303
    for path in (f"/programs/{program_id}", f"/api/v1/programs/{program_id}"):
        shown = anyone.get(path)
        assert shown.status_code == 200
        assert "staff_a@example.jp" not in shown.text, path


def test_a_reviewers_value_on_the_public_page_is_not_backed_by_the_line_it_contradicts(
    browsers: dict[str, TestClient], drafts: Drafts, publishing: Publishing
) -> None:
    staff, anyone = browsers["staff_a"], browsers["anonymous"]
    draft_id, program_id = _reviewed(browsers)
    assert _edit(staff, draft_id, "frames[0].cap", "300万円").status_code == 303
    assert _publish(staff, draft_id).status_code == 303
    page = anyone.get(f"/programs/{program_id}").text
    row = page[page.index('<th scope="row">上限額</th>') :].split("</tr>", 1)[0]
    assert "300万円" in row
    # The document says 500万円: shown as the basis of 300万円, it misleads the reader.
    assert "<q>500万円</q>" not in row, row


def test_publishing_publishes_what_the_staff_reviewed_not_a_later_edit(
    browsers: dict[str, TestClient], drafts: Drafts, publishing: Publishing
) -> None:
    staff, admin = browsers["staff_a"], browsers["admin"]
    draft_id, program_id = _reviewed(browsers)
    reviewed_page = staff.get(f"/office/drafts/{draft_id}")
    assert "500万円" in reviewed_page.text
    # Meanwhile someone else changes the cap (a slip of a finger: 5万円).
    assert _edit(admin, draft_id, "frames[0].cap", "5万円").status_code == 303
    # The staff press 公開 on the page they reviewed (500万円).
    sent = _publish(staff, draft_id, page=reviewed_page)
    assert sent.status_code == 409 and "ページを表示した後に変更されています" in sent.text
    assert browsers["anonymous"].get(f"/api/v1/programs/{program_id}").status_code == 404
    assert _publish(staff, draft_id).status_code == 303  # read again: 5万円 is seen


def test_a_call_prepared_for_a_withdrawn_program_cannot_be_opened_to_applicants(
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
    # Not yet 公開: the withdrawal goes through.
    assert _unpublish(browsers["staff_a"], program_id, "誤り").status_code == 303
    with pytest.raises(Conflict) as refused:
        flow.calls.publish(staff, prepared.id)
    assert "今のカタログに掲載されていない" in refused.value.message
    assert flow.calls.get(staff, prepared.id).status == "draft"


def test_a_folder_program_taking_a_published_id_is_said_on_the_history_page(
    browsers: dict[str, TestClient],
    drafts: Drafts,
    publishing: Publishing,
    engine: Engine,
    seed_catalog: Catalog,
) -> None:
    staff = browsers["staff_a"]
    draft_id, program_id = _reviewed(browsers)
    assert _publish(staff, draft_id).status_code == 303
    # The folder comes to hold a program of that id (another file, another program).
    some = next(iter(seed_catalog.programs.values()))
    folder = Catalog(
        root=seed_catalog.root,
        documents=dict(seed_catalog.documents),
        facts=seed_catalog.facts,
        programs={**seed_catalog.programs, program_id: some.model_copy(update={"id": program_id})},
        paths={**seed_catalog.paths, program_id: seed_catalog.paths[some.id]},
    )
    store_catalog(engine, folder, "the folder changed")
    browsers["anonymous"].app.state.live.refresh()
    served = browsers["anonymous"].get(f"/api/v1/programs/{program_id}").json()
    assert served["name"] == some.name  # the folder's program is the one served
    history = staff.get(f"/office/programs/{program_id}/versions").text
    # The office must not read 公開中 for a program the catalog no longer serves.
    assert "公開中（第1版）" not in history


def test_a_folder_reload_racing_a_publication_keeps_it(
    drafts: Drafts, publishing: Publishing, office: Office, engine: Engine, seed_catalog: Catalog
) -> None:
    staff = office.actor("staff_a")
    _, [one] = drafts.upload(staff, "hanro.txt", TEXT)
    _, [two] = drafts.upload(staff, "tenji.txt", OTHER)
    for round_ in range(4):
        draft = (one, two)[round_ % 2]
        results = _race(
            lambda draft=draft: publishing.publish(staff, draft.id, True),
            lambda digest=f"reload {round_}": store_catalog(engine, seed_catalog, digest),
        )
        latest = {v.program_id: v.action for v in _versions(engine)}
        published = {p for p, action in latest.items() if action == "publish"}
        stored = set(read_snapshot(engine).catalog.programs)
        assert published <= stored, (results, published - stored)
        assert set(seed_catalog.programs) <= stored
        if draft.program.id in published:
            publishing.unpublish(staff, draft.program.id, "確認のため")


def test_a_withdrawn_program_is_listed_by_its_name(
    browsers: dict[str, TestClient], drafts: Drafts, publishing: Publishing
) -> None:
    staff = browsers["staff_a"]
    draft_id, program_id = _reviewed(browsers)
    assert _publish(staff, draft_id).status_code == 303
    assert _unpublish(staff, program_id, "誤り").status_code == 303
    listing = staff.get("/office/sources").text
    section = listing[listing.index("公開した制度（") :]
    row = section[section.index(f"/office/programs/{program_id}/versions") :].split("</tr>")[0]
    assert "販路開拓支援事業" in row, row


def test_the_history_says_a_changed_period_in_the_offices_dates(
    browsers: dict[str, TestClient], drafts: Drafts, publishing: Publishing
) -> None:
    staff = browsers["staff_a"]
    draft_id, program_id = _reviewed(browsers)
    assert _publish(staff, draft_id).status_code == 303
    window = "2024年5月7日～2024年7月31日"
    assert _edit(staff, draft_id, "frames[0].application_window", window).status_code == 303
    assert _publish(staff, draft_id).status_code == 303
    history = staff.get(f"/office/programs/{program_id}/versions").text
    row = history[history.index("枠 1 › 申請受付期間") :].split("</tr>")[0]
    # Every other date on the office's pages is written 2024年5月7日, not 2024-05-07.
    assert "2024-05-07" not in row and "5月7日" in row, row
