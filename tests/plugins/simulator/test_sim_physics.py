"""Physics of the simulated wells and facilities: couplings, events, ranges, reproducibility."""

from __future__ import annotations

import numpy as np
import pytest

from plugins.simulator.catalog import SIGNALS_BY_MODEL
from plugins.simulator.generator import field_from_dict, generate_field
from plugins.simulator.physics import EspWells, GasLiftWells, RodPumpWells, UnknownEvent
from plugins.simulator.plant import Plant


def run(group: object, seconds: float, dt: float = 1.0) -> None:
    for _ in range(int(seconds / dt)):
        group.step(dt)  # type: ignore[attr-defined]


def out(group: EspWells | RodPumpWells | GasLiftWells, signal: str) -> np.ndarray:
    return group.outputs[signal].copy()


def test_esp_higher_frequency_raises_rate_and_current_and_lowers_intake_pressure() -> None:
    esp = EspWells(8, np.random.default_rng(1))
    run(esp, 300)
    rate0, pip0, amps0 = (out(esp, s) for s in
                          ("well.liquid_rate", "esp.intake_pressure", "esp.motor_current"))
    for i in range(esp.n):
        esp.set_value("esp.frequency_setpoint", i, esp.setpoint_hz[i] + 6.0)
    run(esp, 300)
    assert (out(esp, "well.liquid_rate") > rate0 * 1.05).all()
    assert (out(esp, "esp.intake_pressure") < pip0 - 20).all()
    assert (out(esp, "esp.motor_current") > amps0).all()


def test_esp_frequency_follows_setpoint_with_a_ramp_and_is_clamped() -> None:
    esp = EspWells(1, np.random.default_rng(2))
    esp.set_value("esp.frequency_setpoint", 0, 99.0)
    assert esp.outputs["esp.frequency_setpoint"][0] == 70.0
    start = esp.freq_hz[0]
    esp.step(1.0)
    assert esp.freq_hz[0] == pytest.approx(start + 0.5)  # 0.5 Hz/s ramp
    run(esp, 60)
    assert esp.freq_hz[0] == pytest.approx(70.0)


def test_esp_trip_stops_everything_and_intake_pressure_builds_up() -> None:
    esp = EspWells(3, np.random.default_rng(3))
    run(esp, 120)
    pip_running = out(esp, "esp.intake_pressure")[1]
    starts = out(esp, "esp.start_count")[1]
    esp.inject(1, "esp_trip")
    esp.step(0.5)
    for signal in ("esp.frequency", "esp.motor_current", "well.liquid_rate", "esp.running"):
        assert esp.outputs[signal][1] == 0.0, signal
    assert esp.outputs["esp.running"][0] == 1.0  # the others keep running
    run(esp, 600)
    assert out(esp, "esp.intake_pressure")[1] > pip_running + 50
    assert out(esp, "esp.intake_pressure")[1] <= esp.pr_psi[1] * 1.01
    esp.clear(1, "esp_trip")
    run(esp, 300)
    assert out(esp, "esp.running")[1] == 1.0
    assert out(esp, "esp.frequency")[1] == pytest.approx(esp.setpoint_hz[1], abs=0.1)
    assert out(esp, "esp.start_count")[1] == starts + 1


def test_esp_gas_lock_drops_and_swings_current_and_collapses_rate() -> None:
    esp = EspWells(2, np.random.default_rng(4))
    run(esp, 200)
    amps0, rate0 = out(esp, "esp.motor_current")[0], out(esp, "well.liquid_rate")[0]
    esp.inject(0, "gas_lock")
    run(esp, 200)
    amps = []
    for _ in range(80):
        esp.step(1.0)
        amps.append(esp.outputs["esp.motor_current"][0])
    assert np.mean(amps) < 0.75 * amps0
    assert np.ptp(amps) > 0.1 * np.mean(amps)  # oscillates
    assert out(esp, "well.liquid_rate")[0] < 0.2 * rate0
    assert esp.outputs["esp.running"][0] == 1.0


def test_rod_pump_stroke_counter_is_monotonic_and_wraps_as_uint32() -> None:
    rp = RodPumpWells(2, np.random.default_rng(5))
    rp.strokes[0] = 2.0**32 - 3  # three strokes before the uint32 rolls over
    rp.step(0.0)
    previous = out(rp, "rodpump.stroke_count")
    wrapped = False
    for _ in range(300):
        rp.step(1.0)
        now = out(rp, "rodpump.stroke_count")
        delta = (now - previous) % 2**32
        assert (delta >= 0).all() and (delta < 100).all()
        wrapped |= bool(now[0] < previous[0])
        previous = now
    assert wrapped
    assert (previous >= 0).all() and (previous < 2**32).all()


def test_rod_pump_off_drops_fillage_below_60_and_changes_loads() -> None:
    rp = RodPumpWells(4, np.random.default_rng(6))
    run(rp, 120)
    fill0, ppl0, mpl0 = (out(rp, s)[2] for s in
                         ("rodpump.fillage", "rodpump.peak_load", "rodpump.min_load"))
    assert fill0 > 85
    rp.inject(2, "pump_off")
    run(rp, 300)
    assert out(rp, "rodpump.fillage")[2] < 60
    assert out(rp, "rodpump.peak_load")[2] > ppl0  # lifting from the pump: higher peak
    assert out(rp, "rodpump.min_load")[2] < mpl0  # fluid pound: lower minimum
    rp.clear(2, "pump_off")
    run(rp, 300)
    assert out(rp, "rodpump.fillage")[2] > 85


def test_rod_pump_speeding_up_raises_rate_until_it_pumps_off() -> None:
    rp = RodPumpWells(1, np.random.default_rng(7))
    run(rp, 120)
    rate0 = out(rp, "well.liquid_rate")[0]
    rp.set_value("rodpump.spm_setpoint", 0, rp.setpoint_spm[0] * 1.6)
    run(rp, 300)
    assert out(rp, "well.liquid_rate")[0] > rate0
    assert out(rp, "rodpump.fillage")[0] < 75  # the well cannot keep up


def test_gas_lift_rate_has_an_optimum_injection() -> None:
    gl = GasLiftWells(5, np.random.default_rng(8))

    def settled_rate(factor: float) -> np.ndarray:
        for i in range(gl.n):
            gl.set_value("gaslift.injection_setpoint", i, gl.g_opt[i] * factor)
        run(gl, 1200, dt=2.0)
        return out(gl, "well.liquid_rate")

    low, best, high = settled_rate(0.3), settled_rate(1.0), settled_rate(2.0)
    assert (best > low).all() and (best > high).all()
    assert (out(gl, "well.chp") > 500).all()


def test_unknown_event_is_refused_with_the_known_ones() -> None:
    esp = EspWells(1, np.random.default_rng(0))
    with pytest.raises(UnknownEvent, match="esp_trip"):
        esp.inject(0, "pump_off")


def _plant(wells: int, seed: int) -> tuple[Plant, object]:
    field = field_from_dict(generate_field(wells, seed=11))
    return Plant(field, seed), field


def test_separator_high_level_climbs_past_hi_and_recovers() -> None:
    plant, _ = _plant(12, 1)
    fac = plant.groups["facility_plc"]
    for _ in range(60):
        plant.step(2.0)
    assert 40 < fac.outputs["facility.separator_level"][0] < 60
    fac.inject(0, "separator_high_level")
    for _ in range(300):  # 10 min
        plant.step(2.0)
    assert fac.outputs["facility.separator_level"][0] > 80
    fac.clear(0, "separator_high_level")
    for _ in range(300):
        plant.step(2.0)
    assert fac.outputs["facility.separator_level"][0] < 60


def test_long_run_stays_in_physical_ranges_and_counters_never_go_back() -> None:
    plant, _ = _plant(40, 2)
    totals = ("facility.lact_gross_total", "facility.lact_net_total", "esp.run_hours",
              "gaslift.injection_total", "rodpump.run_hours")
    last: dict[tuple[str, str], np.ndarray] = {}
    lact_ran = False
    for step in range(1500):  # 1500 x 60 s ~ 25 h: tanks fill and get sold
        plant.step(60.0)
        if step % 50:
            continue
        for model, group in plant.groups.items():
            for spec in SIGNALS_BY_MODEL[model]:
                v = group.outputs[spec.signal]
                assert np.isfinite(v).all(), spec.signal
                assert (v >= spec.eu_min - 1e-9).all() and (v <= spec.eu_max).all(), (
                    spec.signal, v.min(), v.max())
                if spec.signal in totals:
                    key = (model, spec.signal)
                    if key in last:
                        assert (v >= last[key]).all(), spec.signal
                    last[key] = v.copy()
        lact_ran |= bool(plant.groups["facility_plc"].outputs["facility.lact_running"].any())
    assert lact_ran


def test_same_seed_same_values_other_seed_other_values() -> None:
    def trace(seed: int) -> list[float]:
        plant, _ = _plant(15, seed)
        values = []
        for _ in range(50):
            plant.step(0.5)
            values.append(plant.value("W03", "well.thp"))
            values.append(plant.value("PLC-BAT1", "facility.separator_level"))
        return values

    assert trace(5) == trace(5)
    assert trace(5) != trace(6)
