"""Transport-level guards applied to every route: request body size and security headers.

Pure ASGI (not ``BaseHTTPMiddleware``): the body limit must act while the body streams in,
before anything buffers it, and must cover chunked uploads that carry no Content-Length.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from edge_server.api.errors import error_response


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when the streamed body passes the limit; FastAPI re-raises
    HTTPException from body parsing, so the app's handler answers 413."""

    def __init__(self) -> None:
        super().__init__(413)


class BodyLimitMiddleware:
    """413 for any request whose body exceeds ``max_bytes`` (declared or streamed)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > self.max_bytes:
                    code = 413 if declared > self.max_bytes else 400
                    await error_response(code, "payload_too_large" if code == 413
                                         else "bad_request")(scope, receive, send)
                    return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge()
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if started:
                raise
            await error_response(413, "payload_too_large")(scope, receive, send)


#: Sent on every answer. The API serves JSON only, to the HMI and integrations, not to
#: browsers rendering pages: deny framing, sniffing and any active content outright.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Cross-Origin-Resource-Policy": "same-origin",
    # Live process values and tokens: no cache (proxy or client) may keep them.
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
}
HSTS = "max-age=31536000"


class SecurityHeadersMiddleware:
    """Adds ``SECURITY_HEADERS`` (and HSTS over TLS) to every answer that does not set them
    itself. Works on the raw header list (pre-encoded once): it runs on every request, and
    ``MutableHeaders`` scanned and re-encoded the list once per header."""

    def __init__(self, app: ASGIApp, *, tls: bool) -> None:
        self.app = app
        self.headers: dict[str, Any] = dict(SECURITY_HEADERS)
        if tls:
            self.headers["Strict-Transport-Security"] = HSTS
        self.raw: list[tuple[bytes, bytes]] = [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in self.headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in self.raw if h[0] not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
