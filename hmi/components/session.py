"""SessionModel: who is logged in, their role, and what the screens may offer them.

Actions a role may not perform are not offered at all (hidden or disabled with the reason),
so an operator never learns of a refusal only after trying; the edge enforces it anyway.
"""

from __future__ import annotations

from hmi.api.types import Me
from hmi.components.events import Event

ALARM_ACK = "alarms.ack"
ALARM_SHELVE = "alarms.shelve"
ALARM_COMMENT = "alarms.comment"
ALARM_OUT_OF_SERVICE = "alarms.out_of_service"
TAG_WRITE = "tags.write"


class SessionModel:
    def __init__(self) -> None:
        self.user: Me | None = None
        self.server = ""
        self.needs_password = False  # the session ended and the password must be typed again
        self.changed = Event()

    def set_user(self, user: Me | None, server: str = "") -> None:
        self.user = user
        if server:
            self.server = server
        self.needs_password = False
        self.changed.emit()

    def set_needs_password(self) -> None:
        self.needs_password = True
        self.changed.emit()

    def can(self, permission: str) -> bool:
        return self.user is not None and self.user.can(permission)

    @property
    def username(self) -> str:
        return self.user.username if self.user else ""

    @property
    def role(self) -> str:
        return self.user.role if self.user else ""
