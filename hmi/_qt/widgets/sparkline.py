"""Sparkline: the last hour of a tag as a thin line (from the edge's decimated trend)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from hmi._qt import theme


class Sparkline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[float] = []
        self.setMinimumSize(80, 22)

    def sizeHint(self) -> QSize:
        return QSize(120, 24)

    def set_values(self, values: list[float]) -> None:
        self.values = [v for v in values if not math.isnan(v)]
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if len(self.values) < 2:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        lo, hi = min(self.values), max(self.values)
        span = hi - lo or 1.0
        w, h = self.width() - 2, self.height() - 4
        n = len(self.values) - 1
        pts = QPolygonF([QPointF(1 + i * w / n, 2 + h - (v - lo) / span * h)
                         for i, v in enumerate(self.values)])
        p.setPen(QPen(theme.TEXT_DIM, 1.2))
        p.drawPolyline(pts)
        p.end()
