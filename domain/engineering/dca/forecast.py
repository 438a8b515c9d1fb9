"""Forecast of a fitted decline to an economic limit or an end date; EUR and remaining.

Volumes come from the model's closed-form cumulative, not from summing the plotted grid, so
the EUR does not depend on the forecast step. The forecast starts where the history ends (the
end of the last reported period) and follows the fitted curve, not the last measured rate.

``uptime`` scales a producing-day curve back to calendar days (the economic limit applies to
the calendar-day rate, which is what pays the lease operating expense).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from .conversions import DAYS_PER_MONTH, DAYS_PER_YEAR
from .history import ProductionHistory, TimeLike
from .models import DeclineModel

FloatArray = npt.NDArray[np.float64]
EndReason = Literal["economic_limit", "end_date", "max_years", "below_limit"]


@dataclass(frozen=True, eq=False)
class Forecast:
    """A forecast on the history's time axis, with its volumes.

    days: forecast times (history axis, days), from ``start`` to ``end`` inclusive.
    dates: the same as dates when the history has dates. rate: calendar-day rate there,
    volume/day. cumulative: volume produced from ``start`` to each time.
    """

    days: FloatArray
    dates: npt.NDArray[np.datetime64] | None
    rate: FloatArray
    cumulative: FloatArray
    start: float
    end: float
    end_reason: EndReason
    uptime: float
    cum_to_date: float  # volume produced before ``start``
    remaining: float  # volume from ``start`` to ``end``: the remaining reserves
    eur: float  # cum_to_date + remaining

    @property
    def years(self) -> float:
        """Length of the forecast, years."""
        return (self.end - self.start) / DAYS_PER_YEAR


def horizon(
    model: DeclineModel,
    origin: float,
    start: float,
    *,
    q_limit: float | None,
    end: float | None,
    max_years: float,
    uptime: float,
) -> tuple[float, EndReason]:
    """History-axis day where the forecast stops, and why (the earliest of the three)."""
    candidates: list[tuple[float, EndReason]] = [(start + max_years * DAYS_PER_YEAR, "max_years")]
    if end is not None:
        candidates.append((end, "end_date"))
    if q_limit is not None and q_limit > 0:
        t_limit = origin + model.time_to_rate(q_limit / uptime)
        if t_limit <= start:
            return start, "below_limit"
        candidates.append((t_limit, "economic_limit"))
    t_end, why = min(candidates, key=lambda c: c[0])
    return max(t_end, start), why


def make_forecast(
    model: DeclineModel,
    origin: float,
    history: ProductionHistory,
    *,
    q_limit: float | None = None,
    end: TimeLike | None = None,
    max_years: float = 50.0,
    step_days: float = DAYS_PER_MONTH,
    uptime: float = 1.0,
    cum_to_date: float | None = None,
) -> Forecast:
    """Forecast ``model`` (time zero at history day ``origin``) from the end of ``history``."""
    if q_limit is not None and not (math.isfinite(q_limit) and q_limit >= 0):
        raise ValueError("q_limit must be a rate >= 0")
    if not (0 < uptime <= 1):
        raise ValueError("uptime is a fraction: (0, 1]")
    if not (max_years > 0 and step_days > 0):
        raise ValueError("max_years and step_days must be > 0")
    start = history.end
    end_day = history.to_days(end) if end is not None else None
    t_end, why = horizon(
        model, origin, start, q_limit=q_limit, end=end_day, max_years=max_years, uptime=uptime
    )
    days = np.arange(start, t_end, step_days, dtype=np.float64)
    days = np.append(days, t_end) if days.size == 0 or days[-1] < t_end else days
    cum0 = float(model.cum(start - origin))
    cumulative = uptime * (model.cum(days - origin) - cum0)
    remaining = float(cumulative[-1])
    if not math.isfinite(remaining):
        raise ValueError("the forecast volume is unbounded: give an economic limit or end date")
    done = history.cumulative() if cum_to_date is None else float(cum_to_date)
    return Forecast(
        days=days,
        dates=history.to_dates(days),
        rate=uptime * model.rate(days - origin),
        cumulative=cumulative,
        start=start,
        end=t_end,
        end_reason=why,
        uptime=uptime,
        cum_to_date=done,
        remaining=remaining,
        eur=done + remaining,
    )
