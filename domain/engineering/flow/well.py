"""Well description for outflow calculations: trajectory and tubing, temperature, production.

Depths in ft (MD along hole, TVD vertical, both from the wellhead), tubing ID and roughness in
inches, temperatures in degF, gas ratios in scf/STB, water cut as a fraction of stock-tank
liquid.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from domain.engineering.flow.gradient import FloatArray

DEFAULT_ROUGHNESS_IN = 0.0006  # new steel tubing, 0.00005 ft (Brill & Mukherjee 1999)


@dataclass(frozen=True)
class Wellbore:
    """Flow path from the wellhead (MD 0) to the mid-perforations (last station).

    ``md_ft`` and ``tvd_ft`` are survey stations; between stations the hole is straight, so
    the angle from horizontal of each interval is asin(dTVD / dMD). One tubing ID all the way
    (flow up the tubing).
    """

    md_ft: tuple[float, ...]
    tvd_ft: tuple[float, ...]
    tubing_id_in: float
    roughness_in: float = DEFAULT_ROUGHNESS_IN

    def __post_init__(self) -> None:
        md = np.asarray(self.md_ft, dtype=float)
        tvd = np.asarray(self.tvd_ft, dtype=float)
        if md.size < 2 or md.shape != tvd.shape:
            raise ValueError("need at least two survey stations with MD and TVD each")
        if md[0] != 0.0 or tvd[0] != 0.0:
            raise ValueError("the first station is the wellhead: MD 0, TVD 0")
        dmd = np.diff(md)
        if np.any(dmd <= 0):
            raise ValueError("MD must increase strictly")
        if np.any(np.abs(np.diff(tvd)) > dmd * (1 + 1e-9)):
            raise ValueError("a TVD change cannot exceed its MD change")
        if self.tubing_id_in <= 0 or self.roughness_in < 0:
            raise ValueError("tubing ID must be positive and roughness non-negative")

    @classmethod
    def vertical(
        cls, depth_ft: float, tubing_id_in: float, roughness_in: float = DEFAULT_ROUGHNESS_IN
    ) -> Wellbore:
        """A vertical well to ``depth_ft``."""
        return cls((0.0, float(depth_ft)), (0.0, float(depth_ft)), tubing_id_in, roughness_in)

    @classmethod
    def from_inclination(
        cls,
        md_ft: Sequence[float],
        inclination_deg: Sequence[float],
        tubing_id_in: float,
        roughness_in: float = DEFAULT_ROUGHNESS_IN,
    ) -> Wellbore:
        """From a survey of MD and inclination from vertical (balanced tangential TVD)."""
        md = np.asarray(md_ft, dtype=float)
        inc = np.radians(np.asarray(inclination_deg, dtype=float))
        if md.size != inc.size:
            raise ValueError("MD and inclination need the same number of stations")
        if md[0] != 0.0:
            md = np.concatenate([[0.0], md])
            inc = np.concatenate([[inc[0]], inc])
        dtvd = np.diff(md) * 0.5 * (np.cos(inc[:-1]) + np.cos(inc[1:]))
        tvd = np.concatenate([[0.0], np.cumsum(dtvd)])
        return cls(tuple(md.tolist()), tuple(tvd.tolist()), tubing_id_in, roughness_in)

    @property
    def depth_md_ft(self) -> float:
        """Measured depth of the bottom node (mid-perforations)."""
        return float(self.md_ft[-1])

    @property
    def depth_tvd_ft(self) -> float:
        """True vertical depth of the bottom node."""
        return float(self.tvd_ft[-1])

    @property
    def d_ft(self) -> float:
        """Tubing ID in feet."""
        return self.tubing_id_in / 12.0

    @property
    def area_ft2(self) -> float:
        """Tubing flow area, ft2."""
        return math.pi * self.d_ft**2 / 4.0

    @property
    def roughness_ft(self) -> float:
        """Absolute roughness in feet."""
        return self.roughness_in / 12.0

    def tvd_at(self, md_ft: float | FloatArray) -> FloatArray:
        """TVD at measured depths (linear between stations)."""
        return np.asarray(np.interp(md_ft, self.md_ft, self.tvd_ft), dtype=np.float64)


@dataclass(frozen=True)
class TemperatureProfile:
    """Flowing temperature, linear in TVD: T = wellhead + gradient * TVD.

    A linear profile between a measured wellhead and bottomhole temperature is the usual
    nodal-analysis assumption; it ignores the rate dependence of heat loss.
    """

    wellhead_degf: float
    gradient_degf_per_ft: float

    @classmethod
    def between(
        cls, wellhead_degf: float, bottomhole_degf: float, bottom_tvd_ft: float
    ) -> TemperatureProfile:
        """Linear between a wellhead and a bottomhole temperature."""
        if bottom_tvd_ft <= 0:
            raise ValueError("bottom TVD must be positive")
        return cls(wellhead_degf, (bottomhole_degf - wellhead_degf) / bottom_tvd_ft)

    def at(self, tvd_ft: float) -> float:
        """Temperature, degF, at a TVD."""
        return self.wellhead_degf + self.gradient_degf_per_ft * tvd_ft


@dataclass(frozen=True)
class Production:
    """What the well produces, per STB of stock-tank liquid.

    ``gor_scf_stb`` is the producing (formation) gas-oil ratio. ``glr_total_scf_stb``, when
    given, is the total gas-liquid ratio above the gas-lift injection point (formation plus
    lift gas, the usual way gas-lift sensitivities are run); it must be at least the formation
    GLR = GOR (1 - water cut). ``injection_md_ft`` is the injection depth; None means at the
    bottom (the whole tubing carries the total GLR).
    """

    gor_scf_stb: float
    water_cut: float = 0.0
    glr_total_scf_stb: float | None = None
    injection_md_ft: float | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.water_cut <= 1.0:
            raise ValueError("water cut is a fraction in [0, 1]")
        if self.gor_scf_stb < 0:
            raise ValueError("GOR cannot be negative")
        if self.glr_total_scf_stb is not None and (
            self.glr_total_scf_stb < self.formation_glr_scf_stb * (1 - 1e-9)
        ):
            raise ValueError("total GLR is below the formation GLR")

    @property
    def formation_glr_scf_stb(self) -> float:
        """Formation gas per STB of liquid: GOR (1 - water cut)."""
        return self.gor_scf_stb * (1.0 - self.water_cut)

    @property
    def lifted_glr_scf_stb(self) -> float:
        """GLR above the injection point (the formation GLR when there is no lift gas)."""
        if self.glr_total_scf_stb is None:
            return self.formation_glr_scf_stb
        return max(self.glr_total_scf_stb, self.formation_glr_scf_stb)
