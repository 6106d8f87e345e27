"""Who may do what: the roles, the actor, and the one table of permissions.

Every service function asks `allowed` (through `service`), so that the web, the API
and the command line cannot differ. A grant says how far a role reaches: anything,
its own issuer's objects, or only its own user; for actions on a
user (or a user's token) it also names the roles of the users it reaches.

What a Japanese program office expects, as decided here:
- the administrator (システム管理者) sets up issuers, companies and every account;
  the command line acts with the administrator's rights (whoever runs it holds the
  database);
- staff (事務局職員) appoint and dismiss the reviewers (審査委員) of their own issuer,
  read their issuer's staff and reviewers and its audit trail, and revoke their
  tokens; adding a colleague, whose access equals theirs, is the administrator's;
- reviewers and applicants manage only their own user and tokens.
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
}

Scope = Literal["any", "issuer", "self"]


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


ANY = Grant("any")
SELF = Grant("self")
_STAFF_OF_ISSUER = Grant("issuer", ("staff", "reviewer"))
_REVIEWERS_OF_ISSUER = Grant("issuer", ("reviewer",))

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
    "audit.read": {"admin": ANY, "cli": ANY, "staff": Grant("issuer")},
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
    if grant.scope == "self":
        return actor.user_id is not None and target.user_id == actor.user_id
    return True
