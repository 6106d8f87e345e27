"""The drafts' records as the service hands them out: plain values, times aware UTC."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

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

    @property
    def revision(self) -> str:
        """What the draft holds now, in short: a page that showed it sends it back, so
        that publishing refuses a draft changed since it was read."""
        return hashlib.sha256(self.program.model_dump_json().encode()).hexdigest()[:16]


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


VersionAction = Literal["publish", "unpublish"]
VERSION_ACTION_LABELS: dict[VersionAction, str] = {"publish": "公開", "unpublish": "公開停止"}


@dataclass(frozen=True)
class Version:
    """One publication or withdrawal of a program: its number, who did it and when,
    the draft and document it was published from, what changed from the version
    before (`drafts.changes`), and why it was withdrawn."""

    id: int
    program_id: str
    version: int
    issuer_id: int
    action: VersionAction
    draft_id: int | None
    source_id: int | None
    source_file: str | None
    source_title: str | None
    name: str | None  # the program's name as published
    changes: tuple[dict[str, Any], ...]
    reason: str | None
    actor: str
    at: datetime

    @property
    def target(self) -> Target:
        return Target(issuer_id=self.issuer_id)


@dataclass(frozen=True)
class DraftPublication:
    """Where a draft stands against the catalog: its program's latest version, whether
    that version was published from this draft, and whether the draft was edited since."""

    latest: Version
    from_this_draft: bool
    edited_since: bool

    @property
    def published(self) -> bool:
        return self.latest.action == "publish"
