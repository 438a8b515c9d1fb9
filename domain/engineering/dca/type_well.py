"""Type well: the representative decline of a group of wells, built on a common clock.

How (the usual practice for unconventional type curves, e.g. SPEE Monograph 4, 2016, ch. 4
on analog and type-well construction):

1. **time-zero alignment**: each well's clock starts at its first production (first positive
   rate) or at its peak rate (5-point running median, so a short spike is not the peak);
2. optional **normalisation**: each rate × ``normalise_to / normalise_by[i]``, e.g. lateral
   length in ft with ``normalise_to=10_000`` gives "a 10,000 ft well";
3. each well's calendar-day rates are averaged per **month since time zero** (30.4375-day
   bins; records at monthly spacing are taken one per bin). Only complete months count: the
   partial month at the end of a well's history would look like a sudden drop;
4. per month, the **P50** (median, robust to a few odd wells) or the **mean** (what a
   drilling programme of many such wells averages to) over the wells that have that month,
   with the **well count** beside it.

Late months are averaged over fewer, older wells (survivor bias): fit only the months with
enough wells (``min_wells``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from scipy.ndimage import median_filter

from ._solver import ModelName
from .conversions import DAYS_PER_MONTH
from .fitting import FitResult, fit
from .history import ProductionHistory

FloatArray = npt.NDArray[np.float64]
Align = Literal["first_production", "peak"]
Statistic = Literal["p50", "mean"]


@dataclass(frozen=True, eq=False)
class TypeWell:
    """Monthly type-well rates with the number of wells behind each month.

    month: month index since time zero (0, 1, ...). days: start of each month, days since
    time zero. rate: P50 or mean calendar-day rate of the month (normalised if asked), NaN
    where no well has that month. well_count: wells contributing to each month. wells: the
    per-well monthly rates the statistic was taken over (wells × months, NaN = none).
    """

    month: npt.NDArray[np.int64]
    days: FloatArray
    rate: FloatArray
    well_count: npt.NDArray[np.int64]
    statistic: Statistic
    wells: FloatArray

    def history(self, min_wells: int = 1) -> ProductionHistory:
        """The type well as a history in elapsed days, months with >= ``min_wells`` wells."""
        keep = self.well_count >= max(1, min_wells)
        if not np.any(keep):
            raise ValueError(f"no month has {min_wells} or more wells")
        return ProductionHistory(self.days[keep], self.rate[keep])

    def fit(
        self, model: ModelName = "modified_hyperbolic", *, min_wells: int = 1, **options: Any
    ) -> FitResult:
        """Fit the type well (months with >= ``min_wells`` wells); options as in :func:`fit`."""
        return fit(self.history(min_wells), model, **options)


def type_well(
    histories: Sequence[ProductionHistory],
    *,
    align: Align = "peak",
    normalise_by: Sequence[float] | None = None,
    normalise_to: float = 1.0,
    statistic: Statistic = "p50",
    bin_days: float = DAYS_PER_MONTH,
) -> TypeWell:
    """Build a type well from ``histories`` (one per well); see the module docstring."""
    if len(histories) == 0:
        raise ValueError("a type well needs at least one well")
    if align not in ("first_production", "peak"):
        raise ValueError("align must be 'first_production' or 'peak'")
    if statistic not in ("p50", "mean"):
        raise ValueError("statistic must be 'p50' or 'mean'")
    if normalise_by is not None:
        norm = np.asarray(normalise_by, dtype=np.float64)
        if norm.shape != (len(histories),) or not np.all(np.isfinite(norm) & (norm > 0)):
            raise ValueError("normalise_by needs one finite value > 0 per well")
        scale = normalise_to / norm
    else:
        scale = np.ones(len(histories))
    if not bin_days > 0:
        raise ValueError("bin_days must be > 0")

    per_well = [
        _monthly(h, align=align, bin_days=bin_days) * s
        for h, s in zip(histories, scale, strict=True)
    ]
    n_months = max((m.size for m in per_well), default=0)
    if n_months == 0:
        raise ValueError("no well has a complete month of production")
    wells = np.full((len(histories), n_months), np.nan)
    for i, m in enumerate(per_well):
        wells[i, : m.size] = m
    count = np.sum(np.isfinite(wells), axis=0).astype(np.int64)
    rate = np.full(n_months, np.nan)
    has = count > 0
    reduce = np.nanmedian if statistic == "p50" else np.nanmean
    rate[has] = reduce(wells[:, has], axis=0)
    month = np.arange(n_months, dtype=np.int64)
    return TypeWell(month, month * bin_days, rate, count, statistic, wells)


def _monthly(history: ProductionHistory, *, align: Align, bin_days: float) -> FloatArray:
    """One well's complete-month average calendar-day rates since its time zero."""
    rate, days, period = history.rate, history.days, history.period
    producing = np.flatnonzero(np.isfinite(rate) & (rate > 0))
    if producing.size == 0:
        return np.empty(0)
    zero = producing[0]
    if align == "peak":
        smooth = median_filter(rate[producing], size=min(5, producing.size), mode="nearest")
        zero = producing[int(np.argmax(smooth))]
    rel = days - days[zero]
    after = rel >= 0
    monthly_records = float(np.median(period)) >= 0.5 * bin_days
    if monthly_records:
        k = np.rint(rel / bin_days).astype(np.int64)  # one record per month
        n_full = int(k[-1]) + 1
    else:
        k = np.floor(rel / bin_days).astype(np.int64)
        covered = history.end - days[zero]  # days of record since time zero
        n_full = int(np.floor((covered + 0.5 * float(np.median(period))) / bin_days))
    if n_full <= 0:
        return np.empty(0)
    ok = after & np.isfinite(rate) & (rate >= 0) & (k < n_full)  # negative: bad data
    volume = np.bincount(k[ok], weights=rate[ok] * period[ok], minlength=n_full)
    span = np.bincount(k[ok], weights=period[ok], minlength=n_full)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(span > 0, volume / span, np.nan)[:n_full]
