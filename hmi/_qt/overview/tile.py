"""WellTile: one well at ISA-101 level 1. Run state as shape + text (▶ running, ■ stopped,
? unknown), the worst active alarm as its priority shape, key rates against their band."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from hmi._qt.widgets.analog import AnalogBar
from hmi._qt.widgets.priority import PriorityIcon
from hmi._qt.widgets.value import ValueLabel
from hmi.components.alarms import AlarmListModel, is_unacknowledged
from hmi.components.layout import ModelLayout, WellsLayout
from hmi.components.tag_values import TagValuesModel
from hmi.components.units import UnitsModel


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


def signal_label(signal: str) -> str:
    labels = {"Q_LIQ": tr("Liquid"), "Q_OIL": tr("Oil"), "Q_GAS": tr("Gas"),
              "THP": tr("THP"), "CHP": tr("CHP"), "WCUT": tr("Water cut"),
              "ESP.FREQ": tr("Freq."), "ESP.MTR_TEMP": tr("Motor T"), "BM.SPM": tr("SPM"),
              "BM.FILL": tr("Fill"), "GL.QINY": tr("Inj. gas")}
    return labels.get(signal, signal.split(".")[-1])


def run_state(value: float | None, good: bool) -> tuple[str, str]:
    """(symbol, text) for a running flag; unknown when not GOOD (never guess 'stopped')."""
    if value is None or not good:
        return "?", tr("UNKNOWN")
    return ("▶", tr("RUNNING")) if value >= 0.5 else ("■", tr("STOPPED"))


class WellTile(QFrame):
    clicked = Signal(str)

    def __init__(self, device: str, model: str, ml: ModelLayout, layout: WellsLayout,
                 tags: TagValuesModel, alarms: AlarmListModel, units: UnitsModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.device, self.model = device, model
        self._tags, self._alarms, self._units = tags, alarms, units
        self.run_tag = f"{device}.{ml.run}"
        self.tile_tags = [f"{device}.{s}" for s in ml.tile]
        self.name = QLabel(device)
        self.name.setObjectName("tileName")
        self.kind = QLabel(ml.label)
        self.kind.setObjectName("dim")
        self.alarm = PriorityIcon(18)
        self.run = QLabel()
        head = QHBoxLayout()
        head.addWidget(self.name)
        head.addWidget(self.alarm)
        head.addStretch(1)
        head.addWidget(self.run)
        grid = QGridLayout()
        grid.setVerticalSpacing(1)
        self.rows: dict[str, tuple[QLabel, ValueLabel, AnalogBar]] = {}
        for i, tag in enumerate(self.tile_tags):
            signal = tag.partition(".")[2]
            lbl = QLabel(signal_label(signal))
            lbl.setObjectName("dim")
            val = ValueLabel(units, tags.units(tag), digits=0)
            bar = AnalogBar()
            sl = layout.signal(tag)
            info = tags.info(tag)
            scale = sl.scale or ((info.eu_min or 0.0, info.eu_max or 100.0) if info else (0, 100))
            bar.set_range(scale[0], scale[1], sl.band)
            grid.addWidget(lbl, i, 0)
            grid.addWidget(val, i, 1)
            grid.addWidget(bar, i, 2)
            self.rows[tag] = (lbl, val, bar)
        grid.setColumnStretch(2, 1)
        grid.setColumnMinimumWidth(1, 92)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.setSpacing(2)
        lay.addLayout(head)
        lay.addWidget(self.kind)
        lay.addLayout(grid)
        self.setMinimumWidth(250)
        self.refresh_values()
        self.refresh_alarm()

    def watched(self) -> list[str]:
        return [self.run_tag, *self.tile_tags]

    def retranslate(self) -> None:
        for tag, (lbl, _v, _b) in self.rows.items():
            lbl.setText(signal_label(tag.partition(".")[2]))
        self.refresh_values()

    def refresh_values(self, names: set[str] | None = None) -> None:
        for tag, (_lbl, val, bar) in self.rows.items():
            if names is None or tag in names:
                r = self._tags.reading(tag)
                val.source_units = self._tags.units(tag)
                val.show_reading(r)
                bar.set_value(r.value, r.shown_good)
        if names is None or self.run_tag in names:
            r = self._tags.reading(self.run_tag)
            symbol, text = run_state(r.value, r.shown_good)
            self.run.setText(f"{symbol} {text}")
            self.run.setToolTip(self.run_tag)

    def refresh_alarm(self) -> None:
        alarms = [a for a in self._alarms.of_device(self.device)
                  if a.state not in ("normal", "shelved")]
        if alarms:
            self.alarm.set_alarm(alarms[0].priority, any(is_unacknowledged(a) for a in alarms))
            self.alarm.setToolTip("\n".join(f"{a.priority}: {a.message}" for a in alarms[:5]))
        else:
            self.alarm.set_alarm(None, False)
            self.alarm.setToolTip("")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit(self.device)
        super().mouseReleaseEvent(event)
