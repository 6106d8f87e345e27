"""/api/v1 documents of an application: upload (multipart, streamed under the upload
limit and read as the application page reads it, `server.uploads`), download as an
attachment, removal from a draft, and handing in the documents the office asked for.
The file itself is judged by `hojokin.files` through the workflow service (its content,
never its name)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, BinaryIO

from fastapi import APIRouter, Path, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from hojokin.api.applications import ApplicationId, application_json
from hojokin.api.calls import ERRORS
from hojokin.api.downloads import attachment_headers
from hojokin.api.errors import ApiError
from hojokin.api.me import ActorDep
from hojokin.api.workflow_models import ApplicationJSON, DocumentJSON
from hojokin.files.kinds import KINDS
from hojokin.server.snapshot import WorkflowDep
from hojokin.server.uploads import read_upload

router = APIRouter(prefix="/api/v1", tags=["api v1"])
DocumentId = Annotated[int, Path(ge=1, le=2**31 - 1, description="書類の id")]
CHUNK = 64 * 1024
_ITEM_DIGITS = 3
_UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["item", "file"],
                    "properties": {
                        "item": {
                            "type": "integer",
                            "minimum": 1,
                            "description": "提出書類の番号（チェックリストの item）",
                        },
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "PDF・Excel（.xlsx）・Word（.docx）・PNG・JPEG",
                        },
                    },
                }
            }
        },
    }
}


def _invalid(message: str, field: str | None) -> ApiError:
    return ApiError(422, "invalid", message, field)


def _item(value: object) -> int:
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        raise _invalid("item: 提出書類の番号を整数で指定してください", "item")
    if len(value) > _ITEM_DIGITS:
        raise _invalid("item: 提出書類の番号が大きすぎます", "item")
    return int(value)


@router.post(
    "/applications/{application_id}/documents",
    summary="書類のアップロード",
    status_code=201,
    response_model=DocumentJSON,
    responses={**ERRORS, 408: ERRORS[400], 413: ERRORS[400]},
    openapi_extra=_UPLOAD_BODY,
)
async def upload_document(
    request: Request, actor: ActorDep, flow: WorkflowDep, application_id: ApplicationId
) -> DocumentJSON:
    """Add a file for checklist item `item` of a draft, or of an application the office
    asked for documents. A file is judged by its content (PDF, Excel, Word, PNG, JPEG,
    the extension matching), refused with the problem named and nothing stored; a body
    over the upload limit is refused (413) as it arrives."""
    upload = await read_upload(request, flow.documents.files.max_bytes, max_fields=1)
    if upload.name is None:
        raise _invalid("file: ファイルを付けてください", "file")
    item = _item(dict(upload.fields).get("item"))
    name, data = upload.name, upload.data
    made = await run_in_threadpool(flow.documents.upload, actor, application_id, item, name, data)
    return DocumentJSON.of(made)


def _chunks(opened: BinaryIO) -> Iterator[bytes]:
    with opened:
        while chunk := opened.read(CHUNK):
            yield chunk


@router.get(
    "/documents/{document_id}",
    summary="書類のダウンロード",
    response_class=StreamingResponse,
    responses={**ERRORS, 200: {"content": {"application/octet-stream": {}},
                               "description": "保存されたファイル（添付ファイルとして）"}},
)  # fmt: skip
def download_document(
    actor: ActorDep, flow: WorkflowDep, document_id: DocumentId
) -> StreamingResponse:
    """The file as it was uploaded, always as an attachment with its stored media type
    (PDF, Excel, Word, PNG or JPEG; never HTML) and its name (RFC 5987 `filename*`)."""
    document, opened = flow.documents.download(actor, document_id)
    suffix = next(i.extensions[0] for i in KINDS.values() if i.media_type == document.media_type)
    headers = attachment_headers(f"document-{document.id}.{suffix}", document.file_name)
    headers["Content-Length"] = str(document.size)
    return StreamingResponse(_chunks(opened), media_type=document.media_type, headers=headers)


@router.delete(
    "/documents/{document_id}",
    summary="書類の取り下げ",
    response_model=DocumentJSON,
    responses=ERRORS,
)
def remove_document(actor: ActorDep, flow: WorkflowDep, document_id: DocumentId) -> DocumentJSON:
    """Take a file off a draft (a submitted application keeps every file)."""
    return DocumentJSON.of(flow.documents.remove(actor, document_id))


@router.post(
    "/applications/{application_id}/documents/complete",
    summary="追加書類の提出",
    response_model=ApplicationJSON,
    responses=ERRORS,
)
def complete_documents(
    actor: ActorDep, flow: WorkflowDep, application_id: ApplicationId
) -> ApplicationJSON:
    """Hand in the documents the office asked for: the application is 提出済 again."""
    return application_json(flow, actor, flow.documents.complete(actor, application_id))
