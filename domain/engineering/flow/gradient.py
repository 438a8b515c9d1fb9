"""Shared pieces of the pressure-gradient correlations: friction factor, result type, constants.

Oilfield units throughout: velocities ft/s, densities lbm/ft3, viscosities cP, surface tension
dyn/cm, diameters ft, pressures psia, gradients psi/ft. With lbm and lbf, g/gc = 1, so a
density in lbm/ft3 is also a hydrostatic gradient in lbf/ft3 = psf/ft; dividing by 144 gives
psi/ft.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

G_FT_S2 = 32.174  # standard gravity, ft/s2
GC = 32.174  # lbm ft / (lbf s2)
PSF_PER_PSI = 144.0
# Reynolds number with rho in lbm/ft3, v in ft/s, d in ft and mu in cP: 1 cP = 6.7197e-4 lbm/ft/s.
RE_FACTOR = 1488.16

# Largest kinetic-energy (acceleration) term allowed in 1/(1 - Ek). Ek -> 1 is critical
# (sonic) flow, outside every correlation here; capping it keeps a traverse finite and the
# flag on the result says where it happened.
EK_MAX = 0.9


class FlowPattern(IntEnum):
    """Flow pattern (regime) a correlation used at a point."""

    LIQUID = 0  # single-phase liquid
    GAS = 1  # single-phase gas
    SEGREGATED = 2  # Beggs & Brill
    TRANSITION = 3  # Beggs & Brill
    INTERMITTENT = 4  # Beggs & Brill
    DISTRIBUTED = 5  # Beggs & Brill
    BUBBLE = 6  # Hagedorn & Brown with Griffith's bubble-flow correction
    SLUG_CHURN = 7  # Hagedorn & Brown correlated region (HB itself draws no map)


@dataclass(frozen=True)
class GradientResult:
    """Pressure gradient for upward (producing) flow and its parts, one entry per point.

    ``total_psi_ft`` is the pressure loss per foot along the flow direction:
    (elevation + friction) / (1 - Ek). ``holdup`` is the in-situ liquid volume fraction,
    ``no_slip_holdup`` vsl / vm; ``ek`` the kinetic-energy term actually used.
    """

    total_psi_ft: FloatArray
    elevation_psi_ft: FloatArray
    friction_psi_ft: FloatArray
    holdup: FloatArray
    no_slip_holdup: FloatArray
    pattern: IntArray
    ek: FloatArray


def moody_friction_factor(reynolds: ArrayLike, relative_roughness: ArrayLike) -> FloatArray:
    """Moody (Darcy) friction factor: 64/Re laminar, Colebrook-White turbulent.

    Colebrook, C.F. "Turbulent Flow in Pipes...", J. Inst. Civil Eng. 11 (1939) 133-156,
    solved by Newton's method on 1/sqrt(f) from the Swamee-Jain (1976) explicit estimate;
    five steps converge to machine precision over the Moody chart. Between Re = 2000 and 4000 the
    factor is interpolated linearly between the laminar and the Colebrook values: there is no
    correlation for that band and a jump would upset the step control of the traverse.
    """
    re = np.maximum(np.asarray(reynolds, dtype=np.float64), 1e-12)
    rr = np.maximum(np.asarray(relative_roughness, dtype=np.float64), 0.0)
    re, rr = np.broadcast_arrays(re, rr)
    re_t = np.maximum(re, 4000.0)
    a = rr / 3.7
    b = 2.51 / re_t
    # Newton on x = 1/sqrt(f): F(x) = x + 2 log10(a + b x) = 0, from Swamee-Jain.
    x = -2.0 * np.log10(a + 5.74 / re_t**0.9)
    for _ in range(5):
        inner = a + b * x
        fx = x + 2.0 * np.log10(inner)
        x = x - fx / (1.0 + 2.0 * b / (inner * np.log(10.0)))
    f = 1.0 / (x * x)
    laminar = 64.0 / re
    if np.any(re < 4000.0):
        # Colebrook at Re = 4000 and the laminar value at 2000 bound the blend.
        f4000 = f
        w = np.clip((re - 2000.0) / 2000.0, 0.0, 1.0)
        blend = (1.0 - w) * (64.0 / 2000.0) + w * f4000
        f = np.where(re <= 2000.0, laminar, np.where(re < 4000.0, blend, f))
    return np.asarray(f, dtype=np.float64)


def broadcast_inputs(*values: ArrayLike) -> list[FloatArray]:
    """The gradient correlations' inputs as float arrays of one broadcast shape, so that
    both correlations accept scalars or arrays alike."""
    return list(np.broadcast_arrays(*(np.asarray(x, dtype=np.float64) for x in values)))


def no_slip_holdup(vsl: FloatArray, vm: FloatArray) -> FloatArray:
    """No-slip liquid holdup lambda = vsl / vm (1 when nothing flows: a static liquid column)."""
    return np.where(vm > 0.0, vsl / np.maximum(vm, 1e-12), 1.0)
