"""PriorityIcon: the alarm indicator as a widget (shape + number), flashing when unacknowledged."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from hmi._qt import theme


class PriorityIcon(QLabel):
    def __init__(self, size: int = 18, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size = size
        self.priority: str | None = None
        self.unacknowledged = False
        self.setFixedSize(size, size)

    def set_alarm(self, priority: str | None, unacknowledged: bool) -> None:
        self.priority, self.unacknowledged = priority, unacknowledged
        self.blink(True)

    def blink(self, on: bool) -> None:
        """Flashing = alternate filled/hollow (shape stays visible in both phases)."""
        if self.priority is None:
            self.clear()
            return
        hollow = self.unacknowledged and not on
        self.setPixmap(theme.priority_pixmap(self.priority, self._size, hollow=hollow))
