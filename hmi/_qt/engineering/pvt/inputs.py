"""The form's values to and from :class:`~hmi.components.engineering.pvt.PvtInputs`, and what
editing them does (preset to Custom, a delayed recalculation).
"""

from __future__ import annotations

from hmi._qt.engineering.common import tr
from hmi._qt.engineering.pvt.base import PvtTabBase
from hmi.components.engineering import pvt as m
from hmi.components.units import UnitSystem


class PvtInputsMixin(PvtTabBase):
    """Loads :class:`PvtInputs` into the form, reads them back and reacts to edits."""

    def _ctx_system(self) -> m.System:
        return "si" if self.ctx.units.system is UnitSystem.SI else "oilfield"

    def load_inputs(self, inputs: m.PvtInputs) -> None:
        """Show ``inputs`` in the fields (no calculation)."""
        self._loading = True
        try:
            for attr, f in self.fields.items():
                f.set_value(getattr(inputs, attr), self.system)
            if inputs.sep_p_psia is None:  # offer typical values to start from
                self.fields["sep_p_psia"].set_value(100.0, self.system)
                self.fields["sep_t_degf"].set_value(80.0, self.system)
            self.spec_combo.setCurrentIndex(0 if inputs.spec == "gor" else 1)
            self.sep_check.setChecked(inputs.sep_p_psia is not None)
            self.oil_combo.setCurrentIndex(max(0, self.oil_combo.findData(inputs.correlation)))
            self.z_combo.setCurrentIndex(max(0, self.z_combo.findData(inputs.z_method)))
            self._spec_changed()
            self._sep_toggled()
        finally:
            self._loading = False

    def read_inputs(self) -> m.PvtInputs:
        """The fields as model inputs; ValueError naming the first unreadable field."""
        s = self.system
        v = {attr: f.value(s) for attr, f in self.fields.items()
             if attr not in ("sep_p_psia", "sep_t_degf")}
        sep = self.sep_check.isChecked()
        sep_p = self.fields["sep_p_psia"].value(s) if sep else None
        sep_t = self.fields["sep_t_degf"].value(s) if sep else None
        points = v.pop("points")
        assert points is not None
        if points != int(points):
            raise ValueError(tr("%1: enter a whole number").replace("%1", tr("Pressure points")))
        by_pb = self.spec_combo.currentData() == "pb"
        return m.PvtInputs(
            api=_req(v["api"]), gas_sg=_req(v["gas_sg"]), spec="pb" if by_pb else "gor",
            gor_scf_stb=_req(v["gor_scf_stb"]), pb_psia=_req(v["pb_psia"]),
            t_res_degf=_req(v["t_res_degf"]), sep_p_psia=sep_p, sep_t_degf=sep_t,
            salinity_wt_pct=_req(v["salinity_wt_pct"]), y_h2s=_req(v["y_h2s"]),
            y_co2=_req(v["y_co2"]), y_n2=_req(v["y_n2"]),
            correlation=str(self.oil_combo.currentData()),
            z_method=str(self.z_combo.currentData()),
            p_min_psia=_req(v["p_min_psia"]), p_max_psia=_req(v["p_max_psia"]),
            points=int(points), p_point_psia=_req(v["p_point_psia"]),
            t_point_degf=v["t_point_degf"])

    def set_field(self, attr: str, text: str) -> None:
        """Type ``text`` into a field as the user would (tests, scripts)."""
        f = self.fields[attr]
        f.setText(text)
        f.textEdited.emit(text)

    def _edited(self, *_args: object) -> None:
        if self._loading:
            return
        if self.preset_combo.currentData():
            self._loading = True
            self.preset_combo.setCurrentIndex(self.preset_combo.count() - 1)
            self._loading = False
            self.preset = ""
        self._relabel()
        self._debounce.start()

    def _preset_chosen(self, _i: int) -> None:
        if self._loading:
            return
        key = self.preset_combo.currentData()
        if not key:
            return
        self.preset = key
        self.load_inputs(m.PRESETS[key])
        self._relabel()
        self.calculate()

    def _spec_changed(self, *_args: object) -> None:
        by_pb = self.spec_combo.currentData() == "pb"
        self.fields["gor_scf_stb"].setEnabled(not by_pb)
        self.fields["pb_psia"].setEnabled(by_pb)
        result = self.model.result
        if result is not None and not self._loading:
            # carry the current fluid over, so switching does not change it
            if by_pb and result.pb_psia > 0:
                self.fields["pb_psia"].set_value(result.pb_psia, self.system)
            elif not by_pb:
                self.fields["gor_scf_stb"].set_value(result.fluid.gor_scf_stb, self.system)
        self._edited()

    def _sep_toggled(self, *_args: object) -> None:
        on = self.sep_check.isChecked()
        self.fields["sep_p_psia"].setEnabled(on)
        self.fields["sep_t_degf"].setEnabled(on)
        self._edited()


def _req(v: float | None) -> float:
    assert v is not None  # only t_point_degf is optional
    return v
