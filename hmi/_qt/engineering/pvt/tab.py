"""The PVT calculator tab: a black-oil fluid's bubble point, its properties at one pressure,
and a table and plots of every property over a pressure range (the model is
:mod:`hmi.components.engineering.pvt`; the numbers come from ``domain.engineering.pvt``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QLabel,
    QWidget,
)

from hmi._qt.context import AppContext
from hmi._qt.engineering.common import tr
from hmi._qt.engineering.pvt.base import PvtTabBase
from hmi._qt.engineering.pvt.fields import FIELD_DEFS, NumberField
from hmi._qt.engineering.pvt.form import PvtFormMixin
from hmi._qt.engineering.pvt.inputs import PvtInputsMixin
from hmi._qt.engineering.pvt.plots import PvtPlotsMixin
from hmi._qt.engineering.pvt.results import PvtResultsMixin
from hmi.components.engineering import pvt as m
from hmi.reports import Report


class PvtTab(PvtFormMixin, PvtInputsMixin, PvtPlotsMixin, PvtResultsMixin, PvtTabBase):
    export_stem = "pvt"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = m.PvtModel()
        self.system: m.System = self._ctx_system()
        self.preset: str = m.DEFAULT_PRESET
        self._input_error: str | None = None
        self._loading = False
        self._csv_export = False
        self.fields: dict[str, NumberField] = {f.attr: NumberField(f) for f in FIELD_DEFS}
        self._labels: dict[str, QLabel] = {}
        self._build_form()
        self._build_body()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(400)
        self._debounce.timeout.connect(self.calculate)
        for f in self.fields.values():
            f.textEdited.connect(self._edited)
            f.returnPressed.connect(self.calculate)
        self.model.changed.connect(self._show_result)
        self.runner.failed.connect(lambda _n, _msg: self.model.clear())
        self.runner.finished.connect(lambda _n, _r: self._reshow_input_error())
        self.runner.cancelled.connect(lambda _n: self._reshow_input_error())
        ctx.units.changed.connect(self._units_changed)
        self.load_inputs(self.model.inputs)
        self.retranslate()
        self._show_result()
        QTimer.singleShot(0, self.calculate)  # the example on first open

    # -- text --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        self.preset_label.setText(tr("Preset"))
        self.preset_combo.setToolTip(tr("Example fluids; editing any input makes it Custom."))
        for i in range(self.preset_combo.count()):
            key = self.preset_combo.itemData(i)
            self.preset_combo.setItemText(i, tr(key) if key else tr("Custom"))
        self.spec_label.setText(tr("Oil described by"))
        self.spec_combo.setItemText(0, tr("Solution GOR"))
        self.spec_combo.setItemText(1, tr("Bubble-point pressure"))
        self.spec_combo.setToolTip(tr("Give the solution GOR (the bubble point follows from "
                                      "the correlation) or a known bubble point (the GOR "
                                      "follows)."))
        self.sep_check.setText(tr("Separator conditions known"))
        self.sep_check.setToolTip(tr("Vasquez-Beggs corrects the gas gravity to a 100 psig "
                                     "separator; Standing ignores the separator."))
        self.oil_label.setText(tr("Oil (pb, Rs, Bo)"))
        self.oil_combo.setToolTip(tr("Correlation for the bubble point, the solution GOR and "
                                     "the saturated oil FVF."))
        self.z_label.setText(tr("Gas z-factor"))
        self.z_combo.setToolTip(tr("Equation of state fitted to the Standing-Katz chart; "
                                   "pseudo-criticals by Sutton with the Wichert-Aziz "
                                   "correction."))
        self.calc_button.setText(tr("Calculate"))
        self.point_box.setTitle(tr("At one pressure"))
        for group, head in self.point_heads.items():
            head.setText(tr(group))
        for key in ("Oil", "Gas", "Water", "Conditions", "Correlations"):
            self._labels["§" + key].setText(tr(key))
        self._relabel()
        self._show_result()

    def _units_changed(self, *_args: object) -> None:
        old, new = self.system, self._ctx_system()
        if old == new:
            return
        self._loading = True
        try:
            for f in self.fields.values():
                if f.spec.kind and f.text().strip():
                    try:
                        v = f.value(old)
                    except ValueError:
                        continue  # leave what the user typed for them to fix
                    f.set_value(v, new)
        finally:
            self._loading = False
        self.system = new
        self._relabel()
        self._show_result()

    # -- running -----------------------------------------------------------------------------

    def calculate(self) -> None:
        """Check the inputs on this thread (fast) and compute the table in the worker."""
        self._debounce.stop()
        try:
            inputs = self.model.prepare(self.read_inputs(), tr)
        except ValueError as e:
            self._input_error = "✖ " + str(e)
            self.model.clear()
            self.runner.cancel()
            self.jobbar.show_message(self._input_error, error=True)
            return
        self._input_error = None
        self.runner.start("pvt", m.compute, inputs, on_done=self.model.set_result)

    def _reshow_input_error(self) -> None:
        if self._input_error:
            self.jobbar.show_message(self._input_error, error=True)

    # -- export ------------------------------------------------------------------------------

    def build_report(self) -> Report:
        return m.build_report(self.model.result, self.system, tr, preset=self.preset,
                              for_csv=self._csv_export)

    def export_csv(self, path: Path | str) -> Path:
        """The CSV has the table whole (the PDF splits it by phase to fit the page)."""
        self._csv_export = True
        try:
            return super().export_csv(path)
        finally:
            self._csv_export = False
