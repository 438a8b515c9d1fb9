"""The decline tab's numbers as shown: units, parameter and result texts, the plot's x axis
(dates, or months for a type well), the fitted curve and the P-band envelope, and the
plot colours shared by the screen and the report.
"""

from __future__ import annotations

import math

import numpy as np

from domain.engineering import dca
from hmi.components.units import UnitsModel

from .fitting import Curve, FitOutcome
from .histories import FloatArray
from .labels import Translate, fmt, reason_label, tr_month
from .options import ForecastOptions
from .params import ParamSpec, param_specs

EPOCH = np.datetime64("1970-01-01", "D")
COLOR_USED, COLOR_EXCLUDED, COLOR_OUTLIER = "#1f4e9c", "#9a9a9a", "#b03a2e"
COLOR_FIT, COLOR_FORECAST, COLOR_BAND, COLOR_LIMIT = "#1e8449", "#b9770e", "#7d3c98", "#4d4d4d"


class DcaDisplay:
    """What the tab shows of the current fit and curve, in display units: rates and
    volumes converted, parameters and key figures as text, plot x values, the fitted curve
    and the P-band envelope. The state it reads is
    :class:`~hmi.components.engineering.dca.model.DcaModel`'s."""

    units: UnitsModel
    tr: Translate
    forecast_options: ForecastOptions
    outcome: FitOutcome | None
    curve: Curve | None
    bands: dca.PBands | None

    def basis_rate(self) -> FloatArray:
        """The history's rate on the fit's basis (producing-day = calendar / uptime)."""
        assert self.outcome is not None
        h = self.outcome.subject.history
        if self.outcome.result.rate_basis == "producing" and h.uptime is not None:
            with np.errstate(divide="ignore", invalid="ignore"):
                return np.where(h.uptime > 0, h.rate / h.uptime, np.nan)
        return h.rate.copy()

    # -- display helpers ---------------------------------------------------------------

    @property
    def rate_unit(self) -> str:
        return self.units.units("bbl/d")

    @property
    def volume_unit(self) -> str:
        return self.units.units("bbl")

    def q(self, v: float) -> float:
        """bbl/d → display rate."""
        return self.units.convert(v, "bbl/d")

    def vol(self, v: float) -> float:
        return self.units.convert(v, "bbl")

    def unit_text(self, spec: ParamSpec) -> str:
        """The unit of ``spec`` as shown: the rate unit, or its own (translated)."""
        if spec.unit == "rate":
            return self.rate_unit
        return {"%/yr": self.tr("%/yr"), "d": self.tr("d")}.get(spec.unit, spec.unit)

    def param_text(self, spec: ParamSpec, value: float) -> str:
        unit = self.unit_text(spec)
        shown = self.q(value) if spec.unit == "rate" else spec.to_display(value)
        return f"{fmt(shown)} {unit}".strip()

    def key_results(self) -> list[tuple[str, str]]:
        """Forecast figures, label → formatted value with units."""
        if self.curve is None or self.outcome is None:
            return []
        tr, fc, vu = self.tr, self.curve.forecast, self.volume_unit
        o = self.outcome
        reasons = {"economic_limit": tr("economic limit"), "end_date": tr("end date"),
                   "max_years": tr("forecast length"), "below_limit": tr("already below limit")}
        out = [
            (tr("Cumulative to date"), f"{fmt(self.vol(fc.cum_to_date))} {vu}"),
            (tr("Remaining reserves"), f"{fmt(self.vol(fc.remaining))} {vu}"),
            (tr("EUR"), f"{fmt(self.vol(fc.eur))} {vu}"),
            (tr("Rate at end of history (curve)"),
             f"{fmt(self.q(float(self.curve.model.rate(fc.start - o.result.origin))))} "
             f"{self.rate_unit}"),
            (tr("Forecast end"), f"{self.day_text(fc.end)} ({reasons[fc.end_reason]})"),
            (tr("Forecast length"), f"{fmt(fc.years, 3)} {tr('years')}"),
        ]
        if o.result.rate_basis == "producing":
            out.append((tr("Forecast uptime"), f"{fmt(fc.uptime * 100, 3)} %"))
        return out

    def param_items(self) -> list[tuple[str, str]]:
        if self.curve is None or self.outcome is None:
            return []
        tr, m = self.tr, self.curve.model
        specs = param_specs(self.outcome.options.model, tr)
        p = m.params
        items = [(s.label, self.param_text(s, p[s.name])) for s in specs]
        items.insert(0, (tr("Time zero of the curve (qi)"), self.day_text(
            self.outcome.result.origin)))
        if "di" in p:
            b = p.get("b", 1.0 if isinstance(m, dca.Harmonic) else 0.0)
            de = float(dca.secant_from_nominal(p["di"], b)) * 100
            items.insert(3, (tr("Initial decline Di, effective (secant)"),
                             f"{fmt(de)} {tr('%/yr')}"))
        t_now = self.curve.forecast.start - self.outcome.result.origin
        items.append((tr("Current decline (nominal)"),
                      f"{fmt(float(m.decline(t_now)) * 100)} {tr('%/yr')}"))
        if isinstance(m, dca.ModifiedHyperbolic) and math.isfinite(m.switch_time):
            items.append((tr("Switch to terminal decline"), self.day_text(
                self.outcome.result.origin + m.switch_time)))
        return items

    def stats_items(self) -> list[tuple[str, str]]:
        if self.outcome is None or self.curve is None:
            return []
        tr, s = self.tr, self.outcome.result.stats
        items = [(tr("Points used"), str(s.n_used))]
        items += [(tr("Excluded: %1").replace("%1", reason_label(dca.Exclusion[k.upper()], tr)),
                   str(n)) for k, n in s.excluded.items() if n]
        items += [
            (tr("RMSE of ln q (fit)"), fmt(s.rmse_log, 3)),
            (tr("Robust σ of ln q"), fmt(s.sigma_log, 3)),
            (tr("R² of ln q"), fmt(s.r2_log, 4)),
        ]
        if self.curve.edited:
            items.append((tr("RMSE of ln q (edited curve)"), fmt(self.curve.rmse_log, 3)))
        return items

    def bands_items(self) -> list[tuple[str, str]]:
        b, vu, tr = self.bands, self.volume_unit, self.tr
        if b is None:
            return []
        return [
            (tr("EUR P90 (low)"), f"{fmt(self.vol(b.eur_p90))} {vu}"),
            (tr("EUR P50"), f"{fmt(self.vol(b.eur_p50))} {vu}"),
            (tr("EUR P10 (high)"), f"{fmt(self.vol(b.eur_p10))} {vu}"),
            (tr("Remaining P90 / P50 / P10"),
             " / ".join(fmt(self.vol(v)) for v in (b.remaining_p90, b.remaining_p50,
                                                    b.remaining_p10)) + f" {vu}"),
            (tr("Bootstrap replicates"), f"{b.eur_samples.size} ({b.n_failed} "
                                         f"{tr('failed')})"),
        ]

    def day_text(self, day: float) -> str:
        """A history-axis day as a date (dated) or as months since time zero (type well)."""
        assert self.outcome is not None
        h = self.outcome.subject.history
        if h.epoch is None:
            return f"{tr_month(self.tr)} {fmt(day / dca.DAYS_PER_MONTH, 3)}"
        return str(h.epoch + np.timedelta64(round(day), "D"))

    def x_of(self, days: FloatArray) -> FloatArray:
        """Plot x of history-axis days: days since 1970 (dated) or months (type well)."""
        assert self.outcome is not None
        h = self.outcome.subject.history
        if h.epoch is None:
            return np.asarray(days, dtype=np.float64) / dca.DAYS_PER_MONTH
        offset = float((h.epoch - EPOCH) / np.timedelta64(1, "D"))
        return np.asarray(days, dtype=np.float64) + offset

    def fit_days(self) -> FloatArray:
        """History-axis days where the fitted curve is drawn: window start to history end."""
        assert self.outcome is not None
        r = self.outcome.result
        h = self.outcome.subject.history
        t0 = max(r.origin, float(h.days[0]))
        if isinstance(self.curve.model if self.curve else r.model, dca.Duong):
            t0 = max(t0, r.origin + 1.0)  # Duong's rate is 0 at t = 0
        return np.linspace(t0, h.end, 300)

    def band_curves(self) -> tuple[FloatArray, FloatArray, FloatArray] | None:
        """(days, P90 rate, P10 rate) on the fit's basis, cut below the economic limit (past
        it a replicate has stopped; the envelope would plunge to zero)."""
        if self.bands is None or self.curve is None or self.curve.edited:
            return None
        b, up = self.bands, self.curve.forecast.uptime
        floor = self.forecast_options.q_limit
        if self.outcome is not None:
            floor = self.outcome.forecast_options.q_limit

        def cut(rate: FloatArray) -> FloatArray:
            return np.where(rate >= floor * 0.999, rate / up, np.nan)

        return b.days, cut(b.rate_p90), cut(b.rate_p10)
