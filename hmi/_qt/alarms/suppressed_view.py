"""The alarm screen's third tab: alarms the operator's list leaves out, shelved (who, why, until
when), out of service (who, why) and suppressed by design, with the actions that bring them
back (unshelve, return to service). ISA-18.2 asks for suppressed alarms to stay viewable: a
shelf forgotten at shift change or an alarm left out of service after a repair is a hidden
hazard, so the list is one click away and its count is on the tab."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hmi._qt.alarms.table_model import AlarmTableModel
from hmi._qt.alarms.table_view import alarm_table
from hmi._qt.context import AppContext
from hmi._qt.tasks import spawn
from hmi.api.errors import ApiError, ConnectionLost
from hmi.api.types import Alarm
from hmi.components.alarms import COLUMNS, AlarmListModel
from hmi.components.live import fill_since
from hmi.components.session import ALARM_OUT_OF_SERVICE, ALARM_SHELVE

# how often the list is read again while it is shown, and while it is not (the tab's count)
REFRESH_SHOWN_MS = 5_000
REFRESH_HIDDEN_MS = 30_000


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


def detail_text(a: Alarm) -> str:
    """Why this alarm is off the operator's list, in one line."""
    if a.state == "shelved":
        until = f"{a.shelved_until.astimezone():%d/%m %H:%M}" if a.shelved_until else "?"
        return (tr("Shelved by %1 until %2: %3").replace("%1", a.shelved_by or "?")
                .replace("%2", until).replace("%3", a.shelf_reason))
    if a.state == "out_of_service":
        return (tr("Out of service by %1: %2").replace("%1", a.out_of_service_by or "?")
                .replace("%2", a.out_of_service_reason))
    if a.state == "suppressed_by_design":
        return tr("Suppressed by design: the condition that makes it meaningless is present "
                  "(it comes back by itself)")
    return ""


async def action_outcome(ctx: AppContext, work: Awaitable[str]) -> str:
    """What an alarm action says to the operator: its own text, or why it failed."""
    try:
        return await work
    except ApiError as exc:
        return exc.text(ctx.language)
    except ConnectionLost:
        return tr("No link to the edge: action not sent")


async def refresh_both(ctx: AppContext, suppressed: SuppressedView) -> None:
    """After an action that moves alarms between the two lists: read both again now rather
    than at the next poll (a failure here only delays it; the action's answer stands)."""
    with contextlib.suppress(ApiError, ConnectionLost):
        await ctx.updater.poll_once()
    fut = suppressed.refresh()
    if fut is not None:
        await fut


class SuppressedView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.alarms = AlarmListModel()
        self.table_model = AlarmTableModel(self.alarms)
        # a short list: columns sized to what they hold
        self.table = alarm_table(self.table_model, stretch=[COLUMNS.index("message")],
                                 columns=QHeaderView.ResizeMode.ResizeToContents, sorting=True)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setObjectName("dim")
        self.unshelve = QPushButton()
        self.return_to_service = QPushButton()
        self.refresh_button = QPushButton()
        self.unshelve.clicked.connect(self._unshelve)
        self.return_to_service.clicked.connect(self._return)
        self.refresh_button.clicked.connect(self.refresh)
        self.message = QLabel()
        self.message.setObjectName("dim")
        actions = QHBoxLayout()
        for b in (self.unshelve, self.return_to_service):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.message)
        actions.addWidget(self.refresh_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addWidget(self.empty)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.detail)
        lay.addLayout(actions)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.timer.start(REFRESH_HIDDEN_MS)
        self.alarms.changed.connect(self._on_alarms)
        ctx.session.changed.connect(self._update_buttons)
        self.retranslate()
        self._on_alarms()

    def retranslate(self) -> None:
        self.unshelve.setText(tr("Unshelve"))
        self.return_to_service.setText(tr("Return to service"))
        self.refresh_button.setText(tr("Refresh"))
        self.empty.setText(tr("No shelved or out-of-service alarms: every alarm annunciates."))
        self.table_model.retranslate()
        self._on_selection()

    # -- data --------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start(REFRESH_SHOWN_MS)
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.timer.start(REFRESH_HIDDEN_MS)

    def refresh(self) -> asyncio.Future[None] | None:
        """Read the list again (None: not now, nobody logged in or no event loop)."""
        if self.ctx.session.user is None:
            return None
        try:
            if asyncio.get_event_loop().is_closed():
                return None
        except RuntimeError:  # no event loop (a widget outliving its application's loop)
            return None

        async def go() -> None:
            try:
                self.alarms.set_alarms(await self.ctx.client.suppressed_alarms())
                self.alarms.set_stale(False)
                await fill_since(self.ctx.client, self.alarms)  # the time column
            except (ApiError, ConnectionLost):
                self.alarms.set_stale(True)
        return spawn(go())

    def _tick(self) -> None:
        if self.window().isVisible():  # not for a closed window (a test's, left to the GC)
            self.refresh()

    def _on_alarms(self) -> None:
        self.empty.setVisible(not self.alarms.alarms)
        self._on_selection()

    # -- selection and actions ---------------------------------------------------------------
    def selected(self) -> list[Alarm]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.table_model.alarm(r) for r in rows]

    def _on_selection(self) -> None:
        chosen = self.selected()
        self.detail.setText("\n".join(f"{a.name}: {detail_text(a)}" for a in chosen[:5]))
        self._update_buttons()

    def _update_buttons(self) -> None:
        s, chosen = self.ctx.session, self.selected()
        live = not self.alarms.stale
        self.unshelve.setEnabled(live and s.can(ALARM_SHELVE)
                                 and any(a.state == "shelved" for a in chosen))
        self.return_to_service.setEnabled(
            live and s.can(ALARM_OUT_OF_SERVICE)
            and any(a.state == "out_of_service" for a in chosen))
        no_right = tr("Your role may not do this")
        self.unshelve.setToolTip("" if s.can(ALARM_SHELVE) else no_right)
        self.return_to_service.setToolTip("" if s.can(ALARM_OUT_OF_SERVICE) else no_right)

    def _run(self, work: Awaitable[str]) -> asyncio.Future[str]:
        async def wrapped() -> str:
            text = await action_outcome(self.ctx, work)
            self.message.setText(text)
            await refresh_both(self.ctx, self)
            return text
        return spawn(wrapped())

    def _unshelve(self) -> asyncio.Future[str] | None:
        alarms = [a for a in self.selected() if a.state == "shelved"]
        if not alarms:
            return None

        async def go() -> str:
            for a in alarms:
                await self.ctx.client.unshelve(a.name)
            return tr("Unshelved: %n").replace("%n", str(len(alarms)))
        return self._run(go())

    def _return(self) -> asyncio.Future[str] | None:
        alarms = [a for a in self.selected() if a.state == "out_of_service"]
        if not alarms:
            return None

        async def go() -> str:
            for a in alarms:
                await self.ctx.client.return_to_service(a.name)
            return tr("Returned to service: %n").replace("%n", str(len(alarms)))
        return self._run(go())
