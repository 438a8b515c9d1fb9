"""The nodal form: section headers, line edits and combos (with their labels), which rows
show for the chosen IPR, lift and sensitivity, and the labels' texts in the current units.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
)

from hmi._qt.engineering.common import tr
from hmi._qt.engineering.nodal.base import NodalTabBase
from hmi._qt.engineering.nodal.specs import SI_LABEL, SPECS, Spec, _fmt_field
from hmi.components.engineering import nodal as nm
from hmi.components.units import UnitSystem


class NodalFormMixin(NodalTabBase):
    """Builds the inputs column (``_build_form``) and keeps its labels and visibility current."""

    def _header(self, text: Callable[[], str]) -> None:
        lab = QLabel()
        f = QFont(lab.font())
        f.setBold(True)
        lab.setFont(f)
        lab.setContentsMargins(0, 8, 0, 0)
        self.form.addRow(lab)
        self.headers.append((lab, text))

    def _edit(self, key: str) -> QLineEdit:
        e = QLineEdit()
        e.setAlignment(Qt.AlignmentFlag.AlignRight)
        e.setMinimumWidth(60)
        e.returnPressed.connect(self.calculate)
        e.textEdited.connect(lambda _t, e=e: e.setStyleSheet(""))
        lab = QLabel()
        self.form.addRow(lab, e)
        self.edits[key] = e
        self.labels[key] = lab
        return e

    def _combo(self, key: str, items: list[str]) -> QComboBox:
        c = QComboBox()
        c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        c.setMinimumContentsLength(12)
        for data in items:
            c.addItem(data, data)
        lab = QLabel()
        self.form.addRow(lab, c)
        self.labels[key] = lab
        return c

    def _build_form(self) -> None:
        self._header(lambda: tr("Reservoir and inflow (IPR)"))
        self._edit("pr_psia")
        self._edit("t_res_degf")
        self.ipr_model = self._combo("ipr_model", ["composite", "vogel", "fetkovich", "pi"])
        self.ipr_source = self._combo("ipr_source", ["test", "direct"])
        for key in ("test_q_stb_d", "test_pwf_psia", "pb_psia", "pi_stb_d_psi", "qmax_stb_d",
                    "fet_c", "fet_n"):
            self._edit(key)
        self.ipr_model.currentIndexChanged.connect(self._update_visibility)
        self.ipr_source.currentIndexChanged.connect(self._update_visibility)
        self._header(lambda: tr("Fluid"))
        for key in ("api", "gas_sg", "gor_scf_stb", "water_cut_pct", "water_sg"):
            self._edit(key)
        self._header(lambda: tr("Well and outflow (VLP)"))
        for key in ("md_ft", "tvd_ft", "tubing_id_in", "roughness_in", "twh_degf"):
            self._edit(key)
        self.correlation = self._combo("correlation", ["beggs_brill", "hagedorn_brown"])
        self._edit("thp_psia")
        self._edit("rate_points")
        self._header(lambda: tr("Artificial lift (ESP)"))
        self.esp = QCheckBox()
        self.esp.toggled.connect(self._update_visibility)
        self.form.addRow(self.esp)
        for key in ("pump_md_ft", "pump_stages", "pump_hz"):
            self._edit(key)
        self.pump_rates = self._edit("pump_rates_bpd")
        self.pump_heads = self._edit("pump_head_ft")
        for e in (self.pump_rates, self.pump_heads):
            e.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.calc_button = QPushButton()
        self.calc_button.setDefault(True)
        self.calc_button.clicked.connect(self.calculate)
        self.form.addRow(self.calc_button)
        self._header(lambda: tr("Sensitivity"))
        self.variable = self._combo("variable", ["thp", "choke", "esp_frequency", "glr"])
        self.variable.currentIndexChanged.connect(self._variable_changed)
        self.values = self._edit("values")
        self.values.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.values.returnPressed.disconnect()
        self.values.returnPressed.connect(self.run_sensitivity)
        self._edit("flowline_psia")
        self.choke = self._combo("choke", list(nm.CHOKES))
        self._edit("injection_md_ft")
        self.sens_button = QPushButton()
        self.sens_button.clicked.connect(self.run_sensitivity)
        self.form.addRow(self.sens_button)

    def _combo_texts(self) -> dict[str, str]:
        return {
            "composite": tr("Composite (PI + Vogel)"), "vogel": "Vogel",
            "fetkovich": "Fetkovich", "pi": tr("Straight-line PI"),
            "test": tr("Well test (q, pwf)"), "direct": tr("Known parameters"),
            "beggs_brill": "Beggs & Brill", "hagedorn_brown": "Hagedorn & Brown",
            "thp": tr("Wellhead pressure (THP)"), "choke": tr("Choke bean size"),
            "esp_frequency": tr("ESP frequency"), "glr": tr("Total GLR (gas lift)"),
            "gilbert": "Gilbert (1954)", "ros": "Ros (1960)", "baxendell": "Baxendell (1958)",
            "achong": "Achong (1961)",
        }

    def _unit(self, spec: Spec) -> str:
        if self._system is UnitSystem.SI and spec.conv:
            return SI_LABEL[spec.conv]
        return spec.unit

    def _label_text(self, key: str) -> str:
        labels = nm.field_labels()
        extra = {"ipr_model": tr("IPR model"), "ipr_source": tr("IPR from"),
                 "correlation": tr("VLP correlation"), "variable": tr("Vary"),
                 "choke": tr("Choke correlation")}
        if key in SPECS:
            spec = SPECS[key]
            unit = self._unit(spec)
            return f"{labels[key]} ({unit})" if unit != "—" else labels[key]
        if key == "pump_rates_bpd":
            return f"{labels[key]} (bbl/d)"
        if key == "pump_head_ft":
            return f"{labels[key]} (ft/stage)"
        if key == "values":
            var = self._current_variable()
            unit = (self._unit(SPECS["thp_psia"]) if var == "thp" else nm.variable_unit(var))
            return f"{labels[key]} ({unit})"
        return extra.get(key, labels.get(key, key))

    def _current_variable(self) -> nm.Variable:
        return self.variable.currentData()

    def _update_visibility(self) -> None:
        model = self.ipr_model.currentData()
        test = self.ipr_source.currentData() == "test"
        show = {
            "test_q_stb_d": test, "test_pwf_psia": test,
            "pb_psia": model == "composite",
            "pi_stb_d_psi": not test and model in ("composite", "pi"),
            "qmax_stb_d": not test and model == "vogel",
            "fet_c": not test and model == "fetkovich",
            "fet_n": model == "fetkovich",
        }
        esp = self.esp.isChecked()
        for key in ("pump_md_ft", "pump_stages", "pump_hz", "pump_rates_bpd", "pump_head_ft"):
            show[key] = esp
        var = self._current_variable()
        show["flowline_psia"] = var == "choke"
        show["choke"] = var == "choke"
        show["injection_md_ft"] = var == "glr"
        for key, visible in show.items():
            self.form.setRowVisible(self.labels[key], visible)

    def _variable_changed(self) -> None:
        var = self._current_variable()
        vals = nm.DEFAULT_VALUES[var]
        if var == "thp":
            vals = tuple(self._to_display(v, "psi") for v in vals)
        self.values.setText(", ".join(_fmt_field(v) for v in vals))
        self.values.setStyleSheet("")
        self.labels["values"].setText(self._label_text("values"))
        self._update_visibility()
