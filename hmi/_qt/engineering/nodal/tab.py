"""The inflow/outflow (nodal analysis) tab: IPR and VLP curves, the operating point, a
pressure traverse at it, and sensitivity families (THP, choke, ESP frequency, gas-lift GLR).

The numbers come from :mod:`hmi.components.engineering.nodal` (Qt-free), which runs the domain
library in the tab's :class:`JobRunner`; this widget only reads the form, starts jobs and draws.
Inputs are typed in the display unit system (``ctx.units``) and converted to oilfield units.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)

from hmi._qt.context import AppContext
from hmi._qt.engineering.common import tr
from hmi._qt.engineering.nodal.base import NodalTabBase
from hmi._qt.engineering.nodal.form import NodalFormMixin
from hmi._qt.engineering.nodal.inputs import NodalInputsMixin
from hmi._qt.engineering.nodal.plots import NodalPlotsMixin
from hmi._qt.engineering.nodal.results import NodalResultsMixin
from hmi._qt.engineering.nodal.specs import tooltips
from hmi.components.engineering import nodal as nm
from hmi.components.engineering.jobs import Job
from hmi.components.units import UnitSystem
from hmi.reports import Report

nm.set_translator(tr)


class NodalTab(NodalFormMixin, NodalInputsMixin, NodalPlotsMixin, NodalResultsMixin,
               NodalTabBase):
    export_stem = "nodal"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = nm.NodalModel(ctx.units)
        self._system = ctx.units.system
        self._autorun_done = False
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.headers: list[tuple[QLabel, Callable[[], str]]] = []
        self._build_form()
        self._build_body()
        scroll = self.findChild(QScrollArea)
        if scroll is not None:  # the form is long and its combos wide: use the room allowed
            scroll.setMinimumWidth(360)
        self._write_inputs(self.model.inputs)
        self.model.changed.connect(self._redraw)
        ctx.units.changed.connect(self._units_changed)
        self.retranslate()
        self._update_visibility()

    # -- running ------------------------------------------------------------------------------

    def _prepare(self, sensitivity: bool) -> tuple[nm.Well, tuple[float, ...]] | None:
        try:
            inp = self.read_inputs()
            if sensitivity:
                well, vals = self.model.prepare_sensitivity(inp)
            else:
                well, vals = self.model.prepare(inp), ()
        except nm.InputError as e:
            self._mark(e)
            self.jobbar.show_message("✖ " + str(e), error=True)
            return None
        except ValueError as e:  # the domain's own message, as is
            self._mark(None)
            self.jobbar.show_message("✖ " + str(e), error=True)
            return None
        self._mark(None)
        return well, vals

    def calculate(self) -> Job[Any] | None:
        """Read the form and run the base case in the background."""
        prepared = self._prepare(False)
        if prepared is None:
            return None
        return self.runner.start("nodal", nm.run_nodal, prepared[0],
                                 on_done=self._run_done)

    def run_sensitivity(self) -> Job[Any] | None:
        """Read the form and run the chosen sensitivity family in the background."""
        prepared = self._prepare(True)
        if prepared is None:
            return None
        well, vals = prepared
        return self.runner.start("nodal-sensitivity", nm.run_sensitivity, well, vals,
                                 on_done=self.model.apply_sensitivity)

    def _run_done(self, run: nm.NodalRun) -> None:
        self.model.apply_run(run)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._autorun_done:
            self._autorun_done = True
            QTimer.singleShot(0, self._autorun)

    def _autorun(self) -> None:
        if self.model.run is None and not self.runner.busy:
            # no event loop (a bare widget in a test): nothing to do
            with contextlib.suppress(RuntimeError):
                self.calculate()

    def _redraw(self) -> None:
        self._draw_nodal()
        self._draw_traverse()
        self._fill_results()

    # -- units, language, export ----------------------------------------------------------------

    def _units_changed(self, system: UnitSystem) -> None:
        try:
            inp = self.read_inputs()  # in the system shown so far
        except ValueError:
            inp = self.model.inputs
        self._system = system
        self._write_inputs(inp)
        self.retranslate()
        self._redraw()

    def retranslate(self) -> None:
        super().retranslate()
        for lab, text in self.headers:
            lab.setText(text())
        tips = tooltips()
        for key, lab in self.labels.items():
            lab.setText(self._label_text(key))
            lab.setToolTip(tips.get(key, ""))
        for key, e in self.edits.items():
            e.setToolTip(tips.get(key, ""))
        texts = self._combo_texts()
        for combo, key in ((self.ipr_model, "ipr_model"), (self.ipr_source, "ipr_source"),
                           (self.correlation, "correlation"), (self.variable, "variable"),
                           (self.choke, "choke")):
            for i in range(combo.count()):
                combo.setItemText(i, texts.get(combo.itemData(i), combo.itemData(i)))
            combo.setToolTip(tips.get(key, ""))
        self.esp.setText(tr("ESP installed"))
        self.esp.setToolTip(tips["esp"])
        self.calc_button.setText(tr("Calculate"))
        self.sens_button.setText(tr("Run sensitivity"))
        self.pb_placeholder()
        self._redraw()

    def build_report(self) -> Report:
        return self.model.build_report()
