"""Small input widgets of the Decline curves form: section headers, compact combos, spin
boxes, date edits.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QLabel,
)


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: 600; margin-top: 8px; color: #1f4e9c;")
    return label


def _set_item_text(combo: QComboBox, index: int, text: str) -> None:
    combo.setItemText(index, text)


def _compact(c: QComboBox) -> QComboBox:
    """A combo that does not widen the input column to its longest item."""
    c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    c.setMinimumContentsLength(14)
    return c


def _spin(lo: float, hi: float, value: float, decimals: int = 2, step: float = 1.0,
          suffix: str = "") -> QDoubleSpinBox:
    s = QDoubleSpinBox()
    s.setRange(lo, hi)
    s.setDecimals(decimals)
    s.setSingleStep(step)
    s.setValue(value)
    s.setKeyboardTracking(False)
    if suffix:
        s.setSuffix(suffix)
    return s


def _date_edit() -> QDateEdit:
    d = QDateEdit()
    d.setCalendarPopup(True)
    d.setDisplayFormat("yyyy-MM-dd")
    d.setDate(QDate.currentDate())
    d.setEnabled(False)
    return d


def _to_date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())
