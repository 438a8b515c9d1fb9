"""Production history and the screening that decides which points a decline fit may use.

A sample's ``time`` is the **start** of the period it reports (a daily record dated 2024-03-01
covers that day; a monthly record dated 2024-03-01 covers March) and its ``rate`` is the
average over that period, volume per *calendar* day. Periods are the gaps between samples; a
gap more than 1.5× the usual spacing is taken as missing records, not as one long period, so
it adds nothing to the cumulative. Fits evaluate the model at period midpoints, where the
instantaneous rate of a smooth decline equals the period average to second order (the
difference is < 0.1 % for a daily record even at 30 %/month).

Screening reasons are kept per point (:class:`Exclusion`) so that a screen can show which
points a fit used and why the others were left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy.ndimage import median_filter

FloatArray = npt.NDArray[np.float64]
TimeLike = float | np.datetime64
RateBasis = Literal["calendar", "producing"]


class Exclusion(IntEnum):
    """Why a history point was not used in a fit (USED = it was)."""

    USED = 0
    OUTSIDE_WINDOW = 1  # before the start (or the peak) or after the end of the fit window
    MISSING = 2  # rate (or, on a producing-day basis, uptime) is NaN/inf
    NEGATIVE = 3  # negative rate: a data error, never a production figure
    SHUT_IN = 4  # zero rate: the well was not producing
    LOW_UPTIME = 5  # produced for less than ``min_uptime`` of the period: a partial day
    OUTLIER = 6  # residual beyond ``outlier_sigma`` robust standard deviations of the fit


@dataclass(frozen=True, eq=False)
class ProductionHistory:
    """Rates of one well (or one type well) over time.

    time: ``datetime64`` dates (any unit, converted to days) or elapsed days as floats; strictly
    increasing. rate: calendar-day rate of each period, volume/day (NaN = not reported).
    uptime: optional fraction of each period the well was on production, 0..1 (hours on / 24
    for daily records; days on / days in month for monthly ones).
    """

    time: npt.NDArray[np.generic]
    rate: FloatArray
    uptime: FloatArray | None = None
    days: FloatArray = field(init=False, repr=False)
    epoch: np.datetime64 | None = field(init=False, repr=False)
    period: FloatArray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        time = np.asarray(self.time)
        rate = np.asarray(self.rate, dtype=np.float64)
        if time.ndim != 1 or rate.shape != time.shape:
            raise ValueError("time and rate must be 1-D arrays of the same length")
        if time.size == 0:
            raise ValueError("the history is empty")
        if np.issubdtype(time.dtype, np.datetime64):
            if np.any(np.isnat(time)):
                raise ValueError("time has NaT entries")
            epoch: np.datetime64 | None = time[0].astype("datetime64[D]")
            days = (time - epoch) / np.timedelta64(1, "D")
            days = np.asarray(days, dtype=np.float64)
        else:
            epoch = None
            days = np.asarray(time, dtype=np.float64)
            if not np.all(np.isfinite(days)):
                raise ValueError("time has NaN/inf entries")
        if days.size > 1 and np.any(np.diff(days) <= 0):
            raise ValueError("time must be strictly increasing (sort it and drop duplicates)")
        uptime = None
        if self.uptime is not None:
            uptime = np.asarray(self.uptime, dtype=np.float64)
            if uptime.shape != time.shape:
                raise ValueError("uptime must have the same length as time")
            if np.any((uptime < 0) | (uptime > 1)):
                raise ValueError("uptime is a fraction of the period: 0..1")
        object.__setattr__(self, "time", time)
        object.__setattr__(self, "rate", rate)
        object.__setattr__(self, "uptime", uptime)
        object.__setattr__(self, "days", days)
        object.__setattr__(self, "epoch", epoch)
        object.__setattr__(self, "period", _periods(days))

    def to_days(self, when: TimeLike) -> float:
        """A date (``datetime64``) or elapsed days, as days in this history's time axis."""
        if isinstance(when, np.datetime64):
            if self.epoch is None:
                raise ValueError("this history is in elapsed days: give days, not a date")
            return float((when - self.epoch) / np.timedelta64(1, "D"))
        return float(when)

    def to_dates(self, days: FloatArray) -> npt.NDArray[np.datetime64] | None:
        """Days on this history's axis as dates (rounded to the day), if it has dates."""
        if self.epoch is None:
            return None
        return self.epoch + np.round(days).astype("timedelta64[D]")

    @property
    def end(self) -> float:
        """Day at which the last reported period ends: where a forecast starts."""
        return float(self.days[-1] + self.period[-1])

    def cumulative(self) -> float:
        """Volume produced over the reported periods (NaN and negative rates count as 0)."""
        r = np.where(np.isfinite(self.rate) & (self.rate > 0), self.rate, 0.0)
        return float(np.sum(r * self.period))


def _periods(days: FloatArray) -> FloatArray:
    """Length of each sample's period: the gap to the next sample; gaps longer than 1.5× the
    typical spacing are missing records, so such a sample gets the typical spacing."""
    if days.size == 1:
        return np.ones(1)
    gaps = np.diff(days)
    typical = float(np.median(gaps))
    period = np.append(gaps, typical)
    return np.where(period > 1.5 * typical, typical, period)


@dataclass(frozen=True)
class Screened:
    """What :func:`screen` hands to the fit: per-point reasons, fit time and rate."""

    reason: npt.NDArray[np.int8]  # Exclusion per history point
    origin: float  # history day that is the model's t = 0
    t_mid: FloatArray  # model time of every history point (period midpoint - origin)
    rate: FloatArray  # rate on the requested basis (NaN where not computable)
    window_uptime: float  # mean uptime over the fit window (1 when unknown)


def screen(
    history: ProductionHistory,
    *,
    start: TimeLike | None = None,
    end: TimeLike | None = None,
    from_peak: bool = False,
    min_uptime: float = 0.5,
    rate_basis: RateBasis = "calendar",
) -> Screened:
    """Mark the points a fit may use and convert rates to the requested basis.

    The window is ``[start, end]`` (dates or days; default: the whole history); with
    ``from_peak`` it starts at the highest rate inside that window instead (peak of a 5-point
    running median: a one- or two-day spike is not taken for the peak, and the peak moves by
    at most two records). The model's time zero is the
    window start: its ``qi`` is the rate there. ``calendar`` fits the rate as reported;
    ``producing`` divides by uptime (the rate while on production).
    """
    if rate_basis not in ("calendar", "producing"):
        raise ValueError(f"rate_basis must be 'calendar' or 'producing' (got {rate_basis!r})")
    if not 0.0 <= min_uptime <= 1.0:
        raise ValueError("min_uptime is a fraction: 0..1")
    days, rate, uptime = history.days, history.rate, history.uptime
    lo = history.to_days(start) if start is not None else -math.inf
    hi = history.to_days(end) if end is not None else math.inf
    if hi <= lo:
        raise ValueError("the fit window ends before it starts")

    reason = np.zeros(days.size, dtype=np.int8)
    up = uptime if uptime is not None else np.ones_like(rate)
    with np.errstate(invalid="ignore", divide="ignore"):
        basis_rate = rate / up if rate_basis == "producing" else rate.copy()
        bad_uptime = ~np.isfinite(up) if rate_basis == "producing" else np.zeros(days.size, bool)
        conditions = [
            (~np.isfinite(rate) | bad_uptime, Exclusion.MISSING),
            (rate < 0, Exclusion.NEGATIVE),
            ((rate == 0) | (up == 0), Exclusion.SHUT_IN),
            (up < min_uptime, Exclusion.LOW_UPTIME),
        ]
    outside = (days < lo) | (days > hi)
    reason[outside] = Exclusion.OUTSIDE_WINDOW
    for mask, why in conditions:
        reason[(reason == Exclusion.USED) & mask] = why

    if from_peak:
        ok = np.flatnonzero(reason == Exclusion.USED)
        if ok.size == 0:
            raise ValueError(_no_points_message(reason, 0, 1))
        smooth = median_filter(basis_rate[ok], size=min(5, ok.size), mode="nearest")
        peak = ok[int(np.argmax(smooth))]
        reason[(np.arange(days.size) < peak) & (reason == Exclusion.USED)] = (
            Exclusion.OUTSIDE_WINDOW
        )
        origin = float(days[peak])
    else:
        # t = 0 at the window start when one was given, else at the first usable point (the
        # first production), so that qi is not extrapolated back over pre-production records
        inside = np.flatnonzero(~outside)
        if inside.size == 0:
            raise ValueError("no history points inside the fit window")
        usable = np.flatnonzero(reason == Exclusion.USED)
        first = usable[0] if usable.size else inside[0]
        origin = lo if start is not None else float(days[first])

    window = ~outside
    window_uptime = float(np.nanmean(up[window])) if np.any(np.isfinite(up[window])) else 1.0
    t_mid = days + 0.5 * history.period - origin
    return Screened(reason, origin, t_mid, basis_rate, window_uptime)


def _no_points_message(reason: npt.NDArray[np.int8], used: int, need: int) -> str:
    counts = ", ".join(
        f"{int(np.sum(reason == why))} {why.name.lower().replace('_', ' ')}"
        for why in Exclusion
        if why != Exclusion.USED and np.any(reason == why)
    )
    return f"too few usable points to fit a decline: {used} (need >= {need})" + (
        f"; excluded: {counts}" if counts else ""
    )
