"""The last run as a printable chart, tables and a :class:`hmi.reports.Report`.
"""

from __future__ import annotations

import math

import numpy as np

from domain.engineering.flow import (
    FlowPattern,
    OperatingPoint,
)
from hmi.reports import Chart, KeyValues, Note, Report, Series, Table

from .display import PATTERN_NAMES, _finite_or_nan, fin, fmt
from .inputs import CORRELATION_NAMES, variable_label
from .summary import NodalSummary
from .translate import tr


class NodalReport(NodalSummary):
    """The IPR/VLP chart, the traverse and curve tables, and the exported report."""

    # report --------------------------------------------------------------------------------

    def chart(self) -> Chart:
        """The IPR/VLP plot for print. Operating points are drawn as crosses (a short line
        pair, NaN-separated) in their VLP's series, so a family adds no legend entries."""
        run = self.run
        assert run is not None
        d = self.display
        res = run.result
        ipr_q, ipr_p = np.asarray(d.q(run.ipr_q)), np.asarray(d.p(run.ipr_pwf))
        dx, dy = 0.015 * float(np.max(ipr_q)), 0.025 * float(np.max(ipr_p))

        def cross(op: OperatingPoint | None) -> tuple[list[float], list[float]]:
            if op is None:
                return [], []
            x, y = float(d.q(op.rate_stb_d)), float(d.p(op.pwf_psia))
            nan = math.nan
            return ([nan, x - dx, x + dx, nan, x, x], [nan, y, y, nan, y - dy, y + dy])

        series = [Series(tr("IPR"), list(ipr_q), list(ipr_p), color="#1e8449")]
        s = self.sensitivity
        if s is None:
            series.append(Series(tr("VLP"), list(d.q(res.rates_stb_d)),
                                 list(d.p(_finite_or_nan(res.vlp_pwf_psia))), color="#1f4e9c"))
            cx, cy = cross(res.operating_point)
            if cx:
                series.append(Series(tr("Operating point"), cx[1:], cy[1:], color="#b03a2e"))
        else:
            for c in s.cases:
                cx, cy = cross(c.operating_point)
                series.append(Series(
                    f"VLP {fmt(d.value(s.variable, c.value), 3)} {d.value_unit(s.variable)}",
                    list(d.q(s.rates_stb_d)) + cx,
                    list(d.p(_finite_or_nan(c.vlp_pwf_psia))) + cy))
        return Chart(tr("Inflow (IPR) and outflow (VLP)"), f"{tr('Liquid rate')} ({d.qu})",
                     f"{tr('Flowing bottomhole pressure')} ({d.pu})", series)

    def build_report(self) -> Report:
        run = self.run
        if run is None:
            raise ValueError(tr("Nothing to export yet: press Calculate first."))
        d = self.display
        i = run.inputs
        subtitle = (f"{CORRELATION_NAMES[i.correlation]} — THP {fin(d.p(i.thp_psia))} {d.pu}"
                    f" — {run.well.ipr_summary[0][1]}")
        r = Report(tr("Nodal analysis (inflow / outflow)"), subtitle)
        r.add(KeyValues(tr("Results"), self.result_items()))
        if run.result.operating_point is None:
            r.add(Note(self.dead_message()))
        r.add(self.chart())
        s = self.sensitivity
        if s is not None:
            r.add(Table(tr("Sensitivity: %1").replace("%1", variable_label(s.variable)),
                        self.sensitivity_header(),
                        [[v, "—" if q is None else q, "—" if p is None else p]
                         for v, q, p in self.sensitivity_rows()]))
            if s.note:
                r.add(Note(s.note))
        r.add(KeyValues(tr("Inputs"), self.input_items()))
        trav = run.traverse
        if trav is not None:
            r.add(Chart(tr("Pressure traverse at the operating point"),
                        f"{tr('Measured depth')} ({d.du})", f"{tr('Pressure')} ({d.pu})",
                        [Series(tr("Pressure"), list(d.d(trav.md_ft)), list(d.p(trav.p_psia)))]))
            r.add(self.traverse_table())
        r.add(self.curves_table())
        r.add(Note(tr("IPR and VLP at the bottomhole node (mid-perforations). VLP by %1 "
                      "with a black-oil fluid (Standing); rates are stock-tank liquid.")
                   .replace("%1", CORRELATION_NAMES[i.correlation])))
        return r

    def traverse_table(self) -> Table:
        run = self.run
        assert run is not None and run.traverse is not None
        t = run.traverse
        d = self.display
        rows = [[float(d.d(t.md_ft[k])), float(d.d(t.tvd_ft[k])), float(d.p(t.p_psia[k])),
                 float(d.t(t.t_degf[k])), float(t.holdup[k]),
                 tr(PATTERN_NAMES.get(FlowPattern(int(t.pattern[k])), "?"))]
                for k in range(t.md_ft.size)]
        return Table(tr("Traverse table"),
                     [f"MD ({d.du})", f"TVD ({d.du})", f"{tr('Pressure')} ({d.pu})",
                      f"{tr('Temperature')} ({d.tu})", tr("Liquid holdup"), tr("Flow pattern")],
                     rows)

    def curves_table(self) -> Table:
        """The curves on the shared rate grid (all VLPs of a family side by side)."""
        run = self.run
        assert run is not None
        d = self.display
        res = run.result
        q = res.rates_stb_d
        header = [f"{tr('Liquid rate')} ({d.qu})", f"IPR pwf ({d.pu})", f"VLP pwf ({d.pu})"]
        cols = [d.q(q), d.p(res.ipr_pwf_psia), d.p(_finite_or_nan(res.vlp_pwf_psia))]
        s = self.sensitivity
        if s is not None:
            for c in s.cases:
                header.append(f"VLP {fmt(d.value(s.variable, c.value), 3)} "
                              f"{d.value_unit(s.variable)} ({d.pu})")
                cols.append(d.p(_finite_or_nan(c.vlp_pwf_psia)))
        rows = [[float(col[k]) for col in cols] for k in range(q.size)]
        return Table(tr("IPR and VLP curves"), header, rows)
