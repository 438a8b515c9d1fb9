"""Robust fit of a decline model to a production history.

Steps (each one is there because real data needs it):

1. :func:`.history.screen` keeps the points inside the fit window that report a real,
   positive rate with enough uptime (shut-in, missing and partial days say nothing about the
   decline), optionally starting at the peak rate.
2. A grid search gives a starting point near the global optimum (see :mod:`._solver`).
3. ``scipy.optimize.least_squares`` fits ``ln q`` with a robust loss (soft L1 by default):
   residuals beyond ``f_scale`` (set to the robust spread of the data) count linearly, not
   quadratically, so a few bad days cannot drag the curve.
4. Points whose residual is beyond ``outlier_sigma`` robust standard deviations are marked
   outliers and the fit is repeated without them, so that the result says which points were
   left out and why, and the residual statistics describe the data that was fitted.
5. The result is refused (``ValueError``) when it would be nonsense: too few points, no
   decline in the window (rates flat or rising), or no convergence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from ._solver import Loss, ModelName, Spec, initial_guess, make_spec, robust_sigma, solve
from .conversions import DAYS_PER_MONTH, nominal_from_tangent, nominal_per_day
from .forecast import Forecast, make_forecast
from .history import (
    Exclusion,
    ProductionHistory,
    RateBasis,
    TimeLike,
    _no_points_message,
    screen,
)
from .models import DeclineModel
from .uncertainty import PBands, bootstrap

FloatArray = npt.NDArray[np.float64]

_MIN_F_SCALE = 1e-3  # floor of the robust-loss scale in ln q (0.1 %): noise-free data
_LN_RATE_MAX = math.log(1e15)  # above any field rate in any unit: such a fit is garbage in
_MIN_OUTLIER_SIGMA = 0.01  # a point within 3.5 % of the curve is never a gross error


@dataclass(frozen=True)
class FitStats:
    """How well the model describes the points it was fitted to (log-rate residuals)."""

    n_used: int
    excluded: dict[str, int]  # reason name -> number of history points
    rmse_log: float  # root mean square of ln(q_obs/q_model)
    sigma_log: float  # robust standard deviation (1.4826·MAD) of the same
    bias_log: float  # mean residual
    r2_log: float  # coefficient of determination in ln q
    nfev: int  # model evaluations the optimiser used


@dataclass(frozen=True)
class _FitState:
    """What the bootstrap needs to refit the same problem."""

    spec: Spec
    x: FloatArray
    t: FloatArray  # model times of the points used
    y: FloatArray  # ln rate of the points used
    period: FloatArray  # period lengths of the points used, days
    loss: Loss
    f_scale: float


@dataclass(frozen=True, eq=False)
class FitResult:
    """A fitted decline: the model, which points it used, and how well it fits.

    ``model`` runs on its own clock: ``t = 0`` is history day ``origin`` (the window start).
    Use :meth:`rate_at` for rates on the history's axis.
    """

    model: DeclineModel
    history: ProductionHistory
    origin: float
    reason: npt.NDArray[np.int8]  # Exclusion code per history point (0 = used)
    residuals: FloatArray  # ln(q_obs/q_model) per history point, NaN where not used
    stats: FitStats
    rate_basis: RateBasis
    window_uptime: float  # mean uptime over the fit window (1 when not given)
    _state: _FitState = field(repr=False)

    @property
    def used(self) -> npt.NDArray[np.bool_]:
        """Mask of the history points the fit used."""
        return self.reason == Exclusion.USED

    @property
    def params(self) -> dict[str, float]:
        """Fitted parameters (see the model class for their units)."""
        return self.model.params

    def rate_at(self, when: npt.ArrayLike) -> FloatArray:
        """Model rate (on the fit's rate basis) at history-axis days."""
        return self.model.rate(np.asarray(when, dtype=np.float64) - self.origin)

    def _uptime(self, uptime: float | None) -> float:
        if uptime is not None:
            return float(uptime)
        return self.window_uptime if self.rate_basis == "producing" else 1.0

    def forecast(
        self,
        *,
        q_limit: float | None = None,
        end: TimeLike | None = None,
        max_years: float = 50.0,
        step_days: float = DAYS_PER_MONTH,
        uptime: float | None = None,
        cum_to_date: float | None = None,
    ) -> Forecast:
        """Forecast from the end of the history to the economic limit ``q_limit``
        (calendar-day rate), the date/day ``end``, or ``max_years``, whichever comes first.

        ``uptime`` defaults to 1 for a calendar-day fit and to the fit window's mean uptime for
        a producing-day fit. ``cum_to_date`` defaults to the history's own cumulative.
        """
        return make_forecast(
            self.model,
            self.origin,
            self.history,
            q_limit=q_limit,
            end=end,
            max_years=max_years,
            step_days=step_days,
            uptime=self._uptime(uptime),
            cum_to_date=cum_to_date,
        )

    def p_bands(
        self,
        *,
        n: int = 200,
        seed: int = 0,
        q_limit: float | None = None,
        end: TimeLike | None = None,
        max_years: float = 50.0,
        step_days: float = DAYS_PER_MONTH,
        uptime: float | None = None,
        cum_to_date: float | None = None,
        block_days: float = 30.0,
    ) -> PBands:
        """P90/P50/P10 of EUR, remaining and rate by a block bootstrap of the residuals.

        Reserves convention: **P90 is the low case** (90 % of outcomes are at or above it) and
        P10 the high case. See :func:`.uncertainty.bootstrap` for the method and its limits.
        """
        return bootstrap(
            self,
            n=n,
            seed=seed,
            q_limit=q_limit,
            end=end,
            max_years=max_years,
            step_days=step_days,
            uptime=self._uptime(uptime),
            cum_to_date=cum_to_date,
            block_days=block_days,
        )


def fit(
    history: ProductionHistory,
    model: ModelName = "modified_hyperbolic",
    *,
    start: TimeLike | None = None,
    end: TimeLike | None = None,
    from_peak: bool = False,
    rate_basis: RateBasis = "calendar",
    min_uptime: float = 0.5,
    outlier_sigma: float | None = 3.5,
    loss: Loss = "soft_l1",
    terminal_decline: float = 0.08,
    b_bounds: tuple[float, float] = (0.0, 2.0),
    min_points: int = 6,
) -> FitResult:
    """Fit ``model`` to ``history``; raises ``ValueError`` rather than return nonsense.

    model: ``exponential``, ``harmonic``, ``hyperbolic``, ``modified_hyperbolic``, ``duong``
    or ``stretched_exponential``. start, end: fit window (dates or history days).
    from_peak: start the window at the peak rate. rate_basis: ``calendar`` (rate as reported)
    or ``producing`` (rate / uptime). min_uptime: periods producing less than this fraction are
    left out. outlier_sigma: residual cut-off in robust standard deviations (None: keep all).
    loss: robust loss of ``scipy.optimize.least_squares``. terminal_decline: effective
    (exponential) decline per year where the modified hyperbolic turns exponential, e.g. 0.08
    = 8 %/yr; an engineering choice, not fitted (history rarely reaches it). b_bounds: range
    of the Arps exponent. min_points: fewest usable points accepted.
    """
    if outlier_sigma is not None and not outlier_sigma > 0:
        raise ValueError("outlier_sigma must be > 0 (or None to keep every point)")
    d_lim = float(nominal_per_day(nominal_from_tangent(terminal_decline)))
    spec = make_spec(model, b_bounds=b_bounds, d_lim_per_day=d_lim)
    sc = screen(
        history,
        start=start,
        end=end,
        from_peak=from_peak,
        min_uptime=min_uptime,
        rate_basis=rate_basis,
    )
    reason = sc.reason.copy()
    need = max(min_points, spec.lower.size + 2)
    idx = np.flatnonzero(reason == Exclusion.USED)
    if idx.size < need:
        raise ValueError(_no_points_message(reason, idx.size, need))
    t, y = sc.t_mid[idx], np.log(sc.rate[idx])

    x0 = initial_guess(spec, t, y)
    f_scale = max(robust_sigma(y - spec.log_rate(x0, t)), _MIN_F_SCALE)
    sol = solve(spec, t, y, x0, loss=loss, f_scale=f_scale)

    if outlier_sigma is not None:
        r = sol.residuals
        sigma = robust_sigma(r)
        out = np.abs(r - np.median(r)) > outlier_sigma * max(sigma, _MIN_OUTLIER_SIGMA)
        if np.any(out):
            reason[idx[out]] = Exclusion.OUTLIER
            idx, t, y = idx[~out], t[~out], y[~out]
            if idx.size < need:
                raise ValueError(_no_points_message(reason, idx.size, need))
            f_scale = max(sigma, _MIN_F_SCALE)
            sol = solve(spec, t, y, sol.x, loss=loss, f_scale=f_scale)

    if sol.status <= 0 or not np.all(np.isfinite(sol.x)):
        raise ValueError(f"the {model} fit did not converge: {sol.message}")
    _require_decline(t, y, model)
    if not sol.x[0] < _LN_RATE_MAX:
        raise ValueError(
            f"the {model} fit needs an initial rate above {math.exp(_LN_RATE_MAX):.3g}: "
            "the rates are not physical"
        )
    fitted = spec.build(sol.x)

    residuals = np.full(history.days.size, np.nan)
    residuals[idx] = sol.residuals
    return FitResult(
        model=fitted,
        history=history,
        origin=sc.origin,
        reason=reason,
        residuals=residuals,
        stats=_stats(sol.residuals, y, reason, sol.nfev),
        rate_basis=rate_basis,
        window_uptime=sc.window_uptime,
        _state=_FitState(spec, sol.x, t, y, history.period[idx], loss, f_scale),
    )


def _require_decline(t: FloatArray, y: FloatArray, model: str) -> None:
    """Refuse a history whose log rate does not fall over the window (t-statistic of the
    least-squares slope below -2): a decline curve through flat or rising rates is a number
    with no meaning, and its EUR would be wildly wrong."""
    tc = t - t.mean()
    sxx = float(np.sum(tc * tc))
    if sxx <= 0:
        raise ValueError("all usable points are at the same time")
    slope = float(np.sum(tc * (y - y.mean())) / sxx)
    dof = max(t.size - 2, 1)
    resid = y - y.mean() - slope * tc
    se = math.sqrt(float(np.sum(resid * resid)) / dof / sxx)
    t_stat = slope / se if se > 0 else (-math.inf if slope < 0 else math.inf)
    if not t_stat < -2.0:
        raise ValueError(
            f"no decline in the fit window (log-rate trend t-statistic {t_stat:.1f}, "
            f"needs < -2): a {model} curve cannot be fitted to flat or rising rates; start "
            "the window at the peak (from_peak=True) or after the plateau"
        )


def _stats(r: FloatArray, y: FloatArray, reason: npt.NDArray[np.int8], nfev: int) -> FitStats:
    ss_tot = float(np.sum((y - y.mean()) ** 2))
    ss_res = float(np.sum(r * r))
    excluded = {
        why.name.lower(): int(np.sum(reason == why)) for why in Exclusion if why != Exclusion.USED
    }
    return FitStats(
        n_used=int(r.size),
        excluded=excluded,
        rmse_log=math.sqrt(ss_res / r.size),
        sigma_log=robust_sigma(r),
        bias_log=float(r.mean()),
        r2_log=1.0 - ss_res / ss_tot if ss_tot > 0 else 1.0,
        nfev=nfev,
    )
