"""Electrical submersible pump (ESP) wells on variable-speed drives.

Operating point: the rate ``q`` where the pump's pressure rise equals what the well needs,

    dP_pump(q, f) = P_discharge(q) - P_intake(q)

  * pump curve scaled by the affinity laws — rate ∝ f, head ∝ f² — around a 60 Hz catalogue
    curve approximated as H = H0 (1 - (q/Q0)²)  (Takacs, *Electrical Submersible Pumps Manual*,
    2nd ed., 2018, ch. 4 "ESP components" / pump performance and affinity laws);
  * P_discharge = THP(q) + liquid gradient × pump depth (hydrostatic column above the pump;
    THP rises with rate through flowline friction, ∝ q²);
  * P_intake from Vogel's IPR (Vogel 1968, JPT) inverted: more rate, lower intake pressure.

The residual falls monotonically with q, so a vectorised bisection solves every well at once.
Rate and intake pressure then follow the operating point through first-order lags (the annulus
fluid level takes tens of seconds to minutes to settle).

Motor: hydraulic hp = q × dP × 1.7025e-5 (hp per bbl/d·psi), brake hp = hydraulic / pump
efficiency; on a constant V/Hz drive the motor's torque (hence current) ∝ bhp / f, and the drive
output voltage ∝ f (Takacs, ch. 4, "Variable speed drives"). Motor winding temperature rises
with load squared over the cooling the produced fluid provides — low flow past the motor
(gas lock) overheats it.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from plugins.simulator.physics.base import DeviceGroup
from plugins.simulator.physics.inflow import (
    HP_PER_BBL_D_PSI,
    FloatArray,
    lag,
    liquid_gradient,
    ramp,
    vogel_pwf,
)

FREQ_MIN_HZ, FREQ_MAX_HZ = 30.0, 70.0
RAMP_HZ_PER_S = 0.5  # typical VSD acceleration setting
PUMP_EFFICIENCY = 0.6
RATE_TAU_S = 20.0
PIP_TAU_S = 30.0
BUILDUP_TAU_S = 180.0  # pressure recovery after a trip
MOTOR_TEMP_TAU_S = 300.0
GAS_LOCK_RATE_FACTOR = 0.08  # gas-locked pumps move almost no liquid
GAS_LOCK_PERIOD_S = 40.0  # current swings as gas slugs pass through the pump


class EspWells(DeviceGroup):
    """All ESP wells of the field."""

    model: ClassVar[str] = "esp_well"
    events: ClassVar[frozenset[str]] = frozenset({"esp_trip", "gas_lock"})
    writable: ClassVar[frozenset[str]] = frozenset({"esp.frequency_setpoint"})

    def __init__(self, n: int, rng: np.random.Generator) -> None:
        super().__init__(n, rng)
        u = rng.uniform
        # Reservoir and well, pressures referred to pump depth.
        self.depth_ft = u(5000, 8500, n)
        self.pr_psi = u(1300, 2600, n)
        self.qmax_bpd = u(1200, 5000, n)
        self.wc0 = u(0.35, 0.95, n)
        self.gor_scf_bbl = u(150, 900, n)
        self.thp_line_psi = u(90, 180, n)
        self.t_bh_degf = u(170, 240, n)
        self.t_surface_degf = u(70, 95, n)
        self.chp0_psi = u(40, 160, n)
        # Pump and motor sized for a design point at 60 Hz (what an engineer would have done).
        design_frac = u(0.55, 0.75, n)
        q_design = design_frac * self.qmax_bpd
        self.k_thp = u(40, 90, n) / q_design**2  # flowline friction: +40..90 psi at design
        self.q0_60 = q_design * u(1.5, 1.8, n)  # pump open-flow rate at 60 Hz
        grad = liquid_gradient(self.wc0)
        p_dis = self._thp(q_design) + grad * self.depth_ft
        p_in = vogel_pwf(q_design, self.pr_psi, self.qmax_bpd)
        self.h0_60_ft = (p_dis - p_in) / grad / (1.0 - (q_design / self.q0_60) ** 2)
        bhp_design = q_design * (p_dis - p_in) * HP_PER_BBL_D_PSI / PUMP_EFFICIENCY
        self.motor_hp = bhp_design * u(1.2, 1.5, n)
        self.v_rated = np.round(u(1000, 2400, n), -1)
        # Nameplate current from hp at ~0.85 pf x efficiency on a 3-phase motor.
        self.i_rated = self.motor_hp * 746.0 / (np.sqrt(3.0) * self.v_rated * 0.8)
        self.q_design = q_design
        self.pip_design = p_in

        # State.
        self.setpoint_hz = np.round(u(50, 62, n), 1)
        self.freq_hz = self.setpoint_hz.copy()
        self.running = np.ones(n, dtype=bool)
        self.wc = self.wc0.copy()
        self.rate_bpd = self._operating_rate(self.freq_hz, self.wc)
        self.pip_psi = vogel_pwf(self.rate_bpd, self.pr_psi, self.qmax_bpd)
        self.motor_temp_degf = self.t_bh_degf + 30.0
        self.run_hours = u(100, 40000, n)
        self.starts = np.floor(u(3, 300, n))
        self.t_s = 0.0
        self.step(0.0)

    # -- physics -------------------------------------------------------------------------------

    def _thp(self, q: FloatArray) -> FloatArray:
        return np.asarray(self.thp_line_psi + self.k_thp * q**2, dtype=np.float64)

    def _pump_dp(self, q: FloatArray, f: FloatArray, grad: FloatArray) -> FloatArray:
        """Pressure rise (psi) of the pump at rate q and frequency f (affinity laws)."""
        s = f / 60.0
        q0 = np.maximum(self.q0_60 * s, 1e-6)
        return np.asarray(grad * self.h0_60_ft * s**2 * (1.0 - (q / q0) ** 2), dtype=np.float64)

    def _operating_rate(self, f: FloatArray, wc: FloatArray) -> FloatArray:
        """Rate where pump and well agree, by bisection on all wells at once."""
        grad = liquid_gradient(wc)
        lo = np.zeros(self.n)
        hi = np.minimum(self.qmax_bpd, self.q0_60 * f / 60.0)
        for _ in range(30):
            mid = 0.5 * (lo + hi)
            residual = (
                self._pump_dp(mid, f, grad)
                - (self._thp(mid) + grad * self.depth_ft)
                + vogel_pwf(mid, self.pr_psi, self.qmax_bpd)
            )
            lo = np.where(residual > 0, mid, lo)
            hi = np.where(residual > 0, hi, mid)
        return np.asarray(np.where(f > 1.0, lo, 0.0), dtype=np.float64)

    def step(self, dt_s: float) -> None:
        self.t_s += dt_s
        tripped = self.is_active("esp_trip")
        gas_lock = self.is_active("gas_lock") & ~tripped
        self.running = ~tripped
        sqrt_dt = np.sqrt(max(dt_s, 0.0))

        # Drive: coasts to zero on a trip, ramps back to the setpoint after.
        self.freq_hz = np.where(
            tripped, 0.0, ramp(self.freq_hz, self.setpoint_hz, RAMP_HZ_PER_S, dt_s)
        )
        # Water cut wanders slowly around the well's own value (mean-reverting walk).
        self.wc = np.clip(
            self.wc + 0.01 * (self.wc0 - self.wc) * dt_s / 60.0
            + 0.0005 * sqrt_dt * self.rng.standard_normal(self.n),
            0.0,
            0.99,
        )

        q_target = self._operating_rate(self.freq_hz, self.wc)
        q_target = np.where(gas_lock, q_target * GAS_LOCK_RATE_FACTOR, q_target)
        self.rate_bpd = np.where(tripped, 0.0, lag(self.rate_bpd, q_target, dt_s, RATE_TAU_S))
        pip_target = vogel_pwf(self.rate_bpd, self.pr_psi, self.qmax_bpd)
        pip_tau = np.where(tripped | gas_lock, BUILDUP_TAU_S, PIP_TAU_S)
        self.pip_psi = self.pip_psi + (pip_target - self.pip_psi) * (1.0 - np.exp(-dt_s / pip_tau))

        grad = liquid_gradient(self.wc)
        thp = self._thp(self.rate_bpd)
        p_dis = thp + grad * self.depth_ft
        dp = np.maximum(p_dis - self.pip_psi, 0.0)
        bhp = self.rate_bpd * dp * HP_PER_BBL_D_PSI / PUMP_EFFICIENCY
        s = np.maximum(self.freq_hz / 60.0, 1e-3)
        torque_frac = bhp / self.motor_hp / s
        current = self.i_rated * (0.3 + 0.7 * torque_frac)
        # Gas lock: the pump spins in gas, load falls and swings as slugs pass.
        swing = 1.0 + 0.15 * np.sin(2 * np.pi * self.t_s / GAS_LOCK_PERIOD_S + np.arange(self.n))
        current = np.where(gas_lock, self.i_rated * 0.42 * swing, current)
        current = np.where(tripped, 0.0, current)
        load_pct = np.where(tripped, 0.0, 100.0 * current / self.i_rated)

        # Losses ∝ I²; with too little fluid flowing past the motor the heat stays in it.
        starved = 1.0 - np.clip(self.rate_bpd / (0.5 * self.q_design), 0.0, 1.0)
        t_target = np.where(
            tripped,
            self.t_bh_degf,
            self.t_bh_degf
            + 35.0 * (current / self.i_rated) ** 2 * (1.0 + starved)
            + 45.0 * starved,
        )
        self.motor_temp_degf = lag(self.motor_temp_degf, t_target, dt_s, MOTOR_TEMP_TAU_S)
        self.run_hours = self.run_hours + np.where(tripped, 0.0, dt_s / 3600.0)

        oil = self.rate_bpd * (1.0 - self.wc)
        chp = np.maximum(self.chp0_psi + 0.08 * (self.pip_psi - self.pip_design), 5.0)
        flow_t = self.t_surface_degf + (self.t_bh_degf - self.t_surface_degf) * (
            self.rate_bpd / (self.rate_bpd + 800.0)
        )
        vib = np.where(tripped, 0.0, np.where(gas_lock, 0.35 * swing, 0.08 + 0.0 * s))

        n = self.noisy
        self.outputs = {
            "esp.frequency": np.where(tripped, 0.0, n(self.freq_hz, abs_=0.01)),
            "esp.frequency_setpoint": self.setpoint_hz.copy(),
            "esp.motor_current": np.maximum(n(current, rel=0.004), 0.0),
            "esp.motor_voltage": n(self.v_rated * self.freq_hz / 60.0, rel=0.002),
            "esp.motor_load": np.maximum(n(load_pct, rel=0.004), 0.0),
            "esp.motor_temperature": n(self.motor_temp_degf, abs_=0.1),
            "esp.intake_pressure": np.maximum(n(self.pip_psi, rel=0.002), 0.0),
            "esp.intake_temperature": n(self.t_bh_degf - 2.0, abs_=0.1),
            "esp.discharge_pressure": n(p_dis, rel=0.002),
            "esp.vibration": np.maximum(n(vib, abs_=0.005), 0.0),
            "esp.running": self.running.astype(np.float64),
            "esp.run_hours": self.run_hours.copy(),
            "esp.start_count": self.starts.copy(),
            "well.thp": n(thp, rel=0.003),
            "well.chp": n(chp, rel=0.003),
            "well.flowline_temperature": n(flow_t, abs_=0.1),
            "well.liquid_rate": np.maximum(n(self.rate_bpd, rel=0.008), 0.0),
            "well.oil_rate": np.maximum(n(oil, rel=0.008), 0.0),
            "well.water_rate": np.maximum(n(self.rate_bpd - oil, rel=0.008), 0.0),
            "well.water_cut": 100.0 * self.wc,
            "well.gas_rate": np.maximum(n(oil * self.gor_scf_bbl / 1000.0, rel=0.01), 0.0),
        }

    # -- setpoints and events ------------------------------------------------------------------

    def _set(self, signal: str, index: int, value: float) -> float:
        applied = float(np.clip(value, FREQ_MIN_HZ, FREQ_MAX_HZ))
        self.setpoint_hz[index] = applied
        return applied

    def _on_inject(self, index: int, event: str) -> None:
        if event == "esp_trip":
            # Overload/underload trip: the drive stops at once and the check valve holds.
            self.freq_hz[index] = 0.0
            self.rate_bpd[index] = 0.0

    def _on_clear(self, index: int, event: str) -> None:
        if event == "esp_trip":
            self.starts[index] += 1  # the restart after a trip counts as a start
