"""A request refused, as the server words it: the HTTP status, a stable code, the
Japanese message and the field at fault, and the headers of the answer."""

from __future__ import annotations


class HttpRefusal(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field
        self.headers = headers or {}
