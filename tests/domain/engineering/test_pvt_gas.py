"""Gas PVT: pseudo-criticals, Wichert-Aziz, z-factor (DAK, HY) against the Standing-Katz chart
and a textbook sour-gas example, Bg, density, viscosity, cg. References are in
docs/_validation_pvt.md."""

from __future__ import annotations

import math

import numpy as np
import pytest

from domain.engineering.pvt import gas

# Standing & Katz (1942) chart, Trans. AIME 146, 140-149, Fig. 2 (as reproduced in McCain 1990,
# Fig. 3-7): (Tpr, Ppr, z read off the chart). The readings are from the digitised chart published
# as data with the zFactor R package (A. Reyes, 2017, extdata/sk_*_tpr_*.txt); only a few points
# per isotherm, away from the Tpr = 1.05 critical region that neither correlation follows.
SK_CHART = [
    (1.05, 0.504, 0.829),
    (1.05, 1.000, 0.589),
    (1.05, 5.007, 0.663),
    (1.20, 1.000, 0.779),
    (1.20, 2.501, 0.519),
    (1.20, 4.005, 0.607),
    (1.20, 6.005, 0.789),
    (1.30, 10.361, 1.182),
    (1.30, 15.001, 1.585),
    (1.50, 1.000, 0.900),
    (1.50, 2.006, 0.822),
    (1.50, 3.006, 0.776),
    (1.50, 5.008, 0.810),
    (1.50, 8.001, 0.990),
    (2.00, 1.002, 0.969),
    (2.00, 3.006, 0.937),
    (2.00, 6.008, 0.986),
    (3.00, 1.000, 1.006),
    (3.00, 4.004, 1.034),
    (3.00, 7.001, 1.086),
]


@pytest.mark.parametrize("method", ["dak", "hy"])
@pytest.mark.parametrize(("tpr", "ppr", "z_chart"), SK_CHART)
def test_z_matches_standing_katz_chart(method: gas.ZMethod, tpr: float, ppr: float, z_chart: float):
    # Chart reading is good to about +-0.005; DAK's published average error is 0.5%. Both fits
    # are poorer on the Tpr = 1.05 isotherm (up to ~3% at Ppr 5).
    z = gas.z_factor(tpr, ppr, method)
    tol = 0.035 if tpr == 1.05 else 0.012
    assert z == pytest.approx(z_chart, rel=tol)


def test_z_near_critical_isotherm_is_a_known_weakness():
    # At Tpr = 1.05, Ppr = 1.5 the chart gives 0.253; both fits are well above it. Pin the
    # behaviour so a change is noticed (and documented in docs/_validation_pvt.md).
    assert gas.z_factor(1.05, 1.5, "dak") == pytest.approx(0.2837, abs=0.002)
    assert gas.z_factor(1.05, 1.5, "hy") == pytest.approx(0.3099, abs=0.002)


def test_wichert_aziz_sour_gas_textbook_example():
    # Ahmed, Reservoir Engineering Handbook (Gulf), ch. 2, Wichert-Aziz example: gas gravity
    # 0.7, 5% CO2, 10% H2S, 3500 psia, 160 degF; Standing's pseudo-criticals; published
    # eps = 20.735 degR, p'pc = 630.4 psia, Tpr = 1.68, Ppr = 5.55, z = 0.89 (chart).
    pc = gas.standing_pseudo_critical(0.7)
    assert gas.wichert_aziz_epsilon(0.10, 0.05) == pytest.approx(20.735, abs=0.001)
    corrected = gas.wichert_aziz(pc, 0.10, 0.05)
    assert corrected.ppc_psia == pytest.approx(630.4, abs=0.5)
    tpr, ppr = corrected.reduced(3500.0, 160.0)
    assert tpr == pytest.approx(1.68, abs=0.005)
    assert ppr == pytest.approx(5.55, abs=0.005)
    assert gas.z_factor(tpr, ppr, "dak") == pytest.approx(0.89, abs=0.01)
    assert gas.z_factor(tpr, ppr, "hy") == pytest.approx(0.89, abs=0.01)


def test_sutton_pseudo_criticals_formula():
    pc = gas.sutton_pseudo_critical(0.7)
    assert pc.tpc_degr == pytest.approx(169.2 + 349.5 * 0.7 - 74.0 * 0.49)
    assert pc.ppc_psia == pytest.approx(756.8 - 131.0 * 0.7 - 3.6 * 0.49)


def test_sweet_gas_pseudo_critical_is_plain_sutton():
    assert gas.pseudo_critical(0.8) == gas.sutton_pseudo_critical(0.8)


def test_non_hydrocarbons_move_pseudo_criticals_the_right_way():
    sweet = gas.pseudo_critical(0.75)
    # Nitrogen has a low Tc (227 degR): replacing 10% of the gas by it lowers Tpc.
    assert gas.pseudo_critical(0.75, y_n2=0.10).tpc_degr < sweet.tpc_degr
    # Wichert-Aziz always lowers both pseudo-criticals of the uncorrected mixture.
    mix = gas.PseudoCritical(400.0, 700.0)
    corrected = gas.wichert_aziz(mix, 0.2, 0.1)
    assert corrected.tpc_degr < mix.tpc_degr
    assert corrected.ppc_psia < mix.ppc_psia
    assert gas.wichert_aziz(mix, 0.0, 0.0) == mix


def test_z_is_one_at_zero_pressure_and_tends_to_one():
    assert gas.z_factor(1.5, 0.0) == 1.0
    for method in ("dak", "hy"):
        assert gas.z_factor(1.5, 1e-4, method) == pytest.approx(1.0, abs=1e-4)


def test_vectorised_z_matches_scalar():
    tpr = np.array([1.02, 1.05, 1.3, 2.0, 3.0])[:, None]
    ppr = np.array([0.0, 0.2, 0.95, 1.5, 4.0, 12.0, 29.0])[None, :]
    for method in ("dak", "hy"):
        z = gas.z_factor_array(tpr, ppr, method)
        assert z.shape == (5, 7)
        for i, t in enumerate(tpr[:, 0]):
            for j, p in enumerate(ppr[0]):
                assert z[i, j] == pytest.approx(gas.z_factor(t, p, method), rel=1e-10)


def test_dak_subcritical_low_pressure_extension():
    # DAK allows 0.7 < Tpr < 1 at Ppr < 1 and returns the gas-like (small density) root.
    z = gas.z_factor(0.9, 0.3, "dak")
    assert 0.8 < z < 1.0
    with pytest.raises(ValueError, match="outside the z-factor range"):
        gas.z_factor(0.9, 1.5, "dak")
    with pytest.raises(ValueError, match="outside the z-factor range"):
        gas.z_factor(0.9, 0.3, "hy")


@pytest.mark.parametrize(
    ("tpr", "ppr", "match"),
    [(1.5, -0.1, "reduced pressure must be >= 0"), (1.5, 31.0, "above 30"), (3.2, 1.0, "above 3")],
)
def test_z_rejects_out_of_range(tpr: float, ppr: float, match: str):
    with pytest.raises(ValueError, match=match):
        gas.z_factor(tpr, ppr)
    with pytest.raises(ValueError, match=match):
        gas.z_factor_array([tpr], [ppr])


def test_unknown_method_rejected():
    with pytest.raises(ValueError, match="unknown z-factor method"):
        gas.z_factor(1.5, 1.0, "papay")  # type: ignore[arg-type]


@pytest.mark.parametrize("method", ["dak", "hy"])
@pytest.mark.parametrize(("tpr", "ppr"), [(1.1, 0.5), (1.3, 2.0), (1.7, 6.0), (2.5, 15.0)])
def test_cg_analytic_matches_numerical_derivative(method: gas.ZMethod, tpr: float, ppr: float):
    h = 1e-5 * ppr
    zp = gas.z_factor(tpr, ppr + h, method)
    zm = gas.z_factor(tpr, ppr - h, method)
    z = gas.z_factor(tpr, ppr, method)
    numeric = 1.0 / ppr - (zp - zm) / (2.0 * h) / z
    assert gas.reduced_compressibility(tpr, ppr, method) == pytest.approx(numeric, rel=1e-6)


def test_cg_ideal_gas_limit():
    assert gas.reduced_compressibility(2.0, 0.01) == pytest.approx(1.0 / 0.01, rel=2e-3)
    with pytest.raises(ValueError, match="infinite"):
        gas.reduced_compressibility(2.0, 0.0)


def test_bg_and_density_real_gas_law():
    z = 0.85
    # Bg = 0.02827 z T / p (Ahmed's constant for 14.7 psia / 520 degR).
    assert gas.bg_rcf_scf(z, 2000.0, 140.0) == pytest.approx(0.02827 * z * 600 / 2000, rel=1e-3)
    assert gas.bg_rb_scf(z, 2000.0, 140.0) == pytest.approx(
        gas.bg_rcf_scf(z, 2000.0, 140.0) / 5.615, rel=1e-3
    )
    # rho = p M / (z R T)
    rho = gas.gas_density(2000.0, 140.0, 0.7, z)
    assert rho == pytest.approx(2000 * 28.96 * 0.7 / (z * 10.73 * 599.67), rel=1e-3)


def test_lee_gonzalez_eakin_methane_at_one_atmosphere():
    # Methane, 300 K (80.33 degF), 1 atm: 11.1 uPa.s (CRC Handbook of Chemistry and Physics,
    # "Viscosity of Gases"). LGE's stated accuracy is 2-4%.
    t = 80.33
    rho = 14.696 * 16.043 / (10.7316 * (t + 459.67))  # z = 1.00
    assert gas.lee_gonzalez_eakin(t, rho, 16.043) == pytest.approx(0.0111, rel=0.05)


def test_gas_viscosity_rises_with_pressure_and_temperature_at_low_pressure():
    low = gas.gas_properties(200.0, 100.0, 0.7).mu_cp
    high = gas.gas_properties(4000.0, 100.0, 0.7).mu_cp
    assert high > low
    # Dilute gas: viscosity increases with temperature.
    assert gas.gas_properties(50.0, 250.0, 0.7).mu_cp > gas.gas_properties(50.0, 80.0, 0.7).mu_cp


def test_gas_properties_consistent():
    s = gas.gas_properties(3000.0, 200.0, 0.75, y_co2=0.03, y_n2=0.01)
    pc = gas.pseudo_critical(0.75, 0.0, 0.03, 0.01)
    tpr, ppr = pc.reduced(3000.0, 200.0)
    assert s.z == pytest.approx(gas.z_factor(tpr, ppr))
    assert s.cg_1psi == pytest.approx(gas.reduced_compressibility(tpr, ppr) / pc.ppc_psia)
    assert s.bg_rb_scf == pytest.approx(s.bg_rcf_scf / 5.614583)
    assert math.isfinite(s.mu_cp) and s.mu_cp > 0


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"gas_sg": 0.55}, "must be > 0.55"),
        ({"gas_sg": 0.7, "y_h2s": -0.1}, "mole fraction"),
        ({"gas_sg": 0.7, "y_co2": 1.2}, "mole fraction"),
        ({"gas_sg": 0.7, "y_co2": 0.6, "y_h2s": 0.5}, "must be < 1"),
        ({"gas_sg": 0.6, "y_co2": 0.3}, "lighter than methane"),
    ],
)
def test_pseudo_critical_rejects_bad_input(kwargs: dict[str, float], match: str):
    with pytest.raises(ValueError, match=match):
        gas.pseudo_critical(**kwargs)


def test_gas_properties_reject_bad_pressure_and_temperature():
    with pytest.raises(ValueError, match="pressure must be > 0"):
        gas.gas_properties(-10.0, 100.0, 0.7)
    with pytest.raises(ValueError, match="absolute zero"):
        gas.gas_properties(1000.0, -500.0, 0.7)
    with pytest.raises(ValueError, match="finite"):
        gas.gas_properties(math.nan, 100.0, 0.7)
