"""StatusBar: link to the edge (shape + text), user and role, devices with bad comms, clock."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from hmi.api.client import ConnectionState
from hmi.components.connection import ConnectionModel
from hmi.components.session import SessionModel


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


def role_text(role: str) -> str:
    return {"admin": tr("administrator"), "supervisor": tr("supervisor"),
            "operator": tr("operator"), "viewer": tr("viewer")}.get(role, role)


class StatusBar(QStatusBar):
    def __init__(self, connection: ConnectionModel, session: SessionModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._conn = connection
        self._session = session
        self.link = QLabel()
        self.user = QLabel()
        self.devices = QLabel()
        self.clock = QLabel()
        self.addWidget(self.link)
        self.addWidget(self.devices, 1)
        self.addPermanentWidget(self.user)
        self.addPermanentWidget(self.clock)
        connection.changed.connect(self.refresh)
        session.changed.connect(self.refresh)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1000)
        self.refresh()
        self._tick()

    def retranslate(self) -> None:
        self.refresh()

    def _tick(self) -> None:
        self.clock.setText(f"{datetime.now():%d/%m/%Y %H:%M:%S}")

    def refresh(self) -> None:
        c = self._conn
        since = f"{c.since.astimezone():%H:%M:%S}"
        if c.state is ConnectionState.CONNECTED:
            self.link.setText("● " + tr("Connected to the edge"))
        elif c.state is ConnectionState.LOST:
            self.link.setText("✖ " + tr("NO LINK TO THE EDGE since %1, retrying")
                              .replace("%1", since))
        elif c.state is ConnectionState.CONNECTING:
            self.link.setText("◌ " + tr("Connecting…"))
        else:
            self.link.setText("○ " + tr("Not connected"))
        self.link.setToolTip(f"{c.server}\n{c.reason}".strip())
        bad = c.bad_devices()
        if not c.devices:
            self.devices.setText("")
        elif bad:
            names = ", ".join(d.name for d in bad[:6]) + ("…" if len(bad) > 6 else "")
            self.devices.setText("▲ " + tr("Comms failure: %n of %t devices (%1)")
                                 .replace("%n", str(len(bad)))
                                 .replace("%t", str(len(c.devices))).replace("%1", names))
        else:
            self.devices.setText(tr("Comms OK: %n devices").replace("%n", str(len(c.devices))))
        s = self._session
        self.user.setText(f"{s.username} ({role_text(s.role)})" if s.user else "")
