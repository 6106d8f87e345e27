"""What the services (accounts, workflow) refuse, each with a Japanese message and a
stable code that the front ends turn into their own answer (an exit status, an HTTP
status)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hojokin.accounts.audit import Event


class ServiceError(Exception):
    code = "invalid"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message, self.field = message, field


class Invalid(ServiceError):
    """Input the service cannot take (a malformed email, a weak password …)."""


class Duplicate(ServiceError):
    code = "duplicate"


class NotFound(ServiceError):
    code = "not_found"


class Refused(ServiceError):
    """The actor may not do this; `event` is the refusal as the audit trail keeps it."""

    code = "forbidden"

    def __init__(self, message: str, event: Event, field: str | None = None) -> None:
        super().__init__(message, field)
        self.event = event


class Concealed(Refused):
    """Refused on another tenant's object: answered as not found, with the very message
    of a missing id, so that no one learns what another company or issuer has."""

    code = "not_found"


class SignInFailed(ServiceError):
    """Wrong credentials, or a disabled or locked account: one message for all, so that
    a stranger learns nothing of which accounts exist."""

    code = "unauthorized"
