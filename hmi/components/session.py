"""SessionModel: who is logged in, their role, and what the screens may offer them.

Actions a role may not perform are not offered at all (hidden or disabled with the reason),
so an operator never learns of a refusal only after trying; the edge enforces it anyway.

A locked session (IEC 62443-3-3 SR 2.5: after ``lock_after_s`` without input, or by hand)
offers no action at all while the displays stay live; it is unlocked by logging in again, as
the same user or another one (who then owns the session).
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
        self.locked = False
        self.lock_after_s = 0.0  # 0: no lock for inactivity (the edge's api.hmi_lock_minutes)
        self.login_banner = ""  # the edge's system use notification (api.login_banner)
        self.changed = Event()
        #: someone asked to unlock (the status bar's button): the app shows the login
        self.unlock_requested = Event()

    def set_user(self, user: Me | None, server: str = "") -> None:
        self.user = user
        if server:
            self.server = server
        self.needs_password = False
        self.locked = False
        self.changed.emit()

    def lock(self) -> None:
        """Lock now: no action is offered until someone logs in again."""
        if self.user is not None and not self.locked:
            self.locked = True
            self.changed.emit()

    def set_needs_password(self) -> None:
        self.needs_password = True
        self.changed.emit()

    def can(self, permission: str) -> bool:
        return self.user is not None and not self.locked and self.user.can(permission)

    @property
    def username(self) -> str:
        return self.user.username if self.user else ""

    @property
    def role(self) -> str:
        return self.user.role if self.user else ""
