"""A document read into lines: what every reader gives and every extractor reads."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """A document as numbered lines (line 1 is `lines[0]`), what it was read from, and
    the title its format declares (an HTML <title>, a DOCX's core title), if any."""

    origin: str
    format: str
    lines: tuple[str, ...]
    declared_title: str | None = None

    def line(self, number: int) -> str:
        return self.lines[number - 1]
