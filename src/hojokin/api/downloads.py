"""Headers of a file the API hands out: always an attachment, never shown in the
browser (`nosniff`, no caching of what is private)."""

from __future__ import annotations

from urllib.parse import quote


def attachment_headers(fallback: str, name: str) -> dict[str, str]:
    """`name` as the file's name in any script (RFC 5987 `filename*`), `fallback` (ASCII)
    for clients that read only `filename`."""
    return {
        "Content-Disposition": f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
    }
