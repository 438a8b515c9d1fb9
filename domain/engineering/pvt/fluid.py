"""Black-oil fluid model: every property a flow calculation needs at one (p, T).

A well's fluids are described the way a production engineer knows them - oil API, gas gravity,
producing GOR, water gravity, acid-gas and nitrogen content - and :meth:`BlackOilFluid.at`
returns a :class:`FluidState` with oil, gas and water properties. Above the bubble point all the
gas is in solution (Rs = GOR) and the oil is compressed; below it Rs follows the chosen
correlation and the rest is free gas.

Choices, in one place:

* bubble point, Rs and saturated Bo: Standing (1947) or Vasquez-Beggs (1980), per
  ``correlation``;
* undersaturated Bo: Bob (p/pb)^-A, the exact integral of the Vasquez-Beggs compressibility
  co = A/p; co below pb: McCain, Rollins & Villena (1988);
* oil viscosity: Beggs-Robinson (1975) dead and live, Vasquez-Beggs above pb;
* gas: Sutton pseudo-criticals with Kay's rule for N2/CO2/H2S and Wichert-Aziz, z and cg by
  Dranchuk-Abou-Kassem (or Hall-Yarborough), viscosity by Lee-Gonzalez-Eakin;
* water: McCain (1990) Bw, density and viscosity at the salinity implied by ``water_sg``;
* surface tension: Baker-Swerdloff (gas-oil, live), Hough et al. fit (gas-water).

Every number is in oilfield units; :data:`FIELDS` carries names, units and SI conversions for
CSV export and the HMI.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass
from typing import Literal

import numpy as np

from domain.engineering.pvt import _checks as chk
from domain.engineering.pvt import gas as gas_mod
from domain.engineering.pvt import oil, tension, units, water

CORRELATIONS = ("standing", "vasquez_beggs")
UnitSystem = Literal["oilfield", "si"]


@dataclass(frozen=True)
class FieldSpec:
    """One column of a :class:`FluidState`: attribute, short key, label, units, SI conversion."""

    name: str
    key: str
    label: str
    unit: str
    si_unit: str
    to_si: Callable[[float], float]

    def header(self, system: UnitSystem = "oilfield") -> str:
        """Column header such as ``"p [psia]"`` or ``"p [kPa]"``."""
        return f"{self.key} [{self.unit if system == 'oilfield' else self.si_unit}]"


@dataclass(frozen=True)
class FluidState:
    """Properties of oil, gas and water at one pressure and temperature (oilfield units).

    ``bo_rb_stb`` and ``rs_scf_stb`` are per stock-tank barrel; ``bg_rb_scf`` reservoir barrels
    per standard cubic foot of gas; ``co_1psi`` is the undersaturated compressibility above pb
    and the total (gas-liberation) compressibility below it.
    """

    p_psia: float
    t_degf: float
    pb_psia: float
    rs_scf_stb: float
    bo_rb_stb: float
    bg_rb_scf: float
    bw_rb_stb: float
    z: float
    rho_o_lbft3: float
    rho_g_lbft3: float
    rho_w_lbft3: float
    mu_o_cp: float
    mu_g_cp: float
    mu_w_cp: float
    sigma_og_dyncm: float
    sigma_wg_dyncm: float
    co_1psi: float
    cg_1psi: float

    @property
    def saturated(self) -> bool:
        """True below the bubble point, where free gas exists."""
        return self.p_psia < self.pb_psia

    def as_row(self, system: UnitSystem = "oilfield") -> tuple[float, ...]:
        """Values in :data:`FIELDS` order, in oilfield or SI units (for CSV export)."""
        values = astuple(self)
        if system == "oilfield":
            return tuple(float(v) for v in values)
        _check_system(system)
        return tuple(f.to_si(float(v)) for f, v in zip(FIELDS, values, strict=True))

    def as_dict(self, system: UnitSystem = "oilfield") -> dict[str, float]:
        """``{attribute name: value}`` in oilfield or SI units."""
        return dict(zip((f.name for f in FIELDS), self.as_row(system), strict=True))


_ID = units.identity
#: Columns of a :class:`FluidState`, in attribute order.
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("p_psia", "p", "Pressure", "psia", "kPa", units.psia_to_kpa),
    FieldSpec("t_degf", "T", "Temperature", "degF", "degC", units.degf_to_degc),
    FieldSpec("pb_psia", "pb", "Bubble-point pressure", "psia", "kPa", units.psia_to_kpa),
    FieldSpec("rs_scf_stb", "Rs", "Solution GOR", "scf/STB", "sm3/sm3", units.scf_stb_to_sm3_sm3),
    FieldSpec("bo_rb_stb", "Bo", "Oil FVF", "rb/STB", "m3/m3", _ID),
    FieldSpec("bg_rb_scf", "Bg", "Gas FVF", "rb/scf", "m3/m3", units.rb_scf_to_rm3_sm3),
    FieldSpec("bw_rb_stb", "Bw", "Water FVF", "rb/STB", "m3/m3", _ID),
    FieldSpec("z", "z", "Gas z-factor", "-", "-", _ID),
    FieldSpec("rho_o_lbft3", "rho_o", "Oil density", "lb/ft3", "kg/m3", units.lbft3_to_kgm3),
    FieldSpec("rho_g_lbft3", "rho_g", "Gas density", "lb/ft3", "kg/m3", units.lbft3_to_kgm3),
    FieldSpec("rho_w_lbft3", "rho_w", "Water density", "lb/ft3", "kg/m3", units.lbft3_to_kgm3),
    FieldSpec("mu_o_cp", "mu_o", "Oil viscosity", "cP", "mPa.s", _ID),
    FieldSpec("mu_g_cp", "mu_g", "Gas viscosity", "cP", "mPa.s", _ID),
    FieldSpec("mu_w_cp", "mu_w", "Water viscosity", "cP", "mPa.s", _ID),
    FieldSpec("sigma_og_dyncm", "sigma_og", "Gas-oil surface tension", "dyn/cm", "mN/m", _ID),
    FieldSpec("sigma_wg_dyncm", "sigma_wg", "Gas-water surface tension", "dyn/cm", "mN/m", _ID),
    FieldSpec("co_1psi", "co", "Oil compressibility", "1/psi", "1/kPa", units.per_psi_to_per_kpa),
    FieldSpec("cg_1psi", "cg", "Gas compressibility", "1/psi", "1/kPa", units.per_psi_to_per_kpa),
)


def _check_system(system: str) -> None:
    if system not in ("oilfield", "si"):
        raise ValueError(f"unit system must be 'oilfield' or 'si', got {system!r}")


def header(system: UnitSystem = "oilfield") -> list[str]:
    """CSV header for :func:`rows`, e.g. ``["p [psia]", "t [degF]", ...]``."""
    _check_system(system)
    return [f.header(system) for f in FIELDS]


def rows(states: Sequence[FluidState], system: UnitSystem = "oilfield") -> list[tuple[float, ...]]:
    """A PVT table as rows of floats in :data:`FIELDS` order (pair with :func:`header`)."""
    return [s.as_row(system) for s in states]


@dataclass(frozen=True)
class BlackOilFluid:
    """Black-oil description of a well's fluids (oilfield units).

    ``gas_sg`` is the producing (separator + stock-tank) gas gravity; ``gor_scf_stb`` the
    solution GOR at and above the bubble point, which for a well producing no free gas equals
    the producing GOR. ``water_sg`` (60/60 degF, fresh water 1.0) sets the brine salinity.
    ``sep_p_psia``/``sep_t_degf`` (optional, both or neither) are the first-stage separator
    conditions at which ``gas_sg`` was measured, used by Vasquez-Beggs to correct it to
    100 psig. ``z_method`` picks Dranchuk-Abou-Kassem (``"dak"``) or Hall-Yarborough (``"hy"``).
    Invalid input raises ValueError when the object is built.
    """

    api: float
    gas_sg: float
    gor_scf_stb: float
    water_sg: float = 1.07
    y_h2s: float = 0.0
    y_co2: float = 0.0
    y_n2: float = 0.0
    correlation: str = "standing"
    sep_p_psia: float | None = None
    sep_t_degf: float | None = None
    z_method: str = "dak"

    def __post_init__(self) -> None:
        chk.api_gravity(self.api)
        chk.gas_gravity(self.gas_sg)
        chk.non_negative("GOR (gor_scf_stb)", self.gor_scf_stb, "scf/STB")
        water.salinity_from_sg(self.water_sg)
        if self.correlation not in CORRELATIONS:
            raise ValueError(
                f"unknown oil correlation {self.correlation!r}; use one of {CORRELATIONS}"
            )
        if self.z_method not in gas_mod.Z_METHODS:
            raise ValueError(
                f"unknown z-factor method {self.z_method!r}; use one of {gas_mod.Z_METHODS}"
            )
        if (self.sep_p_psia is None) != (self.sep_t_degf is None):
            raise ValueError("give both separator pressure and temperature, or neither")
        gas_mod.pseudo_critical(self.gas_sg, self.y_h2s, self.y_co2, self.y_n2)  # validates y_*
        self._gas_sg_100()  # validates the separator conditions

    # --- derived constants -------------------------------------------------------------------

    @property
    def oil_sg(self) -> float:
        """Stock-tank oil specific gravity (water = 1)."""
        return chk.oil_sg(self.api)

    @property
    def salinity_wt_pct(self) -> float:
        """Brine salinity, wt% TDS, implied by ``water_sg`` (McCain 1990)."""
        return water.salinity_from_sg(self.water_sg)

    def _gas_sg_100(self) -> float:
        if self.sep_p_psia is None or self.sep_t_degf is None:
            return self.gas_sg
        return oil.vasquez_beggs_gas_sg(self.gas_sg, self.api, self.sep_p_psia, self.sep_t_degf)

    @property
    def gas_sg_100(self) -> float:
        """Gas gravity referred to a 100 psig separator (Vasquez-Beggs); ``gas_sg`` if unknown."""
        return self._gas_sg_100()

    # --- oil ---------------------------------------------------------------------------------

    def bubble_point(self, t_degf: float) -> float:
        """Bubble-point pressure, psia, at ``t_degf`` for this GOR (0 for a gas-free oil)."""
        if self.gor_scf_stb == 0.0:
            return 0.0
        if self.correlation == "standing":
            return oil.standing_pb(self.gor_scf_stb, t_degf, self.api, self.gas_sg)
        return oil.vasquez_beggs_pb(self.gor_scf_stb, t_degf, self.api, self.gas_sg_100)

    def solution_gor(self, p_psia: float, t_degf: float) -> float:
        """Rs, scf/STB: the correlation below pb, the GOR at and above it."""
        p = chk.pressure(p_psia)
        if self.correlation == "standing":
            rs = oil.standing_rs(p, t_degf, self.api, self.gas_sg)
        else:
            rs = oil.vasquez_beggs_rs(p, t_degf, self.api, self.gas_sg_100)
        return min(rs, self.gor_scf_stb)

    def _bo_saturated(self, rs: float, t_degf: float) -> float:
        if self.correlation == "standing":
            return oil.standing_bo(rs, t_degf, self.api, self.gas_sg)
        return oil.vasquez_beggs_bo(rs, t_degf, self.api, self.gas_sg_100)

    # --- the state ---------------------------------------------------------------------------

    def at(self, p_psia: float, t_degf: float) -> FluidState:
        """All properties at ``p_psia`` (> 0) and ``t_degf`` (> 0 degF).

        Raises ValueError for p <= 0, T <= 0 degF, or a gas outside the z-factor range (too
        cold for its gravity: Tpr < 1, or Tpr < 0.7 at low pressure).
        """
        p = chk.positive("pressure", p_psia, "psia")
        t = chk.temperature(t_degf)
        if t <= 0.0:
            raise ValueError(
                f"temperature must be > 0 degF for the viscosity correlations, got {t:g} degF"
            )
        pb = self.bubble_point(t)
        g100 = self.gas_sg_100
        gor = self.gor_scf_stb
        # Reference pressure for the undersaturated power laws: a dead oil has pb ~ 0.
        pb_ref = max(pb, chk.P_SC_PSIA)
        mu_od = oil.beggs_robinson_dead_oil_viscosity(self.api, t)
        if p < pb:
            rs = self.solution_gor(p, t)
            bo = self._bo_saturated(rs, t)
            mu_o = oil.beggs_robinson_live_oil_viscosity(mu_od, rs)
            co = oil.mccain_co_saturated(p, pb, t, self.api, gor)
        else:
            rs = float(gor)
            bob = self._bo_saturated(gor, t)
            if p > pb_ref:
                bo = oil.vasquez_beggs_bo_undersaturated(bob, p, pb_ref, gor, t, self.api, g100)
            else:
                bo = bob
            mu_ob = oil.beggs_robinson_live_oil_viscosity(mu_od, gor)
            mu_o = oil.vasquez_beggs_undersaturated_viscosity(mu_ob, p, pb_ref)
            co = oil.vasquez_beggs_co(p, gor, t, self.api, g100)
        g = gas_mod.gas_properties(
            p, t, self.gas_sg, self.y_h2s, self.y_co2, self.y_n2, self._z_method()
        )
        s = self.salinity_wt_pct
        return FluidState(
            p_psia=p,
            t_degf=t,
            pb_psia=pb,
            rs_scf_stb=rs,
            bo_rb_stb=bo,
            bg_rb_scf=g.bg_rb_scf,
            bw_rb_stb=water.mccain_bw(p, t),
            z=g.z,
            rho_o_lbft3=oil.oil_density(rs, bo, self.api, self.gas_sg),
            rho_g_lbft3=g.rho_lbft3,
            rho_w_lbft3=water.water_density(p, t, s),
            mu_o_cp=mu_o,
            mu_g_cp=g.mu_cp,
            mu_w_cp=water.mccain_water_viscosity(p, t, s),
            sigma_og_dyncm=tension.baker_swerdloff_live_oil(self.api, t, p),
            sigma_wg_dyncm=tension.gas_water_surface_tension(p, t),
            co_1psi=co,
            cg_1psi=g.cg_1psi,
        )

    def _z_method(self) -> gas_mod.ZMethod:
        return "hy" if self.z_method == "hy" else "dak"

    def table(
        self, pressures_psia: Sequence[float] | np.ndarray, t_degf: float
    ) -> list[FluidState]:
        """One :class:`FluidState` per pressure at one temperature (see :func:`rows`)."""
        return [self.at(float(p), t_degf) for p in pressures_psia]
