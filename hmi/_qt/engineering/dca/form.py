"""The Decline curves form: wells, fit options, parameters box, forecast and uncertainty
inputs, each label remembered for retranslation.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QWidget,
)

from hmi._qt.engineering.dca.base import DcaTabBase
from hmi._qt.engineering.dca.inputs import _compact, _date_edit, _section, _set_item_text, _spin
from hmi.components.engineering import dca as mdl
from hmi.components.engineering.dca import (
    MODELS,
    FitOptions,
    ForecastOptions,
)


class DcaFormMixin(DcaTabBase):
    """Builds the inputs column (``_build_inputs``) and its translatable labels."""

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
