"""The plots of an outcome as :class:`~.job.PlotSpec`: the straight lines, drive indices and
the fitted withdrawal, with volume axes in readable multiples (MMSTB, Bscf).
"""

from __future__ import annotations

import numpy as np

from domain.engineering import matbal as mb

from .job import Job, PlotSpec, SeriesSpec
from .number_text import _scale_for


def _x_axis(job: Job) -> tuple[np.ndarray, str]:
    t = job.history.get("time_days")
    if t is not None:
        return t, "Time [days]"
    if job.kind == "oil":
        s, u = _scale_for(job.history["cum_oil"], "STB")
        return job.history["cum_oil"] / s, f"Np, cumulative oil [{u}]"
    s, u = _scale_for(job.history["cum_gas"], "scf")
    return job.history["cum_gas"] / s, f"Gp, cumulative gas [{u}]"


def _straight_line_plot(key: str, pd: mb.PlotData, x_unit: str, y_unit: str,
                        x_from_zero: bool) -> PlotSpec:
    """A Havlena-Odeh plot in readable multiples, with the fitted line across the points."""
    xs, xu = _scale_for(pd.x, x_unit) if x_unit else (1.0, "")
    ys, yu = _scale_for(pd.y, y_unit) if y_unit else (1.0, "")
    used = pd.used & np.isfinite(pd.x) & np.isfinite(pd.y)
    other = ~pd.used & np.isfinite(pd.x) & np.isfinite(pd.y)
    finite = pd.x[np.isfinite(pd.x)]
    lo = 0.0 if x_from_zero or not finite.size else float(finite.min())
    hi = float(finite.max()) if finite.size else 1.0
    pad = 0.05 * (hi - lo or abs(hi) or 1.0)
    lx = np.array([lo if x_from_zero else lo - pad, hi + pad])
    series = [SeriesSpec("Fitted line", lx / xs, pd.line(lx) / ys, "line", 1),
              SeriesSpec("Fitted rows", pd.x[used] / xs, pd.y[used] / ys, "points", 0)]
    if other.any():
        series.append(SeriesSpec("Left out of the fit", pd.x[other] / xs, pd.y[other] / ys,
                                 "hollow", 6))
    x_label = _relabel(pd.x_label.replace(", We for the aquifer constant given", ""), x_unit,
                       xu)
    y_label = _relabel(pd.y_label, y_unit, yu)
    return PlotSpec(key, pd.title, x_label, y_label, series)


def _relabel(label: str, unit: str, shown: str) -> str:
    """Domain labels say "(STB)": say the multiple shown instead, in brackets."""
    if unit and f"({unit})" in label:
        return label.replace(f"({unit})", f"[{shown}]")
    if unit and unit in label and shown != unit:
        return label.replace(unit, shown)
    return label


def _drive_plot(job: Job, d: mb.DriveIndices, gas: bool) -> PlotSpec:
    x, xl = _x_axis(job)
    parts = [("Depletion", d.depletion, 0)]
    if not gas:
        parts.append(("Gas cap", d.gas_cap, 1))
    parts += [("Water influx", d.water, 2), ("Rock and water expansion", d.compaction, 4)]
    parts.append(("Injection", d.injection, 3))
    series = [SeriesSpec(n, x[1:], v[1:], "line", c) for n, v, c in parts
              if np.isfinite(v[1:]).any() and np.nanmax(np.abs(v[1:])) > 1e-6]
    series.append(SeriesSpec("Sum (1 = balance closes)", x[1:], d.total[1:], "dash", 6))
    return PlotSpec("drive", "Drive indices", xl, "Drive index [-]", series)


def _fit_plot(job: Job, f: np.ndarray, f_fit: np.ndarray) -> PlotSpec:
    x, xl = _x_axis(job)
    s, u = _scale_for(f, "rb")
    return PlotSpec("withdrawal", "Underground withdrawal: history and fitted balance", xl,
                    f"F [{u}]",
                    [SeriesSpec("N·Et + We, fitted balance", x, f_fit / s, "line", 1),
                     SeriesSpec("F, from production", x, f / s, "points", 0)])
