"""Editing a draft's texts and lists on the review page: a target, an activity, a
note, an expense category or a required document is added to its list, edited or
removed, and a value removed becomes 未記載. A text the document states takes the
citation of its line; any other is the reviewer's input, never cited as the
document's, and a program holding it can still be published. Each edit is audited."""

from __future__ import annotations

import json
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from hojokin.accounts.errors import Invalid
from hojokin.catalog.schema import CategoryCap, Citation
from hojokin.drafts.edit import IN_USE, add, remove
from hojokin.drafts.publishing import Publishing
from hojokin.drafts.service import Drafts
from tests.accounts.conftest import engine
from tests.web.test_draft_edit import _edit, _program, _uploaded
from tests.web.test_draft_pages import TEXT, drafts, files
from tests.web.test_publish import _publish, publishing
from tests.workflow.world import Office

__all__ = ["drafts", "engine", "files", "publishing"]

LINES = tuple(TEXT.decode().split("\n"))
TARGET_LINE = 5  # 都内の中小企業者が行う新たな販路の開拓に要する経費の一部を補助します。


def test_a_target_the_text_states_is_cited_and_one_it_does_not_is_the_reviewers(
    browsers: dict[str, TestClient], drafts: Drafts, office: Office, engine: Engine
) -> None:
    staff = browsers["staff_a"]
    draft_id = _uploaded(browsers)
    page = staff.get(f"/office/drafts/{draft_id}").text
    assert "枠「令和6年度 販路開拓支援事業 募集要項」の対象者を追加" in page
    assert "制度の事業内容を追加" in page

    sent = _edit(staff, draft_id, "frames[0].targets", "都内の中小企業者", op="add")
    assert sent.status_code == 303
    assert "引用をその箇所に合わせました" in staff.get(sent.headers["location"]).text
    [target] = _program(engine).frames[0].targets
    assert (target.text, target.cite.lines, target.note) == (
        "都内の中小企業者",
        (TARGET_LINE, TARGET_LINE),
        None,
    )

    sent = _edit(staff, draft_id, "frames[0].targets", "創業5年未満の事業者", op="add")
    assert "事務局の入力として記録しました" in staff.get(sent.headers["location"]).text
    _, second = _program(engine).frames[0].targets
    assert second.text == "創業5年未満の事業者" and second.note is not None
    assert second.note.startswith("事務局の入力")
    page = staff.get(f"/office/drafts/{draft_id}").text
    assert 'name="path" value="frames[0].targets[1]"' in page and "対象者 2" in page

    # An item edited to words of another line follows to that line.
    assert _edit(staff, draft_id, "frames[0].targets[1]", "中小企業者").status_code == 303
    edited = _program(engine).frames[0].targets[1]
    assert edited.text == "中小企業者" and edited.note is None

    # Removed: the list keeps the other item; the audit keeps what was removed.
    assert _edit(staff, draft_id, "frames[0].targets[0]", "", op="remove").status_code == 303
    assert [t.text for t in _program(engine).frames[0].targets] == ["中小企業者"]
    done = [r for r in office.audit_rows() if r.action == "draft.update"]
    assert [json.loads(r.after)["op"] for r in done] == ["add", "add", "set", "remove"]
    assert json.loads(done[-1].before)["value"]["text"] == "都内の中小企業者"
    assert json.loads(done[-1].after)["value"] is None


def test_a_value_removed_reads_unstated_and_the_name_stays(
    browsers: dict[str, TestClient], drafts: Drafts, engine: Engine
) -> None:
    staff = browsers["staff_a"]
    draft_id = _uploaded(browsers)
    sent = _edit(staff, draft_id, "frames[0].cap", "", op="remove")
    assert sent.status_code == 303
    assert "値を削除しました（未記載）" in staff.get(sent.headers["location"]).text
    assert _program(engine).frames[0].cap is None
    refused = _edit(staff, draft_id, "name", "", op="remove")
    assert refused.status_code == 422 and "名称は削除できません" in refused.text
    for path, op, message in (
        ("frames[0].cap", "add", "編集できない項目です"),
        ("frames[0].targets", "rename", "編集の操作を指定してください"),
        ("frames[0].targets[9]", "remove", "編集できない項目です"),
        ("frames[0].targets", "add", "値を入力してください"),
        ("frames[0].targets", "add", "1行、500文字以内で入力してください"),
    ):
        value = "x" * 501 if message.startswith("1行") else ""
        shown = _edit(staff, draft_id, path, value, op=op)
        assert shown.status_code == 422 and message in shown.text, (path, op)
    assert _program(engine).frames[0].targets == []


def test_documents_and_categories_are_added_and_a_category_a_limit_names_stays(
    browsers: dict[str, TestClient], drafts: Drafts, engine: Engine
) -> None:
    staff = browsers["staff_a"]
    draft_id = _uploaded(browsers)
    for path, value in (
        ("frames[0].required_documents", "事業計画書"),
        ("frames[0].categories", "広告宣伝費"),
        ("frames[0].categories", "展示会出展費"),
        ("notes", "電話 000-0000-0000"),
    ):
        assert _edit(staff, draft_id, path, value, op="add").status_code == 303
    program = _program(engine)
    [document] = program.frames[0].required_documents
    assert document.name == "事業計画書" and document.note is not None
    assert [(c.id, c.name) for c in program.frames[0].categories] == [
        ("category_1", "広告宣伝費"),
        ("category_2", "展示会出展費"),
    ]
    assert program.notes[-1].cite.lines == (15, 15) and program.notes[-1].note is None

    # A category a limit names is not removed: the limit would name nothing.
    cap = CategoryCap(
        categories=["category_2"],
        yen=1_000_000,
        cite=Citation(doc=program.source.doc, lines=(10, 10), quote="500万円"),
    )
    frame = program.frames[0].model_copy(update={"category_caps": [cap]})
    limited = program.model_copy(update={"frames": [frame]})
    with pytest.raises(Invalid) as refused:
        remove(limited, "frames[0].categories[1]")
    assert refused.value.message == IN_USE
    kept = remove(limited, "frames[0].categories[0]").program.frames[0].categories
    assert [c.id for c in kept] == ["category_2"]
    again = add(limited, LINES, "frames[0].categories", "旅費", date(2024, 5, 1))
    assert [c.id for c in again.program.frames[0].categories][-1] == "category_3"


def test_a_criterion_the_text_does_not_state_is_removed(
    browsers: dict[str, TestClient], drafts: Drafts, engine: Engine
) -> None:
    staff = browsers["staff_a"]
    draft_id = _uploaded(browsers)
    page = staff.get(f"/office/drafts/{draft_id}").text
    assert 'name="path" value="eligibility[0]"' in page and "対象要件を削除（未記載にする）" in page
    assert _edit(staff, draft_id, "eligibility[0]", "東京都", op="set").status_code == 422
    assert _edit(staff, draft_id, "eligibility[0]", "", op="remove").status_code == 303
    assert _program(engine).eligibility == []


def test_a_draft_holding_the_reviewers_texts_is_published_with_them_marked(
    browsers: dict[str, TestClient], drafts: Drafts, publishing: Publishing
) -> None:
    staff = browsers["staff_a"]
    draft_id = _uploaded(browsers)
    assert (
        _edit(staff, draft_id, "frames[0].targets", "創業5年未満の事業者", op="add").status_code
        == 303
    )
    assert _edit(staff, draft_id, "description", "販路開拓の経費を補助").status_code == 303
    assert _publish(staff, draft_id).status_code == 303
    page = staff.get(f"/office/drafts/{draft_id}").text
    assert "この下書きの内容で公開中です" in page
