"""Beggs & Brill (1973) two-phase pressure gradient for pipes at any inclination.

Beggs, H.D. and Brill, J.P. "A Study of Two-Phase Flow in Inclined Pipes", JPT May 1973,
607-617 (SPE-4007-PA), with

- the revised horizontal flow-pattern map with a transition band (Brill & Beggs, "Two-Phase
  Flow in Pipes", 1977 onward), as given in Brill, J.P. and Mukherjee, H. "Multiphase Flow in
  Wells", SPE Monograph Vol. 17, 1999, ch. 4 (Beggs and Brill method);
- Payne, G.A., Palmer, C.M., Brill, J.P. and Beggs, H.D. "Evaluation of Inclined-Pipe,
  Two-Phase Liquid Holdup and Pressure-Loss Correlations Using Experimental Data", JPT Sept.
  1979, 1198-1208 (SPE-6874-PA): holdup multiplied by 0.924 uphill and 0.685 downhill, and
  the no-slip friction factor taken from the Moody diagram for the actual pipe roughness
  instead of the smooth-pipe curve.

Every function is vectorised: arguments broadcast against each other. Units as in
:mod:`domain.engineering.flow.gradient` (ft/s, lbm/ft3, cP, dyn/cm, ft, psia, degrees).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from domain.engineering.flow.gradient import (
    EK_MAX,
    G_FT_S2,
    GC,
    PSF_PER_PSI,
    RE_FACTOR,
    FloatArray,
    FlowPattern,
    GradientResult,
    IntArray,
    broadcast_inputs,
    moody_friction_factor,
    no_slip_holdup,
)

# Horizontal holdup HL(0) = a lambda^b / NFr^c, by pattern (Beggs & Brill Table 1).
_HL0 = {
    FlowPattern.SEGREGATED: (0.980, 0.4846, 0.0868),
    FlowPattern.INTERMITTENT: (0.845, 0.5351, 0.0173),
    FlowPattern.DISTRIBUTED: (1.065, 0.5824, 0.0609),
}
# Inclination coefficient C = (1 - lambda) ln(e lambda^f NLv^g NFr^h): (e, f, g, h).
_C_UPHILL = {
    FlowPattern.SEGREGATED: (0.011, -3.768, 3.539, -1.614),
    FlowPattern.INTERMITTENT: (2.96, 0.305, -0.4473, 0.0978),
}
_C_DOWNHILL = (4.70, -0.3692, 0.1244, -0.5056)

PAYNE_UPHILL = 0.924
PAYNE_DOWNHILL = 0.685

_LAMBDA_EPS = 1e-9  # below this no-slip holdup the flow is treated as gas only


def froude_number(vm: ArrayLike, d_ft: ArrayLike) -> FloatArray:
    """Mixture Froude number NFr = vm^2 / (g d)."""
    vm_a = np.asarray(vm, dtype=np.float64)
    return np.asarray(vm_a * vm_a / (G_FT_S2 * np.asarray(d_ft, dtype=np.float64)))


def liquid_velocity_number(vsl: ArrayLike, rho_l: ArrayLike, sigma_l: ArrayLike) -> FloatArray:
    """Duns & Ros liquid velocity number NLv = 1.938 vsl (rho_l / sigma_l)^0.25."""
    return np.asarray(
        1.938
        * np.asarray(vsl, dtype=np.float64)
        * (np.asarray(rho_l, dtype=np.float64) / np.asarray(sigma_l, dtype=np.float64)) ** 0.25
    )


def flow_pattern_limits(lam: ArrayLike) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Transition boundaries L1..L4 of the revised Beggs & Brill map, as Froude numbers."""
    lam_a = np.clip(np.asarray(lam, dtype=np.float64), _LAMBDA_EPS, 1.0)
    l1 = 316.0 * lam_a**0.302
    l2 = 0.0009252 * lam_a**-2.4684
    l3 = 0.10 * lam_a**-1.4516
    l4 = 0.5 * lam_a**-6.738
    return l1, l2, l3, l4


def flow_pattern(lam: ArrayLike, n_fr: ArrayLike) -> IntArray:
    """Horizontal flow pattern from no-slip holdup and Froude number (revised map).

    Segregated:   lambda < 0.01 and NFr < L1, or lambda >= 0.01 and NFr < L2
    Transition:   lambda >= 0.01 and L2 <= NFr <= L3
    Intermittent: 0.01 <= lambda < 0.4 and L3 < NFr <= L1, or lambda >= 0.4 and L3 < NFr <= L4
    Distributed:  lambda < 0.4 and NFr >= L1, or lambda >= 0.4 and NFr > L4
    """
    lam_a, fr = np.broadcast_arrays(
        np.asarray(lam, dtype=np.float64), np.asarray(n_fr, dtype=np.float64)
    )
    l1, l2, l3, l4 = flow_pattern_limits(lam_a)
    seg = ((lam_a < 0.01) & (fr < l1)) | ((lam_a >= 0.01) & (fr < l2))
    trans = (lam_a >= 0.01) & (fr >= l2) & (fr <= l3)
    inter = ((lam_a >= 0.01) & (lam_a < 0.4) & (fr > l3) & (fr <= l1)) | (
        (lam_a >= 0.4) & (fr > l3) & (fr <= l4)
    )
    out = np.select(
        [seg, trans, inter],
        [FlowPattern.SEGREGATED, FlowPattern.TRANSITION, FlowPattern.INTERMITTENT],
        default=FlowPattern.DISTRIBUTED,
    )
    return np.asarray(out, dtype=np.int64)


def _holdup_one_pattern(
    pattern: FlowPattern,
    lam: FloatArray,
    n_fr: FloatArray,
    n_lv: FloatArray,
    sin_theta: FloatArray,
) -> FloatArray:
    """Inclined holdup HL(theta) = HL(0) psi for one pattern (no Payne factor yet)."""
    a, b, c = _HL0[pattern]
    hl0 = a * lam**b / np.maximum(n_fr, 1e-12) ** c
    hl0 = np.clip(hl0, lam, 1.0)  # Beggs & Brill: HL(0) is never below lambda
    uphill = sin_theta >= 0.0
    if pattern in _C_UPHILL:
        e, f, g, h = _C_UPHILL[pattern]
        arg_up = e * lam**f * np.maximum(n_lv, 1e-12) ** g * np.maximum(n_fr, 1e-12) ** h
    else:
        arg_up = np.ones_like(lam)  # distributed uphill: C = 0
    e, f, g, h = _C_DOWNHILL
    arg_dn = e * lam**f * np.maximum(n_lv, 1e-12) ** g * np.maximum(n_fr, 1e-12) ** h
    arg = np.where(uphill, arg_up, arg_dn)
    cc = np.maximum((1.0 - lam) * np.log(arg), 0.0)
    theta = np.arcsin(np.clip(sin_theta, -1.0, 1.0))
    s18 = np.sin(1.8 * theta)
    psi = 1.0 + cc * (s18 - s18**3 / 3.0)
    return np.asarray(hl0 * psi, dtype=np.float64)


def liquid_holdup(
    lam: ArrayLike,
    n_fr: ArrayLike,
    n_lv: ArrayLike,
    sin_theta: ArrayLike,
    *,
    payne: bool = True,
) -> tuple[FloatArray, IntArray]:
    """Beggs & Brill liquid holdup and flow pattern.

    ``lam`` no-slip liquid holdup, ``n_fr`` Froude number, ``n_lv`` liquid velocity number,
    ``sin_theta`` sine of the angle from horizontal (positive uphill). With ``payne`` the
    Payne et al. (1979) factors are applied; uphill the result is then kept >= lambda (liquid
    cannot outrun the gas going uphill), downhill it may fall below lambda.
    """
    lam_a, fr, nlv, st = np.broadcast_arrays(
        *(np.asarray(x, dtype=np.float64) for x in (lam, n_fr, n_lv, sin_theta))
    )
    lam_c = np.clip(lam_a, _LAMBDA_EPS, 1.0)
    pattern = flow_pattern(lam_c, fr)
    hl = np.empty_like(lam_c)
    for pat in (FlowPattern.SEGREGATED, FlowPattern.INTERMITTENT, FlowPattern.DISTRIBUTED):
        m = pattern == pat
        if np.any(m):
            hl[m] = _holdup_one_pattern(pat, lam_c[m], fr[m], nlv[m], st[m])
    m = pattern == FlowPattern.TRANSITION
    if np.any(m):
        _, l2, l3, _ = flow_pattern_limits(lam_c[m])
        w_seg = np.clip((l3 - fr[m]) / np.maximum(l3 - l2, 1e-12), 0.0, 1.0)
        h_seg = _holdup_one_pattern(FlowPattern.SEGREGATED, lam_c[m], fr[m], nlv[m], st[m])
        h_int = _holdup_one_pattern(FlowPattern.INTERMITTENT, lam_c[m], fr[m], nlv[m], st[m])
        hl[m] = w_seg * h_seg + (1.0 - w_seg) * h_int
    if payne:
        hl = hl * np.where(st >= 0.0, PAYNE_UPHILL, PAYNE_DOWNHILL)
    floor = np.where(st >= 0.0, lam_c, 0.0)
    hl = np.clip(hl, floor, 1.0)
    # Single-phase limits: exact, whatever the correlation would say.
    liquid = lam_a >= 1.0 - 1e-12
    gas = lam_a <= _LAMBDA_EPS
    hl = np.where(liquid, 1.0, np.where(gas, 0.0, hl))
    pattern = np.where(liquid, FlowPattern.LIQUID, np.where(gas, FlowPattern.GAS, pattern))
    return np.asarray(hl, dtype=np.float64), np.asarray(pattern, dtype=np.int64)


def two_phase_friction_ratio(lam: ArrayLike, holdup: ArrayLike) -> FloatArray:
    """ftp / fn = e^S, y = lambda / HL^2 (Beggs & Brill eq. for S; ln(2.2y - 1.2) for 1<y<1.2)."""
    lam_a = np.asarray(lam, dtype=np.float64)
    hl = np.maximum(np.asarray(holdup, dtype=np.float64), 1e-12)
    y = np.maximum(lam_a / (hl * hl), 1e-12)
    ln_y = np.log(y)
    denom = -0.0523 + 3.182 * ln_y - 0.8725 * ln_y**2 + 0.01853 * ln_y**4
    with np.errstate(divide="ignore", invalid="ignore"):
        s_general = np.where(np.abs(denom) > 1e-12, ln_y / denom, 0.0)
    s_band = np.log(np.maximum(2.2 * y - 1.2, 1e-12))
    s = np.where((y > 1.0) & (y < 1.2), s_band, s_general)
    return np.asarray(np.exp(s), dtype=np.float64)


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
    *,
    payne: bool = True,
) -> GradientResult:
    """Beggs & Brill pressure gradient, psi/ft, for flow in the direction of ``sin_theta``.

    ``sin_theta`` > 0 is uphill (a producing well, sin = 1 when vertical). The result is the
    pressure *loss* per foot along the flow: (rho_s g sin(theta) + ftp rho_n vm^2 / 2d) /
    (1 - Ek) with Ek = rho_s vm vsg / p (all in lbm-ft-s-lbf units, divided by 144).
    """
    vsl_a, vsg_a, rl, rg, ml, mg, sl, d, eps, st, p = broadcast_inputs(
        vsl, vsg, rho_l, rho_g, mu_l, mu_g, sigma_l, d_ft, roughness_ft, sin_theta, p_psia
    )
    vm = vsl_a + vsg_a
    lam = no_slip_holdup(vsl_a, vm)
    n_fr = froude_number(vm, d)
    n_lv = liquid_velocity_number(vsl_a, rl, sl)
    hl, pattern = liquid_holdup(lam, n_fr, n_lv, st, payne=payne)

    rho_s = rl * hl + rg * (1.0 - hl)
    rho_n = rl * lam + rg * (1.0 - lam)
    mu_n = ml * lam + mg * (1.0 - lam)
    re = RE_FACTOR * rho_n * vm * d / mu_n
    f_n = moody_friction_factor(re, eps / d)
    f_tp = f_n * two_phase_friction_ratio(lam, hl)

    elevation = rho_s * st / PSF_PER_PSI
    friction = f_tp * rho_n * vm * vm / (2.0 * GC * d) / PSF_PER_PSI
    ek = np.minimum(rho_s * vm * vsg_a / (GC * PSF_PER_PSI * np.maximum(p, 1e-6)), EK_MAX)
    total = (elevation + friction) / (1.0 - ek)
    return GradientResult(
        total_psi_ft=np.asarray(total, dtype=np.float64),
        elevation_psi_ft=np.asarray(elevation, dtype=np.float64),
        friction_psi_ft=np.asarray(friction, dtype=np.float64),
        holdup=hl,
        no_slip_holdup=np.asarray(lam, dtype=np.float64),
        pattern=pattern,
        ek=np.asarray(ek, dtype=np.float64),
    )
