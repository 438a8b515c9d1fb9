"""The tab's body (banner, table, one-pressure box, property plots) and the plots' curves.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hmi._qt.engineering.common import COLORS, make_plot, tr
from hmi._qt.engineering.pvt.base import PvtTabBase
from hmi._qt.engineering.pvt.table_model import PvtTableModel
from hmi.components.engineering import pvt as m

#: height (fraction of the plot) of the "pb" label where the curve is not (Rs and Bo peak
#: at pb, so their label goes low)
LABEL_AT = {"rs_scf_stb": 0.08, "bo_rb_stb": 0.08}


class PvtPlotsMixin(PvtTabBase):
    """Lays out the body (``_build_body``) and draws every property against pressure."""

    def _build_body(self) -> None:
        self.banner = QLabel()
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel { background: #eef2f8; border: 1px solid #c9d3e3; "
                                  "border-radius: 4px; padding: 6px 10px; }")
        self.body.addWidget(self.banner)

        self.plots: dict[str, pg.PlotWidget] = {}
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        for i, (name, _title) in enumerate(m.PLOTS):
            w = make_plot(log_y=name in m.LOG_PLOTS)
            w.setMinimumHeight(170)
            legend = w.getPlotItem().legend
            if legend is not None:
                legend.hide()
            self.plots[name] = w
            grid.addWidget(w, i // 3, i % 3)

        self.table_model = PvtTableModel()
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(20)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(72)
        self.table.setWordWrap(False)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(grid_host)
        left.addWidget(self.table)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setChildrenCollapsible(False)
        left.setSizes([460, 260])

        self.point_box = QGroupBox()
        pv = QVBoxLayout(self.point_box)
        pform = QGridLayout()
        for r, attr in enumerate(("p_point_psia", "t_point_degf")):
            lab = QLabel()
            self._labels[attr] = lab
            pform.addWidget(lab, r, 0)
            pform.addWidget(self.fields[attr], r, 1)
        pv.addLayout(pform)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #c8c8c8;")
        pv.addWidget(line)
        self.point_grid = QGridLayout()
        self.point_grid.setVerticalSpacing(2)
        self.point_values: dict[str, QLabel] = {}
        self.point_names: dict[str, QLabel] = {}
        self.point_heads: dict[str, QLabel] = {}
        row = 0
        for group, names in m.GROUPS:
            head = QLabel()
            head.setStyleSheet("font-weight: 600; color: #1f4e9c; padding-top: 4px;")
            self.point_heads[group] = head
            self.point_grid.addWidget(head, row, 0, 1, 2)
            row += 1
            for name in names:
                n_lab, v_lab = QLabel(), QLabel()
                v_lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                v_lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.point_names[name], self.point_values[name] = n_lab, v_lab
                self.point_grid.addWidget(n_lab, row, 0)
                self.point_grid.addWidget(v_lab, row, 1)
                row += 1
        pv.addLayout(self.point_grid)
        pv.addStretch(1)
        self.point_box.setMinimumWidth(250)
        self.point_box.setMaximumWidth(330)
        self.point_box.setSizePolicy(QSizePolicy.Policy.Preferred,
                                     QSizePolicy.Policy.Expanding)

        mid = QHBoxLayout()
        mid.addWidget(left, 1)
        mid.addWidget(self.point_box)
        self.body.addLayout(mid, 1)

    def _show_plots(self, r: m.PvtResult | None) -> None:
        s = self.system
        p_unit = m.field_unit(m.field("p_psia"), s)
        for name, title in m.PLOTS:
            w = self.plots[name]
            item = w.getPlotItem()
            item.clear()
            unit = m.field_unit(m.field(name), s)
            item.setTitle(f"{tr(title)} [{unit}]" if unit != "–" else tr(title),
                          size="9pt", color="#303030")
            item.setLabel("bottom", f"p [{p_unit}]")
            if r is None:
                continue
            x = r.column("p_psia", s)
            y = r.column(name, s)
            item.plot(x, y, pen=pg.mkPen(COLORS[0], width=2))
            if r.pb_psia > 0 and r.inputs.p_min_psia <= r.pb_psia <= r.inputs.p_max_psia:
                pb = m.convert("pb_psia", r.pb_psia, s)
                line = pg.InfiniteLine(
                    pos=pb, angle=90, movable=False,
                    pen=pg.mkPen(COLORS[1], width=1.5, style=Qt.PenStyle.DashLine),
                    label="pb", labelOpts={"position": LABEL_AT.get(name, 0.92),
                                           "color": COLORS[1],
                                           "anchors": [(0, 0.5), (0, 0.5)]})
                item.addItem(line)
            item.enableAutoRange()
