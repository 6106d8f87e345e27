"""The drafts' records as the service hands them out: plain values, times aware UTC."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from hojokin.accounts.permissions import Target
from hojokin.catalog.schema import Program

DraftStatus = Literal["draft"]
DRAFT_STATUS_LABELS: dict[DraftStatus, str] = {"draft": "下書き"}


@dataclass(frozen=True)
class SourceDocument:
    """A document uploaded by an issuer's staff, as ingest read it: its text by line
    (line 1 first) and the headings that made no draft, each with why."""

    id: int
    issuer_id: int
    file_name: str
    sha256: str
    size: int
    format: str
    doc_name: str  # the document the drafts' citations name
    title: str
    lines: tuple[str, ...]
    skipped: tuple[str, ...]
    uploaded_by: str
    uploaded_at: datetime

    @property
    def target(self) -> Target:
        return Target(issuer_id=self.issuer_id)


@dataclass(frozen=True)
class DraftSummary:
    id: int
    source_id: int
    program_id: str
    name: str
    status: DraftStatus


@dataclass(frozen=True)
class Draft:
    id: int
    source_id: int
    issuer_id: int
    position: int
    program: Program
    status: DraftStatus
    created_at: datetime

    @property
    def target(self) -> Target:
        return Target(issuer_id=self.issuer_id)


@dataclass(frozen=True)
class Listed:
    """A source document with its drafts, for the issuer's list."""

    source: SourceDocument
    drafts: tuple[DraftSummary, ...]


@dataclass(frozen=True)
class IssuerChoice:
    id: int
    name: str
    prefecture: str
