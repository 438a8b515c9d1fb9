"""The Decline curves tab: pick wells (or a group, or a type well), fit a decline, drag its
parameters, forecast to the economic limit, EUR, remaining reserves and P-bands.

The state and every number live in :class:`hmi.components.engineering.dca.DcaModel`; this
widget only edits its inputs and draws what it says. Loads from the edge are coroutines
(``spawn``), fits and bootstraps run in the tab's :class:`JobRunner`, hand edits are
recomputed on the Qt thread (closed-form volumes, well under a millisecond).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import math
from collections.abc import Callable
from datetime import date
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from domain.engineering import dca as ddca
from hmi._qt.context import AppContext
from hmi._qt.engineering.common import AnalysisTab, make_plot, tr
from hmi._qt.tasks import spawn
from hmi.api.errors import ApiError, ConnectionLost
from hmi.components.engineering import dca as mdl
from hmi.components.engineering.dca import (
    COLOR_BAND,
    COLOR_EXCLUDED,
    COLOR_FIT,
    COLOR_FORECAST,
    COLOR_LIMIT,
    COLOR_OUTLIER,
    COLOR_USED,
    MODELS,
    DcaModel,
    FitOptions,
    ForecastOptions,
    ParamSpec,
    fmt,
)
from hmi.reports import Report

log = logging.getLogger(__name__)
SECONDS_PER_DAY = 86400.0
HANDLE_SCALE = ("qi", "q1")
HANDLE_BEND = ("di", "tau")


class LogRateAxis(pg.AxisItem):
    """A log axis labelled 1, 2, 5, 10, 20, 50 ... in plain numbers (not 2·10²)."""

    def logTickStrings(self, values: list[float], scale: float,
                       spacing: float) -> list[str]:
        out = []
        for v in values:
            q = 10.0 ** v
            mant = q / 10.0 ** math.floor(v + 1e-9)
            keep = any(abs(mant - k) < 1e-6 for k in (1.0, 2.0, 5.0))
            out.append("" if not keep else f"{q:,.0f}" if q >= 1 else f"{q:g}")
        return out


def _style_axis(axis: pg.AxisItem) -> None:
    axis.setPen(pg.mkPen("#303030"))
    axis.setTextPen(pg.mkPen("#303030"))


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: 600; margin-top: 8px; color: #1f4e9c;")
    return label


def _set_item_text(combo: QComboBox, index: int, text: str) -> None:
    combo.setItemText(index, text)


def _compact(c: QComboBox) -> QComboBox:
    """A combo that does not widen the input column to its longest item."""
    c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    c.setMinimumContentsLength(14)
    return c


def _spin(lo: float, hi: float, value: float, decimals: int = 2, step: float = 1.0,
          suffix: str = "") -> QDoubleSpinBox:
    s = QDoubleSpinBox()
    s.setRange(lo, hi)
    s.setDecimals(decimals)
    s.setSingleStep(step)
    s.setValue(value)
    s.setKeyboardTracking(False)
    if suffix:
        s.setSuffix(suffix)
    return s


def _date_edit() -> QDateEdit:
    d = QDateEdit()
    d.setCalendarPopup(True)
    d.setDisplayFormat("yyyy-MM-dd")
    d.setDate(QDate.currentDate())
    d.setEnabled(False)
    return d


def _to_date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class DcaTab(AnalysisTab):
    """Decline curve analysis (see the module docstring)."""

    export_stem = "dca"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = DcaModel(ctx.units, tr)
        self._texts: list[tuple[Callable[[str], None], str]] = []  # (setter, English source)
        self._load_serial = 0
        self._placing = False  # moving the handles ourselves: not a drag
        self.loading: asyncio.Task[Any] | None = None
        self._t_params = ""
        self.param_spins: dict[str, tuple[ParamSpec, QDoubleSpinBox]] = {}
        self._build_inputs()
        self._build_body()
        self._refit_timer = QTimer(self, singleShot=True, interval=250)
        self._refit_timer.timeout.connect(self.fit)
        self._load_timer = QTimer(self, singleShot=True, interval=300)
        self._load_timer.timeout.connect(lambda: self._spawn(self.load_selected()))
        m = self.model
        m.wells_changed.connect(self._show_wells)
        m.history_changed.connect(self._history_loaded)
        m.fit_changed.connect(self._fit_changed)
        m.curve_changed.connect(self._draw_curve)
        m.bands_changed.connect(self._draw_curve)
        ctx.units.changed.connect(lambda _s: self._units_changed())
        self.runner.failed.connect(self._job_failed)
        self.retranslate()
        self._update_enabled()
        QTimer.singleShot(0, lambda: self._spawn(self.refresh_wells(auto_select=True)))

    # -- building ------------------------------------------------------------------------

    def _t(self, setter: Callable[[str], None], text: str) -> None:
        """Remember a translatable text (set now and on every retranslate)."""
        self._texts.append((setter, text))

    def _row(self, text: str, widget: QWidget | QHBoxLayout, tip: str = "") -> None:
        label = QLabel()
        self._t(label.setText, text)
        if tip:
            self._t(label.setToolTip, tip)
            if isinstance(widget, QWidget):
                self._t(widget.setToolTip, tip)
        if isinstance(widget, QHBoxLayout):
            self.form.addRow(label, widget)
        else:
            self.form.addRow(label, widget)

    def _header(self, text: str) -> None:
        label = _section("")
        self._t(label.setText, text)
        self.form.addRow(label)

    def _combo(self, items: list[tuple[str, str]]) -> QComboBox:
        c = _compact(QComboBox())
        for key, text in items:
            c.addItem(text, key)
        for i, (_key, text) in enumerate(items):
            self._t(functools.partial(_set_item_text, c, i), text)
        return c

    def _build_inputs(self) -> None:
        o, fo = FitOptions(), ForecastOptions()
        self._header("Wells")
        self.well_list = QListWidget()
        self.well_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.well_list.setMinimumHeight(130)
        self.well_list.setMaximumHeight(170)
        self._t(self.well_list.setToolTip, "Wells with daily production on the edge. Pick one "
                "to fit it; Ctrl/Shift-click several for a group or a type well")
        self.well_list.itemSelectionChanged.connect(lambda: self._load_timer.start())
        self.form.addRow(self.well_list)
        self.refresh_button = QPushButton()
        self._t(self.refresh_button.setText, "Refresh list")
        self.refresh_button.clicked.connect(lambda: self._spawn(self.refresh_wells()))
        self.form.addRow(self.refresh_button)
        self.mode_combo = self._combo([("group", "Group (sum of rates)"),
                                       ("type_well:p50", "Type well, P50 (time-zero aligned)"),
                                       ("type_well:mean", "Type well, mean (time-zero aligned)")])
        self._row("Several wells as", self.mode_combo,
                  "How several selected wells are analysed: the sum of their daily rates, or a "
                  "type well (each well's clock starts at its peak or first production)")
        self.align_combo = self._combo([("peak", "Peak rate"),
                                        ("first_production", "First production")])
        self._row("Type well time zero", self.align_combo,
                  "Where each well's clock starts when building a type well")

        self._header("Fit")
        self.model_combo = _compact(QComboBox())
        for name in MODELS:
            self.model_combo.addItem(mdl.model_label(name), name)
        for i, name in enumerate(MODELS):
            self._t(functools.partial(_set_item_text, self.model_combo, i),
                    mdl.model_label(name))
        self.model_combo.setCurrentIndex(MODELS.index(o.model))
        self._row("Model", self.model_combo, "Decline model fitted to the history")
        self.from_peak = QCheckBox()
        self.from_peak.setChecked(o.from_peak)
        self._t(self.from_peak.setText, "Start at the peak rate")
        self._t(self.from_peak.setToolTip, "Leave out the rise to the peak (clean-up, "
                "ramp-up): the curve's time zero is the highest rate in the window")
        self.form.addRow(self.from_peak)
        self.start_check, self.start_date = QCheckBox(), _date_edit()
        self.end_check, self.end_date = QCheckBox(), _date_edit()
        for check, edit, text, tip in (
                (self.start_check, self.start_date, "Window start",
                 "First day the fit may use (unchecked: the first record)"),
                (self.end_check, self.end_date, "Window end",
                 "Last day the fit may use (unchecked: the last record)")):
            box = QHBoxLayout()
            box.addWidget(check)
            box.addWidget(edit, 1)
            check.toggled.connect(edit.setEnabled)
            self._t(check.setToolTip, tip)
            self._t(edit.setToolTip, tip)
            self._row(text, box, tip)
        self.basis_combo = self._combo([("producing", "Producing-day (rate / uptime)"),
                                        ("calendar", "Calendar-day (as reported)")])
        self._row("Rate basis", self.basis_combo,
                  "Producing-day: daily volume / (hours on / 24), so downtime does not read as "
                  "decline (recommended). Calendar-day: the volume per calendar day")
        self.outlier_check = QCheckBox()
        self.outlier_check.setChecked(o.exclude_outliers)
        self._t(self.outlier_check.setText, "Exclude outliers beyond")
        self.outlier_sigma = _spin(1.0, 10.0, o.outlier_sigma, 1, 0.5, " σ")
        self._t(self.outlier_sigma.setToolTip, "Points whose log-rate residual is beyond this "
                "many robust standard deviations are left out and the fit repeated")
        box = QHBoxLayout()
        box.addWidget(self.outlier_check)
        box.addWidget(self.outlier_sigma, 1)
        self.form.addRow(box)
        self.b_min = _spin(0.0, 10.0, o.b_min, 2, 0.1)
        self.b_max = _spin(0.0, 10.0, o.b_max, 2, 0.1)
        box = QHBoxLayout()
        box.addWidget(self.b_min)
        dash = QLabel("–")
        box.addWidget(dash)
        box.addWidget(self.b_max)
        self._row("b bounds", box, "Range the Arps exponent b may take in the fit")
        self._t(self.b_min.setToolTip, "Smallest Arps exponent b the fit may use")
        self._t(self.b_max.setToolTip, "Largest Arps exponent b the fit may use")
        self.terminal = _spin(0.1, 99.0, o.terminal_decline * 100, 1, 1.0)
        self._row("Terminal decline", self.terminal,
                  "Modified hyperbolic: effective yearly decline where the curve turns "
                  "exponential (an engineering choice, not fitted)")
        self.fit_button = QPushButton()
        self._t(self.fit_button.setText, "Fit")
        self._t(self.fit_button.setToolTip, "Fit the model again with these options")
        self.fit_button.clicked.connect(self.fit)
        self.form.addRow(self.fit_button)

        self._header("Parameters")
        self.params_box = QGroupBox()
        self.params_form = QFormLayout(self.params_box)
        self.form.addRow(self.params_box)
        self.edited_label = QLabel()
        self.edited_label.setWordWrap(True)
        self.edited_label.setStyleSheet("color: #b03a2e; font-weight: 600;")
        self.form.addRow(self.edited_label)
        self.reset_button = QPushButton()
        self._t(self.reset_button.setText, "Back to the fit")
        self._t(self.reset_button.setToolTip, "Discard the hand edits: the fitted parameters")
        self.reset_button.clicked.connect(self.model.reset_params)
        self.form.addRow(self.reset_button)

        self._header("Forecast")
        self.q_limit = _spin(0.0, 1e6, fo.q_limit, 1, 1.0)
        self._row("Economic limit", self.q_limit,
                  "Calendar-day oil rate at which the well stops paying: the forecast ends "
                  "there")
        self.fc_end_check, self.fc_end_date = QCheckBox(), _date_edit()
        self.fc_end_date.setDate(QDate.currentDate().addYears(20))
        box = QHBoxLayout()
        box.addWidget(self.fc_end_check)
        box.addWidget(self.fc_end_date, 1)
        self.fc_end_check.toggled.connect(self.fc_end_date.setEnabled)
        self._row("Forecast end date", box, "Stop the forecast at this date (a licence or "
                  "concession end), if before the economic limit")
        self.max_years = _spin(1.0, 100.0, fo.max_years, 0, 5.0)
        self._row("Longest forecast", self.max_years,
                  "The forecast never runs longer than this")

        self._header("Uncertainty")
        self.bands_n = QSpinBox()
        self.bands_n.setRange(20, 10000)
        self.bands_n.setSingleStep(100)
        self.bands_n.setValue(fo.bands_n)
        self._row("Bootstrap replicates", self.bands_n,
                  "Refits of resampled residuals behind the P90/P50/P10 (more: smoother, "
                  "slower)")
        self.bands_button = QPushButton()
        self._t(self.bands_button.setText, "Compute P90 / P50 / P10")
        self._t(self.bands_button.setToolTip, "Block bootstrap of the fit residuals, in the "
                "background (Cancel stops it)")
        self.bands_button.clicked.connect(self.compute_bands)
        self.form.addRow(self.bands_button)


        for w in (self.mode_combo, self.align_combo, self.model_combo, self.basis_combo):
            w.currentIndexChanged.connect(self._fit_options_changed)
        for c in (self.from_peak, self.start_check, self.end_check, self.outlier_check):
            c.toggled.connect(self._fit_options_changed)
        for d in (self.start_date, self.end_date):
            d.dateChanged.connect(self._fit_options_changed)
        for s in (self.outlier_sigma, self.b_min, self.b_max, self.terminal):
            s.valueChanged.connect(self._fit_options_changed)
        for s in (self.q_limit, self.max_years):
            s.valueChanged.connect(self._forecast_options_changed)
        self.fc_end_check.toggled.connect(self._forecast_options_changed)
        self.fc_end_date.dateChanged.connect(self._forecast_options_changed)
        self.bands_n.valueChanged.connect(self._forecast_options_changed)

    def _build_body(self) -> None:
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.title.setWordWrap(True)
        self.body.addWidget(self.title)
        self.plot = make_plot(log_y=True, dates=True)
        self.plot.setMinimumHeight(300)
        item = self.plot.getPlotItem()
        self._dated_axis = True
        left = LogRateAxis("left")
        item.setAxisItems({"left": left})
        left.setLogMode(False, True)
        _style_axis(left)
        self.pt_used = item.plot([], [], pen=None, symbol="o", symbolSize=4,
                                 symbolBrush=COLOR_USED + "a0", symbolPen=None)
        self.pt_excluded = item.plot([], [], pen=None, symbol="x", symbolSize=6,
                                     symbolBrush=COLOR_EXCLUDED, symbolPen=None)
        self.pt_outlier = item.plot([], [], pen=None, symbol="x", symbolSize=8,
                                    symbolBrush=COLOR_OUTLIER, symbolPen=None)
        self.fit_line = item.plot([], [], pen=pg.mkPen(COLOR_FIT, width=3))
        self.fc_line = item.plot([], [], pen=pg.mkPen(COLOR_FORECAST, width=2.5))
        dash = Qt.PenStyle.DashLine
        self.p90_line = item.plot([], [], pen=pg.mkPen(COLOR_BAND, width=1.5, style=dash))
        self.p10_line = item.plot([], [], pen=pg.mkPen(COLOR_BAND, width=1.5, style=dash))
        self.limit_line = item.plot([], [], pen=pg.mkPen(COLOR_LIMIT, width=1, style=dash))
        self.handles: dict[str, pg.TargetItem] = {}
        for kind, color in (("scale", COLOR_FIT), ("bend", "#b03a2e")):
            h = pg.TargetItem(pos=(0, 0), size=13, symbol="s", pen=pg.mkPen("#202020"),
                              brush=pg.mkBrush(color), hoverBrush=pg.mkBrush("#ffd24d"))
            h.setZValue(20)
            h.sigPositionChanged.connect(lambda _h, k=kind: self._handle_moved(k))
            h.hide()
            item.addItem(h)
            self.handles[kind] = h
        self.cum_plot = make_plot(log_y=True)
        self.cum_plot.setMinimumHeight(180)
        ci = self.cum_plot.getPlotItem()
        left = LogRateAxis("left")
        ci.setAxisItems({"left": left})
        left.setLogMode(False, True)
        _style_axis(left)
        self.cum_used = ci.plot([], [], pen=None, symbol="o", symbolSize=3,
                                symbolBrush=COLOR_USED, symbolPen=None)
        self.cum_excluded = ci.plot([], [], pen=None, symbol="x", symbolSize=5,
                                    symbolBrush=COLOR_EXCLUDED, symbolPen=None)
        self.cum_fc = ci.plot([], [], pen=pg.mkPen(COLOR_FORECAST, width=2.5))
        self.results = QLabel()
        self.results.setTextFormat(Qt.TextFormat.RichText)
        self.results.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.results.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results.setFixedWidth(330)
        self.results.setWordWrap(True)
        self.results.setStyleSheet("background: #fafafa; border: 1px solid #d8d8d8; "
                                   "padding: 6px;")
        plots = QVBoxLayout()
        plots.addWidget(self.plot, 3)
        plots.addWidget(self.cum_plot, 2)
        row = QHBoxLayout()
        row.addLayout(plots, 1)
        row.addWidget(self.results)
        self.body.addLayout(row, 1)

    # -- translation and units -------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        for setter, text in self._texts:
            setter(tr(text))
        self._rebuild_param_spins()
        self._units_changed()

    def _units_changed(self) -> None:
        self.terminal.setSuffix(" " + tr("%/yr"))
        self.max_years.setSuffix(" " + tr("years"))
        unit = self.model.rate_unit
        self.q_limit.blockSignals(True)
        self.q_limit.setSuffix(f" {unit}")
        self.q_limit.setValue(self.model.q(self.model.forecast_options.q_limit))
        self.q_limit.blockSignals(False)
        self._rebuild_param_spins()
        self._show_wells()
        self._draw_history()
        self._fit_changed()

    def _relegend(self) -> None:
        """Legend entries in the current language, only for what is drawn."""
        c = self.model.curve
        edited = c is not None and c.edited
        entries = [
            (self.pt_used, tr("History, used")), (self.pt_excluded, tr("History, excluded")),
            (self.pt_outlier, tr("Outliers")),
            (self.fit_line, tr("Curve (edited by hand)") if edited else tr("Fit")),
            (self.fc_line, tr("Forecast")), (self.p90_line, tr("P90 (low) / P10 (high)")),
            (self.limit_line, tr("Economic limit")),
        ]
        legend = self.plot.getPlotItem().legend
        legend.clear()
        for item, name in entries:
            x, _y = item.getData()
            if x is not None and len(x):
                legend.addItem(item, name)
        cl = self.cum_plot.getPlotItem().legend
        cl.clear()
        for item, name in ((self.cum_used, tr("History, used")),
                           (self.cum_excluded, tr("History, excluded")),
                           (self.cum_fc, tr("Forecast"))):
            x, _y = item.getData()
            if x is not None and len(x):
                cl.addItem(item, name)

    # -- loading ---------------------------------------------------------------------------

    def _spawn(self, coro: Any) -> None:
        try:
            self.loading = spawn(coro)
        except RuntimeError:  # no event loop (a test that never runs one)
            coro.close()

    def _error_text(self, exc: BaseException) -> str:
        if isinstance(exc, ApiError):
            return exc.text(self.ctx.language)
        if isinstance(exc, ConnectionLost):
            return tr("The edge does not answer: %1").replace("%1", str(exc) or "—")
        return str(exc) or type(exc).__name__

    async def refresh_wells(self, auto_select: bool = False) -> None:
        """Read the edge's wells with daily history; select the largest one on first open."""
        self.jobbar.show_message(tr("Loading wells…"))
        try:
            wells = await self.model.load_wells(self.ctx.client)
        except Exception as e:  # an edge down or refusing: say so, keep the window
            log.info("dca: wells not loaded: %s", e)
            self.jobbar.show_message("✖ " + tr("Wells not loaded: %1").replace(
                "%1", self._error_text(e)), error=True)
            return
        if not wells:
            self.jobbar.show_message(tr("The edge has no daily production yet (see "
                                        "'oilfield production import')"), error=True)
            return
        self.jobbar.show_message(tr("%1 wells with daily production").replace(
            "%1", str(len(wells))))
        if auto_select and not self.well_list.selectedItems():
            self.well_list.setCurrentRow(0)

    def _show_wells(self) -> None:
        chosen = set(self.selected_wells())
        self.well_list.blockSignals(True)
        self.well_list.clear()
        vu = self.model.volume_unit
        for w in self.model.wells:
            item = QListWidgetItem(f"{w.well}   ({w.first_day:%Y-%m} – {w.last_day:%Y-%m}, "
                                   f"{fmt(self.model.vol(w.cum_oil_bbl), 3)} {vu})")
            item.setData(Qt.ItemDataRole.UserRole, w.well)
            item.setToolTip(tr("%1 days of records; cumulative oil %2").replace(
                "%1", str(w.days)).replace("%2", f"{fmt(self.model.vol(w.cum_oil_bbl))} {vu}"))
            self.well_list.addItem(item)
            item.setSelected(w.well in chosen)
        self.well_list.blockSignals(False)

    def selected_wells(self) -> list[str]:
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in self.well_list.selectedItems()]

    def select_wells(self, wells: list[str]) -> None:
        """Select ``wells`` in the list (as the mouse would)."""
        self.well_list.blockSignals(True)
        for i in range(self.well_list.count()):
            item = self.well_list.item(i)
            item.setSelected(item.data(Qt.ItemDataRole.UserRole) in wells)
        self.well_list.blockSignals(False)
        self.well_list.itemSelectionChanged.emit()

    async def load_selected(self) -> None:
        """Load the selected wells' history, then fit it."""
        wells = self.selected_wells()
        if not wells:
            return
        self._load_serial += 1
        serial = self._load_serial
        self.runner.cancel()
        self.jobbar.show_message(tr("Loading daily production of %1…").replace(
            "%1", ", ".join(wells[:4]) + (" …" if len(wells) > 4 else "")))
        try:
            await self.model.load_history(self.ctx.client, wells)
        except Exception as e:
            if serial == self._load_serial:
                self.jobbar.show_message("✖ " + tr("History not loaded: %1").replace(
                    "%1", self._error_text(e)), error=True)
            return
        if serial != self._load_serial:
            return  # a newer selection is loading
        self.fit()

    # -- inputs ----------------------------------------------------------------------------

    def read_fit_options(self) -> FitOptions:
        mode = str(self.mode_combo.currentData())
        return FitOptions(
            model=str(self.model_combo.currentData()),
            start=_to_date(self.start_date.date()) if self.start_check.isChecked() else None,
            end=_to_date(self.end_date.date()) if self.end_check.isChecked() else None,
            from_peak=self.from_peak.isChecked(),
            rate_basis="calendar" if self.basis_combo.currentData() == "calendar"
            else "producing",
            exclude_outliers=self.outlier_check.isChecked(),
            outlier_sigma=self.outlier_sigma.value(),
            terminal_decline=self.terminal.value() / 100.0,
            b_min=self.b_min.value(), b_max=self.b_max.value(),
            align="first_production" if self.align_combo.currentData() == "first_production"
            else "peak",
            statistic="mean" if mode.endswith("mean") else "p50")

    def read_forecast_options(self) -> ForecastOptions:
        return ForecastOptions(
            q_limit=self.ctx.units.to_source(self.q_limit.value(), "bbl/d"),
            end=_to_date(self.fc_end_date.date()) if self.fc_end_check.isChecked() else None,
            max_years=self.max_years.value(), bands_n=self.bands_n.value())

    def _update_enabled(self) -> None:
        several = len(self.model.daily) > 1
        self.terminal.setEnabled(self.model_combo.currentData() == "modified_hyperbolic")
        self.outlier_sigma.setEnabled(self.outlier_check.isChecked())
        self.mode_combo.setEnabled(several)
        self.align_combo.setEnabled(several and str(self.mode_combo.currentData()).startswith(
            "type"))
        self.bands_button.setEnabled(self.model.outcome is not None)

    def _fit_options_changed(self) -> None:
        self._update_enabled()
        if self.model.daily:
            self._refit_timer.start()

    def _history_loaded(self) -> None:
        """New wells: the window dates offered are their span (until the user sets them)."""
        days = [d for w in self.model.daily.values() for d in (w.day[:1] + w.day[-1:])]
        if days:
            for check, edit, day in ((self.start_check, self.start_date, min(days)),
                                     (self.end_check, self.end_date, max(days))):
                if not check.isChecked():
                    edit.blockSignals(True)
                    edit.setDate(QDate(day.year, day.month, day.day))
                    edit.blockSignals(False)
        self._update_enabled()
        self._draw_history()

    def _forecast_options_changed(self) -> None:
        try:
            self.model.set_forecast_options(self.read_forecast_options())
        except ValueError as e:
            self.jobbar.show_message("✖ " + str(e), error=True)

    # -- running ---------------------------------------------------------------------------

    def fit(self) -> None:
        """Fit the loaded history with the form's options (in the background)."""
        self._refit_timer.stop()
        m = self.model
        m.mode = "group" if self.mode_combo.currentData() == "group" else "type_well"
        m.options = self.read_fit_options()
        try:
            m.forecast_options = self.read_forecast_options()
            work, args = m.fit_job()
        except ValueError as e:
            self.jobbar.show_message("✖ " + str(e), error=True)
            return
        self.runner.start("fit", work, *args, on_done=m.apply_fit)

    def compute_bands(self) -> None:
        try:
            self.model.forecast_options = self.read_forecast_options()
            work, args = self.model.bands_job()
        except ValueError as e:
            self.jobbar.show_message("✖ " + str(e), error=True)
            return
        outcome = self.model.outcome

        def done(bands: ddca.PBands) -> None:
            if self.model.outcome is outcome:
                self.model.apply_bands(bands)

        self.runner.start("bands", work, *args, on_done=done)

    def _job_failed(self, name: str, _message: str) -> None:
        if name == "fit" and self.model.outcome is not None:
            self.model.clear_fit()  # no stale curve for options that cannot be fitted

    # -- parameters ------------------------------------------------------------------------

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

    # -- drawing ---------------------------------------------------------------------------

    def _x(self, days: np.ndarray) -> np.ndarray:
        x = self.model.x_of(days)
        dated = self.model.outcome is not None and self.model.outcome.subject.dated
        return x * SECONDS_PER_DAY if dated else x

    def _draw_history(self) -> None:
        """Before a fit: the raw history of the selection (calendar-day)."""
        if self.model.outcome is not None:
            return
        for item in (self.pt_used, self.pt_excluded, self.pt_outlier, self.fit_line,
                     self.fc_line, self.p90_line, self.p10_line, self.limit_line,
                     self.cum_used, self.cum_excluded, self.cum_fc):
            item.setData([], [])
        for h in self.handles.values():
            h.hide()
        if self.model.daily:
            try:
                subject = mdl.make_subject(list(self.model.daily.values()),
                                           self.model.effective_mode, self.model.options)
            except ValueError:
                subject = None
            if subject is not None and subject.history.epoch is not None:
                hist = subject.history
                ok = np.isfinite(hist.rate) & (hist.rate > 0)
                offset = float((subject.history.epoch - mdl.EPOCH) / np.timedelta64(1, "D"))
                self.pt_excluded.setData((hist.days[ok] + offset) * SECONDS_PER_DAY,
                                         self.model.q(1.0) * hist.rate[ok])
        self.title.setText(", ".join(self.model.daily) if self.model.daily else tr(
            "Pick a well on the left to fit its decline"))
        self.results.setText("")
        self._relegend()

    def _fit_changed(self) -> None:
        """A new fit (or none): history points, axes, parameter boxes."""
        m = self.model
        if m.outcome is None or m.curve is None:
            self._rebuild_param_spins()
            self._draw_history()
            return
        o = m.outcome
        self._update_enabled()
        if self._t_params != o.options.model:
            self._rebuild_param_spins()
        h, r = o.subject.history, o.result
        basis = m.basis_rate() * m.q(1.0)
        x = self._x(h.days)
        used, outl = r.used, r.reason == ddca.Exclusion.OUTLIER
        other = ~used & ~outl
        self.pt_used.setData(x[used], basis[used])
        self.pt_excluded.setData(x[other], np.where(basis[other] > 0, basis[other], np.nan))
        self.pt_outlier.setData(x[outl], basis[outl])
        cum = np.cumsum(np.where(np.isfinite(h.rate) & (h.rate > 0), h.rate, 0.0)
                        * h.period) * m.vol(1.0) / 1000.0
        self.cum_used.setData(cum[used], basis[used])
        ex = ~used & np.isfinite(basis) & (basis > 0)
        self.cum_excluded.setData(cum[ex], basis[ex])
        axis = self.plot.getPlotItem()
        if self._dated_axis != o.subject.dated:
            self._dated_axis = o.subject.dated
            bottom = pg.DateAxisItem(orientation="bottom") if o.subject.dated else (
                pg.AxisItem("bottom"))
            axis.setAxisItems({"bottom": bottom})
            _style_axis(bottom)
        axis.setLabel("bottom", tr("Date") if o.subject.dated else tr("Months since time zero"))
        basis_name = tr("producing-day") if r.rate_basis == "producing" else tr(
            "calendar-day")
        axis.setLabel("left", f"{tr('Oil rate')}, {basis_name} ({m.rate_unit})")
        self.cum_plot.getPlotItem().setLabel(
            "bottom", f"{tr('Cumulative oil')} (10³ {m.volume_unit})")
        self.cum_plot.getPlotItem().setLabel("left", f"{tr('Oil rate')} ({m.rate_unit})")
        self._draw_curve()
        axis.enableAutoRange()
        self.cum_plot.getPlotItem().enableAutoRange()

    def _draw_curve(self) -> None:
        """The curve, its forecast, the bands, the handles and the results (cheap: runs on
        every hand edit)."""
        m = self.model
        c, o = m.curve, m.outcome
        if c is None or o is None:
            return
        qs, r = m.q(1.0), o.result
        tf = m.fit_days()
        self.fit_line.setData(self._x(tf), qs * c.model.rate(tf - r.origin))
        fc = c.forecast
        self.fc_line.setData(self._x(fc.days), qs * fc.rate / fc.uptime)
        self.cum_fc.setData(m.vol(1.0) / 1000.0 * (fc.cum_to_date + fc.cumulative),
                            qs * fc.rate / fc.uptime)
        bands = m.band_curves()
        if bands is not None:
            self.p90_line.setData(self._x(bands[0]), qs * bands[1], connect="finite")
            self.p10_line.setData(self._x(bands[0]), qs * bands[2], connect="finite")
        else:
            self.p90_line.setData([], [])
            self.p10_line.setData([], [])
        q_lim = o.forecast_options.q_limit
        if q_lim > 0:
            self.limit_line.setData(self._x(np.array([o.subject.history.days[0], fc.end])),
                                    np.full(2, qs * q_lim / fc.uptime))
        else:
            self.limit_line.setData([], [])
        self._place_handles()
        self._show_params()
        self._show_results()
        self._relegend()

    def _handle_params(self) -> dict[str, str]:
        """Which parameter each handle drives for the current curve."""
        c = self.model.curve
        if c is None:
            return {}
        p = c.model.params
        out = {}
        scale = next((n for n in HANDLE_SCALE if n in p), None)
        bend = next((n for n in HANDLE_BEND if n in p), None)
        if scale:
            out["scale"] = scale
        if bend:
            out["bend"] = bend
        return out

    def _handle_days(self) -> dict[str, float]:
        """History-axis day of each handle: the curve's start and the end of the history."""
        o = self.model.outcome
        assert o is not None
        t0 = self.model.fit_days()[0]
        return {"scale": float(t0), "bend": float(o.subject.history.end)}

    def _place_handles(self) -> None:
        c, o = self.model.curve, self.model.outcome
        if c is None or o is None:
            return
        drives = self._handle_params()
        days = self._handle_days()
        self._placing = True
        try:
            for kind, h in self.handles.items():
                if kind not in drives:
                    h.hide()
                    continue
                t = days[kind]
                q = float(c.model.rate(t - o.result.origin)) * self.model.q(1.0)
                if not (q > 0 and math.isfinite(q)):
                    h.hide()
                    continue
                h.setPos(float(self._x(np.array([t]))[0]), math.log10(q))
                h.setToolTip(tr("Drag up or down: %1").replace("%1", drives[kind]))
                h.show()
        finally:
            self._placing = False

    def _handle_moved(self, kind: str) -> None:
        if self._placing:
            return
        c, o = self.model.curve, self.model.outcome
        drives = self._handle_params()
        if c is None or o is None or kind not in drives:
            return
        t = self._handle_days()[kind]
        y = self.handles[kind].pos().y()
        q = 10.0 ** y / self.model.q(1.0)
        try:
            self.model.drag_rate(drives[kind], t - o.result.origin, q)
        except ValueError as e:
            self.jobbar.show_message("✖ " + str(e), error=True)
            self._place_handles()

    def drag_handle(self, kind: str, rate: float) -> None:
        """Move handle ``kind`` ("scale" or "bend") to ``rate`` (display units), as the
        mouse does (tests, keyboard users)."""
        h = self.handles[kind]
        h.setPos(h.pos().x(), math.log10(rate))

    def _show_results(self) -> None:
        m = self.model
        c = m.curve
        if c is None or m.outcome is None:
            self.results.setText("")
            return
        name = m.outcome.subject.name(tr)
        label = mdl.model_label(m.outcome.options.model, tr)
        flag = (" <span style='color:#b03a2e'>· " + tr("edited by hand") + "</span>"
                if c.edited else "")
        fc, vu = c.forecast, m.volume_unit
        self.title.setText(
            f"{name} · {label}{flag}<br><span style='font-size: 13px; font-weight: 400'>"
            f"{tr('EUR')} <b style='font-size: 17px'>{fmt(m.vol(fc.eur))} {vu}</b>"
            f" &nbsp;·&nbsp; {tr('Remaining reserves')} <b>{fmt(m.vol(fc.remaining))} {vu}</b>"
            f" &nbsp;·&nbsp; {tr('Cumulative to date')} {fmt(m.vol(fc.cum_to_date))} {vu}"
            "</span>")

        def table(title: str, items: list[tuple[str, str]]) -> str:
            rows = "".join(f"<tr><td>{k}</td><td align='right'><b>{v}</b></td></tr>"
                           for k, v in items)
            return (f"<p style='margin:4px 0 2px 0; color:#1f4e9c'><b>{title}</b></p>"
                    f"<table cellspacing='0' cellpadding='1' width='100%'>{rows}</table>")

        html = table(tr("Forecast and reserves"), m.key_results()[:5])
        html += table(tr("Parameters (edited by hand)") if c.edited else tr(
            "Fitted parameters"), m.param_items())
        if m.bands is not None:
            html += table(tr("Uncertainty"), m.bands_items()[:3])
        html += table(tr("Fit statistics"), m.stats_items())
        self.results.setText(html)

    # -- export ----------------------------------------------------------------------------

    def build_report(self) -> Report:
        return self.model.build_report()
