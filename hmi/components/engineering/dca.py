"""Decline curve analysis, Qt-free: which wells, how to fit them, the fit, the hand-edited
curve, the forecast, EUR and P-bands, and the report.

Data flow: :meth:`DcaModel.load_wells` and :meth:`DcaModel.load_history` read the edge's daily
production (``ApiClient.production_wells`` / ``daily_production``); :meth:`DcaModel.subject`
turns the selected wells into one :class:`~domain.engineering.dca.ProductionHistory` (one well,
a group as the sum of its rates, or a type well on a common clock); :func:`run_fit` (worker
thread) fits and forecasts it; :meth:`DcaModel.apply_fit` makes it current. The engineer may
then edit the parameters by hand (:meth:`DcaModel.set_param`, :meth:`DcaModel.drag_rate`):
the forecast is recomputed at once (closed-form volumes, well under a millisecond) and the
report says the curve was edited. :func:`run_bands` (worker) bootstraps P90/P50/P10.

Rates and volumes are kept in bbl/d and bbl (what the edge serves); ``units`` converts them
for display and for the report only.

Rates from the edge: ``oil_bbl`` of a producing day is the *calendar-day* rate (volume per
calendar day); ``hours_on / 24`` is the uptime, so the producing-day rate is
``oil_bbl / uptime`` (the domain's ``rate_basis="producing"``), which is what the edge's
documentation recommends fitting: downtime then does not read as decline.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from scipy.optimize import brentq

from domain.engineering import dca
from domain.engineering.dca.forecast import make_forecast
from hmi.api.types import ProductionWell, WellDaily
from hmi.components.events import Event
from hmi.components.units import UnitsModel
from hmi.reports import Chart, KeyValues, Note, Report, Series, Table

FloatArray = npt.NDArray[np.float64]
Mode = Literal["single", "group", "type_well"]
Translate = Callable[[str], str]
#: what a worker function reports to (``jobs.Progress``: raises ``Cancelled`` after a cancel)
ProgressFn = Callable[[float, str], None]
EPOCH = np.datetime64("1970-01-01", "D")
COLOR_USED, COLOR_EXCLUDED, COLOR_OUTLIER = "#1f4e9c", "#9a9a9a", "#b03a2e"
COLOR_FIT, COLOR_FORECAST, COLOR_BAND, COLOR_LIMIT = "#1e8449", "#b9770e", "#7d3c98", "#4d4d4d"

#: the models of :func:`domain.engineering.dca.fit`, in the order offered
MODELS: tuple[str, ...] = ("exponential", "hyperbolic", "harmonic", "modified_hyperbolic",
                           "duong", "stretched_exponential")


def _identity(text: str) -> str:
    return text


def model_label(name: str, tr: Translate = _identity) -> str:
    return {
        "exponential": tr("Exponential (Arps, b = 0)"),
        "hyperbolic": tr("Hyperbolic (Arps)"),
        "harmonic": tr("Harmonic (Arps, b = 1)"),
        "modified_hyperbolic": tr("Modified hyperbolic (terminal decline)"),
        "duong": tr("Duong (fractured shale)"),
        "stretched_exponential": tr("Stretched exponential (SEPD)"),
    }.get(name, name)


def reason_label(code: int, tr: Translate = _identity) -> str:
    return {
        dca.Exclusion.USED: tr("used"),
        dca.Exclusion.OUTSIDE_WINDOW: tr("outside the fit window"),
        dca.Exclusion.MISSING: tr("missing"),
        dca.Exclusion.NEGATIVE: tr("negative rate"),
        dca.Exclusion.SHUT_IN: tr("shut in"),
        dca.Exclusion.LOW_UPTIME: tr("low uptime"),
        dca.Exclusion.OUTLIER: tr("outlier"),
    }.get(dca.Exclusion(code), str(code))


# -- numbers -------------------------------------------------------------------------------


def fmt(v: float | None, sig: int = 4) -> str:
    """``sig`` significant digits, thousands grouped, no exponent for field-sized numbers."""
    if v is None or not math.isfinite(v):
        return "—"
    if v == 0:
        return "0"
    a = abs(v)
    if a >= 1e9 or a < 1e-4:
        return f"{v:.{sig - 1}e}"
    digits = max(0, sig - 1 - math.floor(math.log10(a)))
    return f"{v:,.{digits}f}"


# -- parameters as the engineer sees them ------------------------------------------------------


@dataclass(frozen=True)
class ParamSpec:
    """How one model parameter is shown and edited: ``display = to_display(value)``."""

    name: str
    label: str
    unit: str  # "rate" = the rate unit (bbl/d or m³/d), else the literal unit text
    minimum: float  # in display units
    maximum: float
    decimals: int
    tooltip: str
    scale: float = 1.0  # display = value * scale (rate conversions are applied on top)
    effective: bool = False  # shown as a tangent effective %/yr (display only)

    def to_display(self, v: float) -> float:
        if self.effective:
            return float(dca.tangent_from_nominal(v)) * 100.0
        return v * self.scale

    def from_display(self, v: float) -> float:
        if self.effective:
            return float(dca.nominal_from_tangent(min(v, 99.999) / 100.0))
        return v / self.scale


def param_specs(model: str, tr: Translate = _identity) -> list[ParamSpec]:
    """The editable parameters of ``model`` (names as in the domain model's fields)."""
    qi = ParamSpec("qi", tr("Initial rate qi"), "rate", 0.001, 1e7, 2,
                   tr("Rate at the start of the fit window (time zero of the curve)"))
    di = ParamSpec("di", tr("Initial decline Di, nominal"), "%/yr", 0.01, 10000.0, 2,
                   tr("Initial nominal decline -d ln q/dt, percent per year"), scale=100.0)
    b = ParamSpec("b", tr("Arps exponent b"), "", 0.0, 5.0, 3,
                  tr("Hyperbolic exponent: 0 exponential, 1 harmonic, >1 transient flow"))
    if model in ("exponential", "harmonic"):
        return [qi, di]
    if model == "hyperbolic":
        return [qi, di, b]
    if model == "modified_hyperbolic":
        dlim = ParamSpec("dlim", tr("Terminal decline, effective"), "%/yr", 0.0, 99.0, 2,
                         tr("Effective yearly decline where the curve turns exponential"),
                         effective=True)
        return [qi, di, b, dlim]
    if model == "duong":
        return [ParamSpec("q1", tr("Rate at day 1, q1"), "rate", 0.001, 1e7, 2,
                          tr("Duong's rate at day 1 of the curve")),
                ParamSpec("a", tr("Duong a"), "1/d^(1-m)", 0.0001, 100.0, 4,
                          tr("Intercept of log(q/N) vs log t (day-based)")),
                ParamSpec("m", tr("Duong m"), "", 1.0001, 5.0, 4,
                          tr("Slope of log(q/N) vs log t; must be > 1"))]
    return [qi, ParamSpec("tau", tr("Characteristic time τ"), "d", 0.01, 1e7, 1,
                          tr("SEPD characteristic time, days")),
            ParamSpec("n", tr("Exponent n"), "", 0.01, 1.0, 4,
                      tr("SEPD exponent, 0 < n <= 1 (1 = exponential)"))]


def build_model(kind: type[dca.DeclineModel], params: dict[str, float]) -> dca.DeclineModel:
    """A decline model of class ``kind`` with ``params`` (raises ``ValueError`` if invalid)."""
    return kind(**params)


# -- inputs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FitOptions:
    model: str = "modified_hyperbolic"
    start: date | None = None  # fit window (inclusive); None = from the first record
    end: date | None = None
    from_peak: bool = True
    rate_basis: Literal["calendar", "producing"] = "producing"
    exclude_outliers: bool = True
    outlier_sigma: float = 3.5
    min_uptime: float = 0.5
    terminal_decline: float = 0.08  # effective per year, modified hyperbolic only
    b_min: float = 0.0
    b_max: float = 2.0
    align: Literal["peak", "first_production"] = "peak"  # type well
    statistic: Literal["p50", "mean"] = "p50"  # type well

    def validate(self, tr: Translate = _identity) -> None:
        if self.model not in MODELS:
            raise ValueError(tr("Model: unknown model %1").replace("%1", self.model))
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError(tr("Fit window: the end date must be after the start date"))
        if not (0.0 <= self.b_min < self.b_max <= 10.0):
            raise ValueError(tr("b bounds: the minimum must be below the maximum (0 to 10)"))
        if not (0.0 < self.terminal_decline < 1.0):
            raise ValueError(tr("Terminal decline: must be between 0 and 100 %/yr"))
        if self.exclude_outliers and not self.outlier_sigma > 0:
            raise ValueError(tr("Outlier cut-off: must be > 0 standard deviations"))
        if not (0.0 <= self.min_uptime <= 1.0):
            raise ValueError(tr("Minimum uptime: must be between 0 and 100 %"))


@dataclass(frozen=True)
class ForecastOptions:
    q_limit: float = 10.0  # economic limit, calendar-day rate, bbl/d
    end: date | None = None  # forecast end date (dated histories)
    max_years: float = 50.0
    bands_n: int = 400  # bootstrap replicates

    def validate(self, tr: Translate = _identity) -> None:
        if not (math.isfinite(self.q_limit) and self.q_limit >= 0):
            raise ValueError(tr("Economic limit: must be a rate >= 0"))
        if not (0 < self.max_years <= 100):
            raise ValueError(tr("Forecast length: must be between 0 and 100 years"))
        if not (20 <= self.bands_n <= 10000):
            raise ValueError(tr("P-band replicates: must be between 20 and 10000"))


# -- histories -----------------------------------------------------------------------------


def _floats(values: Sequence[float | None]) -> FloatArray:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)


def well_history(daily: WellDaily) -> dca.ProductionHistory:
    """One well's daily records as a history: calendar-day oil rate (bbl/d) and uptime
    (hours on / 24, clipped to 1 for the 25-hour day; NaN where unknown)."""
    if len(daily) == 0:
        raise ValueError(f"{daily.well}: no daily production on the edge")
    time = np.array([d.isoformat() for d in daily.day], dtype="datetime64[D]")
    rate = _floats(daily.oil_bbl)
    hours = _floats(daily.hours_on)
    uptime = None if np.all(np.isnan(hours)) else np.clip(hours / 24.0, 0.0, 1.0)
    return dca.ProductionHistory(time, rate, uptime)


def group_history(dailies: Sequence[WellDaily]) -> dca.ProductionHistory:
    """The sum of the wells' calendar-day rates per day; uptime = mean of the wells reporting
    that day (days where no well reports have no record)."""
    per_day: dict[date, list[tuple[float, float]]] = {}
    for d in dailies:
        for day, oil, hours in zip(d.day, d.oil_bbl, d.hours_on, strict=True):
            per_day.setdefault(day, []).append(
                (np.nan if oil is None else float(oil),
                 np.nan if hours is None else min(max(float(hours) / 24.0, 0.0), 1.0)))
    if not per_day:
        raise ValueError("the selected wells have no daily production on the edge")
    days = sorted(per_day)
    rate = np.array([np.nansum([o for o, _ in per_day[d]]) if any(
        math.isfinite(o) for o, _ in per_day[d]) else np.nan for d in days])
    up = np.array([np.nanmean([u for _, u in per_day[d]]) if any(
        math.isfinite(u) for _, u in per_day[d]) else np.nan for d in days])
    time = np.array([d.isoformat() for d in days], dtype="datetime64[D]")
    return dca.ProductionHistory(time, rate, None if np.all(np.isnan(up)) else up)


@dataclass(frozen=True, eq=False)
class Subject:
    """What is being fitted: one well, a group of wells, or a type well."""

    kind: Mode
    wells: tuple[str, ...]
    history: dca.ProductionHistory
    type_well: dca.TypeWell | None = None

    @property
    def dated(self) -> bool:
        return self.history.epoch is not None

    def name(self, tr: Translate = _identity) -> str:
        if self.kind == "single":
            return self.wells[0]
        listed = ", ".join(self.wells[:6]) + (" …" if len(self.wells) > 6 else "")
        if self.kind == "group":
            return tr("Group of %1 wells (sum of rates): %2").replace(
                "%1", str(len(self.wells))).replace("%2", listed)
        return tr("Type well of %1 wells: %2").replace("%1", str(len(self.wells))).replace(
            "%2", listed)


def make_subject(dailies: Sequence[WellDaily], mode: Mode,
                 options: FitOptions = FitOptions()) -> Subject:
    """One well's history, the group sum, or the type well of ``dailies``."""
    if not dailies:
        raise ValueError("pick at least one well")
    wells = tuple(d.well for d in dailies)
    empty = [d.well for d in dailies if len(d) == 0]
    if empty:
        raise ValueError(f"no daily production on the edge for: {', '.join(empty)}")
    if len(dailies) == 1 or mode == "single":
        return Subject("single", wells[:1], well_history(dailies[0]))
    if mode == "group":
        return Subject("group", wells, group_history(dailies))
    tw = dca.type_well([well_history(d) for d in dailies], align=options.align,
                       statistic=options.statistic)
    return Subject("type_well", wells, tw.history(1), tw)


# -- results -------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class FitOutcome:
    """A fit and its forecast, as the worker hands them back."""

    subject: Subject
    options: FitOptions
    forecast_options: ForecastOptions
    result: dca.FitResult
    forecast: dca.Forecast


def _as_day(subject: Subject, when: date | None) -> np.datetime64 | None:
    if when is None or not subject.dated:
        return None
    return np.datetime64(when.isoformat(), "D")


def fit_subject(subject: Subject, options: FitOptions) -> dca.FitResult:
    return dca.fit(
        subject.history, options.model,  # type: ignore[arg-type]
        start=_as_day(subject, options.start), end=_as_day(subject, options.end),
        from_peak=options.from_peak, rate_basis=options.rate_basis,
        min_uptime=options.min_uptime,
        outlier_sigma=options.outlier_sigma if options.exclude_outliers else None,
        terminal_decline=options.terminal_decline, b_bounds=(options.b_min, options.b_max))


def forecast_uptime(result: dca.FitResult) -> float:
    """What scales the fitted (basis) rate to calendar days, as :meth:`FitResult.forecast`."""
    return result.window_uptime if result.rate_basis == "producing" else 1.0


def make_curve_forecast(result: dca.FitResult, curve: dca.DeclineModel, subject: Subject,
                        fo: ForecastOptions) -> dca.Forecast:
    """The forecast of ``curve`` (the fit's model or a hand-edited one) on the fit's clock."""
    return make_forecast(curve, result.origin, subject.history, q_limit=fo.q_limit or None,
                         end=_as_day(subject, fo.end), max_years=fo.max_years,
                         uptime=forecast_uptime(result))


def run_fit(progress: ProgressFn, dailies: Sequence[WellDaily], mode: Mode, options: FitOptions,
            fo: ForecastOptions) -> FitOutcome:
    """Worker: build the subject, fit it and forecast it."""
    progress(0.1, "")
    subject = make_subject(dailies, mode, options)
    progress(0.3, "")
    result = fit_subject(subject, options)
    progress(0.8, "")
    forecast = make_curve_forecast(result, result.model, subject, fo)
    return FitOutcome(subject, options, fo, result, forecast)


def run_bands(progress: ProgressFn, outcome: FitOutcome, n: int, text: str = "",
              seed: int = 0, batch: int = 50) -> dca.PBands:
    """Worker: P90/P50/P10 by the domain's block bootstrap, in batches of ``batch``
    replicates (seeds ``seed``, ``seed + 1``, ...) so that progress is reported and a cancel
    stops it within a batch. EUR and remaining percentiles are taken over all replicates
    (exact); the rate bands are the replicate-weighted mean of the batches' percentile curves
    (a batch's percentiles are those of its ``batch`` replicates)."""
    result, fo, subject = outcome.result, outcome.forecast_options, outcome.subject
    batches = max(1, n // batch)
    sizes = [n // batches + (1 if i < n % batches else 0) for i in range(batches)]
    parts: list[dca.PBands] = []
    done = 0
    for k, size in enumerate(sizes):
        progress(k / batches, text.replace("%1", str(done)).replace("%2", str(n)))
        parts.append(result.p_bands(n=size, seed=seed + k, q_limit=fo.q_limit or None,
                                    end=_as_day(subject, fo.end), max_years=fo.max_years))
        done += size
    progress(1.0, text.replace("%1", str(done)).replace("%2", str(n)))
    return combine_bands(parts, cum_to_date=outcome.forecast.cum_to_date, seed=seed)


def combine_bands(parts: Sequence[dca.PBands], *, cum_to_date: float, seed: int) -> dca.PBands:
    """Pool bootstrap batches (see :func:`run_bands`)."""
    if len(parts) == 1:
        return parts[0]
    eur = np.concatenate([p.eur_samples for p in parts])
    rem = eur - cum_to_date
    longest = max(parts, key=lambda p: p.days[-1])
    days = longest.days
    weights = np.array([p.eur_samples.size for p in parts], dtype=np.float64)

    def mean_curve(attr: str) -> FloatArray:
        curves = [np.interp(days, p.days, getattr(p, attr), right=0.0) for p in parts]
        return np.asarray(np.average(np.stack(curves), axis=0, weights=weights))

    r90, r50, r10 = np.percentile(rem, [10.0, 50.0, 90.0])
    return dca.PBands(
        eur_p90=cum_to_date + float(r90), eur_p50=cum_to_date + float(r50),
        eur_p10=cum_to_date + float(r10), remaining_p90=float(r90),
        remaining_p50=float(r50), remaining_p10=float(r10), days=days, dates=longest.dates,
        rate_p90=mean_curve("rate_p90"), rate_p50=mean_curve("rate_p50"),
        rate_p10=mean_curve("rate_p10"), eur_samples=eur,
        n_failed=sum(p.n_failed for p in parts), seed=seed)


def _series(name: str, x: npt.ArrayLike, y: npt.ArrayLike, style: Literal[
        "line", "dash", "points"], color: str) -> Series:
    return Series(name, np.asarray(x, dtype=np.float64).tolist(),
                  np.asarray(y, dtype=np.float64).tolist(), style, color)


# -- the model -----------------------------------------------------------------------------


@dataclass
class Curve:
    """The curve on screen: the fit's model, or a hand-edited one, and its forecast."""

    model: dca.DeclineModel
    forecast: dca.Forecast
    edited: bool = False
    rmse_log: float = math.nan  # of the used points against this curve


class DcaModel:
    """State of the decline-curve tab. Events: ``wells_changed()``, ``history_changed()``,
    ``fit_changed()`` (a new fit), ``curve_changed()`` (a new fit or a hand edit),
    ``bands_changed()``."""

    def __init__(self, units: UnitsModel | None = None, tr: Translate = _identity) -> None:
        self.units = units or UnitsModel()
        self.tr = tr
        self.wells: list[ProductionWell] = []
        self.daily: dict[str, WellDaily] = {}  # the selected wells' history, in order
        self.mode: Mode = "group"
        self.options = FitOptions()
        self.forecast_options = ForecastOptions()
        self.outcome: FitOutcome | None = None
        self.curve: Curve | None = None
        self.bands: dca.PBands | None = None
        self.wells_changed = Event()
        self.history_changed = Event()
        self.fit_changed = Event()
        self.curve_changed = Event()
        self.bands_changed = Event()

    # -- loading -----------------------------------------------------------------------

    async def load_wells(self, client: Any) -> list[ProductionWell]:
        """The wells with daily history on the edge, largest cumulative oil first."""
        wells = await client.production_wells()
        self.wells = sorted(wells, key=lambda w: (-w.cum_oil_bbl, w.well))
        self.wells_changed.emit()
        return self.wells

    async def load_history(self, client: Any, wells: Sequence[str]) -> dict[str, WellDaily]:
        """Daily production of ``wells`` over their whole span (one request per 20 years)."""
        names = list(dict.fromkeys(wells))
        if not names:
            raise ValueError(self.tr("Pick at least one well"))
        known = {w.well: w for w in self.wells}
        spans = [known[n] for n in names if n in known]
        start = min((w.first_day for w in spans), default=date(1970, 1, 1))
        end = max((w.last_day for w in spans), default=date.today()) + timedelta(days=1)
        got = await client.daily_production(names, start, end)
        self.set_history([got.get(n, WellDaily(n)) for n in names])
        return self.daily

    def set_history(self, dailies: Sequence[WellDaily]) -> None:
        self.daily = {d.well: d for d in dailies}
        self.clear_fit()
        self.history_changed.emit()

    def clear_fit(self) -> None:
        self.outcome = None
        self.curve = None
        self.bands = None
        self.fit_changed.emit()
        self.curve_changed.emit()
        self.bands_changed.emit()

    # -- fitting -----------------------------------------------------------------------

    @property
    def effective_mode(self) -> Mode:
        return "single" if len(self.daily) <= 1 else self.mode

    def fit_job(self) -> tuple[Callable[..., FitOutcome], tuple[Any, ...]]:
        """(work, args) for the runner; validates the inputs first (``ValueError``)."""
        if not self.daily:
            raise ValueError(self.tr("Pick one or more wells first"))
        self.options.validate(self.tr)
        self.forecast_options.validate(self.tr)
        return run_fit, (list(self.daily.values()), self.effective_mode, self.options,
                         self.forecast_options)

    def apply_fit(self, outcome: FitOutcome) -> None:
        self.outcome = outcome
        self.bands = None
        self.curve = Curve(outcome.result.model, outcome.forecast, False,
                           outcome.result.stats.rmse_log)
        self.fit_changed.emit()
        self.curve_changed.emit()
        self.bands_changed.emit()

    def set_forecast_options(self, fo: ForecastOptions) -> None:
        """A new economic limit or end: the forecast follows at once (no refit needed)."""
        fo.validate(self.tr)
        self.forecast_options = fo
        if self.outcome is not None and self.curve is not None:
            self.outcome = replace(self.outcome, forecast_options=fo,
                                   forecast=make_curve_forecast(
                                       self.outcome.result, self.outcome.result.model,
                                       self.outcome.subject, fo))
            self._set_curve(self.curve.model, self.curve.edited)
            self.bands = None
            self.bands_changed.emit()

    # -- hand edits --------------------------------------------------------------------

    @property
    def params(self) -> dict[str, float]:
        return dict(self.curve.model.params) if self.curve else {}

    def set_param(self, name: str, value: float) -> None:
        """Replace one parameter of the curve (raises ``ValueError`` naming the problem)."""
        if self.curve is None:
            raise ValueError(self.tr("Fit a decline first"))
        params = {**self.curve.model.params, name: float(value)}
        if name == "di" and "dlim" in params:  # keep the terminal decline valid
            params["dlim"] = min(params["dlim"], params["di"])
        self.set_params(params)

    def set_params(self, params: dict[str, float]) -> None:
        if self.curve is None:
            raise ValueError(self.tr("Fit a decline first"))
        model = build_model(type(self.curve.model), params)
        self._set_curve(model, True)

    def reset_params(self) -> None:
        """Back to the fitted parameters."""
        if self.outcome is not None:
            self._set_curve(self.outcome.result.model, False)

    def _set_curve(self, model: dca.DeclineModel, edited: bool) -> None:
        assert self.outcome is not None
        o = self.outcome
        fc = o.forecast if not edited and model is o.result.model else make_curve_forecast(
            o.result, model, o.subject, o.forecast_options)
        self.curve = Curve(model, fc, edited, self.rmse_of(model))
        self.curve_changed.emit()

    def rmse_of(self, model: dca.DeclineModel) -> float:
        """Root mean square of ln(q_obs/q_curve) over the points the fit used."""
        if self.outcome is None:
            return math.nan
        r = self.outcome.result
        h = r.history
        used = r.used
        rate = self.basis_rate()[used]
        t = h.days[used] + 0.5 * h.period[used] - r.origin
        with np.errstate(divide="ignore", invalid="ignore"):
            res = np.log(rate / model.rate(t))
        res = res[np.isfinite(res)]
        return float(np.sqrt(np.mean(res * res))) if res.size else math.nan

    def basis_rate(self) -> FloatArray:
        """The history's rate on the fit's basis (producing-day = calendar / uptime)."""
        assert self.outcome is not None
        h = self.outcome.subject.history
        if self.outcome.result.rate_basis == "producing" and h.uptime is not None:
            with np.errstate(divide="ignore", invalid="ignore"):
                return np.where(h.uptime > 0, h.rate / h.uptime, np.nan)
        return h.rate.copy()

    def drag_rate(self, name: str, t_model: float, q: float) -> None:
        """Set parameter ``name`` so that the curve passes through rate ``q`` (fit basis,
        bbl/d) at model time ``t_model`` days: what dragging a handle on the plot does.
        ``qi``/``q1`` scale the curve; ``di``/``tau`` bend it (solved with Brent's method)."""
        if self.curve is None or not (q > 0 and math.isfinite(q)):
            return
        m = self.curve.model
        params = dict(m.params)
        if name in ("qi", "q1"):
            params[name] = params[name] * q / float(m.rate(max(t_model, 1e-9)))
            self.set_params(params)
            return
        lo, hi = (params.get("dlim", 0.0) + 1e-6, 1e4) if name == "di" else (1e-3, 1e8)

        def f(log_p: float) -> float:
            trial = build_model(type(m), {**params, name: math.exp(log_p)})
            rate = float(trial.rate(t_model))
            return (math.log(rate) if rate > 0 else -745.0) - math.log(q)  # 0: underflow

        a, b = math.log(lo), math.log(hi)
        fa, fb = f(a), f(b)
        if fa * fb > 0:  # out of reach: go to the nearer end
            best = a if abs(fa) < abs(fb) else b
        else:
            best = float(brentq(f, a, b, xtol=1e-10))
        params[name] = math.exp(best)
        self.set_params(params)

    # -- P-bands -----------------------------------------------------------------------

    def bands_job(self) -> tuple[Callable[..., dca.PBands], tuple[Any, ...]]:
        if self.outcome is None:
            raise ValueError(self.tr("Fit a decline first"))
        self.forecast_options.validate(self.tr)
        return run_bands, (self.outcome, self.forecast_options.bands_n,
                           self.tr("Bootstrap: %1 of %2 refits"))

    def apply_bands(self, bands: dca.PBands) -> None:
        self.bands = bands
        self.bands_changed.emit()

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


def tr_month(tr: Translate) -> str:
    return tr("month")


__all__ = ["MODELS", "Curve", "DcaModel", "FitOptions", "FitOutcome", "ForecastOptions",
           "ParamSpec", "Subject", "combine_bands", "fit_subject", "fmt",
           "group_history", "make_subject", "model_label", "param_specs", "run_bands",
           "run_fit", "well_history"]
