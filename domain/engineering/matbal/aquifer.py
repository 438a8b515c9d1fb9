"""Aquifer influx models: cumulative water influx ``We`` (rb) from a pressure history.

Every model has an *aquifer constant* in rb/psi that scales its influx linearly, with the shape
of the response (how fast the aquifer answers) fixed by its other parameters. That is what lets
the material balance fit the constant by least squares (Havlena and Odeh 1963, plot of
``F/Et`` against ``We/Et``: the slope is the factor by which the constant must be multiplied,
≈ 1 when the aquifer description is right) while the shape is chosen among candidates, as Dake
(1978, ch. 9) does by trial of the outer radius ratio.

Models (units: pressure psia, time days, volumes rb):

* :class:`PotAquifer`: a small aquifer in pressure equilibrium with the reservoir,
  ``We = C (p_i - p)``, ``C = (c_w + c_f) W_i`` (Ahmed, *Reservoir Engineering Handbook*,
  ch. 10; Dake 1978 ch. 9).
* :class:`FetkovichAquifer`: finite aquifer in pseudo-steady state (Fetkovich, "A Simplified
  Approach to Water Influx Calculations - Finite Aquifer Systems", JPT July 1971), with the
  usual step form: ``ΔWe_n = (W_ei/p_i)(p̄_a,n-1 - p̄_r,n)(1 - exp(-J p_i Δt_n / W_ei))``,
  ``p̄_r,n = (p_n-1 + p_n)/2``, ``p̄_a,n = p_i (1 - We_n / W_ei)``. Here ``C = W_ei / p_i =
  c_t W_i``, so the aquifer pressure is ``p_i - We/C``.
* :class:`VanEverdingenHurstAquifer`: radial aquifer, unsteady state, exact superposition of
  the constant-terminal-pressure solution (van Everdingen and Hurst, "The Application of the
  Laplace Transformation to Flow Problems in Reservoirs", Trans. AIME 186, 1949):
  ``We(t_n) = U Σ_j Δp_j W_D(t_Dn - t_Dj)`` with ``Δp_0 = (p_0 - p_1)/2``,
  ``Δp_j = (p_j-1 - p_j+1)/2`` (Dake 1978 ch. 9; Ahmed ch. 10).
* :class:`CarterTracyAquifer`: the same aquifer without superposition (Carter and Tracy, "An
  Improved Method for Calculating Water Influx", Trans. AIME 219, 1960), using the
  constant-terminal-rate ``p_D(t_D)`` and its derivative.

The dimensionless functions come from the Laplace-space solutions of the radial diffusivity
equation (van Everdingen and Hurst 1949), inverted numerically with the Stehfest algorithm
(Stehfest, "Numerical Inversion of Laplace Transforms", Comm. ACM 13(1), 1970). For the
infinite aquifer ``p_D`` the Edwardson et al. polynomial fits are used instead (Edwardson,
Girner, Parkison, Williams and Matthews, "Calculation of Formation Temperature Disturbances
Caused by Mud Circulation", JPT April 1962; quoted for Carter-Tracy in Ahmed ch. 10): they are
fast and agree with the exact inversion to about 1e-5 for 0.5 <= t_D <= 100 (our tests check it).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import ClassVar, Protocol, Self

import numpy as np
import numpy.typing as npt
from scipy.special import ive, kve

from ._checks import FloatArray, column, positive, strictly_increasing

# Field-unit constants (Dake 1978 ch. 9; Ahmed ch. 10).
_U_FACTOR = 1.119  # U = 1.119 φ c_t h r² (θ/360), rb/psi with h, r in ft
_TD_FACTOR = 0.006328  # t_D = 0.006328 k t / (φ μ c_t r²), t in days, k in mD, μ in cP
_J_FACTOR = 0.00708  # J = 0.00708 k h (θ/360) / (μ ln-term), rb/day/psi
_FT3_PER_BBL = 5.614583


class AquiferModel(Protocol):
    """What the material-balance solvers need from an aquifer model."""

    @property
    def constant(self) -> float:
        """Aquifer constant, rb/psi: the influx scales linearly with it."""
        ...

    @property
    def needs_time(self) -> bool:
        """True when the influx depends on the time of each pressure step."""
        ...

    def influx(self, time_days: npt.ArrayLike | None, pressure: npt.ArrayLike) -> FloatArray:
        """Cumulative influx, rb, at each step (0 at step 0, the initial pressure)."""
        ...

    def scaled(self, factor: float) -> AquiferModel:
        """The same response shape with the influx multiplied by ``factor``."""
        ...

    def describe(self) -> str:
        """One line for the HMI's candidate table."""
        ...


def _check_constant(value: float) -> None:
    if not (math.isfinite(value) and value > 0.0):
        raise ValueError(f"aquifer constant must be > 0 rb/psi, got {value!r}")


def _check_red(red: float | None) -> None:
    if red is not None and not (math.isfinite(red) and red > 1.0):
        raise ValueError(f"outer radius ratio r_a/r_o must be > 1 (or None: infinite), got {red!r}")


def _history(time_days: npt.ArrayLike | None, pressure: FloatArray, needs_time: bool) -> FloatArray:
    positive("pressure", pressure)
    if not needs_time:
        return np.zeros(len(pressure))
    if time_days is None:
        raise ValueError("this aquifer model needs the time of each pressure step (time_days)")
    t = column("time_days", time_days)
    if len(t) != len(pressure):
        raise ValueError("time_days and pressure need the same number of rows")
    strictly_increasing("time_days", t)
    return t - t[0]


@dataclass(frozen=True)
class PotAquifer:
    """Pot aquifer: ``We = constant * (p_i - p)``; constant = (c_w + c_f) W_i, rb/psi."""

    constant: float

    def __post_init__(self) -> None:
        _check_constant(self.constant)

    @property
    def needs_time(self) -> bool:
        return False

    def influx(self, time_days: npt.ArrayLike | None, pressure: npt.ArrayLike) -> FloatArray:
        p = column("pressure", pressure)
        _history(time_days, p, needs_time=False)
        return self.constant * (p[0] - p)

    def scaled(self, factor: float) -> PotAquifer:
        return replace(self, constant=self.constant * factor)

    def describe(self) -> str:
        return f"pot aquifer, C = {self.constant:.6g} rb/psi"


@dataclass(frozen=True)
class FetkovichAquifer:
    """Fetkovich (1971) finite aquifer.

    ``constant`` = c_t W_i = W_ei / p_i (rb/psi); ``productivity_index`` J (rb/day/psi). The
    response time constant is ``constant / J`` days; a very large J makes it a pot aquifer.
    """

    constant: float
    productivity_index: float

    def __post_init__(self) -> None:
        _check_constant(self.constant)
        j = self.productivity_index
        if not (j > 0.0 and not math.isnan(j)):
            raise ValueError(f"aquifer productivity index must be > 0 rb/day/psi, got {j!r}")

    @property
    def needs_time(self) -> bool:
        return True

    def influx(self, time_days: npt.ArrayLike | None, pressure: npt.ArrayLike) -> FloatArray:
        p = column("pressure", pressure)
        t = _history(time_days, p, needs_time=True)
        # 1 - exp(-J p_i Δt / W_ei) with W_ei = C p_i
        decay = -np.expm1(-self.productivity_index * np.diff(t) / self.constant)
        we = np.zeros(len(p))
        p_aq = p[0]
        for n in range(1, len(p)):
            p_res = 0.5 * (p[n - 1] + p[n])  # average boundary pressure over the step
            we[n] = we[n - 1] + self.constant * (p_aq - p_res) * decay[n - 1]
            p_aq = p[0] - we[n] / self.constant  # aquifer depleted by what it gave
        return we

    def scaled(self, factor: float) -> FetkovichAquifer:
        # scaling C and J together keeps the time constant C/J: same shape, larger aquifer
        return replace(
            self,
            constant=self.constant * factor,
            productivity_index=self.productivity_index * factor,
        )

    def describe(self) -> str:
        return (
            f"Fetkovich, C = {self.constant:.6g} rb/psi, J = {self.productivity_index:.6g} "
            f"rb/day/psi (time constant {self.constant / self.productivity_index:.4g} days)"
        )


@dataclass(frozen=True)
class _RadialAquifer:
    """What the two radial models share: U (rb/psi, see :func:`radial_aquifer_constant`),
    ``td_per_day`` the dimensionless time of one day (see :func:`dimensionless_time_per_day`),
    ``outer_radius_ratio`` r_a/r_o for a bounded (closed) aquifer, None for an infinite one."""

    constant: float
    td_per_day: float
    outer_radius_ratio: float | None = None
    #: the model's name in :meth:`describe`
    label: ClassVar[str] = ""

    def __post_init__(self) -> None:
        _check_constant(self.constant)
        if not (math.isfinite(self.td_per_day) and self.td_per_day > 0.0):
            raise ValueError(f"td_per_day must be > 0, got {self.td_per_day!r}")
        _check_red(self.outer_radius_ratio)

    @property
    def needs_time(self) -> bool:
        return True

    def scaled(self, factor: float) -> Self:
        return replace(self, constant=self.constant * factor)

    def describe(self) -> str:
        red = (
            "infinite"
            if self.outer_radius_ratio is None
            else f"r_a/r_o = {self.outer_radius_ratio:g}"
        )
        return f"{self.label}, {red}, U = {self.constant:.6g} rb/psi"


@dataclass(frozen=True)
class VanEverdingenHurstAquifer(_RadialAquifer):
    """Radial aquifer by van Everdingen-Hurst superposition (parameters: :class:`_RadialAquifer`).
    """

    label: ClassVar[str] = "van Everdingen-Hurst"

    def influx(self, time_days: npt.ArrayLike | None, pressure: npt.ArrayLike) -> FloatArray:
        p = column("pressure", pressure)
        t = _history(time_days, p, needs_time=True)
        n = len(p)
        dp = np.empty(n - 1)
        dp[0] = 0.5 * (p[0] - p[1])
        dp[1:] = 0.5 * (p[:-2] - p[2:])
        # all (step n, pressure drop j < n) pairs; W_D evaluated once per distinct Δt
        rows, cols = np.tril_indices(n - 1)
        rows = rows + 1
        delta = t[rows] - t[cols]
        uniq, inv = np.unique(delta, return_inverse=True)
        wd = dimensionless_influx(uniq * self.td_per_day, self.outer_radius_ratio)[inv]
        we = np.zeros(n)
        np.add.at(we, rows, dp[cols] * wd)
        return self.constant * we


@dataclass(frozen=True)
class CarterTracyAquifer(_RadialAquifer):
    """Radial aquifer by Carter-Tracy (1960): same parameters as
    :class:`VanEverdingenHurstAquifer`, no superposition.

    ``We_n = We_n-1 + (t_Dn - t_Dn-1) (U Δp_n - We_n-1 p_D'(t_Dn)) / (p_D(t_Dn) - t_Dn-1
    p_D'(t_Dn))`` with ``Δp_n = p_i - p_n``. It approximates the superposition and is known to
    under-predict the first steps (Ahmed ch. 10); compare with the exact model when in doubt.
    """

    label: ClassVar[str] = "Carter-Tracy"

    def influx(self, time_days: npt.ArrayLike | None, pressure: npt.ArrayLike) -> FloatArray:
        p = column("pressure", pressure)
        td = _history(time_days, p, needs_time=True) * self.td_per_day
        pd = dimensionless_pressure(td[1:], self.outer_radius_ratio)
        dpd = dimensionless_pressure_derivative(td[1:], self.outer_radius_ratio)
        we = np.zeros(len(p))
        for n in range(1, len(p)):
            k = n - 1
            num = self.constant * (p[0] - p[n]) - we[n - 1] * dpd[k]
            we[n] = we[n - 1] + (td[n] - td[n - 1]) * num / (pd[k] - td[n - 1] * dpd[k])
        return we


# --- geometry helpers (field units) -----------------------------------------------------------


def radial_aquifer_constant(
    porosity: float,
    total_compressibility: float,
    thickness_ft: float,
    reservoir_radius_ft: float,
    angle_deg: float = 360.0,
) -> float:
    """van Everdingen-Hurst aquifer constant ``U = 1.119 φ c_t h r_o² θ/360``, rb/psi.

    ``total_compressibility`` = c_w + c_f of the aquifer, 1/psi; ``angle_deg`` the sector of
    the reservoir boundary the aquifer faces (Dake 1978 ch. 9; Ahmed ch. 10).
    """
    _geometry(porosity, total_compressibility, thickness_ft, reservoir_radius_ft, angle_deg)
    return (
        _U_FACTOR
        * porosity
        * total_compressibility
        * thickness_ft
        * reservoir_radius_ft**2
        * (angle_deg / 360.0)
    )


def dimensionless_time_per_day(
    permeability_md: float,
    porosity: float,
    viscosity_cp: float,
    total_compressibility: float,
    reservoir_radius_ft: float,
) -> float:
    """``t_D`` of one day: ``0.006328 k / (φ μ_w c_t r_o²)`` (Dake 1978 ch. 9, t in days)."""
    for name, v in (
        ("permeability_md", permeability_md),
        ("viscosity_cp", viscosity_cp),
    ):
        if not (math.isfinite(v) and v > 0.0):
            raise ValueError(f"{name} must be > 0, got {v!r}")
    _geometry(porosity, total_compressibility, 1.0, reservoir_radius_ft, 360.0)
    return (
        _TD_FACTOR
        * permeability_md
        / (porosity * viscosity_cp * total_compressibility * reservoir_radius_ft**2)
    )


def pot_aquifer_constant(
    porosity: float,
    total_compressibility: float,
    thickness_ft: float,
    reservoir_radius_ft: float,
    aquifer_radius_ft: float,
    angle_deg: float = 360.0,
) -> float:
    """``C = c_t W_i = c_t π (r_a² - r_o²) h φ (θ/360) / 5.615``, rb/psi (Ahmed ch. 10).

    The same number is the ``constant`` of a :class:`FetkovichAquifer` (``W_ei = C p_i``).
    """
    _geometry(porosity, total_compressibility, thickness_ft, reservoir_radius_ft, angle_deg)
    if not aquifer_radius_ft > reservoir_radius_ft:
        raise ValueError("aquifer_radius_ft must exceed reservoir_radius_ft")
    water = math.pi * (aquifer_radius_ft**2 - reservoir_radius_ft**2) * thickness_ft * porosity
    return total_compressibility * water * (angle_deg / 360.0) / _FT3_PER_BBL


def fetkovich_productivity_index(
    permeability_md: float,
    thickness_ft: float,
    viscosity_cp: float,
    outer_radius_ratio: float,
    angle_deg: float = 360.0,
    *,
    constant_pressure_outer_boundary: bool = False,
) -> float:
    """Radial aquifer productivity index J, rb/day/psi (Fetkovich 1971, table 1).

    ``J = 0.00708 k h (θ/360) / (μ_w (ln(r_a/r_o) - 3/4))`` for a closed outer boundary
    (pseudo-steady state); ``ln(r_a/r_o)`` alone for a constant-pressure outer boundary.
    """
    for name, v in (
        ("permeability_md", permeability_md),
        ("thickness_ft", thickness_ft),
        ("viscosity_cp", viscosity_cp),
    ):
        if not (math.isfinite(v) and v > 0.0):
            raise ValueError(f"{name} must be > 0, got {v!r}")
    _check_red(outer_radius_ratio)
    if not 0.0 < angle_deg <= 360.0:
        raise ValueError(f"angle_deg must be in (0, 360], got {angle_deg!r}")
    ln_term = math.log(outer_radius_ratio) - (0.0 if constant_pressure_outer_boundary else 0.75)
    if ln_term <= 0.0:
        raise ValueError(
            "outer radius ratio too small for the pseudo-steady-state form (ln r < 3/4)"
        )
    return (
        _J_FACTOR * permeability_md * thickness_ft * (angle_deg / 360.0) / (viscosity_cp * ln_term)
    )


def _geometry(phi: float, ct: float, h: float, r: float, angle: float) -> None:
    if not 0.0 < phi < 1.0:
        raise ValueError(f"porosity must be a fraction in (0, 1), got {phi!r}")
    if not (math.isfinite(ct) and 0.0 < ct < 1e-2):
        raise ValueError(f"total compressibility must be > 0 (1/psi), got {ct!r}")
    if not (math.isfinite(h) and h > 0.0 and math.isfinite(r) and r > 0.0):
        raise ValueError("thickness and radius must be > 0 ft")
    if not 0.0 < angle <= 360.0:
        raise ValueError(f"angle_deg must be in (0, 360], got {angle!r}")


# --- dimensionless radial-aquifer functions ---------------------------------------------------

_STEHFEST_N = 14  # even; 12..16 is the double-precision sweet spot


def _stehfest_weights(n: int) -> FloatArray:
    h = n // 2
    v = np.zeros(n)
    for i in range(1, n + 1):
        s = 0.0
        for k in range((i + 1) // 2, min(i, h) + 1):
            s += (
                k**h
                * math.factorial(2 * k)
                / (
                    math.factorial(h - k)
                    * math.factorial(k)
                    * math.factorial(k - 1)
                    * math.factorial(i - k)
                    * math.factorial(2 * k - i)
                )
            )
        v[i - 1] = (-1) ** (i + h) * s
    return v


_V = _stehfest_weights(_STEHFEST_N)


def _invert(fbar: Callable[[FloatArray], FloatArray], td: FloatArray) -> FloatArray:
    """Stehfest inversion of ``fbar`` at the times ``td`` (> 0)."""
    ln2 = math.log(2.0)
    s = np.outer(ln2 / td, np.arange(1, _STEHFEST_N + 1))
    return np.asarray((fbar(s) @ _V) * ln2 / td)


def _influx_kernel(s: FloatArray, red: float | None) -> tuple[FloatArray, FloatArray]:
    """Numerator and denominator (both times e^x) of s^1.5 W̄_D(s) = num / den.

    Infinite: ``K1(√s)/K0(√s)``; closed at r_D = red:
    ``[K1(x) I1(R) - I1(x) K1(R)] / [K0(x) I1(R) + I0(x) K1(R)]``, x = √s, R = red √s,
    rewritten with exponentially scaled Bessel functions so nothing overflows.
    """
    x = np.sqrt(s)
    if red is None:
        return kve(1, x), kve(0, x)
    big_r = red * x
    ratio = kve(1, big_r) / ive(1, big_r) * np.exp(2.0 * (x - big_r))  # K1(R)/I1(R) e^{2x}
    return kve(1, x) - ratio * ive(1, x), kve(0, x) + ratio * ive(0, x)


def _positive_td(td: npt.ArrayLike) -> tuple[FloatArray, FloatArray, npt.NDArray[np.bool_]]:
    t = np.atleast_1d(np.asarray(td, dtype=np.float64))
    if np.any(~np.isfinite(t)) or np.any(t < 0.0):
        raise ValueError("dimensionless time must be finite and >= 0")
    pos = t > 0.0
    return t, np.zeros_like(t), pos


def dimensionless_influx(td: npt.ArrayLike, outer_radius_ratio: float | None = None) -> FloatArray:
    """van Everdingen-Hurst ``W_D(t_D)``: cumulative influx for a unit constant pressure drop.

    Radial aquifer, infinite or closed at ``r_a/r_o = outer_radius_ratio`` (then ``W_D`` tends
    to ``(r_eD² - 1)/2``). Laplace solution ``W̄_D = K1(√s) / (s^1.5 K0(√s))`` (infinite) and
    its closed-boundary analogue (van Everdingen and Hurst 1949), Stehfest inversion.
    """
    _check_red(outer_radius_ratio)
    t, out, pos = _positive_td(td)
    if pos.any():

        def wbar(s: FloatArray) -> FloatArray:
            num, den = _influx_kernel(s, outer_radius_ratio)
            return np.asarray(num / (den * s**1.5))

        out[pos] = _invert(wbar, t[pos])
    return out


def dimensionless_pressure(
    td: npt.ArrayLike, outer_radius_ratio: float | None = None
) -> FloatArray:
    """Constant-terminal-rate ``p_D(t_D)`` at the reservoir boundary (Carter-Tracy's kernel).

    Infinite aquifer: Edwardson et al. (1962) fits, ``p_D = (370.529√t + 137.582 t +
    5.69549 t^1.5) / (328.834 + 265.488√t + 45.2157 t + t^1.5)`` for ``t_D <= 100`` and
    ``p_D = (ln t_D + 0.80907)/2`` beyond. Closed aquifer: Stehfest inversion of
    ``p̄_D = 1/(s³ W̄_D)`` (the van Everdingen-Hurst reciprocity of the two solutions).
    """
    _check_red(outer_radius_ratio)
    t, out, pos = _positive_td(td)
    if not pos.any():
        return out
    if outer_radius_ratio is None:
        tp = t[pos]
        st = np.sqrt(tp)
        poly = (370.529 * st + 137.582 * tp + 5.69549 * tp**1.5) / (
            328.834 + 265.488 * st + 45.2157 * tp + tp**1.5
        )
        out[pos] = np.where(tp <= 100.0, poly, 0.5 * (np.log(tp) + 0.80907))
        return out

    def pbar(s: FloatArray) -> FloatArray:
        num, den = _influx_kernel(s, outer_radius_ratio)
        return np.asarray(den / (num * s**1.5))

    out[pos] = _invert(pbar, t[pos])
    return out


def dimensionless_pressure_derivative(
    td: npt.ArrayLike, outer_radius_ratio: float | None = None
) -> FloatArray:
    """``dp_D/dt_D``. Infinite: Edwardson et al. (1962) fit ``(716.441 + 46.7984√t +
    270.038 t + 71.0098 t^1.5) / (1296.86√t + 1204.73 t + 618.618 t^1.5 + 538.072 t² +
    142.41 t^2.5)`` for ``t_D <= 100``, ``1/(2 t_D)`` beyond. Closed: Stehfest inversion of
    ``s p̄_D`` (p_D(0) = 0)."""
    _check_red(outer_radius_ratio)
    t, out, pos = _positive_td(td)
    if not pos.any():
        return out
    if outer_radius_ratio is None:
        tp = t[pos]
        st = np.sqrt(tp)
        poly = (716.441 + 46.7984 * st + 270.038 * tp + 71.0098 * tp**1.5) / (
            1296.86 * st + 1204.73 * tp + 618.618 * tp**1.5 + 538.072 * tp**2 + 142.41 * tp**2.5
        )
        out[pos] = np.where(tp <= 100.0, poly, 0.5 / tp)
        return out

    def dbar(s: FloatArray) -> FloatArray:
        num, den = _influx_kernel(s, outer_radius_ratio)
        return np.asarray(den / (num * np.sqrt(s)))

    out[pos] = _invert(dbar, t[pos])
    return out
