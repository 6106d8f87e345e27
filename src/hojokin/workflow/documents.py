"""Documents of an application: uploaded for an item of the checklist through
`hojokin.files` (typed by content, stored once by SHA-256), removed from a draft,
added to a submitted application only when the office asked (書類追加依頼中), and
downloaded by those allowed. Every upload, removal and download is audited in the
application's history."""

from __future__ import annotations

from dataclasses import asdict
from typing import BinaryIO

from sqlalchemy import Connection, delete, insert, select, update

from hojokin.accounts.audit import Event
from hojokin.accounts.errors import Invalid
from hojokin.accounts.permissions import Action, Actor, Target
from hojokin.files.errors import FileRejected
from hojokin.files.store import FileStore
from hojokin.store.columns import is_row_id
from hojokin.workflow.applications import call_of_application, move, reach_application
from hojokin.workflow.errors import Conflict
from hojokin.workflow.office import Office
from hojokin.workflow.records import Application, Document
from hojokin.workflow.rows import document_of, load_application, requests_of
from hojokin.workflow.states import APPLICATION_MACHINE, APPLICATION_STATUS_LABELS, step
from hojokin.workflow.tables import application_document, document_request

NO_DOCUMENT = "書類が見つかりません"


def _load(conn: Connection, document_id: int) -> Document | None:
    if not is_row_id(document_id):
        return None
    query = select(application_document).where(application_document.c.id == document_id)
    row = conn.execute(query).first()
    return None if row is None else document_of(row)


def _open_request(conn: Connection, application_id: int) -> int | None:
    """The office's request for documents the application waits on, if any."""
    pending = [r for r in requests_of(conn, application_id) if r.completed_at is None]
    return pending[-1].id if pending else None


class Documents:
    def __init__(self, office: Office, files: FileStore) -> None:
        self.office = office
        self.guard = office.guard
        self.files = files

    def upload(
        self, actor: Actor, application_id: int, item: int, name: str, data: bytes
    ) -> Document:
        """Add a file for checklist item `item` (its position, from 1) of a draft, or
        of an application the office asked for more documents; `Invalid` naming the
        problem for a refused file, and nothing stored."""
        with self.guard.unit() as conn:
            current, found = reach_application(
                self.office, conn, actor, "document.upload", application_id
            )
            step(APPLICATION_MACHINE, "document.upload", found.status, APPLICATION_STATUS_LABELS)
            of_call = call_of_application(conn, found)
            frame = self.office.frame(of_call.program_id, of_call.frame_id)[1]
            documents = frame.required_documents
            if not 1 <= item <= len(documents):
                raise Invalid(f"書類の番号は 1～{len(documents)} で指定してください", "item")
            try:
                stored = self.files.put(name, data)
            except FileRejected as exc:
                raise Invalid(exc.message, "file") from None
            values = {
                "application_id": application_id,
                "item": item,
                "title": documents[item - 1].title,
                "file_name": stored.name,
                "size": stored.size,
                "sha256": stored.sha256,
                "media_type": stored.media_type,
                "uploaded_by": current.name,
                "uploaded_at": self.office.now(),
                "request_id": _open_request(conn, application_id),
            }
            query = insert(application_document).values(values)
            made = _load(
                conn, conn.execute(query.returning(application_document.c.id)).scalar_one()
            )
            assert made is not None
            event = Event(current, "document.upload", "application", application_id, found.target)
            self.guard.record(conn, event, None, made)
        return made

    def remove(self, actor: Actor, document_id: int) -> Document:
        """Take a file off a draft (a submitted application keeps every file)."""
        with self.guard.unit() as conn:
            current, found, gone = self._reach(conn, actor, "document.remove", document_id)
            step(APPLICATION_MACHINE, "document.remove", found.status, APPLICATION_STATUS_LABELS)
            conn.execute(delete(application_document).where(application_document.c.id == gone.id))
            event = Event(current, "document.remove", "application", found.id, found.target)
            self.guard.record(conn, event, gone, None)
        return gone

    def download(self, actor: Actor, document_id: int) -> tuple[Document, BinaryIO]:
        """The file and its record, the download audited. The caller closes the file
        and serves it as the attachment it is (never inline as HTML)."""
        with self.guard.unit() as conn:
            current, found, document = self._reach(conn, actor, "document.download", document_id)
            event = Event(current, "document.download", "application", found.id, found.target)
            self.guard.record(conn, event, None, {"document": asdict(document)})
        return document, self.files.open(document.sha256)

    def complete(self, actor: Actor, application_id: int) -> Application:
        """追加書類の提出: the documents the office asked for are added; the application
        is 提出済 again."""
        with self.guard.unit() as conn:
            current, before = reach_application(
                self.office, conn, actor, "application.complete_documents", application_id
            )
            step(
                APPLICATION_MACHINE,
                "application.complete_documents",
                before.status,
                APPLICATION_STATUS_LABELS,
            )
            request_id = _open_request(conn, application_id)
            added = select(application_document.c.id).where(
                application_document.c.request_id == request_id
            )
            if request_id is None or conn.execute(added).first() is None:
                raise Conflict("依頼を受けた書類がまだ追加されていません")
            done = update(document_request).where(document_request.c.id == request_id)
            conn.execute(done.values(completed_at=self.office.now()))
            return move(self.office, conn, current, "application.complete_documents", before)

    def _reach(
        self, conn: Connection, actor: Actor, action: Action, document_id: int
    ) -> tuple[Actor, Application, Document]:
        def target() -> Target | None:
            document = _load(conn, document_id)
            found = None if document is None else load_application(conn, document.application_id)
            return None if found is None else found.target

        current = self.guard.reach(
            conn, actor, action, "application_document", document_id, target, NO_DOCUMENT
        )
        document = _load(conn, document_id)
        assert document is not None
        found = load_application(conn, document.application_id)
        assert found is not None
        return current, found, document
