"""The decline analysis as tables, charts and a :class:`hmi.reports.Report`: inputs,
parameters (flagged when edited by hand), forecast and reserves, fit statistics, P-bands,
the yearly and monthly forecast and the history with the reason each point was left out.
"""

from __future__ import annotations

import itertools
import math
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from domain.engineering import dca
from hmi.reports import Chart, KeyValues, Note, Report, Series, Table

from .display import (
    COLOR_BAND,
    COLOR_EXCLUDED,
    COLOR_FIT,
    COLOR_FORECAST,
    COLOR_LIMIT,
    COLOR_USED,
    DcaDisplay,
)
from .labels import fmt, model_label, reason_label


def _series(name: str, x: npt.ArrayLike, y: npt.ArrayLike, style: Literal[
        "line", "dash", "points"], color: str) -> Series:
    return Series(name, np.asarray(x, dtype=np.float64).tolist(),
                  np.asarray(y, dtype=np.float64).tolist(), style, color)


class DcaReport(DcaDisplay):
    """The forecast and history tables, the rate charts and the exported report of the
    current curve (which says so when the curve was edited by hand)."""

    # -- tables --------------------------------------------------------------------------

    def forecast_rows(self, yearly: bool) -> list[list[Any]]:
        """Period, start, end, calendar-day rate at mid-period, volume, cumulative (display
        units). Volumes from the curve's closed-form cumulative, exact for any period."""
        assert self.curve is not None and self.outcome is not None
        fc, m, origin = self.curve.forecast, self.curve.model, self.outcome.result.origin
        edges = self._period_edges(fc.start, fc.end, yearly)
        rows: list[list[Any]] = []
        cum = fc.cum_to_date
        for i, (a, b) in enumerate(itertools.pairwise(edges)):
            vol = fc.uptime * float(m.cum(b - origin) - m.cum(a - origin))
            cum += vol
            avg = vol / (b - a) if b > a else math.nan
            label = self._period_label(a, yearly, i)
            rows.append([label, self.vol(vol), self.q(avg), self.vol(cum)])
        return rows

    def _period_edges(self, start: float, end: float, yearly: bool) -> list[float]:
        assert self.outcome is not None
        h = self.outcome.subject.history
        if h.epoch is None:  # type well: months (or 12-month years) since time zero
            step = dca.DAYS_PER_MONTH * (12 if yearly else 1)
            k0 = math.floor(start / step)
            edges = [start] + [k * step for k in range(k0 + 1, math.ceil(end / step))]
            return [*edges, end]
        first = h.epoch + np.timedelta64(math.floor(start), "D")
        inc = np.timedelta64(1, "Y") if yearly else np.timedelta64(1, "M")
        cur = first.astype("datetime64[Y]" if yearly else "datetime64[M]") + inc
        edges = [start]
        while True:
            d = float((cur.astype("datetime64[D]") - h.epoch) / np.timedelta64(1, "D"))
            if d >= end:
                break
            edges.append(d)
            cur = cur + inc
        return [*edges, end]

    def _period_label(self, a: float, yearly: bool, i: int) -> str:
        assert self.outcome is not None
        h = self.outcome.subject.history
        if h.epoch is None:
            step = dca.DAYS_PER_MONTH * (12 if yearly else 1)
            return str(math.floor(a / step + 1e-9) + (1 if yearly else 0))
        d = h.epoch + np.timedelta64(math.floor(a + 1e-9), "D")
        return str(d.astype("datetime64[Y]" if yearly else "datetime64[M]"))

    def history_rows(self) -> list[list[object]]:
        assert self.outcome is not None
        h, r = self.outcome.subject.history, self.outcome.result
        basis = self.basis_rate()
        up = h.uptime if h.uptime is not None else np.full(h.days.size, np.nan)
        rows: list[list[object]] = []
        for i in range(h.days.size):
            when = self.day_text(float(h.days[i]))
            rows.append([when, self.q(float(h.rate[i])), float(up[i]),
                         self.q(float(basis[i])),
                         1 if r.reason[i] == dca.Exclusion.USED else 0,
                         reason_label(int(r.reason[i]), self.tr)])
        return rows

    # -- report --------------------------------------------------------------------------

    def inputs_items(self) -> list[tuple[str, str]]:
        assert self.outcome is not None
        tr, o = self.tr, self.outcome.options
        fo, subject = self.outcome.forecast_options, self.outcome.subject
        window = tr("from peak") if o.from_peak else tr("from first record")
        if subject.dated and (o.start or o.end):
            window = f"{o.start or '…'} – {o.end or '…'}" + (
                f" ({tr('from peak')})" if o.from_peak else "")
        items = [
            (tr("Wells"), ", ".join(subject.wells)),
            (tr("Analysis"), {"single": tr("single well"), "group": tr("group (sum of rates)"),
                              "type_well": tr("type well")}[subject.kind]),
            (tr("Model"), model_label(o.model, tr)),
            (tr("Fit window"), window),
            (tr("Rate basis"), tr("producing-day") if o.rate_basis == "producing"
             else tr("calendar-day")),
            (tr("Outlier exclusion"), f"{fmt(o.outlier_sigma, 2)} σ" if o.exclude_outliers
             else tr("off")),
            (tr("b bounds"), f"{fmt(o.b_min, 3)} – {fmt(o.b_max, 3)}"),
            (tr("Economic limit"), f"{fmt(self.q(fo.q_limit))} {self.rate_unit}"),
            (tr("Forecast end date"), str(fo.end) if fo.end and subject.dated else "—"),
            (tr("Longest forecast"), f"{fmt(fo.max_years, 3)} {tr('years')}"),
        ]
        if o.model == "modified_hyperbolic":
            items.insert(7, (tr("Terminal decline (effective)"),
                             f"{fmt(o.terminal_decline * 100, 3)} {tr('%/yr')}"))
        if subject.kind == "type_well":
            items.insert(2, (tr("Type well"), (tr("P50") if o.statistic == "p50"
                                               else tr("mean")) + ", " + (
                tr("aligned at peak") if o.align == "peak" else
                tr("aligned at first production"))))
        return items

    def charts(self) -> list[Chart]:
        """The rate–time and rate–cumulative charts (display units)."""
        assert self.outcome is not None and self.curve is not None
        tr, o, c = self.tr, self.outcome, self.curve
        h, r = o.subject.history, o.result
        basis = self.basis_rate()
        x = self.x_of(h.days)
        used = r.used
        qs = self.q(1.0)  # bbl/d -> display: a pure scale
        series = [
            _series(tr("History, used"), x[used], qs * basis[used], "points", COLOR_USED),
            _series(tr("History, excluded"), x[~used], qs * basis[~used], "points",
                    COLOR_EXCLUDED),
        ]
        tf = self.fit_days()
        fit_name = tr("Curve (edited by hand)") if c.edited else tr("Fit")
        series.append(_series(fit_name, self.x_of(tf), qs * (c.model.rate(tf - r.origin)), "line",
                             COLOR_FIT))
        fc = c.forecast
        series.append(_series(tr("Forecast"), self.x_of(fc.days), qs * (fc.rate / fc.uptime),
                             "line", COLOR_FORECAST))
        bands = self.band_curves()
        if bands is not None:
            bx = self.x_of(bands[0])
            gap = np.array([np.nan])
            series.append(_series(tr("P90 (low) / P10 (high)"), np.concatenate([bx, gap, bx]),
                                  qs * np.concatenate([bands[1], gap, bands[2]]), "dash",
                                  COLOR_BAND))
        fo = o.forecast_options
        if fo.q_limit > 0:
            ends = np.array([h.days[0], fc.end])
            series.append(_series(tr("Economic limit"), self.x_of(ends),
                                 qs * (np.full(2, fo.q_limit / fc.uptime)), "dash", COLOR_LIMIT))
        basis_name = (tr("producing-day") if r.rate_basis == "producing"
                      else tr("calendar-day"))
        y_label = f"{tr('Oil rate')}, {basis_name} ({self.rate_unit})"
        x_label = tr("Date") if o.subject.dated else tr("Months since time zero")
        rate_time = Chart(tr("Rate vs time"), x_label, y_label, series, y_log=True,
                          x_dates=o.subject.dated)
        cum_hist = np.cumsum(np.where(np.isfinite(h.rate) & (h.rate > 0), h.rate, 0.0)
                             * h.period)
        vs = self.vol(1.0)
        cum_series = [
            _series(tr("History, used"), vs * (cum_hist[used]), qs * (basis[used]), "points",
                   COLOR_USED),
            _series(tr("History, excluded"), vs * cum_hist[~used], qs * basis[~used],
                    "points", COLOR_EXCLUDED),
            _series(tr("Forecast"), vs * (fc.cum_to_date + fc.cumulative),
                   qs * (fc.rate / fc.uptime), "line", COLOR_FORECAST),
        ]
        rate_cum = Chart(tr("Rate vs cumulative"),
                         f"{tr('Cumulative oil')} ({self.volume_unit})", y_label, cum_series,
                         y_log=True)
        return [rate_time, rate_cum]

    def build_report(self) -> Report:
        tr = self.tr
        if self.outcome is None or self.curve is None:
            raise ValueError(tr("Nothing to export yet: pick a well and fit a decline first"))
        o, c = self.outcome, self.curve
        subtitle = f"{o.subject.name(tr)} · {model_label(o.options.model, tr)}"
        if c.edited:
            subtitle += " · " + tr("PARAMETERS EDITED BY HAND")
        rep = Report(tr("Decline curve analysis"), subtitle)
        if c.edited:
            rep.add(Note(tr("The curve's parameters were edited by hand after the fit; the "
                            "forecast, EUR and remaining reserves below are those of the "
                            "edited curve, not of the statistical fit.")))
        rep.add(KeyValues(tr("Inputs"), self.inputs_items()))
        rep.add(KeyValues(tr("Parameters (edited by hand)") if c.edited
                          else tr("Fitted parameters"), self.param_items()))
        rep.add(KeyValues(tr("Forecast and reserves"), self.key_results()))
        rep.add(KeyValues(tr("Fit statistics"), self.stats_items()))
        if self.bands is not None:
            rep.add(KeyValues(tr("Uncertainty (block bootstrap of the fit residuals)"),
                              self.bands_items()))
            if c.edited:
                rep.add(Note(tr("P-bands are those of the statistical fit, not of the "
                                "hand-edited curve.")))
        rep.add(*self.charts())
        vu, ru = self.volume_unit, self.rate_unit
        head = [tr("Year") if o.subject.dated else tr("Year since time zero"),
                f"{tr('Volume')} ({vu})", f"{tr('Average rate, calendar-day')} ({ru})",
                f"{tr('Cumulative')} ({vu})"]
        rep.add(Table(tr("Yearly forecast"), head, self.forecast_rows(True), pdf_max_rows=60))
        head_m = [tr("Month") if o.subject.dated else tr("Month since time zero"), *head[1:]]
        rep.add(Table(tr("Monthly forecast"), head_m, self.forecast_rows(False),
                      pdf_max_rows=24))
        basis = tr("producing-day") if o.result.rate_basis == "producing" else tr(
            "calendar-day")
        rep.add(Table(tr("History"), [
            tr("Date") if o.subject.dated else tr("Month since time zero"),
            f"{tr('Calendar-day rate')} ({ru})", tr("Uptime (fraction)"),
            f"{tr('Rate')}, {basis} ({ru})", tr("Used (1/0)"), tr("Reason")],
            self.history_rows(), pdf_max_rows=12))
        return rep
