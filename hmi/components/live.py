"""LiveUpdater: keeps the models current from the edge and tracks the link.

Polling over REST (``/tags/values``, ``/alarms/active``, ``/devices``) is the transport today:
the WebSocket stream (``edge_server/api/ws.py``) is not in the API yet. When it lands,
``hmi.api.stream.StreamClient`` feeds the same models and this loop only polls devices.

When the edge stops answering, every value and the alarm list are marked not live at once, and
the loop retries with a growing pause (1, 2, 5 s); when the edge answers again, values come
back and the screens say so (ConnectionModel).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable
from datetime import datetime

from hmi.api.client import ApiClient, ConnectionState
from hmi.api.errors import ApiError, AuthRequired, ConnectionLost
from hmi.components.alarms import AlarmListModel
from hmi.components.connection import ConnectionModel
from hmi.components.session import SessionModel
from hmi.components.tag_values import TagValuesModel

log = logging.getLogger(__name__)

BACKOFF_S = (1.0, 2.0, 5.0)
DEVICES_EVERY = 5  # ticks


async def fill_since(client: ApiClient, alarms: AlarmListModel) -> None:
    """When each listed alarm last changed state (the alarm lists carry no time): the newest
    journal rows; an alarm older than them keeps an empty time until asked for."""
    names = alarms.missing_since()
    if not names:
        return
    since: dict[str, datetime | None] = {n: None for n in names}
    for e in await client.journal(limit=500):
        if e.alarm in since and since[e.alarm] is None:
            since[e.alarm] = e.ts
    alarms.set_since(since)


class LiveUpdater:
    def __init__(self, client: ApiClient, tags: TagValuesModel, alarms: AlarmListModel,
                 connection: ConnectionModel, session: SessionModel,
                 interval_s: float = 1.0) -> None:
        self.client = client
        self.tags = tags
        self.alarms = alarms
        self.connection = connection
        self.session = session
        self.interval_s = interval_s
        self._watch: dict[str, frozenset[str]] = {}
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._resume = asyncio.Event()
        self._resume.set()
        client.on_state(self._on_client_state)
        self._on_client_state(client.state, client.last_error)

    # -- what to poll ------------------------------------------------------------------------
    def watch(self, owner: str, names: Iterable[str]) -> None:
        """The screen ``owner`` shows ``names``; replaces what it watched before."""
        self._watch[owner] = frozenset(names)
        self._wake.set()

    def watched(self) -> list[str]:
        out: set[str] = set()
        for names in self._watch.values():
            out |= names
        return sorted(n for n in out if not self.tags.infos or n in self.tags.infos)

    # -- link --------------------------------------------------------------------------------
    def _on_client_state(self, state: ConnectionState, reason: str) -> None:
        self.connection.set_state(state, reason)
        live = state is ConnectionState.CONNECTED
        self.tags.set_link(live)
        self.alarms.set_stale(not live)

    # -- loop --------------------------------------------------------------------------------
    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.ensure_future(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def resume_after_login(self) -> None:
        """The operator typed the password again: carry on, screens untouched."""
        self._resume.set()
        self._wake.set()

    async def poll_once(self, tick: int = 0) -> None:
        if not self.tags.infos:
            self.tags.set_infos(await self.client.tags())
        names = self.watched()
        if names:
            self.tags.update(await self.client.values(names))
        self.alarms.set_alarms(await self.client.active_alarms())
        await fill_since(self.client, self.alarms)
        if tick % DEVICES_EVERY == 0:
            self.connection.set_devices(await self.client.devices())
            with contextlib.suppress(ApiError):
                self.connection.set_health(await self.client.health())

    async def _run(self) -> None:
        tick, failures = 0, 0
        while True:
            await self._resume.wait()
            pause = self.interval_s
            # Cleared before the poll: a screen that asks for data while this poll runs (the
            # overview right after login) gets the next poll at once, not a full interval later.
            self._wake.clear()
            try:
                await self.poll_once(tick)
                failures = 0
                tick += 1
            except AuthRequired as exc:
                log.info("session ended: %s", exc.reason)
                self._resume.clear()
                self.session.set_needs_password()
                continue
            except ConnectionLost:
                pause = BACKOFF_S[min(failures, len(BACKOFF_S) - 1)]
                failures += 1
                tick = 0  # refresh the device list first when the edge is back
            except ApiError as exc:
                log.warning("poll refused: %s", exc)
                pause = BACKOFF_S[-1]
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), pause)
