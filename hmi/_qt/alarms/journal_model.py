"""JournalTableModel: the alarm journal search results as a plain QAbstractTableModel over
``JournalSearchModel.entries`` (newest first, as the edge returns them). A new search is a
reset; "load more" appends rows at the end (``beginInsertRows``), so the operator's scroll
position and selection stay. Translated texts and icons are made once, not per paint."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QPixmap

from hmi._qt import theme
from hmi._qt.alarms.table_model import ICON_PX, priority_text, state_text
from hmi.api.types import JournalEntry
from hmi.components.journal import JournalSearchModel

Index = QModelIndex | QPersistentModelIndex
JOURNAL_COLUMNS = ("time", "priority", "area", "alarm", "event", "state", "user", "value",
                   "comment", "message")
#: operator actions are bold: they are what a shift review looks for
OPERATOR_EVENTS = frozenset({"acknowledge", "reset", "shelve", "unshelve", "comment",
                             "remove_from_service", "return_to_service"})


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


def event_text(event: str) -> str:
    return {"activate": tr("Raised"), "return_to_normal": tr("Returned to normal"),
            "acknowledge": tr("Acknowledged"), "reset": tr("Reset"),
            "shelve": tr("Shelved"), "unshelve": tr("Unshelved"),
            "comment": tr("Comment"), "suppress": tr("Suppressed by design"),
            "unsuppress": tr("Suppression ended"),
            "remove_from_service": tr("Removed from service"),
            "return_to_service": tr("Returned to service")}.get(event, event)


def journal_header(column: str) -> str:
    return {"time": tr("Time"), "priority": tr("Priority"), "area": tr("Area"),
            "alarm": tr("Alarm"), "event": tr("Event"), "state": tr("State after"),
            "user": tr("User"), "value": tr("Value / limit"), "comment": tr("Comment"),
            "message": tr("Message")}[column]


def entry_value_text(e: JournalEntry) -> str:
    if e.value is None and e.limit is None:
        return ""
    v = "—" if e.value is None else f"{e.value:.1f}"
    return v + ("" if e.limit is None else f" / {e.limit:.1f}")


def entry_state_text(e: JournalEntry) -> str:
    """The state the event left the alarm in (the column); the change is in the tooltip."""
    return state_text(e.new_state)


def entry_change_text(e: JournalEntry) -> str:
    if not e.old_state or e.old_state == e.new_state:
        return tr("State unchanged: %1").replace("%1", state_text(e.new_state))
    return f"{state_text(e.old_state)} → {state_text(e.new_state)}"


def entry_time_text(e: JournalEntry) -> str:
    return f"{e.ts.astimezone():%d/%m/%Y %H:%M:%S}"


class JournalTableModel(QAbstractTableModel):
    def __init__(self, search: JournalSearchModel) -> None:
        super().__init__()
        self.search = search
        self._bold = QFont()
        self._bold.setBold(True)
        self._icons: dict[str, QPixmap] = {}
        self._texts: dict[str, str] = {}
        self.retranslate()
        search.reset.connect(self._on_reset)
        search.appended.connect(self._on_appended)

    def retranslate(self) -> None:
        self.beginResetModel()
        self._texts = {}
        self.endResetModel()

    def _cached(self, key: str, make: Any) -> str:
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = make()
        return text

    def _on_reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def _on_appended(self, first: int, count: int) -> None:
        # the rows are already in the list: announce them as inserted at the end
        self.beginInsertRows(QModelIndex(), first, first + count - 1)
        self.endInsertRows()

    def entry(self, row: int) -> JournalEntry:
        return self.search.entries[row]

    # -- QAbstractTableModel ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.search.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(JOURNAL_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            col = JOURNAL_COLUMNS[section]
            return self._cached("h:" + col, lambda: journal_header(col))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self.search.entries[index.row()]
        col = JOURNAL_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(e, col)
        if role == Qt.ItemDataRole.DecorationRole and col == "priority" and e.priority:
            pm = self._icons.get(e.priority)
            if pm is None and e.priority in theme.PRIORITY_COLOR:
                pm = self._icons[e.priority] = theme.priority_pixmap(e.priority, ICON_PX)
            return pm
        if role == Qt.ItemDataRole.FontRole and e.event in OPERATOR_EVENTS and col in (
                "event", "user", "comment"):
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and col in ("state", "event"):
            return entry_change_text(e)
        if role == Qt.ItemDataRole.ToolTipRole and col in ("comment", "message", "alarm"):
            parts = [e.alarm + (f" ({e.tag})" if e.tag else ""), e.message]
            if e.comment:
                parts.append(tr("Comment") + ": " + e.comment)
            return "\n".join(p for p in parts if p)
        return None

    def text(self, e: JournalEntry, col: str) -> str:
        if col == "time":
            return entry_time_text(e)
        if col == "priority":
            return self._cached("p:" + e.priority, lambda: priority_text(e.priority))
        if col == "area":
            return e.area
        if col == "alarm":
            return e.alarm
        if col == "event":
            return self._cached("e:" + e.event, lambda: event_text(e.event))
        if col == "state":
            return self._cached("s:" + e.new_state, lambda: entry_state_text(e))
        if col == "user":
            return e.user or ""
        if col == "value":
            return entry_value_text(e)
        if col == "comment":
            return e.comment or ""
        return e.message
