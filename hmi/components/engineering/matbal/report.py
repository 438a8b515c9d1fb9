"""The last outcome as a :class:`hmi.reports.Report` (PDF/CSV export): inputs, results,
plots, drive indices, balance terms and the history table, each text through ``tr``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from hmi.reports import Chart, KeyValues, Note, Report, Series, Table

from .history import GAS_COLUMNS, OIL_COLUMNS, HistoryTable
from .job import PlotSpec, SeriesSpec

if TYPE_CHECKING:
    from .model import MatbalModel


def _chart(p: PlotSpec, palette: Sequence[str]) -> Chart:
    style = {"points": "points", "hollow": "points", "line": "line", "dash": "dash"}
    return Chart(p.title, p.x_label, p.y_label,
                 [Series(s.name, [float(v) for v in s.x], [float(v) for v in s.y],
                         style[s.style], palette[s.color % len(palette)])  # type: ignore[arg-type]
                  for s in p.series])


def build_report(model: MatbalModel, palette: Sequence[str],
                 tr: Callable[[str], str] = lambda s: s) -> Report:
    """The last outcome as a report: inputs, results with fit quality, the plots, the drive
    indices, the balance terms and the history table. ``ValueError`` if nothing was run."""
    out = model.outcome
    if out is None:
        raise ValueError(tr("Nothing to export yet: enter the history and press Run"))
    job = out.job
    oil = job.kind == "oil"
    sub = tr("Oil reservoir, Havlena-Odeh straight line") if oil else \
        tr("Gas reservoir, p/z and Havlena-Odeh")
    rep = Report(tr("Material balance"), sub)
    rep.add(KeyValues(tr("Inputs"), [(tr(k), tr(v)) for k, v in job.inputs]))
    rep.add(KeyValues(tr("Result"), [(tr(k), v) for k, v in out.summary]))
    if model.stale:
        rep.add(Note(tr("The inputs were changed after this run: the results below are those "
                        "of the last run.")))
    for w in out.warnings:
        rep.add(Note("⚠ " + w))
    for p in out.plots:
        rep.add(_chart(PlotSpec(p.key, tr(p.title), tr(p.x_label), tr(p.y_label),
                                [SeriesSpec(tr(s.name), s.x, s.y, s.style, s.color)
                                 for s in p.series]), palette))
    if out.candidates:
        div, unit = (1e6, "MMSTB") if oil else (1e9, "Bscf")
        rep.add(Table(tr("Aquifer candidates (best first)"),
                      [tr("Aquifer"), tr("In place") + f" [{unit}]", tr("Factor"),
                       tr("RMS residual [rb]")],
                      [[d, v / div, s, rms] for d, v, s, rms in out.candidates]))
    rep.add(Table(tr("Drive indices"), [tr(h) for h in out.drive_header], out.drive_rows))
    rep.add(Table(tr("Balance terms"), [tr(h) for h in out.terms_header], out.terms_rows))
    table = HistoryTable(OIL_COLUMNS if oil else GAS_COLUMNS)
    keys = [c.key for c in table.columns]
    n = len(job.history["pressure"])
    cols = [i for i, k in enumerate(keys) if k in job.history]
    rep.add(Table(tr("History"), ["Row", *(table.columns[i].header for i in cols)],
                  [[r, *(float(job.history[keys[i]][r]) for i in cols)] for r in range(n)]))
    rep.add(Note(tr("Oilfield units: psia, STB, scf, rb (reservoir barrels). Row 0 is the "
                    "initial survey. Havlena and Odeh (1963); Dake, Fundamentals of Reservoir "
                    "Engineering (1978).")))
    return rep
