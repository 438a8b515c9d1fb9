"""IdleLock: locks the session after the edge's inactivity time (IEC 62443-3-3 SR 2.5).

Why an application-wide event filter: "inactivity" is the operator's, not one widget's; any
key, click or wheel anywhere in the HMI (dialogs included) counts as activity. Mouse moves do
not: a mouse nudged by a sleeve should not keep an unattended console unlocked. Locking only
takes the actions away (``SessionModel.can``); the displays stay live, as a control room needs.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from hmi.components.session import SessionModel

_ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                       QEvent.Type.Wheel, QEvent.Type.TouchBegin})
CHECK_EVERY_MS = 5_000


class IdleLock(QObject):
    def __init__(self, session: SessionModel, parent: QObject | None = None, *,
                 check_every_ms: int = CHECK_EVERY_MS) -> None:
        super().__init__(parent)
        self.session = session
        self.last_input = time.monotonic()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(check_every_ms)
        session.changed.connect(self._on_session)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.last_input = time.monotonic()
        return False

    def idle_s(self) -> float:
        return time.monotonic() - self.last_input

    def check(self) -> None:
        s = self.session
        if s.lock_after_s > 0 and s.user is not None and not s.locked \
                and self.idle_s() >= s.lock_after_s:
            s.lock()

    def _on_session(self) -> None:
        if not self.session.locked:  # unlocked (logged in again): the idle time starts over
            self.last_input = max(self.last_input, time.monotonic() - 1.0)

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
