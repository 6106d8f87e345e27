"""Fetching jGrants records from the public API (`hojokin import jgrants --url`).

A list URL (…/subsidies?keyword=…) gives the subsidies' ids; each one's detail is then
fetched from …/subsidies/id/{id} beside it, since only the detail carries the 公募要領
and the text. A detail URL gives its one record. What is fetched is saved as one
response of detail records, so the import can be repeated from the file alone.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from hojokin.ingest.errors import IngestError
from hojokin.ingest.jgrants import MAX_JSON_BYTES, parse_records

API = "https://api.jgrants-portal.go.jp/exp/v1/public"
TIMEOUT_S = 60
_LIST = "/subsidies"
_DETAIL = "/subsidies/id/"

Progress = Callable[[int, int], None]


def _get(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            data: bytes = response.read(MAX_JSON_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise IngestError(f"{url}: jGrants API が HTTP {exc.code} を返しました") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise IngestError(f"{url}: jGrants API に接続できません（{reason}）") from exc
    if len(data) > MAX_JSON_BYTES:
        raise IngestError(f"{url}: 応答が大きすぎます（{MAX_JSON_BYTES // 1024 // 1024} MB まで）")
    return data


def fetch(url: str, progress: Progress | None = None) -> bytes:
    """The detail records a list or detail URL leads to, as one response's JSON."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise IngestError(f"--url: http または https の URL を指定してください（{url}）")
    # A keyword is typed in Japanese; the request line carries it percent-encoded.
    parts = parts._replace(
        path=urllib.parse.quote(parts.path, safe="/%"),
        query=urllib.parse.quote(parts.query, safe="=&%+"),
    )
    url = urllib.parse.urlunsplit(parts)
    path = parts.path.rstrip("/")
    if _DETAIL in path:
        details = parse_records(_get(url), url)
    elif path.endswith(_LIST):
        listed = parse_records(_get(url), url)
        base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))
        details = []
        for i, record in enumerate(listed, start=1):
            ident = record.get("id")
            if not isinstance(ident, str) or not ident:
                raise IngestError(f"{url}: {i} 件目の記録に id がありません")
            detail_url = f"{base}/id/{urllib.parse.quote(ident, safe='')}"
            details.extend(parse_records(_get(detail_url), detail_url))
            if progress is not None:
                progress(i, len(listed))
    else:
        raise IngestError(
            f"--url: jGrants API の一覧（{API}{_LIST}?keyword=…）"
            f"または詳細（{API}{_DETAIL}ID）の URL を指定してください"
        )
    response: dict[str, Any] = {
        "metadata": {"type": "application/json", "resultset": {"count": len(details)}},
        "result": details,
    }
    return json.dumps(response, ensure_ascii=False, indent=1).encode()
