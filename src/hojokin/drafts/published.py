"""The published programs: for each program, its latest version (`program_version`);
those whose latest version is a publication, each with the document it was read from
as a catalog document, are part of the stored catalog (`hojokin.load` composes them
with the folder's programs). What changed between two versions is said in the review
page's words (`views.drafts` labels), so the office reads it as it reads a draft."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from hojokin.accounts.tables import issuer
from hojokin.catalog.loader import Catalog, Document
from hojokin.catalog.schema import Program
from hojokin.drafts.tables import program_version, source_document

# Where a published program is said to be, relative to the catalog folder: nowhere in
# it. The stored catalog tells its own programs from published ones by this.
PUBLISHED_PATH = "published"
DEFAULT_SHAPE = "call"  # a document uploaded before its shape was kept


def published_path(root: Path, program_id: str) -> Path:
    """Where a published program is said to be in a catalog whose folder is `root`."""
    return root / PUBLISHED_PATH / program_id


def is_published(catalog: Catalog, program_id: str) -> bool:
    """Whether the catalog holds a program of this id, and a published one (not the
    folder's)."""
    path = catalog.paths.get(program_id)
    return path is not None and path.relative_to(catalog.root).parts[0] == PUBLISHED_PATH


@dataclass(frozen=True)
class Publication:
    program: Program
    document: Document
    version: int
    issuer_id: int


def latest_versions(conn: Connection) -> Iterator[Any]:
    """Each program's latest version row."""
    query = select(program_version).order_by(
        program_version.c.program_id, program_version.c.version
    )
    last: Any = None
    for row in conn.execute(query):
        if last is not None and row.program_id != last.program_id:
            yield last
        last = row
    if last is not None:
        yield last


def document_of(conn: Connection, source_id: int, program: Program) -> Document:
    """The uploaded document as a catalog document, named as its drafts cite it."""
    query = (
        select(source_document, issuer.c.name.label("issuer_name"))
        .join(issuer, issuer.c.id == source_document.c.issuer_id)
        .where(source_document.c.id == source_id)
    )
    row = conn.execute(query).one()
    return Document(
        name=row.doc_name,
        title=row.title,
        issuer=row.issuer_name,
        prefecture=row.prefecture or program.prefecture,
        fiscal_year=row.fiscal_year or program.fiscal_year,
        kind=row.shape or DEFAULT_SHAPE,
        lines=tuple(json.loads(row.lines)),
    )


def publications(conn: Connection) -> list[Publication]:
    """The programs published now, in the order of their ids."""
    found = []
    for row in latest_versions(conn):
        if row.action != "publish":
            continue
        program = Program.model_validate(json.loads(row.program))
        found.append(
            Publication(
                program, document_of(conn, row.source_id, program), row.version, row.issuer_id
            )
        )
    return found


def published_document_names(conn: Connection) -> set[str]:
    """Every document a version was ever published from: in the stored catalog, these
    are the published programs' documents, not the folder's."""
    query = (
        select(source_document.c.doc_name)
        .join(program_version, program_version.c.source_id == source_document.c.id)
        .distinct()
    )
    return set(conn.execute(query).scalars())
