"""Signing in on the web and what goes with it: sessions, signing out, changing the
password, resetting a forgotten one by a one-time token sent by mail, and the throttle
of a client's attempts. Each change is audited in its own transaction, and so is each
refusal (a CSRF failure, a throttled client, a spent reset token)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Connection, delete, func, insert, select, update

from hojokin.accounts import audit, sessions
from hojokin.accounts.audit import Event, OwnAction
from hojokin.accounts.errors import Invalid
from hojokin.accounts.passwords import password_problem
from hojokin.accounts.permissions import Actor, Target
from hojokin.accounts.records import User
from hojokin.accounts.service import Accounts, actor_of, by_email
from hojokin.accounts.sessions import Session, SessionPolicy
from hojokin.accounts.tables import (
    app_user,
    client_attempt,
    company,
    issuer,
    password_reset,
    web_session,
)
from hojokin.accounts.tokens import secret_digest
from hojokin.catalog.status import JST
from hojokin.mail import outbox
from hojokin.mail.outbox import Mail

Bucket = Literal["signin", "password_reset_request"]
ResetProblem = Literal["unknown", "used", "expired"]
RESET_PROBLEMS: dict[ResetProblem, str] = {
    "unknown": "このパスワード再設定用のリンクは正しくありません。",
    "used": "このパスワード再設定用のリンクはすでに使われています。",
    "expired": "このパスワード再設定用のリンクは有効期限が切れています。",
}
WRONG_CURRENT = "現在のパスワードが正しくありません"
RESET_SUBJECT = "【hojokin】パスワード再設定のご案内"
JST_TIME = "%Y年%m月%d日 %H時%M分（日本時間）"


@dataclass(frozen=True)
class Throttle:
    """At most `attempts` tries of one form from one client address per `window`."""

    attempts: int = 10
    window: timedelta = timedelta(minutes=1)


@dataclass(frozen=True)
class SignedIn:
    """A request's signed-in user: the actor the service takes, the session, the user,
    and the name of their issuer or company."""

    actor: Actor
    session: Session
    user: User
    tenant: str | None


class ResetRefused(Exception):
    def __init__(self, problem: ResetProblem) -> None:
        super().__init__(RESET_PROBLEMS[problem])
        self.problem = problem
        self.message = RESET_PROBLEMS[problem]


def _reset_body(link: str, expires: str) -> str:
    return (
        "hojokin のパスワード再設定のお申し込みを受け付けました。\n\n"
        "次のリンクを開いて、新しいパスワードを設定してください。\n"
        f"{link}\n\n"
        f"このリンクは {expires} まで、1 回だけ使えます。\n"
        "お心当たりがない場合は、このメールを破棄してください。"
        "パスワードは変更されません。\n"
    )


class SignIn:
    def __init__(
        self,
        accounts: Accounts,
        policy: SessionPolicy | None = None,
        *,
        reset_lifetime: timedelta = timedelta(hours=1),
        throttle: Throttle | None = None,
    ) -> None:
        self.accounts = accounts
        self.policy = policy or SessionPolicy()
        self.reset_lifetime = reset_lifetime
        self.throttle = throttle or Throttle()

    @property
    def clock(self) -> Callable[[], datetime]:
        return self.accounts.clock

    def _audit(self, conn: Connection, event: Event) -> None:
        audit.record(conn, event, self.clock())

    # -- sessions ----------------------------------------------------------------------

    def start(
        self, email: str, password: str, request_id: str | None = None
    ) -> tuple[Actor, Session, str]:
        """Sign in and open a new session: the actor, the session and its secret (for
        the cookie); `SignInFailed` as `Accounts.sign_in` says, nothing opened."""
        opened: list[tuple[Session, str]] = []

        def open_one(conn: Connection, actor: Actor) -> None:
            assert actor.user_id is not None
            opened.append(sessions.open_session(conn, actor.user_id, self.clock(), self.policy))

        actor = self.accounts.sign_in(email, password, request_id, then=open_one)
        return actor, *opened[0]

    def resume(self, secret: str, request_id: str | None = None) -> SignedIn | None:
        """Who holds a cookie's secret; None when there is no such session, or it was
        revoked, has expired or idled out, or its user is disabled."""
        now = self.clock()
        query = (
            select(
                app_user,
                web_session.c.id.label("session_id"),
                web_session.c.csrf_token,
                web_session.c.created_at.label("session_created_at"),
                web_session.c.last_seen_at,
                web_session.c.expires_at,
                func.coalesce(issuer.c.name, company.c.name).label("tenant"),
            )
            .join(app_user, app_user.c.id == web_session.c.user_id)
            .outerjoin(issuer, issuer.c.id == app_user.c.issuer_id)
            .outerjoin(company, company.c.id == app_user.c.company_id)
            .where(
                web_session.c.secret_sha256 == secret_digest(secret),
                web_session.c.revoked_at.is_(None),
            )
        )
        with self.accounts.engine.begin() as conn:
            row = conn.execute(query).first()
            if row is None or row.disabled:
                return None
            user = User.of(row)
            session = Session(
                row.session_id, user.id, row.csrf_token, row.session_created_at,
                row.last_seen_at, row.expires_at,
            )  # fmt: skip
            if not session.live(now, self.policy):
                return None
            sessions.touch(conn, session, now)
        actor = replace(actor_of(user), request_id=request_id)
        return SignedIn(actor, session, user, row.tenant)

    def end(self, actor: Actor, session: Session) -> None:
        """Sign out: the session is revoked, its cookie worth nothing from now on."""
        with self.accounts.engine.begin() as conn:
            sessions.revoke(conn, session.id, self.clock())
            target = _target(conn, session.user_id)
            self._audit(conn, Event(actor, "user.sign_out", "web_session", session.id, target))

    def refuse(
        self,
        actor: Actor | None,
        action: OwnAction,
        reason: str,
        client: str = "",
        request_id: str | None = None,
    ) -> None:
        """Audit a request refused before it reached the service (a bad CSRF token, a
        throttled client): who it was, or the client's address."""
        event = Event(
            actor,
            action,
            "request",
            None,
            Target(actor.issuer_id, actor.company_id, actor.user_id) if actor else Target(),
            "refused",
            reason,
            actor_name=f"client:{client}" if client else audit.ANONYMOUS,
            request_id=request_id,
        )
        with self.accounts.engine.begin() as conn:
            self._audit(conn, event)

    # -- the throttle ------------------------------------------------------------------

    def attempt(self, bucket: Bucket, client: str, request_id: str | None = None) -> float | None:
        """Count one attempt of `client` at `bucket`'s form; None when it may go on,
        else the seconds until it may try again (the refusal audited). Kept in the
        database, so that every worker counts the same attempts."""
        now = self.clock()
        since = now - self.throttle.window
        mine = (client_attempt.c.bucket == bucket) & (client_attempt.c.client == client)
        with self.accounts.engine.begin() as conn:
            conn.execute(delete(client_attempt).where(mine, client_attempt.c.at <= since))
            count, oldest = conn.execute(
                select(func.count(), func.min(client_attempt.c.at)).where(mine)
            ).one()
            if count < self.throttle.attempts:
                values = {"bucket": bucket, "client": client, "at": now}
                conn.execute(insert(client_attempt).values(values))
                return None
        action: OwnAction = "user.sign_in" if bucket == "signin" else "user.password_reset_request"
        self.refuse(None, action, "throttled", client, request_id)
        # The oldest attempt counted leaves the window first.
        left: float = (oldest + self.throttle.window - now).total_seconds()
        return max(left, 1.0)

    # -- passwords ---------------------------------------------------------------------

    def change_password(self, actor: Actor, session: Session, current: str, new: str) -> None:
        """Set a new password after checking the current one; the user's other sessions
        end. `Invalid` naming the field (`current` or `new`) when refused."""
        with self.accounts.engine.begin() as conn:
            row = conn.execute(
                select(app_user).where(app_user.c.id == session.user_id).with_for_update()
            ).one()
            target = User.of(row).target
            refused = None
            if not self.accounts.passwords.verify(row.password_hash, current):
                refused = Invalid(WRONG_CURRENT, "current")
            elif problem := password_problem(new):
                refused = Invalid(problem, "new")
            if refused is not None:
                event = Event(
                    actor, "user.password_change", "user", row.id, target, "refused",
                    "wrong_password" if refused.field == "current" else "weak_password",
                )  # fmt: skip
                self._audit(conn, event)
            else:
                self._set_password(conn, row.id, new)
                ended = sessions.revoke_all(conn, row.id, self.clock(), keep=session.id)
                after = {"other_sessions_ended": ended}
                event = Event(actor, "user.password_change", "user", row.id, target, after=after)
                self._audit(conn, event)
        if refused is not None:
            raise refused

    def _set_password(self, conn: Connection, user_id: int, password: str) -> None:
        values = {
            "password_hash": self.accounts.passwords.hash(password),
            "failed_signins": 0,
            "locked_until": None,
        }
        conn.execute(update(app_user).where(app_user.c.id == user_id).values(values))

    def request_reset(
        self, email: str, link: Callable[[str], str], request_id: str | None = None
    ) -> None:
        """Mail a one-time link (`link(token)`) to the user of `email`, through the
        outbox in this transaction. The same silence whether or not there is such a
        user: only the audit trail tells."""
        now = self.clock()
        with self.accounts.engine.begin() as conn:
            found = by_email(conn, email)
            row = found.row
            reason = "unknown_email" if row is None else "disabled" if row.disabled else None
            event = found.event(None, "user.password_reset_request", reason, request_id)
            if row is not None and reason is None:
                token = secrets.token_urlsafe(32)
                expires = now + self.reset_lifetime
                values = {
                    "token_sha256": secret_digest(token),
                    "user_id": row.id,
                    "created_at": now,
                    "expires_at": expires,
                }
                conn.execute(insert(password_reset).values(values))
                body = _reset_body(link(token), expires.astimezone(JST).strftime(JST_TIME))
                mail_id = outbox.enqueue(conn, Mail(row.email, RESET_SUBJECT, body), now)
                event = replace(event, after={"mail_id": mail_id, "expires_at": expires})
            self._audit(conn, event)

    def reset_problem(self, token: str) -> ResetProblem | None:
        """What is wrong with a reset token, without using it (for the form's page)."""
        with self.accounts.engine.connect() as conn:
            return self._problem(conn, token, lock=False)[0]

    def _problem(
        self, conn: Connection, token: str, *, lock: bool
    ) -> tuple[ResetProblem | None, Any]:
        query = select(password_reset).where(password_reset.c.token_sha256 == secret_digest(token))
        row = conn.execute(query.with_for_update() if lock else query).first()
        if row is None:
            return "unknown", None
        if row.used_at is not None:
            return "used", row
        if self.clock() >= row.expires_at:
            return "expired", row
        return None, row

    def reset(self, token: str, new: str, request_id: str | None = None) -> None:
        """Set the password of the token's user; the token and any other of theirs
        spent, every session of theirs ended. `ResetRefused` for a token that is unknown,
        used or expired, `Invalid` for a password the policy refuses."""
        if weak := password_problem(new):
            raise Invalid(weak, "new")
        now = self.clock()
        with self.accounts.engine.begin() as conn:
            problem, row = self._problem(conn, token, lock=True)
            user = None if row is None else _user_row(conn, row.user_id)
            if problem is None and user is not None and user.disabled:
                problem = "unknown"  # a disabled account regains nothing by mail
            target = User.of(user).target if user is not None else Target()
            event = Event(
                None,
                "user.password_reset",
                "password_reset",
                None if row is None else row.id,
                target,
                actor_name=user.email if user is not None else audit.ANONYMOUS,
                request_id=request_id,
            )
            if problem is not None:
                self._audit(conn, replace(event, outcome="refused", reason=problem))
            else:
                self._set_password(conn, row.user_id, new)
                theirs = password_reset.c.user_id == row.user_id
                unused = password_reset.c.used_at.is_(None)
                conn.execute(update(password_reset).where(theirs, unused).values(used_at=now))
                ended = sessions.revoke_all(conn, row.user_id, now)
                self._audit(conn, replace(event, after={"sessions_ended": ended}))
        if problem is not None:
            raise ResetRefused(problem)


def _user_row(conn: Connection, user_id: int) -> Any:
    return conn.execute(select(app_user).where(app_user.c.id == user_id)).one()


def _target(conn: Connection, user_id: int) -> Target:
    return User.of(_user_row(conn, user_id)).target
