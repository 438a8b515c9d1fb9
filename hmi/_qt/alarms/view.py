"""The alarm summary screen: filter, sort, acknowledge one or the visible page, shelve with
reason and duration, comment, export CSV. Actions are offered only to roles that hold them."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hmi._qt.alarms.csv_export import write_alarms_csv
from hmi._qt.alarms.dialogs import CommentDialog, ShelveDialog
from hmi._qt.alarms.table_model import (
    AlarmFilterProxy,
    AlarmTableModel,
    priority_text,
    state_text,
)
from hmi._qt.context import AppContext
from hmi._qt.tasks import spawn
from hmi.api.errors import ApiError, ConnectionLost
from hmi.api.types import Alarm
from hmi.components.alarms import PRIORITIES, STATES, AlarmFilter, is_unacknowledged
from hmi.components.session import ALARM_ACK, ALARM_COMMENT, ALARM_SHELVE


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


class AlarmsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table_model = AlarmTableModel(ctx.alarms)
        self.proxy = AlarmFilterProxy()
        self.proxy.setSourceModel(self.table_model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
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
        self.shelve = QPushButton()
        self.comment = QPushButton()
        self.export = QPushButton()
        self.ack.clicked.connect(self._ack_selected)
        self.ack_page.clicked.connect(self._ack_page)
        self.shelve.clicked.connect(self._shelve)
        self.comment.clicked.connect(self._comment)
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
        for b in (self.ack, self.ack_page, self.shelve, self.comment):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.message)
        actions.addWidget(self.export)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.stale)
        lay.addLayout(filters)
        lay.addWidget(self.table, 1)
        lay.addLayout(actions)
        ctx.alarms.changed.connect(self._on_alarms)
        ctx.session.changed.connect(self._update_permissions)
        self.retranslate()
        self._update_permissions()

    # -- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(tr("Alarm summary"))
        self.filter_labels[0].setText(tr("Priority"))
        self.filter_labels[1].setText(tr("Area"))
        self.filter_labels[2].setText(tr("State"))
        self.search.setPlaceholderText(tr("Search alarm or message…"))
        self.ack.setText(tr("Acknowledge selected"))
        self.ack_page.setText(tr("Acknowledge page"))
        self.shelve.setText(tr("Shelve…"))
        self.comment.setText(tr("Comment…"))
        self.export.setText(tr("Export CSV…"))
        self.stale.setText(tr("NO LINK TO THE EDGE: the list below is the last one received"))
        self._fill_combo(self.priority, [(p, priority_text(p)) for p in PRIORITIES])
        self._fill_combo(self.state, [(s, state_text(s)) for s in STATES])
        self._fill_areas()
        self.table_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 6)

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

    def _fill_areas(self) -> None:
        areas: set[str] = set()
        for a in self.ctx.alarms.areas():
            parts = a.split("/")
            for i in range(2, len(parts) + 1):
                areas.add("/".join(parts[:i]))
        self._fill_combo(self.area, [(a, a) for a in sorted(areas)])

    def _on_alarms(self) -> None:
        self._fill_areas()
        self.stale.setVisible(self.ctx.alarms.stale)
        self._update_permissions()

    def _update_permissions(self) -> None:
        s = self.ctx.session
        live = not self.ctx.alarms.stale
        self.ack.setEnabled(s.can(ALARM_ACK) and live)
        self.ack_page.setEnabled(s.can(ALARM_ACK) and live)
        self.shelve.setEnabled(s.can(ALARM_SHELVE) and live)
        self.comment.setEnabled(s.can(ALARM_COMMENT) and live)
        no_right = tr("Your role may not do this")
        for b, perm in ((self.ack, ALARM_ACK), (self.ack_page, ALARM_ACK),
                        (self.shelve, ALARM_SHELVE), (self.comment, ALARM_COMMENT)):
            b.setToolTip("" if s.can(perm) else no_right)

    def _apply_filter(self) -> None:
        self.proxy.set_filter(AlarmFilter(
            priority=self.priority.currentData(), area=self.area.currentData(),
            state=self.state.currentData(), text=self.search.text()))

    # -- selection ---------------------------------------------------------------------------
    def selected(self) -> list[Alarm]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.proxy.alarm_at(r) for r in rows]

    def visible(self) -> list[Alarm]:
        """The "page": the rows the filter shows (what the operator is looking at)."""
        return [self.proxy.alarm_at(r) for r in range(self.proxy.rowCount())]

    def _open_well(self, index: QModelIndex) -> None:
        self.ctx.open_well.emit(self.proxy.alarm_at(index.row()).device)

    # -- actions -----------------------------------------------------------------------------
    def _run(self, coro: Awaitable[str]) -> asyncio.Future[str]:
        async def wrapped() -> str:
            try:
                text = await coro
            except ApiError as exc:
                text = exc.text(self.ctx.language)
            except ConnectionLost:
                text = tr("No link to the edge: action not sent")
            self.message.setText(text)
            return text
        return spawn(wrapped())

    def acknowledge(self, alarms: list[Alarm]) -> asyncio.Future[str]:
        async def go() -> str:
            done = 0
            for a in alarms:
                if not is_unacknowledged(a):
                    continue
                self.ctx.alarms.replace_one(await self.ctx.client.acknowledge(a.name))
                done += 1
            return tr("Acknowledged: %n").replace("%n", str(done))
        return self._run(go())

    def _ack_selected(self) -> None:
        self.acknowledge(self.selected())

    def _ack_page(self) -> None:
        self.acknowledge(self.visible())

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
            for a in alarms:
                self.ctx.alarms.replace_one(
                    await self.ctx.client.shelve(a.name, reason, duration))
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
