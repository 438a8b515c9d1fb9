"""Formation-water (brine) properties after McCain (1990, 1991).

Oilfield units: psia, degF, rb/STB, cP, lb/ft3, scf/STB. Salinity is total dissolved solids in
weight percent; a field that reports water specific gravity instead converts with
:func:`salinity_from_sg`.

References: McCain, W.D. Jr. (1990) "The Properties of Petroleum Fluids", 2nd ed., PennWell,
ch. 16 (produced water), and McCain, W.D. Jr. (1991) "Reservoir-Fluid Property Correlations -
State of the Art", SPE Reservoir Engineering 6(2), 266-272 (SPE-18571).
"""

from __future__ import annotations

import math

from domain.engineering.pvt import _checks as chk

SALINITY_MAX_WT_PCT = 26.0  # halite saturation at surface conditions, and McCain's upper limit


def _salinity(s_wt_pct: float) -> float:
    s = chk.non_negative("salinity", s_wt_pct, "wt% TDS")
    if s > SALINITY_MAX_WT_PCT:
        raise ValueError(
            f"salinity {s:g} wt% is above {SALINITY_MAX_WT_PCT:g} wt% (saturated brine); "
            "give total dissolved solids as a weight percent, not ppm or mg/L"
        )
    return s


def water_density_sc(salinity_wt_pct: float) -> float:
    """Brine density at standard conditions (14.7 psia, 60 degF), lb/ft3 (McCain 1990).

    rho_w = 62.368 + 0.438603 S + 1.60074e-3 S^2, S in wt% TDS.
    """
    s = _salinity(salinity_wt_pct)
    return chk.RHO_WATER_SC + 0.438603 * s + 1.60074e-3 * s * s


def salinity_from_sg(water_sg: float) -> float:
    """Salinity (wt% TDS) of a brine with specific gravity ``water_sg`` (60/60 degF, water = 1).

    Inverts :func:`water_density_sc`; 1.0 is fresh water, 1.07 about 9.9 wt%, 1.20 about 26.
    """
    sg = chk.finite("water specific gravity", water_sg, "")
    if sg < 1.0:
        raise ValueError(f"water specific gravity must be >= 1.0 (fresh water), got {sg:g}")
    rho_max = water_density_sc(SALINITY_MAX_WT_PCT) / chk.RHO_WATER_SC
    if sg > rho_max:
        raise ValueError(
            f"water specific gravity {sg:g} is above {rho_max:.3f} (saturated NaCl brine)"
        )
    a, b, c = 1.60074e-3, 0.438603, chk.RHO_WATER_SC * (1.0 - sg)
    return (-b + math.sqrt(b * b - 4.0 * a * c)) / (2.0 * a)


def mccain_bw(p_psia: float, t_degf: float) -> float:
    """Water formation volume factor, rb/STB (McCain 1990, 1991).

    Bw = (1 + dVwp)(1 + dVwt), with
    dVwt = -1.0001e-2 + 1.33391e-4 T + 5.50654e-7 T^2,
    dVwp = -1.95301e-9 p T - 1.72834e-13 p^2 T - 3.58922e-7 p - 2.25341e-10 p^2.
    For gas-saturated brines; within 2% to 260 degF and 5000 psia. McCain notes the effects of
    salinity and dissolved gas on Bw nearly cancel, so none is applied.
    """
    p = chk.pressure(p_psia)
    t = chk.temperature(t_degf)
    dvwt = -1.0001e-2 + 1.33391e-4 * t + 5.50654e-7 * t * t
    dvwp = -1.95301e-9 * p * t - 1.72834e-13 * p * p * t - 3.58922e-7 * p - 2.25341e-10 * p * p
    return (1.0 + dvwp) * (1.0 + dvwt)


def water_density(p_psia: float, t_degf: float, salinity_wt_pct: float) -> float:
    """Brine density at p and T, lb/ft3: standard-conditions density over Bw (McCain 1990)."""
    return water_density_sc(salinity_wt_pct) / mccain_bw(p_psia, t_degf)


def mccain_water_viscosity(p_psia: float, t_degf: float, salinity_wt_pct: float) -> float:
    """Brine viscosity, cP (McCain 1990, 1991).

    At atmospheric pressure mu_w1 = A T^B,
    A = 109.574 - 8.40564 S + 0.313314 S^2 + 8.72213e-3 S^3,
    B = -1.12166 + 2.63951e-2 S - 6.79461e-4 S^2 - 5.47119e-5 S^3 + 1.55586e-6 S^4
    (T in degF, S in wt%; within 5% for 100-400 degF and S < 26%), corrected for pressure by
    mu_w / mu_w1 = 0.9994 + 4.0295e-5 p + 3.1062e-9 p^2 (within 4% for 86.5-167 degF,
    p < 10000 psia; within 7% to 14000 psia). Needs T > 0 degF.
    """
    p = chk.pressure(p_psia)
    t = chk.temperature(t_degf)
    if t <= 0.0:
        raise ValueError(f"McCain water viscosity needs T > 0 degF, got {t:g} degF")
    s = _salinity(salinity_wt_pct)
    a = 109.574 - 8.40564 * s + 0.313314 * s**2 + 8.72213e-3 * s**3
    b = -1.12166 + 2.63951e-2 * s - 6.79461e-4 * s**2 - 5.47119e-5 * s**3 + 1.55586e-6 * s**4
    mu1 = a * t**b
    return mu1 * (0.9994 + 4.0295e-5 * p + 3.1062e-9 * p * p)


def mccain_rsw(p_psia: float, t_degf: float, salinity_wt_pct: float) -> float:
    """Solubility of natural gas in brine, scf/STB (McCain 1990, 1991).

    McCain's fit to Culberson & McKetta's (1951) methane-water data:
    Rsw,pure = A + B p + C p^2 with
    A = 8.15839 - 6.12265e-2 T + 1.91663e-4 T^2 - 2.1654e-7 T^3,
    B = 1.01021e-2 - 7.44241e-5 T + 3.05553e-7 T^2 - 2.94883e-10 T^3,
    C = -1e-7 (9.02505 - 0.130237 T + 8.53425e-4 T^2 - 2.34122e-6 T^3 + 2.37049e-9 T^4),
    and for salinity log10(Rsw / Rsw,pure) = -0.0840655 S T^-0.285854. Within 5% for
    1000-10000 psia and 100-340 degF; the quadratic turns over past ~10000 psia, so the
    pressure is capped there. Returns 0 at zero pressure.
    """
    p = min(chk.pressure(p_psia), 10000.0)
    t = chk.temperature(t_degf)
    if t <= 0.0:
        raise ValueError(f"McCain gas solubility in water needs T > 0 degF, got {t:g} degF")
    s = _salinity(salinity_wt_pct)
    a = 8.15839 - 6.12265e-2 * t + 1.91663e-4 * t**2 - 2.1654e-7 * t**3
    b = 1.01021e-2 - 7.44241e-5 * t + 3.05553e-7 * t**2 - 2.94883e-10 * t**3
    c = -1e-7 * (9.02505 - 0.130237 * t + 8.53425e-4 * t**2 - 2.34122e-6 * t**3 + 2.37049e-9 * t**4)
    # A is the (small) intercept of a fit made for 1000 psia and up; scaling it down linearly
    # below 1000 psia keeps Rsw(0) = 0 without a visible kink.
    a_eff = a * min(p / 1000.0, 1.0)
    rsw_pure = max(a_eff + b * p + c * p * p, 0.0)
    return rsw_pure * 10.0 ** (-0.0840655 * s * t**-0.285854)
