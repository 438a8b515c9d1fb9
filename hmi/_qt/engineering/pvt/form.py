"""The PVT form: preset, oil specification, separator, correlations and the number fields,
with labels in the current unit system.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
)

from hmi._qt.engineering.common import tr
from hmi._qt.engineering.pvt.base import PvtTabBase
from hmi.components.engineering import pvt as m


class PvtFormMixin(PvtTabBase):
    """Builds the inputs column (``_build_form``) and labels it."""

    def _section(self, key: str) -> None:
        lab = QLabel()
        lab.setStyleSheet("font-weight: 600; color: #1f4e9c; padding-top: 6px;")
        self._labels["§" + key] = lab
        self.form.addRow(lab)

    def _row(self, attr: str) -> None:
        lab = QLabel()
        self._labels[attr] = lab
        self.form.addRow(lab, self.fields[attr])

    def _build_form(self) -> None:
        self.preset_combo = QComboBox()
        for name in m.PRESETS:
            self.preset_combo.addItem(name, name)
        self.preset_combo.addItem("", "")  # "Custom": the inputs were edited
        self.preset_combo.currentIndexChanged.connect(self._preset_chosen)
        self.preset_label = QLabel()
        self.form.addRow(self.preset_label, self.preset_combo)

        self._section("Oil")
        self._row("api")
        self.spec_combo = QComboBox()
        self.spec_combo.addItem("", "gor")
        self.spec_combo.addItem("", "pb")
        self.spec_combo.currentIndexChanged.connect(self._spec_changed)
        self.spec_label = QLabel()
        self.form.addRow(self.spec_label, self.spec_combo)
        self._row("gor_scf_stb")
        self._row("pb_psia")

        self._section("Gas")
        for attr in ("gas_sg", "y_h2s", "y_co2", "y_n2"):
            self._row(attr)
        self.sep_check = QCheckBox()
        self.sep_check.toggled.connect(self._sep_toggled)
        self.form.addRow(self.sep_check)
        self._row("sep_p_psia")
        self._row("sep_t_degf")

        self._section("Water")
        self._row("salinity_wt_pct")

        self._section("Conditions")
        for attr in ("t_res_degf", "p_min_psia", "p_max_psia", "points"):
            self._row(attr)

        self._section("Correlations")
        self.oil_combo = QComboBox()
        for key, name in m.OIL_CORRELATIONS.items():
            self.oil_combo.addItem(name.split(" (")[0], key)
        self.z_combo = QComboBox()
        for key, name in m.Z_METHODS.items():
            self.z_combo.addItem(name.split(" (")[0], key)
        for combo in (self.oil_combo, self.z_combo):
            combo.currentIndexChanged.connect(lambda _i: self._edited())
        self.oil_label, self.z_label = QLabel(), QLabel()
        self.form.addRow(self.oil_label, self.oil_combo)
        self.form.addRow(self.z_label, self.z_combo)
        for combo in (self.preset_combo, self.spec_combo, self.oil_combo, self.z_combo):
            # long names must not widen the form past its column (they elide instead)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.calc_button = QPushButton()
        self.calc_button.setDefault(True)
        self.calc_button.clicked.connect(self.calculate)
        self.form.addRow(self.calc_button)

    def _relabel(self) -> None:
        """Labels carry the units of the current unit system."""
        for attr, f in self.fields.items():
            unit = f.unit(self.system) if f.spec.kind else tr(f.spec.unit)
            self._labels[attr].setText(tr(f.spec.label) + (f" [{unit}]" if unit else ""))
            self._labels[attr].setToolTip(tr(f.spec.tip))
            f.setToolTip(tr(f.spec.tip))
        try:
            t_res = m.fmt_t(m.parse_number(self.fields["t_res_degf"].text()))
        except ValueError:
            t_res = ""
        self.fields["t_point_degf"].setPlaceholderText(
            tr("reservoir") + (f" ({t_res})" if t_res else ""))
        for name, lab in self.point_names.items():
            lab.setText(tr(m.field(name).label))
