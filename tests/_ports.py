"""Free loopback ports for servers the tests start.

Ports are drawn below the kernel's ephemeral range: a port the OS hands out for ``bind(0)``
can be taken a moment later by any outgoing connection (to PostgreSQL, say) before our
server binds it, which made tests fail at random.
"""

from __future__ import annotations

import random
import socket


def _ephemeral_low() -> int:
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range", encoding="ascii") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_ports(n: int) -> list[int]:
    """``n`` distinct TCP ports on 127.0.0.1 that nobody listens on right now."""
    low, high = 20000, min(_ephemeral_low(), 65535) - 1
    chosen: list[int] = []
    rng = random.Random()
    while len(chosen) < n:
        port = rng.randint(low, high)
        if port in chosen:
            continue
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        chosen.append(port)
    return chosen


def free_port() -> int:
    return free_ports(1)[0]
