"""Production facilities (battery PLCs): separator, tanks, LACT unit and water transfer.

Production from the facility's wells enters a three-phase separator. Its liquid volume is sized
for ~5 min retention at half level, in line with API Spec 12J's 3-10 min for oil/water
separation, so a dump valve that fails closed (``separator_high_level``) takes the level past
80 % in a few minutes, as in the field. The level controller is proportional (dump flow = inflow
+ correction), which is how most battery level loops are tuned.

Oil is sent to one "in service" stock tank of three (API 12F-style, 24 ft shell); when it is
near full the PLC switches to the emptiest tank. A LACT unit sells from a full tank until it is
nearly empty (API MPMS ch. 6.1 LACT systems), totalising gross volume and net standard volume =
gross × (1 − BS&W) × CTL (API MPMS ch. 11.1 temperature correction; a constant CTL here).
Water goes to a water tank emptied by a transfer pump with start/stop levels.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from plugins.simulator.physics.base import DeviceGroup
from plugins.simulator.physics.inflow import FloatArray, lag

TANK_HEIGHT_FT = 24.0
OIL_TANKS = 3
SWITCH_TANK_AT_FT = 20.0
LACT_START_FT, LACT_STOP_FT = 16.0, 3.0
WATER_START_FT, WATER_STOP_FT = 18.0, 6.0
LEVEL_SETPOINT_PCT = 50.0
LEVEL_CONTROL_TAU_S = 60.0
CTL = 0.996
SECONDS_PER_DAY = 86400.0


class Facilities(DeviceGroup):
    """All facility PLCs of the field; each one gathers the production of its own wells."""

    model: ClassVar[str] = "facility_plc"
    events: ClassVar[frozenset[str]] = frozenset({"separator_high_level"})
    writable: ClassVar[frozenset[str]] = frozenset({"facility.separator_pressure_setpoint"})

    def __init__(
        self,
        n: int,
        rng: np.random.Generator,
        nominal_liquid_bpd: FloatArray,
        nominal_oil_bpd: FloatArray,
        nominal_gas_mscfd: FloatArray,
    ) -> None:
        super().__init__(n, rng)
        u = rng.uniform
        liquid = np.maximum(nominal_liquid_bpd, 100.0)
        oil = np.maximum(nominal_oil_bpd, 50.0)
        water = np.maximum(liquid - oil, 50.0)
        self.sep_volume_bbl = liquid / 1440.0 * 10.0  # 10 min of inflow at 100 % level
        self.oil_tank_bbl = np.clip(oil * 0.5, 300.0, 20000.0)  # half a day each
        self.water_tank_bbl = np.clip(water * 0.5, 300.0, 40000.0)
        self.lact_capacity_bpd = oil * 3.0
        self.transfer_capacity_bpd = water * 2.5
        self.sep_temp_degf = u(95, 130, n)
        self.bsw_pct = u(0.1, 0.5, n)

        self.pressure_sp = np.round(u(80, 150, n))
        self.pressure = self.pressure_sp.copy()
        self.level = np.full(n, LEVEL_SETPOINT_PCT)
        self.tanks_ft = u(2.0, 14.0, (n, OIL_TANKS))
        self.in_service = np.zeros(n, dtype=np.int64)
        self.lact_tank = np.full(n, -1, dtype=np.int64)  # -1: LACT stopped
        self.water_ft = u(6.0, 16.0, n)
        self.transfer_on = np.zeros(n, dtype=bool)
        self.gross_total = np.floor(u(1e5, 5e7, n))
        self.net_total = self.gross_total * (1.0 - self.bsw_pct / 100.0) * CTL
        self.feed_liquid = liquid.copy()
        self.feed_oil = oil.copy()
        self.gas_nominal = np.maximum(nominal_gas_mscfd, 1.0)
        self.feed_gas = self.gas_nominal.copy()
        self.step(0.0)

    def feed(self, liquid: FloatArray, oil: FloatArray, gas: FloatArray) -> None:
        """Production (bbl/d, bbl/d, Mscf/d) arriving from each facility's wells this step."""
        self.feed_liquid = np.maximum(liquid, 0.0)
        self.feed_oil = np.minimum(np.maximum(oil, 0.0), self.feed_liquid)
        self.feed_gas = np.maximum(gas, 0.0)

    def step(self, dt_s: float) -> None:
        high_level = self.is_active("separator_high_level")
        q_in = self.feed_liquid
        # Proportional level control; a dump valve failed closed passes nothing.
        correction = (self.level - LEVEL_SETPOINT_PCT) / 100.0 * self.sep_volume_bbl
        q_out = np.maximum(q_in + correction / LEVEL_CONTROL_TAU_S * SECONDS_PER_DAY, 0.0)
        q_out = np.where(high_level, 0.0, q_out)
        self.level = np.clip(
            self.level + (q_in - q_out) * dt_s / SECONDS_PER_DAY / self.sep_volume_bbl * 100.0,
            0.0,
            100.0,
        )
        oil_frac = np.where(q_in > 0, self.feed_oil / np.maximum(q_in, 1e-9), 0.0)
        oil_out = q_out * oil_frac
        water_out = q_out - oil_out
        gas_excess = self.feed_gas / self.gas_nominal - 1.0
        self.pressure = lag(self.pressure, self.pressure_sp * (1.0 + 0.05 * gas_excess), dt_s, 20.0)

        lact_rate = self._tanks(oil_out, dt_s)
        transfer_rate = self._water(water_out, dt_s)
        gross = lact_rate * dt_s / SECONDS_PER_DAY
        self.gross_total = self.gross_total + gross
        self.net_total = self.net_total + gross * (1.0 - self.bsw_pct / 100.0) * CTL

        n = self.noisy
        lact_meas = np.where(lact_rate > 0, n(lact_rate, rel=0.002), 0.0)
        self.outputs = {
            "facility.separator_pressure": n(self.pressure, rel=0.003),
            "facility.separator_pressure_setpoint": self.pressure_sp.copy(),
            "facility.separator_level": np.clip(n(self.level, abs_=0.2), 0.0, 100.0),
            "facility.separator_temperature": n(self.sep_temp_degf, abs_=0.1),
            "facility.inlet_liquid_rate": n(q_in, rel=0.005),
            "facility.oil_rate": n(self.feed_oil, rel=0.005),
            "facility.water_rate": np.maximum(n(q_in - self.feed_oil, rel=0.005), 0.0),
            "facility.gas_rate": n(self.feed_gas, rel=0.005),
            "facility.tank1_level": self.tanks_ft[:, 0].copy(),
            "facility.tank2_level": self.tanks_ft[:, 1].copy(),
            "facility.tank3_level": self.tanks_ft[:, 2].copy(),
            "facility.water_tank_level": self.water_ft.copy(),
            "facility.water_transfer_rate": transfer_rate,
            "facility.lact_rate": lact_meas,
            "facility.lact_running": (self.lact_tank >= 0).astype(np.float64),
            "facility.lact_bsw": np.clip(n(self.bsw_pct, abs_=0.01), 0.0, 5.0),
            "facility.lact_gross_total": np.floor(self.gross_total) % 2.0**32,
            "facility.lact_net_total": self.net_total.copy(),
        }

    def _tanks(self, oil_in_bpd: FloatArray, dt_s: float) -> FloatArray:
        """Fill the in-service tank, sell through the LACT; returns LACT rate (bbl/d)."""
        ft_per_bbl = TANK_HEIGHT_FT / self.oil_tank_bbl
        lact_rate = np.zeros(self.n)
        for f in range(self.n):  # a handful of facilities: plain loops read best here
            levels = self.tanks_ft[f]
            levels[self.in_service[f]] += oil_in_bpd[f] * dt_s / SECONDS_PER_DAY * ft_per_bbl[f]
            if levels[self.in_service[f]] >= SWITCH_TANK_AT_FT:
                candidates = [t for t in range(OIL_TANKS) if t != self.lact_tank[f]]
                self.in_service[f] = min(candidates, key=lambda t: levels[t])
            if self.lact_tank[f] < 0:
                full = [
                    t for t in range(OIL_TANKS)
                    if t != self.in_service[f] and levels[t] >= LACT_START_FT
                ]
                if full:
                    self.lact_tank[f] = max(full, key=lambda t: levels[t])
            if self.lact_tank[f] >= 0:
                t = self.lact_tank[f]
                lact_rate[f] = self.lact_capacity_bpd[f]
                levels[t] -= lact_rate[f] * dt_s / SECONDS_PER_DAY * ft_per_bbl[f]
                if levels[t] <= LACT_STOP_FT:
                    self.lact_tank[f] = -1
            np.clip(levels, 0.0, TANK_HEIGHT_FT, out=levels)
        return lact_rate

    def _water(self, water_in_bpd: FloatArray, dt_s: float) -> FloatArray:
        """Water tank with a level-switched transfer pump; returns transfer rate (bbl/d)."""
        self.transfer_on = np.where(
            self.water_ft >= WATER_START_FT,
            True,
            np.where(self.water_ft <= WATER_STOP_FT, False, self.transfer_on),
        )
        rate = np.where(self.transfer_on, self.transfer_capacity_bpd, 0.0)
        self.water_ft = np.clip(
            self.water_ft
            + (water_in_bpd - rate) * dt_s / SECONDS_PER_DAY * TANK_HEIGHT_FT / self.water_tank_bbl,
            0.0,
            TANK_HEIGHT_FT,
        )
        return np.asarray(rate, dtype=np.float64)

    def _set(self, signal: str, index: int, value: float) -> float:
        applied = float(np.clip(value, 30.0, 250.0))
        self.pressure_sp[index] = applied
        return applied
