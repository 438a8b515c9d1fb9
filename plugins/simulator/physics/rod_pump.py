"""Sucker-rod (beam) pumped wells.

  * Pump displacement PD = 0.1166 · S_p · N · D²  (bbl/d; plunger stroke S_p in, N in SPM,
    plunger diameter D in) — API RP 11L; Takacs, *Sucker-Rod Pumping Handbook*, 2015, ch. 3.
    Plunger stroke is taken as 85 % of the surface stroke (rod and tubing stretch).
  * The reservoir delivers at most its Vogel rate at a pumped-down intake (Vogel 1968, JPT).
    When the pump could move more than that, the barrel only partly fills: fillage =
    inflow / displacement, the fluid level sits at the pump and the well is "pumped off".
  * Polished-rod loads by Mills' acceleration factor α = S·N²/70 500 (S in in):
      PPRL = W_f + W_r (1 + α),   MPRL = W_r (1 − α) − 0.127 · W_r · G
    with W_r the rod string weight in air and W_f the fluid load on the plunger for the net
    lift (Takacs 2015, ch. 4, "approximate methods"). Pumped-off strokes lift from the pump
    depth (higher peak) and the plunger hits fluid on the downstroke (fluid pound lowers the
    minimum load).
  * The stroke counter is a monotonic uint32 that wraps at 2³², as on a pump-off controller.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from plugins.simulator.physics.base import DeviceGroup
from plugins.simulator.physics.inflow import (
    PSI_PER_FT_FRESH_WATER,
    FloatArray,
    lag,
    liquid_gradient,
    ramp,
    vogel_pwf,
    vogel_rate,
)

SPM_MIN, SPM_MAX = 1.0, 15.0
SPM_RAMP_PER_S = 0.2
VOLUMETRIC_EFFICIENCY = 0.9
PUMPED_DOWN_PIP_PSI = 40.0  # intake pressure with the fluid level at the pump
FILLAGE_TAU_S = 30.0
PUMP_OFF_INFLOW_FACTOR = 0.45  # what an inflow collapse leaves of the well's capacity
COUNTER_WRAP = 2.0**32


class RodPumpWells(DeviceGroup):
    """All beam-pumped wells of the field."""

    model: ClassVar[str] = "rod_pump_well"
    events: ClassVar[frozenset[str]] = frozenset({"pump_off"})
    writable: ClassVar[frozenset[str]] = frozenset(
        {"rodpump.spm_setpoint", "rodpump.pumpoff_setpoint"}
    )

    def __init__(self, n: int, rng: np.random.Generator) -> None:
        super().__init__(n, rng)
        u = rng.uniform
        self.depth_ft = u(3000, 7000, n)
        self.plunger_in = rng.choice(np.array([1.25, 1.5, 1.75, 2.0, 2.25]), n)
        self.stroke_in = rng.choice(np.array([64.0, 74.0, 86.0, 100.0, 120.0, 144.0]), n)
        self.rod_lb_ft = u(1.6, 2.3, n)  # tapered 7/8"-3/4" string
        self.pr_psi = u(600, 1600, n)
        self.wc0 = u(0.3, 0.95, n)
        self.gor_scf_bbl = u(100, 600, n)
        self.thp_line_psi = u(60, 150, n)
        self.chp_psi = u(20, 80, n)
        self.t_surface_degf = u(70, 95, n)
        # Size the inflow so the design speed leaves the pump ~95 % full.
        design_spm = u(5.0, 9.0, n)
        demand = self._displacement(design_spm) * VOLUMETRIC_EFFICIENCY
        cap_at_pumped_down = demand / u(0.9, 0.97, n)
        # Vogel: capacity at the pumped-down intake -> q_max.
        r = PUMPED_DOWN_PIP_PSI / self.pr_psi
        self.qmax_bpd = cap_at_pumped_down / (1.0 - 0.2 * r - 0.8 * r**2)
        self.motor_hp = u(30, 100, n)

        self.setpoint_spm = np.round(design_spm, 1)
        self.spm = self.setpoint_spm.copy()
        self.pumpoff_sp = np.full(n, 75.0)
        self.fillage = np.ones(n)
        self.wc = self.wc0.copy()
        self.strokes = np.floor(u(0, 5e7, n))  # float accumulator; served modulo 2**32
        self.run_hours = u(100, 60000, n)
        self.running = np.ones(n, dtype=bool)
        self.step(0.0)

    def _displacement(self, spm: FloatArray) -> FloatArray:
        """Pump displacement (bbl/d) at 100 % fillage, API RP 11L."""
        return np.asarray(
            0.1166 * 0.85 * self.stroke_in * spm * self.plunger_in**2, dtype=np.float64
        )

    def step(self, dt_s: float) -> None:
        pumped_off = self.is_active("pump_off")
        sqrt_dt = np.sqrt(max(dt_s, 0.0))
        self.spm = ramp(self.spm, self.setpoint_spm, SPM_RAMP_PER_S, dt_s)
        self.wc = np.clip(
            self.wc + 0.01 * (self.wc0 - self.wc) * dt_s / 60.0
            + 0.0005 * sqrt_dt * self.rng.standard_normal(self.n),
            0.0,
            0.99,
        )

        demand = self._displacement(self.spm) * VOLUMETRIC_EFFICIENCY
        inflow_factor = np.where(pumped_off, PUMP_OFF_INFLOW_FACTOR, 1.0)
        qmax = self.qmax_bpd * inflow_factor
        capacity = vogel_rate(np.full(self.n, PUMPED_DOWN_PIP_PSI), self.pr_psi, qmax)
        fill_target = np.clip(capacity / np.maximum(demand, 1e-6), 0.0, 0.98)
        self.fillage = lag(self.fillage, fill_target, dt_s, FILLAGE_TAU_S)
        rate = demand * self.fillage
        pip = np.maximum(vogel_pwf(rate, self.pr_psi, qmax), PUMPED_DOWN_PIP_PSI)

        grad = liquid_gradient(self.wc)
        sg = grad / PSI_PER_FT_FRESH_WATER
        submergence_ft = (pip - self.chp_psi).clip(min=0.0) / grad
        fluid_level_ft = np.clip(self.depth_ft - submergence_ft, 0.0, self.depth_ft)
        net_lift_ft = fluid_level_ft  # fluid is lifted from the working level to surface
        area_in2 = np.pi * self.plunger_in**2 / 4.0
        w_fluid = area_in2 * (grad * net_lift_ft + self.thp_line_psi)
        w_rods = self.rod_lb_ft * self.depth_ft
        alpha = self.stroke_in * self.spm**2 / 70500.0
        pound = 1.0 - np.clip(self.fillage / 0.9, 0.0, 1.0)  # 0 when full, grows when pumped off
        pprl = w_fluid + w_rods * (1.0 + alpha)
        mprl = w_rods * (1.0 - alpha) - 0.127 * w_rods * sg - pound * 0.6 * w_fluid
        # Polished-rod hp ≈ (PPRL − MPRL) · S · N / (12 · 33 000), motor ~85 % efficient.
        prhp = (pprl - mprl) * self.stroke_in * self.spm / (12.0 * 33000.0)
        motor_kw = prhp * 0.746 / 0.85 + 0.03 * self.motor_hp * 0.746
        motor_a = motor_kw * 1000.0 / (np.sqrt(3.0) * 460.0 * 0.8)

        self.strokes = self.strokes + self.spm * dt_s / 60.0
        self.run_hours = self.run_hours + dt_s / 3600.0
        oil = rate * (1.0 - self.wc)
        thp = self.thp_line_psi + 15.0 * rate / (rate + 200.0)
        flow_t = self.t_surface_degf + 30.0 * rate / (rate + 300.0)

        n = self.noisy
        self.outputs = {
            "rodpump.spm": n(self.spm, abs_=0.01),
            "rodpump.spm_setpoint": self.setpoint_spm.copy(),
            "rodpump.peak_load": n(pprl / 1000.0, rel=0.005),
            "rodpump.min_load": np.maximum(n(mprl / 1000.0, rel=0.005), 0.0),
            "rodpump.fillage": np.clip(n(100.0 * self.fillage, abs_=0.4), 0.0, 100.0),
            "rodpump.pumpoff_setpoint": self.pumpoff_sp.copy(),
            "rodpump.stroke_count": np.floor(self.strokes) % COUNTER_WRAP,
            "rodpump.running": self.running.astype(np.float64),
            "rodpump.run_hours": self.run_hours.copy(),
            "rodpump.motor_current": np.maximum(n(motor_a, rel=0.01), 0.0),
            "rodpump.motor_power": np.maximum(n(motor_kw, rel=0.01), 0.0),
            "rodpump.intake_pressure": np.maximum(n(pip, rel=0.003), 0.0),
            "rodpump.fluid_level": n(fluid_level_ft, abs_=2.0),
            "well.thp": n(thp, rel=0.003),
            "well.chp": n(self.chp_psi, rel=0.005),
            "well.flowline_temperature": n(flow_t, abs_=0.1),
            "well.liquid_rate": np.maximum(n(rate, rel=0.01), 0.0),
            "well.oil_rate": np.maximum(n(oil, rel=0.01), 0.0),
            "well.water_rate": np.maximum(n(rate - oil, rel=0.01), 0.0),
            "well.water_cut": 100.0 * self.wc,
            "well.gas_rate": np.maximum(n(oil * self.gor_scf_bbl / 1000.0, rel=0.01), 0.0),
        }

    def _set(self, signal: str, index: int, value: float) -> float:
        if signal == "rodpump.spm_setpoint":
            applied = float(np.clip(value, SPM_MIN, SPM_MAX))
            self.setpoint_spm[index] = applied
        else:
            applied = float(np.clip(value, 30.0, 95.0))
            self.pumpoff_sp[index] = applied
        return applied
