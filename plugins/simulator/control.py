"""Control channel: JSON lines over loopback TCP, so another process can inject events.

One request per line, one answer per line::

    {"cmd": "inject", "device": "W03", "event": "esp_trip"}  ->  {"ok": true}
    {"cmd": "clear",  "device": "W03", "event": "esp_trip"}  ->  {"ok": true}
    {"cmd": "status"}  ->  {"ok": true, "status": {"field": ..., "devices": [...]}}
    anything wrong     ->  {"ok": false, "error": "unknown device 'W99'; ..."}

It listens on loopback only: it has no authentication, it is a demo and test tool.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

from plugins.simulator.control_client import DEFAULT_CONTROL_PORT, MAX_LINE, send_control
from plugins.simulator.server import FieldSimulator, SimulatorError

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_CONTROL_PORT", "ControlServer", "handle_request", "send_control"]


async def handle_request(sim: FieldSimulator, request: Any) -> dict[str, Any]:
    """Carry out one control request and say how it went; never raises."""
    if not isinstance(request, dict):
        return {"ok": False, "error": "request must be a JSON object"}
    cmd = request.get("cmd")
    try:
        if cmd == "status":
            return {"ok": True, "status": sim.status()}
        if cmd in ("inject", "clear"):
            device, event = request.get("device"), request.get("event")
            if not isinstance(device, str) or not isinstance(event, str):
                return {"ok": False, "error": f"{cmd} needs string fields 'device' and 'event'"}
            await (sim.inject if cmd == "inject" else sim.clear)(device, event)
            return {"ok": True}
    except SimulatorError as exc:
        return {"ok": False, "error": str(exc)}
    except OSError as exc:  # e.g. clearing comms_loss while the port was taken meanwhile
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    return {"ok": False, "error": f"unknown cmd {cmd!r}; known: inject, clear, status"}


class ControlServer:
    """Serves :func:`handle_request` to JSON-lines clients on ``host:port``."""

    def __init__(
        self, sim: FieldSimulator, host: str = "127.0.0.1", port: int = DEFAULT_CONTROL_PORT
    ) -> None:
        self.sim = sim
        self.host = host
        self.port = port
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(
            self._client, self.host, self.port, limit=MAX_LINE
        )
        self.port = self._server.sockets[0].getsockname()[1]  # the real one when port=0
        log.info("simulator control channel on %s:%d", self.host, self.port)

    async def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
            await server.wait_closed()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while line := await reader.readline():
                try:
                    request = json.loads(line)
                except json.JSONDecodeError as exc:
                    answer: dict[str, Any] = {"ok": False, "error": f"invalid JSON: {exc}"}
                else:
                    answer = await handle_request(self.sim, request)
                writer.write(json.dumps(answer).encode() + b"\n")
                await writer.drain()
        except (ConnectionError, asyncio.LimitOverrunError, ValueError):
            pass  # client went away or sent an over-long line: drop it
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()
