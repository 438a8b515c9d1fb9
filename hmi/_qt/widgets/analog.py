"""AnalogBar: a horizontal ISA-101 analog indicator.

The scale is light grey, the normal operating band a darker grey, the value a dark pointer:
a value inside its band is quiet, one outside is seen by its position, not by colour. A value
that cannot be trusted draws a hollow pointer over a hatched scale.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from hmi._qt import theme


class AnalogBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lo, self.hi = 0.0, 100.0
        self.band: tuple[float, float] | None = None
        self.value: float | None = None
        self.good = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(90, 14)

    def minimumSizeHint(self) -> QSize:
        return QSize(40, 12)

    def set_range(self, lo: float, hi: float, band: tuple[float, float] | None) -> None:
        self.lo, self.hi = (lo, hi) if hi > lo else (lo, lo + 1.0)
        self.band = band
        self.update()

    def set_value(self, value: float | None, good: bool) -> None:
        self.value, self.good = value, good
        self.update()

    def _x(self, v: float, r: QRectF) -> float:
        f = (v - self.lo) / (self.hi - self.lo)
        return r.left() + max(0.0, min(1.0, f)) * r.width()

    def outside_band(self) -> bool:
        return (self.value is not None and self.band is not None
                and not self.band[0] <= self.value <= self.band[1])

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        h = self.height()
        r = QRectF(4, 2, self.width() - 8, h - 7)
        p.fillRect(r, theme.SCALE)
        if self.band is not None:
            b = QRectF(self._x(self.band[0], r), r.top(),
                       self._x(self.band[1], r) - self._x(self.band[0], r), r.height())
            p.fillRect(b, theme.NORMAL_BAND)
        if not self.good:
            p.fillRect(r, theme.hatch_brush())
        p.setPen(QPen(theme.TEXT_DIM, 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(r)
        if self.value is not None:
            x = self._x(self.value, r)
            tri = QPolygonF([QPointF(x, r.bottom() - 2), QPointF(x - 4, h - 1),
                             QPointF(x + 4, h - 1)])
            p.setPen(QPen(theme.POINTER, 1.5))
            p.setBrush(QBrush(theme.POINTER) if self.good else Qt.BrushStyle.NoBrush)
            p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()))
            p.drawPolygon(tri)
        p.end()
