"""Editing a draft's values on the review page: a value the text states elsewhere takes
the citation of the line that states it; one it does not state is kept as the
reviewer's input, never cited as the document's; an unreadable value is refused at its
field with nothing saved; each edit is audited with the value before and after."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from hojokin.catalog.schema import Program
from hojokin.drafts.service import Drafts
from hojokin.drafts.tables import program_draft
from tests.accounts.conftest import engine
from tests.accounts.web import token_of
from tests.web.test_draft_pages import CAP_LINE, TEXT, _draft_ids, _upload, drafts, files
from tests.workflow.world import Office

__all__ = ["drafts", "engine", "files"]


def _uploaded(browsers: dict[str, TestClient]) -> int:
    assert _upload(browsers["staff_a"], "hanro.txt", TEXT).status_code == 303
    [draft_id] = _draft_ids(browsers["staff_a"])
    return draft_id


def _edit(
    client: TestClient, draft_id: int, path: str, value: str, token: str = "", op: str = ""
) -> Any:
    csrf = token or token_of(client.get(f"/office/drafts/{draft_id}"))
    return client.post(
        f"/office/drafts/{draft_id}/values",
        data={"csrf_token": csrf, "path": path, "value": value, **({"op": op} if op else {})},
        follow_redirects=False,
    )


def _program(engine: Engine) -> Program:
    with engine.connect() as conn:
        row = conn.execute(select(program_draft.c.program)).scalar_one()
    return Program.model_validate(json.loads(row))


def test_a_value_the_text_states_takes_the_citation_of_its_line(
    browsers: dict[str, TestClient], drafts: Drafts, office: Office, engine: Engine
) -> None:
    draft_id = _uploaded(browsers)
    staff = browsers["staff_a"]
    page = staff.get(f"/office/drafts/{draft_id}").text
    assert 'name="path" value="frames[0].floor"' in page and "編集" in page
    # A mistaken cap, then the cap the text states: the citation follows to its line.
    assert _edit(staff, draft_id, "frames[0].cap", "300万円").status_code == 303
    sent = _edit(staff, draft_id, "frames[0].cap", "５００万円")
    assert sent.status_code == 303
    shown = staff.get(sent.headers["location"]).text
    assert "引用をその箇所に合わせました" in shown
    cap = _program(engine).frames[0].cap
    assert cap is not None and cap.yen == 5_000_000 and cap.note is None
    assert cap.cite.lines == (CAP_LINE, CAP_LINE) and "500万円" in cap.cite.quote
    rows = [r for r in office.audit_rows() if r.action == "draft.update"]
    assert [json.loads(r.after)["citation"] for r in rows] == ["reviewer", "followed"]
    assert (rows[1].outcome, rows[1].actor_name) == ("done", "staff_a@example.jp")
    assert json.loads(rows[1].before)["value"]["yen"] == 3_000_000
    assert json.loads(rows[1].after)["value"]["yen"] == 5_000_000


def test_a_figure_another_value_cites_is_not_taken_for_this_one(
    browsers: dict[str, TestClient], drafts: Drafts, engine: Engine
) -> None:
    # 500万円 is stated on the cap's line as the cap: typed as the floor, it is the
    # reviewer's input, not a citation of the cap's words.
    draft_id = _uploaded(browsers)
    sent = _edit(browsers["staff_a"], draft_id, "frames[0].floor", "５００万円")
    assert sent.status_code == 303
    assert (
        "事務局の入力として記録しました" in browsers["staff_a"].get(sent.headers["location"]).text
    )
    floor = _program(engine).frames[0].floor
    assert floor is not None and floor.yen == 5_000_000
    assert floor.note is not None and "原文の記載なし" in floor.note


def test_a_value_the_text_does_not_state_is_the_reviewers(
    browsers: dict[str, TestClient], drafts: Drafts, office: Office, engine: Engine
) -> None:
    draft_id = _uploaded(browsers)
    admin = browsers["admin"]
    sent = _edit(admin, draft_id, "frames[0].cap", "300万円")
    assert sent.status_code == 303
    shown = admin.get(sent.headers["location"]).text
    assert "事務局の入力として記録しました" in shown
    cap = _program(engine).frames[0].cap
    assert cap is not None and cap.yen == 3_000_000
    # When, not who: the note is published with the program; the audit trail says who.
    assert cap.note is not None and "原文の記載なし" in cap.note and "事務局が入力" in cap.note
    assert "admin@example.jp" not in cap.note
    assert "300万円" in shown and '<strong class="reviewer-input">事務局の入力</strong>' in shown
    [row] = [r for r in office.audit_rows() if r.action == "draft.update"]
    assert json.loads(row.before)["value"]["yen"] == 5_000_000
    assert json.loads(row.after)["citation"] == "reviewer"
    # The name: one the part states follows; another is marked as the reviewer's.
    assert _edit(admin, draft_id, "name", "販路開拓支援事業").status_code == 303
    program = _program(engine)
    assert program.name == "販路開拓支援事業" and program.review is not None
    assert not any("事務局の入力" in n for n in program.review.notes)
    assert _edit(admin, draft_id, "name", "架空の事業").status_code == 303
    program = _program(engine)
    assert program.name == "架空の事業" and program.review is not None
    assert any("事務局の入力" in n for n in program.review.notes)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("frames[0].cap", "たくさん", "金額を読み取れません"),
        ("frames[0].rate", "3/2", "0より大きく1以下"),
        ("frames[0].application_window", "2025年2月30日～2025年3月31日", "期間を読み取れません"),
        ("frames[0].cap", "  ", "値を入力してください"),
        ("frames[0].id", "x", "編集できない項目です"),
    ],
)
def test_a_bad_value_is_refused_at_its_field_and_nothing_is_saved(
    browsers: dict[str, TestClient],
    drafts: Drafts,
    office: Office,
    engine: Engine,
    path: str,
    value: str,
    message: str,
) -> None:
    draft_id = _uploaded(browsers)
    before = _program(engine)
    refused = _edit(browsers["staff_a"], draft_id, path, value)
    assert refused.status_code == 422
    assert message in refused.text
    assert _program(engine) == before
    assert not [
        r for r in office.audit_rows() if r.action == "draft.update" and r.outcome == "done"
    ]


def test_who_may_edit(
    browsers: dict[str, TestClient], drafts: Drafts, office: Office, engine: Engine
) -> None:
    draft_id = _uploaded(browsers)
    before = _program(engine)
    token = token_of(browsers["staff_b"].get("/account"))
    assert _edit(browsers["staff_b"], draft_id, "frames[0].cap", "1万円", token).status_code == 404
    for who in ("applicant_1", "reviewer_a"):
        token = token_of(browsers[who].get("/account"))
        assert _edit(browsers[who], draft_id, "frames[0].cap", "1万円", token).status_code == 403
    assert (
        _edit(browsers["staff_a"], draft_id, "frames[0].cap", "1万円", "forged").status_code == 403
    )
    assert _program(engine) == before
    refused = [r for r in office.audit_rows() if r.action == "draft.update"]
    assert {(r.outcome, r.actor_name) for r in refused} == {
        ("refused", "staff_b@example.jp"),
        ("refused", "applicant_1@example.jp"),
        ("refused", "reviewer_a@example.jp"),
    }
