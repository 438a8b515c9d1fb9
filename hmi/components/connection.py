"""ConnectionModel: is the HMI seeing the edge live, and which devices have bad comms.

The status bar and a full-width notice observe it; when the link drops every value and the
alarm list are marked as not live (TagValuesModel.set_link, AlarmListModel.set_stale).
"""

from __future__ import annotations

from datetime import UTC, datetime

from hmi.api.client import ConnectionState
from hmi.api.types import DeviceComms, Health
from hmi.components.events import Event


class ConnectionModel:
    def __init__(self, server: str = "") -> None:
        self.server = server
        self.state = ConnectionState.DISCONNECTED
        self.reason = ""
        self.since = datetime.now(UTC)
        self.devices: list[DeviceComms] = []
        self.health: Health | None = None
        self.last_update: datetime | None = None
        self.changed = Event()

    def set_state(self, state: ConnectionState, reason: str = "") -> None:
        if state is self.state and reason == self.reason:
            return
        if state is not self.state:
            self.since = datetime.now(UTC)
        self.state, self.reason = state, reason
        self.changed.emit()

    @property
    def live(self) -> bool:
        return self.state is ConnectionState.CONNECTED

    def set_devices(self, devices: list[DeviceComms]) -> None:
        self.devices = devices
        self.last_update = datetime.now(UTC)
        self.changed.emit()

    def set_health(self, health: Health) -> None:
        self.health = health
        self.changed.emit()

    def bad_devices(self) -> list[DeviceComms]:
        return [d for d in self.devices if d.state in ("down", "connecting")]

    def device(self, name: str) -> DeviceComms | None:
        return next((d for d in self.devices if d.name == name), None)
