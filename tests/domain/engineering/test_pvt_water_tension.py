"""Brine properties (McCain) and surface tension (Baker-Swerdloff; gas-water fit)."""

from __future__ import annotations

import pytest

from domain.engineering.pvt import tension, water


def test_bw_fresh_water_thermal_expansion_matches_steam_tables():
    # Saturated-liquid specific volume of water: 0.016035 ft3/lb at 60 degF and 0.016634 at
    # 200 degF (ASME / Keenan et al. steam tables), ratio 1.0374. McCain: within 2%.
    assert water.mccain_bw(14.696, 60.0) == pytest.approx(1.0, abs=1e-4)
    assert water.mccain_bw(14.696, 200.0) == pytest.approx(0.016634 / 0.016035, rel=0.005)


def test_bw_shrinks_with_pressure_and_grows_with_temperature():
    assert water.mccain_bw(5000.0, 200.0) < water.mccain_bw(1000.0, 200.0)
    assert water.mccain_bw(3000.0, 250.0) > water.mccain_bw(3000.0, 150.0)


@pytest.mark.parametrize(
    ("t_degf", "mu_ref"),
    # Viscosity of liquid water at 1 atm, mPa.s: 0.6527 (40 C), 0.3544 (80 C), 0.2818 (100 C)
    # (CRC Handbook of Chemistry and Physics). McCain's brine fit runs 4-8% low for fresh
    # water at these temperatures (stated accuracy 5% on brines, 100-400 degF).
    [(104.0, 0.6527), (176.0, 0.3544), (212.0, 0.2818)],
)
def test_water_viscosity_fresh_water(t_degf: float, mu_ref: float):
    assert water.mccain_water_viscosity(14.7, t_degf, 0.0) == pytest.approx(mu_ref, rel=0.09)


def test_water_viscosity_rises_with_salinity_and_pressure():
    assert water.mccain_water_viscosity(3000.0, 200.0, 15.0) > water.mccain_water_viscosity(
        3000.0, 200.0, 0.0
    )
    assert water.mccain_water_viscosity(8000.0, 150.0, 5.0) > water.mccain_water_viscosity(
        1000.0, 150.0, 5.0
    )


def test_salinity_and_density_round_trip():
    assert water.water_density_sc(0.0) == pytest.approx(62.368)
    for s in (0.0, 3.5, 10.0, 25.0):
        sg = water.water_density_sc(s) / 62.368
        assert water.salinity_from_sg(sg) == pytest.approx(s, abs=1e-9)
    # Reservoir density = standard density / Bw.
    assert water.water_density(3000.0, 200.0, 10.0) == pytest.approx(
        water.water_density_sc(10.0) / water.mccain_bw(3000.0, 200.0)
    )


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: water.salinity_from_sg(0.99), ">= 1.0"),
        (lambda: water.salinity_from_sg(1.3), "saturated"),
        (lambda: water.water_density_sc(30.0), "wt%"),
        (lambda: water.mccain_bw(-5.0, 100.0), "pressure"),
        (lambda: water.mccain_water_viscosity(100.0, -10.0, 5.0), "T > 0"),
    ],
)
def test_water_invalid_input(call: object, match: str):
    assert callable(call)
    with pytest.raises(ValueError, match=match):
        call()


def test_rsw_trends():
    # More gas dissolves at higher pressure; brine holds less than fresh water.
    assert water.mccain_rsw(0.0, 200.0, 0.0) == 0.0
    assert water.mccain_rsw(5000.0, 200.0, 0.0) > water.mccain_rsw(2000.0, 200.0, 0.0) > 0.0
    assert water.mccain_rsw(5000.0, 200.0, 10.0) < water.mccain_rsw(5000.0, 200.0, 0.0)


def test_baker_swerdloff_dead_oil_lines():
    # sigma_68 = 39 - 0.2571 API, sigma_100 = 37.5 - 0.2571 API, linear in between.
    assert tension.baker_swerdloff_dead_oil(30.0, 60.0) == pytest.approx(39.0 - 0.2571 * 30)
    assert tension.baker_swerdloff_dead_oil(30.0, 150.0) == pytest.approx(37.5 - 0.2571 * 30)
    mid = tension.baker_swerdloff_dead_oil(30.0, 84.0)
    assert mid == pytest.approx(0.5 * (39.0 + 37.5) - 0.2571 * 30)


def test_baker_swerdloff_live_oil_decreases_with_pressure_and_floors():
    dead = tension.baker_swerdloff_dead_oil(35.0, 180.0)
    assert tension.baker_swerdloff_live_oil(35.0, 180.0, 0.0) == pytest.approx(dead)
    assert tension.baker_swerdloff_live_oil(35.0, 180.0, 1000.0) == pytest.approx(
        dead * (1 - 0.024 * 1000**0.45)
    )
    assert tension.baker_swerdloff_live_oil(35.0, 180.0, 6000.0) == tension.SIGMA_MIN_DYNCM


def test_gas_water_surface_tension():
    # Near 74 degF and atmospheric pressure, water/methane ~ 72-75 dyn/cm.
    assert tension.gas_water_surface_tension(14.7, 74.0) == pytest.approx(75 - 1.108 * 14.7**0.349)
    assert tension.gas_water_surface_tension(14.7, 300.0) == pytest.approx(
        53 - 0.1048 * 14.7**0.637
    )
    assert tension.gas_water_surface_tension(3000.0, 150.0) < tension.gas_water_surface_tension(
        500.0, 150.0
    )
    with pytest.raises(ValueError, match="pressure"):
        tension.gas_water_surface_tension(-1.0, 100.0)
