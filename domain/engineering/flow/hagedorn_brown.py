"""Hagedorn & Brown (1965) pressure gradient for vertical wells, "modified" form.

Hagedorn, A.R. and Brown, K.E. "Experimental Study of Pressure Gradients Occurring During
Continuous Two-Phase Flow in Small-Diameter Vertical Conduits", JPT April 1965, 475-484
(SPE-940-PA), with the two modifications recommended in Brill, J.P. and Mukherjee, H.
"Multiphase Flow in Wells", SPE Monograph Vol. 17, 1999, ch. 4 (modified Hagedorn & Brown):

1. Griffith's bubble-flow correction (Griffith, P. and Wallis, G.B. "Two-Phase Slug Flow",
   J. Heat Transfer, Aug. 1961; Griffith, P. "Two-Phase Flow in Pipes", MIT 1962): when the
   no-slip gas fraction is below L_B = 1.071 - 0.2218 vm^2/d (>= 0.13), holdup comes from a
   slip velocity of 0.8 ft/s and friction from the liquid phase alone;
2. the holdup is never allowed below the no-slip holdup.

The three Hagedorn & Brown charts (CNL vs NL; HL/psi vs the holdup group; psi vs the
secondary group) are used through the polynomial fits published in Guo, B., Lyons, W.C. and
Ghalambor, A. "Petroleum Production Engineering: A Computer-Assisted Approach", Elsevier
2007, sec. 4.3 (its HagedornBrownCorrelation.xls). Each fit is clamped to the range of
its chart, where the polynomials turn over.

Acceleration is neglected, as is usual with this correlation in oil wells (it matters only at
high gas velocity and low pressure near the wellhead; Beggs & Brill keeps its Ek term). For
deviated wells only the hydrostatic term is scaled by sin(theta): Hagedorn & Brown measured
vertical flow only, prefer Beggs & Brill there.
Units as in :mod:`domain.engineering.flow.gradient`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from domain.engineering.flow.gradient import (
    GC,
    PSF_PER_PSI,
    RE_FACTOR,
    FloatArray,
    FlowPattern,
    GradientResult,
    broadcast_inputs,
    moody_friction_factor,
    no_slip_holdup,
)

P_ATM_PSIA = 14.7
GRIFFITH_SLIP_FT_S = 0.8

# Clamp points: the maxima of Guo's polynomials, i.e. where each chart levels off.
_X1_MAX = 2.53  # log10(NL) + 3 at CNL ~ 0.0112
_Z_MAX = 3.67  # log10(holdup group) + 6 at HL/psi ~ 0.995
_X3_MIN, _X3_MAX = 0.01, 0.09  # secondary group range of the psi chart


def dimensionless_numbers(
    vsl: ArrayLike,
    vsg: ArrayLike,
    rho_l: ArrayLike,
    sigma_l: ArrayLike,
    mu_l: ArrayLike,
    d_ft: ArrayLike,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Duns & Ros groups (NLv, Ngv, Nd, NL) in oilfield units (ft/s, lbm/ft3, dyn/cm, cP, ft)."""
    rl = np.asarray(rho_l, dtype=np.float64)
    sl = np.asarray(sigma_l, dtype=np.float64)
    q = (rl / sl) ** 0.25
    n_lv = 1.938 * np.asarray(vsl, dtype=np.float64) * q
    n_gv = 1.938 * np.asarray(vsg, dtype=np.float64) * q
    n_d = 120.872 * np.asarray(d_ft, dtype=np.float64) * np.sqrt(rl / sl)
    n_l = 0.15726 * np.asarray(mu_l, dtype=np.float64) * (1.0 / (rl * sl**3)) ** 0.25
    return (np.asarray(n_lv), np.asarray(n_gv), np.asarray(n_d), np.asarray(n_l))


def cnl(n_l: ArrayLike) -> FloatArray:
    """Viscosity correction coefficient CNL from the liquid viscosity number (Guo fit)."""
    x1 = np.clip(np.log10(np.maximum(np.asarray(n_l, dtype=np.float64), 1e-12)) + 3.0, 0.0, _X1_MAX)
    y = -2.69851 + 0.15840954 * x1 - 0.55099756 * x1**2 + 0.54784917 * x1**3 - 0.12194578 * x1**4
    return np.asarray(10.0**y, dtype=np.float64)


def holdup_over_psi(group: ArrayLike) -> FloatArray:
    """HL/psi from (NLv / Ngv^0.575) (p / 14.7)^0.1 (CNL / Nd) (Guo fit, clamped to [0, 1])."""
    z = np.clip(np.log10(np.maximum(np.asarray(group, dtype=np.float64), 1e-30)) + 6.0, 0.0, _Z_MAX)
    h = -0.10306578 + 0.617774 * z - 0.632946 * z**2 + 0.29598 * z**3 - 0.0401 * z**4
    return np.asarray(np.clip(h, 0.0, 1.0), dtype=np.float64)


def psi_factor(group: ArrayLike) -> FloatArray:
    """Secondary correction psi from Ngv NL^0.380 / Nd^2.14 (Guo fit, >= 1)."""
    x3 = np.clip(np.asarray(group, dtype=np.float64), _X3_MIN, _X3_MAX)
    psi = (
        0.91162574
        - 4.82175636 * x3
        + 1232.25036621 * x3**2
        - 22253.57617 * x3**3
        + 116174.28125 * x3**4
    )
    return np.asarray(np.maximum(psi, 1.0), dtype=np.float64)


def griffith_bubble_limit(vm: ArrayLike, d_ft: ArrayLike) -> FloatArray:
    """L_B = 1.071 - 0.2218 vm^2 / d, not less than 0.13 (vm ft/s, d ft)."""
    vm_a = np.asarray(vm, dtype=np.float64)
    return np.asarray(
        np.maximum(1.071 - 0.2218 * vm_a * vm_a / np.asarray(d_ft, dtype=np.float64), 0.13)
    )


def griffith_holdup(vsg: ArrayLike, vm: ArrayLike) -> FloatArray:
    """Bubble-flow holdup with a 0.8 ft/s slip velocity (Griffith)."""
    vs = GRIFFITH_SLIP_FT_S
    vm_a = np.asarray(vm, dtype=np.float64)
    a = 1.0 + vm_a / vs
    disc = np.maximum(a * a - 4.0 * np.asarray(vsg, dtype=np.float64) / vs, 0.0)
    return np.asarray(1.0 - 0.5 * (a - np.sqrt(disc)), dtype=np.float64)


def pressure_gradient(
    vsl: ArrayLike,
    vsg: ArrayLike,
    rho_l: ArrayLike,
    rho_g: ArrayLike,
    mu_l: ArrayLike,
    mu_g: ArrayLike,
    sigma_l: ArrayLike,
    d_ft: ArrayLike,
    roughness_ft: ArrayLike,
    sin_theta: ArrayLike,
    p_psia: ArrayLike,
) -> GradientResult:
    """Modified Hagedorn & Brown pressure gradient, psi/ft, for upward flow.

    Same signature as :func:`domain.engineering.flow.beggs_brill.pressure_gradient` so the
    traverse can switch correlations. Friction: f rho_n^2 vm^2 / (2 rho_s d) with the Moody
    factor at NRe = 1488 rho_n vm d / mu_s, mu_s = mu_L^HL mu_g^(1-HL); in bubble flow
    f rho_L vL^2 / (2 d) with vL = vsl / HL.
    """
    vsl_a, vsg_a, rl, rg, ml, mg, sl, d, eps, st, p = broadcast_inputs(
        vsl, vsg, rho_l, rho_g, mu_l, mu_g, sigma_l, d_ft, roughness_ft, sin_theta, p_psia
    )
    vm = vsl_a + vsg_a
    lam = no_slip_holdup(vsl_a, vm)
    n_lv, n_gv, n_d, n_l = dimensionless_numbers(vsl_a, vsg_a, rl, sl, ml, d)

    # Hagedorn & Brown correlated holdup.
    with np.errstate(divide="ignore"):
        group1 = (
            n_lv
            / np.maximum(n_gv, 1e-12) ** 0.575
            * (np.maximum(p, 1e-6) / P_ATM_PSIA) ** 0.1
            * cnl(n_l)
            / n_d
        )
    psi = psi_factor(n_gv * n_l**0.380 / n_d**2.14)
    hl_hb = np.clip(holdup_over_psi(group1) * psi, lam, 1.0)

    # Griffith bubble flow where the gas fraction is small.
    bubble = (1.0 - lam) < griffith_bubble_limit(vm, d)
    hl_b = np.clip(griffith_holdup(vsg_a, vm), lam, 1.0)
    gas_only = vsl_a <= 0.0
    hl = np.where(gas_only, 0.0, np.where(bubble, hl_b, hl_hb))

    rho_s = rl * hl + rg * (1.0 - hl)
    rho_n = rl * lam + rg * (1.0 - lam)
    elevation = rho_s * st / PSF_PER_PSI

    # Non-bubble friction on the no-slip mixture with the slip viscosity.
    mu_s = ml**hl * mg ** (1.0 - hl)
    re_m = RE_FACTOR * rho_n * vm * d / mu_s
    f_m = moody_friction_factor(re_m, eps / d)
    fric_m = f_m * rho_n**2 * vm**2 / (2.0 * GC * np.maximum(rho_s, 1e-12) * d)
    # Bubble flow: liquid-phase friction at the actual liquid velocity.
    v_l = vsl_a / np.maximum(hl, 1e-12)
    re_l = RE_FACTOR * rl * v_l * d / ml
    f_l = moody_friction_factor(re_l, eps / d)
    fric_l = f_l * rl * v_l**2 / (2.0 * GC * d)
    friction = np.where(bubble & ~gas_only, fric_l, fric_m) / PSF_PER_PSI

    pattern = np.where(
        lam >= 1.0 - 1e-12,
        FlowPattern.LIQUID,
        np.where(
            gas_only, FlowPattern.GAS, np.where(bubble, FlowPattern.BUBBLE, FlowPattern.SLUG_CHURN)
        ),
    )
    total = elevation + friction
    return GradientResult(
        total_psi_ft=np.asarray(total, dtype=np.float64),
        elevation_psi_ft=np.asarray(elevation, dtype=np.float64),
        friction_psi_ft=np.asarray(friction, dtype=np.float64),
        holdup=np.asarray(hl, dtype=np.float64),
        no_slip_holdup=np.asarray(lam, dtype=np.float64),
        pattern=np.asarray(pattern, dtype=np.int64),
        ek=np.zeros_like(total),
    )
