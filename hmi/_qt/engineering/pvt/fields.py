"""The PVT form's numeric inputs: their definitions (:data:`FIELD_DEFS`) and the line edit
that shows one in the screen's units (:class:`NumberField`).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLineEdit,
)

from hmi._qt.engineering.common import tr
from hmi.components.engineering import pvt as m


@dataclass(frozen=True)
class FieldDef:
    """One numeric input: the PvtInputs attribute, label, unit kind or fixed unit, tooltip."""

    attr: str
    label: str
    kind: str = ""  # "p", "T", "gor": converted with the unit system
    unit: str = ""  # a fixed unit (°API, mol%, ...)
    tip: str = ""
    optional: bool = False


FIELD_DEFS: tuple[FieldDef, ...] = (
    FieldDef("api", "Oil gravity", unit="°API",
             tip="Stock-tank oil gravity at 60 °F. Standing's data: 16.5–63.8 °API."),
    FieldDef("gor_scf_stb", "Solution GOR at pb", kind="gor",
             tip="Gas dissolved in the oil at and above the bubble point; for a well producing "
                 "no free gas, the producing GOR."),
    FieldDef("pb_psia", "Bubble-point pressure", kind="p",
             tip="Known bubble point (e.g. from a PVT report) at the reservoir temperature; "
                 "the GOR is then the oil correlation's Rs at this pressure."),
    FieldDef("gas_sg", "Gas specific gravity", unit="air = 1",
             tip="Producing (separator + stock-tank) gas gravity relative to air, including "
                 "its N2, CO2 and H2S."),
    FieldDef("y_h2s", "H2S", unit="mol%", tip="Hydrogen sulphide in the gas (Wichert-Aziz "
                                              "correction of the pseudo-criticals)."),
    FieldDef("y_co2", "CO2", unit="mol%", tip="Carbon dioxide in the gas (Wichert-Aziz)."),
    FieldDef("y_n2", "N2", unit="mol%", tip="Nitrogen in the gas (Kay's rule)."),
    FieldDef("sep_p_psia", "Separator pressure", kind="p",
             tip="First-stage separator pressure at which the gas gravity was measured; "
                 "Vasquez-Beggs corrects the gravity to a 100 psig separator."),
    FieldDef("sep_t_degf", "Separator temperature", kind="T",
             tip="First-stage separator temperature."),
    FieldDef("salinity_wt_pct", "Water salinity", unit="wt% TDS",
             tip="Total dissolved solids, weight percent (10,000 ppm ≈ 1 wt%); "
                 "0 is fresh water, 26 saturated brine."),
    FieldDef("t_res_degf", "Reservoir temperature", kind="T",
             tip="Temperature of the bubble point and of the table."),
    FieldDef("p_min_psia", "Minimum pressure", kind="p",
             tip="First pressure of the table (absolute)."),
    FieldDef("p_max_psia", "Maximum pressure", kind="p",
             tip="Last pressure of the table (absolute)."),
    FieldDef("points", "Pressure points",
             tip="Rows of the table (2–2000), evenly spaced; the bubble point is added when "
                 "it lies inside the range."),
    FieldDef("p_point_psia", "Pressure", kind="p",
             tip="Pressure of the single-point calculation (absolute)."),
    FieldDef("t_point_degf", "Temperature", kind="T", optional=True,
             tip="Temperature of the single-point calculation; empty = reservoir "
                 "temperature."),
)
FRACTIONS = {"y_h2s", "y_co2", "y_n2"}


class NumberField(QLineEdit):
    """A number typed in the screen's units; the model gets oilfield units."""

    def __init__(self, spec: FieldDef) -> None:
        super().__init__()
        self.spec = spec
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setObjectName(spec.attr)

    def unit(self, system: m.System) -> str:
        return m.input_unit(self.spec.kind, system) if self.spec.kind else self.spec.unit

    def set_value(self, value: float | None, system: m.System) -> None:
        if value is None:
            self.setText("")
            return
        if self.spec.attr in FRACTIONS:
            value *= 100.0
        self.setText(m.fmt_input(m.to_display(self.spec.kind, value, system)))

    def value(self, system: m.System) -> float | None:
        """The oilfield value; None if empty and optional; ValueError naming the field."""
        text = self.text()
        if not text.strip() and self.spec.optional:
            return None
        try:
            v = m.parse_number(text)
        except ValueError:
            raise ValueError(tr("%1: enter a number").replace("%1", tr(self.spec.label))
                             ) from None
        if self.spec.attr in FRACTIONS:
            return v / 100.0
        return m.from_display(self.spec.kind, v, system)

