"""Electrical submersible pump (ESP) as a pressure-boosting node in the tubing.

The catalogue curve gives head per stage against rate at a base frequency (60 Hz). At another
frequency f the pump affinity laws scale it (centrifugal pump similarity, constant diameter):

    q_f = q_60 (f / 60),    H_f = H_60 (f / 60)^2

so H_f(q) = (f/60)^2 H_60(q 60 / f). The pressure the pump adds is
stages * H_f(q_in-situ) * rho_liquid / 144 (psi, with H in ft and rho in lbm/ft3).

Simplifications, stated because they matter for gassy wells: the pump is rated on the in-situ
liquid rate at its intake, free gas passes through without degrading head (no gas
separator, no gas handling correction), and viscosity corrections are not applied. Between
catalogue points the curve is interpolated linearly; beyond the last point it is extrapolated
linearly, so head goes negative past the run-out rate and the pump becomes a restriction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from domain.engineering.flow.gradient import PSF_PER_PSI, FloatArray


@dataclass(frozen=True)
class PumpCurve:
    """Head per stage (ft) against in-situ rate (bbl/d) at ``base_hz``."""

    rates_bpd: tuple[float, ...]
    head_ft_per_stage: tuple[float, ...]
    base_hz: float = 60.0

    def __post_init__(self) -> None:
        q = np.asarray(self.rates_bpd, dtype=float)
        h = np.asarray(self.head_ft_per_stage, dtype=float)
        if q.size < 2 or q.shape != h.shape:
            raise ValueError("a pump curve needs at least two (rate, head) points")
        if np.any(np.diff(q) <= 0) or q[0] < 0:
            raise ValueError("pump-curve rates must be non-negative and increasing")

    @classmethod
    def from_points(
        cls,
        rates_bpd: Sequence[float],
        head_ft_per_stage: Sequence[float],
        base_hz: float = 60.0,
    ) -> PumpCurve:
        """Build from any sequences."""
        return cls(tuple(map(float, rates_bpd)), tuple(map(float, head_ft_per_stage)), base_hz)

    def _head_base(self, q: FloatArray) -> FloatArray:
        qs = np.asarray(self.rates_bpd)
        hs = np.asarray(self.head_ft_per_stage)
        h = np.interp(q, qs, hs)
        slope = (hs[-1] - hs[-2]) / (qs[-1] - qs[-2])
        return np.asarray(np.where(q > qs[-1], hs[-1] + slope * (q - qs[-1]), h))

    def head(self, q_bpd: ArrayLike, hz: float | None = None) -> FloatArray:
        """Head per stage, ft, at in-situ rate ``q_bpd`` and frequency ``hz`` (affinity laws)."""
        f = self.base_hz if hz is None else float(hz)
        if f <= 0:
            raise ValueError("frequency must be positive")
        ratio = f / self.base_hz
        q = np.asarray(q_bpd, dtype=np.float64)
        return np.asarray(ratio**2 * self._head_base(q / ratio), dtype=np.float64)


@dataclass(frozen=True)
class EspPump:
    """A pump of ``stages`` stages set at ``setting_md_ft``."""

    curve: PumpCurve
    stages: int
    setting_md_ft: float

    def __post_init__(self) -> None:
        if self.stages < 1 or self.setting_md_ft <= 0:
            raise ValueError("need at least one stage and a positive setting depth")

    def pressure_gain_psi(
        self, q_in_situ_bpd: ArrayLike, rho_liquid_lbft3: ArrayLike, hz: float
    ) -> FloatArray:
        """Pressure added by the pump, psi: stages * head * rho / 144."""
        head = self.curve.head(q_in_situ_bpd, hz) * self.stages
        return np.asarray(head * np.asarray(rho_liquid_lbft3) / PSF_PER_PSI, dtype=np.float64)
