"""Decline-rate conversions: nominal ↔ effective (tangent, secant), per year ↔ per day.

Three decline figures are in use and are easily confused, which is why they are spelled out
here once (definitions as in Arps 1945, "Analysis of Decline Curves", Trans. AIME 160; the
nominal / tangent-effective / secant-effective vocabulary as used by the SPEE, Monograph 4
"Estimating Ultimate Recovery of Developed Wells in Low-Permeability Reservoirs", 2016, and by
Fekete/IHS Harmony's decline-theory notes; cross-checked in the tests against petbox-dca, MIT):

* **nominal** ``D = -d ln q / dt``: the instantaneous decline, the ``D`` inside the Arps
  equations. Units 1/time; per year = per day × 365.25.
* **tangent effective** ``De = 1 - exp(-D)``: the fractional drop over one period if the
  current nominal decline held for that period (exponential). For an exponential decline it is
  the fraction lost per period, so there tangent = secant.
* **secant effective** ``Des = 1 - q(T)/qi = 1 - (1 + b·D·T)^(-1/b)`` with ``T`` one period:
  the fraction actually lost over the first period of an Arps hyperbolic. This is what most
  reserves reports quote as "initial decline, %/yr"; the inverse is
  ``D = ((1 - Des)^(-b) - 1) / b``.

A year is 365.25 days throughout the package (the Julian year, as petbox-dca and most
evaluation software use). Every function is vectorised: scalars and numpy arrays alike.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

DAYS_PER_YEAR = 365.25
"""Days in the year used to turn per-year declines into per-day ones."""

DAYS_PER_MONTH = DAYS_PER_YEAR / 12.0
"""Average calendar month (30.4375 d), the bin of type wells and the default forecast step."""

B_ZERO = 1e-10
"""b at or below this is exponential (as in petbox-dca): the term left out of ln q is
~b·(D·t)²/2, under 1e-6 until D·t > 140, where the rate is e^-140 of qi."""

FloatArray = npt.NDArray[np.float64]


def _f(x: npt.ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def tangent_from_nominal(d: npt.ArrayLike) -> FloatArray:
    """Tangent effective decline ``1 - exp(-D)`` from a nominal one (same period)."""
    return -np.expm1(-_f(d))


def nominal_from_tangent(de: npt.ArrayLike) -> FloatArray:
    """Nominal decline ``-ln(1 - De)`` from a tangent effective one (same period)."""
    de = _f(de)
    if np.any(de >= 1.0):
        raise ValueError("an effective decline must be < 1 (100 %)")
    return -np.log1p(-de)


def secant_from_nominal(d: npt.ArrayLike, b: float = 0.0) -> FloatArray:
    """Secant effective decline over one period, ``1 - (1 + b·D)^(-1/b)``, from a nominal one.

    ``b = 0`` is the exponential case, where secant and tangent effective coincide.
    """
    d = _f(d)
    if b < 0:
        raise ValueError("b must be >= 0")
    if b <= B_ZERO:
        return tangent_from_nominal(d)
    return -np.expm1(-np.log1p(b * d) / b)


def nominal_from_secant(des: npt.ArrayLike, b: float = 0.0) -> FloatArray:
    """Nominal decline ``((1 - Des)^(-b) - 1) / b`` from a secant effective one (same period)."""
    des = _f(des)
    if b < 0:
        raise ValueError("b must be >= 0")
    if np.any(des >= 1.0):
        raise ValueError("an effective decline must be < 1 (100 %)")
    if b <= B_ZERO:
        return nominal_from_tangent(des)
    return np.expm1(-b * np.log1p(-des)) / b


def nominal_per_day(d_per_year: npt.ArrayLike) -> FloatArray:
    """Nominal decline per day from nominal per year (nominal declines scale linearly)."""
    return _f(d_per_year) / DAYS_PER_YEAR


def nominal_per_year(d_per_day: npt.ArrayLike) -> FloatArray:
    """Nominal decline per year from nominal per day."""
    return _f(d_per_day) * DAYS_PER_YEAR


def effective_per_day(de_per_year: npt.ArrayLike, b: float = 0.0) -> FloatArray:
    """Secant effective decline over the first *day* from the one over the first *year*.

    Effective declines do not scale linearly: go through the nominal decline, which does.
    ``b = 0`` gives the exponential (tangent = secant) answer ``1 - (1 - De)^(1/365.25)``.
    """
    return secant_from_nominal(nominal_per_day(nominal_from_secant(de_per_year, b)), b)


def effective_per_year(de_per_day: npt.ArrayLike, b: float = 0.0) -> FloatArray:
    """Secant effective decline over the first *year* from the one over the first *day*."""
    return secant_from_nominal(nominal_per_year(nominal_from_secant(de_per_day, b)), b)
