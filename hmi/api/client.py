"""``ApiClient``: REST calls to the edge with the session handled for the screens.

Why the session logic lives here and not in the widgets: every screen makes calls, and a
session renewal must happen once, not once per screen. Rules (docs/security.md):

* The access token lasts minutes; it is renewed ahead of expiry with the refresh token.
* Refresh rotation is strict: a spent refresh token presented twice ends the session. So a
  refresh is never retried, and concurrent callers share one refresh (``_refresh_lock``). If a
  refresh fails in transit (answer lost: the token may be spent), the client does not retry it;
  it logs in again with the password it keeps in memory for exactly this purpose.
* The session ends after 12 h (one shift) whatever happens; the same silent re-login keeps the
  operator's open screens. With no password in memory, ``AuthRequired`` asks the HMI to prompt.
* A self-signed edge is trusted by its certificate's fingerprint (``pin``, hmi/api/pinning.py):
  a different certificate closes the connection before anything is sent, and raises
  ``CertificateRejected`` (a ``ConnectionLost`` with the edge-independent, bilingual reason).
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from typing import Any
from urllib.parse import quote

import httpx

from hmi.api.errors import (
    ApiError,
    AuthRequired,
    CertificateRejected,
    ConnectionLost,
    NotAvailable,
)
from hmi.api.pinning import pin_mismatch_in, pinned_context
from hmi.api.types import (
    Alarm,
    DeviceComms,
    Health,
    JournalEntry,
    JournalPage,
    Me,
    ProductionTargets,
    ProductionWell,
    SessionPolicy,
    TagInfo,
    TagValue,
    Tokens,
    Trend,
    WellDaily,
    WriteResult,
)

#: Renew the access token this long before it expires (clock skew, slow links).
REFRESH_MARGIN = timedelta(seconds=30)
#: The edge's bounds per /production/daily request (edge_server/api/production.py).
PRODUCTION_MAX_WELLS = 50
PRODUCTION_MAX_DAYS = 7305


class ConnectionState(Enum):
    DISCONNECTED = "disconnected"  # not logged in yet, or logged out
    CONNECTING = "connecting"
    CONNECTED = "connected"
    LOST = "lost"  # was connected; the edge stopped answering


def api_base(server: str) -> str:
    """``http://host:8080`` or ``http://host:8080/api`` → ``http://host:8080/api``."""
    base = server.strip().rstrip("/")
    if "://" not in base:
        base = "http://" + base
    return base if base.endswith("/api") else base + "/api"


def _error_of(response: httpx.Response) -> ApiError:
    try:
        body = response.json()
        msg = body.get("message") or {}
        return ApiError(response.status_code, str(body.get("error", "error")),
                        str(msg.get("en", "")), str(msg.get("es", "")), body.get("detail"))
    except (ValueError, AttributeError):
        return ApiError(response.status_code, "http_error", response.reason_phrase)


class ApiClient:
    """One operator's session with one edge. All methods are coroutines (qasync loop)."""

    def __init__(self, server: str, *, verify: bool | str = True, pin: str | None = None,
                 timeout_s: float = 10.0,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        """``verify``: True (system CAs) or a CA/certificate file; ``pin``: instead, the
        SHA-256 fingerprint of the edge's certificate (``sha256:AB:CD:...``, printed by
        ``oilfield edge cert``); needs an https:// server. Raises ``InvalidPin`` (ValueError)."""
        self.base_url = api_base(server)
        self.pin = pin or None
        tls: bool | str | ssl.SSLContext = verify
        if self.pin is not None:
            if not self.base_url.startswith("https://"):
                raise ValueError("a certificate pin needs an https:// server / una huella de "
                                 "certificado requiere un servidor https://")
            tls = pinned_context(self.pin)
        self._http = httpx.AsyncClient(base_url=self.base_url, verify=tls,
                                       timeout=timeout_s, transport=transport)
        self._tokens: Tokens | None = None
        self._username: str | None = None
        self._password: str | None = None  # memory only: for silent re-login (see module doc)
        self._refresh_lock = asyncio.Lock()
        self.state = ConnectionState.DISCONNECTED
        self.last_error = ""
        self._listeners: list[Callable[[ConnectionState, str], None]] = []

    # -- connection state --------------------------------------------------------------------
    def on_state(self, callback: Callable[[ConnectionState, str], None]) -> None:
        """Call ``callback(state, reason)`` on every change of the link state."""
        self._listeners.append(callback)

    def _set_state(self, state: ConnectionState, reason: str = "") -> None:
        if state is self.state and reason == self.last_error:
            return
        self.state, self.last_error = state, reason
        for cb in list(self._listeners):
            cb(state, reason)

    @property
    def user(self) -> Me | None:
        return self._tokens.user if self._tokens else None

    @property
    def access_token(self) -> str | None:
        return self._tokens.access_token if self._tokens else None

    # -- session -----------------------------------------------------------------------------
    async def login(self, username: str, password: str, *, keep_password: bool = True) -> Me:
        """Log in. ``keep_password``: hold it in memory to renew the session silently."""
        self._set_state(ConnectionState.CONNECTING)
        try:
            data = await self._send("POST", "/auth/login",
                                    json={"username": username, "password": password})
        except (ApiError, ConnectionLost) as exc:
            if self._tokens is None:
                self._set_state(ConnectionState.DISCONNECTED, str(exc))
            raise
        previous = self._tokens
        self._tokens = Tokens.parse(data)
        self._username = username
        self._password = password if keep_password else None
        self._set_state(ConnectionState.CONNECTED)
        if previous is not None and previous.user.username != username:
            # Another user took over this screen (unlocked it): end the one before on the
            # edge too, rather than leave it to expire.
            with contextlib.suppress(ApiError, ConnectionLost, httpx.HTTPError):
                await self._http.post("/auth/logout", headers={
                    "Authorization": f"Bearer {previous.access_token}"})
        return self._tokens.user

    async def logout(self) -> None:
        """End the session on the edge (best effort) and forget every secret."""
        if self._tokens is not None:
            with contextlib.suppress(ApiError, ConnectionLost):
                await self._send("POST", "/auth/logout", auth=True)
        self._tokens = None
        self._password = None
        self._set_state(ConnectionState.DISCONNECTED)

    async def close(self) -> None:
        await self._http.aclose()

    def forget_password(self) -> None:
        self._password = None

    async def _relogin(self, why: str) -> None:
        if self._username is None or self._password is None:
            self._tokens = None
            raise AuthRequired(why)
        try:
            await self.login(self._username, self._password)
        except ApiError as exc:
            self._tokens = None
            self._password = None  # a refused password is not kept (lockout would follow)
            raise AuthRequired(exc.message_en or exc.code) from None

    async def _renew(self, stale: Tokens) -> None:
        """Renew ``stale`` exactly once, whatever the number of callers waiting."""
        async with self._refresh_lock:
            if self._tokens is not stale:  # another caller renewed it while we waited
                return
            now = datetime.now(UTC)
            if now >= stale.session_expires_at - REFRESH_MARGIN:
                await self._relogin("session ended (shift limit)")
                return
            try:
                data = await self._send("POST", "/auth/refresh",
                                        json={"refresh_token": stale.refresh_token})
            except ConnectionLost:
                # The answer may be lost after the server spent the token: never resend it.
                self._tokens = None
                raise
            except ApiError:
                await self._relogin("refresh refused")
                return
            self._tokens = Tokens.parse(data)

    async def _ensure_token(self) -> str:
        if self._tokens is None:
            await self._relogin("not logged in")
        tokens = self._tokens
        assert tokens is not None
        if datetime.now(UTC) >= tokens.access_expires_at - REFRESH_MARGIN:
            await self._renew(tokens)
        assert self._tokens is not None
        return self._tokens.access_token

    # -- transport ---------------------------------------------------------------------------
    async def _send(self, method: str, path: str, *, json: Any = None,
                    params: dict[str, Any] | None = None, auth: bool = False) -> Any:
        headers = {}
        if auth:
            assert self._tokens is not None
            headers["Authorization"] = f"Bearer {self._tokens.access_token}"
        try:
            r = await self._http.request(method, path, json=json, params=params, headers=headers)
        except httpx.TransportError as exc:
            mismatch = pin_mismatch_in(exc)
            reason = "certificate_rejected" if mismatch else type(exc).__name__
            if self._tokens is not None or self.state is ConnectionState.CONNECTED:
                self._set_state(ConnectionState.LOST, reason)
            if mismatch is not None:
                raise CertificateRejected(mismatch.message_en, mismatch.message_es,
                                          mismatch.presented) from exc
            raise ConnectionLost(str(exc) or type(exc).__name__) from exc
        if self._tokens is not None and self.state is not ConnectionState.CONNECTED:
            self._set_state(ConnectionState.CONNECTED)
        if r.status_code >= 400:
            raise _error_of(r)
        if r.status_code == 204 or not r.content:
            return None
        return r.json()

    async def call(self, method: str, path: str, *, json: Any = None,
                   params: dict[str, Any] | None = None) -> Any:
        """An authenticated call; renews the token ahead of expiry and once on a 401."""
        await self._ensure_token()
        tokens = self._tokens
        try:
            return await self._send(method, path, json=json, params=params, auth=True)
        except ApiError as exc:
            if exc.status != 401 or tokens is None:
                raise
        await self._renew(tokens)
        return await self._send(method, path, json=json, params=params, auth=True)

    # -- API ---------------------------------------------------------------------------------
    async def health(self) -> Health:
        return Health.parse(await self._send("GET", "/health"))

    async def policy(self) -> SessionPolicy:
        """Public, before login: the login banner and the session lock time."""
        return SessionPolicy.parse(await self._send("GET", "/auth/policy"))

    async def me(self) -> Me:
        return Me.parse(await self.call("GET", "/auth/me"))

    async def tags(self, *, device: str | None = None) -> list[TagInfo]:
        """Every tag definition (keyset pages of 1000)."""
        out: list[TagInfo] = []
        after: str | None = None
        while True:
            params: dict[str, Any] = {"limit": 1000}
            if after:
                params["after"] = after
            if device:
                params["device"] = device
            page = await self.call("GET", "/tags", params=params)
            out.extend(TagInfo.parse(i) for i in page["items"])
            after = page.get("next_after")
            if not after:
                return out

    async def values(self, names: list[str]) -> list[TagValue]:
        out: list[TagValue] = []
        for i in range(0, len(names), 1000):
            data = await self.call("POST", "/tags/values", json={"names": names[i:i + 1000]})
            out.extend(TagValue.parse(v) for v in data["values"])
        return out

    async def trend(self, tag: str, start: datetime, end: datetime, points: int = 1000) -> Trend:
        data = await self.call("GET", f"/history/{quote(tag, safe='')}/trend", params={
            "start": start.isoformat(), "end": end.isoformat(), "points": points})
        return Trend.parse(data)

    async def daily_production(self, wells: list[str], start: date,
                               end: date) -> dict[str, WellDaily]:
        """Daily production of ``wells`` for ``start <= day < end`` (site-local days), by well
        in the order asked; a well without rows maps to an empty ``WellDaily``. Asks in pieces
        of the edge's limits (50 wells, 20 years), so any list and span work."""
        if start >= end:
            raise ValueError("start must be before end (end is exclusive)")
        names = list(dict.fromkeys(wells))
        out: dict[str, WellDaily] = {w: WellDaily(w) for w in names}
        for i in range(0, len(names), PRODUCTION_MAX_WELLS):
            chunk = names[i:i + PRODUCTION_MAX_WELLS]
            lo = start
            while lo < end:
                hi = min(end, lo + timedelta(days=PRODUCTION_MAX_DAYS))
                data = await self.call("GET", "/production/daily", params={
                    "well": chunk, "start": lo.isoformat(), "end": hi.isoformat()})
                for item in data["wells"]:
                    got = WellDaily.parse(item)
                    out[got.well] = out.get(got.well, WellDaily(got.well)).extended(got)
                lo = hi
        return out

    async def production_wells(self) -> list[ProductionWell]:
        """The wells with daily history on the edge (span, days stored, cumulatives)."""
        data = await self.call("GET", "/production/wells")
        return [ProductionWell.parse(w) for w in data["wells"]]

    async def production_targets(self, day: date) -> ProductionTargets:
        """The daily production targets in force on ``day`` (the field's and wells')."""
        data = await self.call("GET", "/production/targets", params={"day": day.isoformat()})
        return ProductionTargets.parse(data)

    async def devices(self) -> list[DeviceComms]:
        return [DeviceComms.parse(d) for d in await self.call("GET", "/devices")]

    async def active_alarms(self) -> list[Alarm]:
        return [Alarm.parse(a) for a in await self.call("GET", "/alarms/active")]

    async def suppressed_alarms(self) -> list[Alarm]:
        """Shelved, out-of-service and suppressed-by-design alarms (not on the active list)."""
        return [Alarm.parse(a) for a in await self.call("GET", "/alarms/suppressed")]

    async def journal(self, *, alarm: str | None = None, limit: int = 100) -> list[JournalEntry]:
        params: dict[str, Any] = {"limit": limit}
        if alarm:
            params["alarm"] = alarm
        data = await self.call("GET", "/alarms/journal", params=params)
        return [JournalEntry.parse(e) for e in data["entries"]]

    async def journal_search(
        self, *, start: datetime, end: datetime, name: str | None = None,
        area: str | None = None, priorities: Sequence[str] = (), events: Sequence[str] = (),
        user: str | None = None, text: str | None = None, before_id: int | None = None,
        limit: int = 200,
    ) -> JournalPage:
        """One page of the alarm journal in ``[start, end)``, newest first. ``name``: alarm or
        tag name contains; ``text``: message or comment contains; ``priorities``/``events``:
        any of them; ``user``: exact (case-insensitive). Empty filters are not sent."""
        params: dict[str, Any] = {"start": start.isoformat(), "end": end.isoformat(),
                                  "limit": limit}
        for key, value in (("name", name), ("area", area), ("user", user), ("text", text)):
            if value:
                params[key] = value
        if priorities:
            params["priority"] = list(priorities)
        if events:
            params["event"] = list(events)
        if before_id is not None:
            params["before_id"] = before_id
        return JournalPage.parse(await self.call("GET", "/alarms/journal", params=params))

    async def _alarm_action(self, name: str, action: str, body: dict[str, Any] | None) -> Alarm:
        data = await self.call("POST", f"/alarms/{quote(name, safe='')}/{action}", json=body)
        return Alarm.parse(data["alarm"])

    async def acknowledge(self, name: str, comment: str | None = None) -> Alarm:
        return await self._alarm_action(name, "acknowledge", {"comment": comment})

    async def shelve(self, name: str, reason: str, duration_s: float,
                     one_shot: bool = False) -> Alarm:
        return await self._alarm_action(name, "shelve", {
            "reason": reason, "duration_s": duration_s, "one_shot": one_shot})

    async def unshelve(self, name: str, comment: str | None = None) -> Alarm:
        return await self._alarm_action(name, "unshelve", {"comment": comment})

    async def comment(self, name: str, text: str) -> Alarm:
        return await self._alarm_action(name, "comment", {"comment": text})

    async def reset(self, name: str, comment: str | None = None) -> Alarm:
        return await self._alarm_action(name, "reset", {"comment": comment})

    async def remove_from_service(self, name: str, reason: str) -> Alarm:
        return await self._alarm_action(name, "out-of-service", {"reason": reason})

    async def return_to_service(self, name: str, comment: str | None = None) -> Alarm:
        return await self._alarm_action(name, "return-to-service", {"comment": comment})

    # -- select-before-operate (edge_server/api/writes.py) ---------------------------------
    async def select(self, tag: str, value: float) -> dict[str, Any]:
        """Step 1: the edge answers with a short-lived ``selection_id`` and the current value."""
        try:
            data = await self.call("POST", f"/tags/{quote(tag, safe='')}/select",
                                   json={"value": value})
        except ApiError as exc:
            if exc.status in (404, 405) and exc.code in ("not_found", "method_not_allowed"):
                raise NotAvailable("select-before-operate writes") from None
            raise
        return dict(data or {})

    async def operate(self, tag: str, selection: dict[str, Any], value: float) -> WriteResult:
        """Step 2: write; the answer carries the value read back from the device (a mismatch
        is a 502 ``write_mismatch`` ApiError)."""
        data = await self.call("POST", f"/tags/{quote(tag, safe='')}/operate", json={
            "selection_id": selection["selection_id"], "value": value})
        d = dict(data or {})
        rb = d.get("read_back")
        return WriteResult(tag=tag, requested=value,
                           read_back=None if rb is None else float(rb),
                           quality="GOOD" if d.get("match") else "MISMATCH",
                           ok=bool(d.get("ok")))

    async def cancel(self, tag: str, selection: dict[str, Any]) -> None:
        if "selection_id" not in selection:
            return
        with contextlib.suppress(ApiError, ConnectionLost):
            await self.call("POST", f"/tags/{quote(tag, safe='')}/cancel",
                            json={"selection_id": selection["selection_id"]})
