"""The form's values to and from :class:`~hmi.components.engineering.nodal.NodalInputs`
(display units to oilfield units), and marking the field in error.
"""

from __future__ import annotations

from typing import Any

from hmi._qt.engineering.common import tr
from hmi._qt.engineering.nodal.base import NodalTabBase
from hmi._qt.engineering.nodal.specs import ERROR_STYLE, SPECS, _fmt_field
from hmi.components.engineering import nodal as nm
from hmi.components.units import UnitSystem, from_si, to_si


class NodalInputsMixin(NodalTabBase):
    """Writes :class:`NodalInputs` into the form and reads them back."""

    def _to_display(self, v: float, conv: str) -> float:
        if self._system is UnitSystem.SI and conv:
            return to_si(v, conv)[0]
        return v

    def _from_display(self, v: float, conv: str) -> float:
        if self._system is UnitSystem.SI and conv:
            return from_si(v, conv)
        return v

    def _write_inputs(self, inp: nm.NodalInputs) -> None:
        for key, spec in SPECS.items():
            v = getattr(inp, key)
            text = "" if v is None else (str(int(v)) if spec.integer
                                         else _fmt_field(self._to_display(v, spec.conv)))
            self.edits[key].setText(text)
        for combo, value in ((self.ipr_model, inp.ipr_model), (self.ipr_source, inp.ipr_source),
                             (self.correlation, inp.correlation), (self.choke, inp.choke)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.variable.blockSignals(True)
        self.variable.setCurrentIndex(max(0, self.variable.findData(inp.variable)))
        self.variable.blockSignals(False)
        self.esp.setChecked(inp.esp)
        self.pump_rates.setText(", ".join(f"{v:g}" for v in inp.pump_rates_bpd))
        self.pump_heads.setText(", ".join(f"{v:g}" for v in inp.pump_head_ft))
        vals = inp.values
        if inp.variable == "thp":
            vals = tuple(self._to_display(v, "psi") for v in vals)
        self.values.setText(", ".join(_fmt_field(v) for v in vals))
        self.pb_placeholder()

    def pb_placeholder(self) -> None:
        self.edits["pb_psia"].setPlaceholderText(tr("from fluid PVT"))

    def read_inputs(self) -> nm.NodalInputs:
        """The form as :class:`NodalInputs` (oilfield units); :class:`nm.InputError` names the
        field that is empty or not a number."""
        labels = nm.field_labels()
        kw: dict[str, Any] = {}
        for key, spec in SPECS.items():
            text = self.edits[key].text().strip()
            if "," in text and "." not in text and text.count(",") == 1:
                text = text.replace(",", ".")  # a decimal comma, as typed in Spanish
            if not text:
                if spec.optional:
                    kw[key] = None
                    continue
                raise nm.InputError(key, tr("%1: enter a value").replace("%1", labels[key]))
            try:
                v = float(text)
            except ValueError:
                raise nm.InputError(key, tr("%1: '%2' is not a number")
                                    .replace("%1", labels[key]).replace("%2", text)) from None
            if spec.integer:
                if v != int(v):
                    raise nm.InputError(key, tr("%1 must be a whole number")
                                        .replace("%1", labels[key]))
                kw[key] = int(v)
            else:
                kw[key] = self._from_display(v, spec.conv)
        kw["ipr_model"] = self.ipr_model.currentData()
        kw["ipr_source"] = self.ipr_source.currentData()
        kw["correlation"] = self.correlation.currentData()
        kw["choke"] = self.choke.currentData()
        kw["esp"] = self.esp.isChecked()
        var = self._current_variable()
        kw["variable"] = var
        if kw["esp"]:
            kw["pump_rates_bpd"] = nm.parse_numbers(self.pump_rates.text(),
                                                    labels["pump_rates_bpd"], "pump_rates_bpd")
            kw["pump_head_ft"] = nm.parse_numbers(self.pump_heads.text(),
                                                  labels["pump_head_ft"], "pump_head_ft")
        vals = nm.parse_numbers(self.values.text(), labels["values"], "values")
        if var == "thp":
            vals = tuple(self._from_display(v, "psi") for v in vals)
        kw["values"] = vals
        return nm.NodalInputs(**kw)

    def _mark(self, err: nm.InputError | None) -> None:
        for e in self.edits.values():
            e.setStyleSheet("")
        if err is not None and err.field in self.edits:
            e = self.edits[err.field]
            e.setStyleSheet(ERROR_STYLE)
            e.setFocus()
