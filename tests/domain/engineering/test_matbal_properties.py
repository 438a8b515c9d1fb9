"""Property tests: synthetic reservoirs with known answers, built forward by the same balance.

A reservoir with known N (or G), m and aquifer constant is produced forward on a consistent
synthetic PVT: for each pressure step the cumulative oil (gas) is the one that makes
``F = N E_t + W_e`` hold. Small noise is added to the production, then the solver must find
the answers back. Drive indices of the exact (noise-free) history must sum to 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from scipy.stats import t as student_t

from domain.engineering.matbal import (
    AquiferModel,
    FetkovichAquifer,
    GasHistory,
    OilHistory,
    PotAquifer,
    VanEverdingenHurstAquifer,
    estimate_ogip,
    estimate_ooip,
    gas_fvf,
)

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # the same examples on every run: no flaky CI from a rare draw
    suppress_health_check=[HealthCheck.filter_too_much],
)
TEMP_F = 200.0


def z_factor(p: float) -> float:
    """A smooth synthetic z(p): 0.945 at 500 psia, 0.82 at 3000, 1.0 at 6000."""
    return 1.0 - 1.2e-4 * p + 2.0e-8 * p * p


@dataclass(frozen=True)
class OilCase:
    n: float  # STB
    m: float
    swi: float
    cw: float
    cf: float
    saturated: bool  # initially at the bubble point (else undersaturated throughout)
    aquifer: str  # none | pot | fetkovich | veh
    aquifer_share: float  # pot-equivalent aquifer expansion / reservoir expansion at the end
    steps: int
    drawdown: float  # psi over the history
    noise: float  # relative, one sigma, on the cumulatives
    seed: int


def oil_pvt(p: np.ndarray, pi: float, saturated: bool) -> tuple[np.ndarray, ...]:
    """Bo, Rs, Bg at p: a black oil saturated at ``pi`` or undersaturated above 1,000 psia."""
    bg = gas_fvf(p, [z_factor(x) for x in p], TEMP_F)
    if saturated:
        rsi = 650.0
        rs = rsi * (p / pi) ** 0.9
        bo = 1.05 + 5.5e-4 * rs
    else:
        rs = np.full_like(p, 650.0)
        bo = 1.4075 * np.exp(1.2e-5 * (pi - p))  # c_o = 12e-6 1/psi
    return bo, rs, bg


def aquifer_model(kind: str, constant: float) -> AquiferModel | None:
    if kind == "pot":
        return PotAquifer(constant)
    if kind == "fetkovich":
        return FetkovichAquifer(constant, constant / 400.0)  # 400-day time constant
    if kind == "veh":
        return VanEverdingenHurstAquifer(constant, 0.02, 6.0)
    return None


def oil_history(case: OilCase) -> tuple[OilHistory, OilHistory, AquiferModel | None]:
    """(noise-free, noisy) histories and the true aquifer."""
    pi = 3000.0
    k = np.arange(case.steps + 1)
    p = pi - case.drawdown * (k / case.steps) ** 0.8
    t = k * 182.5
    bo, rs, bg = oil_pvt(p, pi, case.saturated)
    m = case.m if case.saturated else 0.0
    boi = bo[0]
    eo = bo - boi + (rs[0] - rs) * bg
    eg = boi * (bg / bg[0] - 1.0)
    efw = (1.0 + m) * boi * (case.cw * case.swi + case.cf) / (1.0 - case.swi) * (pi - p)
    et = eo + m * eg + efw
    # aquifer sized so its expansion is comparable to the reservoir's: N stays identifiable
    constant = case.aquifer_share * case.n * et[-1] / (pi - p[-1])
    model = aquifer_model(case.aquifer, constant)
    we = model.influx(t, p) if model is not None else np.zeros_like(p)
    f = case.n * et + we
    rp = rs[0] + (40.0 * k if case.saturated else 0.0)  # producing GOR rising below pb
    wor = 0.05 * k / case.steps  # some water production
    bw = 1.02 - 3e-6 * (p - pi)
    np_ = f / (bo + (rp - rs) * bg + wor * bw)
    rng = np.random.default_rng(case.seed)
    noise = 1.0 + case.noise * rng.standard_normal((2, len(p)))
    noise[:, 0] = 1.0

    def history(np_obs: np.ndarray, gp_obs: np.ndarray) -> OilHistory:
        common = {"pressure": p, "cum_oil": np_obs, "bo": bo, "cum_water": wor * np_obs}
        if case.saturated:
            return OilHistory(**common, cum_gas=gp_obs, rs=rs, bg=bg, bw=bw, time_days=t)
        return OilHistory(**common, bw=bw, time_days=t)

    exact = history(np_, np_ * rp)
    noisy = history(np_ * noise[0], np_ * rp * noise[1])
    return exact, noisy, model


@st.composite
def oil_cases(draw: st.DrawFn) -> OilCase:
    saturated = draw(st.booleans())
    # a pot aquifer on an undersaturated oil expands in step with it (both ~ linear in Δp):
    # N and the aquifer cannot be told apart, a limit of the method (see the test below)
    kinds = ["none", "pot", "fetkovich", "veh"] if saturated else ["none", "fetkovich", "veh"]
    return OilCase(
        n=10 ** draw(st.floats(6.0, 9.0)),
        m=draw(st.floats(0.0, 1.5)) if saturated else 0.0,
        swi=draw(st.floats(0.1, 0.4)),
        cw=draw(st.floats(2e-6, 5e-6)),
        cf=draw(st.floats(2e-6, 2e-5)),
        saturated=saturated,
        aquifer=draw(st.sampled_from(kinds)),
        aquifer_share=draw(st.floats(0.2, 2.0)),
        steps=draw(st.integers(8, 16)),
        drawdown=draw(st.floats(400.0, 1500.0)),
        noise=0.002,
        seed=draw(st.integers(0, 2**31 - 1)),
    )


def oil_is_physical(case: OilCase) -> bool:
    """False when the drawn case would need production to go backwards (rejected draws)."""
    try:
        oil_history(case)
    except ValueError:
        return False
    return True


def gas_is_physical(case: GasCase) -> bool:
    try:
        gas_history(case)
    except ValueError:
        return False
    return True


def wide_t(dof: int) -> float:
    """Student-t factor of a 1-in-10,000 two-sided interval: the fit's own error bars, widely."""
    return float(student_t.ppf(1.0 - 0.5e-4, dof))


@SETTINGS
@given(oil_cases(), st.booleans())
def test_oil_in_place_recovered(case: OilCase, fit_m: bool) -> None:
    assume(oil_is_physical(case))
    exact, noisy, model = oil_history(case)
    fit_m = fit_m and case.saturated
    given_aquifer = model.scaled(0.7) if model is not None else None  # a wrong guess of size
    kwargs: dict[str, Any] = {
        "swi": case.swi,
        "cw": case.cw,
        "cf": case.cf,
        "gas_cap_ratio": None if fit_m else case.m,
        "aquifer": given_aquifer,
    }
    r = estimate_ooip(noisy, **kwargs)
    # within 3 %, or within the fit's own confidence interval where the data cannot do better
    # (fitting m as well extrapolates F/Eo vs Eg/Eo far to the left: Havlena and Odeh 1963)
    sigma = r.quality.std_errors["ooip"]
    k = wide_t(r.quality.n_points - r.quality.n_parameters)
    assert abs(r.ooip - case.n) <= max(0.03 * case.n, k * sigma)
    if not fit_m:
        assert sigma < 0.06 * case.n  # with m known the history pins N down
    if fit_m:
        sigma_mn = r.quality.std_errors["m_ooip"]
        assert abs(r.gas_cap_ratio * r.ooip - case.m * case.n) <= max(0.03 * case.n, k * sigma_mn)
    elif model is not None:
        # the fitted factor undoes the 0.7 of the guess: the true aquifer constant comes back
        assert given_aquifer is not None
        sigma_s = r.quality.std_errors["influx_multiplier"] * given_aquifer.constant
        assert abs(r.aquifer_constant - model.constant) <= max(0.05 * model.constant, k * sigma_s)
    # noise-free: exact answers, and the drive indices add up to 1 at every step
    r0 = estimate_ooip(exact, **kwargs)
    assert r0.ooip == pytest.approx(case.n, rel=1e-6)
    assert r0.gas_cap_ratio == pytest.approx(case.m, abs=1e-6)
    if model is not None:
        assert r0.aquifer_constant == pytest.approx(model.constant, rel=1e-6)
    assert r0.drive.total[1:] == pytest.approx(np.ones(case.steps), abs=1e-6)
    assert r0.quality.max_relative_residual < 1e-6
    assert not [w for w in r0.warnings if "drive indices" in w or "poorly" in w]


def test_pot_aquifer_on_undersaturated_oil_is_flagged() -> None:
    # E_t and a pot aquifer's influx are both ~ linear in Δp: the plot collapses to a narrow
    # band of abscissae and N is undetermined; the solver says so instead of pretending
    case = OilCase(1e8, 0.0, 0.2, 3e-6, 5e-6, False, "pot", 1.0, 10, 1000.0, 0.002, 11)
    _, noisy, model = oil_history(case)
    r = estimate_ooip(noisy, swi=0.2, cw=3e-6, cf=5e-6, aquifer=model)
    assert any("poorly determined" in w for w in r.warnings)


def test_drive_indices_sum_to_one_and_match_the_terms() -> None:
    case = OilCase(2e8, 0.4, 0.2, 3e-6, 5e-6, True, "pot", 0.02, 10, 1000.0, 0.0, 1)
    exact, _, model = oil_history(case)
    r = estimate_ooip(exact, swi=0.2, cw=3e-6, cf=5e-6, gas_cap_ratio=0.4, aquifer=model)
    d = r.drive
    assert np.isnan(d.total[0])
    np.testing.assert_allclose(d.total[1:], 1.0, atol=1e-9)
    a = r.terms.hydrocarbon_withdrawal[1:]
    t = r.terms
    np.testing.assert_allclose(d.depletion[1:], r.ooip * t.eo[1:] / a, rtol=1e-12)
    np.testing.assert_allclose(d.gas_cap[1:], 0.4 * r.ooip * t.eg[1:] / a, rtol=1e-9)
    np.testing.assert_allclose(d.water[1:], (r.water_influx - t.water_produced)[1:] / a, rtol=1e-9)
    assert np.all(d.gas_cap[1:] > 0.0)
    np.testing.assert_allclose(d.normalized().total[1:], 1.0, atol=1e-12)


def test_candidate_aquifers_pick_the_true_shape() -> None:
    case = OilCase(1e8, 0.0, 0.2, 3e-6, 5e-6, False, "veh", 0.03, 12, 1200.0, 0.0, 2)
    exact, _, model = oil_history(case)
    assert isinstance(model, VanEverdingenHurstAquifer)
    candidates = [VanEverdingenHurstAquifer(model.constant, 0.02, red) for red in (3, 6, 12, None)]
    r = estimate_ooip(exact, swi=0.2, cw=3e-6, cf=5e-6, aquifer=candidates)
    assert isinstance(r.aquifer, VanEverdingenHurstAquifer)
    assert r.aquifer.outer_radius_ratio == 6
    assert r.ooip == pytest.approx(1e8, rel=1e-6)
    assert r.candidates[0].quality.rms_residual < 1e-6 * r.candidates[1].quality.rms_residual


def test_injection_enters_withdrawal_and_drive() -> None:
    case = OilCase(1e8, 0.0, 0.2, 3e-6, 5e-6, False, "none", 0.0, 8, 800.0, 0.0, 3)
    exact, _, _ = oil_history(case)
    # inject water and produce the same extra reservoir volume: the balance is unchanged
    wi = np.linspace(0.0, 2e5, 9)
    np_ = np.asarray(exact.cum_oil) + wi * 1.02 / np.asarray(exact.bo)
    h = OilHistory(
        pressure=exact.pressure,
        cum_oil=np_,
        bo=exact.bo,
        cum_water=exact.cum_water,
        bw=np.full(9, 1.02),
        cum_water_injected=wi,
    )
    r = estimate_ooip(h, swi=0.2, cw=3e-6, cf=5e-6)
    assert r.ooip == pytest.approx(1e8, rel=2e-3)
    assert np.all(r.drive.injection[1:] > 0.0)
    np.testing.assert_allclose(r.drive.total[1:], 1.0, atol=2e-3)


# --- gas ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GasCase:
    g: float  # scf
    swi: float
    cw: float
    cf: float
    aquifer: str
    aquifer_share: float  # pot-equivalent aquifer expansion / reservoir expansion at the end
    steps: int
    drawdown: float
    noise: float
    seed: int


def gas_history(case: GasCase) -> tuple[GasHistory, GasHistory, AquiferModel | None]:
    pi = 5000.0
    k = np.arange(case.steps + 1)
    p = pi - case.drawdown * (k / case.steps) ** 0.9
    t = k * 182.5
    z = np.array([z_factor(x) for x in p])
    bg = gas_fvf(p, z, TEMP_F)
    ce = (case.cw * case.swi + case.cf) / (1.0 - case.swi)
    et = bg - bg[0] + bg[0] * ce * (pi - p)
    model = aquifer_model(case.aquifer, case.aquifer_share * case.g * et[-1] / (pi - p[-1]))
    we = model.influx(t, p) if model is not None else np.zeros_like(p)
    wgr = 5e-6 * k / case.steps if model is not None else 0.0 * k  # STB/scf, up to 5 bbl/MMscf
    gp = (case.g * et + we) / (bg + wgr * 1.03)
    rng = np.random.default_rng(case.seed)
    noise = 1.0 + case.noise * rng.standard_normal(len(p))
    noise[0] = 1.0

    def history(gp_obs: np.ndarray) -> GasHistory:
        return GasHistory(
            pressure=p,
            cum_gas=gp_obs,
            z=z_factor,
            temperature_f=TEMP_F,
            cum_water=wgr * gp_obs,
            bw=np.full(len(p), 1.03),
            time_days=t,
        )

    return history(gp), history(gp * noise), model


@st.composite
def gas_cases(draw: st.DrawFn) -> GasCase:
    return GasCase(
        g=10 ** draw(st.floats(9.0, 12.0)),
        swi=draw(st.floats(0.1, 0.4)),
        cw=draw(st.floats(2e-6, 5e-6)),
        cf=draw(st.floats(2e-6, 2e-5)),
        aquifer=draw(st.sampled_from(["none", "pot", "fetkovich", "veh"])),
        aquifer_share=draw(st.floats(0.2, 2.0)),
        steps=draw(st.integers(8, 16)),
        drawdown=draw(st.floats(800.0, 3500.0)),
        noise=0.002,
        seed=draw(st.integers(0, 2**31 - 1)),
    )


@SETTINGS
@given(gas_cases())
def test_gas_in_place_recovered(case: GasCase) -> None:
    assume(gas_is_physical(case))
    exact, noisy, model = gas_history(case)
    given_aquifer = model.scaled(1.5) if model is not None else None
    kwargs: dict[str, Any] = {
        "swi": case.swi,
        "cw": case.cw,
        "cf": case.cf,
        "aquifer": given_aquifer,
    }
    r = estimate_ogip(noisy, **kwargs)
    sigma = r.quality.std_errors["ogip"]
    k = wide_t(r.quality.n_points - r.quality.n_parameters)
    assert abs(r.ogip - case.g) <= max(0.03 * case.g, k * sigma)
    r0 = estimate_ogip(exact, **kwargs)
    assert r0.ogip == pytest.approx(case.g, rel=1e-6)
    np.testing.assert_allclose(r0.drive.total[1:], 1.0, atol=1e-6)
    if model is None:
        # Ramagost-Farshad corrected p/z is exactly straight; the Cole plot is flat
        assert r0.quality.r_squared == pytest.approx(1.0, abs=1e-9)
        assert r0.cole_shape == "flat"
        assert r0.apparent_ogip == pytest.approx(r0.ogip)
    else:
        assert r0.aquifer_constant == pytest.approx(model.constant, rel=1e-6)
        assert r0.apparent_ogip > r0.ogip  # p/z ignores the influx and over-states G
        assert given_aquifer is not None
        sigma_s = r.quality.std_errors["influx_multiplier"] * given_aquifer.constant
        assert abs(r.aquifer_constant - model.constant) <= max(0.05 * model.constant, k * sigma_s)


def test_gas_abandonment_recovery_exact() -> None:
    case = GasCase(5e10, 0.2, 3e-6, 5e-6, "none", 0.0, 8, 2500.0, 0.0, 4)
    exact, _, _ = gas_history(case)
    r = estimate_ogip(exact, swi=0.2, cw=3e-6, cf=5e-6, abandonment_pressure=700.0)
    ce = (3e-6 * 0.2 + 5e-6) / 0.8
    pz_a = 700.0 / z_factor(700.0) * (1.0 - ce * (5000.0 - 700.0))
    pz_i = 5000.0 / z_factor(5000.0)
    assert r.initial_p_over_z == pytest.approx(pz_i, rel=1e-9)
    assert r.recovery_factor == pytest.approx(1.0 - pz_a / pz_i, rel=1e-9)
    assert r.recoverable_gas == pytest.approx(5e10 * (1.0 - pz_a / pz_i), rel=1e-6)
    # the same with z as an array needs the z at abandonment
    arr = GasHistory(
        pressure=exact.pressure,
        cum_gas=exact.cum_gas,
        z=[z_factor(float(x)) for x in np.asarray(exact.pressure)],
        temperature_f=TEMP_F,
    )
    r2 = estimate_ogip(
        arr, swi=0.2, cw=3e-6, cf=5e-6, abandonment_pressure=700.0, abandonment_z=z_factor(700.0)
    )
    assert r2.recoverable_gas == pytest.approx(r.recoverable_gas, rel=1e-12)


def test_cole_plot_shape_tells_the_drive() -> None:
    # an unsteady aquifer (influx lagging the pressure) makes the Cole plot rise ...
    case = GasCase(5e10, 0.2, 0.0, 0.0, "veh", 2.0, 10, 2000.0, 0.0, 5)
    exact, _, _ = gas_history(case)
    r = estimate_ogip(exact, swi=0.2)  # analysed as if volumetric
    assert r.cole_shape == "rising"
    assert r.cole_trend > 0.05
    assert any("Cole plot rises" in w for w in r.warnings)
    # ... a pot aquifer (influx in step with the pressure) makes it fall, like unaccounted
    # rock compressibility does (Pletcher 2002)
    case = GasCase(5e10, 0.2, 3e-6, 1.5e-5, "pot", 0.5, 10, 2000.0, 0.0, 5)
    exact, _, _ = gas_history(case)
    assert estimate_ogip(exact).cole_shape == "falling"
    assert estimate_ogip(exact, swi=0.2, cw=3e-6, cf=1.5e-5).cole_shape == "falling"
    case = GasCase(5e10, 0.2, 3e-6, 1.5e-5, "none", 0.0, 10, 2000.0, 0.0, 5)
    exact, _, _ = gas_history(case)
    assert estimate_ogip(exact).cole_shape == "falling"
    assert estimate_ogip(exact, swi=0.2, cw=3e-6, cf=1.5e-5).cole_shape == "flat"
