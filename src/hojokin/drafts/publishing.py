"""Publishing reviewed drafts into the catalog (公開) and withdrawing them (公開停止).

A publication is a version of its program (`program_version`): the program as the
draft holds it, without its review block, checked as `hojokin catalog validate` checks
a file (every citation holds, every figure reads from its quote) except the values the
office typed, which say so in their note. Its version row, its audit record and the
catalog stored again with it (`store_catalog`, given by the app: `hojokin.load`) are one
transaction, so search finds it as soon as it is published and loses it as soon as it
is withdrawn. Staff of the draft's issuer and the administrator publish; a program
another issuer publishes, or the catalog folder holds, is not theirs to replace.
Writers of the stored catalog take turns (`store.state.lock_catalog`)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from hojokin.accounts.audit import Event
from hojokin.accounts.errors import Invalid
from hojokin.accounts.guard import Clock, Guard
from hojokin.accounts.permissions import Actor, Target, grant_of
from hojokin.accounts.service import utc_now
from hojokin.catalog.loader import Catalog
from hojokin.catalog.primitives import is_office_input
from hojokin.catalog.schema import Program
from hojokin.catalog.validate import check_program, walk
from hojokin.drafts.changes import changes, dumped
from hojokin.drafts.edit import name_is_reviewers
from hojokin.drafts.published import (
    PUBLISHED_PATH,
    document_of,
    is_published,
    publications,
    published_document_names,
    published_path,
)
from hojokin.drafts.records import Draft, DraftPublication, Version
from hojokin.drafts.service import drafts_of, reach_draft
from hojokin.drafts.tables import program_version, source_document
from hojokin.ja.text import TextRefused, single_line
from hojokin.store.columns import is_row_id
from hojokin.store.read import EmptyStoreError, read_catalog_in
from hojokin.store.state import lock_catalog, stored_state_in
from hojokin.workflow.errors import Conflict
from hojokin.workflow.tables import call

NO_PUBLISHED = "公開中の制度が見つかりません"
NO_SOURCE = "取り込んだ文書が見つかりません"
ALL_PUBLISHED = "この文書の下書きは、すべて今の内容で公開中です"
STALE = (
    "この下書きは、ページを表示した後に変更されています。"
    "ページを開き直し、今の内容を確認してから公開してください"
)
# A program id as the catalog writes them (`catalog.primitives.Slug`).
_PROGRAM_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
NOT_CHECKED = (
    "「確認してほしい点」（{count}件）をすべて確認したうえで、確認欄にチェックしてください"
)
UNCHANGED = "公開中の第{version}版と同じ内容です。値を編集してから公開してください"
NO_CATALOG = "掲載中のカタログがありません（`hojokin serve` で読み込んでください）"
REASON = "公開停止の理由"

StoreCatalog = Callable[[Connection], None]


def _version_of(row: Any, source: Any) -> Version:
    program = json.loads(row.program) if row.program else None
    return Version(
        id=row.id,
        program_id=row.program_id,
        version=row.version,
        issuer_id=row.issuer_id,
        action=row.action,
        draft_id=row.draft_id,
        source_id=row.source_id,
        source_file=None if source is None else source.file_name,
        source_title=None if source is None else source.title,
        name=None if program is None else program["name"],
        changes=tuple(json.loads(row.changes)),
        reason=row.reason,
        actor=row.actor,
        at=row.at,
    )


def _versions(conn: Connection, program_id: str | None) -> list[Version]:
    """Every version of the program (of every program when None), each program's first
    first; a withdrawal named as the version it withdrew. None for a text that is no
    program id (a NUL PostgreSQL refuses to read)."""
    query = (
        select(program_version, source_document.c.file_name, source_document.c.title)
        .outerjoin(source_document, source_document.c.id == program_version.c.source_id)
        .order_by(program_version.c.program_id, program_version.c.version)
    )
    if program_id is not None:
        if not _PROGRAM_ID.fullmatch(program_id):
            return []
        query = query.where(program_version.c.program_id == program_id)
    found: list[Version] = []
    for row in conn.execute(query):
        version = _version_of(row, row if row.file_name is not None else None)
        before = found[-1] if found else None
        if version.name is None and before is not None and before.program_id == version.program_id:
            version = replace(version, name=before.name)
        found.append(version)
    return found


def _latest(conn: Connection, program_id: str) -> Version | None:
    found = _versions(conn, program_id)
    return found[-1] if found else None


def _published_program(conn: Connection, program_id: str) -> Program | None:
    """The program as it was last published (withdrawn since or not)."""
    query = (
        select(program_version.c.program)
        .where(program_version.c.program_id == program_id, program_version.c.action == "publish")
        .order_by(program_version.c.version.desc())
    )
    found = conn.execute(query).scalar()
    return None if found is None else Program.model_validate(json.loads(found))


def _unchanged(conn: Connection, draft: Draft) -> Version | None:
    """The program's latest version when it is a publication of what the draft holds."""
    latest = _latest(conn, draft.program.id)
    if latest is None or latest.action != "publish":
        return None
    before = _published_program(conn, draft.program.id)
    same = before is not None and dumped(before) == dumped(reviewed(draft))
    return latest if same else None


def _stored(conn: Connection) -> Catalog:
    try:
        return read_catalog_in(conn, stored_state_in(conn))
    except EmptyStoreError:
        raise Conflict(NO_CATALOG) from None


def _umbrellas_first(drafts: list[Draft]) -> list[Draft]:
    """The drafts with each one whose parent is among them after that parent."""
    ids = {d.program.id for d in drafts}
    done: set[str] = set()
    ordered: list[Draft] = []
    waiting = list(drafts)
    while waiting:
        ready = [
            d for d in waiting if d.program.parent not in ids or d.program.parent in done
        ] or waiting[:1]  # a cycle cannot be drafted; taken in order all the same
        for draft in ready:
            ordered.append(draft)
            done.add(draft.program.id)
        waiting = [d for d in waiting if d not in ready]
    return ordered


def reviewed(draft: Draft) -> Program:
    """The draft as the catalog holds it: without the review block, which marks a draft."""
    return draft.program.model_copy(update={"review": None})


def problems(program: Program, draft: Draft, catalog: Catalog) -> list[str]:
    """What stops the program from being published, each in Japanese: a citation or a
    figure the document does not bear out (a reviewer's value is not checked: its note
    says the document does not state it), or a parent the catalog does not hold."""
    typed = {
        where for where, node in walk(program, "") if is_office_input(getattr(node, "note", None))
    }
    found = []
    for where, message in check_program(program, catalog):
        if where in typed or (where == "source.quote" and name_is_reviewers(draft.program)):
            continue
        if where == "parent":
            found.append(
                f"上位の事業（{program.parent}）が公開されていません。先に公開してください"
            )
        else:
            found.append(f"{where}: 原文の引用と合いません（{message}）")
    return found


class Publishing:
    def __init__(
        self, engine: Engine, store_catalog: StoreCatalog, *, clock: Clock = utc_now
    ) -> None:
        self.guard = Guard(engine, clock)
        self.store_catalog = store_catalog

    def of_draft(self, actor: Actor, draft: Draft) -> DraftPublication | None:
        """Where `draft` (one the actor has read) stands: None when its program was
        never published."""
        with self.guard.unit(write=False) as conn:
            self.guard.require(conn, actor, "draft.read", "program_draft", draft.id, draft.target)
            latest = _latest(conn, draft.program.id)
            if latest is None or latest.issuer_id != draft.issuer_id:
                return None
            published = _published_program(conn, draft.program.id)
            edited = published is not None and dumped(published) != dumped(reviewed(draft))
            return DraftPublication(latest, latest.draft_id == draft.id, edited)

    def publish(
        self, actor: Actor, draft_id: int, checked: bool, revision: str | None = None
    ) -> Version:
        """Publish the draft as its program's next version. `checked`: the reviewer has
        gone through the draft's review notes (required when it has any); `revision`:
        the draft's as the page that asks showed it (`Draft.revision`). `Invalid`
        (nothing published) for a program that does not hold up against its document,
        one unchanged since its last version; `Conflict` for a draft changed since it
        was shown, an id or a document name the catalog uses for another program."""
        with self.guard.unit() as conn:
            lock_catalog(conn)
            current, draft = reach_draft(self.guard, conn, actor, "draft.publish", draft_id)
            # Said first: a page showing the draft as published offers no 公開 to press.
            same = _unchanged(conn, draft)
            if same is not None:
                raise Invalid(UNCHANGED.format(version=same.version), "draft")
            if revision is not None and revision != draft.revision:
                raise Conflict(STALE)
            version = self._add_version(conn, current, draft, checked, _stored(conn))
            self.store_catalog(conn)
            return version

    def publish_document(self, actor: Actor, source_id: int, checked: bool) -> list[Version]:
        """Publish every draft of an uploaded document that is not published as it
        stands (a 事業計画's umbrellas before their parts), as one change: any draft
        that cannot be published refuses them all, naming it. `checked`: the reviewer
        has gone through the review notes of every draft published."""
        with self.guard.unit() as conn:
            lock_catalog(conn)

            def target() -> Target | None:
                query = select(source_document.c.issuer_id).where(source_document.c.id == source_id)
                found = conn.execute(query).scalar() if is_row_id(source_id) else None
                return None if found is None else Target(issuer_id=found)

            current = self.guard.reach(
                conn, actor, "draft.publish", "source_document", source_id, target, NO_SOURCE
            )
            stored = _stored(conn)
            waiting = [d for d in drafts_of(conn, source_id) if _unchanged(conn, d) is None]
            if not waiting:
                raise Invalid(ALL_PUBLISHED, "source")
            versions = []
            for draft in _umbrellas_first(waiting):
                try:
                    versions.append(self._add_version(conn, current, draft, checked, stored))
                except (Invalid, Conflict) as exc:
                    named = f"「{draft.program.name}」: {exc.message}"
                    raise type(exc)(named, exc.field) from None
            self.store_catalog(conn)
            return versions

    def _add_version(
        self, conn: Connection, current: Actor, draft: Draft, checked: bool, stored: Catalog
    ) -> Version:
        """The draft's program as its next version, checked and audited; `stored` (the
        catalog stored now) learns it, so that a part published after it finds it."""
        notes = draft.program.review.notes if draft.program.review else []
        if notes and not checked:
            raise Invalid(NOT_CHECKED.format(count=len(notes)), "checked")
        program = reviewed(draft)
        latest = _latest(conn, program.id)
        self._check_owner(conn, stored, program, draft, latest)
        document = document_of(conn, draft.source_id, program)
        catalog = Catalog(root=Path(PUBLISHED_PATH), programs=stored.programs)
        catalog.documents[document.name] = document
        found = problems(program, draft, catalog)
        if found:
            raise Invalid("公開できません。" + " ".join(found[:5]), "draft")
        before = _published_program(conn, program.id)
        row = {
            "program_id": program.id,
            "version": 1 if latest is None else latest.version + 1,
            "issuer_id": draft.issuer_id,
            "action": "publish",
            "draft_id": draft.id,
            "source_id": draft.source_id,
            "program": json.dumps(dumped(program), ensure_ascii=False),
            "changes": json.dumps(changes(before, program), ensure_ascii=False),
            "reason": None,
            "actor": current.name,
            "at": self.guard.clock(),
        }
        made = conn.execute(insert(program_version).values(row).returning(program_version.c.id))
        version = _latest(conn, program.id)
        assert version is not None and version.id == made.scalar_one()
        stored.programs[program.id] = program
        stored.paths[program.id] = published_path(stored.root, program.id)
        event = Event(current, "draft.publish", "program_version", version.id, version.target)
        self.guard.record(
            conn, event, None if latest is None else _summary(latest), _summary(version)
        )
        return version

    def _check_owner(
        self,
        conn: Connection,
        stored: Catalog,
        program: Program,
        draft: Draft,
        latest: Version | None,
    ) -> None:
        """The program id and the document name are the draft's issuer's to publish:
        neither the catalog folder's nor another issuer's."""
        if latest is not None and latest.issuer_id != draft.issuer_id:
            raise Conflict(f"制度 ID {program.id} は別の実施機関が公開しています")
        if program.id in stored.programs and not is_published(stored, program.id):
            raise Conflict(f"制度 ID {program.id} はカタログに掲載済みの別の制度が使っています")
        name = program.source.doc
        if name in stored.documents and name not in published_document_names(conn):
            raise Conflict(f"文書名 {name} はカタログに掲載済みの別の文書が使っています")

    def unpublish(self, actor: Actor, program_id: str, reason: str) -> Version:
        """Withdraw a published program from the catalog, with why (required). A call
        for it that applicants can still reach (公開) must be closed, and its published
        parts (下位の事業) withdrawn, first: `Conflict`."""
        with self.guard.unit() as conn:
            lock_catalog(conn)
            latest = _latest(conn, program_id)
            current = self.guard.reach(
                conn,
                actor,
                "draft.publish",
                "program_version",
                0 if latest is None else latest.id,
                lambda: None if latest is None or latest.action != "publish" else latest.target,
                NO_PUBLISHED,
            )
            assert latest is not None
            try:
                why = single_line(reason, REASON, 200)
            except TextRefused as exc:
                raise Invalid(str(exc), "reason") from None
            query = select(call.c.name).where(
                call.c.program_id == program_id, call.c.status == "published"
            )
            open_call = conn.execute(query.order_by(call.c.id)).scalar()
            if open_call is not None:
                raise Conflict(f"公募回「{open_call}」の受付を終了してから公開停止してください")
            parts = [p.program.name for p in publications(conn) if p.program.parent == program_id]
            if parts:
                raise Conflict(
                    f"この事業の下位の事業（{'、'.join(parts)}）が公開中です。"
                    "先にそれらの公開を停止してください"
                )
            row = {
                "program_id": program_id,
                "version": latest.version + 1,
                "issuer_id": latest.issuer_id,
                "action": "unpublish",
                "draft_id": None,
                "source_id": None,
                "program": None,
                "changes": "[]",
                "reason": why,
                "actor": current.name,
                "at": self.guard.clock(),
            }
            conn.execute(insert(program_version).values(row))
            version = _latest(conn, program_id)
            assert version is not None
            self.store_catalog(conn)
            event = Event(current, "draft.publish", "program_version", version.id, version.target)
            self.guard.record(conn, event, _summary(latest), _summary(version))
            return version

    def versions(self, actor: Actor, program_id: str) -> list[Version]:
        """Every version of a program the actor's issuer published, first first."""
        with self.guard.unit(write=False) as conn:
            found = _versions(conn, program_id)
            self.guard.reach(
                conn,
                actor,
                "draft.read",
                "program_version",
                found[-1].id if found else 0,
                lambda: found[-1].target if found else None,
                NO_PUBLISHED,
            )
            return found

    def listing(self, actor: Actor) -> list[Version]:
        """The latest version of each program the actor may read, newest first: staff
        their issuer's, the administrator every issuer's."""
        with self.guard.unit(write=False) as conn:
            current = self.guard.require(conn, actor, "draft.read", "program_version")
            grant = grant_of(current, "draft.read")
            every = grant is None or grant.scope != "issuer"
            latest = {v.program_id: v for v in _versions(conn, None)}  # the last of each
            found = [v for v in latest.values() if every or v.issuer_id == current.issuer_id]
            return sorted(found, key=lambda v: v.at, reverse=True)


def _summary(version: Version) -> dict[str, Any]:
    return {
        "program_id": version.program_id,
        "version": version.version,
        "action": version.action,
        "draft_id": version.draft_id,
        "source_id": version.source_id,
        "changes": len(version.changes),
        "reason": version.reason,
    }
