"""Trends: pyqtgraph chart, one axis per pen, live or historical.

Pan/zoom asks TrendModel for the new range (debounced there), and the edge returns a
decimated range; min/max envelopes keep spikes visible. A bucket with non-GOOD samples is
marked with a hollow symbol, so history never looks better than it was.

Trend sets: the operator saves the pens (with their Y axes as shown and colours) and the time
span under a name, and loads or deletes one from the list at the top right
(``hmi.components.trend_sets``: per-user JSON files on this PC).
"""

from __future__ import annotations

import bisect
import csv
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hmi._qt import theme
from hmi._qt.context import AppContext
from hmi.components.trend import PRESETS, Pen, TrendModel, csv_rows
from hmi.components.trend_sets import (
    PenSetting,
    TrendSetError,
    TrendSetStore,
    check_name,
)
from hmi.components.units import display_units

LIVE_TICK_MS = 5000
#: the theme's 8 pen colours and 4 more, so each of up to MAX_PENS (12) pens has its own
PEN_COLORS = theme.PEN_COLORS
#: auto peak downsampling keeps about this many (min, max) buckets per pixel column; one is the
#: exact envelope a 1 px pen can show (pyqtgraph's default, 5, strokes 10 points a column)
DOWNSAMPLE_PER_PX = 1.0


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # lupdate files module-level tr() under ""


class _FastTicks:
    """Axis drawing with its tick and grid lines filled as 1 px rectangles.

    pyqtgraph draws the grid as translucent tick lines of the axes (the left axis's across
    the plot, the bottom one's down it), so those two axes cover the plot area and are
    repainted at every pan frame, even when their ticks did not change. Qt's raster engine
    strokes an aliased translucent line pixel by pixel: the left axis's ~70 grid lines took
    6–16 ms a paint (bench/hmi.py). A 1 px filled rectangle covers the same pixels with the
    same colour in row-long spans (~0.1 ms); a pixel comparison of the screen found 26 of
    1.6 M pixels different (a few right-axis ticks that sit on half pixels, one pixel off).
    Same order as ``AxisItem.drawPicture`` (axis line, ticks, then the labels clipped to the
    axis); a line that is not axis-parallel, or not a solid 1 px cosmetic pen, is stroked as
    before."""

    def drawPicture(self, p: QPainter, axisSpec: tuple, tickSpecs: list,
                    textSpecs: list) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        pen, p1, p2 = axisSpec
        p.setPen(pen)
        p.drawLine(p1, p2)
        for pen, p1, p2 in tickSpecs:
            x1, y1, x2, y2 = p1.x(), p1.y(), p2.x(), p2.y()
            if (pen.style() == Qt.PenStyle.SolidLine and pen.isCosmetic()
                    and pen.widthF() <= 1.0 and (x1 == x2 or y1 == y2)):
                # the pixels an aliased 1 px line from p1 to p2 covers, both ends included
                p.fillRect(QRectF(min(x1, x2) - 0.5, min(y1, y2) - 0.5,
                                  abs(x2 - x1) + 1.0, abs(y2 - y1) + 1.0), pen.color())
            else:
                p.setPen(pen)
                p.drawLine(p1, p2)
        if self.style["tickFont"] is not None:  # type: ignore[attr-defined]
            p.setFont(self.style["tickFont"])  # type: ignore[attr-defined]
        p.setPen(self.textPen())  # type: ignore[attr-defined]
        p.setClipRect(self.boundingRect().toAlignedRect())  # type: ignore[attr-defined]
        for rect, flags, text in textSpecs:
            p.drawText(rect, int(flags), text)


class TrendAxis(_FastTicks, pg.AxisItem):
    """A pen's Y axis (the first pen's carries the horizontal grid)."""


class TrendTimeAxis(_FastTicks, pg.DateAxisItem):
    """The time axis (carries the vertical grid)."""


class TrendCurve(pg.PlotDataItem):
    """One pen's curve: 1 px, clipped to the view, peak-downsampled to about one (min, max)
    bucket per pixel column, so a pan redraws what the screen can show, not every point
    (bench/hmi.py).

    Its Y extent, which the pen's automatic axis fits, is that of the whole series loaded
    (computed once per data set), not of the part clip-to-view keeps on screen: panning does
    not move the automatic Y axes (nor redraw their ticks, labels and grid) at every frame of
    a drag; they fit the data again when the refetched range arrives, which then spans the
    view."""

    def __init__(self, color: str) -> None:
        super().__init__(pen=pg.mkPen(color, width=1))
        self.setClipToView(True)
        self.opts["autoDownsampleFactor"] = DOWNSAMPLE_PER_PX
        self.setDownsampling(auto=True, method="peak")
        self._bounds_of: np.ndarray | None = None
        self._y_bounds: tuple[float, float] | tuple[None, None] = (None, None)

    def dataBounds(self, ax: int, frac: float = 1.0,
                   orthoRange: tuple[float, float] | None = None
                   ) -> tuple[float, float] | tuple[None, None]:
        if ax != 1 or frac < 1.0 or orthoRange is not None:
            return super().dataBounds(ax, frac, orthoRange)
        _x, y = self.getOriginalDataset()
        if y is None or len(y) == 0:
            return (None, None)
        if self._bounds_of is not y:
            finite = y[np.isfinite(y)]
            self._y_bounds = ((float(finite.min()), float(finite.max())) if len(finite)
                              else (None, None))
            self._bounds_of = y
        return self._y_bounds


class TrendsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 store: TrendSetStore | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = TrendModel(ctx.client.trend)
        self.store = store if store is not None else TrendSetStore()
        #: the set last loaded or saved (the default name when saving again)
        self.current_set: str | None = None
        self._applying = False
        pg.setConfigOptions(antialias=True, background="#efefef", foreground="#303030")
        self.axis = TrendTimeAxis(orientation="bottom")
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis,
                                             "left": TrendAxis(orientation="left")})
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.main_vb = self.plot.getPlotItem().getViewBox()
        self.main_vb.sigXRangeChanged.connect(self._on_view_range)
        self.views: list[pg.ViewBox] = []
        self.axes: list[pg.AxisItem] = []
        self.curves: list[tuple[TrendCurve, pg.FillBetweenItem | None,
                                pg.ScatterPlotItem]] = []
        self.crosshair = pg.InfiniteLine(angle=90, movable=False,
                                      pen=pg.mkPen("#555555", style=Qt.PenStyle.DashLine))
        self.plot.addItem(self.crosshair, ignoreBounds=True)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse)
        self.main_vb.sigResized.connect(self._sync_views)

        self.title = QLabel()
        self.title.setObjectName("title")
        self.sets_label = QLabel()
        self.sets = QComboBox()
        self.sets.setMinimumWidth(260)
        self.sets.activated.connect(self._on_set_chosen)
        self.sets.currentIndexChanged.connect(self._update_set_buttons)
        self.save_set = QPushButton()
        self.save_set.clicked.connect(self._save_set)
        self.delete_set = QPushButton()
        self.delete_set.clicked.connect(self._delete_set)
        self.set_message = QLabel()
        self.set_message.setObjectName("dim")
        self.set_message.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(24)
        top.addWidget(self.set_message, 1)
        top.addWidget(self.sets_label)
        top.addWidget(self.sets)
        top.addWidget(self.save_set)
        top.addWidget(self.delete_set)
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
        lay.addLayout(top)
        lay.addLayout(bar)
        lay.addWidget(self.legend)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.readout)
        lay.addWidget(self.status)
        self.model.pens_changed.connect(self._rebuild_pens)
        self.model.pens_changed.connect(self._update_set_buttons)
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
        self.refresh_sets()

    def retranslate(self) -> None:
        self.title.setText(tr("Trends"))
        self.add.setText(tr("Add pen"))
        self.clear.setText(tr("Remove all"))
        self.export_csv.setText(tr("Export CSV…"))
        self.export_png.setText(tr("Export PNG…"))
        self.sets_label.setText(tr("Trend set"))
        self.save_set.setText(tr("Save as…"))
        self.delete_set.setText(tr("Delete"))
        self.save_set.setToolTip(tr("Save the pens, their axes and the time span under a name"))
        if self.sets.count():
            self.sets.setItemText(0, tr("— saved trend sets —"))
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
            color = self._color(i, pen)
            units = self.ctx.units.units(pen.units)
            if i == 0:
                vb = self.main_vb
                ax = pi.getAxis("left")
            else:
                vb = pg.ViewBox()
                ax = TrendAxis("right")
                pi.layout.addItem(ax, 2, 2 + i)
                self.plot.scene().addItem(vb)
                ax.linkToView(vb)
                vb.setXLink(self.main_vb)
                self.views.append(vb)
                self.axes.append(ax)
            ax.setLabel(f"{pen.tag} [{units}]", color=color)
            ax.setPen(pg.mkPen(color))
            ax.setTextPen(pg.mkPen(color))
            # 1 px pens (bench/hmi.py: 1.6 px pens alone cost ~20x per frame), clip to view,
            # peak downsampling, Y extent of the whole series: see TrendCurve
            curve = TrendCurve(color)
            scatter = pg.ScatterPlotItem(size=7, symbol="o", pen=pg.mkPen(color),
                                         brush=pg.mkBrush("#efefef"))
            vb.addItem(curve)
            vb.addItem(scatter)
            self.curves.append((curve, None, scatter))
            if pen.y_range is not None:
                conv = self.ctx.units.converter(pen.units)
                vb.setYRange(conv(pen.y_range[0]), conv(pen.y_range[1]), padding=0)
            else:
                vb.enableAutoRange(axis=pg.ViewBox.YAxis, enable=True)
        self._sync_views()
        self._rebuild_legend()

    def _sync_views(self) -> None:
        for vb in self.views:
            vb.setGeometry(self.main_vb.sceneBoundingRect())
            vb.linkedViewChanged(self.main_vb, vb.XAxis)

    @staticmethod
    def _color(i: int, pen: Pen) -> str:
        return pen.color or PEN_COLORS[i % len(PEN_COLORS)]

    def _rebuild_legend(self) -> None:
        parts = []
        for i, pen in enumerate(self.model.pens):
            color = self._color(i, pen)
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
            color = self._color(i, pen)
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
            csv.writer(f).writerows(csv_rows(self.model, self.ctx.units))

    def _export_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export PNG"), "tendencia.png",
                                              "PNG (*.png)")
        if path:
            self.plot.grab().save(path, "PNG")

    # -- trend sets --------------------------------------------------------------------------
    def refresh_sets(self, select: str | None = None) -> None:
        """Refill the list from the store; say so when files could not be read."""
        names = self.store.names()
        current = select if select is not None else self.sets.currentData()
        self.sets.blockSignals(True)
        self.sets.clear()
        self.sets.addItem(tr("— saved trend sets —"), None)
        for name in names:
            self.sets.addItem(name, name)
        idx = self.sets.findData(current) if current is not None else -1
        self.sets.setCurrentIndex(max(0, idx))
        self.sets.blockSignals(False)
        self._update_set_buttons()
        problems = self.store.problems
        if problems:
            self.set_message.setText(
                tr("%n saved trend set file(s) could not be read; they were left as they "
                   "are in %1").replace("%n", str(len(problems)))
                .replace("%1", str(self.store.folder)))
            self.set_message.setToolTip("\n".join(p.reason for p in problems))

    def _update_set_buttons(self) -> None:
        self.delete_set.setEnabled(self.sets.currentData() is not None)
        self.save_set.setEnabled(bool(self.model.pens))

    def _on_set_chosen(self, index: int) -> None:
        name = self.sets.itemData(index)
        if name is not None:
            self.load_set(name)

    def _say(self, text: str, tip: str = "") -> None:
        self.set_message.setText(text)
        self.set_message.setToolTip(tip)

    def load_set(self, name: str) -> bool:
        try:
            trend_set = self.store.load(name)
        except TrendSetError as exc:
            self._say(tr("Trend set “%1” could not be read; the file was left as it is")
                      .replace("%1", name), str(exc))
            return False

        def resolve(setting: PenSetting) -> Pen | None:
            info = self.ctx.tags.info(setting.tag)
            if info is None:
                return None
            return Pen(tag=setting.tag, units=info.units, description=info.description,
                       y_range=setting.y_range, color=setting.color)

        missing = self.model.apply_set(trend_set, resolve)
        self.current_set = trend_set.name
        self._update_live()
        self._update_set_buttons()
        if missing:
            self._say(tr("Loaded “%1”; not on this edge, left out: %2")
                      .replace("%1", trend_set.name).replace("%2", ", ".join(missing)))
        else:
            self._say(tr("Loaded “%1”").replace("%1", trend_set.name))
        return True

    def axes_shown(self) -> dict[str, tuple[float, float] | None]:
        """Each pen's Y axis as on screen, in the tag's own units (None: automatic)."""
        out: dict[str, tuple[float, float] | None] = {}
        for i, pen in enumerate(self.model.pens):
            vb = self.main_vb if i == 0 else self.views[i - 1]
            if vb.autoRangeEnabled()[1]:
                out[pen.tag] = None
                continue
            lo, hi = vb.viewRange()[1]
            a = self.ctx.units.to_source(float(lo), pen.units)
            b = self.ctx.units.to_source(float(hi), pen.units)
            out[pen.tag] = (min(a, b), max(a, b))
        return out

    def ask_name(self, default: str) -> str | None:
        """The name to save under (None: cancelled). Replaced in tests."""
        name, ok = QInputDialog.getText(self, tr("Save trend set"),
                                        tr("Name of the trend set:"),
                                        QLineEdit.EchoMode.Normal, default)
        return name if ok else None

    def confirm(self, question: str) -> bool:
        """Yes/no (default no). Replaced in tests."""
        answer = QMessageBox.question(
            self, tr("Trend sets"), question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _save_set(self) -> None:
        if not self.model.pens:
            self._say(tr("Add at least one pen before saving"))
            return
        name = self.ask_name(self.current_set or "")
        if name is not None:
            self.save_set_as(name)

    def save_set_as(self, name: str) -> bool:
        try:
            name = check_name(name)
        except TrendSetError:
            self._say(tr("A trend set needs a name (at most 80 characters)"))
            return False
        colors = {p.tag: self._color(i, p) for i, p in enumerate(self.model.pens)}
        trend_set = self.model.snapshot(name, self.axes_shown(), colors)
        overwrite = False
        if self.store.exists(name):
            if not self.confirm(tr("A trend set named “%1” already exists. Replace it?")
                                .replace("%1", name)):
                self._say(tr("Not saved"))
                return False
            overwrite = True
        try:
            self.store.save(trend_set, overwrite=overwrite)
        except (TrendSetError, OSError) as exc:
            self._say(tr("The trend set could not be saved"), str(exc))
            return False
        self.current_set = name
        self.refresh_sets(select=name)
        self._say(tr("Saved “%1”").replace("%1", name), str(self.store.path(name)))
        return True

    def _delete_set(self) -> None:
        name = self.sets.currentData()
        if name is None:
            return
        if not self.confirm(tr("Delete the trend set “%1”?").replace("%1", name)):
            return
        try:
            self.store.delete(name)
        except OSError as exc:
            self._say(tr("The trend set could not be deleted"), str(exc))
            return
        if self.current_set == name:
            self.current_set = None
        self.refresh_sets()
        self._say(tr("Deleted “%1”").replace("%1", name))
