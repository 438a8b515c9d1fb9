"""The history table's Qt model: the model's current history, edited in place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from hmi._qt.engineering.common import tr
from hmi.components.engineering import matbal as m

if TYPE_CHECKING:
    from hmi._qt.engineering.matbal.base import MatbalTabBase

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def _cell_text(v: float | None) -> str:
    """How a history cell reads: grouped integers for volumes, 6 digits for PVT."""
    if v is None:
        return ""
    if abs(v) >= 1e15:
        return f"{v:.6g}"
    if abs(v) >= 1000 or v == int(v):
        return f"{v:,.2f}".rstrip("0").rstrip(".")
    return f"{v:.6g}"


class HistoryTableModel(QAbstractTableModel):
    """The model's current history table as a Qt table (edits go back to the model)."""

    def __init__(self, tab: MatbalTabBase) -> None:
        super().__init__()
        self.tab = tab
        self.table = tab.model.table
        self._editing = False
        self.excluded: set[int] = set()
        for t in tab.model.tables.values():
            t.changed.connect(self._table_changed)

    def set_table(self, table: m.HistoryTable) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def _table_changed(self) -> None:
        if not self._editing:
            self.beginResetModel()
            self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.table)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.table.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            col = self.table.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return col.header + (" *" if col.required else "")
            if role == Qt.ItemDataRole.ToolTipRole:
                req = tr("Required") if col.required else tr("Optional")
                return f"{tr(col.description)} ({req})"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("Row 0 is the initial survey") if section == 0 else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        v = self.table.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell_text(v)
        if role == Qt.ItemDataRole.EditRole:
            return "" if v is None else f"{v:.10g}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and index.row() in self.excluded:
            return QBrush(QColor("#8a8a8a"))
        if role == Qt.ItemDataRole.BackgroundRole and index.row() == 0:
            return QBrush(QColor("#eef2f8"))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable)

    def setData(self, index: Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        col = self.table.columns[index.column()]
        where = tr("Row %1, column %2").replace("%1", str(index.row())).replace("%2",
                                                                                  col.header)
        try:
            v = m.parse_number(str(value))
        except ValueError:
            self.tab.jobbar.show_message(f"✖ {where}: " + tr("%1 is not a number")
                                         .replace("%1", repr(str(value).strip())), error=True)
            return False
        if v is not None and col.sign == "positive" and not v > 0:
            self.tab.jobbar.show_message(f"✖ {where}: " + tr("must be > 0"), error=True)
            return False
        if v is not None and v < 0:
            self.tab.jobbar.show_message(f"✖ {where}: " + tr("cannot be negative"), error=True)
            return False
        self._editing = True
        try:
            self.table.set_cell(index.row(), index.column(), v)
        finally:
            self._editing = False
        self.dataChanged.emit(index, index)
        self.tab.jobbar.show_message("")
        return True
