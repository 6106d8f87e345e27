"""The one exception raised for Japanese text that cannot be read."""

from __future__ import annotations

_QUOTE_LIMIT = 80


class JaParseError(ValueError):
    """Input text that does not say what the parser was asked to read.

    Subclasses ValueError so callers that already guard conversions with
    ``except ValueError`` keep working. The message leads with Japanese because
    the people fixing the source documents read Japanese first.
    """

    reason: str
    text: str
    detail: str

    def __init__(self, reason: str, text: str, detail: str = "") -> None:
        self.reason = reason
        self.text = text
        self.detail = detail
        # Long inputs (whole paragraphs) would drown the message; the full text
        # stays available on the attribute.
        shown = text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1] + "…"
        message = f"{reason}: 「{shown}」"
        if detail:
            message += f" ({detail})"
        super().__init__(message)

    def __reduce__(self) -> tuple[type[JaParseError], tuple[str, str, str]]:
        # The default reduce would call __init__ with the formatted message only.
        return (type(self), (self.reason, self.text, self.detail))
