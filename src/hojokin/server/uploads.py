"""The routes that take a file — the API's upload, the application page's form and the
office's document to ingest —
and the one way they read it. Their bodies are not held by the body limit
(`api.limits.BodyLimit`): they stream to the route, counted as they arrive against the
upload limit, so that a file up to `HOJOKIN_UPLOAD_MAX_MB` gets through while every
other body keeps the small limit. A body or a file over the upload limit is refused
with `BodyRefused` and `hojokin.files`' message, wherever it is found to be too large:
its declared length, the count of what arrived, or the file once read."""

from __future__ import annotations

import re
from dataclasses import dataclass

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request

from hojokin.files import FileRejected, clean_name, too_large
from hojokin.server.refusals import HttpRefusal

# /api/v1/applications/{id}/documents, the page's /applications/{id}/documents, and
# the office's upload of a document to ingest (/office/sources).
UPLOAD_PATH = re.compile(r"(?:/api/v1)?/applications/[0-9]{1,10}/documents|/office/sources")
MALFORMED = "本文を multipart/form-data（item と file の 2 項目）として読めません"


class BodyRefused(HttpRefusal):
    """A request body refused while it is read (its headers say `Connection: close`
    when the rest of the body may still be on its way)."""


CLOSE = {"Connection": "close"}


def body_too_large(max_bytes: int) -> BodyRefused:
    """A body cut off as it arrives, over the upload limit of `max_bytes` for its file."""
    return BodyRefused(413, "too_large", too_large(None, max_bytes).message, "file", CLOSE)


@dataclass(frozen=True)
class Upload:
    fields: list[tuple[str, str]]  # the form's other fields, as sent
    name: str | None  # the file's name as sent; None when no file came
    data: bytes


async def read_upload(request: Request, max_bytes: int, max_fields: int) -> Upload:
    """The form of an upload route with its one file read whole, at most `max_bytes`;
    `BodyRefused` for a body that is not a form, or a file or body over the limit."""
    try:
        form = await request.form(max_files=1, max_fields=max_fields)
    except (MultiPartException, HTTPException) as exc:
        # Starlette words a malformed multipart body as a 400 with its English detail.
        raise BodyRefused(400, "invalid_multipart", MALFORMED) from exc
    try:
        fields = [(key, value) for key, value in form.multi_items() if isinstance(value, str)]
        sent = form.get("file")
        # A browser sends a file field without a name when none was chosen.
        if not isinstance(sent, UploadFile) or not sent.filename:
            return Upload(fields, None, b"")
        data = await sent.read(max_bytes + 1)
        if len(data) > max_bytes:
            refused = too_large(_shown(sent.filename), max_bytes)
            raise BodyRefused(413, "too_large", refused.message, "file")
        return Upload(fields, sent.filename, data)
    finally:
        await form.close()


def _shown(name: str) -> str | None:
    """The name as a refusal may quote it; None for one that would be refused itself."""
    try:
        return clean_name(name)
    except FileRejected:
        return None
