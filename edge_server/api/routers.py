"""The router registry: every feature router the API serves, in one list.

Plug-in point for the next features: ``edge_server/api/writes.py`` (select-before-operate tag
writes) and ``edge_server/api/ws.py`` (the WebSocket value/alarm stream) are reserved for
another engineer. Each only has to define a module-level ``router: fastapi.APIRouter``; when
the module exists it is mounted under /api below, and ``create_app`` holds it to the same
rules as the rest (every HTTP route must declare its ``Permission`` via ``security.require``;
a WebSocket route must authenticate in its handler, see docs/api.md).
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from fastapi import APIRouter
from fastapi.routing import APIRoute, APIWebSocketRoute

from edge_server.api import (
    alarms,
    audit,
    auth,
    devices,
    grants,
    health,
    history,
    production,
    tags,
    users,
)

#: The built-in feature routers.
CORE_ROUTERS: tuple[APIRouter, ...] = (
    health.router, auth.router, users.router, tags.router, history.router, alarms.router,
    devices.router, audit.router, production.router, grants.router,
)

#: Reserved modules, mounted when present. Not imported blindly: only a module that exists
#: is imported, and an error inside it propagates (a broken write path must not be hidden).
PLUGGABLE = ("edge_server.api.writes", "edge_server.api.ws")


def all_routers() -> list[APIRouter]:
    routers = list(CORE_ROUTERS)
    for name in PLUGGABLE:
        if find_spec(name) is not None:
            routers.append(import_module(name).router)
    return routers


def http_routes(routers: list[APIRouter], prefix: str) -> list[tuple[str, str, APIRoute]]:
    """(method, full path, route) of every HTTP endpoint, read from the routers themselves
    (what the permission check and the tests inspect). Nested routers are refused: their
    routes would escape this list, and so the permission check."""
    out: list[tuple[str, str, APIRoute]] = []
    for router in routers:
        for route in router.routes:
            if isinstance(route, APIRoute):
                out.extend((m, prefix + route.path, route) for m in sorted(route.methods or ()))
            elif not isinstance(route, APIWebSocketRoute):
                raise RuntimeError(f"unsupported route {route!r} in {router.prefix or 'router'}: "
                                   "add endpoints to a feature router directly")
    return out
