"""Request size and time limits: a body over the size limit is refused with 413 before
any parsing, one that does not arrive in time with 408. An upload (`UPLOAD_PATH`, the
API's and the application page's) has a limit of its own and is not held here: it
streams to its route, counted as it arrives, and the read that passes the limit — or
the first read of a body declared longer — raises a 413 (`BodyRefused`) in the route,
which answers it in its own way (JSON, or the page with the message at its form), so
that no body over the limit is ever in memory."""

from __future__ import annotations

import asyncio
import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hojokin.server.uploads import CLOSE, UPLOAD_PATH, BodyRefused, body_too_large

# What a multipart body carries besides its file: the boundaries, each part's headers
# and the small fields (the item number).
ENVELOPE_BYTES = 64 * 1024


def _error(code: str, message: str) -> tuple[bytes, list[tuple[bytes, bytes]]]:
    body = json.dumps(
        {"error": {"code": code, "message": message, "field": None}}, ensure_ascii=False
    ).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    return body, headers


class BodyLimit:
    """Reads a request body up to `limit` bytes within `timeout` seconds and replays it
    to the app; a declared or actual length over the limit gets 413, a body still
    incomplete after the timeout 408, without the app seeing the request."""

    def __init__(
        self, app: ASGIApp, limit: int, timeout: float, upload_limit: int | None = None
    ) -> None:
        self.app, self.limit, self.timeout = app, limit, timeout
        self.upload_limit = upload_limit

    async def _refuse(self, send: Send, limit: int) -> None:
        message = f"リクエストの本文が大きすぎます（上限 {limit:,} バイト）"
        body, headers = _error("too_large", message)
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _late(self, send: Send) -> None:
        message = f"リクエストの本文が {self.timeout:g} 秒以内に届きませんでした"
        body, headers = _error("timeout", message)
        # The rest of the body may still come: the connection cannot carry another request.
        headers.append((b"connection", b"close"))
        await send({"type": "http.response.start", "status": 408, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if self.upload_limit is not None and UPLOAD_PATH.fullmatch(scope["path"]):
            if declared is not None and not declared.isdigit():
                await self._refuse(send, self.upload_limit + ENVELOPE_BYTES)
                return
            over = declared is not None and int(declared) > self.upload_limit + ENVELOPE_BYTES
            await self.app(scope, self._counted(receive, self.upload_limit, over), send)
            return
        limit = self.limit
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await self._refuse(send, limit)
            return
        chunks: list[bytes] = []
        try:
            async with asyncio.timeout(self.timeout):
                complete = await self._read(receive, chunks)
        except TimeoutError:
            await self._late(send)
            return
        if complete is None:
            return
        if not complete:
            await self._refuse(send, limit)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        await self.app(scope, replay, send)

    async def _read(self, receive: Receive, chunks: list[bytes]) -> bool | None:
        """Reads the body into `chunks`: True when it is complete, False once it exceeds
        the limit, None if the client went away."""
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                return False
            chunks.append(chunk)
            if not message.get("more_body", False):
                return True

    def _counted(self, receive: Receive, upload_limit: int, over: bool) -> Receive:
        """`receive` that raises 413 at once for a body declared `over` the limit, and
        once the body passes it (a file of `upload_limit` and its envelope), and 408
        when it is not complete within the timeout, in the route that reads it."""
        limit = upload_limit + ENVELOPE_BYTES
        size = 0
        deadline = asyncio.get_running_loop().time() + self.timeout

        async def counted() -> Message:
            nonlocal size
            if over:
                raise body_too_large(upload_limit)
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                late = f"リクエストの本文が {self.timeout:g} 秒以内に届きませんでした"
                raise BodyRefused(408, "timeout", late, None, CLOSE) from None
            size += len(message.get("body", b""))
            if size > limit:
                raise body_too_large(upload_limit)
            return message

        return counted
