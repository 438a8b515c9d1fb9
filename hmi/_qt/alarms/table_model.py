"""AlarmTableModel (QAbstractTableModel over AlarmListModel) and AlarmFilterProxy (sort and
filter). Sorting by priority uses the numeric priority, by time the real timestamp, never the
displayed text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from hmi._qt import theme
from hmi.api.types import Alarm
from hmi.components.alarms import AlarmFilter, AlarmListModel, is_unacknowledged

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ALARM_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


COLUMNS = ("priority", "time", "area", "alarm", "state", "message", "value")


def header(column: str) -> str:
    return {"priority": tr("Priority"), "time": tr("Time"), "area": tr("Area"),
            "alarm": tr("Alarm"), "state": tr("State"), "message": tr("Message"),
            "value": tr("Value / limit")}[column]


def state_text(state: str) -> str:
    return {"unack": tr("ACTIVE - unacknowledged"), "acked": tr("Active - acknowledged"),
            "rtn_unack": tr("Cleared - unacknowledged"), "latched": tr("Latched - reset needed"),
            "shelved": tr("Shelved"), "suppressed_by_design": tr("Suppressed by design"),
            "out_of_service": tr("Out of service"), "normal": tr("Normal")}.get(state, state)


def priority_text(priority: str) -> str:
    return {"critical": tr("1 Critical"), "high": tr("2 High"), "medium": tr("3 Medium"),
            "low": tr("4 Low")}.get(priority, priority)


class AlarmTableModel(QAbstractTableModel):
    def __init__(self, alarms: AlarmListModel) -> None:
        super().__init__()
        self._model = alarms
        self._rows: list[Alarm] = list(alarms.alarms)
        alarms.changed.connect(self._reload)

    def _reload(self) -> None:
        self.beginResetModel()
        self._rows = list(self._model.alarms)
        self.endResetModel()

    def alarm(self, row: int) -> Alarm:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return header(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self._rows[index.row()]
        col = COLUMNS[index.column()]
        if role == ALARM_ROLE:
            return a
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(a, col)
        if role == SORT_ROLE:
            return self._sort_value(a, col)
        if role == Qt.ItemDataRole.DecorationRole and col == "priority":
            return theme.priority_pixmap(a.priority, 16, hollow=not is_unacknowledged(a))
        if role == Qt.ItemDataRole.FontRole and is_unacknowledged(a):
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ForegroundRole and self._model.stale:
            return QColor("#6a6a6a")
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{a.name}\n{a.message}"
            if a.consequence:
                tip += "\n" + tr("Consequence") + f": {a.consequence}"
            if a.response:
                tip += "\n" + tr("Response") + f": {a.response}"
            if a.shelved_until:
                tip += "\n" + tr("Shelved until") + f" {a.shelved_until.astimezone():%H:%M}"
            return tip
        return None

    @staticmethod
    def _text(a: Alarm, col: str) -> str:
        if col == "priority":
            return priority_text(a.priority)
        if col == "time":
            return f"{a.since.astimezone():%d/%m %H:%M:%S}" if a.since else ""
        if col == "area":
            return a.area
        if col == "alarm":
            return a.name
        if col == "state":
            return state_text(a.state)
        if col == "message":
            return a.message
        if col == "value":
            v = "—" if a.value is None else f"{a.value:.1f}"
            lim = "" if a.limit is None else f" / {a.limit:.1f}"
            return v + lim
        return ""

    @staticmethod
    def _sort_value(a: Alarm, col: str) -> Any:
        if col == "priority":
            return a.priority_value
        if col == "time":
            return a.since.timestamp() if a.since else 0.0
        if col == "value":
            return a.value if a.value is not None else float("-inf")
        return AlarmTableModel._text(a, col)


class AlarmFilterProxy(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.filter = AlarmFilter()
        self.setSortRole(SORT_ROLE)

    def set_filter(self, f: AlarmFilter) -> None:
        self.beginFilterChange()
        self.filter = f
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        src = self.sourceModel()
        assert isinstance(src, AlarmTableModel)
        return self.filter.accepts(src.alarm(row))

    def alarm_at(self, row: int) -> Alarm:
        a = self.data(self.index(row, 0), ALARM_ROLE)
        assert isinstance(a, Alarm)
        return a
