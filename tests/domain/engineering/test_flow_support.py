"""Fluids with simple, fixed-form properties for the flow tests.

These are not PVT correlations: they are deliberately plain (ideal-gas-like gas with a fixed z,
Rs linear in p below the bubble point, mass-balance oil density) so that the flow tests do not
depend on the PVT correlations (only their state container, FluidState), and so that hand
calculations can follow them.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.engineering.pvt import FluidState as State  # the state the flow code reads

FT3_PER_BBL = 5.614583


@dataclass(frozen=True)
class SimpleFluid:
    """Black-oil-shaped fluid with plain, smooth property laws (see module docstring)."""

    gor_scf_stb: float = 500.0
    pb_psia: float = 2500.0
    oil_sg: float = 0.85
    gas_sg: float = 0.65
    water_sg: float = 1.07
    z: float = 0.9
    mu_o_cp: float = 1.5
    mu_g_cp: float = 0.015
    mu_w_cp: float = 0.6
    sigma_og: float = 20.0
    sigma_wg: float = 50.0
    pb_per_degf: float = 0.0  # bubble point shift with temperature (to test the table rows)

    def bubble_point(self, t_degf: float) -> float:
        return self.pb_psia + self.pb_per_degf * (t_degf - 150.0)

    def at(self, p_psia: float, t_degf: float) -> State:
        pb = self.bubble_point(t_degf)
        rs = self.gor_scf_stb * min(p_psia / pb, 1.0)
        t_r = t_degf + 459.67
        bo = 1.0 + 0.00012 * rs + 0.0002 * (t_degf - 60.0)
        if p_psia > pb:
            bo *= 1.0 - 1e-5 * (p_psia - pb)  # slight compression above pb
        rho_o = (62.37 * self.oil_sg + 0.0136 * rs * self.gas_sg) / bo
        bg_ft3 = 0.02827 * self.z * t_r / p_psia
        rho_g = 2.7 * self.gas_sg * p_psia / (self.z * t_r)
        return State(
            p_psia=p_psia,
            t_degf=t_degf,
            pb_psia=pb,
            rs_scf_stb=rs,
            bo_rb_stb=bo,
            bg_rb_scf=bg_ft3 / FT3_PER_BBL,
            bw_rb_stb=1.02,
            z=self.z,
            rho_o_lbft3=rho_o,
            rho_g_lbft3=rho_g,
            rho_w_lbft3=62.37 * self.water_sg / 1.02,
            mu_o_cp=self.mu_o_cp * (1.0 + 0.3 * (1.0 - min(p_psia / pb, 1.0))),
            mu_g_cp=self.mu_g_cp,
            mu_w_cp=self.mu_w_cp,
            sigma_og_dyncm=self.sigma_og,
            sigma_wg_dyncm=self.sigma_wg,
            co_1psi=1e-5,
            cg_1psi=1.0 / p_psia,
        )


@dataclass(frozen=True)
class LiquidOnly:
    """Incompressible dead liquid with no gas: for the single-phase limits."""

    rho_lbft3: float = 62.4
    mu_cp: float = 1.0

    def at(self, p_psia: float, t_degf: float) -> State:
        return State(
            p_psia=p_psia,
            t_degf=t_degf,
            pb_psia=14.7,
            rs_scf_stb=0.0,
            bo_rb_stb=1.0,
            bg_rb_scf=0.005,
            bw_rb_stb=1.0,
            z=1.0,
            rho_o_lbft3=self.rho_lbft3,
            rho_g_lbft3=0.05,
            rho_w_lbft3=self.rho_lbft3,
            mu_o_cp=self.mu_cp,
            mu_g_cp=0.01,
            mu_w_cp=self.mu_cp,
            sigma_og_dyncm=30.0,
            sigma_wg_dyncm=60.0,
            co_1psi=0.0,
            cg_1psi=0.0,
        )
