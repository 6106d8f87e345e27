"""What every request passes through first, as one plain ASGI layer (a middleware per
concern, or Starlette's BaseHTTPMiddleware, costs each request more): a request id, the
Host check, the concurrency limit, JSON-only API posts, security headers on every
answer, root-relative redirects, one log line per request and per error, and a closed
connection after an unhandled error."""

from __future__ import annotations

import html
import json
import os
import re
import time
from urllib.parse import urlsplit

from fastapi import FastAPI
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hojokin.server import logs
from hojokin.server.settings import Settings
from hojokin.server.uploads import UPLOAD_PATH

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        b"frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_REQUEST_ID = re.compile(rb"[A-Za-z0-9._-]{1,64}")
_JSON_TYPE = re.compile(rb"application/json\s*(;\s*charset=\"?utf-8\"?\s*)?", re.IGNORECASE)
_MULTIPART_TYPE = re.compile(rb"multipart/form-data\s*;\s*boundary=.+", re.IGNORECASE)
RETRY_AFTER_S = 1
# Health checks come from load balancers and orchestrators by IP address; they show
# nothing built from the Host header.
PROBES = frozenset({"/healthz", "/readyz"})
Headers = tuple[tuple[bytes, bytes], ...]


def _host_name(host: bytes) -> str:
    """The name of a Host header without its port ("[::1]:8000" → "::1")."""
    text = host.decode("latin-1").strip().lower()
    if text.startswith("["):
        return text[1 : text.find("]")] if "]" in text else text
    return text.rsplit(":", 1)[0] if text.count(":") == 1 else text


def refusal(
    path: str, status: int, code: str, message: str, headers: Headers = ()
) -> tuple[list[tuple[bytes, bytes]], bytes]:
    """Headers and body of a refusal: the API's JSON error under /api/, a plain Japanese
    page elsewhere (the pages' templates need the app, which a refusal may not reach)."""
    if path.startswith("/api/"):
        error = {"error": {"code": code, "message": message, "field": None}}
        body = json.dumps(error, ensure_ascii=False).encode()
        kind = b"application/json"
    else:
        text = html.escape(message)
        body = (
            '<!doctype html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{text} | hojokin 支援制度ナビ</title>\n"
            '<link rel="stylesheet" href="/static/style.css">\n</head>\n<body>\n'
            f'<main id="main">\n<h1>{text}</h1>\n'
            '<p><a href="/">支援制度を探す</a>に戻る</p>\n</main>\n</body>\n</html>\n'
        ).encode()
        kind = b"text/html; charset=utf-8"
    length = str(len(body)).encode()
    return [(b"content-type", kind), (b"content-length", length), *headers], body


async def _answer(
    send: Send, path: str, status: int, code: str, message: str, headers: Headers = ()
) -> None:
    head, body = refusal(path, status, code, message, headers)
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": body})


REQUEST_ID_KEY = "hojokin.request_id"


def request_id_of(conn: HTTPConnection) -> str | None:
    """The request's id, as logged and echoed in X-Request-ID."""
    found: str | None = conn.scope.get(REQUEST_ID_KEY)
    return found


class Guard:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.hosts = frozenset(h.lower() for h in settings.allowed_hosts)
        self.max_concurrency = settings.max_concurrency
        self.active = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        headers = dict(scope["headers"])
        given = headers.get(b"x-request-id", b"")
        request_id = given.decode() if _REQUEST_ID.fullmatch(given) else os.urandom(16).hex()
        # What the audit trail records of the request (`request_id_of`).
        scope = {**scope, REQUEST_ID_KEY: request_id}
        method, path = scope["method"], scope["path"]
        head = method == "HEAD"
        if head:  # answered as GET without the body (FastAPI's GET routes refuse HEAD)
            scope = {**scope, "method": "GET"}
        status = 0

        async def guarded_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                extra = [*SECURITY_HEADERS, (b"x-request-id", request_id.encode())]
                if status >= 500 and status != 503:
                    # The server closes the connection after an unhandled error; saying so
                    # keeps a client from sending its next request on it.
                    extra.append((b"connection", b"close"))
                own = message["headers"]
                if 300 <= status < 400:
                    own = [relative_location(name, value) for name, value in own]
                message = {**message, "headers": [*own, *extra]}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        try:
            if path not in PROBES and _host_name(headers.get(b"host", b"")) not in self.hosts:
                await _answer(
                    guarded_send, path, 400, "bad_host", "この Host 名では受け付けていません"
                )
            elif self.active >= self.max_concurrency:
                retry = ((b"retry-after", str(RETRY_AFTER_S).encode()),)
                message = "混み合っています。しばらくしてからもう一度お試しください"
                await _answer(guarded_send, path, 503, "busy", message, retry)
            elif (
                method == "POST"
                and path.startswith("/api/")
                and not _JSON_TYPE.fullmatch(headers.get(b"content-type", b""))
                and not (
                    UPLOAD_PATH.fullmatch(path)
                    and _MULTIPART_TYPE.fullmatch(headers.get(b"content-type", b""))
                )
            ):
                message = "本文は application/json（UTF-8）で送ってください（Content-Type）"
                await _answer(guarded_send, path, 415, "unsupported_media_type", message)
            else:
                self.active += 1
                try:
                    await self.app(scope, receive, guarded_send)
                finally:
                    self.active -= 1
        except Exception as exc:
            logs.request_failed(request_id, method, path, exc)
            if status == 0:
                await _answer(guarded_send, path, 500, "internal", "サーバー内部のエラーです")
            else:
                raise  # the answer is already on its way: the server cuts it off
        logs.request_done(request_id, method, path, status, time.perf_counter() - started)


def relative_location(name: bytes, value: bytes) -> tuple[bytes, bytes]:
    """A redirect's Location without the scheme and host (Starlette builds them from the
    request's Host header): this server only ever redirects to itself."""
    if name != b"location":
        return name, value
    return name, local_target(value.decode("latin-1")).encode("latin-1")


def local_target(url: str) -> str:
    """The path and query of `url`, as a path of this site."""
    parts = urlsplit(url)
    # One leading slash: "//host" or "/\\host" would send a browser to another site.
    return "/" + parts.path.lstrip("/\\") + (f"?{parts.query}" if parts.query else "")


def local_path(text: str) -> str | None:
    """`text` when it is a path of this site that a redirect may go to (a sign-in's
    `next`); None for anything that names another site, a scheme or a fragment, or
    holds control characters."""
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in text):
        return None
    return text if text.startswith("/") and local_target(text) == text else None


def install(app: FastAPI, settings: Settings) -> None:
    """Add the guard; called after every other middleware, so that it is the outermost
    and sees every answer (a 413, a 500)."""
    app.add_middleware(Guard, settings=settings)
