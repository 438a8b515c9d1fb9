"""MainWindow: navigation on the left, the alarm banner always on top, a full-width notice
when the link to the edge is lost, the screens in a stack, the status bar at the bottom."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hmi._qt.alarms.view import AlarmsView
from hmi._qt.context import AppContext
from hmi._qt.engineering.view import EngineeringView
from hmi._qt.i18n import Translations
from hmi._qt.overview.view import OverviewView
from hmi._qt.shell.banner import AlarmBanner
from hmi._qt.shell.status_bar import StatusBar
from hmi._qt.trends.view import TrendsView
from hmi._qt.well.view import WellView
from hmi.api.client import ConnectionState
from hmi.components.units import UnitSystem


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


class Placeholder(QWidget):
    """The ERP screen: a later increment; say so instead of hiding it."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.label = QLabel()
        self.label.setObjectName("title")
        lay = QVBoxLayout(self)
        lay.addWidget(self.label)
        lay.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(tr("ERP (production allocation, tickets)") + " — "
                           + tr("not part of this version"))


class MainWindow(QMainWindow):
    PAGES = ("overview", "wells", "alarms", "trends", "erp", "engineering")

    def __init__(self, ctx: AppContext, translations: Translations) -> None:
        super().__init__()
        self.ctx = ctx
        self.translations = translations
        self.banner = AlarmBanner(ctx.alarms)
        self.link_notice = QLabel()
        self.link_notice.setObjectName("linkLost")
        self.link_notice.hide()
        self.lock_notice = QLabel()
        self.lock_notice.setObjectName("notice")
        self.lock_notice.hide()
        self.overview = OverviewView(ctx)
        self.well = WellView(ctx)
        self.alarms = AlarmsView(ctx)
        self.trends = TrendsView(ctx)
        self.engineering = EngineeringView(ctx)
        self.pages: dict[str, QWidget] = {
            "overview": self.overview, "wells": self.well, "alarms": self.alarms,
            "trends": self.trends, "erp": Placeholder("erp"),
            "engineering": self.engineering}
        self.stack = QStackedWidget()
        nav = QFrame()
        nav.setObjectName("navBar")
        nav_lay = QVBoxLayout(nav)
        self.nav_group = QButtonGroup(self)
        self.nav_buttons: dict[str, QPushButton] = {}
        for key in self.PAGES:
            b = QPushButton()
            b.setObjectName("nav")
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, k=key: self.show_page(k))
            self.nav_group.addButton(b)
            nav_lay.addWidget(b)
            self.nav_buttons[key] = b
            self.stack.addWidget(self.pages[key])
        nav_lay.addStretch(1)
        self.language = QComboBox()
        self.language.addItem("Español", "es")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if translations.language == "es" else 1)
        self.language.currentIndexChanged.connect(
            lambda _i: self.set_language(self.language.currentData()))
        self.units = QComboBox()
        self.units.addItem("bbl/d · psi · °F", UnitSystem.OILFIELD)
        self.units.addItem("m³/d · kPa · °C", UnitSystem.SI)
        self.units.currentIndexChanged.connect(
            lambda _i: ctx.units.set_system(self.units.currentData()))
        self.lock = QPushButton()
        self.lock.clicked.connect(self.toggle_lock)
        self.lock_shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        self.lock_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)  # dialogs too
        self.lock_shortcut.activated.connect(self.toggle_lock)
        self.logout = QPushButton()
        self.logout.clicked.connect(self.close)
        nav_lay.addWidget(self.language)
        nav_lay.addWidget(self.units)
        nav_lay.addWidget(self.lock)
        nav_lay.addWidget(self.logout)
        content = QVBoxLayout()
        content.setContentsMargins(0, 0, 0, 0)
        content.addWidget(self.link_notice)
        content.addWidget(self.lock_notice)
        content.addWidget(self.stack, 1)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(nav)
        body.addLayout(content, 1)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.banner)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)
        self.status = StatusBar(ctx.connection, ctx.session)
        self.setStatusBar(self.status)
        ctx.connection.changed.connect(self._on_connection)
        ctx.session.changed.connect(self._on_session)
        ctx.open_well.connect(lambda _d: self.show_page("wells"))
        ctx.open_trend.connect(lambda _t: self.show_page("trends"))
        self.retranslate()
        self.show_page("overview")
        self.resize(1600, 900)

    def show_page(self, key: str) -> None:
        self.stack.setCurrentWidget(self.pages[key])
        self.nav_buttons[key].setChecked(True)

    def set_language(self, language: str) -> None:
        self.translations.set_language(language)
        self.ctx.language = self.translations.language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Oilfield control room"))
        names = {"overview": tr("Overview"), "wells": tr("Wells"), "alarms": tr("Alarms"),
                 "trends": tr("Trends"), "erp": tr("ERP"), "engineering": tr("Engineering")}
        for key, b in self.nav_buttons.items():
            b.setText(names[key])
        self.logout.setText(tr("Log out"))
        self._on_session()
        for page in self.pages.values():
            getattr(page, "retranslate", lambda: None)()
        self.banner.retranslate()
        self.status.retranslate()
        self._on_connection()

    def toggle_lock(self) -> None:
        """Lock now (Ctrl+L, the button); when locked, ask for a login to unlock."""
        s = self.ctx.session
        if s.locked:
            s.unlock_requested.emit()
        else:
            s.lock()

    def _on_session(self) -> None:
        locked = self.ctx.session.locked
        self.lock.setText(tr("Unlock…") if locked else tr("Lock"))
        self.lock.setToolTip(tr("Lock this screen now: displays stay live, actions need a "
                                "login (Ctrl+L)"))
        self.lock_notice.setVisible(locked)
        self.lock_notice.setText(tr("LOCKED: the displays stay live, but no action "
                                    "is possible until someone logs in (Unlock…)."))

    def _on_connection(self) -> None:
        c = self.ctx.connection
        lost = c.state is ConnectionState.LOST
        self.link_notice.setVisible(lost)
        if lost:
            self.link_notice.setText(
                "✖ " + tr("NO LINK TO THE EDGE since %1. Values are the last known ones "
                          "(hatched). Retrying…").replace("%1", f"{c.since.astimezone():%H:%M:%S}"))
