"""The Engineering page: each analysis tab is built on first show (startup does not pay for
them), all four build and switch language, and an unreachable edge leaves the decline-curve
tab with a message, not a crash."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hmi._qt.context import AppContext
from hmi._qt.engineering.view import EngineeringView
from hmi._qt.i18n import Translations
from hmi.api.client import ApiClient


async def test_tabs_are_built_on_demand_and_translate(qtbot: QtBot) -> None:
    ctx = AppContext(ApiClient("http://127.0.0.1:9"))  # nothing listens there
    view = EngineeringView(ctx)
    qtbot.addWidget(view)
    assert view.analyses == {}  # nothing built before the page is shown
    view.resize(1400, 850)
    view.show()
    assert list(view.analyses) == ["dca"]
    for key in ("pvt", "nodal", "matbal"):
        view.show_tab(key)
        assert key in view.analyses and view.tabs.currentWidget().isVisible()
    translations = Translations()
    try:
        assert translations.set_language("es")
        view.retranslate()
        assert view.tabs.tabText(3) == "Balance de materiales"
        assert view.tab("pvt").pdf_button.text() == "Exportar PDF…"
    finally:
        translations.set_language("en")
        view.retranslate()
    # the decline-curve tab asked the (dead) edge for its wells and says it could not
    dca = view.tab("dca")
    for _ in range(100):
        QApplication.processEvents()
        await asyncio.sleep(0.05)
        if dca.jobbar.status.text():
            break
    assert dca.jobbar.status.text(), "no message about the unreachable edge"
    await ctx.client.close()
