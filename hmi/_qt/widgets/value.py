"""ValueLabel: one tag's value as text with its quality; hatched when it must not be trusted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget

from hmi._qt import theme
from hmi._qt.quality import format_reading
from hmi.components.tag_values import Reading
from hmi.components.units import UnitsModel


class ValueLabel(QLabel):
    def __init__(self, units: UnitsModel, source_units: str = "", digits: int = 1,
                 parent: QWidget | None = None) -> None:
        super().__init__("—", parent)
        self._units = units
        self.source_units = source_units
        self.digits = digits
        self._good = False
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setObjectName("value")

    def show_reading(self, r: Reading) -> None:
        text, tip = format_reading(r, self.source_units, self._units, self.digits)
        self.setText(text)
        self.setToolTip(tip)
        self._good = r.shown_good
        self.setProperty("quality", "good" if r.shown_good else "bad")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._good:
            p = QPainter(self)
            p.fillRect(self.rect(), theme.hatch_brush())
            p.end()
        super().paintEvent(event)
