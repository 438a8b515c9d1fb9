"""Aquifer influx models and the dimensionless radial-aquifer functions."""

from __future__ import annotations

import math

import numpy as np
import pytest

from domain.engineering.matbal import (
    CarterTracyAquifer,
    FetkovichAquifer,
    PotAquifer,
    VanEverdingenHurstAquifer,
    dimensionless_influx,
    dimensionless_pressure,
    fetkovich_productivity_index,
    pot_aquifer_constant,
    radial_aquifer_constant,
)
from domain.engineering.matbal.aquifer import dimensionless_pressure_derivative

T = np.arange(0.0, 11.0) * 365.0
P = np.array([2740.0, 2500, 2290, 2109, 1949, 1818, 1702, 1608, 1535, 1480, 1440])


# --- dimensionless functions: two independent methods and the known limits ------------------


def test_wd_short_time_limit() -> None:
    # linear flow at early time: W_D = 2 sqrt(t_D/pi) + t_D/2 + O(t_D^1.5)
    td = np.array([1e-4, 1e-3])
    expected = 2.0 * np.sqrt(td / np.pi) + td / 2.0
    assert dimensionless_influx(td) == pytest.approx(expected, rel=2e-3)


@pytest.mark.parametrize("red", [2.0, 5.0, 10.0])
def test_wd_bounded_aquifer_fills_to_its_volume(red: float) -> None:
    # a closed aquifer gives at most its expansion: W_D -> (r_eD^2 - 1)/2
    late = 20.0 * red**2  # several times the aquifer time constant (r_eD^2/2)(ln r_eD - 3/4)
    assert dimensionless_influx([late], red)[0] == pytest.approx((red**2 - 1.0) / 2.0, rel=1e-3)
    early = dimensionless_influx([0.05], red)[0]
    assert early == pytest.approx(dimensionless_influx([0.05])[0], rel=1e-6)  # boundary unfelt


def test_wd_monotone_and_zero_at_zero() -> None:
    td = np.logspace(-3, 4, 60)
    wd = dimensionless_influx(td)
    assert np.all(np.diff(wd) > 0.0)
    assert dimensionless_influx([0.0])[0] == 0.0


def test_pd_edwardson_against_exact_inversion() -> None:
    # Edwardson et al. (1962) fits vs the Stehfest-inverted exact solution with an outer
    # boundary too far away to be felt (r_eD = 1e4): independent methods agree
    td = np.array([0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 100.0, 1000.0])
    edwardson = dimensionless_pressure(td)
    exact = dimensionless_pressure(td, 1e4)
    assert edwardson == pytest.approx(exact, rel=1e-3)
    # and the long-time line source limit
    assert exact[-1] == pytest.approx(0.5 * (math.log(1000.0) + 0.80907), rel=1e-3)


def test_pd_derivative_consistent() -> None:
    td = np.array([0.3, 1.0, 3.0, 10.0, 40.0])
    for red in (None, 4.0):
        h = 1e-4 * td
        numeric = (dimensionless_pressure(td + h, red) - dimensionless_pressure(td - h, red)) / (
            2 * h
        )
        assert dimensionless_pressure_derivative(td, red) == pytest.approx(numeric, rel=2e-2)


def test_pd_bounded_late_time_is_pseudo_steady() -> None:
    # closed aquifer, late time: p_D grows at 2/(r_eD^2 - 1) per unit t_D (its own tank balance)
    red = 5.0
    slope = dimensionless_pressure_derivative([200.0, 400.0], red)
    assert slope == pytest.approx([2.0 / (red**2 - 1.0)] * 2, rel=1e-3)


def test_dimensionless_time_must_be_valid() -> None:
    with pytest.raises(ValueError, match="dimensionless time"):
        dimensionless_influx([-1.0])
    with pytest.raises(ValueError, match="outer radius ratio"):
        dimensionless_influx([1.0], 1.0)


# --- influx models ------------------------------------------------------------------------


def test_pot_aquifer() -> None:
    we = PotAquifer(100.0).influx(None, P)
    assert we == pytest.approx(100.0 * (P[0] - P))
    assert not PotAquifer(1.0).needs_time


def test_fetkovich_large_index_is_pot_with_average_pressure() -> None:
    # with J -> infinity the aquifer pressure equals the step's average boundary pressure
    we = FetkovichAquifer(100.0, 1e9).influx(T, P)
    avg = np.concatenate([[P[0]], 0.5 * (P[:-1] + P[1:])])
    assert we == pytest.approx(100.0 * (P[0] - avg), rel=1e-9)


def test_fetkovich_never_exceeds_aquifer_expansion() -> None:
    c = 50.0
    we = FetkovichAquifer(c, 0.5).influx(T, P)
    assert np.all(np.diff(we) >= 0.0)
    assert we[-1] < c * (P[0] - P[-1])


@pytest.mark.parametrize(
    "model",
    [
        PotAquifer(10.0),
        FetkovichAquifer(10.0, 2.0),
        VanEverdingenHurstAquifer(10.0, 0.02, None),
        VanEverdingenHurstAquifer(10.0, 0.02, 4.0),
        CarterTracyAquifer(10.0, 0.02, None),
        CarterTracyAquifer(10.0, 0.02, 4.0),
    ],
)
def test_models_are_linear_in_their_constant(model: object) -> None:
    from domain.engineering.matbal import AquiferModel

    assert isinstance(
        model, PotAquifer | FetkovichAquifer | VanEverdingenHurstAquifer | CarterTracyAquifer
    )
    m: AquiferModel = model
    base = m.influx(T, P)
    assert base[0] == 0.0
    assert np.all(base[1:] > 0.0)
    assert m.scaled(3.0).influx(T, P) == pytest.approx(3.0 * base, rel=1e-12)
    assert m.scaled(3.0).constant == pytest.approx(3.0 * m.constant)
    assert m.describe()


def test_veh_constant_drop_is_superposition_of_wd() -> None:
    # one drop of 100 psi held: the Δp_j scheme gives U (50 W_D(t) + 50 W_D(t - t1))
    t = np.array([0.0, 10.0, 20.0, 40.0])
    p = np.array([3000.0, 2900.0, 2900.0, 2900.0])
    u, f = 7.0, 0.5
    we = VanEverdingenHurstAquifer(u, f).influx(t, p)
    wd = dimensionless_influx(f * t[1:])
    wd1 = dimensionless_influx(f * (t[1:] - t[1]))
    assert we[1:] == pytest.approx(u * (50.0 * wd + 50.0 * wd1), rel=1e-8)


def test_carter_tracy_close_to_superposition_later_on() -> None:
    # Carter-Tracy approximates van Everdingen-Hurst: a few percent after the first steps
    u, f = 6446.0, 0.01553
    for red in (None, 5.0):
        exact = VanEverdingenHurstAquifer(u, f, red).influx(T, P)
        approx = CarterTracyAquifer(u, f, red).influx(T, P)
        assert approx[5:] == pytest.approx(exact[5:], rel=0.05)


def test_time_needed_and_checked() -> None:
    with pytest.raises(ValueError, match="time_days"):
        FetkovichAquifer(1.0, 1.0).influx(None, P)
    with pytest.raises(ValueError, match="increase"):
        VanEverdingenHurstAquifer(1.0, 1.0).influx(np.zeros(len(P)), P)


def test_invalid_parameters() -> None:
    with pytest.raises(ValueError, match="aquifer constant"):
        PotAquifer(0.0)
    with pytest.raises(ValueError, match="productivity index"):
        FetkovichAquifer(1.0, -1.0)
    with pytest.raises(ValueError, match="td_per_day"):
        CarterTracyAquifer(1.0, 0.0)
    with pytest.raises(ValueError, match="outer radius ratio"):
        VanEverdingenHurstAquifer(1.0, 1.0, 0.5)
    with pytest.raises(ValueError, match="porosity"):
        radial_aquifer_constant(1.5, 7e-6, 100.0, 9200.0)
    with pytest.raises(ValueError, match="aquifer_radius_ft"):
        pot_aquifer_constant(0.2, 7e-6, 100.0, 9200.0, 9000.0)
    with pytest.raises(ValueError, match="too small"):
        fetkovich_productivity_index(100.0, 50.0, 0.5, 2.0)


def test_productivity_index_boundary_forms() -> None:
    closed = fetkovich_productivity_index(100.0, 50.0, 0.5, 10.0)
    open_ = fetkovich_productivity_index(
        100.0, 50.0, 0.5, 10.0, constant_pressure_outer_boundary=True
    )
    assert closed == pytest.approx(0.00708 * 100 * 50 / (0.5 * (math.log(10.0) - 0.75)))
    assert open_ == pytest.approx(0.00708 * 100 * 50 / (0.5 * math.log(10.0)))
