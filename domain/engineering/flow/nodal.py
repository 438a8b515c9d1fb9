"""Nodal analysis at the bottomhole node: where inflow meets outflow, and how that moves.

The operating point is a rate q where the IPR pressure equals the VLP pressure,
pwf_IPR(q) = pwf_VLP(q). VLP curves are J-shaped (gravity-dominated and heading at low rates,
friction-dominated at high rates), so there may be none (the well is dead: the reservoir
cannot lift its own column), one, or two intersections. Of two, the left one is unstable
(a small rate increase lowers the required pwf more than the available one, so the well
runs away from it) and the right one is the stable operating point (Brown, K.E. and Lea,
J.F. "Nodal Systems Analysis of Oil and Gas Wells", JPT Oct. 1985; Beggs 1991, ch. 1).

Roots are bracketed on a rate grid (one vectorised VLP evaluation) and refined with Brent's
method (scipy.optimize.brentq). Two intersections closer together than a grid cell can be
missed (a tangent VLP); the grid size is a parameter.

Sensitivities return families: for each value of a parameter (THP, choke bean, ESP
frequency, gas-lift GLR) the VLP curve on a shared rate grid and its operating point, with
the IPR once, ready to plot.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.interpolate import PchipInterpolator
from scipy.optimize import bisect, brentq

from domain.engineering.flow import choke as choke_mod
from domain.engineering.flow.gradient import FloatArray
from domain.engineering.flow.ipr import InflowModel
from domain.engineering.flow.traverse import Outflow

VlpFunction = Callable[[FloatArray], FloatArray]


@dataclass(frozen=True)
class OperatingPoint:
    """An intersection of the IPR and VLP curves."""

    rate_stb_d: float
    pwf_psia: float
    stable: bool


@dataclass(frozen=True)
class NodalResult:
    """Curves on a shared rate grid and the operating point (None when the well is dead)."""

    rates_stb_d: FloatArray
    ipr_pwf_psia: FloatArray
    vlp_pwf_psia: FloatArray
    operating_point: OperatingPoint | None
    intersections: tuple[OperatingPoint, ...]

    @property
    def flowing(self) -> bool:
        """True when there is a stable operating point."""
        return self.operating_point is not None


@dataclass(frozen=True)
class SensitivityCase:
    """One member of a sensitivity family."""

    value: float
    vlp_pwf_psia: FloatArray
    operating_point: OperatingPoint | None


@dataclass(frozen=True)
class Sensitivity:
    """A family of VLP curves for one parameter, sharing the rate grid and the IPR."""

    parameter: str
    unit: str
    rates_stb_d: FloatArray
    ipr_pwf_psia: FloatArray
    cases: tuple[SensitivityCase, ...]


def rate_grid(ipr: InflowModel, n: int = 40) -> FloatArray:
    """Rates from 0.5 % to 99.5 % of the IPR's qmax: the grid curves are drawn on."""
    qmax = ipr.qmax_stb_d
    return np.linspace(0.005 * qmax, 0.995 * qmax, n)


def find_intersections(
    ipr: InflowModel,
    vlp: VlpFunction,
    rates_stb_d: FloatArray,
    vlp_on_grid: FloatArray | None = None,
    refine: int = 8,
) -> tuple[OperatingPoint, ...]:
    """All sign changes of pwf_IPR - pwf_VLP on the grid, refined.

    ``vlp`` maps an array of rates to pwf (``vlp_on_grid`` may pass its values on the grid).
    Each bracketing cell is split into ``refine`` sub-cells with one more vectorised VLP call
    for all cells together; the root in the sub-cell is then found with brentq on a monotone
    cubic (PCHIP) through the sub-grid, which is accurate to well under 1 psi for VLP curves
    and costs no further traverses. Where the VLP is infinite (rate not liftable) on one side
    the root is bisected on the VLP itself.
    """
    q = np.asarray(rates_stb_d, dtype=np.float64)
    v = vlp(q) if vlp_on_grid is None else vlp_on_grid
    diff = _margin(ipr, q, v)
    cells = [i for i in range(q.size - 1) if _changes_sign(diff[i], diff[i + 1])]
    if not cells:
        return ()
    subs = [np.linspace(q[i], q[i + 1], refine + 2) for i in cells]
    inner = np.concatenate([x[1:-1] for x in subs])
    v_inner = vlp(inner).reshape(len(cells), refine)
    points: list[OperatingPoint] = []
    for k, i in enumerate(cells):
        xs = subs[k]
        ds = _margin(ipr, xs, np.concatenate([[v[i]], v_inner[k], [v[i + 1]]]))
        for j in range(xs.size - 1):
            if _changes_sign(ds[j], ds[j + 1]):
                root = _root_in_cell(ipr, vlp, xs, ds, j)
                stable = bool(ds[j] > 0)  # surplus to the left, deficit to the right
                if not points or abs(root - points[-1].rate_stb_d) > 1e-9 * max(root, 1.0):
                    points.append(OperatingPoint(root, float(ipr.pwf(root)), stable))
    return tuple(points)


def _margin(ipr: InflowModel, q: FloatArray, vlp_values: FloatArray) -> FloatArray:
    """pwf_IPR - pwf_VLP; > 0 where the reservoir gives more pressure than lifting needs."""
    d = np.asarray(ipr.pwf(q) - vlp_values, dtype=np.float64)
    return np.where(np.isfinite(d), d, -np.inf)


def _changes_sign(a: float, b: float) -> bool:
    # Crossing = surplus (> 0) on one side only; an exact zero counts as "no surplus", so a
    # root on a grid node is found once.
    return bool((a > 0) != (b > 0))


def _root_in_cell(
    ipr: InflowModel, vlp: VlpFunction, xs: FloatArray, ds: FloatArray, j: int
) -> float:
    lo, hi = float(xs[j]), float(xs[j + 1])
    if ds[j] == 0.0:
        return lo
    if ds[j + 1] == 0.0:
        return hi
    tol = 1e-7 * max(hi, 1.0)
    finite = np.isfinite(ds)
    if finite[j] and finite[j + 1]:
        fit = PchipInterpolator(xs[finite], ds[finite])
        return float(brentq(lambda x: float(fit(x)), lo, hi, xtol=tol, rtol=1e-12))

    def g(x: float) -> float:
        return float(ipr.pwf(x)) - float(vlp(np.array([x]))[0])

    return float(bisect(g, lo, hi, xtol=1e-4 * max(hi, 1.0)))


def operating_point(
    ipr: InflowModel, vlp: VlpFunction, rates_stb_d: FloatArray | None = None
) -> OperatingPoint | None:
    """The stable operating point: the right-most intersection where IPR crosses VLP from
    above. None when the well is dead (VLP above the IPR at every rate)."""
    q = rate_grid(ipr) if rates_stb_d is None else rates_stb_d
    stable = [p for p in find_intersections(ipr, vlp, q) if p.stable]
    return stable[-1] if stable else None


def _result(ipr: InflowModel, vlp: VlpFunction, q: FloatArray) -> NodalResult:
    v = vlp(q)
    pts = find_intersections(ipr, vlp, q, v)
    stable = [p for p in pts if p.stable]
    return NodalResult(q, ipr.pwf(q), v, stable[-1] if stable else None, pts)


def nodal_analysis(
    ipr: InflowModel,
    outflow: Outflow,
    thp_psia: float,
    rates_stb_d: ArrayLike | None = None,
) -> NodalResult:
    """IPR and VLP curves at a tubing-head pressure and their operating point."""
    q = rate_grid(ipr) if rates_stb_d is None else np.asarray(rates_stb_d, dtype=np.float64)
    return _result(ipr, lambda r: outflow.pwf(r, thp_psia), q)


def _family(
    ipr: InflowModel,
    parameter: str,
    unit: str,
    values: Sequence[float],
    vlp_for: Callable[[float], VlpFunction],
    rates_stb_d: ArrayLike | None,
    batched: Callable[[FloatArray, FloatArray], FloatArray] | None = None,
) -> Sensitivity:
    """Evaluate a family; ``batched(values, q)`` may compute every case's curve in one
    traverse (rates tiled per case), when only the wellhead pressure differs between cases."""
    q = rate_grid(ipr) if rates_stb_d is None else np.asarray(rates_stb_d, dtype=np.float64)
    vals = np.asarray(values, dtype=np.float64)
    grid = None if batched is None else batched(vals, q).reshape(vals.size, q.size)
    cases = []
    for k, value in enumerate(vals):
        vlp = vlp_for(float(value))
        v = vlp(q) if grid is None else grid[k]
        pts = find_intersections(ipr, vlp, q, v)
        stable = [p for p in pts if p.stable]
        cases.append(SensitivityCase(float(value), v, stable[-1] if stable else None))
    return Sensitivity(parameter, unit, q, ipr.pwf(q), tuple(cases))


def thp_sensitivity(
    ipr: InflowModel,
    outflow: Outflow,
    thp_values_psia: Sequence[float],
    rates_stb_d: ArrayLike | None = None,
) -> Sensitivity:
    """One VLP curve and operating point per tubing-head pressure."""

    def vlp_for(thp: float) -> VlpFunction:
        return lambda r: outflow.pwf(r, thp)

    def batched(thps: FloatArray, q: FloatArray) -> FloatArray:
        return outflow.pwf(np.tile(q, thps.size), np.repeat(thps, q.size))

    return _family(ipr, "thp", "psia", thp_values_psia, vlp_for, rates_stb_d, batched)


def choked_thp(
    outflow: Outflow,
    rates_stb_d: FloatArray,
    bean_64ths: float | FloatArray,
    flowline_psia: float,
    correlation: choke_mod.ChokeCorrelation = choke_mod.GILBERT,
) -> FloatArray:
    """Tubing-head pressure a wellhead choke imposes at each rate.

    Gilbert-type critical flow gives p_wh(q) for the producing GLR at the surface; THP never
    falls below the flowline pressure (at low rates the bean stops controlling and flow is
    sub-critical, outside the correlation: there THP is taken as the flowline pressure).
    """
    glr = outflow.production.lifted_glr_scf_stb
    p_wh = choke_mod.wellhead_pressure(rates_stb_d, glr, bean_64ths, correlation)
    return np.maximum(p_wh, flowline_psia)


def choke_sensitivity(
    ipr: InflowModel,
    outflow: Outflow,
    bean_sizes_64ths: Sequence[float],
    flowline_psia: float,
    correlation: choke_mod.ChokeCorrelation = choke_mod.GILBERT,
    rates_stb_d: ArrayLike | None = None,
) -> Sensitivity:
    """One VLP (with the choke's THP at each rate) and operating point per bean size."""

    def vlp_for(bean: float) -> VlpFunction:
        return lambda r: outflow.pwf(
            r, choked_thp(outflow, np.atleast_1d(r), bean, flowline_psia, correlation)
        )

    def batched(beans: FloatArray, q: FloatArray) -> FloatArray:
        q_all = np.tile(q, beans.size)
        bean_all = np.repeat(beans, q.size)
        return outflow.pwf(q_all, choked_thp(outflow, q_all, bean_all, flowline_psia, correlation))

    return _family(ipr, "choke", "1/64 in", bean_sizes_64ths, vlp_for, rates_stb_d, batched)


def esp_frequency_sensitivity(
    ipr: InflowModel,
    outflow: Outflow,
    thp_psia: float,
    frequencies_hz: Sequence[float],
    rates_stb_d: ArrayLike | None = None,
) -> Sensitivity:
    """One VLP (pump at that frequency, affinity laws) and operating point per frequency."""
    if outflow.pump is None:
        raise ValueError("the outflow has no ESP")

    def vlp_for(hz: float) -> VlpFunction:
        o = outflow.with_changes(pump_hz=hz)
        return lambda r: o.pwf(r, thp_psia)

    return _family(ipr, "esp_frequency", "Hz", frequencies_hz, vlp_for, rates_stb_d)


def glr_sensitivity(
    ipr: InflowModel,
    outflow: Outflow,
    thp_psia: float,
    glr_values_scf_stb: Sequence[float],
    injection_md_ft: float | None = None,
    rates_stb_d: ArrayLike | None = None,
) -> Sensitivity:
    """Gas lift: one VLP and operating point per total GLR above the injection point.

    Values below the formation GLR are raised to it (lift gas cannot be negative).
    ``injection_md_ft`` None injects at the bottom (the classic GLR family).
    """
    prod = outflow.production

    def vlp_for(glr: float) -> VlpFunction:
        p = dataclasses.replace(
            prod,
            glr_total_scf_stb=max(glr, prod.formation_glr_scf_stb),
            injection_md_ft=injection_md_ft,
        )
        o = outflow.with_changes(production=p)
        return lambda r: o.pwf(r, thp_psia)

    return _family(ipr, "glr", "scf/STB", glr_values_scf_stb, vlp_for, rates_stb_d)
