"""Headers of a file the API hands out: always an attachment, not kept in any cache
(every answer also carries `X-Content-Type-Options: nosniff`, `server.guards`)."""

from __future__ import annotations

from urllib.parse import quote


def attachment_headers(fallback: str, name: str) -> dict[str, str]:
    """`name` as the file's name in any script (RFC 5987 `filename*`), `fallback` (ASCII)
    for clients that read only `filename`."""
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return {
        "Content-Disposition": disposition,
        "Cache-Control": "private, no-store",
    }
