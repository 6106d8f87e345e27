"""The account service: every function takes the `Actor`, checks the permission table
(`permissions.allowed`) and writes its audit record in the transaction of its change.
A refusal raises `Refused`, after the refusal itself is written to the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Row, Table, insert, select, update

from hojokin.accounts import audit, sessions
from hojokin.accounts.audit import Event, OwnAction
from hojokin.accounts.errors import Duplicate, Invalid, NotFound, SignInFailed
from hojokin.accounts.guard import Clock, Guard
from hojokin.accounts.inputs import clean_name, email_key
from hojokin.accounts.passwords import Passwords, password_problem
from hojokin.accounts.permissions import (
    ROLE_LABELS,
    ROLES,
    Actor,
    Role,
    Target,
    allowed,
    grant_of,
)
from hojokin.accounts.records import AuditEntry, Company, Issuer, Token, User
from hojokin.accounts.tables import api_token, app_user, company, issuer
from hojokin.accounts.tokens import new_secret, secret_digest
from hojokin.ja.errors import JaParseError
from hojokin.ja.prefectures import prefecture_name
from hojokin.store.engine import writing

SIGN_IN_FAILED = (
    "メールアドレスまたはパスワードが正しくないか、アカウントが一時的にロックされています"
)
TOKEN_REFUSED = "API トークンが正しくないか、失効しています"
MAX_AUDIT_ENTRIES = 1000


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SignInPolicy:
    """Lock-out: after `max_failures` wrong passwords in a row, `lockout` without sign-in."""

    max_failures: int = 5
    lockout: timedelta = timedelta(minutes=15)


@dataclass(frozen=True)
class NewUser:
    email: str
    password: str
    role: str
    display_name: str = ""  # the email when empty
    issuer_id: int | None = None
    company_id: int | None = None


class Accounts:
    def __init__(
        self,
        engine: Engine,
        *,
        policy: SignInPolicy | None = None,
        clock: Clock = utc_now,
        passwords: Passwords | None = None,
    ) -> None:
        self.engine = engine
        self.policy = policy or SignInPolicy()
        self.clock = clock
        self.passwords = passwords or Passwords()
        self.guard = Guard(engine, clock)

    # -- issuers and companies ---------------------------------------------------------

    def create_issuer(self, actor: Actor, name: str, prefecture: str) -> Issuer:
        name = clean_name(name, "name")
        try:
            prefecture = prefecture_name(prefecture)
        except JaParseError as exc:
            raise Invalid(f"{exc.reason}（{prefecture!r}）", "prefecture") from None
        with self.guard.unit() as conn:
            current = self.guard.require(conn, actor, "issuer.create", "issuer", target=Target())
            if conn.execute(select(issuer.c.id).where(issuer.c.name == name)).first():
                raise Duplicate(f"実施機関「{name}」はすでに登録されています", "name")
            at = self.clock()
            values = {"name": name, "prefecture": prefecture, "created_at": at}
            new_id = conn.execute(insert(issuer).values(values).returning(issuer.c.id)).scalar_one()
            created = Issuer(new_id, name, prefecture, at)
            event = Event(current, "issuer.create", "issuer", new_id, Target(issuer_id=new_id))
            self.guard.record(conn, event, None, created)
        return created

    def create_company(self, actor: Actor, name: str) -> Company:
        name = clean_name(name, "name")
        with self.guard.unit() as conn:
            current = self.guard.require(conn, actor, "company.create", "company", target=Target())
            at = self.clock()
            query = insert(company).values(name=name, created_at=at).returning(company.c.id)
            new_id = conn.execute(query).scalar_one()
            created = Company(new_id, name, at)
            event = Event(current, "company.create", "company", new_id, Target(company_id=new_id))
            self.guard.record(conn, event, None, created)
        return created

    # -- users -------------------------------------------------------------------------

    def create_user(self, actor: Actor, new: NewUser) -> User:
        email = email_key(new.email)
        role = _role(new.role)
        _tenant_shape(role, new.issuer_id, new.company_id)
        if problem := password_problem(new.password):
            raise Invalid(problem, "password")
        display_name = clean_name(new.display_name or email, "display_name")
        password_hash = self.passwords.hash(new.password)  # slow: before the transaction
        target = Target(new.issuer_id, new.company_id, None, role)
        with self.guard.unit() as conn:
            current = self.guard.require(conn, actor, "user.create", "user", target=target)
            _exists(conn, issuer, new.issuer_id, "実施機関", "issuer_id")
            _exists(conn, company, new.company_id, "事業者", "company_id")
            if conn.execute(select(app_user.c.id).where(app_user.c.email == email)).first():
                raise Duplicate(f"メールアドレス {email} はすでに登録されています", "email")
            values = {
                "email": email,
                "display_name": display_name,
                "password_hash": password_hash,
                "role": role,
                "issuer_id": new.issuer_id,
                "company_id": new.company_id,
                "disabled": False,
                "failed_signins": 0,
                "locked_until": None,
                "created_at": self.clock(),
            }
            new_id = conn.execute(insert(app_user).values(values).returning(app_user.c.id))
            created = _user(conn, new_id.scalar_one())
            event = Event(current, "user.create", "user", created.id, created.target)
            self.guard.record(conn, event, None, created)
        return created

    def disable_user(self, actor: Actor, user_id: int) -> User:
        with self.guard.unit() as conn:
            before = _user(conn, user_id)
            current = self.guard.require(
                conn, actor, "user.disable", "user", user_id, target=before.target
            )
            if current.user_id == user_id:
                raise Invalid("自分のアカウントは無効にできません", "user_id")
            conn.execute(update(app_user).where(app_user.c.id == user_id).values(disabled=True))
            sessions.revoke_all(conn, user_id, self.clock())
            after = _user(conn, user_id)
            event = Event(current, "user.disable", "user", user_id, before.target)
            self.guard.record(conn, event, before, after)
        return after

    def get_user(self, actor: Actor, user_id: int) -> User:
        with self.guard.unit(write=False) as conn:
            found = _user(conn, user_id)
            self.guard.require(conn, actor, "user.read", "user", user_id, target=found.target)
        return found

    def find_user(self, actor: Actor, email: str) -> User:
        """The user of `email` (the command line names users by email)."""
        key = email_key(email)
        with self.guard.unit(write=False) as conn:
            self.guard.require(conn, actor, "user.read", "user")
            row = conn.execute(select(app_user).where(app_user.c.email == key)).first()
            if row is None:
                raise NotFound(f"メールアドレス {key} のユーザーは登録されていません", "email")
            found = User.of(row)
            self.guard.require(conn, actor, "user.read", "user", found.id, target=found.target)
        return found

    def list_users(self, actor: Actor) -> list[User]:
        """The users `actor` may see, in the order they were created."""
        with self.guard.unit(write=False) as conn:
            current = self.guard.require(conn, actor, "user.list", "user")
            rows = conn.execute(select(app_user).order_by(app_user.c.id))
            users = [User.of(row) for row in rows]
        return [u for u in users if allowed(current, "user.list", u.target)]

    # -- signing in ----------------------------------------------------------------------

    def sign_in(
        self,
        email: str,
        password: str,
        request_id: str | None = None,
        then: Callable[[Connection, Actor], None] | None = None,
    ) -> Actor:
        """The actor of the user whose email and password these are; `SignInFailed`
        for a wrong password, an unknown email, a disabled or a locked account. Each
        attempt is audited (never with the password); `policy` failures in a row lock
        the account for `policy.lockout`. `then` runs in the transaction of a success
        (the web opens its session there)."""
        with self.engine.begin() as conn:
            found = by_email(conn, email, for_update=True)
            actor, reason = self._check_password(conn, found.row, password)
            event = found.event(actor, "user.sign_in", reason, request_id)
            audit.record(conn, event, self.clock())
            if actor is not None:
                actor = replace(actor, request_id=request_id)
                if then is not None:
                    then(conn, actor)
        if actor is None:
            raise SignInFailed(SIGN_IN_FAILED)
        return actor

    def _check_password(
        self, conn: Connection, row: Row[Any] | None, password: str
    ) -> tuple[Actor | None, str | None]:
        """The actor when `password` opens `row`'s account, else None and why; the
        failure count and lock-out updated. The hasher runs in every case, so that the
        time taken tells nothing."""
        now = self.clock()
        if row is None:
            self.passwords.verify(None, password)
            return None, "unknown_email"
        user = User.of(row)
        if user.disabled or (user.locked_until is not None and now < user.locked_until):
            self.passwords.verify(None, password)
            return None, "disabled" if user.disabled else "locked"
        stored: str = row.password_hash
        mine = app_user.c.id == user.id
        if not self.passwords.verify(stored, password):
            failures = user.failed_signins + 1
            if failures >= self.policy.max_failures:
                lock = {"failed_signins": 0, "locked_until": now + self.policy.lockout}
                conn.execute(update(app_user).where(mine).values(lock))
                return None, "wrong_password_locked"
            conn.execute(update(app_user).where(mine).values(failed_signins=failures))
            return None, "wrong_password"
        values: dict[str, object] = {"failed_signins": 0, "locked_until": None}
        if self.passwords.needs_rehash(stored):
            values["password_hash"] = self.passwords.hash(password)
        conn.execute(update(app_user).where(mine).values(values))
        return actor_of(user), None

    # -- API tokens ----------------------------------------------------------------------

    def create_token(self, actor: Actor, user_id: int, name: str) -> tuple[Token, str]:
        """A new token of `user_id` and its secret, which is shown this once."""
        name = clean_name(name, "name")
        secret = new_secret()
        with self.guard.unit() as conn:
            owner = _user(conn, user_id)
            current = self.guard.require(
                conn, actor, "token.create", "api_token", target=owner.target
            )
            if owner.disabled:
                raise Invalid("無効になっているユーザーにはトークンを発行できません", "user_id")
            values = {
                "user_id": user_id,
                "name": name,
                "secret_sha256": secret_digest(secret),
                "created_at": self.clock(),
            }
            token_id = conn.execute(insert(api_token).values(values).returning(api_token.c.id))
            created = _token(conn, token_id.scalar_one())
            event = Event(current, "token.create", "api_token", created.id, owner.target)
            self.guard.record(conn, event, None, created)
        return created, secret

    def revoke_token(self, actor: Actor, token_id: int) -> Token:
        with self.guard.unit() as conn:
            before = _token(conn, token_id)
            owner = _user(conn, before.user_id).target
            current = self.guard.require(
                conn, actor, "token.revoke", "api_token", token_id, target=owner
            )
            if before.revoked_at is not None:
                return before
            mine = api_token.c.id == token_id
            conn.execute(update(api_token).where(mine).values(revoked_at=self.clock()))
            after = _token(conn, token_id)
            event = Event(current, "token.revoke", "api_token", token_id, owner)
            self.guard.record(conn, event, before, after)
        return after

    def token_actor(self, secret: str, request_id: str | None = None) -> Actor:
        """The actor whose token `secret` is, its use noted; `SignInFailed` for an
        unknown or revoked token or a disabled user."""
        digest = secret_digest(secret)
        # It reads, then writes the token's use: on SQLite the write lock is taken at
        # BEGIN, else two requests at once fail on the write instead of waiting.
        with writing(self.engine).begin() as conn:
            query = (
                select(app_user, api_token.c.id.label("token_id"))
                .join(app_user, app_user.c.id == api_token.c.user_id)
                .where(api_token.c.secret_sha256 == digest, api_token.c.revoked_at.is_(None))
            )
            row = conn.execute(query).first()
            if row is None or row.disabled:
                raise SignInFailed(TOKEN_REFUSED)
            mine = api_token.c.id == row.token_id
            conn.execute(update(api_token).where(mine).values(last_used_at=self.clock()))
            user = User.of(row)
        return replace(actor_of(user), request_id=request_id)

    # -- the audit trail -----------------------------------------------------------------

    def audit_trail(self, actor: Actor, limit: int = 100) -> list[AuditEntry]:
        """The newest entries `actor` may read, newest first."""
        limit = max(1, min(limit, MAX_AUDIT_ENTRIES))
        with self.guard.unit(write=False) as conn:
            current = self.guard.require(conn, actor, "audit.read", "audit_event")
            grant = grant_of(current, "audit.read")
            assert grant is not None
            only = current.issuer_id if grant.scope == "issuer" else None
            entries = audit.recent(conn, limit, only)
        return [
            e for e in entries if allowed(current, "audit.read", Target(e.issuer_id, e.company_id))
        ]


@dataclass(frozen=True)
class ByEmail:
    """The user of an email someone typed before they are known (signing in, asking
    for a reset): the address as stored (None when it is no address) and the row."""

    key: str | None
    row: Row[Any] | None

    def event(
        self,
        actor: Actor | None,
        action: OwnAction,
        reason: str | None,
        request_id: str | None,
    ) -> Event:
        """The audit record of the attempt: refused when it has a `reason`."""
        row = self.row
        return Event(
            actor,
            action,
            "user",
            row.id if row else None,
            User.of(row).target if row else Target(),
            "refused" if reason else "done",
            reason,
            # Not what was typed when it is no address: it may be a password.
            actor_name=self.key or "(not an email address)",
            request_id=request_id,
        )


def by_email(conn: Connection, email: str, *, for_update: bool = False) -> ByEmail:
    """The user of `email`, normalised as stored; `for_update` locks the row until
    the transaction ends (sign-in updates its failure count)."""
    try:
        key = email_key(email)
    except Invalid:
        return ByEmail(None, None)
    query = select(app_user).where(app_user.c.email == key)
    row = conn.execute(query.with_for_update() if for_update else query).first()
    return ByEmail(key, row)


def actor_of(user: User) -> Actor:
    return Actor(user.id, user.role, user.email, user.issuer_id, user.company_id)


def _role(text: str) -> Role:
    for role in ROLES:
        if text == role:
            return role
    named = "、".join(f"{r}（{ROLE_LABELS[r]}）" for r in ROLES)
    raise Invalid(f"役割 {text!r} は使えません。使える役割: {named}", "role")


def _tenant_shape(role: Role, issuer_id: int | None, company_id: int | None) -> None:
    """Staff and reviewers belong to an issuer, applicants to a company, an
    administrator to neither."""
    if role in ("staff", "reviewer") and issuer_id is None:
        raise Invalid(f"{ROLE_LABELS[role]}には実施機関の指定が必要です", "issuer_id")
    if role == "applicant" and company_id is None:
        raise Invalid(f"{ROLE_LABELS[role]}には事業者の指定が必要です", "company_id")
    if role != "applicant" and company_id is not None:
        raise Invalid("事業者は申請者にだけ指定できます", "company_id")
    if role in ("applicant", "admin") and issuer_id is not None:
        raise Invalid("実施機関は事務局職員と審査委員にだけ指定できます", "issuer_id")


def _exists(conn: Connection, table: Table, key: int | None, what: str, field: str) -> None:
    if (
        key is not None
        and conn.execute(select(table.c.id).where(table.c.id == key)).first() is None
    ):
        raise NotFound(f"{what} {key} は登録されていません", field)


def _user(conn: Connection, user_id: int) -> User:
    row = conn.execute(select(app_user).where(app_user.c.id == user_id)).first()
    if row is None:
        raise NotFound(f"ユーザー {user_id} は登録されていません", "user_id")
    return User.of(row)


def _token(conn: Connection, token_id: int) -> Token:
    row = conn.execute(select(api_token).where(api_token.c.id == token_id)).first()
    if row is None:
        raise NotFound(f"API トークン {token_id} は登録されていません", "token_id")
    return Token.of(row)
