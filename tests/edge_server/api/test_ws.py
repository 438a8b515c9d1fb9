"""/api/ws over a real uvicorn on loopback, a real engine scanning the simulator (the ``rig``):
snapshot then changes, resume with exactly the missed events, resync, auth and expiry."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
import uvicorn
import websockets
from websockets.exceptions import ConnectionClosed

from edge_server.auth.tokens import TokenCodec
from engine.stream import TAGS
from tests._ports import free_port
from tests.edge_server.api.conftest import ApiRig, connected, wait_for

TAGS_OF_W01 = ["W01.ESP.FREQ", "W01.ESP.AMPS", "W01.ESP.PIP", "W01.ESP.FREQ_SP"]


@pytest.fixture
async def ws_url(rig: ApiRig) -> AsyncIterator[str]:
    port = free_port()
    config = uvicorn.Config(rig.app, host="127.0.0.1", port=port, log_config=None,
                            lifespan="off", ws="websockets-sansio")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    await wait_for(lambda: server.started, 10, "uvicorn to start")
    try:
        yield f"ws://127.0.0.1:{port}/api/ws"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 15)


async def recv(ws: Any, within: float = 5.0) -> dict[str, Any]:
    msg: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), within))
    return msg


async def recv_until(ws: Any, kind: str, within: float = 5.0) -> dict[str, Any]:
    deadline = time.monotonic() + within
    while True:
        msg = await recv(ws, max(0.1, deadline - time.monotonic()))
        if msg["type"] == kind:
            return msg


async def closed_with(ws: Any, within: float = 5.0) -> tuple[int | None, list[dict[str, Any]]]:
    """Read until the server closes; (close code, messages read)."""
    got: list[dict[str, Any]] = []
    with contextlib.suppress(ConnectionClosed):
        while True:
            got.append(await recv(ws, within))
    return ws.close_code, got


async def test_snapshot_then_changes_then_alarm_events(rig: ApiRig, ws_url: str) -> None:
    await connected(rig)
    async with websockets.connect(f"{ws_url}?token={rig.tokens['viewer']}") as ws:
        hello = await recv(ws)
        assert hello["type"] == "hello" and hello["role"] == "viewer"
        await ws.send(json.dumps({"op": "subscribe", "tags": [*TAGS_OF_W01, "NOPE"],
                                  "alarms": True}))
        snap = await recv(ws)
        assert snap["type"] == "snapshot" and snap["unknown"] == ["NOPE"]
        values = {v["name"]: v for v in snap["tags"]}
        assert set(values) == set(TAGS_OF_W01)
        assert all(v["quality"] == "GOOD" and v["value"] is not None for v in values.values())
        assert "W01.ESP.RUN.DISCRETE" not in {a["name"] for a in snap["alarms"]}
        seq = snap["seq"]
        changes = [await recv_until(ws, TAGS) for _ in range(3)]
        for c in changes:
            assert c["seq"] > seq and {v["name"] for v in c["values"]} <= set(TAGS_OF_W01)
            seq = c["seq"]
        await rig.sim.inject("W01", "esp_trip")
        alarm = await recv_until(ws, "alarm", 10)
        while alarm["alarm"] != "W01.ESP.RUN.DISCRETE":  # suppressions may come first
            assert alarm["seq"] > seq
            alarm = await recv_until(ws, "alarm", 10)
        assert alarm["event"] == "activate"
        assert alarm["new_state"] == "unack" and alarm["seq"] > seq
        await ws.send(json.dumps({"op": "ping", "id": 7}))
        pong = await recv_until(ws, "pong")
        assert pong["id"] == 7 and pong["seq"] >= alarm["seq"]


async def test_resume_delivers_exactly_the_missed_events(rig: ApiRig, ws_url: str) -> None:
    await connected(rig)
    hub = rig.engine.stream
    wanted = set(TAGS_OF_W01)
    async with websockets.connect(ws_url, additional_headers={"X-API-Key": rig.api_key}) as ws:
        await recv(ws)
        await ws.send(json.dumps({"op": "subscribe", "tags": TAGS_OF_W01, "alarms": True}))
        await recv_until(ws, "snapshot")
        last = (await recv_until(ws, TAGS))["seq"]
    await asyncio.sleep(1.5)  # events happen while the client is away
    await rig.sim.inject("W01", "esp_trip")  # an alarm event among them
    await wait_for(lambda: any(e.kind == "alarm" and e.seq > last for e in hub._ring), 10,
                   "the alarm event")

    def expected(upto: int) -> list[int]:
        out = []
        for e in hub._ring:
            if last < e.seq <= upto and (
                    e.kind in ("alarm", "system", "device") or
                    (e.kind == TAGS and any(n in wanted for n, _, _ in e.data.items))):
                out.append(e.seq)
        return out

    async with websockets.connect(f"{ws_url}?token={rig.tokens['operator']}") as ws:
        await recv(ws)
        await ws.send(json.dumps({"op": "subscribe", "tags": TAGS_OF_W01, "alarms": True,
                                  "resume_from": last}))
        resumed = await recv(ws)
        assert resumed["type"] == "resumed" and resumed["seq"] == last
        upto = resumed["latest"]
        want = expected(upto)
        assert len(want) > 3
        got: list[int] = []
        while not got or got[-1] < want[-1]:
            msg = await recv(ws)
            if "seq" in msg and msg["type"] not in ("heartbeat", "pong"):
                got.append(msg["seq"])
        assert got[: len(want)] == want, "exactly the missed events: no gap, no duplicate"
        assert got == sorted(set(got))


async def test_resume_from_a_lost_position_gets_resync_then_a_snapshot(
    rig: ApiRig, ws_url: str
) -> None:
    await connected(rig)
    async with websockets.connect(f"{ws_url}?token={rig.tokens['viewer']}") as ws:
        await recv(ws)
        await ws.send(json.dumps({"op": "subscribe", "tags": "*", "resume_from": 12}))
        resync = await recv(ws)
        assert resync["type"] == "resync_required" and resync["requested"] == 12
        snap = await recv(ws)
        assert snap["type"] == "snapshot" and len(snap["tags"]) == len(
            list(rig.engine.field.tags()))


async def test_unauthenticated_and_bad_tokens_are_refused(rig: ApiRig, ws_url: str) -> None:
    async with websockets.connect(ws_url) as ws:
        await ws.send(json.dumps({"op": "subscribe", "tags": "*"}))
        code, msgs = await closed_with(ws)
        assert code == 4401 and msgs[-1]["reason"] == "no_credentials"
    async with websockets.connect(f"{ws_url}?token=not-a-jwt") as ws:
        code, msgs = await closed_with(ws)
        assert code == 4401 and msgs[-1]["reason"] == "invalid_token"
    async with websockets.connect(ws_url) as ws:  # first-message auth works
        await ws.send(json.dumps({"op": "auth", "token": rig.tokens["viewer"]}))
        assert (await recv(ws))["type"] == "hello"


def _token(rig: ApiRig, who: str, *, expires_in: float) -> str:
    """An access token for ``who``'s live session that expires ``expires_in`` s from now
    (negative: already expired), signed with the server's key."""
    auth = rig.auth
    claims = auth.tokens.verify(rig.tokens[who])
    ttl = auth.tokens.ttl
    codec = TokenCodec(auth.settings.jwt_secret, issuer=auth.tokens.issuer,
                       audience=auth.tokens.audience, ttl=ttl,
                       clock=lambda: auth.now() - ttl + timedelta(seconds=expires_in))
    token, _ = codec.issue(username=claims.sub, user_id=claims.uid, role=claims.role,
                           session_id=claims.sid)
    return token


async def test_expired_token_refused_and_expiry_closes_with_4001(
    rig: ApiRig, ws_url: str
) -> None:
    async with websockets.connect(f"{ws_url}?token={_token(rig, 'viewer', expires_in=-5)}") as ws:
        code, msgs = await closed_with(ws)
        assert code == 4001 and msgs[-1]["reason"] == "token_expired"
    await connected(rig)
    short = _token(rig, "viewer", expires_in=2.5)
    async with websockets.connect(f"{ws_url}?token={short}") as ws:
        await recv(ws)
        await ws.send(json.dumps({"op": "subscribe", "tags": TAGS_OF_W01}))
        await recv_until(ws, "snapshot")
        code, msgs = await closed_with(ws, within=10)
        assert code == 4001
        closing = msgs[-1]
        assert closing["type"] == "closing" and closing["reason"] == "token_expired"
        assert closing["seq"] >= max(m["seq"] for m in msgs[:-1])  # where to resume from


async def test_a_token_sent_in_band_extends_the_connection(rig: ApiRig, ws_url: str) -> None:
    await connected(rig)
    async with websockets.connect(
            f"{ws_url}?token={_token(rig, 'operator', expires_in=1.5)}") as ws:
        await recv(ws)
        await ws.send(json.dumps({"op": "auth", "token": rig.tokens["operator"]}))
        assert (await recv_until(ws, "authenticated"))["expires_at"] > time.time() + 60
        await asyncio.sleep(2.0)
        await ws.send(json.dumps({"op": "ping"}))
        assert (await recv_until(ws, "pong"))["type"] == "pong"
