"""Applications as drafts: one per company and call, the profile and plan validated as
the rules read them, the live estimate and checklist, withdrawal; and what a
submission refuses, each problem named."""

from __future__ import annotations

import pytest

from hojokin.accounts.errors import Concealed, Invalid, NotFound
from hojokin.workflow.errors import Conflict, InvalidProfile, NotReady

from .profiles import COMPANY, PLAN
from .world import Office, jst


def test_a_draft_per_company_and_call(office: Office) -> None:
    call = office.tokyo_call()
    office.at(jst(2024, 10, 1, 10))
    mine = office.flow.applications.start(office.actor("applicant_1"), call.id)
    assert (mine.status, mine.company, mine.plan, mine.receipt_number) == (
        "draft",
        None,
        None,
        None,
    )
    # the company's other user opens the same draft
    assert office.flow.applications.start(office.actor("applicant_1b"), call.id) == mine
    theirs = office.flow.applications.start(office.actor("applicant_2"), call.id)
    assert theirs.id != mine.id
    found = office.flow.applications.of_company(office.actor("applicant_1"), call.id)
    assert found == mine
    draft = office.tokyo_call("DRAFT", publish=False)
    with pytest.raises(Concealed, match="公募回が見つかりません"):
        office.flow.applications.start(office.actor("applicant_1"), draft.id)
    with pytest.raises(Conflict, match="申請を受け付けていません"):
        office.flow.applications.start(office.actor("cli"), draft.id, office.world.company_1)


def test_the_draft_is_saved_and_read_with_its_estimate_and_checklist(office: Office) -> None:
    call = office.tokyo_call()
    applicant = office.actor("applicant_1")
    draft = office.flow.applications.start(applicant, call.id)
    view = office.flow.applications.view(applicant, draft.id)
    # nothing saved: every document listed, those that hang on the company undecided
    assert view.assessment.check is None and view.assessment.verdict is None
    assert [c.status.status for c in view.assessment.checklist][:3] == [
        "required", "required", "conditional"
    ]  # fmt: skip
    office.flow.applications.save(applicant, draft.id, company=COMPANY)
    view = office.flow.applications.view(applicant, draft.id)
    assert view.assessment.verdict == "eligible" and view.assessment.estimate is None
    saved = office.flow.applications.save(applicant, draft.id, plan=PLAN)
    assert saved.company is not None and saved.company["name"] == "株式会社一"
    view = office.flow.applications.view(applicant, draft.id)
    assert view.assessment.estimate is not None
    assert view.assessment.estimate.amount.grant_yen == 1_000_000_000
    needs = [(c.item, c.status.document.number, c.status.status) for c in view.assessment.checklist]
    assert needs[3] == (4, 3, "not_required") and needs[8] == (9, 7, "required")
    assert view.booking is None and view.receipt is None and view.requests == ()
    last = office.audit_rows()[-1]
    assert (last.action, last.object_type, last.object_id) == (
        "application.update", "application", str(draft.id)
    )  # fmt: skip
    assert '"plan_sha256"' in last.after and "株式会社一" not in last.after


@pytest.mark.parametrize(
    ("field", "data", "problem"),
    [
        ("company", COMPANY | {"capital_yen": -1}, "capital_yen"),
        ("company", COMPANY | {"legal_form": "株式会社"}, "legal_form"),
        ("company", COMPANY | {"facts": {"no_such_fact": True}}, "no_such_fact"),
        ("plan", PLAN | {"years": []}, "years"),
        # the frame counts by category: a lump sum would be silently dropped
        ("plan", PLAN | {"years": [{"fiscal_year": 2025, "eligible_expenses_yen": 1}]},
         "eligible_expenses_yen"),
        ("plan", PLAN | {"years": [{"fiscal_year": 2025, "expenses": {"food": 1}}]}, "food"),
    ],
)  # fmt: skip
def test_a_profile_or_plan_the_rules_refuse_is_not_saved(
    office: Office, field: str, data: dict[str, object], problem: str
) -> None:
    call = office.tokyo_call()
    applicant = office.actor("applicant_1")
    draft = office.flow.applications.start(applicant, call.id)
    with pytest.raises(InvalidProfile) as refused:
        office.flow.applications.save(applicant, draft.id, **{field: data})
    assert refused.value.field == field and problem in refused.value.message
    assert refused.value.errors
    assert office.flow.applications.get(applicant, draft.id) == draft
    with pytest.raises(Invalid):
        office.flow.applications.save(applicant, draft.id)


def test_another_company_never_sees_the_draft(office: Office) -> None:
    call = office.tokyo_call()
    draft = office.flow.applications.start(office.actor("applicant_1"), call.id)
    for who in ("applicant_2", "staff_b"):
        with pytest.raises(Concealed) as hidden:
            office.flow.applications.view(office.actor(who), draft.id)
        assert hidden.value.message == "申請が見つかりません"
    with pytest.raises(NotFound, match="申請が見つかりません"):
        office.flow.applications.view(office.actor("applicant_2"), draft.id + 100)
    assert office.flow.applications.get(office.actor("staff_a"), draft.id) == draft


def test_withdrawal_ends_the_draft(office: Office) -> None:
    call = office.tokyo_call()
    applicant = office.actor("applicant_1")
    draft = office.flow.applications.start(applicant, call.id)
    gone = office.flow.applications.withdraw(applicant, draft.id)
    assert gone.status == "withdrawn"
    with pytest.raises(Conflict, match="「辞退」の状態では申請の下書き保存はできません"):
        office.flow.applications.save(applicant, draft.id, company=COMPANY)
    assert office.flow.allowed_actions(applicant, gone) == ()


def test_a_submission_names_every_problem(office: Office) -> None:
    call = office.tokyo_call()
    applicant = office.actor("applicant_1")
    draft = office.flow.applications.start(applicant, call.id)
    office.at(jst(2024, 11, 13, 8, 59, 59))
    with pytest.raises(NotReady) as refused:
        office.flow.submissions.submit(applicant, draft.id, "key-1")
    codes = [p.code for p in refused.value.problems]
    assert codes[:4] == ["window_closed", "no_booking", "no_company", "no_plan"]
    assert "申請書提出期間（2024年11月13日（水）09:00:00～" in refused.value.message
    office.flow.applications.save(applicant, draft.id, company=COMPANY | {"employees": 400,
                                  "capital_yen": 500_000_000}, plan=PLAN)  # fmt: skip
    with pytest.raises(NotReady) as refused:
        office.flow.submissions.submit(applicant, draft.id, "key-1")
    ineligible = [p for p in refused.value.problems if p.code == "ineligible"]
    assert [p.finding.code for p in ineligible if p.finding] == ["sme_or_nonprofit"]
    missing = [p.item for p in refused.value.problems if p.code == "missing_document"]
    assert missing == [1, 2, 3, 5, 6, 8, 9, 12, 13, 14, 17]
    unanswered = dict(PLAN, facts={})
    office.flow.applications.save(applicant, draft.id, company=COMPANY, plan=unanswered)
    with pytest.raises(NotReady) as refused:
        office.flow.submissions.submit(applicant, draft.id, "key-1")
    undecided = {p.item: p for p in refused.value.problems if p.code == "undecided_document"}
    assert sorted(undecided) == [5, 9, 10, 11, 15, 16]
    assert undecided[5].inputs == ("facts.first_fiscal_period",)
    # Worded as the application page asks it; the input's name is in `inputs`.
    assert undecided[5].message.endswith(
        "次に回答してください: 「申請時点で1期目、又は確定申告を行っていない2期目ですか」"
        "（事業計画の「計画についての確認事項」）"
    )
    assert office.flow.applications.get(applicant, draft.id).status == "draft"
    with pytest.raises(Invalid):
        office.flow.submissions.submit(applicant, draft.id, "")
