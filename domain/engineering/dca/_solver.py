"""The least-squares core shared by :func:`.fitting.fit` and the bootstrap.

Each model is fitted in log-rate space, ``r = ln q_obs - ln q_model``: production noise is
roughly multiplicative (choke changes, metering, allocation all scale the rate), and log
residuals weigh the late, low-rate life of the well as much as its first months, which is
what the forecast depends on. The parameters are transformed so the optimiser works on
well-scaled numbers: ``ln qi`` and ``ln D`` instead of ``qi`` and ``D`` (they span decades).

A coarse grid over the shape parameters (``D``, ``b`` / ``a``, ``m`` / ``τ``, ``n``), with
``ln qi`` profiled out as the median offset and an L1 score, gives a starting point that is
already near the global optimum, so ``least_squares`` (trust-region reflective, bounds, robust
loss) converges in a few iterations and cannot wander into a distant local minimum.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy.optimize import least_squares

from .conversions import B_ZERO, DAYS_PER_YEAR
from .models import (
    DeclineModel,
    Duong,
    Exponential,
    Harmonic,
    Hyperbolic,
    ModifiedHyperbolic,
    StretchedExponential,
)

FloatArray = npt.NDArray[np.float64]
ModelName = Literal[
    "exponential", "harmonic", "hyperbolic", "modified_hyperbolic", "duong",
    "stretched_exponential",
]  # fmt: skip
Loss = Literal["soft_l1", "huber", "cauchy", "arctan", "linear"]
MODEL_NAMES: tuple[str, ...] = (
    "exponential", "harmonic", "hyperbolic", "modified_hyperbolic", "duong",
    "stretched_exponential",
)  # fmt: skip

_D_MIN, _D_MAX = 1e-6, 5.0  # nominal decline bounds, 1/day (0.04 %/yr .. 1800 /yr)
_B_SMALL = 1e-4  # below this b·D·t the b-derivative uses its series
_GRID_POINTS = 256  # points the starting-grid search looks at (evenly subsampled)


@dataclass(frozen=True)
class Spec:
    """How one model is parameterised for the optimiser."""

    name: str
    lower: FloatArray
    upper: FloatArray
    # ln q(t) for parameter vector x, and its Jacobian (None: finite differences)
    log_rate: Callable[[FloatArray, FloatArray], FloatArray]
    jac: Callable[[FloatArray, FloatArray], FloatArray] | None
    build: Callable[[FloatArray], DeclineModel]
    grid: FloatArray  # candidate shape parameters, one row each (x without ln qi)
    # ln q - ln qi for every grid row at once (grid × t); None: row by row with log_rate
    grid_shapes: Callable[[FloatArray, FloatArray], FloatArray] | None = None


def _arps_shape(x: FloatArray, t: FloatArray, b: float) -> FloatArray:
    """``ln q - ln qi`` of Arps with ``x = [.., ln D, ..]`` and exponent ``b``."""
    z = math.exp(x[1]) * t
    if b <= B_ZERO:
        return -z
    return -np.log1p(b * z) / b


def _arps_jac(x: FloatArray, t: FloatArray, b: float, with_b: bool) -> FloatArray:
    """Jacobian of ``ln q`` wrt ``[ln qi, ln D(, b)]``."""
    z = math.exp(x[1]) * t
    u = b * z
    jac = np.empty((t.size, 3 if with_b else 2))
    jac[:, 0] = 1.0
    jac[:, 1] = -z / (1.0 + u)
    if with_b:
        if b <= B_ZERO:
            jac[:, 2] = 0.5 * z * z
        else:
            small = u < _B_SMALL
            with np.errstate(divide="ignore", invalid="ignore"):
                exact = (np.log1p(u) - u / (1.0 + u)) / (b * b)
            series = z * z * (0.5 - (2.0 / 3.0) * u + 0.75 * u * u)
            jac[:, 2] = np.where(small, series, exact)
    return jac


def _arps_grid(ln_d: FloatArray, b: FloatArray, t: FloatArray) -> FloatArray:
    """``ln q - ln qi`` of Arps for many ``(ln D, b)`` pairs at once (rows × t)."""
    z = np.exp(ln_d)[:, None] * t[None, :]
    bb = b[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        hyper = -np.log1p(bb * z) / bb
    return np.where(bb <= B_ZERO, -z, hyper)


def _mh_grid(ln_d: FloatArray, b: FloatArray, t: FloatArray, d_lim: float) -> FloatArray:
    """Modified hyperbolic version of :func:`_arps_grid` (terminal decline ``d_lim``/day)."""
    hyper = _arps_grid(ln_d, b, t)
    d = np.exp(ln_d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t_sw = np.where(b <= B_ZERO, np.inf, np.maximum(0.0, (1.0 / d_lim - 1.0 / d) / b))
        ln_q_sw = np.where(b <= B_ZERO, 0.0, -(ln_d - math.log(d_lim)) / b)
    t_sw, ln_q_sw = t_sw[:, None], ln_q_sw[:, None]
    tail = ln_q_sw - d_lim * (t[None, :] - np.where(np.isfinite(t_sw), t_sw, 0.0))
    return np.where(t[None, :] < t_sw, hyper, tail)


def _arps_spec(name: str, b_fixed: float | None, b_bounds: tuple[float, float]) -> Spec:
    d_grid = np.geomspace(1e-5, 1.0, 31)
    if b_fixed is not None:
        b0 = b_fixed

        def log_rate(x: FloatArray, t: FloatArray) -> FloatArray:
            return x[0] + _arps_shape(x, t, b0)

        def jac(x: FloatArray, t: FloatArray) -> FloatArray:
            return _arps_jac(x, t, b0, with_b=False)

        def build(x: FloatArray) -> DeclineModel:
            qi, di = math.exp(x[0]), math.exp(x[1]) * DAYS_PER_YEAR
            return Exponential(qi, di) if b0 == 0.0 else Harmonic(qi, di)

        return Spec(
            name,
            np.array([-np.inf, math.log(_D_MIN)]),
            np.array([np.inf, math.log(_D_MAX)]),
            log_rate,
            jac,
            build,
            np.log(d_grid)[:, None],
            lambda g, t: _arps_grid(g[:, 0], np.full(g.shape[0], b0), t),
        )

    def log_rate_b(x: FloatArray, t: FloatArray) -> FloatArray:
        return x[0] + _arps_shape(x, t, float(x[2]))

    def jac_b(x: FloatArray, t: FloatArray) -> FloatArray:
        return _arps_jac(x, t, float(x[2]), with_b=True)

    def build_b(x: FloatArray) -> DeclineModel:
        return Hyperbolic(math.exp(x[0]), math.exp(x[1]) * DAYS_PER_YEAR, float(x[2]))

    b_lo, b_hi = b_bounds
    grid = np.array(
        [(math.log(d), b) for d in d_grid for b in np.linspace(b_lo, b_hi, 9)], dtype=np.float64
    )
    return Spec(
        name,
        np.array([-np.inf, math.log(_D_MIN), b_lo]),
        np.array([np.inf, math.log(_D_MAX), b_hi]),
        log_rate_b,
        jac_b,
        build_b,
        grid,
        lambda g, t: _arps_grid(g[:, 0], g[:, 1], t),
    )


def _mh_spec(d_lim: float, b_bounds: tuple[float, float]) -> Spec:
    """Modified hyperbolic with a fixed terminal decline ``d_lim`` (nominal, 1/day)."""
    if not d_lim > 0:
        raise ValueError("the modified hyperbolic needs a terminal decline > 0")
    ln_dlim = math.log(d_lim)

    def log_rate(x: FloatArray, t: FloatArray) -> FloatArray:
        d, b = math.exp(x[1]), float(x[2])
        hyper = x[0] + _arps_shape(x, t, b)
        if b <= B_ZERO:
            return hyper  # an exponential at D >= Dlim never reaches the switch
        t_sw = max(0.0, (1.0 / d_lim - 1.0 / d) / b)
        ln_q_sw = x[0] - (x[1] - ln_dlim) / b
        return np.where(t < t_sw, hyper, ln_q_sw - d_lim * (t - t_sw))

    def jac(x: FloatArray, t: FloatArray) -> FloatArray:
        d, b = math.exp(x[1]), float(x[2])
        j = _arps_jac(x, t, b, with_b=True)
        if b <= B_ZERO:
            return j
        t_sw = max(0.0, (1.0 / d_lim - 1.0 / d) / b)
        tail = t >= t_sw
        ratio = d_lim / d
        j[tail, 1] = -(1.0 - ratio) / b
        j[tail, 2] = ((x[1] - ln_dlim) - (1.0 - ratio)) / (b * b)
        return j

    def build(x: FloatArray) -> DeclineModel:
        di = max(math.exp(x[1]), d_lim)
        return ModifiedHyperbolic(
            math.exp(x[0]), di * DAYS_PER_YEAR, float(x[2]), d_lim * DAYS_PER_YEAR
        )

    base = _arps_spec("hyperbolic", None, b_bounds)
    grid = base.grid[base.grid[:, 0] > ln_dlim]
    if grid.size == 0:
        grid = np.array([[ln_dlim + 1e-9, 0.5 * (b_bounds[0] + b_bounds[1])]])
    return Spec(
        "modified_hyperbolic",
        np.array([-np.inf, ln_dlim, b_bounds[0]]),
        np.array([np.inf, max(math.log(_D_MAX), ln_dlim + 1e-6), b_bounds[1]]),
        log_rate,
        jac,
        build,
        grid,
        lambda g, t: _mh_grid(g[:, 0], g[:, 1], t, d_lim),
    )


def _duong_spec() -> Spec:
    def log_rate(x: FloatArray, t: FloatArray) -> FloatArray:
        a, m = float(x[1]), float(x[2])
        s = 1.0 - m
        lt = np.log(t)
        return x[0] - m * lt + a / s * np.expm1(s * lt)

    def build(x: FloatArray) -> DeclineModel:
        return Duong(math.exp(x[0]), float(x[1]), float(x[2]))

    grid = np.array(
        [(a, m) for a in np.geomspace(0.02, 10.0, 16) for m in np.linspace(1.02, 2.5, 14)]
    )
    return Spec(
        "duong",
        np.array([-np.inf, 1e-3, 1.0 + 1e-4]),
        np.array([np.inf, 50.0, 4.0]),
        log_rate,
        None,
        build,
        grid,
    )


def _sepd_spec() -> Spec:
    def log_rate(x: FloatArray, t: FloatArray) -> FloatArray:
        with np.errstate(divide="ignore"):
            return x[0] - np.exp(float(x[2]) * (np.log(t) - x[1]))

    def build(x: FloatArray) -> DeclineModel:
        return StretchedExponential(math.exp(x[0]), math.exp(x[1]), float(x[2]))

    grid = np.array(
        [(math.log(tau), n) for tau in np.geomspace(0.5, 1e5, 24) for n in np.linspace(0.1, 1, 10)]
    )
    return Spec(
        "stretched_exponential",
        np.array([-np.inf, math.log(0.1), 0.05]),
        np.array([np.inf, math.log(1e7), 1.0]),
        log_rate,
        None,
        build,
        grid,
    )


def make_spec(name: str, *, b_bounds: tuple[float, float], d_lim_per_day: float) -> Spec:
    """The optimiser's view of model ``name``."""
    b_lo, b_hi = b_bounds
    if not (0.0 <= b_lo < b_hi <= 10.0):
        raise ValueError(f"b_bounds must satisfy 0 <= low < high <= 10 (got {b_bounds})")
    if name == "exponential":
        return _arps_spec(name, 0.0, b_bounds)
    if name == "harmonic":
        return _arps_spec(name, 1.0, b_bounds)
    if name == "hyperbolic":
        return _arps_spec(name, None, b_bounds)
    if name == "modified_hyperbolic":
        return _mh_spec(d_lim_per_day, b_bounds)
    if name == "duong":
        return _duong_spec()
    if name == "stretched_exponential":
        return _sepd_spec()
    raise ValueError(f"unknown decline model {name!r}; choose one of {', '.join(MODEL_NAMES)}")


def robust_sigma(r: FloatArray) -> float:
    """1.4826 × median absolute deviation: the standard deviation of the inliers."""
    return float(1.4826 * np.median(np.abs(r - np.median(r))))


def initial_guess(spec: Spec, t: FloatArray, y: FloatArray) -> FloatArray:
    """Best grid point by L1 misfit, with ``ln qi`` profiled as the median offset."""
    step = max(1, t.size // _GRID_POINTS)
    ts, ys = t[::step], y[::step]
    if spec.grid_shapes is not None:
        shapes = spec.grid_shapes(spec.grid, ts)
    else:
        shapes = np.empty((spec.grid.shape[0], ts.size))
        for i, theta in enumerate(spec.grid):
            shapes[i] = spec.log_rate(np.concatenate(([0.0], theta)), ts)
    offset = np.median(ys[None, :] - shapes, axis=1)
    score = np.sum(np.abs(ys[None, :] - shapes - offset[:, None]), axis=1)
    score = np.where(np.isfinite(score), score, np.inf)
    best = int(np.argmin(score))
    x0 = np.concatenate(([offset[best]], spec.grid[best]))
    # strictly inside the bounds, as the trust-region reflective method wants
    span = np.where(np.isfinite(spec.upper - spec.lower), spec.upper - spec.lower, 1.0)
    return np.clip(x0, spec.lower + 1e-6 * span, spec.upper - 1e-6 * span)


@dataclass(frozen=True)
class Solution:
    x: FloatArray
    residuals: FloatArray  # ln q_obs - ln q_model at the points fitted
    nfev: int
    status: int
    message: str
    active_mask: npt.NDArray[np.int_]


def solve(
    spec: Spec, t: FloatArray, y: FloatArray, x0: FloatArray, *, loss: Loss, f_scale: float
) -> Solution:
    """Robust least squares of ``y = ln q`` against the model, from ``x0``."""

    def fun(x: FloatArray) -> FloatArray:
        return spec.log_rate(x, t) - y

    jac: Callable[[FloatArray], FloatArray] | Literal["2-point"]
    if spec.jac is not None:
        model_jac = spec.jac

        def jac(x: FloatArray) -> FloatArray:
            return model_jac(x, t)
    else:
        jac = "2-point"
    with np.errstate(all="ignore"):
        res = least_squares(
            fun,
            x0,
            jac=jac,
            bounds=(spec.lower, spec.upper),
            method="trf",
            loss=loss,
            f_scale=f_scale,
            x_scale="jac",
            max_nfev=200 * x0.size,
        )
    x = np.asarray(res.x, dtype=np.float64)
    return Solution(
        x, -np.asarray(res.fun), int(res.nfev), int(res.status), str(res.message),
        np.asarray(res.active_mask),
    )  # fmt: skip
