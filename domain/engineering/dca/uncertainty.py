"""P90/P50/P10 forecast bands by bootstrapping the fit's residuals.

Method (a residual bootstrap, Efron & Tibshirani 1993, "An Introduction to the Bootstrap",
ch. 9, with moving blocks, Künsch 1989, Ann. Statist. 17(3), because daily production residuals
are autocorrelated: a choke change or a pump problem lasts days, and resampling single days
would make the history look more informative than it is and the bands too narrow):

1. residuals ``r = ln q_obs - ln q_fit`` of the points used, in time order;
2. each replicate draws blocks of ``block_days`` consecutive residuals with replacement from a
   seeded ``numpy.random.Generator`` (same seed, same bands), adds them to the fitted curve
   and refits from the best fit with the same loss, bounds and points;
3. each replicate is forecast to the same economic limit / end date and its EUR kept.

Reserves convention (SPE-PRMS 2018, low / best / high estimates): **P90 is the low estimate**
(at least 90 % probability that the quantity recovered equals or exceeds it), P50 the best,
**P10 the high** one. So ``eur_p90`` is the 10th percentile of the replicates and ``eur_p10``
the 90th.

What the bands do not cover: the choice of model and of terminal decline, and changes the
history cannot show (a workover, a new compressor, interference from a child well). They are
the statistical uncertainty of *this* fit, a lower bound on the real one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from ._solver import solve
from .forecast import horizon
from .history import TimeLike
from .models import DeclineModel

if TYPE_CHECKING:
    from .fitting import FitResult

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class PBands:
    """Bootstrap bands of a forecast. P90 = low case, P10 = high case (reserves convention).

    days/dates: forecast times (history axis) from the end of the history to the latest
    replicate's end. rate_p90/p50/p10: percentiles of the replicates' calendar-day rate at
    each time, taken point by point (a replicate that has reached its limit counts as 0), so
    each band is an envelope, not one replicate's curve. eur_samples: every replicate's EUR.
    """

    eur_p90: float
    eur_p50: float
    eur_p10: float
    remaining_p90: float
    remaining_p50: float
    remaining_p10: float
    days: FloatArray
    dates: npt.NDArray[np.datetime64] | None
    rate_p90: FloatArray
    rate_p50: FloatArray
    rate_p10: FloatArray
    eur_samples: FloatArray
    n_failed: int  # replicates whose refit failed (left out of the percentiles)
    seed: int


def bootstrap(
    result: FitResult,
    *,
    n: int = 200,
    seed: int = 0,
    q_limit: float | None = None,
    end: TimeLike | None = None,
    max_years: float = 50.0,
    step_days: float = 30.4375,
    uptime: float = 1.0,
    cum_to_date: float | None = None,
    block_days: float = 30.0,
) -> PBands:
    """Bands of EUR, remaining and rate from ``n`` bootstrap replicates of ``result``."""
    if n < 10:
        raise ValueError("n must be >= 10 replicates for percentiles to mean anything")
    if not (block_days > 0 and step_days > 0 and 0 < uptime <= 1):
        raise ValueError("block_days and step_days must be > 0, uptime within (0, 1]")
    st = result._state
    fitted = st.spec.log_rate(st.x, st.t)
    r = st.y - fitted
    size = r.size
    block = int(min(size, max(1, round(block_days / float(np.median(st.period))))))
    n_blocks = math.ceil(size / block)
    rng = np.random.default_rng(seed)

    history, origin = result.history, result.origin
    start = history.end
    end_day = history.to_days(end) if end is not None else None
    done = history.cumulative() if cum_to_date is None else float(cum_to_date)

    models: list[DeclineModel] = []
    ends: list[float] = []
    remaining: list[float] = []
    failed = 0
    for _ in range(n):
        first = rng.integers(0, size - block + 1, size=n_blocks)
        pick = (first[:, None] + np.arange(block)[None, :]).ravel()[:size]
        sol = solve(st.spec, st.t, fitted + r[pick], st.x, loss=st.loss, f_scale=st.f_scale)
        try:
            if sol.status <= 0 or not np.all(np.isfinite(sol.x)):
                raise ValueError(sol.message)
            model = st.spec.build(sol.x)
            t_end, _ = horizon(
                model, origin, start, q_limit=q_limit, end=end_day, max_years=max_years,
                uptime=uptime,
            )  # fmt: skip
            volume = uptime * float(model.cum(t_end - origin) - model.cum(start - origin))
        except ValueError:
            failed += 1
            continue
        if not math.isfinite(volume):
            failed += 1
            continue
        models.append(model)
        ends.append(t_end)
        remaining.append(volume)
    if len(models) < max(10, n // 2):
        raise ValueError(f"the bootstrap failed: {failed} of {n} refits did not converge")

    rem = np.asarray(remaining)
    last = max(ends)
    days = np.arange(start, last, step_days, dtype=np.float64)
    days = np.append(days, last) if days.size == 0 or days[-1] < last else days
    rates = np.stack(
        [
            np.where(days <= e, uptime * m.rate(days - origin), 0.0)
            for m, e in zip(models, ends, strict=True)
        ]
    )
    # P90 (low) is the 10th percentile, P10 (high) the 90th
    r90, r50, r10 = np.percentile(rem, [10.0, 50.0, 90.0])
    q90, q50, q10 = np.percentile(rates, [10.0, 50.0, 90.0], axis=0)
    return PBands(
        eur_p90=done + float(r90),
        eur_p50=done + float(r50),
        eur_p10=done + float(r10),
        remaining_p90=float(r90),
        remaining_p50=float(r50),
        remaining_p10=float(r10),
        days=days,
        dates=history.to_dates(days),
        rate_p90=q90,
        rate_p50=q50,
        rate_p10=q10,
        eur_samples=done + rem,
        n_failed=failed,
        seed=seed,
    )
