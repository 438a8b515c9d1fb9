"""Input checks shared by the PVT correlations.

A correlation fed a negative pressure or a zero gravity returns a number that looks plausible and
is garbage, and it reaches a well test or a VLP curve unnoticed. So physically impossible inputs
raise :class:`ValueError` naming the argument, its value and its unit. Inputs that are merely
outside a correlation's data range are *not* rejected (field work extrapolates all the time); each
docstring states that range instead.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

# Standard conditions used throughout (US oilfield convention: 14.696 psia, 60 degF).
P_SC_PSIA = 14.696
T_SC_DEGR = 519.67
RANKINE_OFFSET = 459.67
# Universal gas constant, psia ft3 / (lbmol degR); molar mass of air, lb/lbmol.
R_FIELD = 10.7316
M_AIR = 28.9647
# Density of pure water at standard conditions, lb/ft3 (McCain 1990 brine-density intercept).
RHO_WATER_SC = 62.368
# Density of air at standard conditions, lb/scf.
RHO_AIR_SC = P_SC_PSIA * M_AIR / (R_FIELD * T_SC_DEGR)
# 1 bbl = 5.614583 ft3.
FT3_PER_BBL = 5.614583


def finite(name: str, value: float, unit: str) -> float:
    """``value`` as a float; ValueError if it is NaN or infinite."""
    v = float(value)
    if not math.isfinite(v):
        raise ValueError(f"{name} must be a finite number, got {value!r} {unit}".rstrip())
    return v


def positive(name: str, value: float, unit: str) -> float:
    """``value`` as a float; ValueError unless it is finite and > 0."""
    v = finite(name, value, unit)
    if v <= 0.0:
        raise ValueError(f"{name} must be > 0 {unit}, got {v:g}".replace("  ", " "))
    return v


def non_negative(name: str, value: float, unit: str) -> float:
    """``value`` as a float; ValueError unless it is finite and >= 0."""
    v = finite(name, value, unit)
    if v < 0.0:
        raise ValueError(f"{name} must be >= 0 {unit}, got {v:g}".replace("  ", " "))
    return v


def pressure(p_psia: float, name: str = "pressure") -> float:
    """An absolute pressure in psia (>= 0)."""
    return non_negative(name, p_psia, "psia")


def temperature(t_degf: float, name: str = "temperature") -> float:
    """A temperature in degF; must lie above absolute zero."""
    t = finite(name, t_degf, "degF")
    if t <= -RANKINE_OFFSET:
        raise ValueError(f"{name} must be above absolute zero (-459.67 degF), got {t:g} degF")
    return t


def api_gravity(api: float) -> float:
    """Stock-tank oil gravity in degAPI: > 0 (API <= 0 is water-heavy bitumen, out of scope)."""
    return positive("oil gravity (api)", api, "degAPI")


def gas_gravity(gas_sg: float, name: str = "gas specific gravity") -> float:
    """Gas gravity (air = 1). Below 0.55 (lighter than methane, 0.553) is not a natural gas."""
    g = finite(name, gas_sg, "")
    if g <= 0.55:
        raise ValueError(
            f"{name} must be > 0.55 (methane is 0.553, air = 1), got {g:g}; "
            "check that it is a gravity relative to air, not a molar mass or a density"
        )
    return g


def fraction(name: str, value: float) -> float:
    """A mole fraction in [0, 1)."""
    v = finite(name, value, "")
    if not 0.0 <= v < 1.0:
        raise ValueError(f"{name} must be a mole fraction in [0, 1), got {v:g}")
    return v


def as_array(name: str, values: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """``values`` as a float64 array; ValueError on NaN/inf."""
    a = np.asarray(values, dtype=np.float64)
    if not np.all(np.isfinite(a)):
        raise ValueError(f"{name} must be finite numbers")
    return a


def oil_sg(api: float) -> float:
    """Stock-tank oil specific gravity (water = 1) from degAPI: 141.5 / (131.5 + API)."""
    return 141.5 / (131.5 + api_gravity(api))
