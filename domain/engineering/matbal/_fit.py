"""Straight-line fits and the plot data the HMI draws.

Havlena and Odeh (1963) turned the material balance into a straight line so that the engineer
could *see* whether the assumed drive mechanism fits: points that curve away from the line say
the model is wrong, not just imprecise. We therefore fit in the coordinates of the plot (ordinary
least squares on the plotted points), so the line drawn over the points is the fitted one, and
report the fit quality of that line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from ._checks import BoolArray, FloatArray


@dataclass(frozen=True)
class PlotData:
    """One straight-line diagnostic plot: points, the fitted line and which points it used.

    ``x`` and ``y`` hold one value per history row (NaN for row 0, the origin of the balance);
    ``used`` marks the rows that entered the fit (the others are drawn hollow). The line is
    ``y = intercept + slope * x``.
    """

    title: str
    x_label: str
    y_label: str
    x: FloatArray
    y: FloatArray
    used: BoolArray
    slope: float
    intercept: float

    def line(self, x: FloatArray | float) -> FloatArray:
        """The fitted line evaluated at ``x`` (to draw it across the plot)."""
        return np.asarray(self.intercept + self.slope * np.asarray(x, dtype=np.float64))


@dataclass(frozen=True)
class FitQuality:
    """How well the fitted balance reproduces the data.

    * ``r_squared``: coefficient of determination of the plotted straight line (1 = perfect).
    * ``rms_residual``: root-mean-square of underground withdrawal minus its fitted value over
      the used rows, rb (the same units for every model, so candidate aquifers compare fairly).
    * ``max_relative_residual``: the largest ``|F - F_fit| / F`` over the used rows.
    * ``std_errors``: one-sigma standard error of each fitted parameter (NaN with no degrees
      of freedom left).
    """

    r_squared: float
    rms_residual: float
    max_relative_residual: float
    n_points: int
    n_parameters: int
    std_errors: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class _Regression:
    coef: FloatArray
    std_errors: FloatArray
    covariance: FloatArray  # of coef; NaN with no degrees of freedom
    r_squared: float


def regress(design: FloatArray, y: FloatArray, *, through_origin: bool) -> _Regression:
    """Least squares ``y ~ design @ coef`` (plus an intercept, first, unless ``through_origin``).

    Columns are scaled to unit norm before solving: material-balance terms span 1e-4 (Eo) to
    1e8 (F), and unscaled normal equations would lose most of their digits.
    """
    cols = design if design.ndim == 2 else design[:, None]
    if not through_origin:
        cols = np.column_stack([np.ones(len(y)), cols])
    scale = np.linalg.norm(cols, axis=0)
    scale[scale == 0.0] = 1.0
    a = cols / scale
    sol, _, rank, _ = np.linalg.lstsq(a, y, rcond=None)
    if rank < a.shape[1]:
        raise ValueError(
            "the plotted points are degenerate (all on one abscissa): the unknowns cannot be "
            "separated; fix the model (known gas cap, aquifer) or add pressure steps"
        )
    coef = sol / scale
    resid = y - cols @ coef
    dof = len(y) - a.shape[1]
    if dof > 0:
        sigma2 = float(resid @ resid) / dof
        cov = sigma2 * np.linalg.inv(a.T @ a) / np.outer(scale, scale)
        std = np.sqrt(np.clip(np.diag(cov), 0.0, None))
    else:
        cov = np.full((a.shape[1], a.shape[1]), np.nan)
        std = np.full(a.shape[1], np.nan)
    ss_tot = float(np.sum((y - y.mean()) ** 2))
    ss_res = float(resid @ resid)
    r2 = 1.0 - ss_res / ss_tot if ss_tot > 0.0 else (1.0 if ss_res == 0.0 else 0.0)
    return _Regression(coef=coef, std_errors=std, covariance=cov, r_squared=r2)


def volume_residuals(
    f: FloatArray, f_fit: FloatArray, used: BoolArray
) -> tuple[FloatArray, float, float]:
    """``F - F_fit`` per row (0 at row 0), their RMS and the worst relative one over ``used``."""
    resid = f - f_fit
    resid[0] = 0.0
    r = resid[used]
    rms = float(np.sqrt(np.mean(r**2))) if r.size else float("nan")
    denom = np.abs(f[used])
    rel = np.abs(r) / np.where(denom > 0.0, denom, np.inf)
    return resid, rms, float(rel.max()) if rel.size else float("nan")


def with_origin_nan(values: FloatArray) -> FloatArray:
    """A copy with row 0 set to NaN: the origin of the balance is not a plotted point."""
    out = np.array(values, dtype=np.float64, copy=True)
    out[0] = np.nan
    return out


def precision_warning(label: str, value: float, std_error: float) -> list[str]:
    """A warning when one standard error exceeds 10 % of the value: the data do not pin it."""
    if np.isfinite(std_error) and value != 0.0 and std_error > 0.1 * abs(value):
        return [
            f"{label} is poorly determined by these data: ±{100 * std_error / abs(value):.0f} % "
            "(one standard error); the plot's abscissae span too narrow a range"
        ]
    return []
