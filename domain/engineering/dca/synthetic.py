"""Noisy synthetic production histories with known answers, for tests, benchmarks and demos.

A real history is never available with its true decline, so the fitting code is checked on
made-up wells whose truth is known and whose defects are the ones field data has: metering
noise (multiplicative, optionally autocorrelated), shut-in days, partial days, missing records
and outliers (a mis-keyed ticket, a tank gauged twice). Everything is drawn from a seeded
``numpy.random.Generator``: the same seed gives the same well.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.signal import lfilter

from .history import ProductionHistory
from .models import DeclineModel

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

DEFAULT_START = np.datetime64("2020-01-01", "D")
"""First day of a synthetic history unless told otherwise."""


@dataclass(frozen=True, eq=False)
class SyntheticWell:
    """A synthetic history and what was done to it."""

    history: ProductionHistory
    true_rate: FloatArray  # the model's exact average rate of each day (producing basis)
    uptime: FloatArray  # fraction of each day on production
    shut_in: BoolArray  # days forced to zero
    partial: BoolArray  # days with uptime below 0.5
    missing: BoolArray  # days reported as NaN
    outlier: BoolArray  # days whose rate was multiplied by a gross error


def synthetic_history(
    model: DeclineModel,
    days: int = 3650,
    *,
    start: np.datetime64 | None = DEFAULT_START,
    noise: float = 0.1,
    autocorrelation: float = 0.0,
    shut_in_fraction: float = 0.02,
    partial_fraction: float = 0.01,
    missing_fraction: float = 0.002,
    outlier_fraction: float = 0.005,
    uptime_jitter: float = 0.0,
    seed: int = 0,
) -> SyntheticWell:
    """``days`` daily records of ``model`` (t = 0 at the first day) with field-like defects.

    noise: standard deviation of ln(rate) (0.1 ≈ ±10 %). autocorrelation: AR(1) coefficient of
    that noise from day to day. Rates are calendar-day rates: a partial day reports its uptime
    times the producing rate. uptime_jitter: extra downtime on ordinary days (uptime drawn from
    [1 - jitter, 1]), to exercise producing-day fits. ``start=None`` gives elapsed days.
    """
    rng = np.random.default_rng(seed)
    d = np.arange(days, dtype=np.float64)
    true_rate = np.asarray(model.cum(d + 1.0) - model.cum(d), dtype=np.float64)

    eps = rng.normal(0.0, noise, days)
    if autocorrelation:
        # AR(1) with the same marginal spread: e[i] = φ·e[i-1] + sqrt(1-φ²)·w[i], e[0] = w[0]
        scale = np.sqrt(1.0 - autocorrelation**2)
        eps[0] /= scale
        eps = lfilter([scale], [1.0, -autocorrelation], eps)
    rate = true_rate * np.exp(eps)

    uptime = 1.0 - uptime_jitter * rng.random(days)
    shut_in = rng.random(days) < shut_in_fraction
    partial = ~shut_in & (rng.random(days) < partial_fraction)
    uptime[shut_in] = 0.0
    uptime[partial] = rng.uniform(0.05, 0.45, int(partial.sum()))
    rate = rate * uptime
    outlier = ~shut_in & ~partial & (rng.random(days) < outlier_fraction)
    gross = np.where(rng.random(int(outlier.sum())) < 0.5, 3.0, 0.25)
    rate[outlier] *= gross * rng.uniform(0.9, 1.2, gross.size)
    missing = rng.random(days) < missing_fraction
    rate[missing] = np.nan

    time = start + d.astype("timedelta64[D]") if start is not None else d
    history = ProductionHistory(np.asarray(time), rate, uptime)
    return SyntheticWell(history, true_rate, uptime, shut_in, partial, missing, outlier)
