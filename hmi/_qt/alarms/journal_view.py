"""Alarm journal search: what happened and who did what (raised, acknowledged, shelved,
comments, returned to normal), by time range, alarm or tag name, area, priority, event kind,
user and free text in the message or comment. Newest first; "Load more" fetches the next older
page from the edge; the CSV export writes every matching row (up to MAX_ROWS)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hmi._qt.alarms.csv_export import write_journal_csv
from hmi._qt.alarms.journal_model import (
    JOURNAL_COLUMNS,
    JournalTableModel,
    event_text,
    journal_header,
)
from hmi._qt.alarms.table_model import ICON_PX, priority_text, state_text
from hmi._qt.alarms.table_view import alarm_table
from hmi._qt.context import AppContext
from hmi._qt.tasks import spawn
from hmi.api.errors import ApiError, ConnectionLost
from hmi.components.journal import (
    EVENTS,
    MAX_ROWS,
    RANGES,
    JournalQuery,
    JournalSearchModel,
    QueryError,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


#: the event filter's choices: key -> the journal events it matches (() = any)
EVENT_GROUPS: dict[str, tuple[str, ...]] = {
    "any": (),
    "operator": ("acknowledge", "reset", "shelve", "unshelve", "comment",
                 "remove_from_service", "return_to_service"),
    "activate": ("activate",),
    "return_to_normal": ("return_to_normal",),
    "acknowledge": ("acknowledge", "reset"),
    "shelve": ("shelve", "unshelve"),
    "comment": ("comment",),
    "service": ("remove_from_service", "return_to_service"),
    "suppress": ("suppress", "unsuppress"),
}
#: the priority filter's choices: key -> priorities (() = any)
PRIORITY_GROUPS: dict[str, tuple[str, ...]] = {
    "any": (), "critical": ("critical",), "high": ("high",), "medium": ("medium",),
    "low": ("low",), "critical+high": ("critical", "high"),
}
CUSTOM = "custom"
MAX_COLUMN_PX = 260
DEFAULT_RANGE = "24h"


def event_group_text(key: str) -> str:
    return {"any": tr("All"), "operator": tr("Operator actions"),
            "activate": event_text("activate"),
            "return_to_normal": event_text("return_to_normal"),
            "acknowledge": tr("Acknowledged / reset"), "shelve": tr("Shelved / unshelved"),
            "comment": tr("Comments"), "service": tr("Out of service / back in service"),
            "suppress": tr("Suppressed by design")}[key]


def priority_group_text(key: str) -> str:
    if key == "any":
        return tr("All")
    if key == "critical+high":
        return tr("1 Critical and 2 High")
    return priority_text(key)


def range_text(key: str) -> str:
    return {"1h": tr("Last hour"), "8h": tr("Last 8 hours"), "24h": tr("Last 24 hours"),
            "7d": tr("Last 7 days"), "30d": tr("Last 30 days"),
            CUSTOM: tr("Custom range")}[key]


def query_error_text(message: str) -> str:
    """``QueryError``'s English sentence, translated (the model is Qt-free: no tr() there)."""
    return {"Times need a time zone": tr("Times need a time zone"),
            "The end of the range must be after its start":
                tr("The end of the range must be after its start"),
            "Search at most 400 days at a time": tr("Search at most 400 days at a time"),
            "The search text is too long": tr("The search text is too long"),
            }.get(message, message)


def _qdt(t: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(t.timestamp()))


def _dt(q: QDateTime) -> datetime:
    return datetime.fromtimestamp(q.toSecsSinceEpoch(), UTC)


class JournalView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search_model = JournalSearchModel(
            lambda **kw: self.ctx.client.journal_search(**kw))
        self.table_model = JournalTableModel(self.search_model)
        # the free texts share what the fixed columns leave (a long comment is in the tooltip)
        self.table = alarm_table(self.table_model, stretch=[
            JOURNAL_COLUMNS.index(col) for col in ("comment", "message")])
        self.table.verticalScrollBar().valueChanged.connect(self._on_scroll)

        self.range = QComboBox()
        self.start = QDateTimeEdit()
        self.end = QDateTimeEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy HH:mm")
            edit.dateTimeChanged.connect(self._on_edit_time)
        self.priority = QComboBox()
        self.area = QComboBox()
        self.area.setEditable(True)
        self.area.setMinimumWidth(200)
        self.event_kind = QComboBox()
        self.name = QLineEdit()
        self.user = QLineEdit()
        self.user.setMaximumWidth(160)
        self.text = QLineEdit()
        self.search_button = QPushButton()
        self.search_button.setDefault(True)
        self.clear_button = QPushButton()
        self.more = QPushButton()
        self.export = QPushButton()
        self.status = QLabel()
        self.status.setObjectName("dim")
        self.range.currentIndexChanged.connect(self._on_range)
        self.search_button.clicked.connect(self.run_search)
        self.clear_button.clicked.connect(self._clear_filters)
        self.more.clicked.connect(self.load_more)
        self.export.clicked.connect(self._export)
        for line in (self.name, self.user, self.text):
            line.returnPressed.connect(self.run_search)
        self.labels = {k: QLabel() for k in ("range", "from", "to", "priority", "area",
                                             "event", "name", "user", "text")}
        # combos as wide as their column, not as their longest (Spanish) item: the popup
        # shows it whole, and the alarm screen keeps fitting a 1600 px control-room display
        for combo in (self.range, self.priority, self.area, self.event_kind):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        self.status.setWordWrap(True)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        # three rows of three filters: when, what kind, which words (fits 1366 px laptops)
        rows: list[list[tuple[str, QWidget, int]]] = [
            [("range", self.range, 1), ("from", self.start, 1), ("to", self.end, 1)],
            [("priority", self.priority, 1), ("event", self.event_kind, 1),
             ("area", self.area, 1)],
            [("name", self.name, 1), ("user", self.user, 1), ("text", self.text, 1)]]
        for r, items in enumerate(rows):
            c = 0
            for key, w, span in items:
                self.labels[key].setAlignment(Qt.AlignmentFlag.AlignRight
                                              | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(self.labels[key], r, c)
                grid.addWidget(w, r, c + 1, 1, span)
                c += 1 + span
        buttons = QVBoxLayout()
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.clear_button)
        filters = QHBoxLayout()
        filters.addLayout(grid, 1)
        filters.addSpacing(12)
        filters.addLayout(buttons)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.more)
        bottom.addWidget(self.export)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addLayout(filters)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)

        self.search_model.state_changed.connect(self._update_state)
        self.search_model.reset.connect(self._on_results)
        ctx.alarms.changed.connect(self._fill_areas)
        self._areas: set[str] | None = None
        self._setting_range = False
        self.retranslate()
        self._set_range_now()

    # -- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        texts = {"range": tr("Range"), "from": tr("From"), "to": tr("To"),
                 "priority": tr("Priority"), "area": tr("Area"), "event": tr("Event"),
                 "name": tr("Alarm or tag"), "user": tr("User"),
                 "text": tr("Message or comment")}
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.name.setPlaceholderText(tr("part of the name, e.g. W03.ESP"))
        self.user.setPlaceholderText(tr("exact user name"))
        self.text.setPlaceholderText(tr("words in the alarm message or operator comment"))
        area_edit = self.area.lineEdit()
        if area_edit is not None:
            area_edit.setPlaceholderText(tr("All"))
        self.search_button.setText(tr("Search"))
        self.clear_button.setText(tr("Clear filters"))
        self.more.setText(tr("Load older entries"))
        self.export.setText(tr("Export CSV…"))
        self._fill_combo(self.range, [(k, range_text(k)) for k in (*RANGES, CUSTOM)],
                         default=DEFAULT_RANGE, all_item=False)
        self._fill_combo(self.priority, [(k, priority_group_text(k))
                                         for k in PRIORITY_GROUPS], default="any",
                         all_item=False)
        self._fill_combo(self.event_kind, [(k, event_group_text(k)) for k in EVENT_GROUPS],
                         default="any", all_item=False)
        self._fill_areas(force=True)
        self.table_model.retranslate()
        self._size_columns()
        self._update_state()

    def _fill_combo(self, combo: QComboBox, items: list[tuple[str, str]], default: str,
                    all_item: bool) -> None:
        current = combo.currentData() if combo.count() else default
        combo.blockSignals(True)
        combo.clear()
        if all_item:
            combo.addItem(tr("All"), "")
        for key, text in items:
            combo.addItem(text, key)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _fill_areas(self, force: bool = False) -> None:
        """Every level of every configured alarm's area; the operator may also type one."""
        areas: set[str] = set()
        for a in {a.area for a in self.ctx.alarms.alarms}:
            parts = a.split("/")
            for i in range(1, len(parts) + 1):
                areas.add("/".join(parts[:i]))
        if areas == self._areas and not force:
            return
        self._areas = areas
        text = self.area.currentText()
        self.area.blockSignals(True)
        self.area.clear()
        self.area.addItem("")
        self.area.addItems(sorted(areas))
        self.area.setCurrentText(text)
        self.area.blockSignals(False)

    def _size_columns(self, widen_only: bool = False) -> None:
        """Widths from the font and sample texts: at start and language switch, then widened
        (never narrowed: the operator may have resized) from the longest area, alarm and user
        of the first page of a search, not by measuring every row."""
        self.table.ensurePolished()
        bold = QFont(self.table.font())
        bold.setBold(True)
        fm = QFontMetrics(bold)
        loaded = self.search_model.entries[:1000]
        samples = {
            "time": ["00/00/0000 00:00:00"],
            "priority": [priority_text(p) for p in ("critical", "high", "medium", "low")],
            "area": ["Campo Demo/PAD-A/W01", *{e.area for e in loaded}],
            "alarm": ["W01.ESP.TEMP.HIHI", *{e.alarm for e in loaded}],
            "event": [event_text(e) for e in EVENTS],
            "state": [state_text(s) for s in ("unack", "acked", "shelved", "normal")],
            "user": ["operador1", *{e.user or "" for e in loaded}],
            "value": ["-0000.0 / -0000.0"],
        }
        hh = self.table.horizontalHeader()
        for col, texts in samples.items():
            width = max(fm.horizontalAdvance(t) for t in texts) + 16
            if col == "priority":
                width += ICON_PX + 6
            head = fm.horizontalAdvance(journal_header(col)) + 24
            width = min(max(width, head), MAX_COLUMN_PX)
            i = JOURNAL_COLUMNS.index(col)
            if not widen_only or width > hh.sectionSize(i):
                hh.resizeSection(i, width)

    def _on_results(self) -> None:
        if self.search_model.entries:
            self._size_columns(widen_only=True)

    # -- time range --------------------------------------------------------------------------
    def _set_range_now(self) -> None:
        key = self.range.currentData()
        if key == CUSTOM or key not in RANGES:
            return
        now = datetime.now(UTC)
        self._setting_range = True
        try:
            self.start.setDateTime(_qdt(now - RANGES[key]))
            self.end.setDateTime(_qdt(now + timedelta(minutes=1)))
        finally:
            self._setting_range = False

    def _on_range(self) -> None:
        self._set_range_now()

    def _on_edit_time(self) -> None:
        if self._setting_range:
            return
        self.range.blockSignals(True)
        self.range.setCurrentIndex(self.range.findData(CUSTOM))
        self.range.blockSignals(False)

    def set_range(self, start: datetime, end: datetime) -> None:
        """A custom range (also for tests and for "show in journal" from other screens)."""
        self.start.setDateTime(_qdt(start))
        self.end.setDateTime(_qdt(end))

    # -- query -------------------------------------------------------------------------------
    def query(self) -> JournalQuery:
        """The filters as a query; a quick range is recomputed up to now at each search."""
        self._set_range_now()
        return JournalQuery(
            start=_dt(self.start.dateTime()), end=_dt(self.end.dateTime()),
            name=self.name.text(), area=self.area.currentText().strip().rstrip("/"),
            priorities=PRIORITY_GROUPS[self.priority.currentData() or "any"],
            events=EVENT_GROUPS[self.event_kind.currentData() or "any"],
            user=self.user.text(), text=self.text.text())

    def _clear_filters(self) -> None:
        for line in (self.name, self.user, self.text):
            line.clear()
        self.area.setCurrentText("")
        self.priority.setCurrentIndex(0)
        self.event_kind.setCurrentIndex(0)
        self.range.setCurrentIndex(max(0, self.range.findData(DEFAULT_RANGE)))
        self._set_range_now()

    def run_search(self) -> asyncio.Future[None]:
        try:
            query = self.query()
            query.check()
        except QueryError as exc:
            self.status.setText(query_error_text(str(exc)))
            done: asyncio.Future[None] = asyncio.get_event_loop().create_future()
            done.set_result(None)
            return done
        return spawn(self.search_model.search(query))

    def load_more(self) -> asyncio.Future[None]:
        return spawn(self.search_model.load_more())

    def _on_scroll(self, value: int) -> None:
        """Near the bottom of what is loaded: fetch the next older page by itself."""
        bar = self.table.verticalScrollBar()
        if (value >= bar.maximum() - 5 and bar.maximum() > 0 and self.search_model.has_more
                and not self.search_model.loading and self.search_model.error is None):
            self.load_more()

    # -- state -------------------------------------------------------------------------------
    def _error_text(self, exc: Exception) -> str:
        if isinstance(exc, ApiError):
            return exc.text(self.ctx.language)
        if isinstance(exc, ConnectionLost):
            return tr("No link to the edge: search not sent")
        return str(exc) or type(exc).__name__

    def _update_state(self) -> None:
        m = self.search_model
        n = len(m.entries)
        self.more.setEnabled(m.has_more and not m.loading)
        self.export.setEnabled(n > 0 and not m.loading)
        self.search_button.setEnabled(not m.loading)
        if m.loading:
            text = tr("Searching…")
        elif m.error is not None:
            text = tr("The search failed: %1").replace("%1", self._error_text(m.error))
        elif m.query is None:
            text = tr("Choose the filters and press Search")
        elif n == 0:
            text = tr("No journal entries match")
        elif m.truncated:
            text = tr("First %n entries shown: narrow the search to see older ones").replace(
                "%n", str(n))
        elif m.has_more:
            text = tr("%n entries shown, newest first; older ones: Load older entries").replace(
                "%n", str(n))
        else:
            text = tr("%n entries, newest first (all that match)").replace("%n", str(n))
        self.status.setText(text)

    # -- export ------------------------------------------------------------------------------
    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export alarm journal"),
                                              "registro_alarmas.csv", "CSV (*.csv)")
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> asyncio.Future[None]:
        """Every matching row (up to MAX_ROWS: the rest of the pages are fetched first)."""
        async def go() -> None:
            await self.search_model.load_all()
            entries = list(self.search_model.entries)
            write_journal_csv(path, entries)
            text = tr("Exported %n entries to %1").replace("%n", str(len(entries))).replace(
                "%1", str(path))
            if self.search_model.truncated:
                text += " " + tr("(the first %n only: narrow the search)").replace(
                    "%n", str(MAX_ROWS))
            self.status.setText(text)
        return spawn(go())

