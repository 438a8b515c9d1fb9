"""The black-oil fluid model: contract, regimes around the bubble point, export, validation."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from domain.engineering.pvt import FIELDS, BlackOilFluid, FluidState, gas, header, oil, rows, water

FLUID = BlackOilFluid(api=35.0, gas_sg=0.8, gor_scf_stb=700.0)
T = 180.0


def test_contract_names():
    names = [f.name for f in dataclasses.fields(FluidState)]
    assert names == [
        "p_psia", "t_degf", "pb_psia", "rs_scf_stb", "bo_rb_stb", "bg_rb_scf", "bw_rb_stb", "z",
        "rho_o_lbft3", "rho_g_lbft3", "rho_w_lbft3", "mu_o_cp", "mu_g_cp", "mu_w_cp",
        "sigma_og_dyncm", "sigma_wg_dyncm", "co_1psi", "cg_1psi",
    ]  # fmt: skip
    assert [f.name for f in FIELDS] == names
    f = BlackOilFluid(30.0, 0.75, 350.0)
    assert (f.water_sg, f.y_h2s, f.y_co2, f.y_n2, f.correlation) == (
        1.07,
        0.0,
        0.0,
        0.0,
        "standing",
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.api = 40.0  # type: ignore[misc]


def test_standing_chart_example_through_the_fluid():
    f = BlackOilFluid(api=30.0, gas_sg=0.75, gor_scf_stb=350.0)
    pb = f.bubble_point(200.0)
    assert pb == pytest.approx(oil.standing_pb(350.0, 200.0, 30.0, 0.75))
    s = f.at(pb, 200.0)
    assert s.rs_scf_stb == pytest.approx(350.0)
    assert s.bo_rb_stb == pytest.approx(1.22, abs=0.005)


def test_rs_equals_gor_at_and_above_bubble_point():
    pb = FLUID.bubble_point(T)
    assert FLUID.at(pb, T).rs_scf_stb == pytest.approx(700.0, rel=1e-12)
    assert FLUID.at(pb * 1.5, T).rs_scf_stb == 700.0
    below = FLUID.at(pb * 0.5, T)
    assert below.rs_scf_stb < 700.0
    assert below.saturated and not FLUID.at(pb, T).saturated


def test_bo_peaks_at_bubble_point_and_is_continuous():
    pb = FLUID.bubble_point(T)
    bob = FLUID.at(pb, T).bo_rb_stb
    assert FLUID.at(pb * (1 - 1e-9), T).bo_rb_stb == pytest.approx(bob, rel=1e-6)
    assert FLUID.at(pb * (1 + 1e-9), T).bo_rb_stb == pytest.approx(bob, rel=1e-6)
    assert FLUID.at(0.7 * pb, T).bo_rb_stb < bob
    assert FLUID.at(1.5 * pb, T).bo_rb_stb < bob


def test_undersaturated_state_uses_vasquez_beggs():
    pb = FLUID.bubble_point(T)
    p = pb + 1500.0
    s = FLUID.at(p, T)
    bob = oil.standing_bo(700.0, T, 35.0, 0.8)
    assert s.bo_rb_stb == pytest.approx(
        oil.vasquez_beggs_bo_undersaturated(bob, p, pb, 700.0, T, 35.0, 0.8)
    )
    assert s.co_1psi == pytest.approx(oil.vasquez_beggs_co(p, 700.0, T, 35.0, 0.8))
    mu_ob = oil.beggs_robinson_live_oil_viscosity(
        oil.beggs_robinson_dead_oil_viscosity(35.0, T), 700
    )
    assert s.mu_o_cp == pytest.approx(oil.vasquez_beggs_undersaturated_viscosity(mu_ob, p, pb))


def test_gas_and_water_parts():
    s = FLUID.at(2000.0, T)
    g = gas.gas_properties(2000.0, T, 0.8)
    assert (s.z, s.bg_rb_scf, s.rho_g_lbft3, s.mu_g_cp, s.cg_1psi) == pytest.approx(
        (g.z, g.bg_rb_scf, g.rho_lbft3, g.mu_cp, g.cg_1psi)
    )
    salinity = water.salinity_from_sg(1.07)
    assert s.bw_rb_stb == pytest.approx(water.mccain_bw(2000.0, T))
    assert s.rho_w_lbft3 == pytest.approx(water.water_density(2000.0, T, salinity))
    assert s.mu_w_cp == pytest.approx(water.mccain_water_viscosity(2000.0, T, salinity))


def test_vasquez_beggs_fluid_with_separator_correction():
    f = BlackOilFluid(
        api=47.1, gas_sg=0.851, gor_scf_stb=751.0, correlation="vasquez_beggs",
        sep_p_psia=164.7, sep_t_degf=60.0,
    )  # fmt: skip
    assert f.gas_sg_100 == pytest.approx(0.873, abs=0.0005)
    pb = f.bubble_point(250.0)
    assert pb == pytest.approx(oil.vasquez_beggs_pb(751.0, 250.0, 47.1, f.gas_sg_100))
    assert f.at(pb, 250.0).rs_scf_stb == pytest.approx(751.0, rel=1e-12)
    # Ahmed Table 2-1, oil 1: measured pb 2377 psig.
    assert pb == pytest.approx(2377.0 + 14.7, rel=0.05)


def test_hall_yarborough_option_and_sour_gas():
    f = BlackOilFluid(api=35.0, gas_sg=0.85, gor_scf_stb=500.0, y_h2s=0.05, y_co2=0.08,
                      y_n2=0.02, z_method="hy")  # fmt: skip
    s = f.at(3000.0, 200.0)
    g = gas.gas_properties(3000.0, 200.0, 0.85, 0.05, 0.08, 0.02, "hy")
    assert s.z == pytest.approx(g.z)


def test_dead_oil_has_no_bubble_point():
    f = BlackOilFluid(api=20.0, gas_sg=0.7, gor_scf_stb=0.0)
    assert f.bubble_point(150.0) == 0.0
    s = f.at(1000.0, 150.0)
    assert s.rs_scf_stb == 0.0
    assert s.mu_o_cp > 1.0 and s.bo_rb_stb > 1.0


def test_table_rows_and_si_export():
    states = FLUID.table(np.array([500.0, 1500.0, 3000.0]), T)
    assert [s.p_psia for s in states] == [500.0, 1500.0, 3000.0]
    assert len(rows(states)) == 3 and len(rows(states)[0]) == len(FIELDS)
    assert header()[:3] == ["p [psia]", "T [degF]", "pb [psia]"]
    assert header("si")[:4] == ["p [kPa]", "T [degC]", "pb [kPa]", "Rs [sm3/sm3]"]
    s = dataclasses.replace(
        states[0], p_psia=1000.0, t_degf=212.0, rho_o_lbft3=62.42796, rs_scf_stb=100.0,
        bg_rb_scf=0.001, co_1psi=1e-5,
    )  # fmt: skip
    si = s.as_dict("si")
    assert si["p_psia"] == pytest.approx(6894.757, rel=1e-6)
    assert si["t_degf"] == pytest.approx(100.0)
    assert si["rho_o_lbft3"] == pytest.approx(1000.0, rel=1e-5)
    assert si["rs_scf_stb"] == pytest.approx(17.81076, rel=1e-6)
    assert si["bg_rb_scf"] == pytest.approx(0.005614583, rel=1e-6)
    assert si["co_1psi"] == pytest.approx(1e-5 / 6.894757, rel=1e-6)
    assert si["mu_o_cp"] == s.mu_o_cp and si["z"] == s.z
    assert s.as_dict()["p_psia"] == 1000.0
    with pytest.raises(ValueError, match="unit system"):
        s.as_row("imperial")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"api": 0.0}, "api"),
        ({"api": -3.0}, "api"),
        ({"gas_sg": 0.55}, "gas specific gravity"),
        ({"gas_sg": 0.3}, "gas specific gravity"),
        ({"gor_scf_stb": -10.0}, "GOR"),
        ({"water_sg": 0.9}, "water specific gravity"),
        ({"y_h2s": 1.5}, "H2S"),
        ({"correlation": "glaso"}, "unknown oil correlation"),
        ({"z_method": "papay"}, "unknown z-factor method"),
        ({"sep_p_psia": 100.0}, "both separator"),
        ({"api": math.nan}, "finite"),
    ],
)
def test_invalid_fluid_rejected(kwargs: dict[str, object], match: str):
    base: dict[str, object] = {"api": 35.0, "gas_sg": 0.8, "gor_scf_stb": 700.0}
    base.update(kwargs)
    with pytest.raises(ValueError, match=match):
        BlackOilFluid(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("p", "t", "match"),
    [(-100.0, 150.0, "pressure"), (0.0, 150.0, "pressure"), (1000.0, -10.0, "temperature")],
)
def test_invalid_state_rejected(p: float, t: float, match: str):
    with pytest.raises(ValueError, match=match):
        FLUID.at(p, t)


def test_too_cold_heavy_gas_is_reported_not_extrapolated():
    f = BlackOilFluid(api=35.0, gas_sg=1.6, gor_scf_stb=700.0)
    with pytest.raises(ValueError, match="z-factor range"):
        f.at(2000.0, 40.0)
