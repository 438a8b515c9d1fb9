"""``create_app``: the edge's HTTP API as one FastAPI application over an ``ApiContext``.

Why FastAPI (docs/api.md has the long form): the OpenAPI document is generated from the same
type hints that validate requests, with pydantic (which the config layer already uses); it is
ASGI, so WebSockets for the coming value stream run on the same server; and uvicorn serves it
inside the edge process's own asyncio loop.
"""

from __future__ import annotations

from fastapi import FastAPI

from edge_server.api.context import ApiContext
from edge_server.api.errors import install_error_handlers
from edge_server.api.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware
from edge_server.api.ratelimit import LoginRateLimiter
from edge_server.api.routers import all_routers, http_routes
from edge_server.api.security import check_declarations

API_PREFIX = "/api"
DESCRIPTION = """\
The only way into a running oilfield edge: tags and their current values, history, alarms,
devices, users and the audit log. Authenticate with `Authorization: Bearer <access token>`
(from `POST /api/auth/login`) or, for scada service accounts, `X-API-Key`. Every error has
the shape `{error, message: {en, es}, detail?}`.
"""


def create_app(ctx: ApiContext) -> FastAPI:
    """The API over ``ctx``. Raises if a route forgets to declare its permission."""
    app = FastAPI(
        title="Oilfield edge API", version=ctx.version, description=DESCRIPTION,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None, redoc_url=None,  # no CDN on a field box; load openapi.json into a viewer
    )
    app.state.ctx = ctx
    app.state.login_limiter = LoginRateLimiter(
        ctx.settings.login_rate.attempts, ctx.settings.login_rate.window_s)
    routers = all_routers()
    app.state.http_routes = http_routes(routers, API_PREFIX)
    check_declarations(app.state.http_routes)
    for router in routers:
        app.include_router(router, prefix=API_PREFIX)
    install_error_handlers(app)
    # Outermost last: headers on every answer, the 413 included.
    app.add_middleware(BodyLimitMiddleware, max_bytes=ctx.settings.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware, tls=ctx.tls)
    return app
