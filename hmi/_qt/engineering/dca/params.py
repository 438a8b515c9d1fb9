"""The parameter spin boxes: one per parameter of the current model, showing the curve's
values and editing them by hand.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLabel,
)

from hmi._qt.engineering.common import tr
from hmi._qt.engineering.dca.base import DcaTabBase
from hmi._qt.engineering.dca.inputs import _spin
from hmi.components.engineering import dca as mdl
from hmi.components.engineering.dca import (
    ParamSpec,
)


class DcaParamsMixin(DcaTabBase):
    """The hand-editable parameters of the curve."""

    def _rebuild_param_spins(self) -> None:
        while self.params_form.rowCount():
            self.params_form.removeRow(0)
        self.param_spins.clear()
        name = self.model.outcome.options.model if self.model.outcome else str(
            self.model_combo.currentData())
        self._t_params = name
        for spec in mdl.param_specs(name, tr):
            unit = self.model.unit_text(spec)
            lo, hi = spec.minimum, spec.maximum
            if spec.unit == "rate":
                lo, hi = self.model.q(lo), self.model.q(hi)
            s = _spin(lo, hi, lo, spec.decimals, 10 ** (-spec.decimals + 1) if
                      spec.decimals > 2 else 1.0, f" {unit}" if unit else "")
            s.setToolTip(spec.tooltip)
            s.valueChanged.connect(lambda v, sp=spec: self._param_edited(sp, v))
            label = QLabel(spec.label)
            label.setToolTip(spec.tooltip)
            self.params_form.addRow(label, s)
            self.param_spins[spec.name] = (spec, s)
        self._show_params()

    def _show_params(self) -> None:
        c = self.model.curve
        for name, (spec, s) in self.param_spins.items():
            s.setEnabled(c is not None)
            if c is None or name not in c.model.params:
                continue
            v = c.model.params[name]
            shown = self.model.q(v) if spec.unit == "rate" else spec.to_display(v)
            s.blockSignals(True)
            s.setValue(shown)
            s.blockSignals(False)
        edited = c is not None and c.edited
        self.edited_label.setText(tr("Parameters edited by hand: the forecast and the "
                                     "report use the edited curve") if edited else "")
        self.reset_button.setEnabled(edited)

    def _param_edited(self, spec: ParamSpec, shown: float) -> None:
        value = (self.ctx.units.to_source(shown, "bbl/d") if spec.unit == "rate"
                 else spec.from_display(shown))
        try:
            self.model.set_param(spec.name, value)
        except ValueError as e:
            self.jobbar.show_message("✖ " + f"{spec.label}: {e}", error=True)
            self._show_params()
