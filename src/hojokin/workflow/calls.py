"""Calls (公募回): staff open one for a program frame of the catalog, with its dates to
the second and its interview slots, edit it while it is 準備中, publish it and close
it; applicants see the published ones."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from hojokin.accounts.audit import Event
from hojokin.accounts.errors import Duplicate, Invalid, NotFound
from hojokin.accounts.guard import Guard
from hojokin.accounts.permissions import Action, Actor, Target, allowed, grant_of
from hojokin.accounts.tables import issuer
from hojokin.rules.service import UnknownProgramError
from hojokin.workflow import schedule
from hojokin.workflow.calendar import slot_times
from hojokin.workflow.errors import Conflict
from hojokin.workflow.office import Office
from hojokin.workflow.records import Call, Slot
from hojokin.workflow.rows import call_of, load_call, load_slot, slot_of
from hojokin.workflow.schedule import CallPlan
from hojokin.workflow.states import CALL_MACHINE, CALL_STATUS_LABELS, next_status, step
from hojokin.workflow.tables import application, call, call_slot

NO_CALL = "公募回が見つかりません"
NO_SLOT = "面談枠が見つかりません"


def _plan_values(plan: CallPlan) -> dict[str, Any]:
    values = asdict(plan)
    values["sources"] = json.dumps(values["sources"], ensure_ascii=False)
    return values


def reach_call(guard: Guard, conn: Connection, actor: Actor, action: Action, call_id: int) -> Actor:
    """The current actor when they may do `action` to the call (`Guard.reach`)."""

    def target() -> Target | None:
        found = load_call(conn, call_id)
        return None if found is None else found.target

    return guard.reach(conn, actor, action, "call", call_id, target, NO_CALL)


@dataclass(frozen=True)
class RunCall:
    """A call as the office's list shows it, with its applications counted: every one
    (drafts too) and those submitted (a 受付番号 issued, whatever came after)."""

    call: Call
    applications: int
    submitted: int


class Calls:
    def __init__(self, office: Office) -> None:
        self.office = office
        self.guard = office.guard

    def _reach(self, conn: Connection, actor: Actor, action: Action, call_id: int) -> Actor:
        return reach_call(self.guard, conn, actor, action, call_id)

    def _checked(self, plan: CallPlan) -> CallPlan:
        program, frame = self.office.frame(plan.program_id, plan.frame_id)
        plan = replace(
            plan,
            program_id=program.id,
            frame_id=frame.id,
            name=plan.name or schedule.default_name(program, frame),
        )
        return schedule.checked(plan)

    def create(self, actor: Actor, plan: CallPlan, issuer_id: int | None = None) -> Call:
        """A new call (準備中) with its slots; staff open calls of their own issuer, an
        administrator or the command line names the issuer."""
        with self.guard.unit() as conn:
            # The role first: an applicant is refused, not told what is wrong in the plan.
            current = self.guard.require(conn, actor, "call.create", "call")
            plan = self._checked(plan)
            issuer_id = current.issuer_id if issuer_id is None else issuer_id
            if issuer_id is None:
                raise Invalid("公募回を実施する実施機関を指定してください", "issuer_id")
            target = Target(issuer_id=issuer_id)
            current = self.guard.require(conn, actor, "call.create", "call", target=target)
            if conn.execute(select(issuer.c.id).where(issuer.c.id == issuer_id)).first() is None:
                raise NotFound(f"実施機関 {issuer_id} は登録されていません", "issuer_id")
            self._unique_code(conn, plan.code, None)
            values = _plan_values(plan) | {
                "issuer_id": issuer_id,
                "status": "draft",
                "receipts": 0,
                "created_at": self.office.now(),
            }
            call_id = conn.execute(insert(call).values(values).returning(call.c.id)).scalar_one()
            self._make_slots(conn, call_id, plan)
            created = load_call(conn, call_id)
            assert created is not None
            event = Event(current, "call.create", "call", call_id, created.target)
            self.guard.record(conn, event, None, created)
        return created

    def create_from_catalog(
        self,
        actor: Actor,
        program_id: str,
        frame_id: str,
        code: str,
        issuer_id: int | None = None,
        *,
        name: str = "",
        slot_minutes: int = schedule.DEFAULT_SLOT_MINUTES,
        slot_capacity: int = schedule.DEFAULT_SLOT_CAPACITY,
    ) -> Call:
        """A call whose dates are the catalog's cited schedule (`schedule.from_catalog`)."""
        self.may_create(actor)
        program, frame = self.office.frame(program_id, frame_id)
        plan = schedule.from_catalog(
            program, frame, code, name=name, slot_minutes=slot_minutes, slot_capacity=slot_capacity
        )
        return self.create(actor, plan, issuer_id)

    def update(self, actor: Actor, call_id: int, plan: CallPlan) -> Call:
        """Change a call while it is 準備中; its slots are made again from the new dates."""
        with self.guard.unit() as conn:
            current = self._reach(conn, actor, "call.update", call_id)
            plan = self._checked(plan)
            before = load_call(conn, call_id)
            assert before is not None
            step(CALL_MACHINE, "call.update", before.status, CALL_STATUS_LABELS)
            self._unique_code(conn, plan.code, call_id)
            conn.execute(update(call).where(call.c.id == call_id).values(_plan_values(plan)))
            conn.execute(delete(call_slot).where(call_slot.c.call_id == call_id))
            self._make_slots(conn, call_id, plan)
            after = load_call(conn, call_id)
            assert after is not None
            event = Event(current, "call.update", "call", call_id, after.target)
            self.guard.record(conn, event, before, after)
        return after

    def publish(self, actor: Actor, call_id: int) -> Call:
        """Open the call to applicants: only for a program the catalog serves now (one
        withdrawn since the call was prepared would leave applicants nothing to apply to)."""
        return self._move(actor, call_id, "call.publish", "published_at", self._served)

    def _served(self, found: Call) -> None:
        try:
            self.office.frame(found.program_id, found.frame_id)
        except UnknownProgramError:
            raise Conflict(
                f"制度（{found.program_id}）が今のカタログに掲載されていないため、"
                "公募回を公開できません"
            ) from None

    def close(self, actor: Actor, call_id: int) -> Call:
        return self._move(actor, call_id, "call.close", "closed_at")

    def _move(
        self,
        actor: Actor,
        call_id: int,
        action: Action,
        stamp: str,
        check: Callable[[Call], None] = lambda _: None,
    ) -> Call:
        with self.guard.unit() as conn:
            current = self._reach(conn, actor, action, call_id)
            before = load_call(conn, call_id)
            assert before is not None
            transition = step(CALL_MACHINE, action, before.status, CALL_STATUS_LABELS)
            check(before)
            values = {"status": next_status(transition, before.status), stamp: self.office.now()}
            conn.execute(update(call).where(call.c.id == call_id).values(values))
            after = load_call(conn, call_id)
            assert after is not None
            self.guard.record(
                conn, Event(current, action, "call", call_id, after.target), before, after
            )
        return after

    def get(self, actor: Actor, call_id: int) -> Call:
        with self.guard.unit(write=False) as conn:
            self._reach(conn, actor, "call.read", call_id)
            found = load_call(conn, call_id)
        assert found is not None
        return found

    def list_calls(self, actor: Actor) -> list[Call]:
        """The calls `actor` may read, newest first: staff their issuer's, applicants
        the published and closed ones."""
        with self.guard.unit(write=False) as conn:
            current = self.guard.require(conn, actor, "call.read", "call")
            rows = conn.execute(select(call).order_by(call.c.id.desc()))
            calls = [call_of(row) for row in rows]
        return [c for c in calls if allowed(current, "call.read", c.target)]

    def run_by(self, actor: Actor) -> list[RunCall]:
        """The calls the actor's office runs, newest first, with their applications
        counted: staff their issuer's (準備中 too), an administrator every issuer's.
        Refused to those who run none (applicants, reviewers): unlike `list_calls`,
        which gives applicants the published calls, this is the office's list."""
        with self.guard.unit(write=False) as conn:
            current = self.guard.require(conn, actor, "call.update", "call")
            query = select(call).order_by(call.c.id.desc())
            grant = grant_of(current, "call.update")
            if grant is not None and grant.scope == "issuer":
                query = query.where(call.c.issuer_id == current.issuer_id)
            calls = [call_of(row) for row in conn.execute(query)]
            counted = select(
                application.c.call_id,
                func.count().label("applications"),
                func.count(application.c.submitted_at).label("submitted"),
            ).group_by(application.c.call_id)
            counts = {r.call_id: (r.applications, r.submitted) for r in conn.execute(counted)}
        return [
            RunCall(c, *counts.get(c.id, (0, 0)))
            for c in calls
            if allowed(current, "call.update", c.target)
        ]

    def run(self, actor: Actor, call_id: int) -> Call:
        """One call for the office that runs it, in any status: refused to applicants
        and reviewers even when it is published (they read it with `get`), concealed
        from another issuer's staff."""
        with self.guard.unit(write=False) as conn:
            self._reach(conn, actor, "call.update", call_id)
            found = load_call(conn, call_id)
        assert found is not None
        return found

    def may_create(self, actor: Actor) -> None:
        """`Refused` unless the actor's role opens calls at all, so that a page (or the
        catalog's schedule) is not read for one who may not."""
        with self.guard.unit(write=False) as conn:
            self.guard.require(conn, actor, "call.create", "call")

    def slots(self, actor: Actor, call_id: int) -> list[Slot]:
        """The call's interview slots in time order, with the places left in each."""
        with self.guard.unit(write=False) as conn:
            self._reach(conn, actor, "call.read", call_id)
            query = select(call_slot).where(call_slot.c.call_id == call_id)
            return [slot_of(r) for r in conn.execute(query.order_by(call_slot.c.starts_at))]

    def close_slot(self, actor: Actor, slot_id: int) -> Slot:
        """Take no more bookings in a slot (those it holds stay)."""
        with self.guard.unit() as conn:

            def target() -> Target | None:
                found = load_slot(conn, slot_id)
                owner = None if found is None else load_call(conn, found.call_id)
                return None if owner is None else owner.target

            current = self.guard.reach(
                conn, actor, "slot.close", "call_slot", slot_id, target, NO_SLOT
            )
            before = load_slot(conn, slot_id)
            assert before is not None
            owner = load_call(conn, before.call_id)
            assert owner is not None
            step(CALL_MACHINE, "slot.close", owner.status, CALL_STATUS_LABELS)
            if before.closed_at is not None:
                return before
            mine = call_slot.c.id == slot_id
            conn.execute(update(call_slot).where(mine).values(closed_at=self.office.now()))
            after = load_slot(conn, slot_id)
            assert after is not None
            event = Event(current, "slot.close", "call_slot", slot_id, owner.target)
            self.guard.record(conn, event, before, after)
        return after

    def _unique_code(self, conn: Connection, code: str, call_id: int | None) -> None:
        found = conn.execute(select(call.c.id).where(call.c.code == code)).first()
        if found is not None and found.id != call_id:
            raise Duplicate(f"公募回コード {code} はすでに使われています", "code")

    def _make_slots(self, conn: Connection, call_id: int, plan: CallPlan) -> None:
        rows = [
            {
                "call_id": call_id,
                "starts_at": starts,
                "ends_at": ends,
                "capacity": plan.slot_capacity,
                "booked": 0,
            }
            for starts, ends in slot_times(plan.window_start, plan.window_end, plan.slot_minutes)
        ]
        conn.execute(insert(call_slot), rows)
