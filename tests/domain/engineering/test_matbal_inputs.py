"""Bad input gives a clear ValueError; good input gives plot data the HMI can draw as is."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from domain.engineering.matbal import (
    FetkovichAquifer,
    GasHistory,
    OilHistory,
    PotAquifer,
    estimate_ogip,
    estimate_ooip,
    havlena_odeh_terms,
)

# a small undersaturated oil, exact for N = 1e7 STB with c_e = 1e-5
P = [4000.0, 3800.0, 3600.0, 3400.0, 3200.0]
BO = [1.30, 1.303, 1.306, 1.309, 1.312]


def oil(**over: Any) -> dict[str, Any]:
    et = np.array(BO) - BO[0] + BO[0] * 1e-5 * (P[0] - np.array(P))
    base: dict[str, Any] = {
        "pressure": P,
        "cum_oil": list(1e7 * et / np.array(BO)),
        "bo": BO,
        "time_days": [0, 100, 200, 300, 400],
    }
    base.update(over)
    return base


def solve(**over: Any) -> Any:
    kw = {"swi": 0.0, "cw": 0.0, "cf": 1e-5}
    solver_args = (*kw, "aquifer", "exclude", "gas_cap_ratio")
    hist = {k: v for k, v in over.items() if k not in solver_args}
    solver = {k: v for k, v in over.items() if k in solver_args}
    return estimate_ooip(OilHistory(**oil(**hist)), **{**kw, **solver})


def test_the_fixture_is_exact() -> None:
    r = solve()
    assert r.ooip == pytest.approx(1e7, rel=1e-9)
    assert r.gas_cap_ratio == 0.0 and not r.gas_cap_fitted
    assert np.isnan(r.influx_multiplier) and r.aquifer is None and np.isnan(r.aquifer_constant)


@pytest.mark.parametrize(
    ("over", "match"),
    [
        ({"bo": BO[:4]}, r"same number of rows.*bo has 4"),
        ({"pressure": P[:2], "cum_oil": [0, 1], "bo": BO[:2], "time_days": [0, 1]}, "at least 3"),
        ({"cum_oil": [0, 1e3, -5, 2e3, 3e3]}, "cannot be negative.*row 2"),
        ({"cum_oil": [0, 2e3, 1e3, 3e3, 4e3]}, "cannot decrease.*row 2"),
        ({"cum_oil": [10, 2e3, 3e3, 4e3, 5e3]}, "row 0 is the initial survey"),
        ({"pressure": [4000, 3800, 3900, 3400, 3200]}, "must not rise.*row 2"),
        ({"pressure": [4000, 3800, float("nan"), 3400, 3200]}, "row 2 is not a finite"),
        ({"pressure": [4000, 3800, 0, 3400, 3200]}, "pressure: must be > 0"),
        ({"bo": [1.3, 1.3, -1.3, 1.3, 1.3]}, "bo: must be > 0"),
        ({"rs": [500] * 5}, "go together"),
        ({"cum_water": [0, 1, 2, 3]}, "cum_water has 4"),
        ({"time_days": [0, 100, 100, 300, 400]}, "time_days: must increase"),
        ({"bo": [[1.3]] * 5}, "1-D"),
        ({"swi": 1.0}, "swi"),
        ({"cf": -1e-6}, "cf"),
        ({"exclude": [7]}, "row 7 is not in the table"),
        ({"exclude": [1, 2, 3]}, "1 usable pressure step"),
        ({"aquifer": PotAquifer(1.0), "exclude": [1, 2, 3]}, "needs at least 3"),
        ({"aquifer": []}, "empty list"),
        ({"gas_cap_ratio": -0.1}, "gas_cap_ratio must be >= 0"),
        ({"gas_cap_ratio": 0.3}, "a gas cap needs the gas columns"),
        ({"gas_cap_ratio": None}, "fitting the gas cap needs"),
    ],
)
def test_oil_bad_input(over: dict[str, Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        solve(**over)


def test_rising_pressure_allowed_with_an_aquifer_or_when_excluded() -> None:
    # an aquifer can re-pressurise the reservoir; an excluded row is not judged
    p = [4000.0, 3800.0, 3700.0, 3400.0, 3200.0]
    solve(pressure=p, aquifer=PotAquifer(10.0))
    solve(pressure=[4000.0, 3800.0, 3900.0, 3400.0, 3200.0], exclude=[2])


def test_no_expansion_on_a_fitted_row() -> None:
    # the pressure back at its initial value with an aquifer: E_t = 0, the row cannot be plotted
    with pytest.raises(ValueError, match="E_t is not positive at row 2"):
        solve(
            pressure=[4000.0, 3800.0, 4000.0, 3400.0, 3200.0],
            bo=[1.30, 1.303, 1.30, 1.309, 1.312],
            aquifer=PotAquifer(1.0),
        )


def test_time_needed_by_time_dependent_aquifer() -> None:
    h = OilHistory(**{k: v for k, v in oil().items() if k != "time_days"})
    with pytest.raises(ValueError, match="needs time_days"):
        estimate_ooip(h, swi=0.0, cw=0.0, cf=1e-5, aquifer=FetkovichAquifer(1.0, 1.0))


def test_plot_data_for_the_hmi() -> None:
    r = solve(exclude=[3])
    plot = r.plot
    n = len(P)
    assert len(plot.x) == len(plot.y) == len(plot.used) == n
    assert np.isnan(plot.x[0]) and np.isnan(plot.y[0])  # the origin is not a point
    assert plot.used.tolist() == [False, True, True, False, True]
    assert np.all(np.isfinite(plot.x[1:]))
    assert plot.line(np.array([0.0, 1.0])) == pytest.approx([0.0, plot.slope])
    assert plot.title and plot.x_label and plot.y_label
    assert r.quality.n_points == 3 and r.quality.n_parameters == 1
    assert set(r.quality.std_errors) == {"ooip"}
    assert r.residuals[0] == 0.0 and len(r.residuals) == n
    terms = havlena_odeh_terms(OilHistory(**oil()), swi=0.0, cw=0.0, cf=1e-5)
    assert terms.f == pytest.approx(r.terms.f)
    assert terms.et(0.0)[0] == 0.0


# --- gas ------------------------------------------------------------------------------------

GP = [0.0, 1e9, 2e9, 3e9, 4e9]
GAS_P = [3000.0, 2800.0, 2600.0, 2400.0, 2200.0]
Z = [0.85, 0.84, 0.835, 0.83, 0.83]


def gas(**over: Any) -> GasHistory:
    base: dict[str, Any] = {"pressure": GAS_P, "cum_gas": GP, "z": Z, "temperature_f": 180.0}
    base.update(over)
    return GasHistory(**base)


@pytest.mark.parametrize(
    ("over", "match"),
    [
        ({"z": Z[:4]}, "z has 4 rows"),
        ({"z": [0.85, 0.84, 0.0, 0.83, 0.83]}, "z: must be > 0"),
        ({"z": lambda p: -1.0}, r"z \(from the z\(p\) callable\)"),
        ({"temperature_f": None}, "give bg, or temperature_f"),
        ({"temperature_f": -500.0}, "absolute zero"),
        ({"cum_gas": [0.0, 1e9, 5e8, 3e9, 4e9]}, "cannot decrease"),
        ({"cum_water": [0, 1, 2, 3, -4]}, "cannot be negative"),
        ({"pressure": GAS_P[:4]}, "pressure has 4"),
    ],
)
def test_gas_history_bad_input(over: dict[str, Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        gas(**over)


def test_gas_solver_bad_input() -> None:
    with pytest.raises(ValueError, match="must not rise"):
        estimate_ogip(gas(pressure=[3000.0, 2800.0, 2900.0, 2400.0, 2200.0]))
    with pytest.raises(ValueError, match="abandonment_z is needed"):
        estimate_ogip(gas(), abandonment_pressure=500.0)
    with pytest.raises(ValueError, match="abandonment_pressure must be"):
        estimate_ogip(gas(), abandonment_pressure=3500.0, abandonment_z=0.9)
    with pytest.raises(ValueError, match="needs time_days"):
        estimate_ogip(gas(), aquifer=FetkovichAquifer(1.0, 1.0))
    with pytest.raises(ValueError, match="swi"):
        estimate_ogip(gas(), swi=-0.1)
    with pytest.raises(ValueError, match="E_g \\+ E_fw is not positive at row 1"):
        estimate_ogip(gas(pressure=[3000.0, 3000.0, 2600.0, 2400.0, 2200.0], z=[0.85] * 5))
    # an excluded rising row is fine
    r = estimate_ogip(gas(pressure=[3000.0, 2800.0, 2900.0, 2400.0, 2200.0]), exclude=[2])
    assert not r.pz_plot.used[2] and r.pz_plot.used[0]


def test_gas_with_aquifer_warns_instead_of_abandonment() -> None:
    r = estimate_ogip(gas(time_days=[0, 1, 2, 3, 4]), aquifer=PotAquifer(1.0),
                      abandonment_pressure=500.0)  # fmt: skip
    assert r.recoverable_gas is None and r.recovery_factor is None
    assert any("abandonment" in w for w in r.warnings)
