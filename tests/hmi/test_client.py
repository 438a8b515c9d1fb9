"""The API client's session rules against a scripted edge (httpx MockTransport): one refresh
for many callers, never a retried refresh, silent re-login with the in-memory password."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from hmi.api.client import ApiClient, ConnectionState
from hmi.api.errors import ApiError, AuthRequired, ConnectionLost


def tokens(n: int, access_s: float = 600, session_s: float = 3600) -> dict[str, Any]:
    now = datetime.now(UTC)
    return {"access_token": f"a{n}", "token_type": "Bearer",
            "access_expires_at": (now + timedelta(seconds=access_s)).isoformat(),
            "refresh_token": f"r{n}",
            "session_expires_at": (now + timedelta(seconds=session_s)).isoformat(),
            "must_change_password": False,
            "user": {"username": "op", "role": "operator", "permissions": ["tags.read"],
                     "via": "password", "must_change_password": False}}


class Edge:
    def __init__(self, access_s: float = 600) -> None:
        self.access_s = access_s
        self.n = 0
        self.calls: list[str] = []
        self.spent: set[str] = set()
        self.fail_refresh_transport = False
        self.down = False
        self.presented: list[str] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.calls.append(path)
        if self.down:
            raise httpx.ConnectError("refused")
        if path == "/api/auth/login":
            body = json.loads(request.content)
            if body["password"] != "pw":
                return httpx.Response(401, json={"error": "invalid_credentials", "message": {
                    "en": "Wrong user or password.", "es": "Usuario o contraseña incorrectos."}})
            self.n += 1
            return httpx.Response(200, json=tokens(self.n, self.access_s))
        if path == "/api/auth/refresh":
            token = json.loads(request.content)["refresh_token"]
            self.presented.append(token)
            if self.fail_refresh_transport:
                self.spent.add(token)
                raise httpx.ReadError("lost answer")
            if token in self.spent:
                return httpx.Response(401, json={"error": "session_revoked",
                                                 "message": {"en": "x", "es": "x"}})
            self.spent.add(token)
            self.n += 1
            return httpx.Response(200, json=tokens(self.n))  # renewed tokens last
        if path == "/api/auth/me":
            return httpx.Response(200, json=tokens(0)["user"])
        return httpx.Response(404, json={"error": "not_found",
                                         "message": {"en": "Not found.", "es": "No encontrado."}})


def client(edge: Edge) -> ApiClient:
    return ApiClient("http://edge:8080", transport=httpx.MockTransport(edge.handler))


async def test_login_refused_keeps_edge_message() -> None:
    c = client(Edge())
    with pytest.raises(ApiError) as info:
        await c.login("op", "wrong")
    assert info.value.text("es") == "Usuario o contraseña incorrectos."
    assert c.state is ConnectionState.DISCONNECTED


async def test_concurrent_callers_share_one_refresh() -> None:
    edge = Edge(access_s=10)  # inside the refresh margin: every call wants a renewal
    c = client(edge)
    await c.login("op", "pw")
    await asyncio.gather(*(c.me() for _ in range(5)))
    assert edge.calls.count("/api/auth/refresh") == 1
    assert edge.spent == {"r1"}


async def test_lost_refresh_answer_is_never_retried_but_relogs_in() -> None:
    edge = Edge(access_s=10)
    c = client(edge)
    await c.login("op", "pw")
    edge.fail_refresh_transport = True
    with pytest.raises(ConnectionLost):
        await c.me()
    assert c.state is ConnectionState.LOST
    edge.fail_refresh_transport = False
    await c.me()  # back: logs in again with the in-memory password, not the spent token
    assert edge.presented.count("r1") == 1  # the possibly spent token is never resent
    assert edge.calls.count("/api/auth/login") == 2
    assert c.state is ConnectionState.CONNECTED


async def test_without_password_the_hmi_must_ask() -> None:
    edge = Edge(access_s=10)
    c = client(edge)
    await c.login("op", "pw", keep_password=False)
    edge.fail_refresh_transport = True
    with pytest.raises(ConnectionLost):
        await c.me()
    edge.fail_refresh_transport = False
    with pytest.raises(AuthRequired):
        await c.me()
