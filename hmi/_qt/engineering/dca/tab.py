"""The Decline curves tab: pick wells (or a group, or a type well), fit a decline, drag its
parameters, forecast to the economic limit, EUR, remaining reserves and P-bands.

The state and every number live in :class:`hmi.components.engineering.dca.DcaModel`; this
widget only edits its inputs and draws what it says. Loads from the edge are coroutines
(``spawn``), fits and bootstraps run in the tab's :class:`JobRunner`, hand edits are
recomputed on the Qt thread (closed-form volumes, well under a millisecond).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QWidget,
)

from domain.engineering import dca as ddca
from hmi._qt.context import AppContext
from hmi._qt.engineering.common import tr
from hmi._qt.engineering.dca.base import DcaTabBase
from hmi._qt.engineering.dca.form import DcaFormMixin
from hmi._qt.engineering.dca.handles import DcaHandlesMixin
from hmi._qt.engineering.dca.options import DcaOptionsMixin
from hmi._qt.engineering.dca.params import DcaParamsMixin
from hmi._qt.engineering.dca.plots import DcaPlotsMixin
from hmi._qt.engineering.dca.results import DcaResultsMixin
from hmi._qt.engineering.dca.wells import DcaWellsMixin
from hmi.components.engineering.dca import (
    DcaModel,
    ParamSpec,
)
from hmi.reports import Report


class DcaTab(DcaFormMixin, DcaOptionsMixin, DcaWellsMixin, DcaParamsMixin, DcaPlotsMixin,
             DcaHandlesMixin, DcaResultsMixin, DcaTabBase):
    """Decline curve analysis (see the module docstring)."""

    export_stem = "dca"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = DcaModel(ctx.units, tr)
        self._texts: list[tuple[Callable[[str], None], str]] = []  # (setter, English source)
        self._load_serial = 0
        self._placing = False  # moving the handles ourselves: not a drag
        self.loading: asyncio.Task[Any] | None = None
        self._t_params = ""
        self.param_spins: dict[str, tuple[ParamSpec, QDoubleSpinBox]] = {}
        self._build_inputs()
        self._build_body()
        self._refit_timer = QTimer(self, singleShot=True, interval=250)
        self._refit_timer.timeout.connect(self.fit)
        self._load_timer = QTimer(self, singleShot=True, interval=300)
        self._load_timer.timeout.connect(lambda: self._spawn(self.load_selected()))
        m = self.model
        m.wells_changed.connect(self._show_wells)
        m.history_changed.connect(self._history_loaded)
        m.fit_changed.connect(self._fit_changed)
        m.curve_changed.connect(self._draw_curve)
        m.bands_changed.connect(self._draw_curve)
        ctx.units.changed.connect(lambda _s: self._units_changed())
        self.runner.failed.connect(self._job_failed)
        self.retranslate()
        self._update_enabled()
        QTimer.singleShot(0, lambda: self._spawn(self.refresh_wells(auto_select=True)))

    # -- translation and units -------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        for setter, text in self._texts:
            setter(tr(text))
        self._rebuild_param_spins()
        self._units_changed()

    def _units_changed(self) -> None:
        self.terminal.setSuffix(" " + tr("%/yr"))
        self.max_years.setSuffix(" " + tr("years"))
        unit = self.model.rate_unit
        self.q_limit.blockSignals(True)
        self.q_limit.setSuffix(f" {unit}")
        self.q_limit.setValue(self.model.q(self.model.forecast_options.q_limit))
        self.q_limit.blockSignals(False)
        self._rebuild_param_spins()
        self._show_wells()
        self._draw_history()
        self._fit_changed()

    # -- running ---------------------------------------------------------------------------

    def fit(self) -> None:
        """Fit the loaded history with the form's options (in the background)."""
        self._refit_timer.stop()
        m = self.model
        m.mode = "group" if self.mode_combo.currentData() == "group" else "type_well"
        m.options = self.read_fit_options()
        try:
            m.forecast_options = self.read_forecast_options()
            work, args = m.fit_job()
        except ValueError as e:
            self.jobbar.show_message("✖ " + str(e), error=True)
            return
        self.runner.start("fit", work, *args, on_done=m.apply_fit)

    def compute_bands(self) -> None:
        try:
            self.model.forecast_options = self.read_forecast_options()
            work, args = self.model.bands_job()
        except ValueError as e:
            self.jobbar.show_message("✖ " + str(e), error=True)
            return
        outcome = self.model.outcome

        def done(bands: ddca.PBands) -> None:
            if self.model.outcome is outcome:
                self.model.apply_bands(bands)

        self.runner.start("bands", work, *args, on_done=done)

    def _job_failed(self, name: str, _message: str) -> None:
        if name == "fit" and self.model.outcome is not None:
            self.model.clear_fit()  # no stale curve for options that cannot be fitted

    # -- export ----------------------------------------------------------------------------

    def build_report(self) -> Report:
        return self.model.build_report()
