"""What every part of the workflow service shares: the guard (transaction, actor,
permissions, audit), the catalog the calls refer to, the clock and the policy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from hojokin.accounts.guard import Guard
from hojokin.catalog.loader import Catalog
from hojokin.catalog.schema import Frame, Program
from hojokin.rules import service as rules


@dataclass(frozen=True)
class Policy:
    """`cancel_before`: an applicant may cancel (辞退) a booking until this long before
    the interview starts. A day, by default: the Tokyo call asks for every form the
    day before an online interview (②), so a later cancel leaves a slot no one else
    can prepare for."""

    cancel_before: timedelta = timedelta(hours=24)


@dataclass(frozen=True)
class Office:
    guard: Guard
    catalog: Callable[[], Catalog]  # the catalog served now
    policy: Policy

    def now(self) -> datetime:
        return self.guard.clock()

    def frame(self, program_id: str, frame_id: str) -> tuple[Program, Frame]:
        """The program and frame of a call; `rules.service.UnknownProgramError` when the
        catalog has neither (the front ends word it)."""
        program = rules.find_program(self.catalog(), program_id)
        return program, rules.select_frames(program, frame_id)[0]
