"""Rate–time decline models: Arps (exponential, harmonic, hyperbolic), modified hyperbolic,
Duong, stretched exponential.

Conventions shared by every model, so that they can be swapped in a fit or a forecast:

* ``t`` is elapsed time in **days** since the model's time zero (scalar or numpy array; the
  result has the same shape). Negative times are outside the model and give ``nan``.
* rates are volume/day (bbl/d, Mscf/d, m³/d: the models do not care, the units carry through);
  cumulative volumes are in the same volume unit.
* decline parameters are **nominal per year** (``D = -d ln q/dt``, see
  :mod:`.conversions` for effective declines); :meth:`DeclineModel.decline` also answers per
  year. Internally everything runs per day.

Every model has a closed-form cumulative (the incomplete gamma function for the stretched
exponential), so no numerical integration is needed; the tests check each one against
``scipy.integrate.quad`` of the rate and against petbox-dca.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass, fields

import numpy as np
import numpy.typing as npt
from scipy.optimize import brentq
from scipy.special import gamma, gammainc

from .conversions import B_ZERO, DAYS_PER_YEAR, nominal_from_secant, nominal_from_tangent

FloatArray = npt.NDArray[np.float64]


def _days(t: npt.ArrayLike) -> FloatArray:
    """Elapsed days as float64; negative times become nan (outside every model)."""
    a = np.asarray(t, dtype=np.float64)
    return np.where(a < 0.0, np.nan, a)


def _log1p_bz_over_b(b: float, z: FloatArray) -> FloatArray:
    """``ln(1 + b·z)/b``, continuous through ``b → 0`` (where it tends to ``z``)."""
    if b <= B_ZERO:
        return z
    return np.log1p(b * z) / b


def arps_log_ratio(d: float, b: float, t: FloatArray) -> FloatArray:
    """``ln(q/qi)`` of Arps' hyperbolic with nominal decline ``d`` per day, exponent ``b``."""
    return -_log1p_bz_over_b(b, d * t)


def arps_cum(qi: float, d: float, b: float, t: FloatArray) -> FloatArray:
    """Arps cumulative from 0 to ``t`` (``d`` per day), stable near ``b = 0`` and ``b = 1``.

    Hyperbolic ``qi/((1-b)d)·(1 - (q/qi)^(1-b))`` written with ``expm1``/``log1p`` so that it
    loses no digits as ``b → 1`` (harmonic ``qi/d·ln(1 + d t)``) or ``b → 0`` (exponential
    ``qi/d·(1 - e^(-d t))``).
    """
    if b <= B_ZERO:
        return qi / d * -np.expm1(-d * t)
    if b == 1.0:
        return qi / d * np.log1p(d * t)
    with np.errstate(over="ignore"):
        return qi / ((1.0 - b) * d) * -np.expm1(-(1.0 - b) / b * np.log1p(b * d * t))


class DeclineModel(ABC):
    """A rate–time model: rate, cumulative, decline and b as functions of elapsed days."""

    name: str = ""

    @abstractmethod
    def rate(self, t: npt.ArrayLike) -> FloatArray:
        """Rate q(t), volume/day."""

    @abstractmethod
    def cum(self, t: npt.ArrayLike) -> FloatArray:
        """Cumulative volume produced from time zero to ``t``."""

    @abstractmethod
    def decline(self, t: npt.ArrayLike) -> FloatArray:
        """Instantaneous nominal decline ``-d ln q/dt``, 1/year."""

    @abstractmethod
    def b_factor(self, t: npt.ArrayLike) -> FloatArray:
        """Instantaneous Arps exponent ``b(t) = d(1/D)/dt`` (dimensionless)."""

    @abstractmethod
    def time_to_rate(self, q: float) -> float:
        """Days until the rate has fallen to ``q`` for good (0 if already there, inf if never)."""

    @property
    def params(self) -> dict[str, float]:
        """The model's parameters by name, in the units of its fields."""
        return {f.name: float(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]

    def eur(self, q_limit: float = 0.0, t_max: float = math.inf) -> float:
        """Volume from time zero until the rate reaches ``q_limit`` or ``t_max`` days.

        Raises ``ValueError`` when neither bounds the volume (e.g. Arps with b ≥ 1 and no
        economic limit), rather than returning infinity quietly.
        """
        t_end = min(self.time_to_rate(q_limit) if q_limit > 0 else math.inf, t_max)
        volume = float(self.cum(t_end))
        if not math.isfinite(volume):
            raise ValueError(f"{self.name}: unbounded volume; give an economic limit or t_max")
        return volume


def _check_positive(**values: float) -> None:
    for key, v in values.items():
        if not (math.isfinite(v) and v > 0):
            raise ValueError(f"{key} must be a finite number > 0 (got {v})")


@dataclass(frozen=True)
class Hyperbolic(DeclineModel):
    """Arps hyperbolic decline ``q = qi·(1 + b·Di·t)^(-1/b)``.

    Arps, J.J. 1945. "Analysis of Decline Curves". Trans. AIME 160: 228–247 (SPE-945228-G).
    ``b = 0`` is the exponential and ``b = 1`` the harmonic limit; both are handled exactly.
    b > 1 (transient, unconventional wells) gives an unbounded cumulative without an economic
    limit or terminal decline (see :class:`ModifiedHyperbolic`).

    qi: rate at t = 0, volume/day. di: initial nominal decline, 1/year. b: exponent, ≥ 0.
    """

    qi: float
    di: float
    b: float
    name = "hyperbolic"

    def __post_init__(self) -> None:
        _check_positive(qi=self.qi, di=self.di)
        if not (math.isfinite(self.b) and self.b >= 0):
            raise ValueError(f"b must be >= 0 (got {self.b})")

    @classmethod
    def from_effective(cls, qi: float, de: float, b: float) -> Hyperbolic:
        """From a secant effective initial decline per year (the reserves-report figure)."""
        return cls(qi, float(nominal_from_secant(de, b)), b)

    @property
    def _d(self) -> float:
        return self.di / DAYS_PER_YEAR

    def rate(self, t: npt.ArrayLike) -> FloatArray:
        return self.qi * np.exp(arps_log_ratio(self._d, self.b, _days(t)))

    def cum(self, t: npt.ArrayLike) -> FloatArray:
        return arps_cum(self.qi, self._d, self.b, _days(t))

    def decline(self, t: npt.ArrayLike) -> FloatArray:
        return self.di / (1.0 + self.b * self._d * _days(t))

    def b_factor(self, t: npt.ArrayLike) -> FloatArray:
        return np.full_like(_days(t), self.b)

    def time_to_rate(self, q: float) -> float:
        if q >= self.qi:
            return 0.0
        if q <= 0:
            return math.inf
        log_ratio = math.log(self.qi / q)
        if self.b <= B_ZERO:
            return log_ratio / self._d
        return math.expm1(self.b * log_ratio) / (self.b * self._d)


@dataclass(frozen=True)
class Exponential(Hyperbolic):
    """Arps exponential (constant-percentage) decline ``q = qi·exp(-Di·t)`` (Arps 1945).

    qi: rate at t = 0, volume/day. di: nominal decline, 1/year (b is fixed at 0).
    """

    b: float = 0.0
    name = "exponential"

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.b != 0.0:
            raise ValueError("an exponential decline has b = 0")

    @property
    def params(self) -> dict[str, float]:
        return {"qi": self.qi, "di": self.di}


@dataclass(frozen=True)
class Harmonic(Hyperbolic):
    """Arps harmonic decline ``q = qi/(1 + Di·t)``, the b = 1 hyperbolic (Arps 1945).

    Its cumulative grows without bound (logarithmically): give an economic limit.
    qi: rate at t = 0, volume/day. di: initial nominal decline, 1/year.
    """

    b: float = 1.0
    name = "harmonic"

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.b != 1.0:
            raise ValueError("a harmonic decline has b = 1")

    @property
    def params(self) -> dict[str, float]:
        return {"qi": self.qi, "di": self.di}


@dataclass(frozen=True)
class ModifiedHyperbolic(DeclineModel):
    """Hyperbolic until the decline falls to ``dlim``, exponential at ``dlim`` after.

    Robertson, S. 1988. "Generalized Hyperbolic Equation". SPE-18731-MS; the "modified
    hyperbolic" with a limiting (terminal) decline as used in reserves practice (e.g. Fekete /
    IHS Harmony, SPEE Monograph 4). It keeps the early b > 1 shape of a fractured well while
    bounding its EUR. The switch is where ``Di/(1 + b·Di·t) = Dlim``:
    ``t_sw = (1/Dlim - 1/Di)/b``; rate, cumulative and decline are continuous there.

    qi: volume/day at t = 0. di: initial nominal decline, 1/year. b ≥ 0. dlim: terminal
    nominal decline, 1/year, 0 ≤ dlim ≤ di (0 means a plain hyperbolic).
    """

    qi: float
    di: float
    b: float
    dlim: float
    name = "modified_hyperbolic"

    def __post_init__(self) -> None:
        _check_positive(qi=self.qi, di=self.di)
        if not (math.isfinite(self.b) and self.b >= 0):
            raise ValueError(f"b must be >= 0 (got {self.b})")
        if not (math.isfinite(self.dlim) and 0 <= self.dlim <= self.di):
            raise ValueError(f"dlim must be within [0, di] (got {self.dlim}, di={self.di})")

    @classmethod
    def from_effective(
        cls, qi: float, de: float, b: float, dlim_effective: float
    ) -> ModifiedHyperbolic:
        """From a secant effective initial decline and an effective (exponential) terminal
        decline, both per year: the way they are quoted in reserves reports."""
        return cls(
            qi, float(nominal_from_secant(de, b)), b, float(nominal_from_tangent(dlim_effective))
        )

    @property
    def switch_time(self) -> float:
        """Days at which the decline reaches ``dlim`` (inf if it never does)."""
        if self.dlim <= 0:
            return math.inf
        if self.b <= B_ZERO:
            return 0.0 if self.di <= self.dlim else math.inf
        return (1.0 / self.dlim - 1.0 / self.di) / self.b * DAYS_PER_YEAR

    @property
    def _d(self) -> float:
        return self.di / DAYS_PER_YEAR

    def _switch(self) -> tuple[float, float, float]:
        """(t_sw, q_sw, N_sw): where the exponential tail takes over."""
        t_sw = self.switch_time
        if not math.isfinite(t_sw):
            return t_sw, 0.0, math.inf
        t = np.array(t_sw)
        q_sw = float(self.qi * np.exp(arps_log_ratio(self._d, self.b, t)))
        return t_sw, q_sw, float(arps_cum(self.qi, self._d, self.b, t))

    def rate(self, t: npt.ArrayLike) -> FloatArray:
        tt = _days(t)
        hyper = self.qi * np.exp(arps_log_ratio(self._d, self.b, tt))
        t_sw, q_sw, _ = self._switch()
        if not math.isfinite(t_sw):
            return hyper
        with np.errstate(invalid="ignore", over="ignore"):  # the tail before t_sw is discarded
            tail = q_sw * np.exp(-self.dlim / DAYS_PER_YEAR * (tt - t_sw))
            return np.where(tt < t_sw, hyper, tail)

    def cum(self, t: npt.ArrayLike) -> FloatArray:
        tt = _days(t)
        hyper = arps_cum(self.qi, self._d, self.b, tt)
        t_sw, q_sw, n_sw = self._switch()
        if not math.isfinite(t_sw):
            return hyper
        d_lim = self.dlim / DAYS_PER_YEAR
        with np.errstate(invalid="ignore", over="ignore"):
            tail = n_sw + q_sw / d_lim * -np.expm1(-d_lim * (tt - t_sw))
            return np.where(tt < t_sw, hyper, tail)

    def decline(self, t: npt.ArrayLike) -> FloatArray:
        tt = _days(t)
        # the hyperbolic decline only falls with time, so the switch is simply a floor
        return np.maximum(self.di / (1.0 + self.b * self._d * tt), self.dlim)

    def b_factor(self, t: npt.ArrayLike) -> FloatArray:
        tt = _days(t)
        return np.where(tt < self.switch_time, self.b, 0.0) + 0.0 * tt

    def time_to_rate(self, q: float) -> float:
        if q >= self.qi:
            return 0.0
        if q <= 0:
            return math.inf
        t_sw, q_sw, _ = self._switch()
        if q >= q_sw:
            return Hyperbolic(self.qi, self.di, self.b).time_to_rate(q)
        return t_sw + math.log(q_sw / q) / (self.dlim / DAYS_PER_YEAR)


@dataclass(frozen=True)
class Duong(DeclineModel):
    """Duong's model for fracture-dominated flow in shale wells.

    Duong, A.N. 2011. "Rate-Decline Analysis for Fracture-Dominated Shale Reservoirs".
    SPE Res Eval & Eng 14(3): 377–387, SPE-137748-PA.
    ``q = q1·t^(-m)·exp(a/(1-m)·(t^(1-m) - 1))`` and ``N = q/(a·t^(-m))`` (the relation
    ``q/N = a·t^(-m)`` the method is built on); without Duong's optional ``q∞`` term.

    ``t`` in days, so ``q1`` is the rate at day 1 (volume/day) and ``a`` has units of
    day^(m-1): parameters fitted with months as the time unit are not interchangeable. m > 1
    is required: it is what Duong observed for shale wells, and for m ≤ 1 the rate eventually
    rises again and the EUR is unbounded. For m > 1 the rate first rises to a peak at
    ``t = (a/m)^(1/(m-1))`` (usually within the first days), then declines as ~ t^(-m).
    """

    q1: float
    a: float
    m: float
    name = "duong"

    def __post_init__(self) -> None:
        _check_positive(q1=self.q1, a=self.a)
        if not (math.isfinite(self.m) and self.m > 1.0):
            raise ValueError(f"Duong's m must be > 1 (got {self.m})")

    def _log_rate_ratio(self, t: FloatArray) -> FloatArray:
        """``ln(q/q1) = -m ln t + a/(1-m)·(t^(1-m) - 1)``; -inf at t = 0."""
        s = 1.0 - self.m
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            lt = np.log(t)
            arg = self.a / s * np.expm1(s * lt)
            return np.where(t == 0.0, -np.inf, -self.m * lt + arg)

    def rate(self, t: npt.ArrayLike) -> FloatArray:
        return self.q1 * np.exp(self._log_rate_ratio(_days(t)))

    def cum(self, t: npt.ArrayLike) -> FloatArray:
        tt = _days(t)
        s = 1.0 - self.m
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            arg = self.a / s * np.expm1(s * np.log(tt))
        return self.q1 / self.a * np.exp(arg)  # arg → -inf as t → 0 because m > 1

    @property
    def eur_unlimited(self) -> float:
        """Volume to infinite time, ``q1/a·exp(a/(m-1))``: finite because m > 1."""
        return self.q1 / self.a * math.exp(self.a / (self.m - 1.0))

    def _decline_per_day(self, t: FloatArray) -> FloatArray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return self.m / t - self.a * t ** (-self.m)

    def decline(self, t: npt.ArrayLike) -> FloatArray:
        return self._decline_per_day(_days(t)) * DAYS_PER_YEAR

    def b_factor(self, t: npt.ArrayLike) -> FloatArray:
        tt = _days(t)
        d = self._decline_per_day(tt)
        with np.errstate(divide="ignore", invalid="ignore"):
            d_dot = -self.m / tt**2 + self.a * self.m * tt ** (-self.m - 1.0)
            return -d_dot / (d * d)

    @property
    def peak_time(self) -> float:
        """Days at which the rate peaks (decline crosses zero)."""
        return (self.a / self.m) ** (1.0 / (self.m - 1.0))

    def time_to_rate(self, q: float) -> float:
        if q <= 0:
            return math.inf
        t_pk = self.peak_time
        if q >= float(self.rate(t_pk)):
            return 0.0

        def excess(t: float) -> float:
            return float(self._log_rate_ratio(np.array(t))) - math.log(q / self.q1)

        hi = max(2.0 * t_pk, 1.0)
        while excess(hi) > 0:
            hi *= 4.0
        return float(brentq(excess, t_pk, hi, xtol=1e-9, rtol=1e-13))


@dataclass(frozen=True)
class StretchedExponential(DeclineModel):
    """Stretched-exponential production decline (SEPD) ``q = qi·exp(-(t/τ)^n)``.

    Valkó, P.P. 2009. "Assigning Value to Stimulation in the Barnett Shale". SPE-119369-MS;
    Valkó, P.P. and Lee, W.J. 2010. "A Better Way to Forecast Production from
    Unconventional Gas Wells". SPE-134231-MS. Cumulative (closed form)
    ``N(t) = qi·τ/n·γ(1/n, (t/τ)^n)`` with γ the lower incomplete gamma function, so the EUR
    to infinite time is ``qi·τ/n·Γ(1/n)``: SEPD is bounded without a terminal decline.

    qi: volume/day at t = 0. tau: characteristic time, days. n: exponent in (0, 1]
    (n = 1 is the exponential with D = 1/τ).
    """

    qi: float
    tau: float
    n: float
    name = "stretched_exponential"

    def __post_init__(self) -> None:
        _check_positive(qi=self.qi, tau=self.tau)
        if not (0.0 < self.n <= 1.0):
            raise ValueError(f"SEPD's n must be within (0, 1] (got {self.n})")

    def rate(self, t: npt.ArrayLike) -> FloatArray:
        return self.qi * np.exp(-((_days(t) / self.tau) ** self.n))

    def cum(self, t: npt.ArrayLike) -> FloatArray:
        x = (_days(t) / self.tau) ** self.n
        return self.eur_unlimited * gammainc(1.0 / self.n, x)

    @property
    def eur_unlimited(self) -> float:
        """Volume to infinite time, ``qi·τ/n·Γ(1/n)`` (Valkó & Lee 2010)."""
        return float(self.qi * self.tau / self.n * gamma(1.0 / self.n))

    def decline(self, t: npt.ArrayLike) -> FloatArray:
        with np.errstate(divide="ignore"):
            d = self.n / self.tau * (_days(t) / self.tau) ** (self.n - 1.0)
        return d * DAYS_PER_YEAR

    def b_factor(self, t: npt.ArrayLike) -> FloatArray:
        with np.errstate(divide="ignore"):
            return (1.0 - self.n) / self.n * (_days(t) / self.tau) ** (-self.n)

    def time_to_rate(self, q: float) -> float:
        if q >= self.qi:
            return 0.0
        if q <= 0:
            return math.inf
        return self.tau * math.log(self.qi / q) ** (1.0 / self.n)
