"""The rate-time and rate-cumulative plots: their items, axes and legends, the history before a
fit, and the fit, forecast and bands after one.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
)

from domain.engineering import dca as ddca
from hmi._qt.engineering.common import make_plot, tr
from hmi._qt.engineering.dca.base import DcaTabBase
from hmi.components.engineering import dca as mdl
from hmi.components.engineering.dca import (
    COLOR_BAND,
    COLOR_EXCLUDED,
    COLOR_FIT,
    COLOR_FORECAST,
    COLOR_LIMIT,
    COLOR_OUTLIER,
    COLOR_USED,
)

SECONDS_PER_DAY = 86400.0


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


class DcaPlotsMixin(DcaTabBase):
    """Builds the plots (``_build_body``) and draws the model's history, curve and bands."""

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
