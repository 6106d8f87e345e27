"""Documents of an application: a file the store refuses is named in Japanese and
nothing is kept; files go only to a draft or to an application the office asked for
more; a submitted application keeps every file."""

from __future__ import annotations

from pathlib import Path

import pytest

from hojokin.accounts.errors import Invalid, Refused
from hojokin.workflow.errors import Conflict
from tests.files.samples import pdf

from .story import ready
from .world import Office, jst


def _stored(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_refused_file_is_named_and_nothing_is_kept(office: Office) -> None:
    call = office.tokyo_call()
    applicant = office.actor("applicant_1")
    draft = office.flow.applications.start(applicant, call.id)
    root = office.flow.documents.files.root
    for name, data, words in [
        ("申請書.xlsx", pdf(), "拡張子（.xlsx）と中身（PDF）が合いません"),
        ("空.pdf", b"", "空のファイル"),
        ("../../etc/passwd.pdf", pdf(), ""),
        ("page.html", b"<html><script>alert(1)</script></html>", ""),
    ]:
        with pytest.raises(Invalid) as refused:
            office.flow.documents.upload(applicant, draft.id, 1, name, data)
        assert refused.value.field == "file" and words in refused.value.message
    with pytest.raises(Invalid, match="書類の番号は 1～18 で指定してください"):
        office.flow.documents.upload(applicant, draft.id, 19, "確認書.pdf", pdf())
    assert _stored(root) == []
    assert (
        office.flow.applications.view(applicant, draft.id).assessment.checklist[0].documents == ()
    )
    assert not [r for r in office.audit_rows() if r.action == "document.upload"]


def test_files_of_a_draft_and_of_a_frozen_application(office: Office) -> None:
    story = ready(office)
    applicant = office.actor("applicant_1")
    view = office.flow.applications.view(applicant, story.application.id)
    first = view.assessment.checklist[0].documents[0]
    assert (first.item, first.title, first.media_type) == (
        1, "申請前確認書(Word ファイル) 原本", "application/pdf"
    )  # fmt: skip
    assert len(_stored(office.flow.documents.files.root)) == 1  # one content, stored once
    extra = office.flow.documents.upload(applicant, story.application.id, 18, "任意.pdf", pdf())
    assert office.flow.documents.remove(applicant, extra.id) == extra
    office.at(jst(2024, 11, 13, 10))
    office.flow.submissions.submit(applicant, story.application.id, "k")
    with pytest.raises(Conflict, match="「提出済」の状態では書類のアップロードはできません"):
        office.flow.documents.upload(applicant, story.application.id, 18, "後から.pdf", pdf())
    with pytest.raises(Conflict, match="「提出済」の状態では書類の削除はできません"):
        office.flow.documents.remove(applicant, first.id)
    removed = [r for r in office.audit_rows() if r.action == "document.remove"]
    assert [(r.outcome, r.object_type) for r in removed] == [("done", "application")]
    office.flow.inbox.request_documents(office.actor("staff_a"), story.application.id, "見積書")
    with pytest.raises(Conflict, match="「書類追加依頼中」の状態では書類の削除はできません"):
        office.flow.documents.remove(applicant, first.id)
    # Those who may not remove a file are told which action, not "saving the draft".
    for who in ("staff_a", "reviewer_a"):
        with pytest.raises(Refused, match=r"この操作（書類の削除）を行う権限がありません"):
            office.flow.documents.remove(office.actor(who), first.id)
