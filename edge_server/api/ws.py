"""/api/ws: the live stream of tag values, alarm events and device states over a WebSocket.

Why a stream with sequence numbers (engine/stream.py): an HMI on a flaky field link must be
able to reconnect and continue exactly where it was, no gap and no duplicate, without
re-reading everything; when that is no longer possible it is told so explicitly
(``resync_required``) and gets a fresh snapshot.

Protocol (JSON text frames; docs/api.md has the full form):

* Authenticate like REST: ``?token=<access token>``, an ``Authorization: Bearer`` or
  ``X-API-Key`` header on the upgrade, or a first message ``{"op": "auth", "token": ...}`` /
  ``{"op": "auth", "api_key": ...}`` within 10 s. Needs ``tags.read`` (and ``alarms.read``
  for alarms). The server answers ``hello``.
* ``{"op": "subscribe", "tags": [names] | "*", "alarms": true, "resume_from": seq?}``: without
  ``resume_from`` a ``snapshot`` (values with quality, active alarms) tagged with ``seq``
  comes first, then every event after that seq; with it, ``resumed`` then exactly the events
  after it, or ``resync_required`` then a snapshot. Later subscribes add tags (with a snapshot
  of the added ones); ``unsubscribe`` removes tags or alarms; ``ping`` gets ``pong``.
* Every server message carries ``seq``: for events their number, for the others the position
  the client may resume from. ``heartbeat`` after 15 s of silence.
* Close codes: 4001 token expired (refresh, reconnect with ``resume_from``), 4003 session
  ended or access withdrawn, 4008 too slow (reconnect with ``resume_from``), 4400 protocol
  error, 4401 not authenticated, 4403 not allowed, 1001 server stopping. A ``closing``
  message with ``reason`` and ``seq`` precedes each close.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import time
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool

from edge_server.api.context import ApiContext
from edge_server.api.security import MAX_CREDENTIAL_LENGTH
from edge_server.auth.errors import AuthError, AuthErrorKind
from edge_server.auth.models import ClientInfo, Principal
from edge_server.auth.roles import Permission
from engine.lvc import LastValue
from engine.stream import (
    TAGS,
    ResyncRequired,
    StreamEvent,
    StreamHub,
    Subscription,
    SubscriptionClosed,
    TagBatch,
)

log = logging.getLogger(__name__)

router = APIRouter(tags=["stream"])

AUTH_TIMEOUT_S = 10.0
HEARTBEAT_S = 15.0
REVALIDATE_S = 60.0  # re-check the session/key: logout and disable act within a minute
MAX_MESSAGE = 256 * 1024
MAX_TAGS = 20_000

CLOSE_TOKEN_EXPIRED = 4001
CLOSE_SESSION_ENDED = 4003
CLOSE_TOO_SLOW = 4008
CLOSE_PROTOCOL = 4400
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_GOING_AWAY = 1001

_EXPIRED = {AuthErrorKind.TOKEN_EXPIRED}
_ENDED = {AuthErrorKind.SESSION_EXPIRED, AuthErrorKind.SESSION_REVOKED,
          AuthErrorKind.ACCOUNT_DISABLED, AuthErrorKind.REFRESH_REUSED}


class Closing(Exception):
    """End the connection with ``code`` after telling the client ``reason``."""

    def __init__(self, code: int, reason: str, message: str = "") -> None:
        super().__init__(reason)
        self.code, self.reason, self.message = code, reason, message


@dataclass
class Credentials:
    token: str | None = None
    api_key: str | None = None


@dataclass
class Session:
    """One connection's state."""

    ws: WebSocket
    ctx: ApiContext
    hub: StreamHub
    client: ClientInfo
    principal: Principal | None = None
    creds: Credentials = field(default_factory=Credentials)
    expires_at: float = math.inf  # epoch s; API keys do not expire this way
    sub: Subscription | None = None
    all_tags: bool = False
    tags: set[str] = field(default_factory=set)
    since: dict[str, int] = field(default_factory=dict)  # tag -> seq of its snapshot
    alarms: bool = False
    last_sent: float = field(default_factory=time.monotonic)

    async def send(self, msg: dict[str, Any]) -> None:
        await self.send_text(_dumps(msg))

    async def send_text(self, text: str) -> None:
        await self.ws.send_text(text)
        self.last_sent = time.monotonic()

    @property
    def position(self) -> int:
        return self.sub.last_seq if self.sub is not None else self.hub.latest_seq


# -- authentication ---------------------------------------------------------------------------

def _credentials_from_upgrade(ws: WebSocket) -> Credentials:
    token = ws.query_params.get("token")
    auth = ws.headers.get("authorization", "")
    if token is None and auth.lower().startswith("bearer "):
        token = auth[7:].strip()
    return Credentials(token=token or None, api_key=ws.headers.get("x-api-key") or None)


def _verify(s: Session, creds: Credentials) -> tuple[Principal, float]:
    """Same checks as REST (thread pool: they read the session row); (principal, expiry)."""
    auth = s.ctx.auth
    try:
        if creds.token is not None:
            if len(creds.token) > MAX_CREDENTIAL_LENGTH:
                raise AuthError(AuthErrorKind.INVALID_TOKEN, "token too long")
            principal = auth.verify_access(creds.token)
            claims = auth.tokens.verify(creds.token)
            left = (claims.expires_at - auth.now()).total_seconds()
            if left <= 0:
                raise AuthError(AuthErrorKind.TOKEN_EXPIRED)
            return principal, time.time() + left
        if creds.api_key is not None:
            if len(creds.api_key) > MAX_CREDENTIAL_LENGTH:
                raise AuthError(AuthErrorKind.INVALID_CREDENTIALS, "malformed API key")
            return auth.authenticate_api_key(creds.api_key, s.client), math.inf
    except AuthError as exc:
        if exc.kind in _EXPIRED:
            raise Closing(CLOSE_TOKEN_EXPIRED, "token_expired",
                          "access token expired: refresh it and reconnect with resume_from"
                          ) from None
        if exc.kind in _ENDED:
            raise Closing(CLOSE_SESSION_ENDED, exc.kind.value, "log in again") from None
        raise Closing(CLOSE_UNAUTHENTICATED, exc.kind.value, str(exc)) from None
    raise Closing(CLOSE_UNAUTHENTICATED, "no_credentials",
                  "send ?token=, an Authorization/X-API-Key header or {op: auth} first")


async def _authenticate(s: Session, creds: Credentials) -> None:
    principal, expires = await run_in_threadpool(_verify, s, creds)
    if s.principal is not None and principal.username != s.principal.username:
        raise Closing(CLOSE_PROTOCOL, "user_changed", "re-authenticate as the same user")
    try:
        principal.require(Permission.READ_TAGS)
    except AuthError as exc:
        raise Closing(CLOSE_FORBIDDEN, exc.kind.value, str(exc)) from None
    s.principal, s.creds, s.expires_at = principal, creds, expires


def _auth_message(msg: Any) -> Credentials:
    if not isinstance(msg, dict) or msg.get("op") != "auth":
        raise Closing(CLOSE_UNAUTHENTICATED, "no_credentials",
                      "the first message must be {op: auth, token | api_key}")
    token, key = msg.get("token"), msg.get("api_key")
    if not (isinstance(token, str) and token) and not (isinstance(key, str) and key):
        raise Closing(CLOSE_UNAUTHENTICATED, "no_credentials", "token or api_key required")
    return Credentials(token=token if isinstance(token, str) else None,
                       api_key=key if isinstance(key, str) and not token else None)


# -- snapshots and events ---------------------------------------------------------------------

def _tag_entry(name: str, entry: LastValue | None) -> dict[str, Any]:
    if entry is None:
        return {"name": name, "value": None, "quality": "NO_VALUE", "ts": None}
    value = None if math.isnan(entry.value) or math.isinf(entry.value) else entry.value
    return {"name": name, "value": value, "quality": entry.quality.name, "ts": entry.ts}


def _snapshot_reader(s: Session, names: list[str], ids: dict[str, int],
                     alarms: bool) -> Any:
    """Runs on the hub's loop at subscribe time: LVC and active alarms, consistent with the
    sequence number returned with it (cheap: one LVC lock, one alarm-engine lock)."""
    engine = s.ctx.engine

    def read() -> dict[str, Any]:
        lvc = engine.lvc
        entries = lvc.get_many(ids.values()) if lvc is not None else {}
        values = [_tag_entry(n, entries.get(ids[n]) if n in ids else None) for n in names]
        active = engine.alarms.active() if alarms and engine.alarms is not None else []
        return {"tags": values, "alarms": active}

    return read


def _dumps(msg: dict[str, Any]) -> str:
    return json.dumps(msg, separators=(",", ":"), default=str)


def _tags_message(ev: StreamEvent, items: Any) -> dict[str, Any]:
    batch: TagBatch = ev.data
    return {"type": TAGS, "seq": ev.seq, "ts": batch.ts, "rx": batch.rx,
            "values": [{"name": n, "value": v, "quality": q} for n, v, q in items]}


class _Encoded:
    """Each event's whole message, JSON-encoded once and shared by every connection that gets
    it whole (every connection subscribed to "*" or to all of a poll's tags, every alarm
    listener): 20 HMIs following the field cost one encoding per event, not 20. Used on the
    API's event loop only; holds the newest ``size`` events (the ones senders are draining)."""

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._texts: dict[int, tuple[StreamEvent, str]] = {}

    def text(self, ev: StreamEvent) -> str:
        hit = self._texts.get(id(ev))
        if hit is not None and hit[0] is ev:
            return hit[1]
        if ev.kind == TAGS:
            text = _dumps(_tags_message(ev, ev.data.items))
        else:
            text = _dumps({"type": ev.kind, "seq": ev.seq, **ev.data})
        self._texts[id(ev)] = (ev, text)  # the event is kept: its id cannot be reused meanwhile
        if len(self._texts) > self._size:
            del self._texts[next(iter(self._texts))]
        return text


_encoded = _Encoded()


def _event_text(s: Session, ev: StreamEvent) -> str | None:
    """The event as this client sees it (tags projected to its subscription), or None."""
    if ev.kind == TAGS:
        batch: TagBatch = ev.data
        since = s.since
        if s.all_tags and not since:
            return _encoded.text(ev)
        items = [
            item for item in batch.items
            if (s.all_tags or item[0] in s.tags) and not (
                since and since.get(item[0], -1) >= ev.seq)
        ]
        if not items:
            return None
        if len(items) == len(batch.items):
            return _encoded.text(ev)
        return _dumps(_tags_message(ev, items))
    if ev.kind in ("alarm", "system") and not s.alarms:
        return None
    return _encoded.text(ev)


# -- subscribe / unsubscribe ------------------------------------------------------------------

def _tag_names(s: Session, raw: Any) -> tuple[list[str], bool]:
    """(names, all) from a ``tags`` field: a list of names or "*"."""
    if raw is None:
        return [], False
    if raw == "*":
        return sorted(t.name for t in s.ctx.engine.field.tags()), True
    if not isinstance(raw, list) or not all(isinstance(n, str) and 0 < len(n) <= 128
                                            for n in raw):
        raise ValueError("tags must be a list of tag names or \"*\"")
    if len(raw) > MAX_TAGS:
        raise ValueError(f"at most {MAX_TAGS} tags per connection")
    return list(dict.fromkeys(raw)), False


async def _subscribe(s: Session, msg: dict[str, Any]) -> None:
    names, everything = _tag_names(s, msg.get("tags"))
    want_alarms = bool(msg.get("alarms", False))
    assert s.principal is not None
    if want_alarms:
        try:
            s.principal.require(Permission.READ_ALARMS)
        except AuthError as exc:
            raise Closing(CLOSE_FORBIDDEN, exc.kind.value, str(exc)) from None
    known = {t.name for t in s.ctx.engine.field.tags()}
    unknown = [n for n in names if n not in known]
    names = [n for n in names if n in known]
    ids = dict(await run_in_threadpool(s.ctx.tag_ids.many, names)) if names else {}
    resume = msg.get("resume_from")
    if resume is not None and (not isinstance(resume, int) or isinstance(resume, bool)):
        raise ValueError("resume_from must be an integer sequence number")
    if s.sub is None:
        await _open(s, names, everything, want_alarms, ids, unknown, resume)
        return
    # Adding to a running subscription: a snapshot of what is new, then its events.
    new = [n for n in names if n not in s.tags]
    add_alarms = want_alarms and not s.alarms
    s.tags.update(names)
    s.all_tags = s.all_tags or everything
    s.alarms = s.alarms or want_alarms
    hub_loop_read = _snapshot_reader(s, new, ids, add_alarms)
    seq, snap = s.hub.latest_seq, hub_loop_read()
    for n in new:
        s.since[n] = seq
    await s.send({"type": "snapshot", "seq": seq, "partial": True, "unknown": unknown, **snap})


async def _open(s: Session, names: list[str], everything: bool, alarms: bool,
                ids: dict[str, int], unknown: list[str], resume: int | None) -> None:
    s.tags, s.all_tags, s.alarms = set(names), everything, alarms
    reader = _snapshot_reader(s, names, ids, alarms)
    if resume is not None:
        try:
            sub, seq, backlog, _ = await s.hub.open(resume_from=resume, tags=True,
                                                      alarms=alarms)
        except ResyncRequired as exc:
            await s.send({"type": "resync_required", "seq": exc.latest,
                          "requested": exc.requested, "oldest": exc.oldest})
            resume = None
        else:
            s.sub = sub
            await s.send({"type": "resumed", "seq": resume, "latest": seq,
                          "unknown": unknown})
            await _deliver(s, backlog)
            return
    sub, seq, _, snap = await s.hub.open(tags=True, alarms=alarms, snapshot=reader)
    s.sub = sub
    await s.send({"type": "snapshot", "seq": seq, "unknown": unknown, **snap})


def _unsubscribe(s: Session, msg: dict[str, Any]) -> None:
    names, everything = _tag_names(s, msg.get("tags"))
    if everything:
        s.tags.clear()
        s.all_tags = False
    for n in names:
        s.tags.discard(n)
        s.since.pop(n, None)
    if msg.get("alarms"):
        s.alarms = False


async def _deliver(s: Session, events: list[StreamEvent]) -> None:
    for ev in events:
        text = _event_text(s, ev)
        if text is not None:
            await s.send_text(text)


# -- the connection's tasks -------------------------------------------------------------------

async def _reader(s: Session) -> None:
    while True:
        text = await s.ws.receive_text()
        if len(text) > MAX_MESSAGE:
            raise Closing(CLOSE_PROTOCOL, "message_too_large", f"max {MAX_MESSAGE} bytes")
        try:
            msg = json.loads(text)
        except ValueError:
            raise Closing(CLOSE_PROTOCOL, "malformed_json", "messages are JSON objects") from None
        op = msg.get("op") if isinstance(msg, dict) else None
        try:
            if op == "subscribe":
                await _subscribe(s, msg)
            elif op == "unsubscribe":
                _unsubscribe(s, msg)
            elif op == "ping":
                await s.send({"type": "pong", "seq": s.position, "id": msg.get("id")})
            elif op == "auth":  # a refreshed token extends the connection
                await _authenticate(s, _auth_message(msg))
                await s.send({"type": "authenticated", "seq": s.position,
                              "expires_at": _expiry(s)})
            else:
                await s.send({"type": "error", "seq": s.position, "error": "unknown_op",
                              "message": "op is one of subscribe, unsubscribe, ping, auth"})
        except ValueError as exc:
            await s.send({"type": "error", "seq": s.position, "error": "bad_request",
                          "message": str(exc)})


async def _sender(s: Session) -> None:
    while True:
        if s.sub is None:
            await asyncio.sleep(0.05)
            if time.monotonic() - s.last_sent >= HEARTBEAT_S:
                await s.send({"type": "heartbeat", "seq": s.position})
            continue
        try:
            events = await s.sub.next_batch(wait_s=HEARTBEAT_S)
        except SubscriptionClosed as exc:
            if exc.reason == "overflow":
                raise Closing(CLOSE_TOO_SLOW, "overflow",
                              "this client fell too far behind: reconnect with resume_from"
                              ) from None
            raise Closing(CLOSE_GOING_AWAY, "stream_closed") from None
        await _deliver(s, events)
        if time.monotonic() - s.last_sent >= HEARTBEAT_S:
            await s.send({"type": "heartbeat", "seq": s.position})


async def _watchdog(s: Session) -> None:
    """Token expiry closes the connection (4001); the session/key is re-checked regularly."""
    next_check = time.monotonic() + REVALIDATE_S
    while True:
        left = s.expires_at - time.time()
        if left <= 0:
            raise Closing(CLOSE_TOKEN_EXPIRED, "token_expired",
                          "access token expired: refresh it and reconnect with resume_from "
                          "(or send {op: auth} with the new token before expiry)")
        await asyncio.sleep(max(0.05, min(left, next_check - time.monotonic(), 5.0)))
        if time.monotonic() >= next_check:
            next_check = time.monotonic() + REVALIDATE_S
            creds = s.creds
            if creds.token is not None and s.expires_at - time.time() <= 0:
                continue  # expiry is reported above, with its own code
            await _authenticate(s, creds)


def _expiry(s: Session) -> float | None:
    return None if math.isinf(s.expires_at) else s.expires_at


async def _close(ws: WebSocket, code: int, reason: str, message: str, seq: int) -> None:
    with contextlib.suppress(Exception):
        await ws.send_text(json.dumps({"type": "closing", "reason": reason, "seq": seq,
                                       "message": message}))
    with contextlib.suppress(Exception):
        await ws.close(code=code, reason=reason[:120])


@router.websocket("/ws")
async def stream(ws: WebSocket) -> None:
    """The live stream (see the module docstring)."""
    ctx: ApiContext = ws.app.state.ctx
    hub: StreamHub | None = getattr(ctx.engine, "stream", None)
    await ws.accept()
    if hub is None:
        await _close(ws, 1013, "not_ready", "the engine is still starting", 0)
        return
    client = ClientInfo(address=ws.client.host if ws.client else None,
                        name=ws.headers.get("x-client-name") or ws.headers.get("user-agent"))
    s = Session(ws, ctx, hub, client)
    tasks: list[asyncio.Task[None]] = []
    try:
        creds = _credentials_from_upgrade(ws)
        if creds.token is None and creds.api_key is None:
            try:
                text = await asyncio.wait_for(ws.receive_text(), AUTH_TIMEOUT_S)
                creds = _auth_message(json.loads(text))
            except (TimeoutError, ValueError):
                raise Closing(CLOSE_UNAUTHENTICATED, "no_credentials",
                              "authenticate within 10 s") from None
        await _authenticate(s, creds)
        assert s.principal is not None
        await s.send({"type": "hello", "seq": hub.latest_seq, "user": s.principal.username,
                      "role": s.principal.role.value, "expires_at": _expiry(s)})
        tasks = [asyncio.create_task(coro) for coro in (_reader(s), _sender(s), _watchdog(s))]
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            task.result()  # raises Closing / WebSocketDisconnect
    except Closing as c:
        await _close(ws, c.code, c.reason, c.message, s.position)
    except (WebSocketDisconnect, OSError):  # the client went away (uvicorn: OSError)
        pass
    except Exception:
        log.exception("websocket stream failed")
        await _close(ws, 1011, "internal_error", "", s.position)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if s.sub is not None:
            s.sub.close()
