"""Multiphase pressure traverse along the tubing and the outflow (VLP) curve.

The traverse integrates dp/dMD = (pressure gradient of upward flow) from the wellhead down to
the mid-perforations, so a VLP curve is pwf(q) at a given tubing-head pressure. All rates of a
curve are marched together as one numpy vector on a shared MD grid, which is what makes a
30-rate curve of a 10,000 ft well take tens of milliseconds.

Integration: embedded Runge-Kutta 3(2) of Bogacki & Shampine (1989) with error-per-step
control (the scheme behind scipy's ``RK23``), written out here because the state is a vector
of independent traverses that must share steps and survey-station break points. The step
error norm is the worst rate's; survey stations, the gas-lift injection point and the pump
are hit exactly. Rates whose pressure passes ``p_limit_psia`` are frozen and reported as
``inf`` (the tubing cannot lift them). Default tolerance 0.1 psi + 1e-5 relative per step.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from domain.engineering.flow import beggs_brill, hagedorn_brown
from domain.engineering.flow.esp import EspPump
from domain.engineering.flow.gradient import FloatArray, GradientResult, IntArray
from domain.engineering.flow.insitu import (
    P_MIN_PSIA,
    FluidModel,
    InSituFlow,
    PvtTable,
    direct_properties,
    in_situ_flow,
)
from domain.engineering.flow.well import Production, TemperatureProfile, Wellbore

Correlation = Literal["beggs_brill", "hagedorn_brown"]
BoolArray = NDArray[np.bool_]

_RTOL = 1e-5
_ATOL_PSI = 0.1
_H_MAX_FT = 500.0
_H_MIN_FT = 1.0


@dataclass(frozen=True)
class TraverseResult:
    """Pressure profile from the wellhead down, for one rate (one row per node).

    At a pump the MD repeats: discharge first, then intake.
    """

    rate_stb_d: float
    md_ft: FloatArray
    tvd_ft: FloatArray
    p_psia: FloatArray
    t_degf: FloatArray
    holdup: FloatArray
    no_slip_holdup: FloatArray
    pattern: IntArray
    gradient_psi_ft: FloatArray

    @property
    def pwf_psia(self) -> float:
        """Pressure at the bottom node."""
        return float(self.p_psia[-1])


@dataclass(frozen=True)
class _Interval:
    md_top: float
    md_bot: float
    tvd_top: float
    sin_theta: float
    glr: float
    pump_at_top: bool


@dataclass
class _Profile:
    md: list[float] = field(default_factory=list)
    p: list[FloatArray] = field(default_factory=list)
    grad: list[GradientResult] = field(default_factory=list)


@dataclass(frozen=True)
class Outflow:
    """Everything that sets a well's outflow: tubing, fluid, production, temperature, lift.

    ``fluid`` is a :class:`domain.engineering.pvt.BlackOilFluid` (or any object with
    ``.at(p, t)``), normally built with the same GOR as ``production``: a producing GOR above
    the fluid's solution GOR is treated as free gas, one below it caps Rs (Bo is not
    re-evaluated). ``pump`` adds an ESP running at ``pump_hz``. ``payne`` applies the Payne
    et al. holdup factors to Beggs & Brill. ``pvt_table`` False calls the fluid at every point
    instead of the interpolation table (slow; for checking).
    """

    wellbore: Wellbore
    fluid: FluidModel
    production: Production
    temperature: TemperatureProfile
    correlation: Correlation = "beggs_brill"
    pump: EspPump | None = None
    pump_hz: float = 60.0
    payne: bool = True
    pvt_table: bool = True
    p_limit_psia: float = 20000.0
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.correlation not in ("beggs_brill", "hagedorn_brown"):
            raise ValueError(f"unknown correlation {self.correlation!r}")
        if self.pump is not None and not 0 < self.pump.setting_md_ft < self.wellbore.depth_md_ft:
            raise ValueError("the pump must be set inside the well")
        inj = self.production.injection_md_ft
        if inj is not None and not 0 < inj <= self.wellbore.depth_md_ft:
            raise ValueError("the injection point must be inside the well")

    def with_changes(self, **changes: Any) -> Outflow:
        """A copy with some fields replaced, sharing the PVT table when it still applies."""
        new = dataclasses.replace(self, **changes)
        same_pvt = (
            new.fluid is self.fluid
            and new.temperature == self.temperature
            and new.wellbore == self.wellbore
        )
        if same_pvt:
            new._cache.update(self._cache)
        return new

    # -- public API -------------------------------------------------------------------------

    def pwf(self, rates_stb_d: ArrayLike, thp_psia: ArrayLike) -> FloatArray:
        """VLP: bottomhole flowing pressure, psia, for each liquid rate (STB/d).

        ``thp_psia`` is a scalar or one tubing-head pressure per rate (a choke makes THP a
        function of rate). ``inf`` where the pressure passes ``p_limit_psia``.
        """
        q = np.atleast_1d(np.asarray(rates_stb_d, dtype=np.float64))
        thp = np.broadcast_to(np.asarray(thp_psia, dtype=np.float64), q.shape).copy()
        p, _ = self._march(q, thp, record=False)
        return p.reshape(np.shape(rates_stb_d))

    def traverse(self, rate_stb_d: float, thp_psia: float) -> TraverseResult:
        """Pressure, holdup and flow pattern from the wellhead to the perforations."""
        q = np.array([float(rate_stb_d)])
        _, prof = self._march(q, np.array([float(thp_psia)]), record=True)
        assert prof is not None
        md = np.asarray(prof.md)
        tvd = self.wellbore.tvd_at(md)
        return TraverseResult(
            rate_stb_d=float(rate_stb_d),
            md_ft=md,
            tvd_ft=tvd,
            p_psia=np.array([p[0] for p in prof.p]),
            t_degf=np.array([self.temperature.at(float(z)) for z in tvd]),
            holdup=np.array([g.holdup[0] for g in prof.grad]),
            no_slip_holdup=np.array([g.no_slip_holdup[0] for g in prof.grad]),
            pattern=np.array([g.pattern[0] for g in prof.grad], dtype=np.int64),
            gradient_psi_ft=np.array([g.total_psi_ft[0] for g in prof.grad]),
        )

    # -- internals --------------------------------------------------------------------------

    def _properties(self, p: FloatArray, t: float) -> FloatArray:
        if not self.pvt_table:
            return direct_properties(self.fluid, p, t)
        table = self._cache.get("pvt")
        if table is None:
            wb = self.wellbore
            temps = [self.temperature.at(z) for z in wb.tvd_ft]
            p_hi = float(np.max(p, initial=P_MIN_PSIA)) + 0.6 * max(wb.tvd_ft) + 1000.0
            table = PvtTable(self.fluid, min(temps), max(temps), p_hi)
            self._cache["pvt"] = table
        return np.asarray(table(p, t))

    def _intervals(self) -> list[_Interval]:
        wb = self.wellbore
        prod = self.production
        breaks = set(wb.md_ft)
        inj = prod.injection_md_ft
        if inj is not None:
            breaks.add(inj)
        if self.pump is not None:
            breaks.add(self.pump.setting_md_ft)
        mds = sorted(breaks)
        out = []
        for top, bot in itertools.pairwise(mds):
            tvd_top = float(wb.tvd_at(top))
            sin_theta = (float(wb.tvd_at(bot)) - tvd_top) / (bot - top)
            above_injection = inj is None or bot <= inj + 1e-9
            glr = prod.lifted_glr_scf_stb if above_injection else prod.formation_glr_scf_stb
            pump_here = self.pump is not None and abs(top - self.pump.setting_md_ft) < 1e-9
            out.append(_Interval(top, bot, tvd_top, sin_theta, glr, pump_here))
        return out

    def _flow(self, iv: _Interval, md: float, p: FloatArray, q: FloatArray) -> InSituFlow:
        tvd = iv.tvd_top + (md - iv.md_top) * iv.sin_theta
        props = self._properties(p, self.temperature.at(tvd))
        prod = self.production
        return in_situ_flow(
            props, p, q, prod.water_cut, prod.gor_scf_stb, iv.glr, self.wellbore.area_ft2
        )

    def _gradient(self, iv: _Interval, md: float, p: FloatArray, q: FloatArray) -> GradientResult:
        f = self._flow(iv, md, p, q)
        wb = self.wellbore
        args = (
            f.vsl,
            f.vsg,
            f.rho_l,
            f.rho_g,
            f.mu_l,
            f.mu_g,
            f.sigma_l,
            wb.d_ft,
            wb.roughness_ft,
            iv.sin_theta,
            np.maximum(p, P_MIN_PSIA),
        )
        if self.correlation == "hagedorn_brown":
            return hagedorn_brown.pressure_gradient(*args)
        return beggs_brill.pressure_gradient(*args, payne=self.payne)

    def _pump_intake(self, iv: _Interval, p_dis: FloatArray, q: FloatArray) -> FloatArray:
        """Intake pressure below the pump; properties at the mean of discharge and intake."""
        assert self.pump is not None
        p_mid = p_dis
        p_in = p_dis
        for _ in range(3):
            f = self._flow(iv, iv.md_top, np.maximum(p_mid, P_MIN_PSIA), q)
            dp = self.pump.pressure_gain_psi(f.q_liquid_bpd, f.rho_l, self.pump_hz)
            p_in = p_dis - dp
            p_mid = 0.5 * (p_dis + p_in)
        return np.asarray(p_in)

    def _march(
        self, q: FloatArray, p_top: FloatArray, *, record: bool
    ) -> tuple[FloatArray, _Profile | None]:
        p = np.maximum(p_top.astype(np.float64), P_MIN_PSIA)
        # Pressure below atmospheric after a pump that over-lifts: march from 14.7 psia and
        # carry the deficit (a continuous extension; the well would pump off there).
        offset = np.zeros_like(p)
        alive = np.ones(p.shape, dtype=bool)
        prof = _Profile() if record else None
        h = 100.0
        for iv in self._intervals():
            if not np.any(alive):
                break
            if iv.pump_at_top:
                # The interval above ended on the pump: its last node is the discharge.
                p_in = self._pump_intake(iv, p - offset, q)
                p = np.maximum(p_in, P_MIN_PSIA)
                offset = p - p_in
            p, h = self._integrate(iv, q, p, offset, alive, h, prof)
        out = np.where(alive, p - offset, np.inf)
        return out, prof

    def _integrate(
        self,
        iv: _Interval,
        q: FloatArray,
        p: FloatArray,
        offset: FloatArray,
        alive: BoolArray,
        h: float,
        prof: _Profile | None,
    ) -> tuple[FloatArray, float]:
        """Bogacki-Shampine RK3(2) from iv.md_top to iv.md_bot; updates ``alive`` in place."""
        limit = self.p_limit_psia

        def rhs(md: float, pp: FloatArray) -> tuple[FloatArray, GradientResult]:
            g = self._gradient(iv, md, np.minimum(pp, limit), q)
            return np.where(alive, g.total_psi_ft, 0.0), g

        s = iv.md_top
        k1, g1 = rhs(s, p)
        if prof is not None and (not prof.md or iv.pump_at_top):
            prof.md.append(s)
            prof.p.append(p - offset)
            prof.grad.append(g1)
        length = iv.md_bot - iv.md_top
        h = min(max(h, _H_MIN_FT), _H_MAX_FT, length)
        while s < iv.md_bot - 1e-9:
            h = min(h, iv.md_bot - s)
            k2, _ = rhs(s + 0.5 * h, p + 0.5 * h * k1)
            k3, _ = rhs(s + 0.75 * h, p + 0.75 * h * k2)
            p_new = p + h * (2.0 / 9.0 * k1 + 1.0 / 3.0 * k2 + 4.0 / 9.0 * k3)
            k4, g4 = rhs(s + h, p_new)
            err = h * (-5.0 / 72.0 * k1 + 1.0 / 12.0 * k2 + 1.0 / 9.0 * k3 - 1.0 / 8.0 * k4)
            scale = _ATOL_PSI + _RTOL * np.abs(p_new)
            ratio = np.where(alive, np.abs(err) / scale, 0.0)
            err_norm = float(np.max(ratio)) if ratio.size else 0.0
            if err_norm <= 1.0 or h <= _H_MIN_FT:
                s += h
                p = p_new
                k1 = k4
                dead = alive & ~(p < limit)
                if np.any(dead):
                    alive &= ~dead
                    p = np.where(dead, limit, p)
                if prof is not None:
                    prof.md.append(s)
                    prof.p.append(p - offset)
                    prof.grad.append(g4)
                if not np.any(alive):
                    break
            factor = 5.0 if err_norm == 0.0 else 0.9 * err_norm ** (-1.0 / 3.0)
            h = float(np.clip(h * min(5.0, max(0.2, factor)), _H_MIN_FT, _H_MAX_FT))
        return p, h
