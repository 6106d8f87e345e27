"""Column types the workflow's tables share on both databases, and the range of their
integer keys."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect
from sqlalchemy.types import TypeDecorator


class UtcTime(TypeDecorator[datetime]):
    """An aware UTC instant on both databases: SQLite keeps no zone, so what it gives
    back is read as the UTC that was written."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a stored time must carry its zone")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# The ids are 32-bit integer columns: a larger id (typed into an address) is no row,
# not a query PostgreSQL refuses.
MAX_ID = 2**31 - 1


def is_row_id(number: int) -> bool:
    return 1 <= number <= MAX_ID
