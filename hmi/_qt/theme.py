"""ISA-101 high-performance palette: calm greys for normal, colour only for abnormal.

Alarm priority is always shape + number + colour (colour-blind operators, monochrome
printouts); bad or stale values are hatched with a text marker. Colours live here only.
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

BACKGROUND = QColor("#d9d9d9")
PANEL = QColor("#e4e4e4")
TEXT = QColor("#1e1e1e")
TEXT_DIM = QColor("#5a5a5a")
NORMAL_BAND = QColor("#c4c4c4")
SCALE = QColor("#f0f0f0")
POINTER = QColor("#202020")
BAD_HATCH = QColor("#8a8a8a")
RUNNING = QColor("#2f2f2f")  # running is normal: dark grey, not green (ISA-101)

PRIORITY_COLOR = {
    "critical": QColor("#d0021b"),
    "high": QColor("#f07800"),
    "medium": QColor("#f2c200"),
    "low": QColor("#9b59b6"),
}
PRIORITY_NUMBER = {"critical": "1", "high": "2", "medium": "3", "low": "4"}

PEN_COLORS = ("#1f4e9c", "#b03a2e", "#1e8449", "#7d3c98", "#b9770e", "#117a8b", "#4d4d4d",
              "#a04000", "#c2185b", "#827717", "#6d4c41", "#0277bd")  # one per trend pen (12)


def stylesheet() -> str:
    """The application's QSS (resources/hmi/styles/hmi.qss)."""
    return (resources.files("resources") / "hmi" / "styles" / "hmi.qss").read_text("utf-8")


def priority_pixmap(priority: str, size: int = 18, hollow: bool = False) -> QPixmap:
    """ISA-101 alarm indicator: critical ◆1, high ▲2, medium ■3, low ●4. ``hollow`` draws
    the outline only (acknowledged, or the "off" phase of flashing)."""
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = PRIORITY_COLOR.get(priority, TEXT_DIM)
    p.setPen(QPen(QColor("#000000"), 1.2))
    p.setBrush(QBrush(PANEL if hollow else color))
    m, s = 1.0, size - 2.0
    path = QPainterPath()
    if priority == "critical":
        path.addPolygon(QPolygonF([QPointF(m + s / 2, m), QPointF(m + s, m + s / 2),
                                   QPointF(m + s / 2, m + s), QPointF(m, m + s / 2)]))
    elif priority == "high":
        path.addPolygon(QPolygonF([QPointF(m + s / 2, m), QPointF(m + s, m + s),
                                   QPointF(m, m + s)]))
    elif priority == "medium":
        path.addRect(QRectF(m + 1, m + 1, s - 2, s - 2))
    else:
        path.addEllipse(QRectF(m, m, s, s))
    path.closeSubpath()
    p.drawPath(path)
    font = p.font()
    font.setPixelSize(int(size * 0.55))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("#000000") if priority in ("medium", "high") or hollow
             else QColor("#ffffff"))
    rect = QRectF(0, size * 0.12 if priority == "high" else 0, size, size)
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, PRIORITY_NUMBER.get(priority, "?"))
    p.end()
    return pm


def hatch_brush() -> QBrush:
    """The brush behind a value that must not be trusted (bad, stale, no link)."""
    return QBrush(BAD_HATCH, Qt.BrushStyle.BDiagPattern)
