"""AlarmBanner: always visible above every screen. Counts of unacknowledged alarms per
priority, the most urgent unacknowledged ones, flashing until acknowledged, optional sound."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hmi._qt.widgets.priority import PriorityIcon
from hmi.components.alarms import PRIORITIES, AlarmListModel


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


BANNER_ROWS = 3


class AlarmBanner(QFrame):
    def __init__(self, alarms: AlarmListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self._alarms = alarms
        self._known_unack: set[str] = set()
        self.sound = False
        self.counters: dict[str, tuple[PriorityIcon, QLabel]] = {}
        counts = QHBoxLayout()
        for p in PRIORITIES:
            icon, label = PriorityIcon(20), QLabel("0")
            label.setMinimumWidth(28)
            counts.addWidget(icon)
            counts.addWidget(label)
            self.counters[p] = (icon, label)
        self.rows: list[tuple[PriorityIcon, QLabel]] = []
        rows = QVBoxLayout()
        rows.setSpacing(1)
        for _ in range(BANNER_ROWS):
            line = QHBoxLayout()
            icon, text = PriorityIcon(16), QLabel()
            line.addWidget(icon)
            line.addWidget(text, 1)
            rows.addLayout(line)
            self.rows.append((icon, text))
        self.more = QLabel()
        self.more.setObjectName("dim")
        self.sound_button = QPushButton()
        self.sound_button.setCheckable(True)
        self.sound_button.toggled.connect(self._set_sound)
        lay = QHBoxLayout(self)
        lay.addLayout(counts)
        lay.addSpacing(16)
        lay.addLayout(rows, 1)
        lay.addWidget(self.more, 0, Qt.AlignmentFlag.AlignBottom)
        lay.addWidget(self.sound_button)
        self._phase = True
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._blink)
        self._timer.start(500)  # 1 Hz flashing
        alarms.changed.connect(self.refresh)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.sound_button.setText(tr("Sound on") if self.sound else tr("Sound off"))
        self.sound_button.setToolTip(tr("Beep when a new unacknowledged alarm arrives"))
        self.refresh()

    def _set_sound(self, on: bool) -> None:
        self.sound = on
        self.retranslate()

    def refresh(self) -> None:
        counts = self._alarms.counts()
        for p, (icon, label) in self.counters.items():
            n = counts[p]
            icon.set_alarm(p, n > 0)
            label.setText(str(n))
            label.setToolTip(tr("Unacknowledged alarms of this priority"))
        unack = self._alarms.unacknowledged()
        top = unack[:BANNER_ROWS]
        for (icon, text), a in zip(self.rows, top + [None] * (BANNER_ROWS - len(top)),
                                   strict=True):
            if a is None:
                icon.set_alarm(None, False)
                text.setText("")
                continue
            icon.set_alarm(a.priority, True)
            when = f"{a.since.astimezone():%H:%M:%S}  " if a.since else ""
            text.setText(f"{when}{a.device}  {a.message}")
            text.setToolTip(a.name)
        if not unack:
            self.rows[0][1].setText(tr("No unacknowledged alarms"))
        extra = len(unack) - len(top)
        self.more.setText(tr("+%n more").replace("%n", str(extra)) if extra > 0 else "")
        names = {a.name for a in unack}
        if self.sound and names - self._known_unack:
            QApplication.beep()
        self._known_unack = names

    def _blink(self) -> None:
        self._phase = not self._phase
        for icon, _ in self.counters.values():
            icon.blink(self._phase)
        for icon, _ in self.rows:
            icon.blink(self._phase)
