"""Decline curve analysis: models, robust fitting, forecasts, EUR, P-bands and type wells.

Units: rates in volume/day (bbl/d, Mscf/d, m³/d: consistent in, consistent out), time in
days, declines **nominal per year** unless a name says "effective" (a year is 365.25 days).
Dates are ``numpy.datetime64`` arrays or elapsed days.

The public API::

    history = ProductionHistory(time, rate, uptime=None)      # dates or days; calendar-day rate
    result = fit(history, model="modified_hyperbolic", *, start=None, end=None,
                 from_peak=False, rate_basis="calendar", min_uptime=0.5, outlier_sigma=3.5,
                 loss="soft_l1", terminal_decline=0.08, b_bounds=(0.0, 2.0), min_points=6)
    result.model, result.params, result.stats, result.used, result.reason   # Exclusion codes
    fc = result.forecast(*, q_limit=None, end=None, max_years=50, step_days=30.4375,
                         uptime=None, cum_to_date=None)     # -> Forecast
    fc.eur, fc.remaining, fc.days, fc.dates, fc.rate, fc.cumulative, fc.end_reason
    bands = result.p_bands(*, n=200, seed=0, q_limit=..., end=..., block_days=30)  # -> PBands
    bands.eur_p90 (LOW case), bands.eur_p50, bands.eur_p10 (HIGH case), bands.rate_p90, ...
    tw = type_well(histories, *, align="peak", normalise_by=None, normalise_to=1.0,
                   statistic="p50")                          # -> TypeWell (month, rate, well_count)
    tw.fit(model, *, min_wells=1, **fit_options)             # -> FitResult

Models (all vectorised over ``t`` in days: ``rate``, ``cum``, ``decline`` (1/yr), ``b_factor``,
``time_to_rate``, ``eur``): :class:`Exponential`, :class:`Harmonic`, :class:`Hyperbolic`
(Arps 1945), :class:`ModifiedHyperbolic` (Robertson 1988, SPE-18731), :class:`Duong` (Duong
2011, SPE-137748), :class:`StretchedExponential` (Valkó 2009, SPE-119369; Valkó & Lee 2010).
Decline conversions (nominal, tangent and secant effective; per year and per day) are in
:mod:`.conversions`.

Reserves convention: P90 is the low estimate and P10 the high one (SPE-PRMS).
"""

from .conversions import (
    DAYS_PER_MONTH,
    DAYS_PER_YEAR,
    effective_per_day,
    effective_per_year,
    nominal_from_secant,
    nominal_from_tangent,
    nominal_per_day,
    nominal_per_year,
    secant_from_nominal,
    tangent_from_nominal,
)
from .fitting import FitResult, FitStats, fit
from .forecast import Forecast
from .history import Exclusion, ProductionHistory
from .models import (
    DeclineModel,
    Duong,
    Exponential,
    Harmonic,
    Hyperbolic,
    ModifiedHyperbolic,
    StretchedExponential,
)
from .type_well import TypeWell, type_well
from .uncertainty import PBands

__all__ = [
    "DAYS_PER_MONTH",
    "DAYS_PER_YEAR",
    "DeclineModel",
    "Duong",
    "Exclusion",
    "Exponential",
    "FitResult",
    "FitStats",
    "Forecast",
    "Harmonic",
    "Hyperbolic",
    "ModifiedHyperbolic",
    "PBands",
    "ProductionHistory",
    "StretchedExponential",
    "TypeWell",
    "effective_per_day",
    "effective_per_year",
    "fit",
    "nominal_from_secant",
    "nominal_from_tangent",
    "nominal_per_day",
    "nominal_per_year",
    "secant_from_nominal",
    "tangent_from_nominal",
    "type_well",
]
