"""Trends: pyqtgraph chart, one axis per pen, live or historical.

Pan/zoom asks TrendModel for the new range (debounced there), and the edge returns a
decimated range; min/max envelopes keep spikes visible. A bucket with non-GOOD samples is
marked with a hollow symbol, so history never looks better than it was.
"""

from __future__ import annotations

import bisect
import csv
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hmi._qt import theme
from hmi._qt.context import AppContext
from hmi.components.trend import PRESETS, Pen, TrendModel
from hmi.components.units import display_units

LIVE_TICK_MS = 5000


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


class TrendsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = TrendModel(ctx.client.trend)
        self._applying = False
        pg.setConfigOptions(antialias=True, background="#efefef", foreground="#303030")
        self.axis = pg.DateAxisItem(orientation="bottom")
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis})
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.main_vb = self.plot.getPlotItem().getViewBox()
        self.main_vb.sigXRangeChanged.connect(self._on_view_range)
        self.views: list[pg.ViewBox] = []
        self.axes: list[pg.AxisItem] = []
        self.curves: list[tuple[pg.PlotDataItem, pg.FillBetweenItem | None,
                                pg.ScatterPlotItem]] = []
        self.crosshair = pg.InfiniteLine(angle=90, movable=False,
                                      pen=pg.mkPen("#555555", style=Qt.PenStyle.DashLine))
        self.plot.addItem(self.crosshair, ignoreBounds=True)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse)
        self.main_vb.sigResized.connect(self._sync_views)

        self.title = QLabel()
        self.title.setObjectName("title")
        self.tag_box = QComboBox()
        self.tag_box.setEditable(True)
        self.tag_box.setMinimumWidth(240)
        self.add = QPushButton()
        self.add.clicked.connect(self._add_current)
        self.clear = QPushButton()
        self.clear.clicked.connect(self._clear)
        self.presets: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        bar.addWidget(self.tag_box)
        bar.addWidget(self.add)
        bar.addWidget(self.clear)
        bar.addSpacing(20)
        for key in PRESETS:
            b = QPushButton(key)
            b.clicked.connect(lambda _=False, k=key: self.model.set_preset(k))
            bar.addWidget(b)
            self.presets[key] = b
        self.live = QLabel()
        bar.addWidget(self.live)
        bar.addStretch(1)
        self.export_csv = QPushButton()
        self.export_png = QPushButton()
        self.export_csv.clicked.connect(self._export_csv)
        self.export_png.clicked.connect(self._export_png)
        bar.addWidget(self.export_csv)
        bar.addWidget(self.export_png)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.readout = QLabel()
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.status = QLabel()
        self.status.setObjectName("dim")
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addLayout(bar)
        lay.addWidget(self.legend)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.readout)
        lay.addWidget(self.status)
        self.model.pens_changed.connect(self._rebuild_pens)
        self.model.data_changed.connect(self._draw)
        self.model.range_changed.connect(self._apply_range)
        ctx.tags.defined.connect(self._fill_tags)
        ctx.units.changed.connect(self._on_units)
        ctx.open_trend.connect(self.show_tags)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.model.follow_live)
        self._timer.start(LIVE_TICK_MS)
        self.retranslate()
        self._fill_tags()
        self._apply_range()

    def retranslate(self) -> None:
        self.title.setText(tr("Trends"))
        self.add.setText(tr("Add pen"))
        self.clear.setText(tr("Remove all"))
        self.export_csv.setText(tr("Export CSV…"))
        self.export_png.setText(tr("Export PNG…"))
        self._update_live()
        self._rebuild_legend()

    def _on_units(self, _system: object) -> None:
        self._rebuild_pens()
        self._draw()

    def _fill_tags(self) -> None:
        current = self.tag_box.currentText()
        self.tag_box.clear()
        self.tag_box.addItems(sorted(self.ctx.tags.infos))
        self.tag_box.setCurrentText(current)

    def show_tags(self, tags: list[str]) -> None:
        for t in tags:
            self.add_tag(t)

    def add_tag(self, tag: str) -> bool:
        info = self.ctx.tags.info(tag)
        if info is None:
            self.status.setText(tr("Unknown tag: %1").replace("%1", tag))
            return False
        return self.model.add_pen(Pen(tag=tag, units=info.units, description=info.description))

    def _add_current(self) -> None:
        self.add_tag(self.tag_box.currentText().strip())

    def _clear(self) -> None:
        for p in list(self.model.pens):
            self.model.remove_pen(p.tag)

    # -- axes and curves ---------------------------------------------------------------------
    def _rebuild_pens(self) -> None:
        pi = self.plot.getPlotItem()
        for vb in self.views:
            self.plot.scene().removeItem(vb)
        for ax in self.axes:
            pi.layout.removeItem(ax)
            self.plot.scene().removeItem(ax)
        for curve, fill, scatter in self.curves:
            for item in (curve, fill, scatter):
                if item is not None and item.getViewBox() is self.main_vb:
                    self.main_vb.removeItem(item)
        self.views, self.axes, self.curves = [], [], []
        for i, pen in enumerate(self.model.pens):
            color = theme.PEN_COLORS[i % len(theme.PEN_COLORS)]
            units = self.ctx.units.units(pen.units)
            if i == 0:
                vb = self.main_vb
                ax = pi.getAxis("left")
            else:
                vb = pg.ViewBox()
                ax = pg.AxisItem("right")
                pi.layout.addItem(ax, 2, 2 + i)
                self.plot.scene().addItem(vb)
                ax.linkToView(vb)
                vb.setXLink(self.main_vb)
                self.views.append(vb)
                self.axes.append(ax)
            ax.setLabel(f"{pen.tag} [{units}]", color=color)
            ax.setPen(pg.mkPen(color))
            ax.setTextPen(pg.mkPen(color))
            # 1 px pens, clip to view and peak downsampling: a pan redraws what the screen can
            # show, not every point (bench/hmi.py: 1.6 px pens alone cost ~20x per frame).
            curve = pg.PlotDataItem(pen=pg.mkPen(color, width=1))
            curve.setClipToView(True)
            curve.setDownsampling(auto=True, method="peak")
            scatter = pg.ScatterPlotItem(size=7, symbol="o", pen=pg.mkPen(color),
                                         brush=pg.mkBrush("#efefef"))
            vb.addItem(curve)
            vb.addItem(scatter)
            self.curves.append((curve, None, scatter))
        self._sync_views()
        self._rebuild_legend()

    def _sync_views(self) -> None:
        for vb in self.views:
            vb.setGeometry(self.main_vb.sceneBoundingRect())
            vb.linkedViewChanged(self.main_vb, vb.XAxis)

    def _rebuild_legend(self) -> None:
        parts = []
        for i, pen in enumerate(self.model.pens):
            color = theme.PEN_COLORS[i % len(theme.PEN_COLORS)]
            parts.append(f"<span style='color:{color}'>■</span> <b>{pen.tag}</b> "
                         f"{pen.description} [{self.ctx.units.units(pen.units)}]")
        self.legend.setText("&nbsp;&nbsp;&nbsp;".join(parts) or tr("No pens: add a tag above"))

    def _draw(self) -> None:
        for (curve, _fill, scatter), pen in zip(self.curves, self.model.pens, strict=False):
            s = self.model.data.get(pen.tag)
            if s is None:
                continue
            conv = self.ctx.units.converter(pen.units)
            t = np.asarray(s.t, dtype=float)
            y = np.asarray([conv(v) for v in s.avg], dtype=float)
            curve.setData(t, y, connect="finite")
            bad = np.asarray(s.suspect, dtype=bool)
            if bad.any():
                scatter.setData(t[bad], y[bad])
            else:
                scatter.clear()
        if self.model.error:
            self.status.setText(tr("Some data could not be loaded: %1")
                                .replace("%1", self.model.error))
        else:
            self.status.setText(tr("Hollow circles: periods with bad or missing samples. "
                                   "Requests so far: %n").replace("%n", str(self.model.fetches)))

    # -- range -------------------------------------------------------------------------------
    def _apply_range(self) -> None:
        self._applying = True
        try:
            self.main_vb.setXRange(self.model.start.timestamp(), self.model.end.timestamp(),
                                   padding=0)
        finally:
            self._applying = False
        self._update_live()

    def _update_live(self) -> None:
        self.live.setText("● " + tr("LIVE") if self.model.live else "‖ " + tr("HISTORICAL"))

    def _on_view_range(self, _vb: object, rng: tuple[float, float]) -> None:
        if self._applying:
            return
        start = datetime.fromtimestamp(rng[0], UTC)
        end = datetime.fromtimestamp(rng[1], UTC)
        self.model.live = False
        self.model.request_range(start, end)
        self._update_live()

    # -- cursor ------------------------------------------------------------------------------
    def _on_mouse(self, pos: QPointF) -> None:
        if not self.plot.sceneBoundingRect().contains(pos):
            return
        x = self.main_vb.mapSceneToView(pos).x()
        self.crosshair.setPos(x)
        parts = [f"{datetime.fromtimestamp(x):%d/%m %H:%M:%S}"]
        for i, pen in enumerate(self.model.pens):
            s = self.model.data.get(pen.tag)
            if not s or not s.t:
                continue
            j = min(max(bisect.bisect_left(s.t, x), 0), len(s.t) - 1)
            v = self.ctx.units.converter(pen.units)(s.avg[j])
            color = theme.PEN_COLORS[i % len(theme.PEN_COLORS)]
            mark = " ?" if s.suspect[j] else ""
            parts.append(f"<span style='color:{color}'>■</span> {pen.tag}: <b>{v:.2f}</b> "
                         f"{display_units(self.ctx.units.units(pen.units))}{mark}")
        self.readout.setText("&nbsp;&nbsp; ".join(parts))

    # -- export ------------------------------------------------------------------------------
    def _export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export CSV"), "tendencia.csv",
                                              "CSV (*.csv)")
        if path:
            self.write_csv(Path(path))

    def write_csv(self, path: Path) -> None:
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(["tag", "time", "avg", "min", "max", "suspect", "units"])
            for pen in self.model.pens:
                s = self.model.data.get(pen.tag)
                if s is None:
                    continue
                conv = self.ctx.units.converter(pen.units)
                for t, a, lo, hi, bad in zip(s.t, s.avg, s.vmin, s.vmax, s.suspect,
                                             strict=True):
                    w.writerow([pen.tag, datetime.fromtimestamp(t, UTC).isoformat(), conv(a),
                                conv(lo), conv(hi), int(bad), self.ctx.units.units(pen.units)])

    def _export_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export PNG"), "tendencia.png",
                                              "PNG (*.png)")
        if path:
            self.plot.grab().save(path, "PNG")
