"""Pressure traverse and VLP curves."""

from __future__ import annotations

import math
import time
from typing import cast

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.engineering.flow import (
    Correlation,
    FlowPattern,
    FluidModel,
    Outflow,
    Production,
    TemperatureProfile,
    Wellbore,
)
from domain.engineering.flow.insitu import PvtTable, direct_properties, in_situ_flow
from tests.domain.engineering.test_flow_support import LiquidOnly, SimpleFluid

GC = 32.174
TEMP = TemperatureProfile.between(100.0, 200.0, 8000.0)
CORRELATIONS: tuple[Correlation, ...] = ("beggs_brill", "hagedorn_brown")


def _real_fluid() -> FluidModel | None:
    """The PVT library's BlackOilFluid when it is implemented, else None."""
    try:
        from domain.engineering.pvt import BlackOilFluid

        fluid = BlackOilFluid(api=35, gas_sg=0.65, gor_scf_stb=500, water_sg=1.07)
        fluid.at(2000.0, 180.0)
    except (ImportError, NotImplementedError):
        return None
    return fluid


def _colebrook(re: float, rr: float) -> float:
    x = 8.0
    for _ in range(100):
        x = -2 * math.log10(rr / 3.7 + 2.51 * x / re)
    return 1 / (x * x)


# -- single-phase liquid: hydrostatic + Moody friction, exactly -----------------------------


@pytest.mark.parametrize("correlation", ["beggs_brill", "hagedorn_brown"])
@pytest.mark.parametrize("deviated", [False, True])
def test_single_phase_liquid_well_is_hydrostatic_plus_moody(
    correlation: Correlation, deviated: bool
) -> None:
    rho, mu, d_in, rough_in = 62.4, 1.0, 2.441, 0.0006
    if deviated:
        wb = Wellbore((0.0, 3000.0, 8000.0), (0.0, 3000.0, 6500.0), d_in, rough_in)
    else:
        wb = Wellbore.vertical(8000.0, d_in, rough_in)
    out = Outflow(
        wb, LiquidOnly(rho, mu), Production(gor_scf_stb=0.0), TEMP, correlation=correlation
    )
    rates = np.array([200.0, 1000.0, 3000.0])
    pwf = out.pwf(rates, 100.0)
    d = d_in / 12
    v = rates * 5.614583 / 86400 / (math.pi * d * d / 4)
    re = 1488.16 * rho * v * d / mu
    f = np.array([_colebrook(r, rough_in / d_in) for r in re])
    friction = f * rho * v * v / (2 * GC * d) / 144 * wb.depth_md_ft
    expected = 100.0 + rho * wb.depth_tvd_ft / 144 + friction
    assert np.allclose(pwf, expected, rtol=1e-9)


# -- multiphase traverse behaviour ----------------------------------------------------------


def _outflow(correlation: Correlation = "beggs_brill", **prod: float) -> Outflow:
    production = Production(gor_scf_stb=prod.get("gor", 500.0), water_cut=prod.get("wc", 0.3))
    return Outflow(
        Wellbore.vertical(8000.0, 2.441), SimpleFluid(), production, TEMP, correlation=correlation
    )


@pytest.mark.parametrize("correlation", ["beggs_brill", "hagedorn_brown"])
def test_traverse_pressure_rises_downward_and_profile_is_consistent(
    correlation: Correlation,
) -> None:
    out = _outflow(correlation)
    tr = out.traverse(800.0, 150.0)
    assert tr.md_ft[0] == 0.0 and tr.md_ft[-1] == pytest.approx(8000.0)
    assert tr.p_psia[0] == pytest.approx(150.0)
    assert np.all(np.diff(tr.p_psia) > 0)
    assert np.all(tr.gradient_psi_ft > 0)
    assert tr.pwf_psia == pytest.approx(float(out.pwf(800.0, 150.0)), abs=0.5)
    assert tr.t_degf[0] == pytest.approx(100.0) and tr.t_degf[-1] == pytest.approx(200.0)
    # below the bubble point (2500 psia) there is free gas; above it, liquid only
    low = tr.p_psia < 2400
    high = tr.p_psia > 2600
    assert np.all(tr.holdup[low] < 1.0)
    assert np.all(tr.pattern[high] == FlowPattern.LIQUID)
    assert np.all(tr.holdup >= tr.no_slip_holdup - 1e-12)


@pytest.mark.parametrize("correlation", ["beggs_brill", "hagedorn_brown"])
def test_vectorised_curve_equals_one_rate_at_a_time(correlation: Correlation) -> None:
    out = _outflow(correlation)
    rates = np.array([100.0, 600.0, 1500.0, 3000.0])
    curve = out.pwf(rates, 200.0)
    single = np.array([float(out.pwf(r, 200.0)) for r in rates])
    assert np.allclose(curve, single, atol=1.0)  # integration tolerance, psi


def test_thp_array_per_rate() -> None:
    out = _outflow()
    rates = np.array([500.0, 1000.0])
    both = out.pwf(rates, np.array([150.0, 400.0]))
    assert both[0] == pytest.approx(float(out.pwf(500.0, 150.0)), abs=1.0)
    assert both[1] == pytest.approx(float(out.pwf(1000.0, 400.0)), abs=1.0)


def test_pvt_table_matches_direct_fluid_calls() -> None:
    fluid = SimpleFluid(pb_per_degf=3.0)  # bubble point moves with temperature
    table = PvtTable(fluid, 100.0, 200.0, 6000.0)
    p = np.linspace(20.0, 5900.0, 97)
    for t in (100.0, 133.3, 187.0, 200.0):
        exact = direct_properties(fluid, p, t)
        approx = table(p, t)
        assert np.allclose(approx, exact, rtol=2e-3), t
    # grows on demand
    table(np.array([9000.0]), 150.0)
    assert table.p_hi >= 9000.0


@pytest.mark.parametrize("correlation", ["beggs_brill", "hagedorn_brown"])
def test_table_and_direct_traverses_agree(correlation: Correlation) -> None:
    out = _outflow(correlation)
    rates = np.array([300.0, 1200.0, 2500.0])
    table = out.pwf(rates, 200.0)
    direct = out.with_changes(pvt_table=False).pwf(rates, 200.0)
    assert np.allclose(table, direct, rtol=2e-3)


def test_free_gas_when_glr_exceeds_solution_gas_above_bubble_point() -> None:
    fluid = SimpleFluid()
    p = np.array([3000.0])  # above pb = 2500: all formation gas dissolved
    props = direct_properties(fluid, p, 150.0)
    area = math.pi * (2.441 / 12) ** 2 / 4
    no_lift = in_situ_flow(props, p, np.array([1000.0]), 0.0, 500.0, 500.0, area)
    lifted = in_situ_flow(props, p, np.array([1000.0]), 0.0, 500.0, 1500.0, area)
    assert float(no_lift.vsg[0]) == 0.0
    assert float(lifted.vsg[0]) > 0.0
    # production GOR above the fluid's own solution GOR: the excess is free too
    gassy = in_situ_flow(props, p, np.array([1000.0]), 0.0, 800.0, 800.0, area)
    assert float(gassy.vsg[0]) > 0.0


def test_gas_lift_lowers_pwf_and_injection_depth_matters() -> None:
    base = _outflow(gor=200.0, wc=0.8)
    prod = base.production
    lifted_bottom = base.with_changes(
        production=Production(prod.gor_scf_stb, prod.water_cut, 1200.0)
    )
    lifted_mid = base.with_changes(
        production=Production(prod.gor_scf_stb, prod.water_cut, 1200.0, injection_md_ft=4000.0)
    )
    q = np.array([800.0])
    p0, p_mid, p_bot = (float(o.pwf(q, 150.0)[0]) for o in (base, lifted_mid, lifted_bottom))
    assert p_bot < p_mid < p0


def test_inclination_survey_gives_balanced_tangential_tvd() -> None:
    wb = Wellbore.from_inclination([0.0, 2000.0, 10000.0], [0.0, 0.0, 41.41], 2.441)
    expected = 2000 + 8000 * (1 + math.cos(math.radians(41.41))) / 2
    assert wb.depth_tvd_ft == pytest.approx(expected)
    assert wb.depth_md_ft == 10000.0


@pytest.mark.parametrize("correlation", ["beggs_brill", "hagedorn_brown"])
def test_deviated_well_same_tvd_more_pipe_needs_more_pressure(correlation: Correlation) -> None:
    fluid = SimpleFluid()
    prod = Production(gor_scf_stb=500.0, water_cut=0.3)
    vertical = Wellbore.vertical(8000.0, 2.441)
    deviated = Wellbore((0.0, 2000.0, 10000.0), (0.0, 2000.0, 8000.0), 2.441)
    pv = float(Outflow(vertical, fluid, prod, TEMP, correlation=correlation).pwf(1000.0, 150.0))
    pd = float(Outflow(deviated, fluid, prod, TEMP, correlation=correlation).pwf(1000.0, 150.0))
    assert pd > pv  # same TVD, 2000 ft more pipe: more friction


def test_rates_beyond_lift_are_inf() -> None:
    out = _outflow().with_changes(p_limit_psia=5000.0)
    pwf = out.pwf(np.array([500.0, 1e6]), 200.0)
    assert np.isfinite(pwf[0]) and np.isinf(pwf[1])


def test_zero_rate_is_a_static_liquid_column() -> None:
    out = Outflow(Wellbore.vertical(5000.0, 2.441), LiquidOnly(62.4), Production(0.0), TEMP)
    assert float(out.pwf(0.0, 100.0)) == pytest.approx(100.0 + 62.4 * 5000 / 144, rel=1e-9)


@given(
    q=st.floats(min_value=50.0, max_value=4000.0),
    thp=st.floats(min_value=50.0, max_value=1000.0),
    wc=st.floats(min_value=0.0, max_value=1.0),
    gor=st.floats(min_value=0.0, max_value=2000.0),
)
@settings(max_examples=25, deadline=None)
def test_pwf_exceeds_thp_for_upward_flow(q: float, thp: float, wc: float, gor: float) -> None:
    for corr in CORRELATIONS:
        out = _outflow(corr, gor=gor, wc=wc)
        tr = out.traverse(q, thp)
        assert np.all(np.diff(tr.p_psia) > 0)


def test_wellbore_and_production_validation() -> None:
    with pytest.raises(ValueError):
        Wellbore((0.0, 1000.0), (0.0, 1200.0), 2.441)
    with pytest.raises(ValueError):
        Wellbore((0.0, 1000.0, 900.0), (0.0, 900.0, 800.0), 2.441)
    with pytest.raises(ValueError):
        Production(gor_scf_stb=500.0, water_cut=1.2)
    with pytest.raises(ValueError):
        Production(gor_scf_stb=500.0, water_cut=0.0, glr_total_scf_stb=100.0)
    with pytest.raises(ValueError):
        Outflow(
            Wellbore.vertical(5000, 2.441),
            SimpleFluid(),
            Production(500.0),
            TEMP,
            correlation=cast(Correlation, "duns_ros"),
        )


# -- with the PVT library -------------------------------------------------------------------


def test_curve_speed_and_sanity_with_black_oil_fluid() -> None:
    """30 rates, 10,000 ft vertical well, cold PVT table: well under a second."""
    fluid = _real_fluid() or SimpleFluid()
    wb = Wellbore.vertical(10000.0, 2.441)
    out = Outflow(
        wb,
        fluid,
        Production(500.0, 0.3),
        TemperatureProfile.between(100.0, 200.0, 10000.0),
    )
    rates = np.linspace(50.0, 3000.0, 30)
    start = time.perf_counter()
    pwf = out.pwf(rates, 200.0)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0
    avg_gradient = (pwf - 200.0) / 10000.0
    assert np.all((avg_gradient > 0.15) & (avg_gradient < 0.6))
    # J-shaped: a minimum inside the range
    k = int(np.argmin(pwf))
    assert 0 < k < rates.size - 1


def test_black_oil_fluid_table_vs_direct() -> None:
    fluid = _real_fluid()
    if fluid is None:
        pytest.skip("domain.engineering.pvt.BlackOilFluid.at is not implemented yet")
    for corr in CORRELATIONS:
        out = Outflow(
            Wellbore.vertical(8000.0, 2.441),
            fluid,
            Production(500.0, 0.3),
            TEMP,
            correlation=corr,
        )
        rates = np.array([200.0, 1500.0])
        assert np.allclose(
            out.pwf(rates, 200.0), out.with_changes(pvt_table=False).pwf(rates, 200.0), rtol=2e-3
        )
