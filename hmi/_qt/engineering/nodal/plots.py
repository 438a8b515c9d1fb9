"""The tab's body and its plots: IPR and VLP curves with the operating point(s), and the
pressure traverse and holdup at the operating point.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from hmi._qt.engineering.common import COLORS, make_plot, tr
from hmi._qt.engineering.nodal.base import NodalTabBase
from hmi.components.engineering import nodal as nm

IPR_COLOR = "#1e8449"
VLP_COLOR = "#1f4e9c"
OP_COLOR = "#b03a2e"


def _legend_bottom_left(plot: pg.PlotWidget) -> None:
    legend = plot.getPlotItem().legend
    if legend is not None:
        legend.anchor((0, 1), (0, 1), offset=(10, -10))


class NodalPlotsMixin(NodalTabBase):
    """Lays out the body (``_build_body``) and draws the nodal and traverse plots."""

    def _build_body(self) -> None:
        self.plot = make_plot()
        self.plot.setMinimumWidth(340)
        pi = self.plot.getPlotItem()
        pi.setLimits(xMin=0, yMin=0)
        _legend_bottom_left(self.plot)
        self.trav_plot = make_plot()
        self.trav_plot.getPlotItem().invertY(True)
        self.trav_plot.setMinimumWidth(170)
        self.holdup_plot = make_plot()
        self.holdup_plot.getPlotItem().invertY(True)
        self.holdup_plot.setYLink(self.trav_plot)
        self.holdup_plot.setMinimumWidth(140)
        _legend_bottom_left(self.holdup_plot)
        legend = self.trav_plot.getPlotItem().legend
        if legend is not None:
            legend.hide()
        self.holdup_plot.getPlotItem().setXRange(0, 1.05, padding=0)
        top = QHBoxLayout()
        top.addWidget(self.plot, 5)
        top.addWidget(self.trav_plot, 3)
        top.addWidget(self.holdup_plot, 3)
        self.op_label = QLabel()
        self.op_label.setWordWrap(True)
        f = QFont(self.op_label.font())
        f.setPointSizeF(f.pointSizeF() * 1.2)
        f.setBold(True)
        self.op_label.setFont(f)
        self.results = QLabel()
        self.results.setTextFormat(Qt.TextFormat.RichText)
        self.results.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        left = QVBoxLayout()
        left.addWidget(self.op_label)
        left.addWidget(self.results)
        left.addStretch(1)
        self.table_title = QLabel()
        self.table_title.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumHeight(130)
        right = QVBoxLayout()
        right.addWidget(self.table_title)
        right.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addLayout(left, 1)
        bottom.addLayout(right, 1)
        host = QWidget()
        host.setLayout(bottom)
        host.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        host.setMaximumHeight(230)
        self.body.addLayout(top, 1)
        self.body.addWidget(host)

    def _draw_nodal(self) -> None:
        pi = self.plot.getPlotItem()
        pi.clear()
        d = self.model.display
        pi.setLabel("bottom", f"{tr('Liquid rate')} ({d.qu})")
        pi.setLabel("left", f"{tr('Flowing bottomhole pressure')} ({d.pu})")
        run = self.model.run
        if run is None:
            return
        res = run.result
        pi.plot(d.q(run.ipr_q), d.p(run.ipr_pwf), pen=pg.mkPen(IPR_COLOR, width=2.5),
                name=tr("IPR"))
        sens = self.model.sensitivity

        def vlp(y: np.ndarray) -> np.ndarray:
            return np.asarray(d.p(np.where(np.isfinite(y), y, np.nan)))

        if sens is None:
            pi.plot(d.q(res.rates_stb_d), vlp(res.vlp_pwf_psia), connect="finite",
                    pen=pg.mkPen(VLP_COLOR, width=2.5), name=tr("VLP"))
            points = [(res.operating_point, OP_COLOR, "")]
        else:
            palette = [c for c in COLORS if c not in (IPR_COLOR,)]
            points = []
            for k, c in enumerate(sens.cases):
                color = palette[k % len(palette)]
                name = (f"{nm.fmt(d.value(sens.variable, c.value), 3)} "
                        f"{d.value_unit(sens.variable)}")
                pi.plot(d.q(sens.rates_stb_d), vlp(c.vlp_pwf_psia), connect="finite",
                        pen=pg.mkPen(color, width=1.8, style=Qt.PenStyle.DashLine),
                        name=f"VLP {name}")
                points.append((c.operating_point, color, name))
        for op, color, _name in points:
            if op is None:
                continue
            x, y = float(d.q(op.rate_stb_d)), float(d.p(op.pwf_psia))
            pi.plot([x], [y], pen=None, symbol="o", symbolSize=11, symbolBrush=color,
                    symbolPen=pg.mkPen("#ffffff", width=1.5))
        op = res.operating_point
        if sens is None and op is not None:
            x, y = float(d.q(op.rate_stb_d)), float(d.p(op.pwf_psia))
            label = pg.TextItem(
                f"q = {nm.fmt(x)} {d.qu}\npwf = {nm.fmt(y)} {d.pu}", color=OP_COLOR,
                anchor=(1.05, -0.1), fill=pg.mkBrush(255, 255, 255, 200))
            label.setPos(x, y)
            pi.addItem(label)
        elif sens is None:
            msg = pg.TextItem(tr("No operating point:\nthe well cannot flow at this THP"),
                              color=OP_COLOR, anchor=(0.5, 0.5),
                              fill=pg.mkBrush(255, 255, 255, 220))
            msg.setPos(float(d.q(run.well.ipr.qmax_stb_d)) / 2, float(d.p(run.inputs.pr_psia)) / 2)
            pi.addItem(msg)
        pi.enableAutoRange()
        pi.setTitle(tr("Inflow (IPR) and outflow (VLP)"), color="#303030", size="10pt")

    def _draw_traverse(self) -> None:
        tp = self.trav_plot.getPlotItem()
        hp = self.holdup_plot.getPlotItem()
        tp.clear()
        hp.clear()
        d = self.model.display
        tp.setLabel("left", f"{tr('Measured depth')} ({d.du})")
        tp.setLabel("bottom", f"{tr('Pressure')} ({d.pu})")
        hp.setLabel("bottom", tr("Liquid holdup (fraction)"))
        tp.setTitle(tr("Traverse at the operating point"), color="#303030", size="10pt")
        hp.setTitle(tr("Holdup and flow pattern"), color="#303030", size="10pt")
        run = self.model.run
        if run is None or run.traverse is None:
            return
        t = run.traverse
        md = np.asarray(d.d(t.md_ft))
        tp.plot(d.p(t.p_psia), md, pen=pg.mkPen(VLP_COLOR, width=2.2), name=tr("Pressure"))
        hp.plot(t.holdup, md, pen=pg.mkPen(COLORS[5], width=2), name=tr("Holdup"))
        hp.plot(t.no_slip_holdup, md, pen=pg.mkPen(COLORS[6], width=1.2,
                                                   style=Qt.PenStyle.DashLine),
                name=tr("No-slip"))
        pattern_colors = ["#4d4d4d", "#b9770e", "#7d3c98", "#a04000", "#1f4e9c", "#1e8449",
                          "#117a8b", "#b03a2e"]
        for pat in sorted(set(int(p) for p in t.pattern)):
            mask = t.pattern == pat
            name = tr(nm.PATTERN_NAMES.get(nm.FlowPattern(pat), "?"))
            hp.plot(t.holdup[mask], md[mask], pen=None, symbol="s", symbolSize=6,
                    symbolBrush=pattern_colors[pat % len(pattern_colors)], symbolPen=None,
                    name=name)
        hp.setXRange(0, 1.05, padding=0)
        tp.enableAutoRange()
