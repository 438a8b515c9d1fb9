"""Oil-reservoir material balance: OOIP (N), gas-cap ratio (m) and aquifer size from history.

The tank balance of Schilthuis ("Active Oil and Reservoir Energy", Trans. AIME 118, 1936),
written as Havlena and Odeh did ("The Material Balance as an Equation of a Straight Line",
JPT Aug. 1963; Part II, JPT July 1964) and as Dake uses it (*Fundamentals of Reservoir
Engineering*, 1978, ch. 3)::

    F = N [E_o + m E_g + (1 + m) E_fw] + W_e

    F    = N_p B_o + (G_p - N_p R_s) B_g + W_p B_w - W_i B_w - G_i B_g      rb
    E_o  = (B_o - B_oi) + (R_si - R_s) B_g                                 rb/STB
    E_g  = B_oi (B_g / B_gi - 1)                                           rb/STB
    E_fw = B_oi (c_w S_wi + c_f) / (1 - S_wi) (p_i - p)                    rb/STB

Units: pressure psia, N_p STB, G_p scf, W_p STB, B_o rb/STB, R_s scf/STB, B_g rb/scf,
B_w rb/STB, compressibilities 1/psi, time days. Row 0 of the history is the initial survey
(pressure p_i, all cumulatives 0); its PVT gives B_oi, R_si, B_gi.

Which straight line is fitted depends on what is known (Havlena and Odeh 1963; Dake 1978 ch. 3):

* m known, no aquifer: ``F`` against ``E_t``, a line through the origin of slope N.
* m unknown, no aquifer: ``F/E_o'`` against ``E_g'/E_o'`` (primes include the E_fw share),
  intercept N, slope m N.
* aquifer (m known): ``F/E_t`` against ``W_e/E_t``, intercept N, slope = the factor on the
  aquifer constant (≈ 1 when the aquifer given is right). With m unknown too, N, m N and the
  factor come from one multiple regression and the plot is drawn with the fitted m.

Fits are ordinary least squares on the plotted points, so the line the HMI draws is the line
that was fitted; points can be left out (``exclude``) as engineers do with early, unsettled
surveys.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

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


@dataclass(frozen=True, eq=False)
class OilHistory:
    """Pressure, production and PVT, one row per pressure survey; row 0 = initial conditions.

    ``cum_gas``, ``rs`` and ``bg`` go together: leave all three out for an oil that stays
    above its bubble point (then ``R_p = R_s = R_si`` and free gas plays no part). The PVT
    columns are the values at each row's pressure (from a lab table or a PVT correlation).
    Columns are checked when the history is built.
    """

    pressure: npt.ArrayLike  # psia, average reservoir pressure
    cum_oil: npt.ArrayLike  # N_p, STB
    bo: npt.ArrayLike  # rb/STB
    cum_gas: npt.ArrayLike | None = None  # G_p, scf
    rs: npt.ArrayLike | None = None  # scf/STB
    bg: npt.ArrayLike | None = None  # rb/scf
    cum_water: npt.ArrayLike | None = None  # W_p, STB
    bw: npt.ArrayLike | None = None  # rb/STB (1.0 when not given)
    time_days: npt.ArrayLike | None = None  # needed by the time-dependent aquifers
    cum_water_injected: npt.ArrayLike | None = None  # W_i, STB
    cum_gas_injected: npt.ArrayLike | None = None  # G_i, scf

    def __post_init__(self) -> None:
        _columns(self)


class _Cols(NamedTuple):
    p: FloatArray
    np_: FloatArray
    gp: FloatArray
    wp: FloatArray
    bo: FloatArray
    rs: FloatArray
    bg: FloatArray
    bw: FloatArray
    wi: FloatArray
    gi: FloatArray
    t: FloatArray | None
    has_gas: bool


def _columns(h: OilHistory) -> _Cols:
    p = chk.column("pressure", h.pressure)
    n = len(p)
    np_ = chk.column("cum_oil", h.cum_oil)
    bo = chk.column("bo", h.bo)
    has_gas = h.cum_gas is not None and h.rs is not None and h.bg is not None
    if not has_gas and not (h.cum_gas is None and h.rs is None and h.bg is None):
        raise ValueError(
            "cum_gas, rs and bg go together: give all three, or none for an oil above its "
            "bubble point"
        )
    cols, n = chk.gather(
        {"pressure": p, "cum_oil": np_, "bo": bo},
        (
            ("cum_gas", h.cum_gas),
            ("rs", h.rs),
            ("bg", h.bg),
            ("cum_water", h.cum_water),
            ("bw", h.bw),
            ("time_days", h.time_days),
            ("cum_water_injected", h.cum_water_injected),
            ("cum_gas_injected", h.cum_gas_injected),
        ),
    )
    chk.positive("pressure", p)
    chk.positive("bo", bo)
    chk.cumulative("cum_oil", np_)
    if has_gas:
        gp, rs, bg = cols["cum_gas"], cols["rs"], cols["bg"]
        chk.cumulative("cum_gas", gp)
        chk.non_negative("rs", rs)
        chk.positive("bg", bg)
    else:
        gp, rs, bg = np.zeros(n), np.zeros(n), np.zeros(n)
    wp = cols.get("cum_water", np.zeros(n))
    bw = cols.get("bw", np.ones(n))
    wi = cols.get("cum_water_injected", np.zeros(n))
    gi = cols.get("cum_gas_injected", np.zeros(n))
    chk.cumulative("cum_water", wp)
    chk.positive("bw", bw)
    chk.cumulative("cum_water_injected", wi)
    chk.cumulative("cum_gas_injected", gi)
    if not has_gas and np.any(gi > 0.0):
        raise ValueError("cum_gas_injected needs bg (and cum_gas, rs) to convert it to rb")
    t = cols.get("time_days")
    if t is not None:
        chk.strictly_increasing("time_days", t)
    return _Cols(p, np_, gp, wp, bo, rs, bg, bw, wi, gi, t, has_gas)


@dataclass(frozen=True, eq=False)
class HavlenaOdehTerms:
    """The terms of the balance per history row (row 0 is all zeros).

    ``f`` underground withdrawal (rb); ``eo``, ``eg``, ``efw`` expansions per STB of OOIP
    (rb/STB), with ``efw`` for m = 0 (the balance uses ``(1 + m) efw``);
    ``hydrocarbon_withdrawal`` = ``N_p B_o + (G_p - N_p R_s) B_g`` (rb), ``water_produced``
    = ``W_p B_w`` and ``injected`` = ``W_i B_w + G_i B_g`` (rb).
    """

    f: FloatArray
    eo: FloatArray
    eg: FloatArray
    efw: FloatArray
    hydrocarbon_withdrawal: FloatArray
    water_produced: FloatArray
    injected: FloatArray

    def et(self, gas_cap_ratio: float) -> FloatArray:
        """Total expansion per STB, ``E_o + m E_g + (1 + m) E_fw`` (rb/STB)."""
        m = gas_cap_ratio
        return np.asarray(self.eo + m * self.eg + (1.0 + m) * self.efw)


def havlena_odeh_terms(
    history: OilHistory, *, swi: float, cw: float, cf: float
) -> HavlenaOdehTerms:
    """F, E_o, E_g and E_fw per row (Havlena and Odeh 1963; Dake 1978 ch. 3).

    ``swi`` connate water saturation (fraction), ``cw`` and ``cf`` water and pore-volume
    compressibilities (1/psi).
    """
    return _terms(_columns(history), swi, cw, cf)


def _terms(c: _Cols, swi: float, cw: float, cf: float) -> HavlenaOdehTerms:
    swi = chk.fraction("swi", swi)
    cw = chk.compressibility("cw", cw)
    cf = chk.compressibility("cf", cf)
    a = c.np_ * c.bo + (c.gp - c.np_ * c.rs) * c.bg
    water = c.wp * c.bw
    injected = c.wi * c.bw + c.gi * c.bg
    f = a + water - injected
    eo = (c.bo - c.bo[0]) + (c.rs[0] - c.rs) * c.bg
    eg = c.bo[0] * (c.bg / c.bg[0] - 1.0) if c.has_gas else np.zeros(len(c.p))
    efw = c.bo[0] * (cw * swi + cf) / (1.0 - swi) * (c.p[0] - c.p)
    return HavlenaOdehTerms(
        f=f,
        eo=eo,
        eg=eg,
        efw=efw,
        hydrocarbon_withdrawal=a,
        water_produced=water,
        injected=injected,
    )


@dataclass(frozen=True)
class AquiferTrial:
    """One candidate aquifer tried by :func:`estimate_ooip`/``estimate_ogip`` (as given)."""

    aquifer: AquiferModel
    in_place: float  # N (STB) or G (scf) fitted with it
    influx_multiplier: float
    quality: FitQuality


@dataclass(frozen=True, eq=False)
class OilResult:
    """Answer of :func:`estimate_ooip`.

    ``influx_multiplier`` is the slope of the ``F/E_t`` vs ``W_e/E_t`` line: the factor on the
    aquifer constant given (≈ 1 when the aquifer model was right; NaN without aquifer).
    ``aquifer`` is the chosen candidate with that factor applied, so ``aquifer.constant`` is
    the fitted aquifer constant. ``candidates`` lists every aquifer tried, best first.
    """

    ooip: float  # N, STB
    gas_cap_ratio: float  # m, fitted or as given
    gas_cap_fitted: bool
    gas_cap_gas: float  # free gas initially in the gas cap, scf (m N B_oi / B_gi)
    aquifer: AquiferModel | None
    influx_multiplier: float
    water_influx: FloatArray  # W_e per row, rb
    terms: HavlenaOdehTerms
    fitted_withdrawal: FloatArray  # N E_t + W_e, rb
    residuals: FloatArray  # F - fitted, rb
    drive: DriveIndices
    plot: PlotData
    quality: FitQuality
    candidates: tuple[AquiferTrial, ...]
    warnings: tuple[str, ...]

    @property
    def aquifer_constant(self) -> float:
        """Fitted aquifer constant, rb/psi (NaN without aquifer)."""
        return self.aquifer.constant if self.aquifer is not None else float("nan")


class _Fit(NamedTuple):
    n: float
    m: float
    s: float  # influx multiplier (nan without aquifer)
    we: FloatArray  # fitted influx, rb
    f_fit: FloatArray
    plot: PlotData
    quality: FitQuality


def aquifer_list(
    aquifer: AquiferModel | Sequence[AquiferModel] | None,
) -> list[AquiferModel]:
    """None, one model or several candidates, as a list."""
    if aquifer is None:
        return []
    if isinstance(aquifer, Sequence):
        models = list(aquifer)
        if not models:
            raise ValueError("aquifer: an empty list of candidates")
        return models
    return [aquifer]


def plot_r_squared(x: FloatArray, y: FloatArray, slope: float, intercept: float) -> float:
    """R² of the plotted points about the drawn line (1 - SS_res / SS_tot)."""
    resid = y - (intercept + slope * x)
    ss_tot = float(np.sum((y - y.mean()) ** 2))
    ss_res = float(resid @ resid)
    return 1.0 - ss_res / ss_tot if ss_tot > 0.0 else (1.0 if ss_res == 0.0 else 0.0)


def positive_on_used(name: str, values: FloatArray, used: BoolArray) -> None:
    """Expansion terms divide the plot coordinates: they must be > 0 on every fitted row."""
    bad = np.flatnonzero(used & ~(values > 0.0))
    if bad.size:
        raise ValueError(
            f"{name} is not positive at row {int(bad[0])} (no net expansion since the initial "
            "survey): check pressure and PVT there, or exclude the row"
        )


def _div(a: FloatArray, b: FloatArray) -> FloatArray:
    """``a / b`` with NaN where ``b`` is 0 (row 0, where every expansion is 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(np.where(b != 0.0, a / b, np.nan))


def _fit(
    terms: HavlenaOdehTerms,
    used: BoolArray,
    m_known: float | None,
    we_unit: FloatArray | None,
) -> _Fit:
    f = terms.f
    nan = float("nan")
    if m_known is not None:
        # unknowns N (and the aquifer factor): divide by E_t
        et = terms.et(m_known)
        positive_on_used("E_t", et, used)
        if we_unit is None:
            chk.enough_points(used, 1)
            reg = regress(et[used], f[used], through_origin=True)
            n, m, s = float(reg.coef[0]), m_known, nan
            names = ["ooip"]
        else:
            chk.enough_points(used, 2)
            reg = regress(_div(we_unit, et)[used], _div(f, et)[used], through_origin=False)
            n, s = float(reg.coef[0]), float(reg.coef[1])
            m = m_known
            names = ["ooip", "influx_multiplier"]
    else:
        # unknowns N and mN (and the aquifer factor): divide by E_o + E_fw
        eo1 = terms.eo + terms.efw
        eg1 = terms.eg + terms.efw
        positive_on_used("E_o + E_fw", eo1, used)
        x_cols = [_div(eg1, eo1)] if we_unit is None else [_div(eg1, eo1), _div(we_unit, eo1)]
        chk.enough_points(used, len(x_cols) + 1)
        design = np.column_stack([col[used] for col in x_cols])
        reg = regress(design, _div(f, eo1)[used], through_origin=False)
        n, mn = float(reg.coef[0]), float(reg.coef[1])
        s = float(reg.coef[2]) if we_unit is not None else nan
        m = mn / n if n != 0.0 else nan
        names = ["ooip", "m_ooip"] + ([] if we_unit is None else ["influx_multiplier"])

    with np.errstate(divide="ignore", invalid="ignore"):
        if we_unit is not None:
            et = terms.et(m)
            plot = PlotData(
                title="Havlena-Odeh water drive: F/Et vs We/Et",
                x_label="We/Et (STB), We for the aquifer constant given",
                y_label="F/Et (STB)",
                x=with_origin_nan(we_unit / et),
                y=with_origin_nan(f / et),
                used=used,
                slope=s,
                intercept=n,
            )
        elif m_known is None:
            eo1 = terms.eo + terms.efw
            plot = PlotData(
                title="Havlena-Odeh gas cap: F/Eo vs Eg/Eo",
                x_label="(Eg + Efw)/(Eo + Efw)",
                y_label="F/(Eo + Efw) (STB)",
                x=with_origin_nan((terms.eg + terms.efw) / eo1),
                y=with_origin_nan(f / eo1),
                used=used,
                slope=m * n,
                intercept=n,
            )
        else:
            plot = PlotData(
                title="Havlena-Odeh: F vs Et",
                x_label="Et, total expansion (rb/STB)",
                y_label="F, underground withdrawal (rb)",
                x=with_origin_nan(terms.et(m)),
                y=with_origin_nan(f),
                used=used,
                slope=n,
                intercept=0.0,
            )
    we = s * we_unit if we_unit is not None else np.zeros(len(f))
    f_fit = n * terms.et(m) + we
    _, rms, worst = volume_residuals(f, f_fit, used)
    quality = FitQuality(
        r_squared=plot_r_squared(plot.x[used], plot.y[used], plot.slope, plot.intercept),
        rms_residual=rms,
        max_relative_residual=worst,
        n_points=int(used.sum()),
        n_parameters=len(names),
        std_errors=dict(zip(names, (float(v) for v in reg.std_errors), strict=True)),
    )
    return _Fit(n, m, s, we, f_fit, plot, quality)


def estimate_ooip(
    history: OilHistory,
    *,
    swi: float,
    cw: float,
    cf: float,
    gas_cap_ratio: float | None = 0.0,
    aquifer: AquiferModel | Sequence[AquiferModel] | None = None,
    exclude: Iterable[int] = (),
) -> OilResult:
    """OOIP from pressure and production history by the Havlena-Odeh straight line.

    ``gas_cap_ratio``: m (initial gas-cap to oil-zone reservoir volume) when known, 0 for no
    gas cap, None to fit it. ``aquifer``: None (volumetric), one model, or several candidate
    models (e.g. van Everdingen-Hurst at several r_a/r_o): each is fitted and the one with the
    smallest RMS withdrawal residual is kept, Dake's (1978, ch. 9) trial-and-error made
    systematic. ``exclude``: history rows left out of the fit (still plotted).

    ``swi`` fraction, ``cw`` and ``cf`` 1/psi. Raises ``ValueError`` on inconsistent input:
    columns of different lengths, fewer than 3 rows, negative or decreasing cumulatives, a
    pressure that rises without an aquifer or injection to explain it, no expansion on a
    fitted row.
    """
    c = _columns(history)
    terms = _terms(c, swi, cw, cf)
    n_rows = len(c.p)
    used = chk.used_mask(n_rows, exclude)
    models = aquifer_list(aquifer)
    if not models and not (np.any(c.wi > 0.0) or np.any(c.gi > 0.0)):
        # a closed tank cannot gain pressure: rows that do are data errors
        rows = used.copy()
        rows[0] = True
        chk.non_increasing(
            "pressure", c.p[rows], "without an aquifer or injection (over the fitted rows)"
        )
    if gas_cap_ratio is not None:
        m_known = float(gas_cap_ratio)
        if not (np.isfinite(m_known) and m_known >= 0.0):
            raise ValueError(
                f"gas_cap_ratio must be >= 0 (or None to fit it), got {gas_cap_ratio!r}"
            )
        if m_known > 0.0 and not c.has_gas:
            raise ValueError("a gas cap needs the gas columns (cum_gas, rs, bg)")
    else:
        m_known = None
        if not c.has_gas:
            raise ValueError("fitting the gas cap needs the gas columns (cum_gas, rs, bg)")

    trials: list[tuple[AquiferModel | None, _Fit]] = []
    if not models:
        trials.append((None, _fit(terms, used, m_known, None)))
    for model in models:
        if model.needs_time and c.t is None:
            raise ValueError(f"{model.describe()}: needs time_days in the history")
        we_unit = model.influx(c.t, c.p)
        trials.append((model, _fit(terms, used, m_known, we_unit)))
    trials.sort(key=lambda tr: tr[1].quality.rms_residual)
    best_model, best = trials[0]

    fitted_aquifer = best_model.scaled(best.s) if best_model is not None and best.s > 0.0 else None
    residuals, _, _ = volume_residuals(terms.f, best.f_fit, used)
    m = best.m
    drive = drive_indices(
        terms.hydrocarbon_withdrawal,
        best.n * terms.eo,
        best.n * m * terms.eg,
        best.n * (1.0 + m) * terms.efw,
        best.we - terms.water_produced,
        terms.injected,
    )
    gas_cap_gas = best.n * m * c.bo[0] / c.bg[0] if c.has_gas else 0.0
    warnings = _warnings(best, best_model, drive, used, m_known is None)
    candidates = tuple(
        AquiferTrial(model, fit.n, fit.s, fit.quality) for model, fit in trials if model is not None
    )
    return OilResult(
        ooip=best.n,
        gas_cap_ratio=m,
        gas_cap_fitted=m_known is None,
        gas_cap_gas=float(gas_cap_gas),
        aquifer=fitted_aquifer,
        influx_multiplier=best.s,
        water_influx=best.we,
        terms=terms,
        fitted_withdrawal=best.f_fit,
        residuals=residuals,
        drive=drive,
        plot=best.plot,
        quality=best.quality,
        candidates=candidates,
        warnings=tuple(warnings),
    )


def _warnings(
    fit: _Fit,
    model: AquiferModel | None,
    drive: DriveIndices,
    used: BoolArray,
    m_fitted: bool,
) -> list[str]:
    out: list[str] = []
    if not fit.n > 0.0:
        out.append("fitted OOIP is not positive: the drive model does not fit these data")
    out.extend(precision_warning("OOIP", fit.n, fit.quality.std_errors.get("ooip", np.nan)))
    if m_fitted and fit.m < 0.0:
        out.append(f"fitted gas-cap ratio m = {fit.m:.3g} < 0: the data do not support a gas cap")
    out.extend(influx_warnings(fit.s, model))
    out.extend(balance_warnings(drive, used))
    return out


def influx_warnings(s: float, model: AquiferModel | None) -> list[str]:
    """Messages about the fitted aquifer factor (shared with the gas solver)."""
    if model is None:
        return []
    if not s > 0.0:
        return [
            f"{model.describe()}: the fit gives no water influx (factor {s:.3g}); "
            "the data do not support this aquifer"
        ]
    if abs(s - 1.0) > 0.2:
        return [f"{model.describe()}: the aquifer constant had to be multiplied by {s:.3g}"]
    return []


def balance_warnings(drive: DriveIndices, used: BoolArray) -> list[str]:
    """A row whose drive indices miss 1 by more than 5 % does not close the balance."""
    err = np.abs(drive.total - 1.0)
    bad = np.flatnonzero(used & (err > 0.05))
    if bad.size:
        k = int(bad[np.argmax(err[bad])])
        return [
            f"drive indices sum to {drive.total[k]:.3f} at row {k}: the fitted balance misses "
            "that step by more than 5 %"
        ]
    return []
