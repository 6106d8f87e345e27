"""The frame of every service call, shared by the account and the workflow services:
one transaction for a change and its audit record, the actor read again from the
database, the permission table asked, and a refusal written to the audit trail in a
transaction of its own (the refused one rolls back)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import IntegrityError

from hojokin.accounts import audit
from hojokin.accounts.audit import Event
from hojokin.accounts.errors import Concealed, Duplicate, NotFound, Refused
from hojokin.accounts.permissions import ACTION_LABELS, Action, Actor, Target, allowed, grant_of
from hojokin.accounts.records import snapshot
from hojokin.accounts.tables import app_user
from hojokin.store.engine import writing

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Clock = Callable[[], datetime]
DISABLED = "このアカウントは無効になっているため操作できません"


class Guard:
    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock
        self._writing = writing(engine)

    @contextmanager
    def unit(self, *, write: bool = True) -> Iterator[Connection]:
        """One transaction for a change and its audit record (`write=False` for a call
        that only reads: on SQLite it then leaves the write lock to others); a
        refusal rolls the transaction back and is then recorded in one of its own."""
        try:
            with (self._writing if write else self.engine).begin() as conn:
                yield conn
        except Refused as refused:
            with self.engine.begin() as conn:
                audit.record(conn, refused.event, self.clock())
            raise
        except IntegrityError:
            # Another request took the same email or name between our check and insert.
            raise Duplicate("同じ内容がすでに登録されています") from None

    def acting(self, conn: Connection, actor: Actor) -> Actor | None:
        """The actor as the database has them now; None when disabled or gone."""
        if actor.role == "cli":
            return actor
        row = conn.execute(select(app_user).where(app_user.c.id == actor.user_id)).first()
        if row is None or row.disabled:
            return None
        return replace(actor, role=row.role, issuer_id=row.issuer_id, company_id=row.company_id)

    def require(
        self,
        conn: Connection,
        actor: Actor,
        action: Action,
        object_type: str,
        object_id: int | None = None,
        target: Target | None = None,
    ) -> Actor:
        """The current actor when they may do `action` to `target` (with no target: to
        anything at all, as a listing asks); else `Refused`."""
        current = self.acting(conn, actor)
        if current is None:
            ok, reason = False, "actor_disabled"
        elif target is None:
            ok, reason = grant_of(current, action) is not None, "no_grant"
        else:
            ok, reason = allowed(current, action, target), "not_allowed"
        if ok:
            assert current is not None
            return current
        message = f"この操作（{ACTION_LABELS[action]}）を行う権限がありません"
        if current is None:
            message = DISABLED
        event = Event(actor, action, object_type, object_id, target or Target(), "refused", reason)
        raise Refused(message, event)

    def reach(
        self,
        conn: Connection,
        actor: Actor,
        action: Action,
        object_type: str,
        object_id: int,
        target: Callable[[], Target | None],
        missing: str,
    ) -> Actor:
        """The current actor when they may do `action` to the object `target()` reads
        (None: there is no such object). The role's grant is asked before the object is
        read, so that a role without one learns nothing of what exists; an object of a
        tenant out of the actor's reach is refused as `Concealed`, with the `missing`
        message of an id that does not exist."""
        current = self.require(conn, actor, action, object_type, object_id)
        found = target()
        if found is None:
            raise NotFound(missing, f"{object_type}_id")
        if not allowed(current, action, found):
            event = Event(actor, action, object_type, object_id, found, "refused", "other_tenant")
            raise Concealed(missing, event, f"{object_type}_id")
        return current

    def record(
        self,
        conn: Connection,
        event: Event,
        before: DataclassInstance | Mapping[str, Any] | None,
        after: DataclassInstance | Mapping[str, Any] | None,
    ) -> None:
        """`event` done, with its object before and after the change."""
        event = replace(
            event,
            before=None if before is None else snapshot(before),
            after=None if after is None else snapshot(after),
        )
        audit.record(conn, event, self.clock())
