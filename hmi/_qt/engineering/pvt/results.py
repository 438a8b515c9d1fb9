"""Showing a result: the table, the bubble-point banner and the values at one pressure.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QTableView,
)

from domain.engineering.pvt import FIELDS
from hmi._qt.engineering.common import tr
from hmi._qt.engineering.pvt.base import PvtTabBase
from hmi._qt.engineering.pvt.table_model import SYMBOLS
from hmi.components.engineering import pvt as m


class PvtResultsMixin(PvtTabBase):
    """Shows the model's result (or its error) in the table, banner and point box."""

    def _show_result(self) -> None:
        r = self.model.result
        s = self.system
        self._show_banner(r)
        self._show_point(r)
        self._show_plots(r)
        headers = m.table_labels(s, tr)
        if r is None:
            self.table_model.set_table(np.zeros((0, len(FIELDS))), None, headers)
        else:
            self.table_model.set_table(np.array(r.rows(s), dtype=float), r.pb_row, headers)
            if r.pb_row is not None:  # the break is the row an engineer looks for first
                QTimer.singleShot(0, self._scroll_to_pb)

    def _scroll_to_pb(self) -> None:
        row = self.table_model.pb_row
        if row is not None and row < self.table_model.rowCount():
            self.table.scrollTo(self.table_model.index(row, 0),
                                QTableView.ScrollHint.PositionAtCenter)

    def _show_banner(self, r: m.PvtResult | None) -> None:
        s = self.system
        if r is None:
            self.banner.setText(
                f"<span style='font-size:13pt; color:#5a5a5a'>{tr('Bubble-point pressure')}"
                f" —</span><br><span style='color:#5a5a5a'>"
                f"{tr('Enter the fluid and press Calculate.')}</span>")
            return
        t = f"{m.fmt_t(m.to_display('T', r.inputs.t_res_degf, s))} {m.input_unit('T', s)}"
        if r.bubble is None:
            head = tr("Dead oil (GOR = 0): no bubble point")
            details = ""
        else:
            pb = m.fmt_q(m.convert("pb_psia", r.pb_psia, s),
                         m.field_unit(m.field("pb_psia"), s))
            head = (f"{tr('Bubble-point pressure')} <b style='font-size:16pt'>{pb}</b>"
                    f" &nbsp;{tr('at')} {t}")
            b = r.bubble
            parts = []
            for name in ("rs_scf_stb", "bo_rb_stb", "mu_o_cp", "rho_o_lbft3"):
                spec = m.field(name)
                parts.append(f"{SYMBOLS.get(spec.key, spec.key)}b = "
                             + m.fmt_q(m.state_value(b, name, s), m.field_unit(spec, s)))
            details = tr("At the bubble point:") + " " + " · ".join(parts)
        corr = (f"{m.OIL_CORRELATIONS.get(r.inputs.correlation, '')} · z: "
                f"{m.Z_METHODS.get(r.inputs.z_method, '')}")
        self.banner.setText(
            f"<span style='font-size:13pt'>{head}</span><br>"
            f"<span style='color:#303030'>{details}</span>"
            f"<span style='color:#5a5a5a'>{' &nbsp;|&nbsp; ' if details else ''}{corr}</span>")

    def _show_point(self, r: m.PvtResult | None) -> None:
        s = self.system
        for name, lab in self.point_values.items():
            if r is None:
                lab.setText("—")
            else:
                lab.setText(m.fmt_q(m.state_value(r.point, name, s),
                                    m.field_unit(m.field(name), s)))
        if r is not None:
            sat = r.point.saturated
            self.point_heads["Oil"].setText(
                tr("Oil") + " – " + (tr("saturated (free gas)") if sat
                                     else tr("undersaturated")))
        else:
            self.point_heads["Oil"].setText(tr("Oil"))
