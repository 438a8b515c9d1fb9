"""The inflow/outflow (nodal analysis) tab: IPR and VLP curves, the operating point, a
pressure traverse at it, and sensitivity families (THP, choke, ESP frequency, gas-lift GLR).

The numbers come from :mod:`hmi.components.engineering.nodal` (Qt-free), which runs the domain
library in the tab's :class:`JobRunner`; this widget only reads the form, starts jobs and draws.
Inputs are typed in the display unit system (``ctx.units``) and converted to oilfield units.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hmi._qt.context import AppContext
from hmi._qt.engineering.common import COLORS, AnalysisTab, make_plot, tr
from hmi.components.engineering import nodal as nm
from hmi.components.engineering.jobs import Job
from hmi.components.units import UnitSystem, from_si, to_si
from hmi.reports import Report

nm.set_translator(tr)

IPR_COLOR = "#1e8449"
VLP_COLOR = "#1f4e9c"
OP_COLOR = "#b03a2e"
ERROR_STYLE = "border: 1.5px solid #b03a2e;"
SI_LABEL = {"psi": "kPa", "degF": "°C", "ft": "m", "bbl/d": "m³/d"}


@dataclass(frozen=True)
class Spec:
    """A numeric input: the model attribute, the unit converted for display (``conv``, a
    :mod:`hmi.components.units` source unit, or ""), the oilfield unit label."""

    key: str
    unit: str
    conv: str = ""
    integer: bool = False
    optional: bool = False


SPECS: dict[str, Spec] = {s.key: s for s in (
    Spec("pr_psia", "psia", "psi"),
    Spec("t_res_degf", "°F", "degF"),
    Spec("test_q_stb_d", "STB/d", "bbl/d"),
    Spec("test_pwf_psia", "psia", "psi"),
    Spec("pb_psia", "psia", "psi", optional=True),
    Spec("pi_stb_d_psi", "STB/d/psi"),
    Spec("qmax_stb_d", "STB/d", "bbl/d"),
    Spec("fet_c", "STB/d/psi²ⁿ"),
    Spec("fet_n", "—"),
    Spec("api", "°API"),
    Spec("gas_sg", "air = 1"),
    Spec("gor_scf_stb", "scf/STB"),
    Spec("water_cut_pct", "%"),
    Spec("water_sg", "water = 1"),
    Spec("md_ft", "ft", "ft"),
    Spec("tvd_ft", "ft", "ft"),
    Spec("tubing_id_in", "in"),
    Spec("roughness_in", "in"),
    Spec("twh_degf", "°F", "degF"),
    Spec("thp_psia", "psia", "psi"),
    Spec("rate_points", "—", integer=True),
    Spec("pump_md_ft", "ft", "ft"),
    Spec("pump_stages", "—", integer=True),
    Spec("pump_hz", "Hz"),
    Spec("flowline_psia", "psia", "psi"),
    Spec("injection_md_ft", "ft", "ft", optional=True),
)}


def tooltips() -> dict[str, str]:
    return {
        "pr_psia": tr("Average reservoir pressure in the drainage area (static), absolute."),
        "t_res_degf": tr("Reservoir temperature; the flowing temperature is taken linear "
                         "between the wellhead and this value at the perforations."),
        "ipr_model": tr("Inflow model: composite = straight-line PI above the bubble point "
                        "and Vogel below (undersaturated reservoirs); Vogel for saturated "
                        "reservoirs; Fetkovich back-pressure q = C (pr² − pwf²)ⁿ."),
        "ipr_source": tr("Fit the IPR to a stabilised well test, or type its parameters."),
        "test_q_stb_d": tr("Stabilised liquid rate of the well test (stock-tank)."),
        "test_pwf_psia": tr("Flowing bottomhole pressure during the test, absolute."),
        "pb_psia": tr("Bubble-point pressure for the composite IPR. Leave empty to use the "
                      "fluid's (Standing) at reservoir temperature."),
        "pi_stb_d_psi": tr("Productivity index J above the bubble point."),
        "qmax_stb_d": tr("Vogel absolute open flow (rate at pwf = 0)."),
        "fet_c": tr("Fetkovich back-pressure coefficient C."),
        "fet_n": tr("Fetkovich exponent n: 1 for Darcy flow, down to 0.5 with strong "
                    "turbulence. With a well test, C is fitted to the test at this n."),
        "api": tr("Stock-tank oil gravity."),
        "gas_sg": tr("Producing gas specific gravity (air = 1)."),
        "gor_scf_stb": tr("Producing gas-oil ratio (formation gas, without lift gas)."),
        "water_cut_pct": tr("Water fraction of the stock-tank liquid."),
        "water_sg": tr("Formation water specific gravity (sets the salinity)."),
        "md_ft": tr("Measured depth of the mid-perforations (the bottomhole node)."),
        "tvd_ft": tr("True vertical depth of the mid-perforations; equal to MD for a "
                     "vertical well, less for a straight deviated hole."),
        "tubing_id_in": tr("Tubing inside diameter (2-7/8 in tubing: 2.441 in)."),
        "roughness_in": tr("Absolute pipe roughness (new steel 0.0006 in)."),
        "twh_degf": tr("Flowing wellhead temperature."),
        "correlation": tr("Multiphase pressure-gradient correlation for the tubing."),
        "thp_psia": tr("Flowing tubing-head (wellhead) pressure, absolute."),
        "rate_points": tr("Rates on the VLP curve (one pressure traverse each)."),
        "esp": tr("An electrical submersible pump in the tubing (affinity laws, no gas "
                  "degradation)."),
        "pump_md_ft": tr("Pump setting depth (measured)."),
        "pump_stages": tr("Number of pump stages."),
        "pump_hz": tr("Operating frequency of the pump motor."),
        "pump_rates_bpd": tr("Catalogue curve at 60 Hz: in-situ rates, bbl/d, comma separated."),
        "pump_head_ft": tr("Catalogue curve at 60 Hz: head per stage, ft, one per rate."),
        "variable": tr("The parameter to vary; one VLP curve and operating point per value."),
        "values": tr("Values of the parameter, comma separated (up to 12)."),
        "flowline_psia": tr("Pressure downstream of the choke (flowline), absolute."),
        "choke": tr("Critical-flow choke correlation (Gilbert-type)."),
        "injection_md_ft": tr("Gas-lift injection depth (measured); empty = at the bottom."),
    }


def _fmt_field(v: float) -> str:
    return f"{v:.6g}"


def _legend_bottom_left(plot: pg.PlotWidget) -> None:
    legend = plot.getPlotItem().legend
    if legend is not None:
        legend.anchor((0, 1), (0, 1), offset=(10, -10))


class NodalTab(AnalysisTab):
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

    # -- form ----------------------------------------------------------------------------------

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

    # -- reading and writing inputs ----------------------------------------------------------

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

    # -- body ---------------------------------------------------------------------------------

    def _build_body(self) -> None:
        self.plot = make_plot()
        self.plot.setMinimumWidth(340)
        pi = self.plot.getPlotItem()
        pi.setLimits(xMin=0, yMin=0)
        _legend_bottom_left(self.plot)
        self.trav_plot = make_plot()
        self.trav_plot.getPlotItem().invertY(True)
        self.trav_plot.setMinimumWidth(170)
        self.holdup_plot = make_plot()
        self.holdup_plot.getPlotItem().invertY(True)
        self.holdup_plot.setYLink(self.trav_plot)
        self.holdup_plot.setMinimumWidth(140)
        _legend_bottom_left(self.holdup_plot)
        legend = self.trav_plot.getPlotItem().legend
        if legend is not None:
            legend.hide()
        self.holdup_plot.getPlotItem().setXRange(0, 1.05, padding=0)
        top = QHBoxLayout()
        top.addWidget(self.plot, 5)
        top.addWidget(self.trav_plot, 3)
        top.addWidget(self.holdup_plot, 3)
        self.op_label = QLabel()
        self.op_label.setWordWrap(True)
        f = QFont(self.op_label.font())
        f.setPointSizeF(f.pointSizeF() * 1.2)
        f.setBold(True)
        self.op_label.setFont(f)
        self.results = QLabel()
        self.results.setTextFormat(Qt.TextFormat.RichText)
        self.results.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        left = QVBoxLayout()
        left.addWidget(self.op_label)
        left.addWidget(self.results)
        left.addStretch(1)
        self.table_title = QLabel()
        self.table_title.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumHeight(130)
        right = QVBoxLayout()
        right.addWidget(self.table_title)
        right.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addLayout(left, 1)
        bottom.addLayout(right, 1)
        host = QWidget()
        host.setLayout(bottom)
        host.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        host.setMaximumHeight(230)
        self.body.addLayout(top, 1)
        self.body.addWidget(host)

    def _redraw(self) -> None:
        self._draw_nodal()
        self._draw_traverse()
        self._fill_results()

    def _draw_nodal(self) -> None:
        pi = self.plot.getPlotItem()
        pi.clear()
        d = self.model.display
        pi.setLabel("bottom", f"{tr('Liquid rate')} ({d.qu})")
        pi.setLabel("left", f"{tr('Flowing bottomhole pressure')} ({d.pu})")
        run = self.model.run
        if run is None:
            return
        res = run.result
        pi.plot(d.q(run.ipr_q), d.p(run.ipr_pwf), pen=pg.mkPen(IPR_COLOR, width=2.5),
                name=tr("IPR"))
        sens = self.model.sensitivity

        def vlp(y: np.ndarray) -> np.ndarray:
            return np.asarray(d.p(np.where(np.isfinite(y), y, np.nan)))

        if sens is None:
            pi.plot(d.q(res.rates_stb_d), vlp(res.vlp_pwf_psia), connect="finite",
                    pen=pg.mkPen(VLP_COLOR, width=2.5), name=tr("VLP"))
            points = [(res.operating_point, OP_COLOR, "")]
        else:
            palette = [c for c in COLORS if c not in (IPR_COLOR,)]
            points = []
            for k, c in enumerate(sens.cases):
                color = palette[k % len(palette)]
                name = (f"{nm.fmt(d.value(sens.variable, c.value), 3)} "
                        f"{d.value_unit(sens.variable)}")
                pi.plot(d.q(sens.rates_stb_d), vlp(c.vlp_pwf_psia), connect="finite",
                        pen=pg.mkPen(color, width=1.8, style=Qt.PenStyle.DashLine),
                        name=f"VLP {name}")
                points.append((c.operating_point, color, name))
        for op, color, _name in points:
            if op is None:
                continue
            x, y = float(d.q(op.rate_stb_d)), float(d.p(op.pwf_psia))
            pi.plot([x], [y], pen=None, symbol="o", symbolSize=11, symbolBrush=color,
                    symbolPen=pg.mkPen("#ffffff", width=1.5))
        op = res.operating_point
        if sens is None and op is not None:
            x, y = float(d.q(op.rate_stb_d)), float(d.p(op.pwf_psia))
            label = pg.TextItem(
                f"q = {nm.fmt(x)} {d.qu}\npwf = {nm.fmt(y)} {d.pu}", color=OP_COLOR,
                anchor=(1.05, -0.1), fill=pg.mkBrush(255, 255, 255, 200))
            label.setPos(x, y)
            pi.addItem(label)
        elif sens is None:
            msg = pg.TextItem(tr("No operating point:\nthe well cannot flow at this THP"),
                              color=OP_COLOR, anchor=(0.5, 0.5),
                              fill=pg.mkBrush(255, 255, 255, 220))
            msg.setPos(float(d.q(run.well.ipr.qmax_stb_d)) / 2, float(d.p(run.inputs.pr_psia)) / 2)
            pi.addItem(msg)
        pi.enableAutoRange()
        pi.setTitle(tr("Inflow (IPR) and outflow (VLP)"), color="#303030", size="10pt")

    def _draw_traverse(self) -> None:
        tp = self.trav_plot.getPlotItem()
        hp = self.holdup_plot.getPlotItem()
        tp.clear()
        hp.clear()
        d = self.model.display
        tp.setLabel("left", f"{tr('Measured depth')} ({d.du})")
        tp.setLabel("bottom", f"{tr('Pressure')} ({d.pu})")
        hp.setLabel("bottom", tr("Liquid holdup (fraction)"))
        tp.setTitle(tr("Traverse at the operating point"), color="#303030", size="10pt")
        hp.setTitle(tr("Holdup and flow pattern"), color="#303030", size="10pt")
        run = self.model.run
        if run is None or run.traverse is None:
            return
        t = run.traverse
        md = np.asarray(d.d(t.md_ft))
        tp.plot(d.p(t.p_psia), md, pen=pg.mkPen(VLP_COLOR, width=2.2), name=tr("Pressure"))
        hp.plot(t.holdup, md, pen=pg.mkPen(COLORS[5], width=2), name=tr("Holdup"))
        hp.plot(t.no_slip_holdup, md, pen=pg.mkPen(COLORS[6], width=1.2,
                                                   style=Qt.PenStyle.DashLine),
                name=tr("No-slip"))
        pattern_colors = ["#4d4d4d", "#b9770e", "#7d3c98", "#a04000", "#1f4e9c", "#1e8449",
                          "#117a8b", "#b03a2e"]
        for pat in sorted(set(int(p) for p in t.pattern)):
            mask = t.pattern == pat
            name = tr(nm.PATTERN_NAMES.get(nm.FlowPattern(pat), "?"))
            hp.plot(t.holdup[mask], md[mask], pen=None, symbol="s", symbolSize=6,
                    symbolBrush=pattern_colors[pat % len(pattern_colors)], symbolPen=None,
                    name=name)
        hp.setXRange(0, 1.05, padding=0)
        tp.enableAutoRange()

    def _fill_results(self) -> None:
        m = self.model
        run = m.run
        if run is None:
            self.op_label.setText("")
            self.results.setText("")
            self._fill_table()
            return
        op = run.result.operating_point
        self.op_label.setText(m.operating_text())
        self.op_label.setStyleSheet("color: #b03a2e;" if op is None else "color: #1f4e9c;")
        rows = "".join(
            f"<tr><td>{html.escape(k)}</td><td style='padding-left:24px' align='right'>"
            f"<b>{html.escape(v)}</b></td></tr>" for k, v in m.result_items())
        self.results.setText(f"<table cellspacing='0' cellpadding='1'>{rows}</table>")
        self._fill_table()

    def _fill_table(self) -> None:
        m = self.model
        s = m.sensitivity
        if s is None:
            self.table_title.setText(tr("Sensitivity: choose a parameter and values on the "
                                        "left, then Run sensitivity"))
            self.table.setRowCount(0)
            self.table.setHorizontalHeaderLabels(["", "", ""])
            return
        self.table_title.setText(tr("Sensitivity: %1").replace("%1",
                                                              nm.variable_label(s.variable)))
        self.table.setHorizontalHeaderLabels(m.sensitivity_header())
        rows = m.sensitivity_rows()
        self.table.setRowCount(len(rows))
        for r, (v, q, p) in enumerate(rows):
            texts = [f"{float(v):.4g}",  # type: ignore[arg-type]
                     tr("no flow") if q is None else nm.fmt(float(q)),  # type: ignore[arg-type]
                     "—" if p is None else nm.fmt(float(p))]  # type: ignore[arg-type]
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if q is None:
                    item.setForeground(pg.mkColor(OP_COLOR))
                self.table.setItem(r, c, item)

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
