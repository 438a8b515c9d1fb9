"""Wellhead choke: Gilbert-type correlations for critical two-phase flow through a bean.

Gilbert, W.E. "Flowing and Gas-Lift Well Performance", API Drilling and Production Practice,
1954, 126-157. From Ten Section field data (California) he fitted

    p_wh = 435 R^0.546 q / S^1.89

p_wh upstream (wellhead) pressure, psig; R producing gas-liquid ratio, Mscf/STB; q gross liquid
rate, STB/d; S bean (choke) diameter in 64ths of an inch. The same form with other constants
was fitted by Ros (1960), Baxendell (1958) and Achong (1961). Their coefficients are usually
tabulated with R in scf/STB as A = 10.00, 17.40, 9.56, 3.82; B = 0.546, 0.500, 0.546, 0.650;
C = 1.89, 2.00, 1.93, 1.88 (e.g. Brown, K.E. and Beggs, H.D. "The Technology of Artificial
Lift Methods", Vol. 1, PennWell 1977); here they are converted to R in Mscf/STB
(A * 1000^B), which turns Gilbert's 10.00 back into his 435.

The correlation is valid for critical (sonic) flow only, i.e. independent of the flowline
pressure. Gilbert's condition is a wellhead pressure at least 1.7 times the flowline
pressure (downstream/upstream <= 0.588); :func:`is_critical` checks it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from domain.engineering.flow.gradient import FloatArray

P_ATM_PSIA = 14.7
CRITICAL_PRESSURE_RATIO = 1.0 / 1.7


@dataclass(frozen=True)
class ChokeCorrelation:
    """p_wh [psig] = a * R[Mscf/STB]^b * q[STB/d] / S[1/64 in]^c."""

    name: str
    a: float
    b: float
    c: float


GILBERT = ChokeCorrelation("Gilbert (1954)", 435.0, 0.546, 1.89)
ROS = ChokeCorrelation("Ros (1960)", 550.0, 0.500, 2.00)  # 17.40 * 1000^0.5
BAXENDELL = ChokeCorrelation("Baxendell (1958)", 9.56 * 1000**0.546, 0.546, 1.93)
ACHONG = ChokeCorrelation("Achong (1961)", 3.82 * 1000**0.650, 0.650, 1.88)


def wellhead_pressure(
    q_liquid_stb_d: ArrayLike,
    glr_scf_stb: ArrayLike,
    bean_64ths: ArrayLike,
    correlation: ChokeCorrelation = GILBERT,
) -> FloatArray:
    """Upstream (wellhead) pressure, psia, for critical flow through a bean.

    ``glr_scf_stb`` in scf/STB (converted to Mscf/STB for the correlation); result converted
    from psig to psia with 14.7 psi.
    """
    q = np.asarray(q_liquid_stb_d, dtype=np.float64)
    r_mscf = np.asarray(glr_scf_stb, dtype=np.float64) / 1000.0
    s = np.asarray(bean_64ths, dtype=np.float64)
    if np.any(s <= 0):
        raise ValueError("bean size must be positive (64ths of an inch)")
    psig = correlation.a * np.maximum(r_mscf, 0.0) ** correlation.b * q / s**correlation.c
    return np.asarray(psig + P_ATM_PSIA, dtype=np.float64)


def liquid_rate(
    p_wh_psia: ArrayLike,
    glr_scf_stb: ArrayLike,
    bean_64ths: ArrayLike,
    correlation: ChokeCorrelation = GILBERT,
) -> FloatArray:
    """Gross liquid rate, STB/d, through a bean at a wellhead pressure (inverse of the above)."""
    psig = np.maximum(np.asarray(p_wh_psia, dtype=np.float64) - P_ATM_PSIA, 0.0)
    r_mscf = np.maximum(np.asarray(glr_scf_stb, dtype=np.float64) / 1000.0, 1e-12)
    s = np.asarray(bean_64ths, dtype=np.float64)
    return np.asarray(
        psig * s**correlation.c / (correlation.a * r_mscf**correlation.b), dtype=np.float64
    )


def bean_size(
    q_liquid_stb_d: float,
    glr_scf_stb: float,
    p_wh_psia: float,
    correlation: ChokeCorrelation = GILBERT,
) -> float:
    """Bean size, 64ths of an inch, that passes a rate at a wellhead pressure."""
    psig = p_wh_psia - P_ATM_PSIA
    if psig <= 0:
        raise ValueError("wellhead pressure must exceed atmospheric")
    r = max(glr_scf_stb / 1000.0, 1e-12)
    return float((correlation.a * r**correlation.b * q_liquid_stb_d / psig) ** (1 / correlation.c))


def is_critical(p_wh_psia: ArrayLike, p_flowline_psia: ArrayLike) -> FloatArray:
    """True where Gilbert's critical-flow condition p_flowline / p_wh <= 1/1.7 holds."""
    return np.asarray(
        np.asarray(p_flowline_psia, dtype=np.float64)
        <= CRITICAL_PRESSURE_RATIO * np.asarray(p_wh_psia, dtype=np.float64)
    )
