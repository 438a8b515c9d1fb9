"""Well detail (ISA-101 level 2 faceplate): analog indicators against the normal band,
1-hour sparklines, the well's active alarms, and setpoints for roles that may write."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hmi._qt import theme
from hmi._qt.alarms.table_model import state_text
from hmi._qt.context import AppContext
from hmi._qt.overview.tile import run_state
from hmi._qt.tasks import spawn
from hmi._qt.well.setpoint import confirm_write, write_setpoint
from hmi._qt.widgets.analog import AnalogBar
from hmi._qt.widgets.sparkline import Sparkline
from hmi._qt.widgets.value import ValueLabel
from hmi.api.errors import ApiError, ConnectionLost
from hmi.components.session import TAG_WRITE

SPARK_REFRESH_MS = 60_000


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


class WellView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.device = ""
        self.title = QLabel()
        self.title.setObjectName("title")
        self.selector = QComboBox()
        self.selector.currentTextChanged.connect(self.show_well)
        self.run = QLabel()
        self.run.setObjectName("title")
        self.trend = QPushButton()
        self.trend.clicked.connect(self._trend)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.selector)
        head.addSpacing(20)
        head.addWidget(self.run)
        head.addStretch(1)
        head.addWidget(self.trend)
        self.face = QFrame()
        self.face.setObjectName("panel")
        self.grid = QGridLayout(self.face)
        self.rows: dict[str, tuple[QLabel, ValueLabel, AnalogBar, Sparkline]] = {}
        self.alarm_title = QLabel()
        self.alarm_list = QListWidget()
        self.sp_frame = QFrame()
        self.sp_frame.setObjectName("panel")
        self.sp_grid = QGridLayout(self.sp_frame)
        self.sp_rows: dict[str, tuple[QLabel, ValueLabel, QDoubleSpinBox, QPushButton]] = {}
        self._sp_preset: set[str] = set()
        self.sp_title = QLabel()
        self.sp_result = QLabel()
        self.sp_result.setWordWrap(True)
        self.sp_result.setObjectName("dim")
        side = QVBoxLayout()
        side.addWidget(self.alarm_title)
        side.addWidget(self.alarm_list, 1)
        side.addWidget(self.sp_frame)
        body = QHBoxLayout()
        body.addWidget(self.face, 3)
        body.addLayout(side, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addLayout(body, 1)
        ctx.tags.changed.connect(self._on_values)
        ctx.tags.defined.connect(self._fill_wells)
        ctx.connection.changed.connect(self._fill_wells)
        ctx.alarms.changed.connect(self._on_alarms)
        ctx.session.changed.connect(self._update_permissions)
        ctx.units.changed.connect(lambda _s: self._rebuild())
        ctx.open_well.connect(self.select_well)
        self._spark_timer = QTimer(self)
        self._spark_timer.timeout.connect(self._load_sparklines)
        self._spark_timer.start(SPARK_REFRESH_MS)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Well"))
        self.trend.setText(tr("Trend these signals"))
        self.alarm_title.setText(tr("Active alarms of this well"))
        self.sp_title.setText(tr("Setpoints"))
        self._rebuild()

    def _wells(self) -> list[str]:
        return sorted(d.name for d in self.ctx.connection.devices
                      if d.model in self.ctx.layout.models)

    def _fill_wells(self) -> None:
        wells = self._wells()
        if [self.selector.itemText(i) for i in range(self.selector.count())] == wells:
            return
        self.selector.blockSignals(True)
        self.selector.clear()
        self.selector.addItems(wells)
        self.selector.blockSignals(False)
        if wells and not self.device:
            self.show_well(wells[0])

    def select_well(self, device: str) -> None:
        self._fill_wells()
        self.selector.setCurrentText(device)
        self.show_well(device)

    def show_well(self, device: str) -> None:
        if not device or (device == self.device and self.rows):
            return
        self.device = device
        self._rebuild()
        self._load_sparklines()

    def _model(self) -> str:
        d = self.ctx.connection.device(self.device)
        return d.model if d else ""

    def _clear_grid(self, grid: QGridLayout) -> None:
        while grid.count():
            item = grid.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None and w not in (self.sp_title, self.sp_result):
                w.deleteLater()

    def _rebuild(self) -> None:
        ml = self.ctx.layout.models.get(self._model())
        self._clear_grid(self.grid)
        self._clear_grid(self.sp_grid)
        self.rows.clear()
        self.sp_rows.clear()
        self._sp_preset.clear()
        if ml is None:
            return
        for i, h in enumerate((tr("Signal"), tr("Value"), tr("Normal band"), tr("Last hour"))):
            lbl = QLabel(h)
            lbl.setObjectName("dim")
            self.grid.addWidget(lbl, 0, i)
        for i, sig in enumerate(ml.faceplate, start=1):
            tag = f"{self.device}.{sig}"
            info = self.ctx.tags.info(tag)
            if info is None:
                continue
            name = QLabel(info.description or sig)
            name.setToolTip(tag)
            val = ValueLabel(self.ctx.units, info.units)
            val.setMinimumWidth(120)
            bar = AnalogBar()
            sl = self.ctx.layout.signal(tag)
            scale = sl.scale or (info.eu_min or 0.0, info.eu_max or 100.0)
            bar.set_range(scale[0], scale[1], sl.band)
            spark = Sparkline()
            for col, w in enumerate((name, val, bar, spark)):
                self.grid.addWidget(w, i, col)
            self.rows[tag] = (name, val, bar, spark)
        self.grid.setColumnStretch(2, 2)
        self.grid.setColumnStretch(3, 1)
        self.grid.setRowStretch(len(ml.faceplate) + 1, 1)
        self.sp_grid.addWidget(self.sp_title, 0, 0, 1, 4)
        for i, sig in enumerate(ml.setpoints, start=1):
            tag = f"{self.device}.{sig}"
            info = self.ctx.tags.info(tag)
            if info is None:
                continue
            name = QLabel(info.description or sig)
            cur = ValueLabel(self.ctx.units, info.units)
            new = QDoubleSpinBox()
            lo = self.ctx.units.convert(info.eu_min or 0.0, info.units)
            hi = self.ctx.units.convert(info.eu_max or 100.0, info.units)
            new.setRange(min(lo, hi), max(lo, hi))
            new.setDecimals(1)
            new.setSuffix(" " + self.ctx.units.units(info.units))
            btn = QPushButton(tr("Write…"))
            btn.clicked.connect(lambda _=False, t=tag: self._write(t))
            for col, w in enumerate((name, cur, new, btn)):
                self.sp_grid.addWidget(w, i, col)
            self.sp_rows[tag] = (name, cur, new, btn)
        self.sp_grid.addWidget(self.sp_result, len(ml.setpoints) + 1, 0, 1, 4)
        self.ctx.updater.watch("well", [*self.rows, *self.sp_rows, f"{self.device}.{ml.run}"])
        self._update_permissions()
        self._on_values(None)
        self._on_alarms()

    def _update_permissions(self) -> None:
        session = self.ctx.session
        may = session.can(TAG_WRITE)
        locked = tr("Locked: log in again (Unlock…) to change setpoints.")
        read_only = tr("Read only: your role may not change setpoints.")
        why = locked if session.locked else read_only
        self.sp_frame.setVisible(bool(self.sp_rows))
        for _n, _c, new, btn in self.sp_rows.values():
            new.setEnabled(may)
            btn.setEnabled(may)
            btn.setToolTip("" if may else why)
        if not may and self.sp_rows:
            self.sp_result.setText(why)
        elif self.sp_result.text() in (locked, read_only):
            self.sp_result.setText("")

    def _on_values(self, names: set[str] | None) -> None:
        for tag, (_n, val, bar, _s) in self.rows.items():
            if names is None or tag in names:
                r = self.ctx.tags.reading(tag)
                val.show_reading(r)
                bar.set_value(r.value, r.shown_good)
        for tag, (_n, cur, new, _b) in self.sp_rows.items():
            if names is None or tag in names:
                r = self.ctx.tags.reading(tag)
                cur.show_reading(r)
                # preset the new value to the current one once, never while being typed
                if tag not in self._sp_preset and r.value is not None and not new.hasFocus():
                    new.setValue(self.ctx.units.convert(r.value, self.ctx.tags.units(tag)))
                    self._sp_preset.add(tag)
        ml = self.ctx.layout.models.get(self._model())
        if ml is not None:
            r = self.ctx.tags.reading(f"{self.device}.{ml.run}")
            symbol, text = run_state(r.value, r.shown_good)
            self.run.setText(f"{symbol} {text}")

    def _on_alarms(self) -> None:
        self.alarm_list.clear()
        for a in self.ctx.alarms.of_device(self.device):
            self.alarm_list.addItem(f"{a.message}  —  {state_text(a.state)}")
            item = self.alarm_list.item(self.alarm_list.count() - 1)
            item.setIcon(theme.priority_pixmap(a.priority, 16))
            item.setToolTip(f"{a.name}\n{a.response}")
        if self.alarm_list.count() == 0:
            self.alarm_list.addItem(tr("No active alarms"))

    def _trend(self) -> None:
        ml = self.ctx.layout.models.get(self._model())
        if ml is not None:
            self.ctx.open_trend.emit([f"{self.device}.{s}" for s in ml.tile])

    def _load_sparklines(self) -> None:
        if self.rows:
            spawn(self._sparklines(list(self.rows)))

    async def _sparklines(self, tags: list[str]) -> None:
        end = datetime.now(UTC)
        for tag in tags:
            with contextlib.suppress(ApiError, ConnectionLost):
                t = await self.ctx.client.trend(tag, end - timedelta(hours=1), end, 60)
                row = self.rows.get(tag)
                if row is not None:
                    row[3].set_values([p.avg for p in t.points if p.avg is not None])

    def _write(self, tag: str) -> None:
        _n, cur, new, _b = self.sp_rows[tag]
        shown = new.value()
        if not confirm_write(self, tag, cur.text(), f"{shown:.1f} {new.suffix().strip()}"):
            return

        async def go() -> None:
            self.sp_result.setText(tr("Writing…"))
            self.sp_result.setText(await write_setpoint(
                self.ctx.client, self.ctx.units, tag, self.ctx.tags.units(tag), shown,
                self.ctx.language))
        spawn(go())
