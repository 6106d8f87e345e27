"""The one error of ingestion: input that cannot become a draft, said in Japanese."""

from __future__ import annotations


class IngestError(Exception):
    """A document that cannot be ingested; `message` is shown to people as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
