"""What the account service refuses, each with a Japanese message and a stable code
that the front ends turn into their own answer (an exit status, an HTTP status)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hojokin.accounts.audit import Event


class AccountError(Exception):
    code = "invalid"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message, self.field = message, field


class Invalid(AccountError):
    """Input the service cannot take (a malformed email, a weak password …)."""


class Duplicate(AccountError):
    code = "duplicate"


class NotFound(AccountError):
    code = "not_found"


class Refused(AccountError):
    """The actor may not do this; `event` is the refusal as the audit trail keeps it."""

    code = "forbidden"

    def __init__(self, message: str, event: Event) -> None:
        super().__init__(message)
        self.event = event


class SignInFailed(AccountError):
    """Wrong credentials, or a disabled or locked account: one message for all, so that
    a stranger learns nothing of which accounts exist."""

    code = "unauthorized"
