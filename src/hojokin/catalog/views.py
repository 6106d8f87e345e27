"""Amounts as people read them. The rules word their messages with it, so it sits
below them; every other label is the front ends' (`hojokin.views`)."""

from __future__ import annotations

from hojokin import ja


def yen_label(yen: int | None) -> str:
    """Amounts as people read them: 10億円, 1億5,000万円, 250万円, 4,465,977円."""
    if yen is None:
        return "—"
    return ja.format_amount(yen, "oku" if yen % 10_000 == 0 else "yen")
