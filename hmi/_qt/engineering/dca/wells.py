"""The well list and loading from the edge: wells with daily production, the selection, and
the selected wells' history (coroutines, ``spawn``).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QListWidgetItem,
)

from hmi._qt.engineering.common import tr
from hmi._qt.engineering.dca.base import DcaTabBase
from hmi._qt.tasks import spawn
from hmi.api.errors import ApiError, ConnectionLost
from hmi.components.engineering.dca import (
    fmt,
)

log = logging.getLogger(__package__)


class DcaWellsMixin(DcaTabBase):
    """Lists the edge's wells and loads the selected ones' history."""

    def _spawn(self, coro: Any) -> None:
        try:
            self.loading = spawn(coro)
        except RuntimeError:  # no event loop (a test that never runs one)
            coro.close()

    def _error_text(self, exc: BaseException) -> str:
        if isinstance(exc, ApiError):
            return exc.text(self.ctx.language)
        if isinstance(exc, ConnectionLost):
            return tr("The edge does not answer: %1").replace("%1", str(exc) or "—")
        return str(exc) or type(exc).__name__

    async def refresh_wells(self, auto_select: bool = False) -> None:
        """Read the edge's wells with daily history; select the largest one on first open."""
        self.jobbar.show_message(tr("Loading wells…"))
        try:
            wells = await self.model.load_wells(self.ctx.client)
        except Exception as e:  # an edge down or refusing: say so, keep the window
            log.info("dca: wells not loaded: %s", e)
            self.jobbar.show_message("✖ " + tr("Wells not loaded: %1").replace(
                "%1", self._error_text(e)), error=True)
            return
        if not wells:
            self.jobbar.show_message(tr("The edge has no daily production yet (see "
                                        "'oilfield production import')"), error=True)
            return
        self.jobbar.show_message(tr("%1 wells with daily production").replace(
            "%1", str(len(wells))))
        if auto_select and not self.well_list.selectedItems():
            self.well_list.setCurrentRow(0)

    def _show_wells(self) -> None:
        chosen = set(self.selected_wells())
        self.well_list.blockSignals(True)
        self.well_list.clear()
        vu = self.model.volume_unit
        for w in self.model.wells:
            item = QListWidgetItem(f"{w.well}   ({w.first_day:%Y-%m} – {w.last_day:%Y-%m}, "
                                   f"{fmt(self.model.vol(w.cum_oil_bbl), 3)} {vu})")
            item.setData(Qt.ItemDataRole.UserRole, w.well)
            item.setToolTip(tr("%1 days of records; cumulative oil %2").replace(
                "%1", str(w.days)).replace("%2", f"{fmt(self.model.vol(w.cum_oil_bbl))} {vu}"))
            self.well_list.addItem(item)
            item.setSelected(w.well in chosen)
        self.well_list.blockSignals(False)

    def selected_wells(self) -> list[str]:
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in self.well_list.selectedItems()]

    def select_wells(self, wells: list[str]) -> None:
        """Select ``wells`` in the list (as the mouse would)."""
        self.well_list.blockSignals(True)
        for i in range(self.well_list.count()):
            item = self.well_list.item(i)
            item.setSelected(item.data(Qt.ItemDataRole.UserRole) in wells)
        self.well_list.blockSignals(False)
        self.well_list.itemSelectionChanged.emit()

    async def load_selected(self) -> None:
        """Load the selected wells' history, then fit it."""
        wells = self.selected_wells()
        if not wells:
            return
        self._load_serial += 1
        serial = self._load_serial
        self.runner.cancel()
        self.jobbar.show_message(tr("Loading daily production of %1…").replace(
            "%1", ", ".join(wells[:4]) + (" …" if len(wells) > 4 else "")))
        try:
            await self.model.load_history(self.ctx.client, wells)
        except Exception as e:
            if serial == self._load_serial:
                self.jobbar.show_message("✖ " + tr("History not loaded: %1").replace(
                    "%1", self._error_text(e)), error=True)
            return
        if serial != self._load_serial:
            return  # a newer selection is loading
        self.fit()
