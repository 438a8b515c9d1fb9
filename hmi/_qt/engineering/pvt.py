"""The PVT calculator tab: a black-oil fluid's bubble point, its properties at one pressure,
and a table and plots of every property over a pressure range (the model is
:mod:`hmi.components.engineering.pvt`; the numbers come from ``domain.engineering.pvt``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from domain.engineering.pvt import FIELDS
from hmi._qt.context import AppContext
from hmi._qt.engineering.common import COLORS, AnalysisTab, make_plot, tr
from hmi.components.engineering import pvt as m
from hmi.components.units import UnitSystem
from hmi.reports import Report

Index = QModelIndex | QPersistentModelIndex
#: short column symbols for the screen table (the CSV keeps the domain's ASCII keys)
SYMBOLS = {"rho_o": "ρo", "rho_g": "ρg", "rho_w": "ρw", "mu_o": "μo", "mu_g": "μg",
           "mu_w": "μw", "sigma_og": "σog", "sigma_wg": "σwg"}
PB_ROW_BRUSH = QBrush(QColor("#fbe3c8"))
#: height (fraction of the plot) of the "pb" label where the curve is not (Rs and Bo peak
#: at pb, so their label goes low)
LABEL_AT = {"rs_scf_stb": 0.08, "bo_rb_stb": 0.08}


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


class PvtTableModel(QAbstractTableModel):
    """The pressure table, read-only: every FIELDS column, the bubble-point row shaded."""

    def __init__(self) -> None:
        super().__init__()
        self.values = np.zeros((0, len(FIELDS)))
        self.pb_row: int | None = None
        self.headers: list[tuple[str, str, str]] = []

    def set_table(self, values: np.ndarray, pb_row: int | None,
                  headers: list[tuple[str, str, str]]) -> None:
        self.beginResetModel()
        self.values = values
        self.pb_row = pb_row
        self.headers = headers
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else int(self.values.shape[0])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIELDS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return m.fmt(float(self.values[r, c]))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and r == self.pb_row:
            return PB_ROW_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and r == self.pb_row:
            return tr("Bubble point")
        if role == Qt.ItemDataRole.UserRole:
            return float(self.values[r, c])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return "pb" if section == self.pb_row else str(section + 1)
            return None
        if not self.headers or section >= len(self.headers):
            return None
        key, unit, label = self.headers[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{SYMBOLS.get(key, key)}\n[{unit}]"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{label} [{unit}]"
        return None


class PvtTab(AnalysisTab):
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

    # -- layout ------------------------------------------------------------------------------

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

    def _build_body(self) -> None:
        self.banner = QLabel()
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel { background: #eef2f8; border: 1px solid #c9d3e3; "
                                  "border-radius: 4px; padding: 6px 10px; }")
        self.body.addWidget(self.banner)

        self.plots: dict[str, pg.PlotWidget] = {}
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        for i, (name, _title) in enumerate(m.PLOTS):
            w = make_plot(log_y=name in m.LOG_PLOTS)
            w.setMinimumHeight(170)
            legend = w.getPlotItem().legend
            if legend is not None:
                legend.hide()
            self.plots[name] = w
            grid.addWidget(w, i // 3, i % 3)

        self.table_model = PvtTableModel()
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(20)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(72)
        self.table.setWordWrap(False)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(grid_host)
        left.addWidget(self.table)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setChildrenCollapsible(False)
        left.setSizes([460, 260])

        self.point_box = QGroupBox()
        pv = QVBoxLayout(self.point_box)
        pform = QGridLayout()
        for r, attr in enumerate(("p_point_psia", "t_point_degf")):
            lab = QLabel()
            self._labels[attr] = lab
            pform.addWidget(lab, r, 0)
            pform.addWidget(self.fields[attr], r, 1)
        pv.addLayout(pform)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #c8c8c8;")
        pv.addWidget(line)
        self.point_grid = QGridLayout()
        self.point_grid.setVerticalSpacing(2)
        self.point_values: dict[str, QLabel] = {}
        self.point_names: dict[str, QLabel] = {}
        self.point_heads: dict[str, QLabel] = {}
        row = 0
        for group, names in m.GROUPS:
            head = QLabel()
            head.setStyleSheet("font-weight: 600; color: #1f4e9c; padding-top: 4px;")
            self.point_heads[group] = head
            self.point_grid.addWidget(head, row, 0, 1, 2)
            row += 1
            for name in names:
                n_lab, v_lab = QLabel(), QLabel()
                v_lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                v_lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.point_names[name], self.point_values[name] = n_lab, v_lab
                self.point_grid.addWidget(n_lab, row, 0)
                self.point_grid.addWidget(v_lab, row, 1)
                row += 1
        pv.addLayout(self.point_grid)
        pv.addStretch(1)
        self.point_box.setMinimumWidth(250)
        self.point_box.setMaximumWidth(330)
        self.point_box.setSizePolicy(QSizePolicy.Policy.Preferred,
                                     QSizePolicy.Policy.Expanding)

        mid = QHBoxLayout()
        mid.addWidget(left, 1)
        mid.addWidget(self.point_box)
        self.body.addLayout(mid, 1)

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

    # -- inputs ------------------------------------------------------------------------------

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

    # -- showing -----------------------------------------------------------------------------

    def _show_result(self) -> None:
        r = self.model.result
        s = self.system
        self._show_banner(r)
        self._show_point(r)
        self._show_plots(r)
        headers = m.table_labels(s, tr)
        if r is None:
            self.table_model.set_table(np.zeros((0, len(FIELDS))), None, headers)
        else:
            self.table_model.set_table(np.array(r.rows(s), dtype=float), r.pb_row, headers)
            if r.pb_row is not None:  # the break is the row an engineer looks for first
                QTimer.singleShot(0, self._scroll_to_pb)

    def _scroll_to_pb(self) -> None:
        row = self.table_model.pb_row
        if row is not None and row < self.table_model.rowCount():
            self.table.scrollTo(self.table_model.index(row, 0),
                                QTableView.ScrollHint.PositionAtCenter)

    def _show_banner(self, r: m.PvtResult | None) -> None:
        s = self.system
        if r is None:
            self.banner.setText(
                f"<span style='font-size:13pt; color:#5a5a5a'>{tr('Bubble-point pressure')}"
                f" —</span><br><span style='color:#5a5a5a'>"
                f"{tr('Enter the fluid and press Calculate.')}</span>")
            return
        t = f"{m.fmt_t(m.to_display('T', r.inputs.t_res_degf, s))} {m.input_unit('T', s)}"
        if r.bubble is None:
            head = tr("Dead oil (GOR = 0): no bubble point")
            details = ""
        else:
            pb = m.fmt_q(m.convert("pb_psia", r.pb_psia, s),
                         m.field_unit(m.field("pb_psia"), s))
            head = (f"{tr('Bubble-point pressure')} <b style='font-size:16pt'>{pb}</b>"
                    f" &nbsp;{tr('at')} {t}")
            b = r.bubble
            parts = []
            for name in ("rs_scf_stb", "bo_rb_stb", "mu_o_cp", "rho_o_lbft3"):
                spec = m.field(name)
                parts.append(f"{SYMBOLS.get(spec.key, spec.key)}b = "
                             + m.fmt_q(m.state_value(b, name, s), m.field_unit(spec, s)))
            details = tr("At the bubble point:") + " " + " · ".join(parts)
        corr = (f"{m.OIL_CORRELATIONS.get(r.inputs.correlation, '')} · z: "
                f"{m.Z_METHODS.get(r.inputs.z_method, '')}")
        self.banner.setText(
            f"<span style='font-size:13pt'>{head}</span><br>"
            f"<span style='color:#303030'>{details}</span>"
            f"<span style='color:#5a5a5a'>{' &nbsp;|&nbsp; ' if details else ''}{corr}</span>")

    def _show_point(self, r: m.PvtResult | None) -> None:
        s = self.system
        for name, lab in self.point_values.items():
            if r is None:
                lab.setText("—")
            else:
                lab.setText(m.fmt_q(m.state_value(r.point, name, s),
                                    m.field_unit(m.field(name), s)))
        if r is not None:
            sat = r.point.saturated
            self.point_heads["Oil"].setText(
                tr("Oil") + " – " + (tr("saturated (free gas)") if sat
                                     else tr("undersaturated")))
        else:
            self.point_heads["Oil"].setText(tr("Oil"))

    def _show_plots(self, r: m.PvtResult | None) -> None:
        s = self.system
        p_unit = m.field_unit(m.field("p_psia"), s)
        for name, title in m.PLOTS:
            w = self.plots[name]
            item = w.getPlotItem()
            item.clear()
            unit = m.field_unit(m.field(name), s)
            item.setTitle(f"{tr(title)} [{unit}]" if unit != "–" else tr(title),
                          size="9pt", color="#303030")
            item.setLabel("bottom", f"p [{p_unit}]")
            if r is None:
                continue
            x = r.column("p_psia", s)
            y = r.column(name, s)
            item.plot(x, y, pen=pg.mkPen(COLORS[0], width=2))
            if r.pb_psia > 0 and r.inputs.p_min_psia <= r.pb_psia <= r.inputs.p_max_psia:
                pb = m.convert("pb_psia", r.pb_psia, s)
                line = pg.InfiniteLine(
                    pos=pb, angle=90, movable=False,
                    pen=pg.mkPen(COLORS[1], width=1.5, style=Qt.PenStyle.DashLine),
                    label="pb", labelOpts={"position": LABEL_AT.get(name, 0.92),
                                           "color": COLORS[1],
                                           "anchors": [(0, 0.5), (0, 0.5)]})
                item.addItem(line)
            item.enableAutoRange()

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


def _req(v: float | None) -> float:
    assert v is not None  # only t_point_degf is optional
    return v

