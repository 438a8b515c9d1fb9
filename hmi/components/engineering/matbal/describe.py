"""A domain result described once as an :class:`~.job.Outcome`: the key figures with their
fit quality, the plots, the drive-index and balance-term tables and the aquifer
candidates, so the screen and the exported report show the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from domain.engineering import matbal as mb

from .job import Job, Outcome, PlotSpec, SeriesSpec
from .number_text import _pm, _scale_for, sig, volume
from .plots import _drive_plot, _fit_plot, _straight_line_plot


def _drive_table(job: Job, d: mb.DriveIndices, gas: bool) -> tuple[list[str], list[list[object]]]:
    t = job.history.get("time_days")
    header = ["Row", "t [days]", "p [psia]", "Depletion", "Gas cap", "Water influx",
              "Rock+water", "Injection", "Sum"]
    if gas:
        header.remove("Gas cap")
        header.remove("Injection")
    if t is None:
        header.remove("t [days]")
    rows: list[list[object]] = []
    for i in range(len(job.history["pressure"])):
        r: list[object] = [i]
        if t is not None:
            r.append(float(t[i]))
        r.append(float(job.history["pressure"][i]))
        r.append(float(d.depletion[i]))
        if not gas:
            r.append(float(d.gas_cap[i]))
        r.append(float(d.water[i]))
        r.append(float(d.compaction[i]))
        if not gas:
            r.append(float(d.injection[i]))
        r.append(float(d.total[i]))
        rows.append(r)
    return header, rows


def _candidates(trials: Sequence[mb.AquiferTrial]) -> list[tuple[str, float, float, float]]:
    return [(t.aquifer.describe(), t.in_place, t.influx_multiplier, t.quality.rms_residual)
            for t in trials]


def _quality_items(q: mb.FitQuality) -> list[tuple[str, str]]:
    return [("R² of the straight line", f"{q.r_squared:.5f}"),
            ("RMS withdrawal residual", f"{volume(q.rms_residual, 'rb')}"),
            ("Largest relative residual", f"{100 * q.max_relative_residual:.2f} %"),
            ("Points fitted / unknowns", f"{q.n_points} / {q.n_parameters}")]


def _oil_outcome(job: Job, r: mb.OilResult) -> Outcome:
    t = r.terms
    se = r.quality.std_errors
    summary = [("OOIP, N", volume(r.ooip, "STB") + _pm(r.ooip, se.get("ooip", math.nan)))]
    if r.gas_cap_fitted:
        mn_err = se.get("m_ooip", math.nan)
        summary.append(("Gas cap ratio m (estimated)", sig(r.gas_cap_ratio, 3) +
                        (f" ± {sig(mn_err / r.ooip, 2)}" if math.isfinite(mn_err) and r.ooip
                         else "")))
    elif r.gas_cap_ratio > 0:
        summary.append(("Gas cap ratio m (given)", sig(r.gas_cap_ratio, 3)))
    if r.gas_cap_gas > 0:
        summary.append(("Initial gas-cap gas, G", volume(r.gas_cap_gas, "scf")))
    if r.aquifer is not None or job.params["aquifer"]:
        summary.append(("Aquifer kept", r.aquifer.describe() if r.aquifer is not None
                        else "none (no influx fitted)"))
        summary.append(("Fitted aquifer constant", f"{sig(r.aquifer_constant)} rb/psi"))
        summary.append(("Factor on the aquifer constant", sig(r.influx_multiplier, 3)))
        summary.append(("Cumulative water influx We (last row)",
                        volume(float(r.water_influx[-1]), "rb")))
    summary += _quality_items(r.quality)
    if r.plot.intercept == 0.0 and not r.gas_cap_fitted and r.aquifer is None \
            and not job.params["aquifer"]:
        x_unit, y_unit = "", "rb"  # F vs Et through the origin
    elif job.params["aquifer"]:
        x_unit, y_unit = "STB", "STB"  # F/Et vs We/Et
    else:
        x_unit, y_unit = "", "STB"  # F/Eo vs Eg/Eo
    fx = _straight_line_plot("havlena_odeh", r.plot, x_unit, y_unit,
                             x_from_zero=x_unit == "" and y_unit == "rb")
    et = t.et(r.gas_cap_ratio)
    header = ["Row", "p [psia]", "F [rb]", "Eo [rb/STB]", "Eg [rb/STB]", "Efw [rb/STB]",
              "Et [rb/STB]", "We [rb]", "F - N·Et - We [rb]", "Fitted"]
    rows: list[list[object]] = []
    for i in range(len(t.f)):
        rows.append([i, float(job.history["pressure"][i]), float(t.f[i]), float(t.eo[i]),
                     float(t.eg[i]), float(t.efw[i]), float(et[i]), float(r.water_influx[i]),
                     float(r.residuals[i]), "yes" if r.plot.used[i] else "no"])
    dh, dr = _drive_table(job, r.drive, gas=False)
    return Outcome(job=job, oil=r, summary=summary,
                   plots=[fx, _drive_plot(job, r.drive, gas=False), _fit_plot(job, t.f,
                                                                              r.fitted_withdrawal)],
                   terms_header=header, terms_rows=rows, drive_header=dh, drive_rows=dr,
                   candidates=_candidates(r.candidates))


def _gas_outcome(job: Job, r: mb.GasResult, z: Any) -> Outcome:
    se = r.quality.std_errors
    summary = [("OGIP, G", volume(r.ogip, "scf") + _pm(r.ogip, se.get("ogip", math.nan)))]
    if job.params["aquifer"]:
        summary.append(("Apparent OGIP from the p/z line", volume(r.apparent_ogip, "scf")))
        summary.append(("Aquifer kept", r.aquifer.describe() if r.aquifer is not None
                        else "none (no influx fitted)"))
        summary.append(("Fitted aquifer constant", f"{sig(r.aquifer_constant)} rb/psi"))
        summary.append(("Factor on the aquifer constant", sig(r.influx_multiplier, 3)))
    summary.append(("Initial p/z (line intercept)", f"{sig(r.initial_p_over_z)} psia"))
    if r.recoverable_gas is not None and r.recovery_factor is not None:
        summary.append(("Recoverable gas at abandonment", volume(r.recoverable_gas, "scf")))
        summary.append(("Recovery factor", f"{100 * r.recovery_factor:.1f} %"))
        gp_last = float(job.history["cum_gas"][-1])
        summary.append(("Remaining reserves", volume(r.recoverable_gas - gp_last, "scf")))
    summary.append(("Cole plot", {"flat": "flat (volumetric)", "rising": "rising (water "
                                  "influx likely)", "falling": "falling (compressibility or "
                                  "weak aquifer)"}[r.cole_shape]))
    summary += _quality_items(r.quality)

    pz = r.pz_plot
    gs, gu = _scale_for(np.append(pz.x, r.apparent_ogip if math.isfinite(r.apparent_ogip)
                                  else 0.0), "scf")
    used = pz.used
    g_end = r.apparent_ogip if math.isfinite(r.apparent_ogip) else float(np.max(pz.x)) * 1.2
    lx = np.array([0.0, g_end])
    series = [SeriesSpec("p/z line → apparent OGIP" if job.params["aquifer"]
                         else "p/z line → OGIP", lx / gs, pz.line(lx), "line", 1),
              SeriesSpec("p/z, fitted rows", pz.x[used] / gs, pz.y[used], "points", 0)]
    if (~used).any():
        series.append(SeriesSpec("Left out of the fit", pz.x[~used] / gs, pz.y[~used],
                                 "hollow", 6))
    if r.recoverable_gas is not None and r.recovery_factor is not None:
        pz_a = r.initial_p_over_z * (1.0 - r.recovery_factor)
        series.append(SeriesSpec("Abandonment p/z", np.array([0.0, g_end / gs]),
                                 np.array([pz_a, pz_a]), "dash", 3))
        # the recoverable gas on the line where it meets the abandonment p/z
        gp_a = r.apparent_ogip * r.recovery_factor
        series.append(SeriesSpec("Recoverable gas", np.array([gp_a / gs]), np.array([pz_a]),
                                 "points", 3))
    title = pz.title
    pz_spec = PlotSpec("pz", title, f"Gp, cumulative gas [{gu}]", "p/z [psia]", series)
    plots = [pz_spec]
    if job.params["aquifer"]:
        plots.append(_straight_line_plot("havlena_odeh", r.plot, "scf", "scf",
                                         x_from_zero=False))
    cole = r.cole_plot
    cs, cu = _scale_for(cole.y, "scf")
    xs, xu = _scale_for(cole.x, "scf")
    ok = cole.used & np.isfinite(cole.y)
    cole_series = [SeriesSpec("F/Et", cole.x[ok] / xs, cole.y[ok] / cs, "points", 0)]
    if math.isfinite(r.ogip):
        cole_series.append(SeriesSpec("OGIP, G", np.array([0.0, np.nanmax(cole.x) / xs]),
                                      np.array([r.ogip, r.ogip]) / cs, "dash", 1))
    plots.append(PlotSpec("cole", cole.title, f"Gp, cumulative gas [{xu}]", f"F/Et [{cu}]",
                          cole_series))
    plots.append(_drive_plot(job, r.drive, gas=True))
    t = r.terms
    header = ["Row", "p [psia]", "z", "p/z [psia]", "Bg [rb/scf]", "F [rb]", "Eg [rb/scf]",
              "Efw [rb/scf]", "We [rb]", "F - G·Et - We [rb]", "Fitted"]
    zz = [float(z(float(pp))) for pp in job.history["pressure"]] if callable(z) else list(z)
    rows: list[list[object]] = []
    for i in range(len(t.f)):
        rows.append([i, float(job.history["pressure"][i]), float(zz[i]), float(t.p_over_z[i]),
                     float(t.bg[i]), float(t.f[i]), float(t.eg[i]), float(t.efw[i]),
                     float(r.water_influx[i]), float(r.residuals[i]),
                     "yes" if r.plot.used[i] else "no"])
    dh, dr = _drive_table(job, r.drive, gas=True)
    return Outcome(job=job, gas=r, summary=summary, plots=plots, terms_header=header,
                   terms_rows=rows, drive_header=dh, drive_rows=dr,
                   candidates=_candidates(r.candidates))
