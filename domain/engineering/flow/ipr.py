"""Inflow performance relationships (IPR): what the reservoir delivers at each flowing pressure.

Units: pressures in psia, rates in STB/d (oil, or total liquid when the water cut is carried
along with it, as production engineers usually do), productivity index in STB/d/psi.

Every model offers both directions, vectorised over numpy arrays:

- ``rate(pwf)``: the inflow rate at a bottomhole flowing pressure;
- ``pwf(q)``: the bottomhole flowing pressure that gives a rate;

plus ``pr_psia`` and ``qmax_stb_d`` (absolute open flow, the rate at pwf = 0). Pressures above
the reservoir pressure give a negative rate for the linear part (injection) but are clipped to
zero rate by ``rate``; rates above ``qmax`` map to pwf = 0. Nodal analysis relies on these
clips to keep root brackets well defined.

Sources:

- Vogel, J.V. "Inflow Performance Relationships for Solution-Gas Drive Wells", JPT Jan. 1968,
  83-92 (SPE-1476-PA).
- Fetkovich, M.J. "The Isochronal Testing of Oil Wells", SPE-4529-MS, 1973.
- Composite (straight-line PI above the bubble point, Vogel below), as given by Standing,
  M.B. "Inflow Performance Relationships for Damaged Wells Producing by Solution-Gas Drive",
  JPT Nov. 1970, and in Beggs, H.D. "Production Optimization Using Nodal Analysis", OGCI 1991,
  ch. 2; Ahmed, T. "Reservoir Engineering Handbook", ch. "Oil Well Performance".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

# Vogel's constant 1.8 = 1 / (1 - 0.2 - 0.8 / 2) comes from dq/dpwf of the Vogel curve at
# pwf = pb matching the straight-line PI (Standing's composite construction).
_VOGEL_SLOPE = 1.8


@runtime_checkable
class InflowModel(Protocol):
    """What nodal analysis needs from an IPR: both directions and the end points."""

    @property
    def pr_psia(self) -> float: ...

    @property
    def qmax_stb_d(self) -> float: ...

    def rate(self, pwf_psia: ArrayLike) -> FloatArray: ...

    def pwf(self, q_stb_d: ArrayLike) -> FloatArray: ...


def _arr(x: ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def vogel_fraction(pwf_over_pr: ArrayLike) -> FloatArray:
    """Vogel's dimensionless rate q/qmax = 1 - 0.2 x - 0.8 x^2, x = pwf/pr (clipped to [0, 1])."""
    x = np.clip(_arr(pwf_over_pr), 0.0, 1.0)
    return 1.0 - 0.2 * x - 0.8 * x * x


def vogel_inverse(q_over_qmax: ArrayLike) -> FloatArray:
    """pwf/pr for a Vogel rate fraction: the positive root of 0.8 x^2 + 0.2 x - (1 - y) = 0.

    Written as 0.125 (sqrt(81 - 80 y) - 1), which is exact and avoids cancellation.
    """
    y = np.clip(_arr(q_over_qmax), 0.0, 1.0)
    return 0.125 * (np.sqrt(81.0 - 80.0 * y) - 1.0)


def _scalar_or_array(values: FloatArray, like: ArrayLike) -> FloatArray:
    # Keep 0-d inputs 0-d so that float(ipr.rate(2000.0)) reads naturally.
    return values.reshape(np.shape(like))


@dataclass(frozen=True)
class VogelIPR:
    """Vogel (1968) IPR for a saturated (pr <= pb) solution-gas-drive reservoir.

    q = qmax [1 - 0.2 (pwf/pr) - 0.8 (pwf/pr)^2]. Vogel's equation works on the pressure
    ratio, so gauge or absolute pressures give slightly different curves; use psia throughout
    (published examples in psig are reproduced exactly when their psig values are passed in).
    """

    pr_psia: float
    qmax_stb_d: float

    def __post_init__(self) -> None:
        if self.pr_psia <= 0 or self.qmax_stb_d <= 0:
            raise ValueError("reservoir pressure and qmax must be positive")

    @classmethod
    def from_test(cls, pr_psia: float, q_stb_d: float, pwf_psia: float) -> VogelIPR:
        """Fit qmax to one stabilised test (q at pwf)."""
        if not 0 <= pwf_psia < pr_psia:
            raise ValueError("test pwf must lie in [0, pr)")
        if q_stb_d <= 0:
            raise ValueError("test rate must be positive")
        frac = float(vogel_fraction(pwf_psia / pr_psia))
        return cls(pr_psia, q_stb_d / frac)

    def rate(self, pwf_psia: ArrayLike) -> FloatArray:
        """Inflow rate, STB/d, at each bottomhole flowing pressure."""
        pwf = _arr(pwf_psia)
        return _scalar_or_array(self.qmax_stb_d * vogel_fraction(pwf / self.pr_psia), pwf)

    def pwf(self, q_stb_d: ArrayLike) -> FloatArray:
        """Bottomhole flowing pressure, psia, that yields each rate."""
        q = _arr(q_stb_d)
        return _scalar_or_array(self.pr_psia * vogel_inverse(q / self.qmax_stb_d), q)


@dataclass(frozen=True)
class FetkovichIPR:
    """Fetkovich (1973) back-pressure IPR: q = C (pr^2 - pwf^2)^n.

    ``c`` in STB/d/psi^(2n); ``n`` between about 0.5 (strong non-Darcy / turbulence) and 1.0.
    Fetkovich derived it from isochronal tests on oil wells, by analogy with the gas-well
    back-pressure equation.
    """

    pr_psia: float
    c: float
    n: float

    def __post_init__(self) -> None:
        if self.pr_psia <= 0 or self.c <= 0 or self.n <= 0:
            raise ValueError("pr, C and n must be positive")

    @classmethod
    def from_tests(
        cls,
        pr_psia: float,
        q_stb_d: Sequence[float] | FloatArray,
        pwf_psia: Sequence[float] | FloatArray,
    ) -> FetkovichIPR:
        """Least-squares line through log q vs log(pr^2 - pwf^2) of a multi-rate test.

        The textbooks draw this line by eye on log-log paper; least squares is the
        reproducible equivalent. Two points give the line exactly.
        """
        q = _arr(q_stb_d)
        pwf = _arr(pwf_psia)
        if q.shape != pwf.shape or q.size < 2:
            raise ValueError("need at least two (q, pwf) test points of the same length")
        dp2 = pr_psia**2 - pwf**2
        if np.any(dp2 <= 0) or np.any(q <= 0):
            raise ValueError("test points need 0 < pwf < pr and q > 0")
        n, log_c = np.polyfit(np.log10(dp2), np.log10(q), 1)
        return cls(pr_psia, float(10.0**log_c), float(n))

    @property
    def qmax_stb_d(self) -> float:
        """Absolute open flow: C pr^(2n)."""
        return float(self.c * self.pr_psia ** (2.0 * self.n))

    def rate(self, pwf_psia: ArrayLike) -> FloatArray:
        """Inflow rate, STB/d, at each bottomhole flowing pressure."""
        pwf = np.clip(_arr(pwf_psia), 0.0, self.pr_psia)
        return _scalar_or_array(self.c * (self.pr_psia**2 - pwf**2) ** self.n, pwf)

    def pwf(self, q_stb_d: ArrayLike) -> FloatArray:
        """Bottomhole flowing pressure, psia, that yields each rate."""
        q = np.clip(_arr(q_stb_d), 0.0, self.qmax_stb_d)
        dp2 = (q / self.c) ** (1.0 / self.n)
        return _scalar_or_array(np.sqrt(np.maximum(self.pr_psia**2 - dp2, 0.0)), q)


@dataclass(frozen=True)
class CompositeIPR:
    """Straight-line PI above the bubble point, Vogel below it (Standing's composite IPR).

    q = J (pr - pwf)                                   for pwf >= pb
    q = qb + (J pb / 1.8) [1 - 0.2 (pwf/pb) - 0.8 (pwf/pb)^2]   for pwf < pb,
    qb = J (pr - pb), qmax = qb + J pb / 1.8.

    The 1.8 makes the two pieces meet with the same slope at pb. pb <= 0 gives a pure
    straight-line PI; pb >= pr gives Vogel with qmax = J pr / 1.8.
    """

    pr_psia: float
    pb_psia: float
    j_stb_d_psi: float

    def __post_init__(self) -> None:
        if self.pr_psia <= 0 or self.j_stb_d_psi <= 0:
            raise ValueError("pr and J must be positive")

    @property
    def _pb(self) -> float:
        # A bubble point above pr means the reservoir is saturated: Vogel from pr down; a
        # vanishing one is a plain PI line (and would only overflow pwf / pb).
        pb = min(max(self.pb_psia, 0.0), self.pr_psia)
        return pb if pb > 1e-9 * self.pr_psia else 0.0

    @classmethod
    def from_test(
        cls, pr_psia: float, pb_psia: float, q_stb_d: float, pwf_psia: float
    ) -> CompositeIPR:
        """Fit J to one test; the test may lie above or below the bubble point."""
        return cls(pr_psia, pb_psia, productivity_index(q_stb_d, pwf_psia, pr_psia, pb_psia))

    @property
    def qb_stb_d(self) -> float:
        """Rate at which pwf reaches the bubble point."""
        return self.j_stb_d_psi * (self.pr_psia - self._pb)

    @property
    def qmax_stb_d(self) -> float:
        """Absolute open flow."""
        return self.qb_stb_d + self.j_stb_d_psi * self._pb / _VOGEL_SLOPE

    def rate(self, pwf_psia: ArrayLike) -> FloatArray:
        """Inflow rate, STB/d, at each bottomhole flowing pressure."""
        pwf = np.clip(_arr(pwf_psia), 0.0, self.pr_psia)
        pb = self._pb
        linear = self.j_stb_d_psi * (self.pr_psia - pwf)
        if pb <= 0:
            return _scalar_or_array(linear, pwf)
        vogel = self.qb_stb_d + self.j_stb_d_psi * pb / _VOGEL_SLOPE * vogel_fraction(pwf / pb)
        return _scalar_or_array(np.where(pwf >= pb, linear, vogel), pwf)

    def pwf(self, q_stb_d: ArrayLike) -> FloatArray:
        """Bottomhole flowing pressure, psia, that yields each rate."""
        q = np.clip(_arr(q_stb_d), 0.0, self.qmax_stb_d)
        pb = self._pb
        linear = self.pr_psia - q / self.j_stb_d_psi
        if pb <= 0:
            return _scalar_or_array(np.maximum(linear, 0.0), q)
        vogel_span = self.j_stb_d_psi * pb / _VOGEL_SLOPE
        below = pb * vogel_inverse((q - self.qb_stb_d) / vogel_span)
        return _scalar_or_array(np.where(q <= self.qb_stb_d, linear, below), q)


def productivity_index(
    q_stb_d: float, pwf_psia: float, pr_psia: float, pb_psia: float | None = None
) -> float:
    """Productivity index J, STB/d/psi, from one stabilised test.

    Above the bubble point (or with ``pb_psia`` None) J = q / (pr - pwf). A test below the
    bubble point is interpreted with the composite IPR:
    J = q / [(pr - pb) + (pb / 1.8)(1 - 0.2 pwf/pb - 0.8 (pwf/pb)^2)].
    """
    if q_stb_d <= 0:
        raise ValueError("test rate must be positive")
    if not 0 <= pwf_psia < pr_psia:
        raise ValueError("test pwf must lie in [0, pr)")
    pb = 0.0 if pb_psia is None else min(max(pb_psia, 0.0), pr_psia)
    if pwf_psia >= pb:
        return q_stb_d / (pr_psia - pwf_psia)
    frac = float(vogel_fraction(pwf_psia / pb))
    return q_stb_d / ((pr_psia - pb) + pb / _VOGEL_SLOPE * frac)


def vogel_qmax(q_stb_d: float, pwf_psia: float, pr_psia: float) -> float:
    """Vogel's absolute open flow from one test: q / [1 - 0.2 x - 0.8 x^2], x = pwf/pr."""
    return VogelIPR.from_test(pr_psia, q_stb_d, pwf_psia).qmax_stb_d
