"""The tab's body (history table, straight-line plot, side plots, summary) and drawing one
plot.
"""

from __future__ import annotations

import html
import math

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hmi._qt.engineering.common import COLORS, make_plot, tr
from hmi._qt.engineering.matbal.base import MatbalTabBase
from hmi._qt.engineering.matbal.table_model import HistoryTableModel
from hmi.components.engineering import matbal as m


class MatbalPlotsMixin(MatbalTabBase):
    """Lays out the body (``_build_body``) and draws a :class:`PlotSpec` into a plot."""

    def _build_body(self) -> None:
        self.history_box = QGroupBox()
        hb = QVBoxLayout(self.history_box)
        hb.setContentsMargins(6, 6, 6, 6)
        tools = QHBoxLayout()
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_rows)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self._ask_import)
        self.example_button = QToolButton()
        self.example_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.example_menu = QMenu(self.example_button)
        self.example_actions: dict[str, QAction] = {}
        for key in m.EXAMPLES:
            act = self.example_menu.addAction("")
            act.triggered.connect(lambda _c=False, k=key: self.load_example(k))
            self.example_actions[key] = act
        self.example_button.setMenu(self.example_menu)
        for w in (self.add_button, self.remove_button, self.import_button,
                  self.example_button):
            tools.addWidget(w)
        self.data_label = QLabel()
        self.data_label.setStyleSheet("color: #5a5a5a;")
        self.data_label.setWordWrap(True)  # a long example title must not widen the window
        self.data_label.setMinimumWidth(60)
        tools.addWidget(self.data_label, 1)
        hb.addLayout(tools)
        self.table_model = HistoryTableModel(self)
        self.table_view = QTableView()
        self.table_view.setModel(self.table_model)
        self.table_view.setAlternatingRowColors(True)
        self.table_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table_view.horizontalHeader().setStretchLastSection(False)
        self.table_view.horizontalHeader().setMinimumSectionSize(70)
        self.table_view.verticalHeader().setDefaultSectionSize(22)
        hb.addWidget(self.table_view)

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setMargin(6)
        summary_scroll = QScrollArea()
        summary_scroll.setWidget(self.summary)
        summary_scroll.setWidgetResizable(True)
        summary_scroll.setFrameShape(QFrame.Shape.StyledPanel)
        summary_scroll.setMinimumWidth(290)
        summary_scroll.setMaximumWidth(320)

        self.main_plot = make_plot()
        self.side_tabs = QTabWidget()
        self.side_plots: dict[str, pg.PlotWidget] = {}
        for key in ("drive", "withdrawal", "cole", "havlena_odeh"):
            p = make_plot()
            self.side_plots[key] = p
            self.side_tabs.addTab(p, "")

        results = QWidget()
        rl = QHBoxLayout(results)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(summary_scroll)
        rl.addWidget(self.main_plot, 1)
        rl.addWidget(self.side_tabs, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.history_box)
        self.splitter.addWidget(results)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([300, 480])
        self.splitter.setChildrenCollapsible(False)
        self.body.addWidget(self.splitter)

    def _draw(self, w: pg.PlotWidget, spec: m.PlotSpec | None) -> None:
        item = w.getPlotItem()
        item.clear()
        if item.legend is not None:
            item.legend.clear()
        if spec is None:
            item.setTitle("")
            return
        title = tr(spec.title).split(" (")[0]  # the long form is in the report
        item.setTitle(f"<span style='font-size:10pt'>{html.escape(title)}</span>")
        item.setLabel("bottom", tr(spec.x_label))
        item.setLabel("left", tr(spec.y_label))
        for s in spec.series:
            color = COLORS[s.color % len(COLORS)]
            name = tr(s.name)
            if s.style == "points":
                item.plot(s.x, s.y, pen=None, symbol="o", symbolSize=8, symbolBrush=color,
                          symbolPen=pg.mkPen(color), name=name)
            elif s.style == "hollow":
                item.plot(s.x, s.y, pen=None, symbol="o", symbolSize=8, symbolBrush=None,
                          symbolPen=pg.mkPen(color, width=1.5), name=name)
            else:
                style = Qt.PenStyle.DashLine if s.style == "dash" else Qt.PenStyle.SolidLine
                item.plot(s.x, s.y, pen=pg.mkPen(color, width=2, style=style), name=name,
                          connect="finite")
        item.enableAutoRange()
        if spec.key == "drive":
            top = max([1.05, *(float(v) for sp in spec.series for v in sp.y
                                if math.isfinite(float(v)))])
            bottom = min([0.0, *(float(v) for sp in spec.series for v in sp.y
                                 if math.isfinite(float(v)))])
            item.setYRange(bottom, min(top, 2.0), padding=0.02)
        if item.legend is not None:
            item.legend.setBrush(pg.mkBrush(255, 255, 255, 210))
            corner = _emptiest_corner(spec)
            offset = (10 if corner[0] == 0 else -10, 10 if corner[1] == 0 else -10)
            item.legend.anchor(itemPos=corner, parentPos=corner, offset=offset)


def _emptiest_corner(spec: m.PlotSpec) -> tuple[int, int]:
    """The plot corner (x, y; 0 = left/top) with the fewest data points, for the legend."""
    xs = [float(v) for s in spec.series for v in s.x]
    ys = [float(v) for s in spec.series for v in s.y]
    pts = [(x, y) for x, y in zip(xs, ys, strict=True) if math.isfinite(x) and math.isfinite(y)]
    if not pts:
        return (1, 0)
    x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
    y0, y1 = min(p[1] for p in pts), max(p[1] for p in pts)
    counts: dict[tuple[int, int], int] = {(1, 0): 0, (0, 0): 0, (1, 1): 0, (0, 1): 0}
    for x, y in pts:
        fx = (x - x0) / (x1 - x0) if x1 > x0 else 0.5
        fy = (y1 - y) / (y1 - y0) if y1 > y0 else 0.5
        for cx, cy in counts:
            if abs(fx - cx) < 0.5 and abs(fy - cy) < 0.45:
                counts[(cx, cy)] += 1
    return min(counts, key=lambda c: counts[c])  # ties: top right first
