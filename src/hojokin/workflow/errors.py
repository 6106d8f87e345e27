"""What the workflow refuses beyond the account service's refusals
(`accounts.errors`: `Invalid`, `NotFound`, `Refused`, `Concealed` …), each in Japanese
with a stable code for the front ends."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic_core import ErrorDetails

from hojokin.accounts.errors import Invalid, ServiceError
from hojokin.rules.service import Finding


class Conflict(ServiceError):
    """The object's status or the time does not allow it now (a full slot, a frozen
    application, a cancel after the cut-off)."""

    code = "conflict"


class InvalidProfile(Invalid):
    """A company profile or plan that the rules' models refuse; `errors` are pydantic's
    details, so that a front end can word each field its own way."""

    def __init__(self, message: str, field: str, errors: list[ErrorDetails]) -> None:
        super().__init__(message, field)
        self.errors = errors


@dataclass(frozen=True)
class Problem:
    """One reason a submission cannot go: its code, a Japanese sentence, and the
    checklist item, the inputs (as company and plan files name them) or the rules'
    finding (which the front ends may word in full) it is about."""

    code: str
    message: str
    item: int | None = None
    inputs: tuple[str, ...] = ()
    finding: Finding | None = None


class NotReady(ServiceError):
    """The submission's checks failed; every problem is listed, not only the first."""

    code = "not_ready"

    def __init__(self, problems: list[Problem]) -> None:
        lines = "\n".join(f"・{p.message}" for p in problems)
        super().__init__(f"申請を提出できません。次の点をご確認ください。\n{lines}")
        self.problems = problems
