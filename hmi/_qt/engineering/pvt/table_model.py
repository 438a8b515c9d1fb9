"""The pressure table's Qt model: every property column, the bubble-point row shaded.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from domain.engineering.pvt import FIELDS
from hmi._qt.engineering.common import tr
from hmi.components.engineering import pvt as m

Index = QModelIndex | QPersistentModelIndex
#: short column symbols for the screen table (the CSV keeps the domain's ASCII keys)
SYMBOLS = {"rho_o": "ρo", "rho_g": "ρg", "rho_w": "ρw", "mu_o": "μo", "mu_g": "μg",
           "mu_w": "μw", "sigma_og": "σog", "sigma_wg": "σwg"}
PB_ROW_BRUSH = QBrush(QColor("#fbe3c8"))


class PvtTableModel(QAbstractTableModel):
    """The pressure table, read-only: every FIELDS column, the bubble-point row shaded."""

    def __init__(self) -> None:
        super().__init__()
        self.values = np.zeros((0, len(FIELDS)))
        self.pb_row: int | None = None
        self.headers: list[tuple[str, str, str]] = []

    def set_table(self, values: np.ndarray, pb_row: int | None,
                  headers: list[tuple[str, str, str]]) -> None:
        self.beginResetModel()
        self.values = values
        self.pb_row = pb_row
        self.headers = headers
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else int(self.values.shape[0])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIELDS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return m.fmt(float(self.values[r, c]))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and r == self.pb_row:
            return PB_ROW_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and r == self.pb_row:
            return tr("Bubble point")
        if role == Qt.ItemDataRole.UserRole:
            return float(self.values[r, c])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return "pb" if section == self.pb_row else str(section + 1)
            return None
        if not self.headers or section >= len(self.headers):
            return None
        key, unit, label = self.headers[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{SYMBOLS.get(key, key)}\n[{unit}]"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{label} [{unit}]"
        return None
