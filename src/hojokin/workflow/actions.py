"""What an actor may do to an object now, read from the state machines (`states`) and
the permission table: the transitions out of its status that the actor's role and
tenant allow, whose timed checks pass (a cancel after the cut-off is not offered).
Pages and the API show these and no others; the service still checks each action."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from hojokin.accounts.permissions import Action, Actor, Target, allowed
from hojokin.workflow.office import Policy
from hojokin.workflow.records import Application, Booking, Call
from hojokin.workflow.states import (
    APPLICATION_MACHINE,
    BOOKING_MACHINE,
    CALL_MACHINE,
    TIMED_CHECKS,
    Check,
    Transition,
)
from hojokin.workflow.times import booking_problem, window_problem

S = TypeVar("S", bound=str)


def _open(
    current: Actor,
    machine: tuple[Transition[S], ...],
    status: S,
    target: Target,
    fails: dict[Check, bool],
) -> tuple[Action, ...]:
    return tuple(
        t.action
        for t in machine
        if status in t.sources
        and not t.consequence
        and allowed(current, t.action, target)
        and not any(fails.get(c, False) for c in t.checks if c in TIMED_CHECKS)
    )


def call_actions(current: Actor, of_call: Call) -> tuple[Action, ...]:
    return _open(current, CALL_MACHINE, of_call.status, of_call.target, {})


def booking_actions(
    current: Actor, held: Booking, now: datetime, policy: Policy
) -> tuple[Action, ...]:
    fails: dict[Check, bool] = {
        c: booking_problem(c, held, now, policy) is not None for c in TIMED_CHECKS
    }
    return _open(current, BOOKING_MACHINE, held.status, held.target, fails)


def application_actions(
    current: Actor, found: Application, of_call: Call, now: datetime
) -> tuple[Action, ...]:
    fails: dict[Check, bool] = {"window_open": window_problem(of_call, now) is not None}
    return _open(current, APPLICATION_MACHINE, found.status, found.target, fails)
