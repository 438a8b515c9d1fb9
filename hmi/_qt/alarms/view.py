"""The alarm screen. First tab, the alarm summary: filter, sort, acknowledge one or the visible
page, reset latched alarms, shelve with reason and duration, comment, take out of service
(supervisors), export CSV; actions are offered only to roles that hold them. Second tab, the
alarms that list leaves out and the actions that bring them back
(``suppressed_view.SuppressedView``). Third tab, the journal search
(``journal_view.JournalView``)."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hmi._qt.alarms.csv_export import write_alarms_csv
from hmi._qt.alarms.dialogs import CommentDialog, OutOfServiceDialog, ShelveDialog
from hmi._qt.alarms.journal_view import JournalView
from hmi._qt.alarms.suppressed_view import SuppressedView, action_outcome, refresh_both
from hmi._qt.alarms.table_model import (
    ICON_PX,
    AlarmTableModel,
    priority_text,
    state_text,
    value_text,
)
from hmi._qt.alarms.table_view import alarm_table
from hmi._qt.context import AppContext
from hmi._qt.tasks import spawn
from hmi.api.types import Alarm
from hmi.components.alarms import (
    COLUMNS,
    PRIORITIES,
    STATES,
    AlarmFilter,
    AlarmListModel,
    is_unacknowledged,
    ranges,
)
from hmi.components.session import (
    ALARM_ACK,
    ALARM_COMMENT,
    ALARM_OUT_OF_SERVICE,
    ALARM_SHELVE,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


#: an action's answers (acknowledge a page, shelve several) reach the list together at most
#: this often, not one list change and table update per alarm
APPLY_EVERY_S = 0.2
#: sample texts for the column widths before there is data (area, alarm name)
SAMPLE_AREA = "Campo Demo/PAD-A/W01"
SAMPLE_ALARM = "PLC-BAT1.LACT.VOL_NETO.HIHI"
MAX_TEXT_COLUMN_PX = 360


class AlarmsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table_model = AlarmTableModel(ctx.alarms)
        #: the model the table shows (there is no proxy any more: the model sorts and
        #: filters itself); the old name is kept for callers that count or read its rows
        self.proxy = self.table_model
        # widths computed from the font (_size_columns), never by measuring every row
        self.table = alarm_table(self.table_model, stretch=[COLUMNS.index("message")],
                                 sorting=True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self._sized = self._sized_from_data = False
        self._areas: set[str] | None = None
        self._kept_selection: tuple[list[str], str | None] = ([], None)
        self.table_model.modelAboutToBeReset.connect(self._keep_selection)
        self.table_model.modelReset.connect(self._restore_selection)
        self.table.doubleClicked.connect(self._open_well)

        self.title = QLabel()
        self.title.setObjectName("title")
        self.stale = QLabel()
        self.stale.setObjectName("linkLost")
        self.stale.hide()
        self.priority = QComboBox()
        self.area = QComboBox()
        self.state = QComboBox()
        self.search = QLineEdit()
        for combo in (self.priority, self.area, self.state):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.search.textChanged.connect(self._apply_filter)
        self.ack = QPushButton()
        self.ack_page = QPushButton()
        self.reset = QPushButton()
        self.shelve = QPushButton()
        self.comment = QPushButton()
        self.out_of_service = QPushButton()
        self.export = QPushButton()
        self.ack.clicked.connect(self._ack_selected)
        self.ack_page.clicked.connect(self._ack_page)
        self.reset.clicked.connect(self._reset)
        self.shelve.clicked.connect(self._shelve)
        self.comment.clicked.connect(self._comment)
        self.out_of_service.clicked.connect(self._out_of_service)
        self.export.clicked.connect(self._export)
        self.message = QLabel()
        self.message.setObjectName("dim")

        filters = QHBoxLayout()
        self.filter_labels = [QLabel(), QLabel(), QLabel()]
        for lbl, w in zip(self.filter_labels, (self.priority, self.area, self.state),
                          strict=True):
            filters.addWidget(lbl)
            filters.addWidget(w)
        filters.addWidget(self.search, 1)
        actions = QHBoxLayout()
        for b in (self.ack, self.ack_page, self.reset, self.shelve, self.comment,
                  self.out_of_service):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.message)
        actions.addWidget(self.export)
        summary = QWidget()
        summary_lay = QVBoxLayout(summary)
        summary_lay.setContentsMargins(0, 4, 0, 0)
        summary_lay.addWidget(self.stale)
        summary_lay.addLayout(filters)
        summary_lay.addWidget(self.table, 1)
        summary_lay.addLayout(actions)
        #: the second tab: the journal search (history of alarm events and operator actions)
        self.journal = JournalView(ctx)
        #: the second tab: shelved, out-of-service and suppressed-by-design alarms
        self.suppressed = SuppressedView(ctx)
        self.suppressed.alarms.changed.connect(self._suppressed_tab_text)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(summary, "")
        self.tabs.addTab(self.suppressed, "")
        self.tabs.addTab(self.journal, "")
        self.tabs.currentChanged.connect(self._on_tab)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.tabs, 1)
        ctx.alarms.changed.connect(self._on_alarms)
        ctx.session.changed.connect(self._update_permissions)
        self.retranslate()
        self._update_permissions()

    # -- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.tabs.setTabText(0, tr("Active alarms"))
        self._suppressed_tab_text()
        self.tabs.setTabText(self.tabs.indexOf(self.journal), tr("Journal search"))
        self._on_tab(self.tabs.currentIndex())
        self.journal.retranslate()
        self.suppressed.retranslate()
        self.filter_labels[0].setText(tr("Priority"))
        self.filter_labels[1].setText(tr("Area"))
        self.filter_labels[2].setText(tr("State"))
        self.search.setPlaceholderText(tr("Search alarm or message…"))
        self.ack.setText(tr("Acknowledge selected"))
        self.ack_page.setText(tr("Acknowledge page"))
        self.reset.setText(tr("Reset alarm"))
        self.reset.setStatusTip(tr("Reset latched alarms whose condition has cleared"))
        self.shelve.setText(tr("Shelve…"))
        self.comment.setText(tr("Comment…"))
        self.out_of_service.setText(tr("Out of service…"))
        self.export.setText(tr("Export CSV…"))
        self.stale.setText(tr("NO LINK TO THE EDGE: the list below is the last one received"))
        self._fill_combo(self.priority, [(p, priority_text(p)) for p in PRIORITIES])
        self._fill_combo(self.state, [(s, state_text(s)) for s in STATES])
        self._fill_areas(force=True)
        self.table_model.retranslate()
        self._size_columns(widen_only=self._sized)
        self._sized = True

    def _on_tab(self, index: int) -> None:
        page = self.tabs.widget(index)
        self.title.setText(tr("Alarm journal") if page is self.journal else
                           tr("Suppressed alarms") if page is self.suppressed else
                           tr("Alarm summary"))

    def show_journal(self) -> None:
        self.tabs.setCurrentWidget(self.journal)

    def _size_columns(self, widen_only: bool = False) -> None:
        """Column widths from the font and sample texts (the translated ones, the longest
        area, alarm name and value text): at start and once more when the first alarms arrive;
        after a language switch only widened where a text no longer fits. Never measured
        over the rows (ResizeToContents asked every row, on every sort). The operator may
        resize them; the message column takes the rest."""
        self.table.ensurePolished()  # the style sheet's font, not the default one
        bold = QFont(self.table.font())
        bold.setBold(True)  # unacknowledged rows and the header's sections are bold
        fm = QFontMetrics(bold)
        texts = self.table_model.texts
        alarms = self.ctx.alarms.alarms
        area = max((a.area for a in alarms), key=len, default=SAMPLE_AREA)
        name = max((a.name for a in alarms), key=len, default=SAMPLE_ALARM)
        value = max((value_text(a) for a in alarms), key=len, default="-0000.0 / -0000.0")
        content = {
            "priority": [texts.priority(p) for p in PRIORITIES],
            "time": ["00/00 00:00:00"],
            "area": [area],
            "alarm": [name],
            "state": [texts.state(s) for s in STATES],
            "value": [value],
        }
        hh = self.table.horizontalHeader()
        for col, samples in content.items():
            i = COLUMNS.index(col)
            width = max(fm.horizontalAdvance(t) for t in samples) + 16
            if col == "priority":
                width += ICON_PX + 6
            head = fm.horizontalAdvance(texts.header(col)) + 32  # padding and sort arrow
            width = min(max(width, head), MAX_TEXT_COLUMN_PX)
            if not widen_only or width > hh.sectionSize(i):
                hh.resizeSection(i, width)

    def _fill_combo(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("All"), None)
        for key, text in items:
            combo.addItem(text, key)
        idx = combo.findData(current)
        combo.setCurrentIndex(max(0, idx))
        combo.blockSignals(False)

    def _fill_areas(self, force: bool = False) -> None:
        """The area filter's choices: every level of every alarm's area (refilled only when
        that set changes, not on every poll)."""
        areas: set[str] = set()
        for a in {a.area for a in self.ctx.alarms.alarms}:
            parts = a.split("/")
            for i in range(2, len(parts) + 1):
                areas.add("/".join(parts[:i]))
        if areas == self._areas and not force:
            return
        self._areas = areas
        self._fill_combo(self.area, [(a, a) for a in sorted(areas)])

    def _on_alarms(self) -> None:
        self._fill_areas()
        if not self._sized_from_data and self.ctx.alarms.alarms:
            self._sized_from_data = True
            self._size_columns()
        self.stale.setVisible(self.ctx.alarms.stale)
        self._update_permissions()

    def _update_permissions(self) -> None:
        s = self.ctx.session
        live = not self.ctx.alarms.stale
        self.ack.setEnabled(s.can(ALARM_ACK) and live)
        self.ack_page.setEnabled(s.can(ALARM_ACK) and live)
        self.reset.setEnabled(s.can(ALARM_ACK) and live)
        self.shelve.setEnabled(s.can(ALARM_SHELVE) and live)
        self.comment.setEnabled(s.can(ALARM_COMMENT) and live)
        self.out_of_service.setEnabled(s.can(ALARM_OUT_OF_SERVICE) and live)
        no_right = tr("Your role may not do this")
        for b, perm in ((self.ack, ALARM_ACK), (self.ack_page, ALARM_ACK),
                        (self.reset, ALARM_ACK), (self.shelve, ALARM_SHELVE),
                        (self.comment, ALARM_COMMENT),
                        (self.out_of_service, ALARM_OUT_OF_SERVICE)):
            b.setToolTip("" if s.can(perm) else no_right)
        # the out-of-service button is a supervisor's: operators do not see it at all
        self.out_of_service.setVisible(s.can(ALARM_OUT_OF_SERVICE))

    def _apply_filter(self) -> None:
        self.table_model.set_filter(AlarmFilter(
            priority=self.priority.currentData(), area=self.area.currentData(),
            state=self.state.currentData(), text=self.search.text()))

    # -- selection ---------------------------------------------------------------------------
    def selected(self) -> list[Alarm]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.table_model.alarm(r) for r in rows]

    def visible(self) -> list[Alarm]:
        """The "page": the rows the filter shows (what the operator is looking at)."""
        return self.table_model.rows()

    def select(self, names: Iterable[str], current: str | None = None) -> None:
        """Select the rows of these alarms (those shown); ``current`` gets the focus."""
        model, sm = self.table_model, self.table.selectionModel()
        rows = sorted(r for n in names if (r := model.row_of(n)) is not None)
        selection = QItemSelection()
        for first, last in ranges(rows):
            selection.select(model.index(first, 0), model.index(last, len(COLUMNS) - 1))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        sm.select(selection, flags | QItemSelectionModel.SelectionFlag.Rows)
        row = model.row_of(current) if current is not None else None
        if row is not None:
            sm.setCurrentIndex(model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)

    def _keep_selection(self) -> None:
        """Before a reset (new filter, large poll): remember the selection by alarm name."""
        current = self.table.selectionModel().currentIndex()
        self._kept_selection = (
            [a.name for a in self.selected()],
            self.table_model.alarm(current.row()).name if current.isValid() else None)

    def _restore_selection(self) -> None:
        names, current = self._kept_selection
        self._kept_selection = ([], None)
        if names or current:
            self.select(names, current)

    def _open_well(self, index: QModelIndex) -> None:
        self.ctx.open_well.emit(self.table_model.alarm(index.row()).device)

    # -- actions -----------------------------------------------------------------------------
    def _run(self, coro: Awaitable[str]) -> asyncio.Future[str]:
        async def wrapped() -> str:
            text = await action_outcome(self.ctx, coro)
            self.message.setText(text)
            return text
        return spawn(wrapped())

    def acknowledge(self, alarms: list[Alarm]) -> asyncio.Future[str]:
        async def go() -> str:
            done = 0
            with _Answers(self.ctx.alarms) as answers:
                for a in alarms:
                    if not is_unacknowledged(a):
                        continue
                    answers.add(await self.ctx.client.acknowledge(a.name))
                    done += 1
            return tr("Acknowledged: %n").replace("%n", str(done))
        return self._run(go())

    def _ack_selected(self) -> None:
        self.acknowledge(self.selected())

    def _ack_page(self) -> None:
        self.acknowledge(self.visible())

    def _reset(self) -> None:
        alarms = [a for a in self.selected() if a.awaiting_reset or a.state == "latched"]
        if not alarms:
            self.message.setText(tr("Select latched alarms whose condition has cleared"))
            return

        async def go() -> str:
            with _Answers(self.ctx.alarms) as answers:
                for a in alarms:
                    answers.add(await self.ctx.client.reset(a.name))
            return tr("Reset: %n").replace("%n", str(len(alarms)))
        self._run(go())

    def _out_of_service(self) -> None:
        alarms = self.selected()
        if not alarms:
            self.message.setText(tr("Select the alarms to take out of service"))
            return
        dlg = OutOfServiceDialog([a.name for a in alarms], self)
        if dlg.exec() != OutOfServiceDialog.DialogCode.Accepted:
            return
        reason = dlg.reason.text().strip()

        async def go() -> str:
            with _Answers(self.ctx.alarms) as answers:
                for a in alarms:
                    answers.add(await self.ctx.client.remove_from_service(a.name, reason))
            await refresh_both(self.ctx, self.suppressed)  # off this list, onto the other
            return tr("Out of service: %n").replace("%n", str(len(alarms)))
        self._run(go())

    def _suppressed_tab_text(self) -> None:
        n = len(self.suppressed.alarms.alarms)
        text = tr("Shelved / out of service")
        self.tabs.setTabText(self.tabs.indexOf(self.suppressed), f"{text} ({n})" if n else text)

    def _shelve(self) -> None:
        alarms = self.selected()
        if not alarms:
            self.message.setText(tr("Select the alarms to shelve"))
            return
        dlg = ShelveDialog([a.name for a in alarms], self)
        if dlg.exec() != ShelveDialog.DialogCode.Accepted:
            return
        reason, duration = dlg.reason.text().strip(), dlg.duration_s()

        async def go() -> str:
            with _Answers(self.ctx.alarms) as answers:
                for a in alarms:
                    answers.add(await self.ctx.client.shelve(a.name, reason, duration))
            return tr("Shelved: %n").replace("%n", str(len(alarms)))
        self._run(go())

    def _comment(self) -> None:
        alarms = self.selected()
        if len(alarms) != 1:
            self.message.setText(tr("Select one alarm to comment on"))
            return
        dlg = CommentDialog(alarms[0].name, self)
        if dlg.exec() != CommentDialog.DialogCode.Accepted:
            return
        text = dlg.text.text().strip()

        async def go() -> str:
            await self.ctx.client.comment(alarms[0].name, text)
            return tr("Comment saved")
        self._run(go())

    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export alarms"), "alarmas.csv",
                                              "CSV (*.csv)")
        if path:
            write_alarms_csv(Path(path), self.visible())
            self.message.setText(tr("Exported to %1").replace("%1", path))


class _Answers:
    """Collects the edge's answers to a run of actions and applies them to the alarm list
    together, at most every APPLY_EVERY_S and at the end (also when the run fails half way):
    acknowledging a page of hundreds of alarms is a few list changes, not hundreds."""

    def __init__(self, alarms: AlarmListModel) -> None:
        self.alarms = alarms
        self.pending: list[Alarm] = []
        self.applied = -math.inf  # the first answer is shown at once

    def add(self, answer: Alarm) -> None:
        self.pending.append(answer)
        if time.monotonic() - self.applied >= APPLY_EVERY_S:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.alarms.replace_many(self.pending)
            self.pending = []
        self.applied = time.monotonic()

    def __enter__(self) -> _Answers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()
