"""Nodal analysis, chokes, ESPs and sensitivity families."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.engineering.flow import (
    GILBERT,
    CompositeIPR,
    Correlation,
    EspPump,
    Outflow,
    Production,
    PumpCurve,
    TemperatureProfile,
    VogelIPR,
    Wellbore,
    bean_size,
    choke_sensitivity,
    esp_frequency_sensitivity,
    glr_sensitivity,
    is_critical,
    liquid_rate,
    nodal_analysis,
    operating_point,
    thp_sensitivity,
    wellhead_pressure,
)
from domain.engineering.flow.nodal import find_intersections
from tests.domain.engineering.test_flow_support import SimpleFluid

TEMP = TemperatureProfile.between(100.0, 200.0, 8000.0)


def _outflow(wc: float = 0.3, gor: float = 500.0, **kw: Any) -> Outflow:
    return Outflow(Wellbore.vertical(8000.0, 2.441), SimpleFluid(), Production(gor, wc), TEMP, **kw)


def j_curve(p0: float, a: float, b: float) -> Callable[[Any], np.ndarray]:
    """An analytic J-shaped VLP: heading term falling with rate, friction rising."""
    return lambda q: p0 + a / (np.asarray(q) + 50.0) + b * np.asarray(q) ** 2


# -- operating point on analytic curves -----------------------------------------------------


@given(
    pr=st.floats(min_value=1500.0, max_value=6000.0),
    qmax=st.floats(min_value=200.0, max_value=10000.0),
    p0_frac=st.floats(min_value=0.05, max_value=0.9),
)
@settings(max_examples=100, deadline=None)
def test_operating_point_lies_on_both_curves(pr: float, qmax: float, p0_frac: float) -> None:
    ipr = VogelIPR(pr, qmax)
    vlp = j_curve(p0_frac * pr, 0.0, 0.3 * pr / qmax**2)  # monotone rising VLP
    op = operating_point(ipr, vlp)
    assert op is not None and op.stable
    assert float(ipr.pwf(op.rate_stb_d)) == pytest.approx(op.pwf_psia)
    assert float(vlp(op.rate_stb_d)) == pytest.approx(op.pwf_psia, abs=1e-5 * pr)


def test_two_intersections_returns_the_stable_right_one() -> None:
    ipr = VogelIPR(3000.0, 2000.0)
    vlp = j_curve(1500.0, 120000.0, 0.0004)
    pts = find_intersections(ipr, vlp, np.linspace(10, 1990, 40))
    assert len(pts) == 2
    left, right = pts
    assert not left.stable and right.stable
    assert left.rate_stb_d < right.rate_stb_d
    op = operating_point(ipr, vlp)
    assert op == right
    for p in pts:
        assert float(vlp(p.rate_stb_d)) == pytest.approx(p.pwf_psia, abs=0.01)


def test_dead_well_has_no_operating_point() -> None:
    ipr = VogelIPR(2000.0, 1000.0)
    assert operating_point(ipr, lambda q: np.full_like(q, 2100.0)) is None
    # J-curve that stays above the IPR everywhere
    assert operating_point(ipr, j_curve(1900.0, 20000.0, 0.001)) is None


def test_operating_point_handles_unliftable_rates() -> None:
    ipr = VogelIPR(3000.0, 2000.0)

    def vlp(q: np.ndarray) -> np.ndarray:
        v = 800.0 + 0.5 * q
        return np.where(q > 1500.0, np.inf, v)

    op = operating_point(ipr, vlp)
    assert op is not None and op.stable
    assert float(vlp(np.array([op.rate_stb_d]))[0]) == pytest.approx(op.pwf_psia, abs=1e-3)


# -- with real outflow -----------------------------------------------------------------------


@pytest.mark.parametrize("correlation", ["beggs_brill", "hagedorn_brown"])
def test_nodal_analysis_operating_point_on_ipr_and_on_the_traverse(
    correlation: Correlation,
) -> None:
    ipr = CompositeIPR.from_test(3500.0, 2500.0, 900.0, 2700.0)
    out = _outflow(correlation=correlation)
    res = nodal_analysis(ipr, out, 200.0)
    assert res.flowing
    op = res.operating_point
    assert op is not None
    assert float(ipr.pwf(op.rate_stb_d)) == pytest.approx(op.pwf_psia)
    # the point is on the VLP: a fresh single-rate traverse lands on it
    assert float(out.pwf(op.rate_stb_d, 200.0)) == pytest.approx(op.pwf_psia, abs=2.0)
    assert res.rates_stb_d.shape == res.ipr_pwf_psia.shape == res.vlp_pwf_psia.shape


def test_thp_sensitivity_rate_falls_as_thp_rises() -> None:
    ipr = VogelIPR(3500.0, 2500.0)
    fam = thp_sensitivity(ipr, _outflow(), [100.0, 200.0, 300.0, 600.0])
    rates = [c.operating_point.rate_stb_d for c in fam.cases if c.operating_point]
    assert len(rates) == 3  # 600 psia THP kills the well
    assert fam.cases[-1].operating_point is None
    assert rates[0] > rates[1] > rates[2]
    assert fam.parameter == "thp" and fam.unit == "psia"
    assert all(c.vlp_pwf_psia.shape == fam.rates_stb_d.shape for c in fam.cases)


# -- choke -----------------------------------------------------------------------------------


def test_gilbert_worked_example() -> None:
    """pengtools wiki, "Gilbert choke equation" (M. Tuzovskiy), example: 600 bbl/d,
    GLR 400 scf/bbl, 22/64 in bean -> p_wh = 460 psig = 474.7 psia."""
    p = float(wellhead_pressure(600.0, 400.0, 22.0))
    assert p - 14.7 == pytest.approx(460.0, abs=1.0)
    assert float(liquid_rate(p, 400.0, 22.0)) == pytest.approx(600.0, rel=1e-12)
    assert bean_size(600.0, 400.0, p) == pytest.approx(22.0, rel=1e-12)


def test_gilbert_coefficients_in_scf_form_match_the_tables() -> None:
    # 435 with R in Mscf/STB is 10.0 with R in scf/STB (435 / 1000^0.546 = 10.03)
    assert GILBERT.a / 1000**GILBERT.b == pytest.approx(10.0, abs=0.05)


def test_critical_flow_ratio() -> None:
    assert bool(is_critical(500.0, 250.0))
    assert not bool(is_critical(500.0, 350.0))


def test_choke_sensitivity_bigger_bean_more_rate() -> None:
    ipr = VogelIPR(3500.0, 2500.0)
    fam = choke_sensitivity(ipr, _outflow(), [12.0, 20.0, 32.0], flowline_psia=100.0)
    rates = [c.operating_point.rate_stb_d for c in fam.cases if c.operating_point]
    assert len(rates) == 3 and rates[0] < rates[1] < rates[2]
    # at the operating point the THP is the choke's
    out = _outflow()
    case = fam.cases[1]
    assert case.operating_point is not None
    q = case.operating_point.rate_stb_d
    thp = max(float(wellhead_pressure(q, out.production.lifted_glr_scf_stb, 20.0)), 100.0)
    assert float(out.pwf(q, thp)) == pytest.approx(case.operating_point.pwf_psia, abs=2.0)


# -- ESP -----------------------------------------------------------------------------------

CURVE = PumpCurve.from_points([0, 500, 1000, 1500, 2000, 2500, 2800], [50, 49, 46, 41, 33, 22, 14])


@given(hz=st.floats(min_value=30.0, max_value=75.0), q=st.floats(min_value=0.0, max_value=2800))
def test_pump_affinity_laws(hz: float, q: float) -> None:
    r = hz / 60.0
    assert float(CURVE.head(q * r, hz)) == pytest.approx(
        float(CURVE.head(q)) * r * r, rel=1e-9, abs=1e-9
    )


def test_pump_pressure_gain() -> None:
    pump = EspPump(CURVE, stages=100, setting_md_ft=7000.0)
    assert float(pump.pressure_gain_psi(1000.0, 62.4, 60.0)) == pytest.approx(100 * 46 * 62.4 / 144)


def _esp_case() -> tuple[VogelIPR, Outflow]:
    ipr = VogelIPR(2000.0, 3000.0)
    pump = EspPump(CURVE, stages=120, setting_md_ft=7000.0)
    out = _outflow(wc=0.9, gor=100.0, pump=pump)
    return ipr, out


def test_esp_makes_a_dead_well_flow_and_frequency_raises_rate() -> None:
    ipr, out = _esp_case()
    natural = nodal_analysis(ipr, out.with_changes(pump=None), 100.0)
    assert not natural.flowing
    fam = esp_frequency_sensitivity(ipr, out, 100.0, [55.0, 60.0, 65.0])
    rates = [c.operating_point.rate_stb_d for c in fam.cases if c.operating_point]
    assert len(rates) == 3 and rates[0] < rates[1] < rates[2]
    # traverse through the pump: the pressure drops across it
    tr = out.traverse(rates[1], 100.0)
    k = int(np.flatnonzero(np.isclose(tr.md_ft, 7000.0))[0])
    assert tr.p_psia[k + 1] < tr.p_psia[k]


def test_esp_sensitivity_needs_a_pump() -> None:
    with pytest.raises(ValueError):
        esp_frequency_sensitivity(VogelIPR(2000.0, 1000.0), _outflow(), 100.0, [60.0])


# -- gas lift -----------------------------------------------------------------------------


def test_gas_lift_glr_family_revives_a_dead_well() -> None:
    ipr = VogelIPR(2200.0, 3000.0)
    out = _outflow(wc=0.85, gor=150.0)
    fam = glr_sensitivity(ipr, out, 150.0, [0.0, 800.0, 1200.0, 1600.0])
    ops = [c.operating_point for c in fam.cases]
    assert ops[0] is None  # formation gas alone cannot lift the water
    rates = [op.rate_stb_d for op in ops[1:] if op is not None]
    assert len(rates) == 3 and rates[0] < rates[1] < rates[2]
    assert fam.cases[0].value == 0.0


def test_esp_over_lift_extends_pwf_continuously_below_atmospheric() -> None:
    """A pump that lifts more than the well can give pumps off; the VLP keeps falling
    smoothly with frequency (below 14.7 psia as a continuation) so the root finder still
    sees a crossing near pwf = 0."""
    _, out = _esp_case()
    strong = out.with_changes(pump=EspPump(CURVE, stages=250, setting_md_ft=7000.0))
    hz = np.linspace(40.0, 75.0, 8)
    pwf = np.array([float(strong.with_changes(pump_hz=f).pwf(800.0, 100.0)) for f in hz])
    assert np.all(np.isfinite(pwf))
    assert np.all(np.diff(pwf) < 0)
    assert pwf[-1] < 14.7
