"""The fit and forecast options of the form, with the checks that name the field at fault
before any work is started.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .labels import MODELS, Translate, _identity


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
