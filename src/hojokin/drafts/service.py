"""The drafts service: staff of an issuer upload a document (公募要領, 事業計画 …),
`hojokin.ingest` reads it into program drafts, and the document (its file kept in the
file store by SHA-256, its text by line) and its drafts (下書き) are stored as one
change with its audit record; the issuer's staff and the administrator list and read
them. Applicants and reviewers are refused; another issuer's draft is not found
(`Concealed`).

The document is read before the write transaction begins: a large PDF takes seconds,
which on SQLite would hold every other writer back. Its permission is asked first (a
refusal audited as every other) and again when the drafts are written."""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from hojokin.accounts.audit import Event
from hojokin.accounts.errors import Invalid, NotFound
from hojokin.accounts.guard import Clock, Guard
from hojokin.accounts.permissions import Action, Actor, Target, grant_of
from hojokin.accounts.service import utc_now
from hojokin.accounts.tables import issuer
from hojokin.catalog.schema import Program
from hojokin.catalog.status import JST
from hojokin.drafts.edit import EditOp, add, edit, remove
from hojokin.drafts.records import (
    Draft,
    DraftSummary,
    IssuerChoice,
    Listed,
    SourceDocument,
)
from hojokin.drafts.tables import program_draft, source_document
from hojokin.files.errors import FileRejected
from hojokin.files.names import clean_name
from hojokin.files.store import FileStore
from hojokin.ingest.errors import IngestError
from hojokin.ingest.service import Ingested, ingest
from hojokin.store.columns import is_row_id

NO_DRAFT = "制度データの下書きが見つかりません"
NO_ISSUER = "取り込んだ制度データを持つ実施機関を指定してください"
# The reader's messages name the command line's options; the page has fields instead.
_FIELDS = (("--fiscal-year で指定してください", "「年度」の欄で指定してください"),
           ("--fiscal-year:", "年度:"))  # fmt: skip


def _source_of(row: Any) -> SourceDocument:
    return SourceDocument(
        id=row.id,
        issuer_id=row.issuer_id,
        file_name=row.file_name,
        sha256=row.sha256,
        size=row.size,
        format=row.format,
        doc_name=row.doc_name,
        title=row.title,
        lines=tuple(json.loads(row.lines)),
        skipped=tuple(json.loads(row.skipped)),
        uploaded_by=row.uploaded_by,
        uploaded_at=row.uploaded_at,
    )


def _draft_of(row: Any) -> Draft:
    return Draft(
        id=row.id,
        source_id=row.source_id,
        issuer_id=row.issuer_id,
        position=row.position,
        program=Program.model_validate(json.loads(row.program)),
        status=row.status,
        created_at=row.created_at,
    )


def _program_json(program: Program) -> str:
    data = program.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, ensure_ascii=False, sort_keys=False)


def load_draft(conn: Connection, draft_id: int) -> Draft | None:
    if not is_row_id(draft_id):
        return None
    row = conn.execute(select(program_draft).where(program_draft.c.id == draft_id)).first()
    return None if row is None else _draft_of(row)


def drafts_of(conn: Connection, source_id: int) -> list[Draft]:
    """The drafts ingested from a document, in its order."""
    query = select(program_draft).where(program_draft.c.source_id == source_id)
    return [_draft_of(row) for row in conn.execute(query.order_by(program_draft.c.position))]


def _load_source(conn: Connection, source_id: int) -> SourceDocument | None:
    query = select(source_document).where(source_document.c.id == source_id)
    row = conn.execute(query).first()
    return None if row is None else _source_of(row)


def reach_draft(
    guard: Guard, conn: Connection, actor: Actor, action: Action, draft_id: int
) -> tuple[Actor, Draft]:
    """The current actor and the draft, when they may do `action` to it (`Guard.reach`:
    another issuer's draft is not found)."""

    def target() -> Target | None:
        found = load_draft(conn, draft_id)
        return None if found is None else found.target

    current = guard.reach(conn, actor, action, "program_draft", draft_id, target, NO_DRAFT)
    draft = load_draft(conn, draft_id)
    assert draft is not None
    return current, draft


def read_upload(
    name: str, data: bytes, issuer: IssuerChoice, fiscal_year: int | None = None
) -> Ingested:
    """The upload read as `hojokin ingest` reads a file (the name tells HTML from text),
    for the issuer (and the fiscal year, where the text does not say it);
    `IngestError` in Japanese for a file that gives no draft."""
    try:
        cleaned = clean_name(name)
    except FileRejected as exc:
        raise IngestError(exc.message) from None
    if not data:
        raise IngestError(f"「{cleaned}」は空のファイルです（0 バイト）")
    with tempfile.TemporaryDirectory(prefix="hojokin-draft-") as folder:
        # The document's catalog name (and its programs' ids) come from the file's
        # name: a digest of the issuer and the content in it keeps two offices'
        # "koubo.pdf" apart once published (and each office's issuer on its document,
        # even for the same file), and the same file uploaded again by the same office
        # the same document.
        stem, suffix = Path(cleaned).stem, Path(cleaned).suffix
        digest = hashlib.sha256(f"{issuer.id}\0".encode() + data).hexdigest()[:8]
        path = Path(folder) / f"{stem}-{digest}{suffix}"
        path.write_bytes(data)
        try:
            return ingest(
                path, issuer=issuer.name, prefecture=issuer.prefecture, fiscal_year=fiscal_year
            )
        except IngestError as exc:
            # The reader names the temporary path; people know the file by its name.
            message = exc.message.replace(str(path), f"「{cleaned}」")
            for option, field in _FIELDS:
                message = message.replace(option, field)
            raise IngestError(message) from None


class Drafts:
    def __init__(self, engine: Engine, files: FileStore, *, clock: Clock = utc_now) -> None:
        self.guard = Guard(engine, clock)
        self.files = files

    def issuers(self, actor: Actor) -> list[IssuerChoice]:
        """The issuers `actor` may upload for: staff their own, the administrator all."""
        with self.guard.unit(write=False) as conn:
            current = self.guard.require(conn, actor, "draft.create", "issuer")
            query = select(issuer).order_by(issuer.c.id)
            grant = grant_of(current, "draft.create")
            if grant is not None and grant.scope == "issuer":
                query = query.where(issuer.c.id == current.issuer_id)
            return [IssuerChoice(r.id, r.name, r.prefecture) for r in conn.execute(query)]

    def _issuer(self, conn: Connection, actor: Actor, issuer_id: int | None) -> IssuerChoice:
        current = self.guard.acting(conn, actor)
        chosen = issuer_id
        if chosen is None and current is not None:
            chosen = current.issuer_id
        if chosen is None:
            # Nothing to reach yet: the grant alone decides (a refusal is audited).
            self.guard.require(conn, actor, "draft.create", "source_document")
            raise Invalid(NO_ISSUER, "issuer_id")
        self.guard.require(
            conn, actor, "draft.create", "source_document", None, Target(issuer_id=chosen)
        )
        row = conn.execute(select(issuer).where(issuer.c.id == chosen)).first()
        if row is None:
            raise NotFound(f"実施機関 {chosen} は登録されていません", "issuer_id")
        return IssuerChoice(row.id, row.name, row.prefecture)

    def upload(
        self,
        actor: Actor,
        name: str,
        data: bytes,
        issuer_id: int | None = None,
        fiscal_year: int | None = None,
    ) -> tuple[SourceDocument, list[Draft]]:
        """Ingest the file uploaded as `name` for the actor's issuer (the administrator
        names one; `fiscal_year` where the text does not say it) and store it with its
        drafts (下書き). `Invalid` with the reader's Japanese message for a file that
        gives no draft; then nothing is stored."""
        with self.guard.unit(write=False) as conn:
            chosen = self._issuer(conn, actor, issuer_id)
        try:
            read = read_upload(name, data, chosen, fiscal_year)
        except IngestError as exc:
            raise Invalid(exc.message, "file") from None
        with self.guard.unit() as conn:
            chosen = self._issuer(conn, actor, chosen.id)
            current = self.guard.acting(conn, actor)
            assert current is not None
            try:
                sha256 = self.files.keep(data)
            except FileRejected as exc:
                raise Invalid(exc.message, "file") from None
            now = self.guard.clock()
            values = {
                "issuer_id": chosen.id,
                "file_name": clean_name(name),
                "sha256": sha256,
                "size": len(data),
                "format": read.source.format,
                "doc_name": read.document.name,
                "title": read.document.title,
                "lines": json.dumps(list(read.document.lines), ensure_ascii=False),
                "skipped": json.dumps(read.skipped, ensure_ascii=False),
                "uploaded_by": current.name,
                "uploaded_at": now,
                "prefecture": read.document.prefecture,
                "fiscal_year": read.document.fiscal_year,
                "shape": read.document.kind,
            }
            query = insert(source_document).values(values).returning(source_document.c.id)
            source_id = conn.execute(query).scalar_one()
            drafts = []
            for position, program in enumerate(read.programs, start=1):
                row = {
                    "source_id": source_id,
                    "issuer_id": chosen.id,
                    "position": position,
                    "program_id": program.id,
                    "name": program.name,
                    "program": _program_json(program),
                    "status": "draft",
                    "created_at": now,
                }
                made = conn.execute(insert(program_draft).values(row).returning(program_draft.c.id))
                found = load_draft(conn, made.scalar_one())
                assert found is not None
                drafts.append(found)
            source = _load_source(conn, source_id)
            assert source is not None
            event = Event(current, "draft.create", "source_document", source_id, source.target)
            self.guard.record(conn, event, None, _summary(source, drafts))
        return source, drafts

    def listing(self, actor: Actor) -> list[Listed]:
        """The documents `actor` may read with their drafts, newest first: staff their
        issuer's, the administrator every issuer's."""
        with self.guard.unit(write=False) as conn:
            current = self.guard.require(conn, actor, "draft.read", "source_document")
            query = select(source_document).order_by(source_document.c.id.desc())
            drafts = select(program_draft).order_by(program_draft.c.position)
            grant = grant_of(current, "draft.read")
            if grant is not None and grant.scope == "issuer":
                query = query.where(source_document.c.issuer_id == current.issuer_id)
                drafts = drafts.where(program_draft.c.issuer_id == current.issuer_id)
            of_source: dict[int, list[DraftSummary]] = {}
            for row in conn.execute(drafts):
                summary = DraftSummary(row.id, row.source_id, row.program_id, row.name, row.status)
                of_source.setdefault(row.source_id, []).append(summary)
            return [
                Listed(source, tuple(of_source.get(source.id, ())))
                for source in (_source_of(row) for row in conn.execute(query))
            ]

    def get(self, actor: Actor, draft_id: int) -> tuple[Draft, SourceDocument]:
        """One draft with the document it was read from."""
        with self.guard.unit(write=False) as conn:
            _, draft = reach_draft(self.guard, conn, actor, "draft.read", draft_id)
            source = _load_source(conn, draft.source_id)
            assert source is not None
            return draft, source

    def update(
        self, actor: Actor, draft_id: int, path: str, text: str, op: EditOp = "set"
    ) -> tuple[Draft, bool]:
        """The draft with the value at `path` set from `text` (`op` "set"), a value
        typed as `text` added to the list at `path` ("add"), or the value or list item
        at `path` removed ("remove"; see `drafts.edit`), and whether its citation
        followed (else it is kept as the reviewer's input); the edit audited with the
        value before and after. `Invalid` with the field's Japanese message for a
        value that cannot be read; then nothing is saved."""
        with self.guard.unit() as conn:
            current, draft = reach_draft(self.guard, conn, actor, "draft.update", draft_id)
            source = _load_source(conn, draft.source_id)
            assert source is not None
            today = self.guard.clock().astimezone(JST).date()
            if op == "remove":
                edited = remove(draft.program, path)
            else:
                change = edit if op == "set" else add
                edited = change(draft.program, source.lines, path, text, today)
            values = {"program": _program_json(edited.program), "name": edited.program.name}
            conn.execute(update(program_draft).where(program_draft.c.id == draft_id).values(values))
            event = Event(current, "draft.update", "program_draft", draft_id, draft.target)
            after = {**edited.after, "op": op}
            if op != "remove":
                after["citation"] = "followed" if edited.followed else "reviewer"
            self.guard.record(conn, event, edited.before, after)
            found = load_draft(conn, draft_id)
            assert found is not None
            return found, edited.followed


def _summary(source: SourceDocument, drafts: Sequence[Draft]) -> dict[str, Any]:
    """The upload as the audit trail keeps it: the file and its drafts, not the text."""
    return {
        "source_id": source.id,
        "issuer_id": source.issuer_id,
        "file_name": source.file_name,
        "sha256": source.sha256,
        "size": source.size,
        "format": source.format,
        "title": source.title,
        "lines": len(source.lines),
        "drafts": [
            {"id": d.id, "program_id": d.program.id, "name": d.program.name} for d in drafts
        ],
    }
