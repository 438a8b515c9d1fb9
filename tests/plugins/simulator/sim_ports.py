"""Free loopback ports for the simulator tests (see tests/_ports.py for why not bind(0))."""

from tests._ports import free_ports

__all__ = ["free_ports"]
