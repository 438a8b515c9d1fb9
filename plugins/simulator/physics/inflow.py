"""Reservoir inflow and fluid properties shared by the well models.

Inflow follows Vogel's inflow performance relationship for solution-gas-drive wells
(Vogel, J.V., "Inflow Performance Relationships for Solution-Gas Drive Wells", JPT, Jan. 1968):

    q / q_max = 1 - 0.2 (p_wf / p_r) - 0.8 (p_wf / p_r)^2

Pressures here are referred to the pump (or gauge) depth, so the flowing bottom-hole pressure
and the pump intake pressure are the same number; that keeps the models small without changing
the direction of any coupling.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

PSI_PER_FT_FRESH_WATER = 0.433  # hydrostatic gradient of fresh water, psi/ft
OIL_SG = 0.85  # ~35 degAPI crude
WATER_SG = 1.05  # produced brine
HP_PER_BBL_D_PSI = 1.7025e-5  # hydraulic power: 1 bbl/d against 1 psi, in hp


def vogel_rate(pwf: FloatArray, pr: FloatArray, qmax: FloatArray) -> FloatArray:
    """Liquid rate (bbl/d) the reservoir delivers at flowing pressure ``pwf`` (psi)."""
    ratio = np.clip(pwf / pr, 0.0, 1.0)
    return np.asarray(qmax * (1.0 - 0.2 * ratio - 0.8 * ratio**2), dtype=np.float64)


def vogel_pwf(q: FloatArray, pr: FloatArray, qmax: FloatArray) -> FloatArray:
    """Flowing pressure (psi) at which the reservoir delivers ``q`` (bbl/d): Vogel inverted."""
    frac = np.clip(q / qmax, 0.0, 1.0)
    ratio = (-0.2 + np.sqrt(0.04 + 3.2 * (1.0 - frac))) / 1.6
    return np.asarray(ratio * pr, dtype=np.float64)


def liquid_gradient(water_cut: FloatArray) -> FloatArray:
    """Hydrostatic gradient (psi/ft) of an oil/water mix; ``water_cut`` as a fraction."""
    sg = water_cut * WATER_SG + (1.0 - water_cut) * OIL_SG
    return np.asarray(PSI_PER_FT_FRESH_WATER * sg, dtype=np.float64)


def lag(value: FloatArray, target: FloatArray, dt_s: float, tau_s: float) -> FloatArray:
    """First-order lag: move ``value`` toward ``target`` with time constant ``tau_s``."""
    alpha = 1.0 - np.exp(-dt_s / tau_s)
    return np.asarray(value + (target - value) * alpha, dtype=np.float64)


def ramp(value: FloatArray, target: FloatArray, rate_per_s: float, dt_s: float) -> FloatArray:
    """Move ``value`` toward ``target`` at most ``rate_per_s`` per second (drive ramps)."""
    step = rate_per_s * dt_s
    return np.asarray(value + np.clip(target - value, -step, step), dtype=np.float64)
