"""The background work of the tab: fitting a subject and forecasting it (:func:`run_fit`),
bootstrapping P90/P50/P10 in cancellable batches (:func:`run_bands`), and the forecast of
a hand-edited curve (:func:`make_curve_forecast`, closed form, fast enough for a drag).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from domain.engineering import dca
from domain.engineering.dca.forecast import make_forecast
from hmi.api.types import WellDaily

from .histories import FloatArray, Mode, Subject, make_subject
from .options import FitOptions, ForecastOptions

#: what a worker function reports to (``jobs.Progress``: raises ``Cancelled`` after a cancel)
ProgressFn = Callable[[float, str], None]


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


@dataclass
class Curve:
    """The curve on screen: the fit's model, or a hand-edited one, and its forecast."""

    model: dca.DeclineModel
    forecast: dca.Forecast
    edited: bool = False
    rmse_log: float = math.nan  # of the used points against this curve
