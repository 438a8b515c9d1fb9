"""Pressure-gradient correlations as pure functions of in-situ quantities."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq

from domain.engineering.flow import FlowPattern, beggs_brill, hagedorn_brown
from domain.engineering.flow.gradient import moody_friction_factor

GC = 32.174


def colebrook(re: float, rr: float) -> float:
    """Colebrook-White solved independently with brentq."""

    def g(f: float) -> float:
        return 1 / math.sqrt(f) + 2 * math.log10(rr / 3.7 + 2.51 / (re * math.sqrt(f)))

    return float(brentq(g, 1e-4, 1.0, xtol=1e-14))


# -- friction factor ------------------------------------------------------------------------


@pytest.mark.parametrize("re", [4e3, 1e4, 1e5, 1e6, 1e7])
@pytest.mark.parametrize("rr", [0.0, 1e-5, 2.5e-4, 1e-3, 0.01])
def test_moody_matches_colebrook(re: float, rr: float) -> None:
    assert float(moody_friction_factor(re, rr)) == pytest.approx(colebrook(re, rr), rel=1e-9)


def test_moody_laminar_and_smooth_pipe_reference() -> None:
    assert float(moody_friction_factor(1000.0, 0.001)) == pytest.approx(0.064)
    # Smooth pipe at Re = 1e5: 0.0180 on the Moody chart (Moody, Trans. ASME 1944).
    assert float(moody_friction_factor(1e5, 0.0)) == pytest.approx(0.0180, abs=1e-4)
    # transition band is continuous
    f = moody_friction_factor(np.array([1999.0, 2001.0, 3999.0, 4001.0]), 1e-4)
    assert abs(f[1] - f[0]) < 1e-4 and abs(f[3] - f[2]) < 1e-4


# -- single-phase liquid limit: hydrostatic + Moody friction --------------------------------


def _liquid_reference(v: float, rho: float, mu: float, d: float, eps: float, sin_t: float) -> float:
    re = 1488.16 * rho * v * d / mu
    if re <= 2000:
        f = 64 / re
    elif re >= 4000:
        f = colebrook(re, eps / d)
    else:  # the documented linear bridge between laminar at 2000 and Colebrook at 4000
        w = (re - 2000) / 2000
        f = (1 - w) * 0.032 + w * colebrook(4000.0, eps / d)
    return (rho * sin_t + f * rho * v * v / (2 * GC * d)) / 144.0


@pytest.mark.parametrize("module", [beggs_brill, hagedorn_brown])
@given(
    v=st.floats(min_value=0.5, max_value=20.0),
    rho=st.floats(min_value=40.0, max_value=70.0),
    mu=st.floats(min_value=0.3, max_value=20.0),
    d_in=st.floats(min_value=1.5, max_value=6.0),
    angle=st.floats(min_value=0.0, max_value=90.0),
)
@settings(max_examples=60, deadline=None)
def test_single_phase_liquid_limit(
    module: object, v: float, rho: float, mu: float, d_in: float, angle: float
) -> None:
    d, eps = d_in / 12.0, 0.0006 / 12.0
    sin_t = math.sin(math.radians(angle))
    res = module.pressure_gradient(  # type: ignore[attr-defined]
        v, 0.0, rho, 0.05, mu, 0.015, 30.0, d, eps, sin_t, 2000.0
    )
    assert float(res.holdup) == 1.0
    assert int(res.pattern) == FlowPattern.LIQUID
    assert float(res.total_psi_ft) == pytest.approx(
        _liquid_reference(v, rho, mu, d, eps, sin_t), rel=1e-8
    )


# -- gradient positive for upward flow ------------------------------------------------------


@pytest.mark.parametrize("module", [beggs_brill, hagedorn_brown])
@given(
    vsl=st.floats(min_value=0.01, max_value=15.0),
    vsg=st.floats(min_value=0.0, max_value=60.0),
    rho_l=st.floats(min_value=35.0, max_value=70.0),
    rho_g=st.floats(min_value=0.05, max_value=15.0),
    mu_l=st.floats(min_value=0.2, max_value=50.0),
    sigma=st.floats(min_value=2.0, max_value=70.0),
    d_in=st.floats(min_value=1.5, max_value=7.0),
    angle=st.floats(min_value=1.0, max_value=90.0),
    p=st.floats(min_value=50.0, max_value=6000.0),
)
@settings(max_examples=300, deadline=None)
def test_gradient_positive_and_holdup_bounded_for_upward_flow(
    module: object,
    vsl: float,
    vsg: float,
    rho_l: float,
    rho_g: float,
    mu_l: float,
    sigma: float,
    d_in: float,
    angle: float,
    p: float,
) -> None:
    res = module.pressure_gradient(  # type: ignore[attr-defined]
        vsl,
        vsg,
        rho_l,
        rho_g,
        mu_l,
        0.015,
        sigma,
        d_in / 12,
        5e-5,
        math.sin(math.radians(angle)),
        p,
    )
    assert float(res.total_psi_ft) > 0.0
    assert float(res.elevation_psi_ft) > 0.0
    assert float(res.friction_psi_ft) >= 0.0
    lam = vsl / (vsl + vsg)
    assert lam - 1e-12 <= float(res.holdup) <= 1.0  # uphill: liquid never outruns the gas


# -- Beggs & Brill pieces, worked by hand from the paper's equations ----------------------


def test_beggs_brill_worked_point_intermittent_vertical() -> None:
    """vsl 3.97, vsg 3.86 ft/s; rho_L 47.61, rho_g 5.88 lbm/ft3; sigma 8.41 dyn/cm; 6-in pipe.

    By hand: lambda = 0.5070, NFr = vm^2/(g d) = 3.811; L3 = 0.268 < NFr <= L4 = 48.8 ->
    intermittent; HL(0) = 0.845 lambda^0.5351 / NFr^0.0173 = 0.5740; C = 0.493 ln(2.96
    lambda^0.305 NLv^-0.4473 NFr^0.0978) < 0 -> 0, psi = 1; Payne 0.924 -> HL = 0.5304.
    """
    vsl, vsg, d = 3.97, 3.86, 0.5
    vm = vsl + vsg
    lam = vsl / vm
    n_fr = vm**2 / (32.174 * d)
    n_lv = 1.938 * vsl * (47.61 / 8.41) ** 0.25
    assert lam == pytest.approx(0.5070, abs=1e-4)
    assert n_fr == pytest.approx(3.811, abs=1e-3)
    hl0 = 0.845 * lam**0.5351 / n_fr**0.0173
    assert hl0 == pytest.approx(0.5740, abs=2e-4)
    assert (1 - lam) * math.log(2.96 * lam**0.305 * n_lv**-0.4473 * n_fr**0.0978) < 0
    hl, pat = beggs_brill.liquid_holdup(lam, n_fr, n_lv, 1.0)
    assert int(pat) == FlowPattern.INTERMITTENT
    assert float(hl) == pytest.approx(0.924 * hl0, rel=1e-9)
    hl_orig, _ = beggs_brill.liquid_holdup(lam, n_fr, n_lv, 1.0, payne=False)
    assert float(hl_orig) == pytest.approx(hl0, rel=1e-9)


@pytest.mark.parametrize(
    ("lam", "n_fr", "expected"),
    [
        (0.005, 10.0, FlowPattern.SEGREGATED),  # lambda < 0.01, NFr < L1
        (0.005, 500.0, FlowPattern.DISTRIBUTED),  # lambda < 0.01, NFr >= L1
        (0.2, 0.01, FlowPattern.SEGREGATED),  # NFr < L2 = 0.049
        (0.2, 0.5, FlowPattern.TRANSITION),  # L2 = 0.049 <= NFr <= L3 = 1.03
        (0.2, 20.0, FlowPattern.INTERMITTENT),  # L3 < NFr <= L1 = 195
        (0.2, 500.0, FlowPattern.DISTRIBUTED),
        (0.6, 5.0, FlowPattern.INTERMITTENT),  # L3 = 0.21 < NFr <= L4 = 15.6
        (0.6, 50.0, FlowPattern.DISTRIBUTED),  # NFr > L4
    ],
)
def test_beggs_brill_flow_pattern_map(lam: float, n_fr: float, expected: FlowPattern) -> None:
    assert int(beggs_brill.flow_pattern(lam, n_fr)) == expected


def test_beggs_brill_transition_interpolates_between_segregated_and_intermittent() -> None:
    lam, n_lv = 0.2, 5.0
    _, l2, l3, _ = beggs_brill.flow_pattern_limits(lam)
    lo, _ = beggs_brill.liquid_holdup(lam, float(l2) * 1.0001, n_lv, 1.0)
    hi, _ = beggs_brill.liquid_holdup(lam, float(l3) * 0.9999, n_lv, 1.0)
    seg, _ = beggs_brill.liquid_holdup(lam, float(l2) * 0.9999, n_lv, 1.0)
    inter, _ = beggs_brill.liquid_holdup(lam, float(l3) * 1.0001, n_lv, 1.0)
    assert float(lo) == pytest.approx(float(seg), rel=1e-3)
    assert float(hi) == pytest.approx(float(inter), rel=1e-3)


def test_beggs_brill_downhill_uses_payne_downhill_factor() -> None:
    lam, n_fr, n_lv = 0.3, 2.0, 4.0
    hl_up, _ = beggs_brill.liquid_holdup(lam, n_fr, n_lv, 0.0, payne=False)
    hl_dn, _ = beggs_brill.liquid_holdup(lam, n_fr, n_lv, -0.5, payne=True)
    raw_dn, _ = beggs_brill.liquid_holdup(lam, n_fr, n_lv, -0.5, payne=False)
    assert float(hl_dn) == pytest.approx(0.685 * float(raw_dn), rel=1e-9)
    assert float(hl_up) > 0


def test_beggs_brill_friction_ratio_limits() -> None:
    # y = 1 (no slip): S = 0; the 1 < y < 1.2 band joins the general formula continuously
    assert float(beggs_brill.two_phase_friction_ratio(0.25, 0.5)) == pytest.approx(1.0)
    lam = 0.3
    hl_at = math.sqrt(lam / 1.2)
    below = float(beggs_brill.two_phase_friction_ratio(lam, hl_at * 1.0001))
    above = float(beggs_brill.two_phase_friction_ratio(lam, hl_at * 0.9999))
    assert below == pytest.approx(above, rel=2e-2)


def test_pure_gas_has_zero_holdup() -> None:
    for module in (beggs_brill, hagedorn_brown):
        res = module.pressure_gradient(
            0.0, 20.0, 50.0, 5.0, 1.0, 0.015, 20.0, 0.2, 5e-5, 1.0, 1000.0
        )
        assert float(res.holdup) == 0.0
        assert int(res.pattern) == FlowPattern.GAS
        assert float(res.elevation_psi_ft) == pytest.approx(5.0 / 144)


# -- Hagedorn & Brown pieces ----------------------------------------------------------------


def test_hagedorn_brown_chart_fits_at_chart_landmarks() -> None:
    """Guo et al. (2007) fits reproduce the chart ends: CNL ~ 0.002 at NL = 0.001 and levels
    at ~0.0112; psi = 1 at small secondary group, ~1.8 at 0.09; HL/psi rises to ~1."""
    assert float(hagedorn_brown.cnl(0.001)) == pytest.approx(0.0020, abs=5e-5)
    assert float(hagedorn_brown.cnl(1.0)) == pytest.approx(0.0112, abs=2e-4)
    assert float(hagedorn_brown.psi_factor(0.005)) == 1.0
    assert float(hagedorn_brown.psi_factor(0.09)) == pytest.approx(1.86, abs=0.01)
    assert float(hagedorn_brown.holdup_over_psi(1e-2)) == pytest.approx(0.995, abs=0.01)
    g = np.logspace(-6, -2, 50)
    assert np.all(np.diff(hagedorn_brown.holdup_over_psi(g)) >= 0)


def test_griffith_bubble_flow() -> None:
    # Griffith: LB = 1.071 - 0.2218 vm^2/d, >= 0.13
    assert float(hagedorn_brown.griffith_bubble_limit(0.5, 0.5)) == pytest.approx(
        1.071 - 0.2218 * 0.25 / 0.5
    )
    assert float(hagedorn_brown.griffith_bubble_limit(10.0, 0.2)) == 0.13
    # holdup with 0.8 ft/s slip satisfies vsg/(1-HL) - vsl/HL = 0.8
    vsl, vsg = 1.0, 0.1
    hl = float(hagedorn_brown.griffith_holdup(vsg, vsl + vsg))
    assert vsg / (1 - hl) - vsl / hl == pytest.approx(0.8, rel=1e-9)
    res = hagedorn_brown.pressure_gradient(
        vsl, vsg, 55.0, 3.0, 2.0, 0.015, 25.0, 0.2, 5e-5, 1.0, 1500.0
    )
    assert int(res.pattern) == FlowPattern.BUBBLE
    assert float(res.holdup) == pytest.approx(hl)


def test_hagedorn_brown_holdup_not_below_no_slip() -> None:
    res = hagedorn_brown.pressure_gradient(
        np.full(5, 2.0),
        np.linspace(5, 50, 5),
        50.0,
        4.0,
        1.0,
        0.015,
        20.0,
        0.2,
        5e-5,
        1.0,
        800.0,
    )
    assert np.all(res.holdup >= res.no_slip_holdup - 1e-12)
    assert np.all(res.pattern == FlowPattern.SLUG_CHURN)
