"""Natural-gas properties: pseudo-critical constants, z-factor, Bg, density, viscosity, cg.

Units are oilfield: psia, degF (degR inside the corresponding-states formulas), lb/ft3, cP, 1/psi.
Standard conditions are 14.696 psia and 60 degF.

The z-factor is solved for the *reduced density* rather than for z itself, because the
correlations are explicit in density: for a given reduced temperature the reduced pressure is a
monotone function of reduced density everywhere on the Standing-Katz chart (Tpr >= 1.05), so a
bracketed Newton iteration converges to the one root from any start. Just above Tpr = 1.0 both
fits show a small van der Waals loop; there we march up from zero density and keep the *smallest*
root, the gas-like one, which is the physical answer for a gas.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from domain.engineering.pvt import _checks as chk

ZMethod = Literal["dak", "hy"]
Z_METHODS: tuple[ZMethod, ...] = ("dak", "hy")

# Critical constants of the non-hydrocarbons (GPSA Engineering Data Book, physical constants
# table): Tc in degR, pc in psia, and gravity relative to air (M / 28.96).
_TC_N2, _PC_N2, _SG_N2 = 227.16, 493.1, 0.9672
_TC_CO2, _PC_CO2, _SG_CO2 = 547.58, 1071.0, 1.5196
_TC_H2S, _PC_H2S, _SG_H2S = 672.12, 1300.0, 1.1767

# Dranchuk & Abou-Kassem (1975) constants A1..A11.
_A1, _A2, _A3, _A4, _A5 = 0.3265, -1.0700, -0.5339, 0.01569, -0.05165
_A6, _A7, _A8, _A9, _A10, _A11 = 0.5475, -0.7361, 0.1844, 0.1056, 0.6134, 0.7210

# Ranges in which the z solvers are defined (see z_factor).
TPR_MIN, TPR_MAX, PPR_MAX = 1.0, 3.0, 30.0
TPR_MIN_LOW_P, PPR_MAX_LOW_T = 0.7, 1.0  # DAK's extension below the critical temperature
_TPR_MONOTONE = 1.05  # at and above this, reduced pressure rises monotonically with density


@dataclass(frozen=True)
class PseudoCritical:
    """Pseudo-critical temperature (degR) and pressure (psia) of a gas mixture."""

    tpc_degr: float
    ppc_psia: float

    def reduced(self, p_psia: float, t_degf: float) -> tuple[float, float]:
        """(Tpr, Ppr) at ``p_psia``, ``t_degf``."""
        return (t_degf + chk.RANKINE_OFFSET) / self.tpc_degr, p_psia / self.ppc_psia


# --- pseudo-critical properties --------------------------------------------------------------


def sutton_pseudo_critical(gas_sg: float) -> PseudoCritical:
    """Pseudo-critical properties of a *hydrocarbon* gas from its gravity.

    Sutton, R.P. (1985) "Compressibility Factors for High-Molecular-Weight Reservoir Gases",
    SPE-14265:  Tpc = 169.2 + 349.5 g - 74.0 g^2 (degR),  ppc = 756.8 - 131.0 g - 3.6 g^2 (psia).
    Fitted to 264 gases with 0.57 <= g <= 1.68; preferred over Standing's curves for rich
    (high-gravity) associated gases, which are the usual case in an oil well.
    """
    g = chk.gas_gravity(gas_sg)
    return PseudoCritical(169.2 + 349.5 * g - 74.0 * g * g, 756.8 - 131.0 * g - 3.6 * g * g)


def standing_pseudo_critical(gas_sg: float) -> PseudoCritical:
    """Pseudo-critical properties of a natural gas (Standing's curves, "natural gas systems").

    Standing, M.B. (1977/1981) "Volumetric and Phase Behavior of Oil Field Hydrocarbon Systems",
    SPE, as fitted in Ahmed, T. "Reservoir Engineering Handbook", ch. 2:
    Tpc = 168 + 325 g - 12.5 g^2 (degR),  ppc = 677 + 15 g - 37.5 g^2 (psia).
    Kept for reproducing textbook examples; :func:`sutton_pseudo_critical` is the default.
    """
    g = chk.gas_gravity(gas_sg)
    return PseudoCritical(168.0 + 325.0 * g - 12.5 * g * g, 677.0 + 15.0 * g - 37.5 * g * g)


def wichert_aziz_epsilon(y_h2s: float, y_co2: float) -> float:
    """Wichert-Aziz pseudo-critical temperature adjustment epsilon, degR.

    Wichert, E. & Aziz, K. (1972) "Calculate Z's for Sour Gases", Hydrocarbon Processing 51(5),
    119-122:  eps = 120 (A^0.9 - A^1.6) + 15 (B^0.5 - B^4), A = y_H2S + y_CO2, B = y_H2S.
    Valid to 73.8 mol% H2S and 54.4 mol% CO2 (their data).
    """
    b = chk.fraction("H2S mole fraction", y_h2s)
    a = b + chk.fraction("CO2 mole fraction", y_co2)
    if a >= 1.0:
        raise ValueError(f"H2S + CO2 mole fractions must be < 1, got {a:g}")
    return 120.0 * (a**0.9 - a**1.6) + 15.0 * (b**0.5 - b**4)


def wichert_aziz(pc: PseudoCritical, y_h2s: float, y_co2: float) -> PseudoCritical:
    """Correct pseudo-critical properties for H2S and CO2 (Wichert & Aziz 1972).

    T'pc = Tpc - eps;  p'pc = ppc T'pc / (Tpc + B (1 - B) eps), B = y_H2S. Without the correction
    z of a sour gas is overestimated, by up to ~10% at 30% acid gas.
    """
    eps = wichert_aziz_epsilon(y_h2s, y_co2)
    b = y_h2s
    tpc = pc.tpc_degr - eps
    return PseudoCritical(tpc, pc.ppc_psia * tpc / (pc.tpc_degr + b * (1.0 - b) * eps))


def pseudo_critical(
    gas_sg: float, y_h2s: float = 0.0, y_co2: float = 0.0, y_n2: float = 0.0
) -> PseudoCritical:
    """Pseudo-critical properties of a natural gas that may contain N2, CO2 and H2S.

    The non-hydrocarbons distort a gravity-based correlation (CO2 is heavy but has a low Tc), so
    they are taken out first: the hydrocarbon gravity is
    g_hc = (g - 0.967 y_N2 - 1.520 y_CO2 - 1.177 y_H2S) / (1 - y_N2 - y_CO2 - y_H2S),
    the hydrocarbon part gets Sutton (1985) constants, the whole mixture is combined by Kay's
    molar rule (Kay, W.B. 1936, Ind. Eng. Chem. 28, 1014) with the components' own critical
    constants, and the result is corrected for acid gas by Wichert & Aziz (1972). For a sweet gas
    this is exactly :func:`sutton_pseudo_critical`.
    """
    g = chk.gas_gravity(gas_sg)
    yh = chk.fraction("H2S mole fraction", y_h2s)
    yc = chk.fraction("CO2 mole fraction", y_co2)
    yn = chk.fraction("N2 mole fraction", y_n2)
    y_non_hc = yh + yc + yn
    if y_non_hc == 0.0:
        return sutton_pseudo_critical(g)
    if y_non_hc >= 1.0:
        raise ValueError(f"N2 + CO2 + H2S mole fractions must be < 1, got {y_non_hc:g}")
    g_hc = (g - _SG_N2 * yn - _SG_CO2 * yc - _SG_H2S * yh) / (1.0 - y_non_hc)
    if g_hc <= 0.55:
        raise ValueError(
            f"gas gravity {g:g} is too low for its N2/CO2/H2S content: the hydrocarbon part "
            f"would have gravity {g_hc:.3f} (< 0.55, lighter than methane)"
        )
    hc = sutton_pseudo_critical(g_hc)
    y_hc = 1.0 - y_non_hc
    mixed = PseudoCritical(
        y_hc * hc.tpc_degr + yn * _TC_N2 + yc * _TC_CO2 + yh * _TC_H2S,
        y_hc * hc.ppc_psia + yn * _PC_N2 + yc * _PC_CO2 + yh * _PC_H2S,
    )
    if yh == 0.0 and yc == 0.0:
        return mixed
    return wichert_aziz(mixed, yh, yc)


# --- z-factor: the two equations of state in reduced density ---------------------------------


def _dak_coefficients(tpr: float) -> tuple[float, float, float, float]:
    t = tpr
    c1 = _A1 + _A2 / t + _A3 / t**3 + _A4 / t**4 + _A5 / t**5
    c2 = _A6 + _A7 / t + _A8 / t**2
    c3 = _A9 * (_A7 / t + _A8 / t**2)
    c4 = _A10 / t**3
    return c1, c2, c3, c4


def _dak_z(rho: float, c: tuple[float, float, float, float]) -> tuple[float, float]:
    """DAK z and dz/d(rho_r) at reduced density ``rho``."""
    c1, c2, c3, c4 = c
    r2 = rho * rho
    e = math.exp(-_A11 * r2)
    z = 1.0 + c1 * rho + c2 * r2 - c3 * r2 * r2 * rho + c4 * (1.0 + _A11 * r2) * r2 * e
    dz = (
        c1
        + 2.0 * c2 * rho
        - 5.0 * c3 * r2 * r2
        + c4 * e * (2.0 * rho + 2.0 * _A11 * r2 * rho - 2.0 * _A11 * _A11 * r2 * r2 * rho)
    )
    return z, dz


def _hy_coefficients(tpr: float) -> tuple[float, float, float, float]:
    t = 1.0 / tpr
    a = 0.06125 * t * math.exp(-1.2 * (1.0 - t) ** 2)
    b = 14.76 * t - 9.76 * t * t + 4.58 * t**3
    c = 90.7 * t - 242.2 * t * t + 42.4 * t**3
    d = 2.18 + 2.82 * t
    return a, b, c, d


def _hy_f(y: float, ppr: float, k: tuple[float, float, float, float]) -> tuple[float, float]:
    """Hall-Yarborough residual F(y) and dF/dy at reduced density ``y``."""
    a, b, c, d = k
    om = 1.0 - y
    f = -a * ppr + (y + y * y + y**3 - y**4) / om**3 - b * y * y + c * y**d
    df = (
        (1.0 + 4.0 * y + 4.0 * y * y - 4.0 * y**3 + y**4) / om**4
        - 2.0 * b * y
        + c * d * y ** (d - 1.0)
    )
    return f, df


def _check_reduced(tpr: float, ppr: float, method: str) -> None:
    if method not in Z_METHODS:
        raise ValueError(f"unknown z-factor method {method!r}; use one of {Z_METHODS}")
    if not (math.isfinite(tpr) and math.isfinite(ppr)):
        raise ValueError(f"reduced temperature and pressure must be finite, got {tpr}, {ppr}")
    if ppr < 0.0:
        raise ValueError(f"reduced pressure must be >= 0, got {ppr:g} (negative pressure?)")
    if ppr > PPR_MAX:
        raise ValueError(f"reduced pressure {ppr:g} is above {PPR_MAX:g}, the z-factor range")
    if tpr > TPR_MAX:
        raise ValueError(f"reduced temperature {tpr:g} is above {TPR_MAX:g}, the z-factor range")
    if tpr >= TPR_MIN:
        return
    if method == "dak" and tpr >= TPR_MIN_LOW_P and ppr <= PPR_MAX_LOW_T:
        return
    raise ValueError(
        f"reduced temperature {tpr:g} at reduced pressure {ppr:g} is outside the z-factor range "
        f"(Tpr {TPR_MIN:g}-{TPR_MAX:g}; Dranchuk-Abou-Kassem also Tpr {TPR_MIN_LOW_P:g}-1.0 at "
        f"Ppr <= {PPR_MAX_LOW_T:g}): the gas is too cold or too heavy for a gas z-factor here"
    )


def _solve(
    fn: Callable[[float], tuple[float, float]],
    lo: float,
    g_lo: float,
    hi_max: float,
    step: float,
    guess: float,
    monotone: bool,
) -> float:
    """Smallest root of ``fn`` (x -> (g, g')) on (lo, hi_max], given g(lo) = ``g_lo`` < 0.

    Bracket first (doubling from the guess when g is monotone, marching up in ``step``
    otherwise, which is what guarantees the smallest root), then Newton kept inside the bracket.
    When a Newton step leaves the bracket (near the critical isotherm g has an inflection at the
    root) the fallback is false position clipped to the middle 80% of the bracket, so the
    bracket shrinks by at least 10% and usually far more.
    """
    if monotone:
        hi = min(max(guess, step), hi_max)
        g_hi = fn(hi)[0]
        while g_hi < 0.0:
            lo, g_lo = hi, g_hi
            if hi >= hi_max:
                raise ValueError("z-factor: no root below the maximum reduced density")
            hi = min(hi * 2.0, hi_max)
            g_hi = fn(hi)[0]
        x = min(max(guess, lo), hi)
    else:
        hi = lo + step
        g_hi = fn(hi)[0]
        while g_hi < 0.0:
            lo, g_lo = hi, g_hi
            hi += step
            if hi > hi_max:
                raise ValueError("z-factor: no root below the maximum reduced density")
            g_hi = fn(hi)[0]
        x = lo - g_lo * (hi - lo) / (g_hi - g_lo)
    for _ in range(200):
        g, dg = fn(x)
        if g == 0.0:
            return x
        if g < 0.0:
            lo, g_lo = x, g
        else:
            hi, g_hi = x, g
        width = hi - lo
        if width <= 1e-14 * max(1.0, x):
            return x
        newton = x - g / dg if dg > 0.0 else math.inf
        if lo < newton < hi:
            if abs(newton - x) <= 1e-13 * max(1.0, x):
                return newton
            x = newton
        else:
            x_fp = lo - g_lo * width / (g_hi - g_lo)
            x = min(max(x_fp, lo + 0.1 * width), hi - 0.1 * width)
    return x  # pragma: no cover - the bracket shrinks geometrically, 200 steps is plenty


def z_factor(tpr: float, ppr: float, method: ZMethod = "dak") -> float:
    """Gas compressibility factor z at reduced temperature ``tpr`` and pressure ``ppr``.

    ``method``:

    * ``"dak"`` - Dranchuk, P.M. & Abou-Kassem, J.H. (1975) "Calculation of Z Factors for Natural
      Gases Using Equations of State", J. Can. Pet. Tech. 14(3), 34-36: an 11-constant
      Benedict-Webb-Rubin-type fit to 1500 Standing-Katz chart points, average absolute error
      0.486%. Range 1.0 < Tpr <= 3.0, 0.2 <= Ppr < 30, and 0.7 < Tpr <= 1.0 at Ppr < 1.0.
    * ``"hy"`` - Hall, K.R. & Yarborough, L. (1973) "A New Equation of State for Z-factor
      Calculations", Oil & Gas J. 71(25), 82-92: Starling-Carnahan hard-sphere equation fitted to
      the chart. The authors advise against Tpr < 1; used here for 1.0 <= Tpr <= 3.0 and
      Ppr up to 30, like DAK.

    Both reproduce the Standing & Katz (1942) chart within ~1% for Tpr >= 1.2 and agree with each
    other within 2% there (Ppr <= 15). Near the critical isotherm (Tpr 1.05-1.15, Ppr 1-3) the
    chart's dip is not followed: DAK reads up to ~0.03-0.05 high in z, and the two differ by up
    to 17% at Tpr = 1.05. Ppr = 0 returns 1. Out-of-range input raises ValueError. Returns the
    gas-like (smallest-density) root.
    """
    tpr = float(tpr)
    ppr = float(ppr)
    _check_reduced(tpr, ppr, method)
    if ppr == 0.0:
        return 1.0
    return _z_and_cpr(tpr, ppr, method)[0]


def reduced_compressibility(tpr: float, ppr: float, method: ZMethod = "dak") -> float:
    """Pseudo-reduced isothermal compressibility cpr = cg * ppc (dimensionless).

    Exact derivative of the chosen equation of state (Mattar, Brar & Aziz 1975, "Compressibility
    of Natural Gases", J. Can. Pet. Tech. 14(4), 77-80, for DAK): from ppr = rho z Tpr / 0.27,
    cpr = 0.27 / (rho Tpr (z + rho dz/drho)); for Hall-Yarborough cpr = A / (y dF/dy). Both reduce
    to 1/Ppr for an ideal gas.
    """
    tpr = float(tpr)
    ppr = float(ppr)
    _check_reduced(tpr, ppr, method)
    if ppr == 0.0:
        raise ValueError("gas compressibility is infinite at zero pressure")
    return _z_and_cpr(tpr, ppr, method)[1]


def _z_and_cpr(tpr: float, ppr: float, method: str) -> tuple[float, float]:
    monotone = tpr >= _TPR_MONOTONE
    if method == "dak":
        c = _dak_coefficients(tpr)
        target = 0.27 * ppr / tpr

        def g_dak(rho: float) -> tuple[float, float]:
            z, dz = _dak_z(rho, c)
            return rho * z - target, z + rho * dz

        rho = _solve(g_dak, 0.0, -target, 6.0, 0.02, target, monotone)
        z, dz = _dak_z(rho, c)
        return z, 0.27 / (rho * tpr * (z + rho * dz))
    k = _hy_coefficients(tpr)

    def g_hy(y: float) -> tuple[float, float]:
        return _hy_f(y, ppr, k)

    # y < 1 (hard-sphere packing); ideal-gas guess y = A ppr.
    y = _solve(g_hy, 0.0, -k[0] * ppr, 0.999, 0.004, k[0] * ppr, monotone)
    _, df = _hy_f(y, ppr, k)
    return k[0] * ppr / y, k[0] / (y * df)


def z_factor_array(
    tpr: npt.ArrayLike, ppr: npt.ArrayLike, method: ZMethod = "dak"
) -> npt.NDArray[np.float64]:
    """Vectorised :func:`z_factor` over broadcast arrays of Tpr and Ppr.

    The same bracketed Newton iteration run on whole arrays (about 10 iterations to 1e-13),
    for tables and charts; points just above Tpr = 1 that need the marching search fall back to
    the scalar solver.
    """
    if method not in Z_METHODS:
        raise ValueError(f"unknown z-factor method {method!r}; use one of {Z_METHODS}")
    t, p = np.broadcast_arrays(chk.as_array("tpr", tpr), chk.as_array("ppr", ppr))
    t = t.astype(np.float64).ravel()
    p = p.astype(np.float64).ravel()
    ok = (p >= 0.0) & (p <= PPR_MAX) & (t <= TPR_MAX) & (t >= TPR_MIN)
    if method == "dak":
        ok |= (p >= 0.0) & (p <= PPR_MAX_LOW_T) & (t >= TPR_MIN_LOW_P) & (t <= TPR_MAX)
    if not np.all(ok):
        bad = int(np.flatnonzero(~ok)[0])
        _check_reduced(float(t[bad]), float(p[bad]), method)  # raises, naming the first bad point
    z = np.ones_like(t)
    easy = (t >= _TPR_MONOTONE) & (p > 0.0)
    if np.any(easy):
        z[easy] = _z_monotone_vec(t[easy], p[easy], method)
    for j in np.flatnonzero(~easy & (p > 0.0)):
        z[j] = _z_and_cpr(float(t[j]), float(p[j]), method)[0]
    shape = np.broadcast_shapes(np.shape(tpr), np.shape(ppr))
    return z.reshape(shape)


def _z_monotone_vec(
    t: npt.NDArray[np.float64], p: npt.NDArray[np.float64], method: str
) -> npt.NDArray[np.float64]:
    if method == "dak":
        c1 = _A1 + _A2 / t + _A3 / t**3 + _A4 / t**4 + _A5 / t**5
        c2 = _A6 + _A7 / t + _A8 / t**2
        c3 = _A9 * (_A7 / t + _A8 / t**2)
        c4 = _A10 / t**3
        target = 0.27 * p / t

        def fz(x: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.float64], ...]:
            r2 = x * x
            e = np.exp(-_A11 * r2)
            z = 1.0 + c1 * x + c2 * r2 - c3 * r2 * r2 * x + c4 * (1.0 + _A11 * r2) * r2 * e
            dz = (
                c1
                + 2.0 * c2 * x
                - 5.0 * c3 * r2 * r2
                + c4 * e * (2.0 * x + 2.0 * _A11 * r2 * x - 2.0 * _A11 * _A11 * r2 * r2 * x)
            )
            return x * z - target, z + x * dz, z

        x_max, guess = 6.0, target
        g_lo = -target
    else:
        tt = 1.0 / t
        a = 0.06125 * tt * np.exp(-1.2 * (1.0 - tt) ** 2)
        b = 14.76 * tt - 9.76 * tt**2 + 4.58 * tt**3
        c = 90.7 * tt - 242.2 * tt**2 + 42.4 * tt**3
        d = 2.18 + 2.82 * tt

        def fz(x: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.float64], ...]:
            om = 1.0 - x
            f = -a * p + (x + x**2 + x**3 - x**4) / om**3 - b * x**2 + c * x**d
            df = (1 + 4 * x + 4 * x**2 - 4 * x**3 + x**4) / om**4 - 2 * b * x + c * d * x ** (d - 1)
            return f, df, a * p / x

        x_max, guess = 0.999, a * p
        g_lo = -a * p
    lo = np.zeros_like(p)
    hi = np.minimum(np.maximum(guess, 1e-3), x_max)
    g_hi = fz(hi)[0]
    for _ in range(60):  # grow the bracket until g(hi) >= 0
        below = g_hi < 0.0
        if not np.any(below):
            break
        lo = np.where(below, hi, lo)
        g_lo = np.where(below, g_hi, g_lo)
        hi = np.where(below, np.minimum(hi * 2.0, x_max), hi)
        g_hi = fz(hi)[0]
    x = np.clip(guess, lo, hi)
    active = np.ones_like(x, dtype=bool)  # converged points are frozen
    for _ in range(200):
        g, dg, _ = fz(x)
        neg = g < 0.0
        lo, g_lo = np.where(neg, x, lo), np.where(neg, g, g_lo)
        hi, g_hi = np.where(neg, hi, x), np.where(neg, g_hi, g)
        width = hi - lo
        with np.errstate(divide="ignore", invalid="ignore"):
            newton = x - g / dg
            x_fp = lo - g_lo * width / (g_hi - g_lo)
        inside = (newton > lo) & (newton < hi) & (dg > 0.0)
        scale = 1e-13 * np.maximum(1.0, x)
        done = (g == 0.0) | (width <= 0.1 * scale) | (inside & (np.abs(newton - x) <= scale))
        x_fp = np.where(np.isfinite(x_fp), x_fp, 0.5 * (lo + hi))
        fallback = np.clip(x_fp, lo + 0.1 * width, hi - 0.1 * width)
        x_new = np.where(inside, newton, fallback)
        x = np.where(active & (g != 0.0), x_new, x)
        active &= ~done
        if not np.any(active):
            break
    return np.asarray(fz(x)[2], dtype=np.float64)


# --- derived properties -----------------------------------------------------------------------


def bg_rcf_scf(z: float, p_psia: float, t_degf: float) -> float:
    """Gas formation volume factor, reservoir ft3 per standard ft3.

    Bg = (p_sc / T_sc) z T / p = 0.02828 z T / p (T in degR), from the real-gas law (e.g. Ahmed,
    Reservoir Engineering Handbook, ch. 2, with 14.696 psia / 60 degF as standard conditions).
    """
    p = chk.positive("pressure", p_psia, "psia")
    t = chk.temperature(t_degf) + chk.RANKINE_OFFSET
    return chk.P_SC_PSIA / chk.T_SC_DEGR * z * t / p


def bg_rb_scf(z: float, p_psia: float, t_degf: float) -> float:
    """Gas formation volume factor, reservoir bbl per standard ft3 (= rcf/scf / 5.615)."""
    return bg_rcf_scf(z, p_psia, t_degf) / chk.FT3_PER_BBL


def gas_density(p_psia: float, t_degf: float, gas_sg: float, z: float) -> float:
    """Gas density, lb/ft3: rho = p M / (z R T), M = 28.96 g (real-gas law)."""
    p = chk.pressure(p_psia)
    t = chk.temperature(t_degf) + chk.RANKINE_OFFSET
    return p * chk.M_AIR * chk.gas_gravity(gas_sg) / (z * chk.R_FIELD * t)


def lee_gonzalez_eakin(t_degf: float, rho_lbft3: float, molar_mass: float) -> float:
    """Gas viscosity, cP (Lee, Gonzalez & Eakin 1966).

    Lee, A.L., Gonzalez, M.H. & Eakin, B.E. (1966) "The Viscosity of Natural Gases", JPT 18(8),
    997-1000 (SPE-1340): mu = 1e-4 K exp(X rho^Y), rho in g/cm3,
    K = (9.4 + 0.02 M) T^1.5 / (209 + 19 M + T), X = 3.5 + 986/T + 0.01 M, Y = 2.4 - 0.2 X,
    T in degR. Measured on 4 natural gases, 100-340 degF, 100-8000 psia; about 2-4% accuracy,
    less for sour gases (no non-hydrocarbon correction is applied).
    """
    t = chk.temperature(t_degf) + chk.RANKINE_OFFSET
    rho = chk.non_negative("gas density", rho_lbft3, "lb/ft3") * 0.01601846  # -> g/cm3
    m = chk.positive("gas molar mass", molar_mass, "lb/lbmol")
    k = (9.4 + 0.02 * m) * t**1.5 / (209.0 + 19.0 * m + t)
    x = 3.5 + 986.0 / t + 0.01 * m
    y = 2.4 - 0.2 * x
    return 1e-4 * k * math.exp(x * rho**y)


@dataclass(frozen=True)
class GasState:
    """Gas properties at one pressure and temperature (see :func:`gas_properties`)."""

    z: float
    bg_rcf_scf: float
    bg_rb_scf: float
    rho_lbft3: float
    mu_cp: float
    cg_1psi: float
    tpr: float
    ppr: float


def gas_properties(
    p_psia: float,
    t_degf: float,
    gas_sg: float,
    y_h2s: float = 0.0,
    y_co2: float = 0.0,
    y_n2: float = 0.0,
    method: ZMethod = "dak",
) -> GasState:
    """All gas properties at ``p_psia``, ``t_degf`` for a gas of gravity ``gas_sg``.

    Pseudo-critical constants by :func:`pseudo_critical` (Sutton + Kay + Wichert-Aziz), z and
    cg = cpr / p'pc by the chosen equation of state, Bg and density from the real-gas law,
    viscosity by Lee-Gonzalez-Eakin with M = 28.96 g. Pressure must be > 0.
    """
    p = chk.positive("pressure", p_psia, "psia")
    t = chk.temperature(t_degf)
    g = chk.gas_gravity(gas_sg)
    pc = pseudo_critical(g, y_h2s, y_co2, y_n2)
    tpr, ppr = pc.reduced(p, t)
    _check_reduced(tpr, ppr, method)
    z, cpr = _z_and_cpr(tpr, ppr, method)
    rho = gas_density(p, t, g, z)
    bg = bg_rcf_scf(z, p, t)
    return GasState(
        z=z,
        bg_rcf_scf=bg,
        bg_rb_scf=bg / chk.FT3_PER_BBL,
        rho_lbft3=rho,
        mu_cp=lee_gonzalez_eakin(t, rho, chk.M_AIR * g),
        cg_1psi=cpr / pc.ppc_psia,
        tpr=tpr,
        ppr=ppr,
    )
