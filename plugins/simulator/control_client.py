"""Client side of the simulator's control channel (JSON lines over loopback TCP).

Kept apart from the server side so that a CLI process can talk to a running simulator without
importing the simulator itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

DEFAULT_CONTROL_PORT = 15999
MAX_LINE = 64 * 1024


async def send_control(
    host: str, port: int, request: dict[str, Any], timeout_s: float = 5.0
) -> dict[str, Any]:
    """Send one request to a running simulator's control channel and return its answer.

    Raises ``ConnectionError`` when nothing listens there, ``TimeoutError`` when it does not
    answer within ``timeout_s``.
    """
    async with asyncio.timeout(timeout_s):
        reader, writer = await asyncio.open_connection(host, port, limit=MAX_LINE)
        try:
            writer.write(json.dumps(request).encode() + b"\n")
            await writer.drain()
            line = await reader.readline()
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()
    if not line:
        raise ConnectionError(f"simulator at {host}:{port} closed without answering")
    answer: dict[str, Any] = json.loads(line)
    return answer
