"""Who may do what: the roles, the actor, and the one table of permissions.

Every service function asks `allowed` (through `service`), so that the web, the API
and the command line cannot differ. A grant says how far a role reaches: anything,
its own issuer's objects, its own company's, only its own user, or what is public (a
published call); for actions on a user (or a user's token) it also names the roles of
the users it reaches.

What a Japanese program office expects, as decided here:
- the administrator (システム管理者) sets up issuers, companies and every account;
  the command line acts with the administrator's rights (whoever runs it holds the
  database);
- staff (事務局職員) appoint and dismiss the reviewers (審査委員) of their own issuer,
  read their issuer's staff and reviewers and its audit trail, and revoke their
  tokens; adding a colleague, whose access equals theirs, is the administrator's;
- reviewers and applicants manage only their own user and tokens;
- in the workflow (`hojokin.workflow`), staff run their own issuer's calls: open, edit
  and publish them, close slots, list their applications (the office's 申請一覧; an
  applicant sees only their own company's, on the applicant's pages) and read them
  with their history, accept them after the 確認面談, ask for more documents, mark a
  booking 面談済 or 欠席, and download the files; applicants read published calls,
  book, and prepare, submit and complete their own company's applications; reviewers
  reach nothing yet (their assignments come with the review);
- in the drafts (`hojokin.drafts`), staff upload their own issuer's documents (公募要領,
  事業計画), read and edit the program drafts ingested from them, publish a reviewed
  draft into the catalog and withdraw it again; an administrator any issuer's;
  applicants and reviewers none of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Role = Literal["applicant", "staff", "reviewer", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)
ROLE_LABELS: dict[Role, str] = {
    "applicant": "申請者（事業者）",
    "staff": "事務局職員",
    "reviewer": "審査委員",
    "admin": "管理者",
}
# The command line is an actor of its own, named by the OS user in the audit trail.
ActorRole = Literal[Role, "cli"]

Action = Literal[
    "issuer.create",
    "company.create",
    "user.create",
    "user.read",
    "user.list",
    "user.disable",
    "token.create",
    "token.revoke",
    "audit.read",
    "call.create",
    "call.read",
    "call.update",
    "call.publish",
    "call.close",
    "slot.close",
    "booking.create",
    "booking.read",
    "booking.cancel",
    "booking.attend",
    "booking.mark_absent",
    "application.create",
    "application.read",
    "application.list",
    "application.update",
    "application.submit",
    "application.withdraw",
    "application.accept",
    "application.request_documents",
    "application.complete_documents",
    "application.history",
    "document.upload",
    "document.remove",
    "document.download",
    "draft.create",
    "draft.read",
    "draft.update",
    "draft.publish",
]
ACTION_LABELS: dict[Action, str] = {
    "issuer.create": "実施機関の登録",
    "company.create": "事業者の登録",
    "user.create": "ユーザーの登録",
    "user.read": "ユーザーの閲覧",
    "user.list": "ユーザーの一覧",
    "user.disable": "ユーザーの無効化",
    "token.create": "API トークンの発行",
    "token.revoke": "API トークンの失効",
    "audit.read": "監査記録の閲覧",
    "call.create": "公募回の作成",
    "call.read": "公募回の閲覧",
    "call.update": "公募回の編集",
    "call.publish": "公募回の公開",
    "call.close": "公募回の終了",
    "slot.close": "面談枠の締切",
    "booking.create": "面談の予約",
    "booking.read": "予約の閲覧",
    "booking.cancel": "予約の辞退",
    "booking.attend": "面談済の記録",
    "booking.mark_absent": "欠席の記録",
    "application.create": "申請の作成",
    "application.read": "申請の閲覧",
    "application.list": "申請一覧の閲覧",
    "application.update": "申請の下書き保存",
    "application.submit": "申請の提出",
    "application.withdraw": "申請の辞退",
    "application.accept": "受付完了の記録",
    "application.request_documents": "書類の追加依頼",
    "application.complete_documents": "追加書類の提出",
    "application.history": "申請の履歴の閲覧",
    "document.upload": "書類のアップロード",
    "document.remove": "書類の削除",
    "document.download": "書類のダウンロード",
    "draft.create": "制度データの取り込み",
    "draft.read": "制度データの下書きの閲覧",
    "draft.update": "制度データの下書きの編集",
    "draft.publish": "制度データの公開・公開停止",
}

Scope = Literal["any", "issuer", "company", "self", "public"]


@dataclass(frozen=True)
class Grant:
    scope: Scope
    roles: tuple[Role, ...] = ROLES  # the target users' roles it reaches


@dataclass(frozen=True)
class Actor:
    """Who acts, as the service sees it; the service reads a user's role and tenants
    from the database again on each call, so a disabled user is refused at once."""

    user_id: int | None
    role: ActorRole
    name: str  # the user's email; `cli:<OS user>` for the command line
    issuer_id: int | None = None
    company_id: int | None = None
    request_id: str | None = None

    @classmethod
    def command_line(cls, os_user: str) -> Actor:
        return cls(user_id=None, role="cli", name=f"cli:{os_user}")


@dataclass(frozen=True)
class Target:
    """What an action is done to: its tenants and, for a user or a user's token, that
    user and their role."""

    issuer_id: int | None = None
    company_id: int | None = None
    user_id: int | None = None
    role: Role | None = None
    public: bool = False  # open to every signed-in user (a published call)


ANY = Grant("any")
SELF = Grant("self")
_STAFF_OF_ISSUER = Grant("issuer", ("staff", "reviewer"))
_REVIEWERS_OF_ISSUER = Grant("issuer", ("reviewer",))
_ISSUER = Grant("issuer")
_COMPANY = Grant("company")
_PUBLIC = Grant("public")
_OFFICE: dict[ActorRole, Grant] = {"admin": ANY, "cli": ANY, "staff": _ISSUER}
_APPLICANT: dict[ActorRole, Grant] = {"admin": ANY, "cli": ANY, "applicant": _COMPANY}
_BOTH: dict[ActorRole, Grant] = {**_OFFICE, "applicant": _COMPANY}

PERMISSIONS: dict[Action, dict[ActorRole, Grant]] = {
    "issuer.create": {"admin": ANY, "cli": ANY},
    "company.create": {"admin": ANY, "cli": ANY},
    "user.create": {"admin": ANY, "cli": ANY, "staff": _REVIEWERS_OF_ISSUER},
    "user.disable": {"admin": ANY, "cli": ANY, "staff": _REVIEWERS_OF_ISSUER},
    "user.read": {
        "admin": ANY,
        "cli": ANY,
        "staff": _STAFF_OF_ISSUER,
        "reviewer": SELF,
        "applicant": SELF,
    },
    "user.list": {"admin": ANY, "cli": ANY, "staff": _STAFF_OF_ISSUER},
    "token.create": {"admin": ANY, "cli": ANY, "staff": SELF, "reviewer": SELF, "applicant": SELF},
    "token.revoke": {
        "admin": ANY,
        "cli": ANY,
        "staff": _STAFF_OF_ISSUER,
        "reviewer": SELF,
        "applicant": SELF,
    },
    "audit.read": _OFFICE,
    "call.create": _OFFICE,
    "call.read": {**_OFFICE, "applicant": _PUBLIC},
    "call.update": _OFFICE,
    "call.publish": _OFFICE,
    "call.close": _OFFICE,
    "slot.close": _OFFICE,
    "booking.create": _APPLICANT,
    "booking.read": _BOTH,
    "booking.cancel": _APPLICANT,
    "booking.attend": _OFFICE,
    "booking.mark_absent": _OFFICE,
    "application.create": _APPLICANT,
    "application.read": _BOTH,
    "application.list": _OFFICE,
    "application.update": _APPLICANT,
    "application.submit": _APPLICANT,
    "application.withdraw": _APPLICANT,
    "application.accept": _OFFICE,
    "application.request_documents": _OFFICE,
    "application.complete_documents": _APPLICANT,
    "application.history": _OFFICE,
    "document.upload": _APPLICANT,
    "document.remove": _APPLICANT,
    "document.download": _BOTH,
    "draft.create": _OFFICE,
    "draft.read": _OFFICE,
    "draft.update": _OFFICE,
    "draft.publish": _OFFICE,
}


def grant_of(actor: Actor, action: Action) -> Grant | None:
    return PERMISSIONS[action].get(actor.role)


def allowed(actor: Actor, action: Action, target: Target) -> bool:
    """Whether `actor` may do `action` to `target`: the one check of the service."""
    grant = grant_of(actor, action)
    if grant is None or (target.role is not None and target.role not in grant.roles):
        return False
    if grant.scope == "issuer":
        return actor.issuer_id is not None and target.issuer_id == actor.issuer_id
    if grant.scope == "company":
        return actor.company_id is not None and target.company_id == actor.company_id
    if grant.scope == "self":
        return actor.user_id is not None and target.user_id == actor.user_id
    if grant.scope == "public":
        return target.public
    return True
