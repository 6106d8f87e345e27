"""Publishing a whole document's drafts at once (まとめて公開): a 事業計画's umbrellas
before their parts, as one change; only what is not published as it stands; any draft
that cannot be published refuses them all, naming it; the issuer's staff only."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from hojokin.accounts.errors import Invalid
from hojokin.drafts.publishing import ALL_PUBLISHED, Publishing
from hojokin.drafts.service import Drafts
from hojokin.store.snapshot import read_snapshot
from tests.accounts.conftest import engine
from tests.accounts.web import token_of
from tests.web.test_draft_edit import _edit
from tests.web.test_draft_pages import drafts, files
from tests.web.test_publish import _found, _versions, publishing
from tests.web.test_publish_hostile import PLAN
from tests.workflow.world import Office

__all__ = ["drafts", "engine", "files", "publishing"]


def _publish_all(client: TestClient, source_id: int, token: str = "") -> Any:
    csrf = token or token_of(client.get("/office/sources"))
    return client.post(
        f"/office/sources/{source_id}/publish",
        data={"csrf_token": csrf, "checked": "yes"},
        follow_redirects=False,
    )


def test_a_plan_is_published_umbrellas_first_in_one_change(
    browsers: dict[str, TestClient],
    drafts: Drafts,
    publishing: Publishing,
    office: Office,
    engine: Engine,
) -> None:
    staff = browsers["staff_a"]
    source, made = drafts.upload(office.actor("staff_a"), "plan.txt", PLAN, None, 2024)
    assert any(d.program.parent for d in made)
    assert "（下書き）" in staff.get("/office/sources").text
    sent = _publish_all(staff, source.id)
    assert sent.status_code == 303
    listing = staff.get(sent.headers["location"]).text
    assert "文書の下書きを公開しました" in listing
    # Each draft says it is published now, and which version.
    assert listing.count("この下書きから第1版を公開中") == len(made)
    assert "（下書き）" not in listing
    stored = read_snapshot(engine).catalog
    assert {d.program.id for d in made} <= set(stored.programs)
    order = [v.program_id for v in _versions(engine)]
    for draft in made:
        if draft.program.parent:
            assert order.index(draft.program.parent) < order.index(draft.program.id)
    assert made[0].program.id in _found(browsers["anonymous"], made[0].program.name)

    # Nothing left to publish; then one edited draft is the one published again.
    again = _publish_all(staff, source.id)
    assert again.status_code == 422 and ALL_PUBLISHED in again.text
    child = next(d for d in made if d.program.parent)
    assert _edit(staff, child.id, "frames[0].cap", "100万円").status_code == 303
    assert _publish_all(staff, source.id).status_code == 303
    latest = _versions(engine)[len(made) :]
    assert [(v.program_id, v.version) for v in latest] == [(child.program.id, 2)]


def test_one_draft_that_cannot_be_published_refuses_them_all(
    drafts: Drafts, publishing: Publishing, office: Office, engine: Engine
) -> None:
    staff = office.actor("staff_a")
    source, made = drafts.upload(staff, "plan.txt", PLAN, None, 2024)
    # A part's umbrella renamed by the office to a name the text does not give: its
    # notes (the name's mark) must be checked, and were not.
    drafts.update(staff, made[0].id, "name", "架空の総合事業")
    with pytest.raises(Invalid) as refused:
        publishing.publish_document(staff, source.id, checked=False)
    assert refused.value.message.startswith("「架空の総合事業」: ")
    assert _versions(engine) == []
    assert len(publishing.publish_document(staff, source.id, checked=True)) == len(made)


def test_only_the_documents_issuer_publishes_it(
    browsers: dict[str, TestClient],
    drafts: Drafts,
    publishing: Publishing,
    office: Office,
    engine: Engine,
) -> None:
    source, _ = drafts.upload(office.actor("staff_a"), "plan.txt", PLAN, None, 2024)
    for who, status in (("staff_b", 404), ("applicant_1", 403), ("reviewer_a", 403)):
        client = browsers[who]
        sent = _publish_all(client, source.id, token_of(client.get("/account")))
        assert sent.status_code == status, who
    assert _publish_all(browsers["staff_a"], 2**31, "").status_code == 404
    assert _versions(engine) == []
    refused = [r for r in office.audit_rows() if r.action == "draft.publish"]
    assert [r.outcome for r in refused] == ["refused"] * 3  # a missing id is no refusal
