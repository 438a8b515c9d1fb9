"""Continuous gas-lift wells.

The liquid rate follows the well's gas-lift performance curve: injected gas lightens the column
and the rate climbs, until friction from the extra gas outweighs the gain and it falls again, so
there is an optimum injection rate (Economides, Hill, Ehlig-Economides & Zhu, *Petroleum
Production Systems*, 2nd ed., 2013, ch. 11 "Gas lift"; Golan & Whitson, *Well Performance*,
ch. 6). The curve is modelled as

    q = q_nat + (q_peak − q_nat) · (g / g_opt) · exp(1 − g / g_opt)

which has its maximum q_peak at g = g_opt and decays beyond it. The flowing bottom-hole
pressure is the Vogel pressure (Vogel 1968, JPT) at that rate. Casing (injection) pressure sits
at the operating valve's opening pressure plus the drop through the valve port, which grows
with the square of the gas rate (orifice flow).
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from plugins.simulator.physics.base import DeviceGroup
from plugins.simulator.physics.inflow import lag, vogel_pwf

INJECTION_MAX_MSCFD = 2500.0
INJECTION_TAU_S = 30.0  # injection choke controller
LIQUID_TAU_S = 90.0  # the column unloads or loads up over minutes
CHP_TAU_S = 60.0
RUNNING_MIN_MSCFD = 20.0


class GasLiftWells(DeviceGroup):
    """All gas-lifted wells of the field."""

    model: ClassVar[str] = "gas_lift_well"
    writable: ClassVar[frozenset[str]] = frozenset({"gaslift.injection_setpoint"})

    def __init__(self, n: int, rng: np.random.Generator) -> None:
        super().__init__(n, rng)
        u = rng.uniform
        self.g_opt = u(500, 1200, n)  # Mscf/d at the curve's optimum
        self.q_peak = u(500, 2200, n)  # bbl/d at the optimum
        self.q_nat = self.q_peak * u(0.0, 0.25, n)  # natural flow without gas
        self.pr_psi = u(1800, 3200, n)
        self.qmax_bpd = self.q_peak * u(1.6, 2.5, n)
        self.chp_open_psi = u(850, 1150, n)
        self.chp_dp_psi = u(40, 120, n)  # valve drop at g_opt
        self.thp_line_psi = u(100, 220, n)
        self.wc0 = u(0.2, 0.9, n)
        self.gor_scf_bbl = u(300, 1200, n)
        self.t_gas_degf = u(75, 110, n)
        self.t_surface_degf = u(70, 95, n)
        self.choke_max_mscfd = self.g_opt * u(2.0, 2.6, n)

        self.setpoint = np.round(self.g_opt * u(0.7, 1.1, n), -1)
        self.injection = self.setpoint.copy()
        self.liquid = self._curve(self.injection)
        self.chp = self._chp_target(self.injection)
        self.wc = self.wc0.copy()
        self.injected_total = np.floor(u(1e4, 5e6, n))
        self.run_hours = u(100, 60000, n)
        self.t_s = 0.0
        self.step(0.0)

    def _curve(self, g: np.ndarray) -> np.ndarray:
        x = g / self.g_opt
        return np.asarray(self.q_nat + (self.q_peak - self.q_nat) * x * np.exp(1.0 - x))

    def _chp_target(self, g: np.ndarray) -> np.ndarray:
        return np.asarray(
            np.where(
                g > RUNNING_MIN_MSCFD,
                self.chp_open_psi + self.chp_dp_psi * (g / self.g_opt) ** 2,
                self.chp_open_psi * 0.9,  # valve closed: casing holds a little below opening
            )
        )

    def step(self, dt_s: float) -> None:
        self.t_s += dt_s
        sqrt_dt = np.sqrt(max(dt_s, 0.0))
        self.injection = lag(self.injection, self.setpoint, dt_s, INJECTION_TAU_S)
        self.liquid = lag(self.liquid, self._curve(self.injection), dt_s, LIQUID_TAU_S)
        self.chp = lag(self.chp, self._chp_target(self.injection), dt_s, CHP_TAU_S)
        self.wc = np.clip(
            self.wc + 0.01 * (self.wc0 - self.wc) * dt_s / 60.0
            + 0.0005 * sqrt_dt * self.rng.standard_normal(self.n),
            0.0,
            0.99,
        )
        running = self.injection > RUNNING_MIN_MSCFD
        self.injected_total = self.injected_total + self.injection * dt_s / 86400.0
        self.run_hours = self.run_hours + np.where(running, dt_s / 3600.0, 0.0)

        oil = self.liquid * (1.0 - self.wc)
        formation_gas = oil * self.gor_scf_bbl / 1000.0
        # Heading: gas-lifted wells breathe a little (slug flow), a few psi at the wellhead.
        heading = 4.0 * np.sin(2 * np.pi * self.t_s / 180.0 + np.arange(self.n))
        thp = self.thp_line_psi + 0.02 * self.liquid + 0.03 * self.injection + heading
        pwf = vogel_pwf(self.liquid, self.pr_psi, self.qmax_bpd)
        flow_t = self.t_surface_degf + 45.0 * self.liquid / (self.liquid + 600.0)

        n = self.noisy
        self.outputs = {
            "gaslift.injection_rate": np.maximum(n(self.injection, rel=0.005), 0.0),
            "gaslift.injection_setpoint": self.setpoint.copy(),
            "gaslift.choke_position": np.clip(
                n(100.0 * self.injection / self.choke_max_mscfd, abs_=0.1), 0.0, 100.0
            ),
            "gaslift.injection_temperature": n(self.t_gas_degf, abs_=0.1),
            "gaslift.injection_total": self.injected_total.copy(),
            "gaslift.bottomhole_pressure": n(pwf, rel=0.002),
            "gaslift.running": running.astype(np.float64),
            "gaslift.run_hours": self.run_hours.copy(),
            "well.thp": n(thp, rel=0.003),
            "well.chp": n(self.chp, rel=0.002),
            "well.flowline_temperature": n(flow_t, abs_=0.1),
            "well.liquid_rate": np.maximum(n(self.liquid, rel=0.01), 0.0),
            "well.oil_rate": np.maximum(n(oil, rel=0.01), 0.0),
            "well.water_rate": np.maximum(n(self.liquid - oil, rel=0.01), 0.0),
            "well.water_cut": 100.0 * self.wc,
            "well.gas_rate": np.maximum(n(formation_gas + self.injection, rel=0.01), 0.0),
        }

    def _set(self, signal: str, index: int, value: float) -> float:
        applied = float(np.clip(value, 0.0, min(INJECTION_MAX_MSCFD, self.choke_max_mscfd[index])))
        self.setpoint[index] = applied
        return applied
