"""Oilfield <-> SI conversions for the PVT quantities the HMI shows.

Factors are exact where the definitions are (psi, ft, bbl, lb) and rounded to 10 significant
digits otherwise. Standard-volume ratios (scf/STB -> sm3/sm3) convert the volumes only: the US
60 degF and the SI 15 degC standard conditions differ by 0.3%, which is left to the caller.
"""

from __future__ import annotations

KPA_PER_PSI = 6.894757293168361  # 0.45359237 kg * 9.80665 m/s2 / (0.0254 m)^2 / 1000
M3_PER_BBL = 0.158987294928  # 42 US gal
M3_PER_FT3 = 0.028316846592  # (0.3048 m)^3
KGM3_PER_LBFT3 = 0.45359237 / M3_PER_FT3  # 16.01846337...
SM3_SM3_PER_SCF_STB = M3_PER_FT3 / M3_PER_BBL  # 0.1781076...
RM3_SM3_PER_RB_SCF = M3_PER_BBL / M3_PER_FT3  # 5.614583...


def psia_to_kpa(p_psia: float) -> float:
    """Absolute pressure psia -> kPa (absolute)."""
    return p_psia * KPA_PER_PSI


def kpa_to_psia(p_kpa: float) -> float:
    """Absolute pressure kPa -> psia."""
    return p_kpa / KPA_PER_PSI


def degf_to_degc(t_degf: float) -> float:
    """Temperature degF -> degC."""
    return (t_degf - 32.0) / 1.8


def degc_to_degf(t_degc: float) -> float:
    """Temperature degC -> degF."""
    return t_degc * 1.8 + 32.0


def scf_stb_to_sm3_sm3(r: float) -> float:
    """Gas-oil ratio scf/STB -> sm3/sm3."""
    return r * SM3_SM3_PER_SCF_STB


def sm3_sm3_to_scf_stb(r: float) -> float:
    """Gas-oil ratio sm3/sm3 -> scf/STB."""
    return r / SM3_SM3_PER_SCF_STB


def rb_scf_to_rm3_sm3(bg: float) -> float:
    """Gas formation volume factor rb/scf -> rm3/sm3."""
    return bg * RM3_SM3_PER_RB_SCF


def lbft3_to_kgm3(rho: float) -> float:
    """Density lb/ft3 -> kg/m3."""
    return rho * KGM3_PER_LBFT3


def kgm3_to_lbft3(rho: float) -> float:
    """Density kg/m3 -> lb/ft3."""
    return rho / KGM3_PER_LBFT3


def per_psi_to_per_kpa(c: float) -> float:
    """Compressibility 1/psi -> 1/kPa."""
    return c / KPA_PER_PSI


def identity(x: float) -> float:
    """Units whose oilfield and SI values coincide (cP = mPa s, dyn/cm = mN/m, rb/STB = m3/m3)."""
    return x
