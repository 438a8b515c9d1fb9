"""Gas-reservoir material balance: OGIP (G) from the p/z line, or with water influx.

Volumetric (no aquifer) reservoirs: the p/z plot (Craft and Hawkins, *Applied Petroleum
Reservoir Engineering*, 1959, the chapter on single-phase gas reservoirs; Dake 1978 ch. 1;
Ahmed, *Reservoir Engineering Handbook*, ch. 13)::

    p/z = (p_i/z_i) (1 - G_p/G)

a straight line in G_p whose intercept on the G_p axis is G, and whose value at the abandonment
p/z gives the recoverable gas. When ``cw``/``cf`` are given, p/z is corrected for rock and
connate-water expansion as Ramagost and Farshad did ("p/z Abnormally Pressured Gas Reservoirs",
SPE 10125, 1981): ``p/z (1 - c_e (p_i - p))`` with ``c_e = (c_w S_wi + c_f)/(1 - S_wi)``.

With an aquifer, the Havlena-Odeh form (1963)::

    F = G_p B_g + W_p B_w = G (E_g + E_fw) + W_e,   E_g = B_g - B_gi,  E_fw = B_gi c_e (p_i - p)

fitted as ``F/E_t`` against ``W_e/E_t`` (intercept G, slope the factor on the aquifer
constant). The Cole plot (Cole, *Reservoir Engineering Manual*, 1969; with E_fw as in Pletcher,
SPE REE Feb. 2002), ``F/E_t`` against ``G_p``, is the diagnostic: flat for a volumetric
reservoir, rising with water influx, falling when pore/water compressibility is unaccounted
for or a weak aquifer supports the pressure (Pletcher 2002).

Units: pressure psia, G_p scf, W_p STB, B_g rb/scf, B_w rb/STB, temperature °F, time days.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

import numpy as np
import numpy.typing as npt

from . import _checks as chk
from ._checks import BoolArray, FloatArray
from ._fit import (
    FitQuality,
    PlotData,
    precision_warning,
    regress,
    volume_residuals,
    with_origin_nan,
)
from .aquifer import AquiferModel
from .drive import DriveIndices, drive_indices
from .oil import (
    AquiferTrial,
    aquifer_list,
    balance_warnings,
    influx_warnings,
    plot_r_squared,
    positive_on_used,
)

STANDARD_PRESSURE_PSIA = 14.7
STANDARD_TEMPERATURE_R = 519.67  # 60 °F
_FT3_PER_BBL = 5.614583

ZFactor = npt.ArrayLike | Callable[[float], float]
ColeShape = Literal["flat", "rising", "falling"]


def gas_fvf(pressure: npt.ArrayLike, z: npt.ArrayLike, temperature_f: float) -> FloatArray:
    """Gas formation volume factor, rb/scf: ``B_g = (p_sc/T_sc) z T / p / 5.615``.

    Standard conditions 14.7 psia and 60 °F (519.67 °R).
    """
    p = chk.column("pressure", pressure)
    zz = np.broadcast_to(np.asarray(z, dtype=np.float64), p.shape)
    t_r = float(temperature_f) + 459.67
    if not t_r > 0.0:
        raise ValueError(f"temperature_f must be above absolute zero, got {temperature_f!r}")
    chk.positive("pressure", p)
    return np.asarray(STANDARD_PRESSURE_PSIA / STANDARD_TEMPERATURE_R * zz * t_r / p / _FT3_PER_BBL)


@dataclass(frozen=True, eq=False)
class GasHistory:
    """Pressure and production of a gas reservoir, one row per survey; row 0 = initial.

    ``z`` is either one z-factor per row or a callable ``z(p)`` at reservoir temperature (for
    instance a correlation from the PVT library). ``bg`` (rb/scf) may be given directly;
    otherwise it is computed from z and ``temperature_f`` (one of the two is required).
    """

    pressure: npt.ArrayLike  # psia
    cum_gas: npt.ArrayLike  # G_p, scf
    z: ZFactor
    temperature_f: float | None = None  # °F
    bg: npt.ArrayLike | None = None  # rb/scf
    cum_water: npt.ArrayLike | None = None  # W_p, STB
    bw: npt.ArrayLike | None = None  # rb/STB (1.0 when not given)
    time_days: npt.ArrayLike | None = None

    def __post_init__(self) -> None:
        _columns(self)


class _Cols(NamedTuple):
    p: FloatArray
    gp: FloatArray
    z: FloatArray
    bg: FloatArray
    wp: FloatArray
    bw: FloatArray
    t: FloatArray | None


def z_values(z: ZFactor, pressure: FloatArray) -> FloatArray:
    """z per pressure from an array or a callable ``z(p)``."""
    if callable(z):
        vals = np.array([float(z(float(p))) for p in pressure])
        name = "z (from the z(p) callable)"
    else:
        vals = chk.column("z", z)
        name = "z"
    if len(vals) != len(pressure):
        raise ValueError(f"z has {len(vals)} rows, pressure has {len(pressure)}")
    chk.positive(name, vals)
    return vals


def _columns(h: GasHistory) -> _Cols:
    p = chk.column("pressure", h.pressure)
    gp = chk.column("cum_gas", h.cum_gas)
    cols, n = chk.gather(
        {"pressure": p, "cum_gas": gp},
        (("bg", h.bg), ("cum_water", h.cum_water), ("bw", h.bw), ("time_days", h.time_days)),
    )
    chk.positive("pressure", p)
    chk.cumulative("cum_gas", gp)
    z = z_values(h.z, p)
    bg = cols.get("bg")
    if bg is not None:
        chk.positive("bg", bg)
    elif h.temperature_f is not None:
        bg = gas_fvf(p, z, h.temperature_f)
    else:
        raise ValueError("give bg, or temperature_f to compute it from z")
    wp = cols.get("cum_water", np.zeros(n))
    bw = cols.get("bw", np.ones(n))
    chk.cumulative("cum_water", wp)
    chk.positive("bw", bw)
    t = cols.get("time_days")
    if t is not None:
        chk.strictly_increasing("time_days", t)
    return _Cols(p, gp, z, bg, wp, bw, t)


@dataclass(frozen=True, eq=False)
class GasTerms:
    """Balance terms per row: ``p_over_z`` (psia, compressibility-corrected when c_e > 0),
    ``bg`` (rb/scf), ``f`` = G_p B_g + W_p B_w
    (rb), ``eg`` = B_g - B_gi and ``efw`` = B_gi c_e (p_i - p) (rb/scf)."""

    p_over_z: FloatArray
    bg: FloatArray
    f: FloatArray
    eg: FloatArray
    efw: FloatArray

    @property
    def et(self) -> FloatArray:
        """E_g + E_fw, rb/scf."""
        return np.asarray(self.eg + self.efw)


@dataclass(frozen=True, eq=False)
class GasResult:
    """Answer of :func:`estimate_ogip`.

    ``plot`` is the plot that determined G (p/z for a volumetric reservoir, Havlena-Odeh with
    an aquifer); ``pz_plot`` and ``cole_plot`` are always filled. ``apparent_ogip`` is the
    p/z-line extrapolation, which over-states G when water comes in. ``recoverable_gas`` and
    ``recovery_factor`` (at the abandonment pressure) are given for volumetric reservoirs only.
    """

    ogip: float  # G, scf
    apparent_ogip: float  # scf, from the p/z line
    initial_p_over_z: float  # psia, intercept of the p/z line
    recoverable_gas: float | None  # scf at abandonment
    recovery_factor: float | None
    aquifer: AquiferModel | None
    influx_multiplier: float
    water_influx: FloatArray  # rb
    terms: GasTerms
    fitted_withdrawal: FloatArray  # rb
    residuals: FloatArray  # rb
    drive: DriveIndices
    plot: PlotData
    pz_plot: PlotData
    cole_plot: PlotData
    cole_shape: ColeShape
    cole_trend: float  # relative change of F/Et over the G_p range of the fitted rows
    quality: FitQuality
    candidates: tuple[AquiferTrial, ...]
    warnings: tuple[str, ...]

    @property
    def aquifer_constant(self) -> float:
        """Fitted aquifer constant, rb/psi (NaN without aquifer)."""
        return self.aquifer.constant if self.aquifer is not None else float("nan")


def estimate_ogip(
    history: GasHistory,
    *,
    swi: float = 0.0,
    cw: float = 0.0,
    cf: float = 0.0,
    aquifer: AquiferModel | Sequence[AquiferModel] | None = None,
    abandonment_pressure: float | None = None,
    abandonment_z: float | None = None,
    exclude: Iterable[int] = (),
    cole_tolerance: float = 0.05,
) -> GasResult:
    """OGIP from pressure and production history.

    Without ``aquifer``: least-squares p/z line against G_p (row 0 included, it is a measured
    point), G where it reaches p/z = 0; the pressure must not rise over the fitted rows. With
    one aquifer model or several candidates: the Havlena-Odeh line, the candidate with the
    smallest RMS withdrawal residual kept. ``abandonment_pressure`` (psia) gives the
    recoverable gas; ``abandonment_z`` is needed there unless ``history.z`` is a callable.
    ``cole_tolerance``: relative rise/fall of the Cole plot read as flat.
    """
    c = _columns(history)
    swi = chk.fraction("swi", swi)
    cw = chk.compressibility("cw", cw)
    cf = chk.compressibility("cf", cf)
    ce = (cw * swi + cf) / (1.0 - swi)
    n_rows = len(c.p)
    used = chk.used_mask(n_rows, exclude)
    models = aquifer_list(aquifer)
    bg = c.bg
    dp = c.p[0] - c.p
    pz = c.p / c.z * (1.0 - ce * dp)
    f = c.gp * bg + c.wp * c.bw
    eg = bg - bg[0]
    efw = bg[0] * ce * dp
    et = eg + efw
    terms = GasTerms(p_over_z=pz, bg=bg, f=f, eg=eg, efw=efw)

    # the p/z line: the answer without aquifer, the apparent G with one
    pz_rows = used.copy()
    pz_rows[0] = 0 not in {int(k) for k in exclude}
    if not models:
        chk.non_increasing("pressure", c.p[pz_rows | (np.arange(n_rows) == 0)], "for p/z")
    chk.enough_points(pz_rows, 2)
    pz_reg = regress(c.gp[pz_rows], pz[pz_rows], through_origin=False)
    pz_i, pz_slope = float(pz_reg.coef[0]), float(pz_reg.coef[1])
    apparent = -pz_i / pz_slope if pz_slope < 0.0 else float("inf")
    pz_plot = PlotData(
        title="p/z vs Gp" + (" (corrected for rock and water expansion)" if ce > 0.0 else ""),
        x_label="Gp, cumulative gas (scf)",
        y_label="p/z (psia)",
        x=c.gp.copy(),
        y=pz.copy(),
        used=pz_rows,
        slope=pz_slope,
        intercept=pz_i,
    )

    trials: list[tuple[AquiferModel | None, _GasFit]] = []
    if not models:
        if not pz_slope < 0.0:
            raise ValueError("p/z does not decline with Gp: no gas in place can be extrapolated")
        g = apparent
        f_fit = g * et
        _, rms, worst = volume_residuals(f, f_fit, used)
        quality = FitQuality(
            r_squared=pz_reg.r_squared,
            rms_residual=rms,
            max_relative_residual=worst,
            n_points=int(pz_rows.sum()),
            n_parameters=2,
            std_errors={
                "ogip": _ogip_std_error(pz_i, pz_slope, pz_reg.covariance),
                "initial_p_over_z": float(pz_reg.std_errors[0]),
                "slope": float(pz_reg.std_errors[1]),
            },
        )
        trials.append((None, _GasFit(g, float("nan"), np.zeros(n_rows), f_fit, pz_plot, quality)))
    for model in models:
        if model.needs_time and c.t is None:
            raise ValueError(f"{model.describe()}: needs time_days in the history")
        trials.append((model, _fit_influx(f, et, used, model.influx(c.t, c.p))))
    trials.sort(key=lambda tr: tr[1].quality.rms_residual)
    best_model, best = trials[0]

    positive_on_used("E_g + E_fw", et, used)
    cole_plot, trend, shape = _cole(c.gp, f, et, used, float(cole_tolerance))

    warnings: list[str] = []
    recoverable: float | None = None
    factor: float | None = None
    if abandonment_pressure is not None and models:
        warnings.append(
            "recoverable gas at abandonment is not given with water influx: the p/z line "
            "does not hold"
        )
    elif abandonment_pressure is not None:
        factor = _recovery_factor(history.z, c.p[0], pz_i, ce, abandonment_pressure, abandonment_z)
        recoverable = best.g * factor

    fitted_aquifer = best_model.scaled(best.s) if best_model is not None and best.s > 0.0 else None
    residuals, _, _ = volume_residuals(f, best.f_fit, used)
    zeros = np.zeros(n_rows)
    drive = drive_indices(c.gp * bg, best.g * eg, zeros, best.g * efw, best.we - c.wp * c.bw, zeros)
    if not best.g > 0.0:
        warnings.append("fitted OGIP is not positive: the drive model does not fit these data")
    warnings.extend(precision_warning("OGIP", best.g, best.quality.std_errors.get("ogip", np.nan)))
    warnings.extend(influx_warnings(best.s, best_model))
    warnings.extend(balance_warnings(drive, used))
    if not models and shape == "rising":
        warnings.append("the Cole plot rises: water influx is likely, try an aquifer model")
    candidates = tuple(
        AquiferTrial(model, fit.g, fit.s, fit.quality) for model, fit in trials if model is not None
    )
    return GasResult(
        ogip=best.g,
        apparent_ogip=apparent,
        initial_p_over_z=pz_i,
        recoverable_gas=recoverable,
        recovery_factor=factor,
        aquifer=fitted_aquifer,
        influx_multiplier=best.s,
        water_influx=best.we,
        terms=terms,
        fitted_withdrawal=best.f_fit,
        residuals=residuals,
        drive=drive,
        plot=best.plot,
        pz_plot=pz_plot,
        cole_plot=cole_plot,
        cole_shape=shape,
        cole_trend=trend,
        quality=best.quality,
        candidates=candidates,
        warnings=tuple(warnings),
    )


def _ogip_std_error(intercept: float, slope: float, cov: FloatArray) -> float:
    """Standard error of G = -intercept/slope from the line's covariance (first order)."""
    grad = np.array([-1.0 / slope, intercept / slope**2])
    return float(np.sqrt(max(float(grad @ cov @ grad), 0.0)))


def _cole(
    gp: FloatArray, f: FloatArray, et: FloatArray, used: BoolArray, tol: float
) -> tuple[PlotData, float, ColeShape]:
    """Cole plot F/E_t vs G_p, its relative trend over the fitted rows and its reading."""
    with np.errstate(divide="ignore", invalid="ignore"):
        y = with_origin_nan(f / et)
    reg = regress(gp[used], y[used], through_origin=False)
    level = float(np.mean(y[used]))
    slope = float(reg.coef[1])
    trend = slope * float(np.ptp(gp[used])) / level if level != 0.0 else float("nan")
    shape: ColeShape = "flat" if abs(trend) <= tol else ("rising" if trend > 0.0 else "falling")
    plot = PlotData(
        title="Cole plot: F/Et vs Gp",
        x_label="Gp, cumulative gas (scf)",
        y_label="F/Et (scf)",
        x=with_origin_nan(gp),
        y=y,
        used=used,
        slope=slope,
        intercept=float(reg.coef[0]),
    )
    return plot, trend, shape


def _recovery_factor(
    z: ZFactor,
    p_initial: float,
    pz_initial: float,
    ce: float,
    abandonment_pressure: float,
    abandonment_z: float | None,
) -> float:
    """``1 - (p/z)_a / (p/z)_i`` on the fitted line, p/z corrected as the history's."""
    pa = float(abandonment_pressure)
    if not 0.0 < pa < p_initial:
        raise ValueError("abandonment_pressure must be > 0 and below the initial pressure")
    if abandonment_z is not None:
        za = float(abandonment_z)
    elif callable(z):
        za = float(z(pa))
    else:
        raise ValueError("abandonment_z is needed when z is given as an array")
    if not za > 0.0:
        raise ValueError(f"abandonment_z must be > 0, got {za!r}")
    pz_a = pa / za * (1.0 - ce * (p_initial - pa))
    return 1.0 - pz_a / pz_initial


class _GasFit(NamedTuple):
    g: float
    s: float
    we: FloatArray
    f_fit: FloatArray
    plot: PlotData
    quality: FitQuality


def _fit_influx(f: FloatArray, et: FloatArray, used: BoolArray, we_unit: FloatArray) -> _GasFit:
    """G and the aquifer factor from ``F/E_t = G + s W_e/E_t`` (Havlena and Odeh 1963)."""
    positive_on_used("E_g + E_fw", et, used)
    chk.enough_points(used, 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        x = with_origin_nan(we_unit / et)
        y = with_origin_nan(f / et)
    reg = regress(x[used], y[used], through_origin=False)
    g, s = float(reg.coef[0]), float(reg.coef[1])
    we = s * we_unit
    f_fit = g * et + we
    _, rms, worst = volume_residuals(f, f_fit, used)
    plot = PlotData(
        title="Havlena-Odeh water drive: F/Et vs We/Et",
        x_label="We/Et (scf), We for the aquifer constant given",
        y_label="F/Et (scf)",
        x=x,
        y=y,
        used=used,
        slope=s,
        intercept=g,
    )
    quality = FitQuality(
        r_squared=plot_r_squared(x[used], y[used], s, g),
        rms_residual=rms,
        max_relative_residual=worst,
        n_points=int(used.sum()),
        n_parameters=2,
        std_errors={
            "ogip": float(reg.std_errors[0]),
            "influx_multiplier": float(reg.std_errors[1]),
        },
    )
    return _GasFit(g, s, we, f_fit, plot, quality)
