"""The Engineering screen: one tab per analysis (decline curves, PVT, nodal, material
balance). Tabs are built on first show, so the control room's startup does not pay for
windows an operator may never open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from hmi._qt.context import AppContext
from hmi._qt.engineering.common import AnalysisTab


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


def _factories() -> list[tuple[str, Callable[[AppContext], AnalysisTab]]]:
    from hmi._qt.engineering.dca import DcaTab
    from hmi._qt.engineering.matbal import MaterialBalanceTab
    from hmi._qt.engineering.nodal import NodalTab
    from hmi._qt.engineering.pvt import PvtTab

    return [("dca", DcaTab), ("pvt", PvtTab), ("nodal", NodalTab),
            ("matbal", MaterialBalanceTab)]


class EngineeringView(QWidget):
    KEYS = ("dca", "pvt", "nodal", "matbal")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget()
        self._hosts: dict[str, QWidget] = {}
        self.analyses: dict[str, AnalysisTab] = {}
        for key in self.KEYS:
            host = QWidget()
            QVBoxLayout(host).setContentsMargins(0, 0, 0, 0)
            self._hosts[key] = host
            self.tabs.addTab(host, key)
        self.tabs.currentChanged.connect(lambda _i: self._ensure(self.current_key()))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.tabs)
        self.retranslate()

    def current_key(self) -> str:
        return self.KEYS[self.tabs.currentIndex()]

    def showEvent(self, event: object) -> None:
        self._ensure(self.current_key())
        super().showEvent(event)  # type: ignore[arg-type]

    def tab(self, key: str) -> AnalysisTab:
        """The analysis tab ``key``, built now if it was not yet."""
        self._ensure(key)
        return self.analyses[key]

    def show_tab(self, key: str) -> AnalysisTab:
        self.tabs.setCurrentIndex(self.KEYS.index(key))
        return self.tab(key)

    def _ensure(self, key: str) -> None:
        if key in self.analyses:
            return
        factory = dict(_factories())[key]
        tab = factory(self.ctx)
        self.analyses[key] = tab
        layout = self._hosts[key].layout()
        assert layout is not None
        layout.addWidget(tab)
        tab.retranslate()

    def retranslate(self) -> None:
        names = {"dca": tr("Decline curves"), "pvt": tr("PVT"),
                 "nodal": tr("Inflow / outflow (nodal)"), "matbal": tr("Material balance")}
        for i, key in enumerate(self.KEYS):
            self.tabs.setTabText(i, names[key])
        for tab in self.analyses.values():
            tab.retranslate()
