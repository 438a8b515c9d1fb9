"""AlarmTableModel: the alarm table as a plain QAbstractTableModel over rows that are already
filtered and sorted on the Qt-free side (``AlarmTableRows``). Sorting by priority uses the
numeric priority, by time the real timestamp, by state its ISA-18.2 order, never the
displayed text.

No QSortFilterProxyModel: it called the Python ``data()`` twice per comparison (seconds for
10,000 alarms). A poll is announced as the rows it inserted, removed or changed (a reset only
when the change is large), a sort as a layout change that moves persistent indexes (the
selection) with their alarms. Translated texts, the priority icons and the bold font are made
once, not per cell and paint.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPixmap

from hmi._qt import theme
from hmi.api.types import Alarm
from hmi.components.alarms import (
    COLUMNS,
    AlarmFilter,
    AlarmListModel,
    AlarmTableRows,
    diff_rows,
    is_unacknowledged,
)

__all__ = ["ALARM_ROLE", "COLUMNS", "AlarmTableModel", "AlarmTexts", "header",
           "priority_text", "state_text", "value_text"]

ALARM_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_DECORATION = Qt.ItemDataRole.DecorationRole.value
_FONT = Qt.ItemDataRole.FontRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ALARM = int(ALARM_ROLE)
_SORT_HINT = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
_LAYOUT_SIGNATURE = "QList<QPersistentModelIndex>,QAbstractItemModel::LayoutChangeHint"
ICON_PX = 16


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


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


def value_text(a: Alarm) -> str:
    v = "—" if a.value is None else f"{a.value:.1f}"
    return v + ("" if a.limit is None else f" / {a.limit:.1f}")


class AlarmTexts:
    """The table's translated texts, looked up once per language: ``clear()`` when the
    language changes (``AlarmTableModel.retranslate``)."""

    def __init__(self) -> None:
        self._state: dict[str, str] = {}
        self._priority: dict[str, str] = {}
        self._header: dict[str, str] = {}

    def clear(self) -> None:
        self._state.clear()
        self._priority.clear()
        self._header.clear()

    def state(self, state: str) -> str:
        t = self._state.get(state)
        if t is None:
            t = self._state[state] = state_text(state)
        return t

    def priority(self, priority: str) -> str:
        t = self._priority.get(priority)
        if t is None:
            t = self._priority[priority] = priority_text(priority)
        return t

    def header(self, column: str) -> str:
        t = self._header.get(column)
        if t is None:
            t = self._header[column] = header(column)
        return t


class AlarmTableModel(QAbstractTableModel):
    """Rows: ``AlarmTableRows`` over ``alarms``; ``set_filter`` and ``sort`` (what a header
    click calls) change them; every change of the list is applied as a diff."""

    #: rows coming or going in more separate places than this: one reset instead
    MAX_RANGES = 32

    def __init__(self, alarms: AlarmListModel) -> None:
        super().__init__()
        self._model = alarms
        self.table_rows = AlarmTableRows(alarms)
        self._rows: list[Alarm] = self.table_rows.rows()
        self._row_of: dict[str, int] | None = None
        self._stale = alarms.stale
        self.texts = AlarmTexts()
        self._pixmaps: dict[tuple[str, bool], QPixmap] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._dim = QColor("#6a6a6a")
        alarms.changed.connect(self._reload)

    # -- the rows --------------------------------------------------------------------------
    @property
    def filter(self) -> AlarmFilter:
        return self.table_rows.filter

    def rows(self) -> list[Alarm]:
        """The rows as shown: filtered and sorted."""
        return list(self._rows)

    def alarm(self, row: int) -> Alarm:
        return self._rows[row]

    alarm_at = alarm

    def row_of(self, name: str) -> int | None:
        if self._row_of is None:
            self._row_of = {a.name: i for i, a in enumerate(self._rows)}
        return self._row_of.get(name)

    def _set_rows(self, rows: list[Alarm]) -> None:
        self._rows = rows
        self._row_of = None

    def set_filter(self, f: AlarmFilter) -> None:
        if f == self.table_rows.filter:
            return
        self.table_rows.filter = f
        self._apply(self.table_rows.rows())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (-1: the list's ISA-18.2 order), as a layout change: the
        persistent indexes (selection, current row) follow their alarms."""
        name = COLUMNS[column] if 0 <= column < len(COLUMNS) else None
        descending = order == Qt.SortOrder.DescendingOrder
        if (name, descending) == (self.table_rows.sort_column, self.table_rows.descending):
            return
        self.table_rows.sort_column, self.table_rows.descending = name, descending
        self._relayout(self.table_rows.rows())

    def _reload(self) -> None:
        if self._model.stale != self._stale:
            self._stale = self._model.stale
            if self._rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(self._rows) - 1, len(COLUMNS) - 1),
                                      [Qt.ItemDataRole.ForegroundRole])
        self._apply(self.table_rows.rows())

    def _apply(self, new: list[Alarm]) -> None:
        """Announce the way from the current rows to ``new``, in the order RowChanges gives."""
        ch = diff_rows(self._rows, new, self.MAX_RANGES)
        if ch.empty:
            return
        if ch.reset:
            self.beginResetModel()
            self._set_rows(new)
            self.endResetModel()
            return
        root = QModelIndex()
        was_shown = {a.name for a in self._rows}
        rows = list(self._rows)
        self._set_rows(rows)
        for first, last in ch.removed:
            self.beginRemoveRows(root, first, last)
            del rows[first:last + 1]
            self._row_of = None
            self.endRemoveRows()
        kept = [a for a in new if a.name in was_shown]  # the rows left, in their new order
        if ch.moved:
            self._relayout(kept)
        else:
            self._set_rows(kept)  # same order; their new contents are announced below
        rows = self._rows
        for first, last in ch.inserted:
            self.beginInsertRows(root, first, last)
            rows[first:first] = new[first:last + 1]
            self._row_of = None
            self.endInsertRows()
        self._set_rows(new)
        last_col = len(COLUMNS) - 1
        for first, last in ch.changed:
            self.dataChanged.emit(self.index(first, 0), self.index(last, last_col))

    def _relayout(self, new: list[Alarm]) -> None:
        """Show the same alarms in another order; persistent indexes move with their alarm."""
        self.layoutAboutToBeChanged[_LAYOUT_SIGNATURE].emit(  # type: ignore[index]
            [], _SORT_HINT)
        old = self.persistentIndexList()
        names = [self._rows[i.row()].name for i in old]
        self._set_rows(new)
        if old:
            moved = []
            for name, i in zip(names, old, strict=True):
                row = self.row_of(name)
                moved.append(QModelIndex() if row is None else self.index(row, i.column()))
            self.changePersistentIndexList(old, moved)
        self.layoutChanged[_LAYOUT_SIGNATURE].emit([], _SORT_HINT)  # type: ignore[index]

    def retranslate(self) -> None:
        """The language changed: texts again, headers and the translated columns repainted."""
        self.texts.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(COLUMNS) - 1),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole])

    # -- Qt model interface ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY \
                and 0 <= section < len(COLUMNS):
            return self.texts.header(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not 0 <= row < len(self._rows):  # also an invalid index (row -1)
            return None
        a = self._rows[row]
        if role == _DISPLAY:
            return self._text(a, index.column())
        if role == _DECORATION:
            return self._icon(a) if index.column() == 0 else None
        if role == _FONT:
            return self._bold if is_unacknowledged(a) else None
        if role == _FOREGROUND:
            return self._dim if self._stale else None
        if role == _TOOLTIP:
            return self._tooltip(a)
        if role == _ALARM:
            return a
        return None

    def _icon(self, a: Alarm) -> QPixmap:
        key = (a.priority, not is_unacknowledged(a))
        pm = self._pixmaps.get(key)
        if pm is None:
            pm = self._pixmaps[key] = theme.priority_pixmap(a.priority, ICON_PX, hollow=key[1])
        return pm

    def _text(self, a: Alarm, column: int) -> str:
        if column == 0:
            return self.texts.priority(a.priority)
        if column == 1:
            return f"{a.since.astimezone():%d/%m %H:%M:%S}" if a.since else ""
        if column == 2:
            return a.area
        if column == 3:
            return a.name
        if column == 4:
            return self.texts.state(a.state)
        if column == 5:
            return a.message
        if column == 6:
            return value_text(a)
        return ""

    @staticmethod
    def _tooltip(a: Alarm) -> str:
        tip = f"{a.name}\n{a.message}"
        if a.consequence:
            tip += "\n" + tr("Consequence") + f": {a.consequence}"
        if a.response:
            tip += "\n" + tr("Response") + f": {a.response}"
        if a.shelved_until:
            tip += "\n" + tr("Shelved until") + f" {a.shelved_until.astimezone():%H:%M}"
        return tip
